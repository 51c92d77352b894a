"""Readers of electronic licences: verification, what an applicant holds, counts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from zwfw.cn import chinese_date
from zwfw.errors import NotFound
from zwfw.identifiers import mask_id
from zwfw.timeframe import after_day

from . import identifier
from .masking import mask_holder_name
from .models import Licence, LicenceStatus


def valid_q(on: dt.date) -> Q:
    """Licences valid on ``on``: in their validity, not revoked, not superseded by then."""
    return (Q(valid_from__lte=on) & (Q(valid_until__isnull=True) | Q(valid_until__gte=on))
            & (Q(revoked_at__isnull=True) | Q(**after_day("revoked_at", on)))
            & (Q(superseded_by__isnull=True) | Q(superseded_by__valid_from__gt=on)))


def valid_licence_kinds(applicant, on: dt.date) -> set[str]:
    """Kinds ``applicant`` holds valid on ``on`` — both names and type codes, so a
    guide material's ``licence_kind`` matches whichever it names (免提交)."""
    rows = Licence.objects.filter(valid_q(on), holder=applicant).values_list("kind__name", "kind__code").distinct()
    return {value for pair in rows for value in pair}


def licences_of(applicant):
    return Licence.objects.filter(holder=applicant).select_related("kind", "issuer", "superseded_by")


@dataclass(frozen=True)
class Verification:
    """What the public verification page and API show (holder masked)."""

    identifier: str
    status: str
    status_label: str
    kind: str
    issuer: str
    holder: str
    holder_id: str
    issued_on: dt.date
    valid_from: dt.date
    valid_until: dt.date | None
    deemed_renewal: bool
    revoked_on: dt.date | None
    revoked_reason: str
    superseded_by: str | None
    checked_on: dt.date

    @property
    def issued_text(self) -> str:
        return chinese_date(self.issued_on)

    @property
    def valid_from_text(self) -> str:
        return chinese_date(self.valid_from)

    @property
    def valid_until_text(self) -> str:
        return chinese_date(self.valid_until) if self.valid_until else "长期有效"

    @property
    def revoked_text(self) -> str:
        return chinese_date(self.revoked_on) if self.revoked_on else ""

    @property
    def badge(self) -> str:
        return {LicenceStatus.VALID: "ok", LicenceStatus.EXPIRED: "warn"}.get(self.status, "bad")


def verify(text: str, on: dt.date | None = None) -> Verification:
    """Look up a licence by identifier; DomainError for a malformed one, NotFound if unknown."""
    on = on or timezone.localdate()
    canonical = identifier.normalise(text)
    licence = (Licence.objects.select_related("kind", "issuer", "holder", "superseded_by")
               .filter(identifier=canonical).first())
    if licence is None:
        raise NotFound("未查到该电子证照，请核对标识是否与证照上的一致。", code="licence_not_found", field="identifier")
    holder = licence.holder
    status = licence.status_on(on)
    return Verification(
        identifier=licence.identifier, status=str(status), status_label=LicenceStatus(status).label,
        kind=licence.kind.name, issuer=licence.issuer.name,
        holder=mask_holder_name(holder.name, holder.kind == holder.PERSON), holder_id=mask_id(holder.id_number),
        issued_on=licence.issued_on, valid_from=licence.valid_from, valid_until=licence.valid_until,
        deemed_renewal=licence.deemed_renewal,
        revoked_on=timezone.localdate(licence.revoked_at) if status == LicenceStatus.REVOKED else None,
        revoked_reason=licence.revoked_reason if status == LicenceStatus.REVOKED else "",
        superseded_by=licence.superseded_by.identifier if status == LicenceStatus.SUPERSEDED else None,
        checked_on=on,
    )


@dataclass(frozen=True)
class LicenceCount:
    department_id: int
    department: str
    kind: str
    count: int


def licence_counts(until: dt.date, since: dt.date | None = None) -> list[LicenceCount]:
    """Licences made and issued (制作颁发) per department and kind, issued on or before ``until``
    (and on or after ``since``). Every version counts: a renewal is a licence issued."""
    qs = Licence.objects.filter(issued_on__lte=until)
    if since is not None:
        qs = qs.filter(issued_on__gte=since)
    rows = (qs.values("issuer_id", "issuer__name", "issuer__display_order", "kind__name")
            .annotate(n=Count("id")).order_by("issuer__display_order", "issuer_id", "kind__name"))
    return [LicenceCount(r["issuer_id"], r["issuer__name"], r["kind__name"], r["n"]) for r in rows]


def licence_total(until: dt.date, since: dt.date | None = None) -> int:
    """The briefing's "累计制作颁发电子证照 N 张"."""
    return sum(c.count for c in licence_counts(until, since))
