"""Lifecycle commands: one transaction each, the case written and one event appended (``steps``).

The ends before a decision (撤回, 终止) live in ``endings``; ``perform`` takes any of them.
"""
from __future__ import annotations

import datetime as dt
import inspect

from django.db import transaction
from django.utils import timezone

from zwfw.errors import Conflict, DomainError

from . import clock, lifecycle, ports
from .acceptance import (
    check_acceptable, check_materials, local_date, missing_materials, owed_materials, promised_materials,
)
from .endings import terminate, withdraw
from .models import Case, Delivery, Suspension, SuspensionKind
from .steps import (  # noqa: F401  (_act is used by the automatic approval)
    LAW, _act, _base_statutory_due, _begin, _close_suspension, _deadlines, _reason, _record, _save, collecting_now,
)

def _deemed_from(case: Case, calendar, today: dt.date):
    """The day this not-yet-accepted case counts as accepted from by law (art. 32), or None."""
    if case.correction_late:
        return case.received_on
    return clock.deemed_accepted_from(calendar, today, received_on=case.received_on,
                                      correction_requested_on=case.correction_requested_on,
                                      corrected_on=case.corrected_on)


def _deemed_note(case: Case, since: dt.date) -> str:
    if case.corrected_on is not None and since == case.corrected_on:
        return f"补正材料收到后 5 个工作日内未作出受理决定，依照{LAW}第三十二条，自补正材料收到之日起即为受理"
    return f"收件后 5 个工作日内未作出受理决定或一次性告知补正，依照{LAW}第三十二条，自收件之日起即为受理"


@transaction.atomic
def accept(case: Case, *, actor, version, at: dt.datetime | None = None, automatic=False, calendar=None) -> Case:
    """受理: the clock starts — from receipt (or the corrected materials) when the law deems it accepted."""
    at = at or timezone.now()
    _begin(case, "accept", actor, version)
    today = local_date(at)
    check_acceptable(case.item, case.applicant, today, case.region)
    calendar = calendar or ports.get_calendar()
    deemed = _deemed_from(case, calendar, today)
    if deemed is None:  # a case the law deems accepted (art. 32) is accepted whatever is missing
        check_materials(case.materials)
    accepted_on = deemed or today
    fields = {"accepted_on": accepted_on, "deemed_accepted": deemed is not None}
    fields |= _deadlines(case, calendar, accepted_on=accepted_on)
    owed, promised = owed_materials(case.materials), promised_materials(case.materials)
    data = {"accepted_on": accepted_on.isoformat(), "deemed_from_receipt": deemed is not None,
            "owed": owed, "promised": promised}
    note = "；".join(filter(None, [
        _deemed_note(case, deemed) if deemed else "",
        f"容缺受理，待补交：{'、'.join(owed)}" if owed else "",
        f"申请人书面承诺代替：{'、'.join(promised)}（告知承诺）" if promised else ""]))
    _act(case, "accept", actor=actor, version=version, at=at, automatic=automatic, note=note, data=data, **fields)
    ports.assess_fees(case, actor, at)
    return case


def deem_accepted(case: Case, *, at: dt.datetime, calendar=None) -> Case | None:
    """The law accepts a case nobody decided on in time (art. 32): no clerk acts, the clock runs from
    receipt (or from the corrected materials). Runs in the caller's transaction; None if not due."""
    calendar = calendar or ports.get_calendar()
    if case.status not in (lifecycle.APPLIED, lifecycle.CORRECTION):
        return None
    since = _deemed_from(case, calendar, local_date(at))
    if since is None:
        return None
    fields = {"status": lifecycle.ACCEPTED, "accepted_on": since, "deemed_accepted": True}
    _save(case, case.version, **fields | _deadlines(case, calendar, accepted_on=since))
    _record(case, "accepted", at=at, note=_deemed_note(case, since),
               data={"accepted_on": since.isoformat(), "deemed_from_receipt": True})
    ports.assess_fees(case, None, at)
    return case


@transaction.atomic
def reject(case: Case, *, actor, version, reason: str, legal_basis: str = "", at=None, automatic=False) -> Case:
    """不予受理, with the reason the applicant is told and the law it rests on."""
    at = at or timezone.now()
    _begin(case, "reject", actor, version)
    reason = _reason(reason, "不予受理的理由")
    legal_basis = (legal_basis or "").strip()
    since = _deemed_from(case, ports.get_calendar(), local_date(at))
    if since is not None:
        raise Conflict(f"{_deemed_note(case, since)}，不能再作出不予受理决定；经审查不符合法定条件的，应作出不予许可决定。",
                       code="deemed_accepted", field="action")
    return _act(case, "reject", actor=actor, version=version, at=at, automatic=automatic, note=reason,
                data={"legal_basis": legal_basis} if legal_basis else None, reason=reason, legal_basis=legal_basis)


@transaction.atomic
def request_correction(case: Case, *, actor, version, reason: str = "", at=None, calendar=None) -> Case:
    """一次性告知补正, once (art. 32): the clock does not run while the applicant corrects.

    Told more than 5 working days after receipt: the notice is recorded, and the case is accepted
    from receipt all the same.
    """
    at = at or timezone.now()
    _begin(case, "request_correction", actor, version)
    if case.correction_requested_on is not None:
        raise Conflict(f"依照{LAW}第三十二条，需要补正的全部内容应当一次告知；该办件已于 "
                       f"{case.correction_requested_on:%Y-%m-%d} 告知补正，不能再次要求补正。",
                       code="correction_once", field="action")
    reason = (reason or "").strip() or "、".join(missing_materials(case.materials))
    reason = _reason(reason, "需要补正的全部内容")
    calendar = calendar or ports.get_calendar()
    today = local_date(at)
    late = clock.correction_notice_late(calendar, case.received_on, today)
    _act(case, "request_correction", actor=actor, version=version, at=at, note=reason,
         data={"late": late}, correction_requested_on=today, correction_late=late)
    if late:
        deem_accepted(case, at=at, calendar=calendar)
    return case


@transaction.atomic
def correct(case: Case, *, actor, version, provided=(), at=None) -> Case:
    """补正: the applicant hands in what was missing; the case is ready to be accepted again."""
    provided = {p.strip() for p in provided}
    materials = [m | {"provided": m["provided"] or m["name"] in provided} for m in case.materials]
    at = at or timezone.now()
    return _act(case, "correct", actor=actor, version=version, at=at,
                data={"provided": sorted(provided)}, materials=materials, corrected_on=local_date(at))


def transfer(case: Case, *, actor, version, office="", approver="", at=None) -> Case:
    """流转 to a chosen office or approver of the case's department (zwfw.routing; each transfer is counted)."""
    return ports.routing().transfer(case, actor=actor, version=version, office=office, approver=approver, at=at)


def return_to_window(case: Case, *, actor, version, reason="", at=None) -> Case:
    """退回 from the back office to the window, with the reason (zwfw.routing)."""
    return ports.routing().return_to_window(case, actor=actor, version=version, reason=reason, at=at)


def reassign(case: Case, *, actor, version, office="", approver="", reason="", at=None) -> Case:
    """改派 inside the department by its lead or centre staff, with reason (zwfw.routing)."""
    return ports.routing().reassign(case, actor=actor, version=version, office=office, approver=approver,
                                    reason=reason, at=at)


@transaction.atomic
def start_review(case: Case, *, actor, version, at=None) -> Case:
    return _act(case, "start_review", actor=actor, version=version, at=at or timezone.now())


def _expected_days(value) -> int:
    try:
        n = int(str(value).strip())
    except (TypeError, ValueError):
        n = 0
    if not 1 <= n <= 365:
        raise DomainError("请填写特别程序预计所需的工作日数（1—365）。", code="expected_days", field="expected_days")
    return n


@transaction.atomic
def suspend(case: Case, *, actor, version, kind: str, reason: str = "", notice: str = "", expected_days=None,
            at=None) -> Case:
    """挂起 for a special procedure of art. 45; the applicant is told in writing how long it takes."""
    at = at or timezone.now()
    _begin(case, "suspend", actor, version)
    procedure = SuspensionKind.objects.filter(code=(kind or "").strip(), active=True).first()
    if procedure is None:
        names = "、".join(SuspensionKind.objects.filter(active=True).values_list("name", flat=True))
        raise DomainError(f"请选择特别程序：{names}。", code="suspension_kind", field="kind")
    notice = (notice or "").strip()
    if not notice:
        raise DomainError(f"依照{LAW}第四十五条，应将特别程序所需时间书面告知申请人，请填写告知书文号或内容。",
                          code="notice_required", field="notice")
    days = _expected_days(expected_days)
    today, reason = local_date(at), (reason or "").strip()
    _act(case, "suspend", actor=actor, version=version, at=at,
         note=f"{procedure.name}{'：' + reason if reason else ''}（预计 {days} 个工作日，已书面告知：{notice}）",
         data={"kind": procedure.code, "expected_days": days, "notice": notice}, suspended_since=today)
    Suspension.objects.create(case=case, kind=procedure.code, reason=reason, started_on=today, notice=notice,
                              notified_on=today, expected_days=days)
    return case


@transaction.atomic
def resume(case: Case, *, actor, version, at=None, calendar=None) -> Case:
    """恢复计时: the suspended working days move both deadlines."""
    at = at or timezone.now()
    _begin(case, "resume", actor, version)
    calendar = calendar or ports.get_calendar()
    fields = _close_suspension(case, calendar, local_date(at))
    days = fields["suspended_days"] - case.suspended_days
    fields |= _deadlines(case, calendar, suspended_days=fields["suspended_days"])
    return _act(case, "resume", actor=actor, version=version, at=at, note=f"挂起 {days} 个工作日，不计入办理时限",
                data={"suspended_days": days}, **fields)


@transaction.atomic
def extend(case: Case, *, actor, version, reason: str, approved_by: str = "", notified=False, at=None,
           calendar=None) -> Case:
    """延长 the statutory limit once by 10 working days (art. 42): before it has run out, approved by the
    organ's head, the reason told to the applicant. The promised deadline does not move."""
    at = at or timezone.now()
    _begin(case, "extend", actor, version)
    calendar = calendar or ports.get_calendar()
    today = local_date(at)
    refusal = clock.extension_refusal(calendar, today, case.statutory_due, bool(case.extension_days))
    if refusal:
        raise Conflict(refusal, code="extension_refused", field="action")
    reason = _reason(reason, "延长办理期限的理由")
    approved_by = (approved_by or "").strip()
    if not approved_by:
        raise DomainError("延长办理期限须经本行政机关负责人批准，请填写批准的负责人。", code="approval_required",
                          field="approved_by")
    if str(notified).strip().lower() not in ("1", "true", "on", "yes"):
        raise DomainError("请先将延长期限的理由告知申请人，并勾选“已告知申请人”。", code="notice_required", field="notified")
    days = clock.EXTENSION_DAYS
    fields = {"extension_days": days, "extension_reason": reason, "extension_approved_by": approved_by,
              "extension_notified_on": today, "statutory_due": _deadlines(case, calendar, extension_days=days)["statutory_due"]}
    return _act(case, "extend", actor=actor, version=version, at=at,
                note=f"{reason}（经{approved_by}批准，已告知申请人）",
                data={"days": days, "approved_by": approved_by, "notified_on": today.isoformat()}, **fields)


def _decision(case: Case, calendar, today: dt.date) -> dict:
    """The decision stops both clocks (art. 42): the day, and the working days saved against the
    statutory limit without the extension."""
    saved = clock.saved_days(calendar, today, _base_statutory_due(case, calendar), case.statutory_due)
    return {"decided_on": today, "saved_days": saved}


def _saved_note(case: Case, calendar) -> str:
    within = bool(case.extension_days) and case.decided_on > _base_statutory_due(case, calendar)
    return clock.saved_sentence(case.saved_days, within_extension=within)


@transaction.atomic
def approve(case: Case, *, actor, version, at=None, automatic=False, calendar=None) -> Case:
    """准予许可: the decision clocks stop; the result is due to be delivered in 10 working days (art. 44)."""
    at = at or timezone.now()
    _begin(case, "approve", actor, version)
    calendar = calendar or ports.get_calendar()
    today = local_date(at)
    fields = _decision(case, calendar, today) | {"delivery_due": clock.delivery_due(calendar, today)}
    case.decided_on, case.saved_days = fields["decided_on"], fields["saved_days"]
    _act(case, "approve", actor=actor, version=version, at=at, automatic=automatic, note=_saved_note(case, calendar),
         data={"saved_days": fields["saved_days"], "delivery_due": fields["delivery_due"].isoformat()}, **fields)
    return case


@transaction.atomic
def deny(case: Case, *, actor, version, reason: str, at=None, calendar=None) -> Case:
    """不予许可, with the reason: the decision clocks stop."""
    at = at or timezone.now()
    _begin(case, "deny", actor, version)
    reason = _reason(reason, "不予许可的理由")
    calendar = calendar or ports.get_calendar()
    fields = _decision(case, calendar, local_date(at))
    case.decided_on, case.saved_days = fields["decided_on"], fields["saved_days"]
    return _act(case, "deny", actor=actor, version=version, at=at, note=f"{reason}（{_saved_note(case, calendar)}）",
                reason=reason,
                data={"saved_days": fields["saved_days"]}, **fields)


@transaction.atomic
def issue(case: Case, *, actor, version, at=None, automatic=False) -> Case:
    """颁发 the result; an item that yields a licence gets it issued in this transaction."""
    at = at or timezone.now()
    _begin(case, "issue", actor, version)
    ports.ensure_fees_paid(case)  # an unpaid fee: nothing is issued
    data = {}
    if case.item.licence_kind:
        licence = ports.issue_for_case(case, actor, at)
        if licence is not None:
            data = {"licence_kind": case.item.licence_kind, "licence": str(getattr(licence, "identifier", licence))}
    return _act(case, "issue", actor=actor, version=version, at=at, automatic=automatic, data=data)


@transaction.atomic
def complete(case: Case, *, actor, version, delivery: str = Delivery.WINDOW, tracking_number: str = "", at=None,
             calendar=None) -> Case:
    """办结 with delivery at the window or by post; the working days saved are kept."""
    at = at or timezone.now()
    _begin(case, "complete", actor, version)
    if delivery not in Delivery.values:
        raise DomainError("送达方式应为窗口领取或邮寄送达。", code="delivery", field="delivery")
    tracking_number = (tracking_number or "").strip()
    if case.status != lifecycle.DENIED:
        ports.ensure_fees_paid(case)
    if delivery == Delivery.POST and not tracking_number:
        raise DomainError("邮寄送达请填写邮件号。", code="tracking_number_required", field="tracking_number")
    note = ""
    if case.delivery_due is not None:
        late = -clock.remaining(calendar or ports.get_calendar(), local_date(at), case.delivery_due)
        note = f"超过颁发送达期限 {late} 个工作日" if late > 0 else "在颁发送达期限内送达"
    return _act(case, "complete", actor=actor, version=version, at=at, note=note,
                data={"delivery": delivery, "tracking_number": tracking_number, "saved_days": case.saved_days},
                completed_at=at, delivery=delivery, tracking_number=tracking_number)


COMMANDS = {
    "accept": accept, "reject": reject, "request_correction": request_correction, "correct": correct,
    "transfer": transfer, "start_review": start_review, "suspend": suspend, "resume": resume, "extend": extend,
    "approve": approve, "deny": deny, "issue": issue, "complete": complete, "withdraw": withdraw,
    "terminate": terminate, "return": return_to_window, "reassign": reassign,
}
PARAMS = {
    "reject": {"reason", "legal_basis"}, "request_correction": {"reason"}, "correct": {"provided"},
    "transfer": {"office", "approver"}, "return": {"reason"}, "reassign": {"office", "approver", "reason"},
    "suspend": {"kind", "reason", "notice", "expected_days"}, "extend": {"reason", "approved_by", "notified"},
    "deny": {"reason"}, "complete": {"delivery", "tracking_number"}, "withdraw": {"reason"},
    "terminate": {"kind", "reason"},
}


#: The commands that take the official calendar (a batch passes the one it read once).
TAKES_CALENDAR = frozenset(code for code, fn in COMMANDS.items() if "calendar" in inspect.signature(fn).parameters)


def perform(case: Case, code: str, *, actor, version, at=None, calendar=None, **params) -> Case:
    """Take lifecycle action ``code`` (adapters call this); unknown parameters are ignored.

    Inside ``steps.collecting()`` (bulk intake) the command runs within the batch's transaction,
    without a savepoint of its own: a refused step writes nothing and the batch undoes its changes."""
    lifecycle.action(code)
    wanted = {k: v for k, v in params.items() if k in PARAMS.get(code, set()) and v is not None}
    if calendar is not None and code in TAKES_CALENDAR:
        wanted["calendar"] = calendar
    command = COMMANDS[code]
    if collecting_now():
        command = inspect.unwrap(command)
    return command(case, actor=actor, version=version, at=at, **wanted)
