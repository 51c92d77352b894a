"""Overdue cases propose a deduction to the monthly window assessment (staff confirm it).

Run daily (``zwfw cases overdue``, which first lets the law accept the cases nobody decided on
in time, art. 32: ``clockwork.accept_deemed``). Each clock a case actually missed proposes one entry for its department, dated
the first working day it was overdue:

- the decision clock: no decision (准予/不予许可) by the promised deadline — still undecided, or
  decided late. The decision stops it, so a case approved in time is never overdue for it;
- the delivery clock: an approval not issued and delivered (办结) within 10 working days (art. 44).

``propose_entry`` is idempotent per case and clock, so running again proposes nothing twice.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import CLOCK_STATUSES, DELIVERY_STATUSES, Case


def decision_overdue_since(calendar, case: Case, today: dt.date) -> dt.date | None:
    """The first working day the decision clock was overdue, or None if it was not missed by ``today``."""
    if case.promised_due is None or case.status == "suspended":
        return None
    end = case.decided_on or today
    if case.decided_on is None and case.status not in CLOCK_STATUSES:
        return None
    return calendar.next_working_day(case.promised_due) if end > case.promised_due else None


def delivery_overdue_since(calendar, case: Case, today: dt.date) -> dt.date | None:
    """The first working day the delivery clock (art. 44) was overdue, or None."""
    if case.delivery_due is None:
        return None
    if case.status in DELIVERY_STATUSES:
        end = today
    elif case.completed_at is not None:
        end = timezone.localdate(case.completed_at)
    else:
        return None
    return calendar.next_working_day(case.delivery_due) if end > case.delivery_due else None


@transaction.atomic
def propose_overdue(today: dt.date | None = None, *, since: dt.date | None = None) -> int:
    """Propose entries for clocks missed by ``today`` whose overdue day is on or after ``since``
    (default: the first day of last month, the oldest month still being scored)."""
    from zwfw.assessment.services import propose_entry

    from .ports import get_calendar

    today = today or timezone.localdate()
    if since is None:
        since = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    cal = get_calendar().provisional()
    floor = since - dt.timedelta(days=1)
    decision = (Q(promised_due__lt=today, promised_due__gte=floor)
                & (Q(status__in=[s for s in CLOCK_STATUSES if s != "suspended"], decided_on__isnull=True)
                   | Q(decided_on__gt=F("promised_due"))))
    delivery = Q(delivery_due__lt=today, delivery_due__gte=floor) & (
        Q(status__in=DELIVERY_STATUSES) | Q(status="completed"))
    late = Case.objects.filter(decision | delivery).select_related("department").order_by("id")
    proposed = 0
    for case in late:
        for clock_name, day in (("decision", decision_overdue_since(cal, case, today)),
                                ("delivery", delivery_overdue_since(cal, case, today))):
            if day is None or day < since or day > today:
                continue
            if clock_name == "decision":
                ref = f"cases.case:{case.number}"
                text = f"办件 {case.number} 未在承诺办结时限内作出决定（承诺期限 {case.promised_due:%Y-%m-%d}）"
            else:
                ref = f"cases.case:{case.number}:delivery"
                text = (f"办件 {case.number} 准予许可后未在 10 个工作日内颁发、送达"
                        f"（送达期限 {case.delivery_due:%Y-%m-%d}，行政许可法第四十四条）")
            proposed += propose_entry(case.department, day, "overdue_case", ref, text) is not None
    return proposed
