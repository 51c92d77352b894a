"""The acceptance decision (受理审查): in force, not delegated, not listed, materials.

This module decides and writes nothing; ``intake`` (applying), ``actions`` (受理) and
``automatic`` (智能审批) call it.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from zwfw.catalog.models import HandlingItem
from zwfw.cn import chinese_date
from zwfw.errors import DomainError

from . import ports


def local_date(at: dt.datetime) -> dt.date:
    return timezone.localdate(at)


# ---- checks -----------------------------------------------------------------------------------

def item_in_force(item: HandlingItem, on: dt.date) -> bool:
    return HandlingItem.objects.in_force(on).filter(
        Q(pk=item.pk), Q(matter__valid_from__lte=on), Q(matter__valid_to__isnull=True) | Q(matter__valid_to__gt=on),
    ).exists()


def check_acceptable(item: HandlingItem, applicant, on: dt.date, region=None) -> None:
    """Raise DomainError (nothing written) unless the province may accept this application on ``on``."""
    if not item_in_force(item, on):
        raise DomainError(
            f"办理项“{item}”在 {chinese_date(on)}不在有效期内，不能受理。", code="item_not_in_force", field="item")
    region = region or applicant.region
    if region is not None:
        delegation = ports.handler_for(item, region, on)
        if delegation is not None:
            delegate = delegation.delegate_for(region)
            raise DomainError(
                f"自 {chinese_date(delegation.valid_from)}起，{region.name}的“{item.matter.name}”已"
                f"{delegation.get_kind_display()}{delegate}办理，省级不予受理，请向{delegate}申请。",
                code="delegated", field="item")
    listing = ports.blocking_listing(applicant, item, on)
    if listing is not None:
        end = getattr(listing, "end_date", None)
        until = f"{chinese_date(end)}前" if end else "移出异常名录前"
        raise DomainError(
            f"申请人“{applicant.name}”已被列入异常名录（{listing.reason}），{until}不予受理该事项的申请。",
            code="applicant_listed", field="applicant")


def material_checklist(item: HandlingItem, applicant, on: dt.date, provided=()) -> list[dict]:
    """The guide's materials; one the applicant holds as a valid electronic licence is 免提交."""
    held = ports.valid_licence_kinds(applicant, on)
    provided = {p.strip() for p in provided}
    out = []
    for m in ports.guide_materials(item):
        exempt = bool(m.licence_kind) and m.licence_kind in held
        out.append({
            "name": m.name, "copies": m.copies, "required": m.required, "licence_kind": m.licence_kind,
            "exempt": exempt, "provided": exempt or m.name in provided,
        })
    return out


def materials_complete(materials: list[dict]) -> bool:
    return all(m["provided"] for m in materials if m["required"])


def missing_materials(materials: list[dict]) -> list[str]:
    return [m["name"] for m in materials if m["required"] and not m["provided"]]
