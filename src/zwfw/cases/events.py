"""Appending to the event log: the one way a CaseEvent is written."""
from __future__ import annotations

from django.db import transaction

from . import ports, windows
from .models import CaseEvent

CASELESS = frozenset({"consulted"})  # 咨询 is counted in 人次 before any case exists; every other event has its case


def window_of(actor, case=None) -> str:
    """The window that acts: the actor's (by role), or without one the case's channel."""
    return windows.acting_window(getattr(actor, "role", None) if actor is not None else None,
                                 getattr(case, "channel", None))


def append_event(kind: str, *, at, department, case=None, actor=None, power_type=None, power_type_id=None,
                 window: str | None = None, automatic: bool = False, note: str = "",
                 data: dict | None = None) -> CaseEvent:
    """Create one event, count it (stats.record) and queue the applicant's notices, in the caller's transaction.

    ``window`` is where it happened; by default the actor's window (see ``window_of``).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("append_event must run inside the command's transaction")
    if case is None and kind not in CASELESS:
        raise RuntimeError(f"a {kind} event needs its case: no acceptance is counted without a case")
    event = CaseEvent.objects.create(
        case=case, kind=kind, at=at, department=department,
        actor=actor if getattr(actor, "pk", None) else None,
        power_type_id=power_type.pk if power_type is not None else power_type_id,
        window=window or window_of(actor, case),
        automatic=automatic, note=note, data=data or {},
    )
    ports.record(event)
    ports.notify(event)
    return event


def case_event(case, kind: str, *, at, actor=None, automatic: bool = False, note: str = "", data=None) -> CaseEvent:
    """An event of ``case``: department and power type taken from the case, the window from the actor."""
    return append_event(
        kind, at=at, case=case, department=case.department, actor=actor,
        power_type_id=case.item.matter.power_type_id, automatic=automatic, note=note, data=data,
    )
