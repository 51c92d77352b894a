"""The plumbing every lifecycle command shares: authorise, check the version, write, append the event.

Every command takes the ``version`` the actor saw; the write is a conditional
``UPDATE … WHERE version = expected``, so of two clerks acting at once one wins and
the other gets a Conflict. The state machine in ``lifecycle`` says what is allowed.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.utils import timezone

from zwfw.accounts import roles
from zwfw.accounts.scoping import ensure_can_act
from zwfw.errors import Conflict, DomainError, Forbidden

from . import clock, lifecycle
from .events import case_event
from .models import Case, Suspension

STALE = "该办件已被他人办理，请刷新后重试。"
LAW = "《中华人民共和国行政许可法》"


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


def _base_statutory_due(case: Case, calendar):
    """The statutory deadline without the extension (suspensions still move it)."""
    return _deadlines(case, calendar, extension_days=0)["statutory_due"]


def _close_suspension(case: Case, calendar, today: dt.date) -> dict:
    """End an open suspension at ``today``; the fields the case takes."""
    if case.suspended_since is None:
        return {}
    days = clock.suspended_working_days(calendar, case.suspended_since, today)
    Suspension.objects.filter(case=case, ended_on__isnull=True).update(ended_on=today, working_days=days)
    return {"suspended_days": case.suspended_days + days, "suspended_since": None}


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
