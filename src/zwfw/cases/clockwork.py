"""The clock against the database: a case's clock now, recomputing on calendar edits, 补正 deadlines."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zwfw.workdays.calendar import CalendarMissing

from . import clock, ports
from .models import CLOCK_STATUSES, Case


@dataclass
class CaseClock:
    state: str
    state_label: str
    remaining: int | None
    remaining_text: str
    statutory_due: dt.date | None
    promised_due: dt.date | None
    saved_text: str


def clock_of(case: Case, calendar=None, today: dt.date | None = None, warning_days: int = clock.WARNING_DAYS) -> CaseClock:
    """The clock as shown next to a case (remaining working days to the promised deadline)."""
    today = today or timezone.localdate()
    stopped = case.status in ("completed", "rejected")
    left = None
    try:
        calendar = calendar or ports.get_calendar()
        if case.promised_due and not stopped:
            # While suspended the clock stands still at the day the suspension began.
            left = clock.remaining(calendar, case.suspended_since or today, case.promised_due)
        state = clock.state(calendar, today, case.promised_due, suspended=case.status == "suspended",
                            stopped=stopped, warning_days=warning_days)
    except CalendarMissing:
        state = clock.NOT_STARTED if not case.promised_due else clock.NORMAL
    return CaseClock(
        state=state, state_label=clock.STATE_LABELS[state], remaining=left,
        remaining_text=clock.remaining_sentence(left, state),
        statutory_due=case.statutory_due, promised_due=case.promised_due,
        saved_text=clock.saved_sentence(case.saved_days) if case.status == "completed" else "",
    )


@transaction.atomic
def recompute_open_deadlines(years=None) -> int:
    """Recompute stored deadlines of open cases after the calendar changed; returns cases changed."""
    calendar = ports.get_calendar()
    qs = Case.objects.filter(status__in=CLOCK_STATUSES, accepted_on__isnull=False).select_related("item")
    if years:
        # A deadline before 1 January of the earliest edited year never crosses an edited day.
        qs = qs.filter(Q(statutory_due__isnull=True) | Q(statutory_due__gte=dt.date(min(years), 1, 1)))
    changed = []
    for case in qs.iterator(chunk_size=2000):
        try:
            d = clock.deadlines(calendar, case.accepted_on, case.item.statutory_days, case.item.promised_days,
                                case.extension_days, case.suspended_days)
        except CalendarMissing:
            continue
        if (d.statutory_due, d.promised_due) != (case.statutory_due, case.promised_due):
            case.statutory_due, case.promised_due = d.statutory_due, d.promised_due
            changed.append(case)
    Case.objects.bulk_update(changed, ["statutory_due", "promised_due"], batch_size=1000)
    return len(changed)


def on_calendar_changed(sender, years=(), **kwargs) -> None:
    recompute_open_deadlines(years)


def deemed_accepted(today: dt.date | None = None, calendar=None):
    """Cases that count as accepted from receipt: no 补正 notice within 5 working days of receipt.

    Either the notice came too late (``correction_late``), or the case is still waiting with
    no notice and more than 5 working days have passed since receipt.
    """
    today = today or timezone.localdate()
    calendar = calendar or ports.get_calendar()
    cutoff = calendar.add(today, -clock.CORRECTION_NOTICE_DAYS)  # received before this: > 5 working days ago
    late = Case.objects.filter(status="correction", correction_late=True)
    waiting = Case.objects.filter(status="applied", correction_requested_on__isnull=True, received_on__lt=cutoff)
    return (late | waiting).select_related("item__matter", "department", "applicant").order_by("received_on", "id")
