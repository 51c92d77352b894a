"""Correcting a mistaken case (更正): centre staff only, through this service, with a reason.

Only the fields of the allow-list can be corrected; each change is one append-only
``CaseCorrection`` (old, new, reason, who, when). Fields that would falsify the law's clock or
the figures (dates, deadlines, status, department, number) are refused with the reason. Where
the figures depend on a corrected value — the window that received the case, the item's power
type — the case's events and their counters are moved in the same transaction, so the counters
stay what ``zwfw stats rebuild`` would compute from the event log.
"""
from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zwfw.accounts import roles
from zwfw.cases import windows
from zwfw.cases.applicants import validate_identifier, validate_phone
from zwfw.cases.models import UNDECIDED_STATUSES, Applicant, Case, CaseEvent, Channel
from zwfw.errors import DomainError, Forbidden

from .models import CaseCorrection

#: What can be corrected, and how it is named to people.
CORRECTABLE = {
    "applicant_name": "申请人姓名（名称）",
    "applicant_id_number": "申请人证件号码",
    "applicant_phone": "联系电话",
    "applicant_address": "联系地址",
    "channel": "申请渠道",
    "window": "受理窗口",
    "item": "办理项",
}
WINDOW_CHOICES = {windows.COMPREHENSIVE: "综合窗口", windows.DEPARTMENT: "部门窗口"}

_CLOCK = "办理时限以办理过程记录为准，更正会改变法定时限的计算，不能更正"
#: Fields never corrected here, with the reason the refusal gives.
REFUSED = {
    "received_on": _CLOCK, "accepted_on": _CLOCK, "applied_at": _CLOCK, "statutory_due": _CLOCK,
    "promised_due": _CLOCK, "decided_on": _CLOCK, "completed_at": _CLOCK, "suspended_days": _CLOCK,
    "extension_days": _CLOCK, "saved_days": _CLOCK, "delivery_due": _CLOCK, "deemed_accepted": _CLOCK,
    "status": "办件状态只能通过办理动作（受理、流转、退回、决定等）改变",
    "department": "办理部门不能更正：应由原部门不予受理或终止办理，再由正确的部门受理",
    "number": "办件编号已印在回执和文书上，不能更正",
    "query_code": "查询码已印在受理回执上，不能更正",
    "reason": "不予受理、不予许可的理由已书面告知申请人，不能更正",
    "legal_basis": "决定依据已书面告知申请人，不能更正",
}
#: Events recorded at the window that received the case (moved when that window is corrected).
INTAKE_EVENTS = ("applied", "correction_requested", "corrected", "accepted", "rejected", "transferred")


def _refuse(message: str, code: str, field: str = "value"):
    raise DomainError(message, code=code, field=field)


def check_field(field: str) -> str:
    field = (field or "").strip()
    if field in REFUSED:
        _refuse(f"不能更正该项：{REFUSED[field]}。", "not_correctable", "field")
    if field not in CORRECTABLE:
        _refuse(f"请选择可更正的项目：{'、'.join(CORRECTABLE.values())}。", "not_correctable", "field")
    return field


def may_correct(user) -> bool:
    return bool(user is not None and getattr(user, "is_active", False) and (
        getattr(user, "is_superuser", False) or getattr(user, "role", None) == roles.CENTRE_STAFF))


def _move_events(events, **changes) -> int:
    """Move each counted event of ``events`` to its corrected key: the old counter down, the event
    changed, the new counter up (stats.services.record / uncount), all in the caller's transaction."""
    from zwfw.stats import services as stats

    moved = 0
    for event in events:
        stats.uncount(event)
        for name, value in changes.items():
            setattr(event, name, value)
        event.save(update_fields=list(changes))
        stats.record(event)
        moved += 1
    return moved


def _applicant_value(case: Case, field: str, value: str):
    a = case.applicant
    if field == "applicant_name":
        if not value:
            _refuse("请填写申请人姓名（名称）。", "value_required")
        if len(value) > 200:
            _refuse("申请人姓名（名称）过长（最多 200 个字）。", "value_too_long")
        return a.name, value, lambda: Applicant.objects.filter(pk=a.pk).update(name=value), {}
    if field == "applicant_phone":
        phone = validate_phone(value)
        return a.phone, phone, lambda: Applicant.objects.filter(pk=a.pk).update(phone=phone), {}
    if field == "applicant_address":
        if len(value) > 200:
            _refuse("联系地址过长（最多 200 个字）。", "value_too_long")
        return a.address, value, lambda: Applicant.objects.filter(pk=a.pk).update(address=value), {}
    # The ID number: the case goes to the applicant registered under the right number (created if
    # none is); the record under the wrong number is left as it is, other cases may rightly use it.
    try:
        number = validate_identifier(a.kind, value)
    except DomainError as exc:
        raise DomainError(exc.message, code=exc.code, field="value") from None
    right = Applicant.objects.filter(id_number=number).first()
    if right is not None and (right.kind != a.kind or right.name != a.name):
        _refuse("该证件号码登记的申请人姓名（名称）、类型与本办件不一致，请先核对姓名（名称）。", "applicant_mismatch")

    def apply():
        target = right or Applicant.objects.create(kind=a.kind, name=a.name, id_number=number, phone=a.phone,
                                                   address=a.address, region=a.region)
        Case.objects.filter(pk=case.pk).update(applicant=target)
        case.applicant = target
    return a.id_number, number, apply, {}


def _code(value: str, choices: dict) -> str:
    """A choice given by its code or by its Chinese name."""
    return next((code for code, label in choices.items() if value in (code, label)), value)


def _channel_value(case: Case, value: str):
    value = _code(value, dict(Channel.choices))
    if value not in Channel.values:
        _refuse(f"申请渠道应为：{'、'.join(Channel.labels)}。", "bad_channel")
    if case.at_comprehensive_window and value != Channel.WINDOW:
        _refuse("综合窗口受理的办件，申请渠道只能是窗口申请；如受理窗口有误，请先更正受理窗口。", "channel_window")
    label = dict(Channel.choices)
    return (label[case.channel], label[value], lambda: Case.objects.filter(pk=case.pk).update(channel=value),
            {"channel": value})


def _window_value(case: Case, value: str):
    value = _code(value, WINDOW_CHOICES)
    if value not in WINDOW_CHOICES:
        _refuse(f"受理窗口应为：{'、'.join(WINDOW_CHOICES.values())}。", "bad_window")
    to_comprehensive = value == windows.COMPREHENSIVE
    if to_comprehensive and case.channel != Channel.WINDOW:
        _refuse("只有窗口申请的办件可以由综合窗口受理。", "window_channel")
    if to_comprehensive and not case.item.at_comprehensive_window:
        _refuse("该办理项不在综合窗口受理，不能更正为综合窗口。", "item_not_at_window")
    old = windows.DEPARTMENT if to_comprehensive else windows.COMPREHENSIVE
    effects = {}

    def apply():
        Case.objects.filter(pk=case.pk).update(at_comprehensive_window=to_comprehensive)
        case.at_comprehensive_window = to_comprehensive
        events = CaseEvent.objects.filter(case=case, window=old, kind__in=INTAKE_EVENTS).order_by("at", "id")
        effects["events_moved"] = _move_events(events, window=value)
    return WINDOW_CHOICES[old], WINDOW_CHOICES[value], apply, effects


def _item_value(case: Case, value: str, at):
    from zwfw.cases import ports
    from zwfw.cases.steps import _deadlines
    from zwfw.catalog.models import HandlingItem

    if case.status not in UNDECIDED_STATUSES:
        _refuse("已作出决定的办件不能更正办理项。", "decided")
    item = (HandlingItem.objects.in_force(timezone.localdate(at)).select_related("matter__department")
            .filter(code=value).first())
    if item is None:
        _refuse(f"没有在用的办理项“{value}”。", "no_item")
    if item.matter.department_id != case.department_id:
        _refuse(f"只能更正为本部门（{case.department.name}）的办理项；部门有误的，应不予受理或终止后由正确的部门受理。",
                "item_other_department")
    if case.at_comprehensive_window and not item.at_comprehensive_window:
        _refuse("该办理项不在综合窗口受理；如受理窗口有误，请先更正受理窗口。", "item_not_at_window")
    old_power_type = case.item.matter.power_type_id
    effects = {}

    def apply():
        fields = {"item": item}
        case.item = item
        if case.accepted_on is not None:  # the right item's time limits, from the same acceptance
            fields |= _deadlines(case, ports.get_calendar())
            effects["deadlines"] = {k: v.isoformat() for k, v in fields.items() if k != "item" and v}
        Case.objects.filter(pk=case.pk).update(**fields)
        for name, v in fields.items():
            setattr(case, name, v)
        if item.matter.power_type_id != old_power_type:
            events = CaseEvent.objects.filter(case=case).order_by("at", "id")
            effects["events_moved"] = _move_events(events, power_type_id=item.matter.power_type_id)
    return f"{case.item.code} {case.item}", f"{item.code} {item}", apply, effects


@transaction.atomic
def correct_case(*, case: Case, field: str, value, reason: str, actor, at=None) -> CaseCorrection:
    """Correct one allow-listed ``field`` of ``case`` to ``value``, recorded with ``reason``."""
    if not may_correct(actor):
        raise Forbidden("只有政务平台服务处人员可以更正办件信息。", code="not_centre_staff", field="field")
    field = check_field(field)
    reason = (reason or "").strip()
    if not reason:
        _refuse("请填写更正理由。", "reason_required", "reason")
    at = at or timezone.now()
    case = Case.objects.select_for_update().select_related("applicant", "item__matter", "department").get(pk=case.pk)
    value = str(value if value is not None else "").strip()
    if field.startswith("applicant_"):
        old, new, apply, effects = _applicant_value(case, field, value)
    elif field == "channel":
        old, new, apply, effects = _channel_value(case, value)
    elif field == "window":
        old, new, apply, effects = _window_value(case, value)
    else:
        old, new, apply, effects = _item_value(case, value, at)
    if old == new:
        _refuse(f"{CORRECTABLE[field]}已经是“{new}”，无需更正。", "unchanged")
    apply()
    # A correction is a change of the case: a form opened before it is stale (cases.steps' version check).
    Case.objects.filter(pk=case.pk).update(updated_at=at, version=F("version") + 1)
    return CaseCorrection.objects.create(case=case, field=field, label=CORRECTABLE[field], old=old, new=new,
                                         reason=reason, actor=actor, at=at, effects=effects)
