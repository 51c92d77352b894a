"""Applying and the acceptance checks (受理审查): in force, not delegated, not listed, materials."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from zwfw.accounts.scoping import ensure_can_act
from zwfw.catalog.models import HandlingItem
from zwfw.cn import chinese_date
from zwfw.errors import DomainError, Forbidden

from . import ports
from .events import case_event
from .models import Case, CaseSequence, CaseStatus, Channel
from .numbering import case_number


def local_date(at: dt.datetime) -> dt.date:
    return timezone.localdate(at)


def next_serial(day: dt.date) -> int:
    """The next daily serial; the row lock is held until the caller's transaction ends."""
    if not CaseSequence.objects.filter(day=day).update(last=F("last") + 1):
        try:
            with transaction.atomic():
                CaseSequence.objects.create(day=day, last=1)
                return 1
        except IntegrityError:
            CaseSequence.objects.filter(day=day).update(last=F("last") + 1)
    return CaseSequence.objects.filter(day=day).values_list("last", flat=True).get()


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
    ports.check_renewal(applicant, item, on)


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


# ---- apply ------------------------------------------------------------------------------------

def _check_applier(actor, item: HandlingItem, applicant, channel: str) -> bool:
    """Who may file this application; returns whether it is at the comprehensive window."""
    role = getattr(actor, "role", None)
    if role == "applicant":
        if applicant.user_id != actor.pk:
            raise Forbidden("只能以本人（本单位）名义提交申请。", code="not_own_application")
        if channel != Channel.ONLINE:
            raise DomainError("申请人只能通过网上申请提交。", field="channel")
        return False
    if role == "comprehensive_clerk":
        if not item.at_comprehensive_window:
            raise DomainError(
                f"“{item}”未进驻综合窗口，请到{item.matter.department.name}窗口办理。",
                code="not_at_comprehensive_window", field="item")
        return True
    ensure_can_act(actor, item.matter.department)
    return False


@transaction.atomic
def apply(*, item: HandlingItem, applicant, actor, channel: str = Channel.WINDOW, at: dt.datetime | None = None,
          region=None, provided=(), bundle_application=None, materials: list[dict] | None = None,
          automatic: bool = True) -> Case:
    """申请: open a case (status 已申请) after the acceptance checks; nothing is written if one fails."""
    at = at or timezone.now()
    on = local_date(at)
    if channel not in Channel.values:
        raise DomainError("申请渠道无效。", field="channel")
    comprehensive = _check_applier(actor, item, applicant, channel)
    check_acceptable(item, applicant, on, region)
    if materials is None:
        materials = material_checklist(item, applicant, on, provided)
    case = Case.objects.create(
        number=case_number(on, next_serial(on)), item=item, department=item.matter.department, applicant=applicant,
        status=CaseStatus.APPLIED, applied_at=at, received_on=on, channel=channel,
        at_comprehensive_window=comprehensive, region=region or applicant.region, materials=materials,
        bundle_application=bundle_application,
    )
    case_event(case, "applied", at=at, actor=actor, data={"channel": channel})
    if automatic and item.auto_approval:
        from .automatic import try_automatic

        try_automatic(case, at=at)
    return case
