"""Lifecycle commands: one transaction each, the case written and one event appended.

Every command takes the ``version`` the actor saw; the write is a conditional
``UPDATE … WHERE version = expected``, so of two clerks acting at once one wins and
the other gets a Conflict. The state machine in ``lifecycle`` says what is allowed.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from zwfw.accounts import roles
from zwfw.accounts.scoping import ensure_can_act
from zwfw.errors import Conflict, DomainError, Forbidden

from . import clock, lifecycle, ports
from .acceptance import (
    check_acceptable, check_materials, local_date, missing_materials, owed_materials, promised_materials,
)
from .events import case_event
from .models import Case, Delivery, Suspension

STALE = "该办件已被他人办理，请刷新后重试。"


def _authorise(actor, case: Case, code: str) -> None:
    if actor is None:  # automatic approval: the rule engine acts, no person
        return
    role = getattr(actor, "role", None)
    if role == "applicant":
        if case.applicant.user_id != actor.pk:
            raise Forbidden("只能办理本人（本单位）的申请。", code="not_own_application")
    else:
        ensure_can_act(actor, case.department)
    lifecycle.check_role(role, roles.label(role), code, is_superuser=getattr(actor, "is_superuser", False))


def _begin(case: Case, code: str, actor, version: int | None) -> str:
    _authorise(actor, case, code)
    if version is None:
        raise DomainError("请提供办件版本号（version）。", code="version_required", field="version")
    if int(version) != case.version:
        raise Conflict(STALE, code="stale_version", field="version")
    return lifecycle.check_transition(case.status, code)


def _save(case: Case, version: int, **changes) -> None:
    """The conditional write: nothing happens unless the case is still at ``version``."""
    now = timezone.now()
    done = Case.objects.filter(pk=case.pk, version=version).update(version=F("version") + 1, updated_at=now, **changes)
    if not done:
        raise Conflict(STALE, code="stale_version", field="version")
    for name, value in changes.items():
        setattr(case, name, value)
    case.version = version + 1
    case.updated_at = now


def _deadlines(case: Case, calendar, **override) -> dict:
    values = dict(accepted_on=case.accepted_on, extension_days=case.extension_days,
                  suspended_days=case.suspended_days) | override
    d = clock.deadlines(calendar, values["accepted_on"], case.item.statutory_days, case.item.promised_days,
                        values["extension_days"], values["suspended_days"])
    return {"statutory_due": d.statutory_due, "promised_due": d.promised_due}


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(f"请填写{what}。", code="reason_required", field="reason")
    return reason


def _act(case: Case, code: str, *, actor, version, at, automatic=False, note="", data=None, **changes) -> Case:
    target = _begin(case, code, actor, version)
    _save(case, case.version, status=target, **changes)
    case_event(case, lifecycle.action(code).event, at=at, actor=actor, automatic=automatic, note=note, data=data)
    return case


# ---- the steps ---------------------------------------------------------------------------------

@transaction.atomic
def accept(case: Case, *, actor, version, at: dt.datetime | None = None, automatic=False, calendar=None) -> Case:
    """受理: the clock starts (from receipt when the 补正 notice came too late)."""
    at = at or timezone.now()
    _begin(case, "accept", actor, version)
    today = local_date(at)
    check_acceptable(case.item, case.applicant, today, case.region)
    if not case.correction_late:  # told too late: accepted from receipt by law, whatever is missing
        check_materials(case.materials)
    calendar = calendar or ports.get_calendar()
    accepted_on = case.received_on if case.correction_late else today
    fields = {"accepted_on": accepted_on} | _deadlines(case, calendar, accepted_on=accepted_on)
    owed, promised = owed_materials(case.materials), promised_materials(case.materials)
    data = {"accepted_on": accepted_on.isoformat(), "deemed_from_receipt": case.correction_late,
            "owed": owed, "promised": promised}
    note = "；".join(filter(None, [
        "收件后 5 个工作日内未一次性告知补正，自收件之日起即为受理" if case.correction_late else "",
        f"容缺受理，待补交：{'、'.join(owed)}" if owed else "",
        f"申请人书面承诺代替：{'、'.join(promised)}（告知承诺）" if promised else ""]))
    return _act(case, "accept", actor=actor, version=version, at=at, automatic=automatic, note=note, data=data,
                **fields)


@transaction.atomic
def reject(case: Case, *, actor, version, reason: str, legal_basis: str = "", at=None, automatic=False) -> Case:
    """不予受理, with the reason the applicant is told and the law it rests on."""
    reason = _reason(reason, "不予受理的理由")
    legal_basis = (legal_basis or "").strip()
    return _act(case, "reject", actor=actor, version=version, at=at or timezone.now(), automatic=automatic,
                note=reason, data={"legal_basis": legal_basis} if legal_basis else None, reason=reason,
                legal_basis=legal_basis)


@transaction.atomic
def request_correction(case: Case, *, actor, version, reason: str = "", at=None, calendar=None) -> Case:
    """一次性告知补正: the clock does not run. Told more than 5 working days after receipt → deemed accepted."""
    at = at or timezone.now()
    reason = (reason or "").strip() or "、".join(missing_materials(case.materials))
    reason = _reason(reason, "需要补正的全部内容")
    calendar = calendar or ports.get_calendar()
    today = local_date(at)
    late = clock.correction_notice_late(calendar, case.received_on, today)
    return _act(case, "request_correction", actor=actor, version=version, at=at, note=reason,
                data={"late": late}, correction_requested_on=today, correction_late=late)


@transaction.atomic
def correct(case: Case, *, actor, version, provided=(), at=None) -> Case:
    """补正: the applicant hands in what was missing; the case is ready to be accepted again."""
    provided = {p.strip() for p in provided}
    materials = [m | {"provided": m["provided"] or m["name"] in provided} for m in case.materials]
    return _act(case, "correct", actor=actor, version=version, at=at or timezone.now(),
                data={"provided": sorted(provided)}, materials=materials)


@transaction.atomic
def transfer(case: Case, *, actor, version, to: str = "", at=None) -> Case:
    """流转 to the back office (each transfer is counted)."""
    to = (to or "").strip() or f"{case.department.name}审批处室"
    return _act(case, "transfer", actor=actor, version=version, at=at or timezone.now(), note=f"流转至{to}",
                data={"to": to})


@transaction.atomic
def start_review(case: Case, *, actor, version, at=None) -> Case:
    return _act(case, "start_review", actor=actor, version=version, at=at or timezone.now())


@transaction.atomic
def suspend(case: Case, *, actor, version, kind: str, reason: str = "", at=None) -> Case:
    """挂起 for a special procedure; its working days will not count."""
    at = at or timezone.now()
    if kind not in Suspension.Kind.values:
        raise DomainError(f"请选择特别程序：{'、'.join(Suspension.Kind.labels)}。", code="suspension_kind", field="kind")
    label = Suspension.Kind(kind).label
    _act(case, "suspend", actor=actor, version=version, at=at, note=f"{label}{('：' + reason.strip()) if reason.strip() else ''}",
         data={"kind": kind}, suspended_since=local_date(at))
    Suspension.objects.create(case=case, kind=kind, reason=reason.strip(), started_on=local_date(at))
    return case


@transaction.atomic
def resume(case: Case, *, actor, version, at=None, calendar=None) -> Case:
    """恢复计时: the suspended working days move both deadlines."""
    at = at or timezone.now()
    _begin(case, "resume", actor, version)
    calendar = calendar or ports.get_calendar()
    today = local_date(at)
    days = clock.suspended_working_days(calendar, case.suspended_since, today)
    Suspension.objects.filter(case=case, ended_on__isnull=True).update(ended_on=today, working_days=days)
    total = case.suspended_days + days
    fields = {"suspended_days": total, "suspended_since": None} | _deadlines(case, calendar, suspended_days=total)
    return _act(case, "resume", actor=actor, version=version, at=at, note=f"挂起 {days} 个工作日，不计入办理时限",
                data={"suspended_days": days}, **fields)


@transaction.atomic
def extend(case: Case, *, actor, version, reason: str, at=None, calendar=None) -> Case:
    """延长 once by 10 working days, with the approver's reason."""
    at = at or timezone.now()
    _begin(case, "extend", actor, version)
    if case.extension_days:
        raise Conflict("该办件已延长过一次办理期限，不能再次延长。", code="already_extended", field="action")
    reason = _reason(reason, "延长办理期限的理由")
    calendar = calendar or ports.get_calendar()
    days = clock.EXTENSION_DAYS
    fields = {"extension_days": days, "extension_reason": reason} | _deadlines(case, calendar, extension_days=days)
    return _act(case, "extend", actor=actor, version=version, at=at, note=reason, data={"days": days}, **fields)


@transaction.atomic
def approve(case: Case, *, actor, version, at=None, automatic=False) -> Case:
    return _act(case, "approve", actor=actor, version=version, at=at or timezone.now(), automatic=automatic)


@transaction.atomic
def deny(case: Case, *, actor, version, reason: str, at=None) -> Case:
    reason = _reason(reason, "不予许可的理由")
    return _act(case, "deny", actor=actor, version=version, at=at or timezone.now(), note=reason, reason=reason)


@transaction.atomic
def issue(case: Case, *, actor, version, at=None, automatic=False) -> Case:
    """颁发 the result; an item that yields a licence gets it issued in this transaction."""
    at = at or timezone.now()
    _begin(case, "issue", actor, version)
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
    if delivery == Delivery.POST and not tracking_number:
        raise DomainError("邮寄送达请填写邮件号。", code="tracking_number_required", field="tracking_number")
    saved = None
    if case.statutory_due:
        saved = clock.saved_days(calendar or ports.get_calendar(), local_date(at), case.statutory_due)
    return _act(case, "complete", actor=actor, version=version, at=at, note=clock.saved_sentence(saved),
                data={"delivery": delivery, "tracking_number": tracking_number, "saved_days": saved},
                completed_at=at, saved_days=saved, delivery=delivery, tracking_number=tracking_number)


COMMANDS = {
    "accept": accept, "reject": reject, "request_correction": request_correction, "correct": correct,
    "transfer": transfer, "start_review": start_review, "suspend": suspend, "resume": resume, "extend": extend,
    "approve": approve, "deny": deny, "issue": issue, "complete": complete,
}
PARAMS = {
    "reject": {"reason", "legal_basis"}, "request_correction": {"reason"}, "correct": {"provided"}, "transfer": {"to"},
    "suspend": {"kind", "reason"}, "extend": {"reason"}, "deny": {"reason"},
    "complete": {"delivery", "tracking_number"},
}


def perform(case: Case, code: str, *, actor, version, at=None, **params) -> Case:
    """Take lifecycle action ``code`` (adapters call this); unknown parameters are ignored."""
    lifecycle.action(code)
    wanted = {k: v for k, v in params.items() if k in PARAMS.get(code, set()) and v is not None}
    return COMMANDS[code](case, actor=actor, version=version, at=at, **wanted)
