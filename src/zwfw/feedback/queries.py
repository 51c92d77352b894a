"""Satisfaction rates per window and period (窗口群众评价满意率, 12345 办件群众满意率)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from zwfw.timeframe import on_days

from .models import SATISFIED_LEVELS, HotlineTicket, Rating


def percent_text(satisfied: int, total: int) -> str:
    """"100%", "98.5%", "66.67%" (at most two decimals, trailing zeros dropped); "—" with no ratings."""
    if not total:
        return "—"
    value = (Decimal(satisfied) * 100 / Decimal(total)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{value:f}".rstrip("0").rstrip(".")
    return f"{text}%"


@dataclass(frozen=True)
class Rate:
    satisfied: int
    total: int

    @property
    def text(self) -> str:
        return percent_text(self.satisfied, self.total)


@dataclass(frozen=True)
class WindowSatisfaction:
    department_id: int | None
    department: str
    ratings: Rate
    hotline: Rate


def _period(qs, field: str, start: dt.date, end: dt.date):
    """Rows whose ``field`` falls on a day from ``start`` to ``end`` (Asia/Shanghai), as a range on the column."""
    return qs.filter(**on_days(field, start, end))


def _rate(qs) -> Rate:
    row = qs.aggregate(total=Count("id"), satisfied=Count("id", filter=Q(level__in=SATISFIED_LEVELS)))
    return Rate(row["satisfied"], row["total"])


def satisfaction(start: dt.date, end: dt.date, department=None) -> WindowSatisfaction:
    """Rates over ratings given and 12345 tickets rated in [start, end], for one window or the hall."""
    ratings = _period(Rating.objects.all(), "rated_at", start, end)
    tickets = _period(HotlineTicket.objects.filter(level__isnull=False), "rated_at", start, end)
    if department is not None:
        ratings, tickets = ratings.filter(department=department), tickets.filter(department=department)
    return WindowSatisfaction(getattr(department, "pk", None), getattr(department, "name", "全部窗口"),
                              _rate(ratings), _rate(tickets))


def satisfaction_by_window(start: dt.date, end: dt.date, departments=None) -> list[WindowSatisfaction]:
    """One row per department window that was rated or had a rated ticket in the period (only ``departments``,
    a Department queryset, when given: the scope is a subquery, not a list of ids)."""
    from zwfw.catalog.models import Department

    counts: dict[int, dict[str, Rate]] = {}
    for key, qs in (("ratings", _period(Rating.objects.all(), "rated_at", start, end)),
                    ("hotline", _period(HotlineTicket.objects.filter(level__isnull=False), "rated_at", start, end))):
        if departments is not None:
            qs = qs.filter(department__in=departments.values("pk"))
        rows = qs.values("department_id").annotate(
            total=Count("id"), satisfied=Count("id", filter=Q(level__in=SATISFIED_LEVELS)))
        for r in rows:
            counts.setdefault(r["department_id"], {})[key] = Rate(r["satisfied"], r["total"])
    departments = Department.objects.filter(pk__in=counts).order_by("display_order", "id")
    empty = Rate(0, 0)
    return [WindowSatisfaction(d.pk, d.name, counts[d.pk].get("ratings", empty), counts[d.pk].get("hotline", empty))
            for d in departments]


def briefing_sentence(start: dt.date, end: dt.date) -> str:
    """"窗口群众评价满意率 100%，12345 办件群众满意率 100%"."""
    s = satisfaction(start, end)
    return f"窗口群众评价满意率 {s.ratings.text}，12345 办件群众满意率 {s.hotline.text}"
