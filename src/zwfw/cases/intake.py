"""Applying (申请/收件): a case is opened after the acceptance decision; automatic approval follows."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from zwfw.accounts.scoping import ensure_can_act
from zwfw.catalog.models import HandlingItem
from zwfw.errors import DomainError, Forbidden

from .acceptance import check_acceptable, local_date, material_checklist
from .automatic import try_automatic
from .events import case_event
from .models import Case, CaseSequence, CaseStatus, Channel
from .numbering import case_number


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
        try_automatic(case, at=at)
    return case
