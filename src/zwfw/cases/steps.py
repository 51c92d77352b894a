"""The plumbing every lifecycle command shares: authorise, check the version, write, append the event.

Every command takes the ``version`` the actor saw; the write is a conditional
``UPDATE … WHERE version = expected``, so of two clerks acting at once one wins and
the other gets a Conflict. The state machine in ``lifecycle`` says what is allowed.

The commands decide and then write through ``_save`` and ``_record``. Alone, these write at
once (one UPDATE, one INSERT, one counter upsert). Inside ``collecting()`` (bulk intake) they
write nothing: the case changes in memory and the event is kept, and ``Batch.flush`` writes
every case once, the events in one bulk insert and the counters with one upsert per key — the
same commands and rules, only the writing differs.
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt

from django.db import connection
from django.db.models import F
from django.utils import timezone

from zwfw.accounts import roles
from zwfw.accounts.scoping import ensure_can_act
from zwfw.errors import Conflict, DomainError, Forbidden

from . import clock, lifecycle, ports
from .events import append_events, case_event, case_event_row
from .models import Case, CaseEvent, Suspension

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


class Batch:
    """Steps taken in memory (bulk intake), written together by ``flush``."""

    def __init__(self):
        self.changed: dict[int, tuple[Case, int, set]] = {}  # pk -> (case, version when loaded, fields changed)
        self.events: list[CaseEvent] = []

    def mark(self, case: Case):
        """The state to go back to when the next step on ``case`` is refused (``undo``)."""
        entry = self.changed.get(case.pk)
        return (len(self.events), case, dict(case.__dict__),
                None if entry is None else (entry[0], entry[1], set(entry[2])))

    def undo(self, mark) -> None:
        n, case, state, entry = mark
        del self.events[n:]
        case.__dict__.update(state)
        if entry is None:
            self.changed.pop(case.pk, None)
        else:
            self.changed[case.pk] = entry

    def flush(self) -> list[CaseEvent]:
        """Write each changed case once (conditional on the version it was loaded at), then the events."""
        groups: dict[tuple, list] = {}
        for case, loaded, fields in self.changed.values():
            names = tuple(sorted(fields | {"version", "updated_at"}))
            groups.setdefault(names, []).append((case, loaded))
        table = connection.ops.quote_name(Case._meta.db_table)
        for names, rows in groups.items():
            fields = [Case._meta.get_field(n) for n in names]
            sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
            params = [[f.get_db_prep_save(getattr(case, f.attname), connection) for f in fields] + [case.pk, loaded]
                      for case, loaded in rows]
            with connection.cursor() as cursor:
                cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = %s AND version = %s", params)  # nosec B608
                if cursor.rowcount not in (-1, len(params)):
                    raise Conflict(STALE, code="stale_version", field="version")
        events, self.events, self.changed = self.events, [], {}
        return append_events(events)


_BATCH: contextvars.ContextVar[Batch | None] = contextvars.ContextVar("zwfw_cases_batch", default=None)


@contextlib.contextmanager
def collecting():
    """Steps taken inside write nothing until the yielded Batch is flushed (the caller's transaction)."""
    batch = Batch()
    token = _BATCH.set(batch)
    try:
        yield batch
    finally:
        _BATCH.reset(token)


def collecting_now() -> bool:
    return _BATCH.get() is not None


def _save(case: Case, version: int, **changes) -> None:
    """The conditional write: nothing happens unless the case is still at ``version``."""
    now = timezone.now()
    batch = _BATCH.get()
    if batch is not None:
        if case.version != version:
            raise Conflict(STALE, code="stale_version", field="version")
        batch.changed.setdefault(case.pk, (case, case.version, set()))[2].update(changes)
    elif not Case.objects.filter(pk=case.pk, version=version).update(version=F("version") + 1, updated_at=now,
                                                                    **changes):
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
    """End an open suspension at ``today``; the fields the case takes (the calendar is read only then)."""
    if case.suspended_since is None:
        return {}
    calendar = calendar or ports.get_calendar()
    days = clock.suspended_working_days(calendar, case.suspended_since, today)
    Suspension.objects.filter(case=case, ended_on__isnull=True).update(ended_on=today, working_days=days)
    return {"suspended_days": case.suspended_days + days, "suspended_since": None}


def _reason(reason: str, what: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(f"请填写{what}。", code="reason_required", field="reason")
    return reason


def _record(case: Case, kind: str, **event) -> CaseEvent:
    """Append the event of ``case`` (now, or to the batch being collected)."""
    batch = _BATCH.get()
    if batch is None:
        return case_event(case, kind, **event)
    row = case_event_row(case, kind, **event)
    batch.events.append(row)
    return row


def _act(case: Case, code: str, *, actor, version, at, automatic=False, note="", data=None, **changes) -> Case:
    target = _begin(case, code, actor, version)
    _save(case, case.version, status=target, **changes)
    _record(case, lifecycle.action(code).event, at=at, actor=actor, automatic=automatic, note=note, data=data)
    return case


# ---- the steps ---------------------------------------------------------------------------------
