"""Overdue cases propose a deduction to the monthly window assessment (staff confirm it).

Run daily (``zwfw cases overdue``): every case past its promised deadline — still open,
or completed late — proposes one entry for its department, dated the first working day
it was overdue (or the day it was completed late). ``propose_entry`` is idempotent per
case, so running again proposes nothing twice.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import CLOCK_STATUSES, Case


def overdue_since(calendar, case: Case) -> dt.date:
    if case.completed_at is not None:
        return timezone.localdate(case.completed_at)
    return calendar.next_working_day(case.promised_due)


@transaction.atomic
def propose_overdue(today: dt.date | None = None, *, since: dt.date | None = None) -> int:
    """Propose entries for cases overdue on ``today`` whose overdue day is on or after ``since``
    (default: the first day of last month, the oldest month still being scored)."""
    from zwfw.assessment.services import propose_entry

    from .ports import get_calendar

    today = today or timezone.localdate()
    if since is None:
        since = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    cal = get_calendar()
    late = (Case.objects.filter(promised_due__lt=today, promised_due__gte=since - dt.timedelta(days=1))
            .filter(Q(status__in=[s for s in CLOCK_STATUSES if s != "suspended"])
                    | Q(status="completed", completed_at__date__gt=F("promised_due")))
            .select_related("department").order_by("promised_due", "id"))
    proposed = 0
    for case in late:
        day = overdue_since(cal, case)
        if day < since or day > today:
            continue
        entry = propose_entry(case.department, day, "overdue_case", f"cases.case:{case.number}",
                              f"办件 {case.number} 超过承诺办结时限（承诺期限 {case.promised_due:%Y-%m-%d}）")
        proposed += entry is not None
    return proposed
