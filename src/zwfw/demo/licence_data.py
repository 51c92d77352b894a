"""Electronic licence kinds of the demo catalogue, and licences for a sample of historical cases."""
from __future__ import annotations

import random

from django.db import transaction

from zwfw.catalog.models import HandlingItem
from zwfw.licences import services as licences
from zwfw.licences.models import LicenceKind

LONG_TERM = {"营业执照", "教师资格证", "律师执业证", "医师执业证书", "导游证", "社会团体法人登记证书"}
ONE_YEAR = {"出口许可证", "原产地证书", "外国人工作许可证"}


def load_kinds() -> int:
    """One LicenceKind per licence the catalogue's items yield (GB/T 36904 type codes 101, 102, …)."""
    names = sorted(set(HandlingItem.objects.exclude(licence_kind="").values_list("licence_kind", flat=True)))
    names += sorted({"居民身份证", "营业执照"} - set(names))
    for n, name in enumerate(names, start=101):
        if LicenceKind.objects.filter(name=name).exists():
            continue
        code = str(n)
        while LicenceKind.objects.filter(code=code).exists():
            code = str(int(code) + 100)
        years = None if name in LONG_TERM else 1 if name in ONE_YEAR else 5
        LicenceKind.objects.create(code=code, name=name, validity_years=years)
    return LicenceKind.objects.count()


def issue_sample(rng: random.Random, cases: list, limit: int, users: dict) -> int:
    """Licences for a sample of completed historical cases whose item yields one, in issue order.

    Uses the licences service (renewal of a held licence for 延续 items) and writes the identifier
    into the case's 颁发 event, as the lifecycle's issue step does.
    """
    from zwfw.cases.models import CaseEvent

    eligible = [c for c in cases if c.status == "completed" and c.item.licence_kind]
    sample = sorted(rng.sample(eligible, min(limit, len(eligible))), key=lambda c: (c.completed_at, c.pk))
    issued = 0
    with transaction.atomic():
        for case in sample:
            event = CaseEvent.objects.filter(case=case, kind="issued").first()
            if event is None:
                continue
            actor = users.get(case.department.code) or users.get("zongchuang")
            licence = licences.issue_for_case(case, actor, event.at)
            if licence is not None:
                event.data = {"licence_kind": case.item.licence_kind, "licence": licence.identifier}
                event.save(update_fields=["data"])
                issued += 1
    return issued
