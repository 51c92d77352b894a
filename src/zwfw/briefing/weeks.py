"""The briefing's week: the period an issue states, everywhere a "本周" figure is shown.

An issue's period may run Tuesday–Friday or include a make-up Saturday; statistics,
news, visits and inspections of "this week" all use it. A day no issue covers falls
in the working week of the official calendar (stats.queries.working_week).
"""
from __future__ import annotations

import datetime as dt


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """(start, end) of the briefing week containing ``day`` (one query for the issues, plus the calendar)."""
    from zwfw.stats.queries import working_week

    from .models import Issue

    monday = day - dt.timedelta(days=day.weekday())
    periods = sorted(Issue.objects.filter(period_start__lte=monday + dt.timedelta(days=6), period_end__gte=monday)
                     .values_list("period_start", "period_end"), key=lambda p: (p[1], p[0]))
    covering = [p for p in periods if p[0] <= day <= p[1]]
    if covering:
        return covering[-1]
    start, end = working_week(day)
    overlapping = [p for p in periods if p[0] <= end and p[1] >= start]
    if not start <= day <= end:
        # A holiday or weekend outside the working days: it belongs to the week an issue gave them.
        return overlapping[-1] if overlapping else (start, end)
    # An issue covers part of this working week: the rest of the week is the days around it.
    before = [p for p in overlapping if p[1] < day]
    after = [p for p in overlapping if p[0] > day]
    if before:
        start = before[-1][1] + dt.timedelta(days=1)
    if after:
        end = min(p[0] for p in after) - dt.timedelta(days=1)
    return start, end


def is_complete(end: dt.date, today: dt.date) -> bool:
    """A week is complete once its last day has passed."""
    return end < today


def last_complete_week(today: dt.date, current: tuple[dt.date, dt.date] | None = None) -> tuple[dt.date, dt.date]:
    """The latest briefing week whose last day is before ``today`` (``current``: today's week, if known)."""
    start, end = current or week_of(today)
    if is_complete(end, today):
        return start, end
    return week_of(start - dt.timedelta(days=1))
