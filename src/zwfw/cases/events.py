"""Appending to the event log: the one way a CaseEvent is written."""
from __future__ import annotations

from django.db import transaction

from . import ports
from .models import CaseEvent

CASELESS = frozenset({"consulted"})  # 咨询 is counted in 人次 before any case exists; every other event has its case


def append_event(kind: str, *, at, department, case=None, actor=None, power_type=None, power_type_id=None,
                 at_comprehensive_window: bool = False, automatic: bool = False, note: str = "",
                 data: dict | None = None) -> CaseEvent:
    """Create one event and count it (stats.record) in the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("append_event must run inside the command's transaction")
    if case is None and kind not in CASELESS:
        raise RuntimeError(f"a {kind} event needs its case: no acceptance is counted without a case")
    event = CaseEvent.objects.create(
        case=case, kind=kind, at=at, department=department,
        actor=actor if getattr(actor, "pk", None) else None,
        power_type_id=power_type.pk if power_type is not None else power_type_id,
        at_comprehensive_window=at_comprehensive_window,
        automatic=automatic, note=note, data=data or {},
    )
    ports.record(event)
    return event


def case_event(case, kind: str, *, at, actor=None, automatic: bool = False, note: str = "", data=None) -> CaseEvent:
    """An event of ``case``: department, power type and window taken from the case."""
    return append_event(
        kind, at=at, case=case, department=case.department, actor=actor,
        power_type_id=case.item.matter.power_type_id, at_comprehensive_window=case.at_comprehensive_window,
        automatic=automatic, note=note, data=data,
    )
