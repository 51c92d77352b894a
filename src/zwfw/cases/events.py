"""Appending to the event log: the one way a CaseEvent is written.

``build_event`` makes the row (nothing written); ``append_event`` writes one and counts it;
``append_events`` writes many at once (bulk intake) and counts them with one upsert per key.
"""
from __future__ import annotations

from django.db import transaction

from zwfw.dbcopy import copy_new

from . import ports, windows
from .models import CaseEvent

CASELESS = frozenset({"consulted"})  # 咨询 is counted in 人次 before any case exists; every other event has its case


def window_of(actor, case=None) -> str:
    """The window that acts: the actor's (by role), or without one the case's channel."""
    return windows.acting_window(getattr(actor, "role", None) if actor is not None else None,
                                 getattr(case, "channel", None))


def build_event(kind: str, *, at, department=None, department_id=None, case=None, actor=None, power_type=None,
                power_type_id=None, window: str | None = None, automatic: bool = False, note: str = "",
                data: dict | None = None) -> CaseEvent:
    """The unsaved CaseEvent (``window`` by default the actor's, see ``window_of``)."""
    if case is None and kind not in CASELESS:
        raise RuntimeError(f"a {kind} event needs its case: no acceptance is counted without a case")
    where = {"department": department} if department is not None else {"department_id": department_id}
    return CaseEvent(
        case=case, kind=kind, at=at, **where,
        actor=actor if getattr(actor, "pk", None) else None,
        power_type_id=power_type.pk if power_type is not None else power_type_id,
        window=window or window_of(actor, case),
        automatic=automatic, note=note, data=data or {},
    )


def _in_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("events must be appended inside the command's transaction")


def append_event(kind: str, *, at, department, case=None, actor=None, power_type=None, power_type_id=None,
                 window: str | None = None, automatic: bool = False, note: str = "",
                 data: dict | None = None) -> CaseEvent:
    """Create one event, count it (stats.record) and queue the applicant's notices, in the caller's transaction."""
    _in_transaction()
    event = build_event(kind, at=at, department=department, case=case, actor=actor, power_type=power_type,
                        power_type_id=power_type_id, window=window, automatic=automatic, note=note, data=data)
    event.save(force_insert=True)
    ports.record(event)
    ports.notify(event)
    return event


def append_events(events: list[CaseEvent]) -> list[CaseEvent]:
    """Write built events at once, count them (one upsert per counter key) and queue their notices (one insert),
    in the caller's transaction."""
    _in_transaction()
    if not events:
        return events
    copy_new(CaseEvent, events)
    ports.record_many(events)
    ports.notify_many(events)
    return events


def case_event_row(case, kind: str, *, at, actor=None, automatic: bool = False, note: str = "",
                   data=None) -> CaseEvent:
    """The unsaved event of ``case``: department and power type taken from the case, the window from the actor."""
    return build_event(kind, at=at, case=case, department_id=case.department_id, actor=actor,
                       power_type_id=case.item.matter.power_type_id, automatic=automatic, note=note, data=data)


def case_event(case, kind: str, *, at, actor=None, automatic: bool = False, note: str = "", data=None) -> CaseEvent:
    """An event of ``case`` written, counted and its applicant's notices queued now."""
    _in_transaction()
    event = case_event_row(case, kind, at=at, actor=actor, automatic=automatic, note=note, data=data)
    event.save(force_insert=True)
    ports.record(event)
    ports.notify(event)
    return event
