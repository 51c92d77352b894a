"""The figures the briefing and dashboards read — all from DailyCount, never from cases or events.

Every function sums all sources (the platform's own counters and imported
figures). Dates are Asia/Shanghai calendar days, ranges inclusive at both ends.

Categories follow ``PowerType.category``: 行政许可 (permit), 公共服务
(public_service) and "other" = every other power type. Counters without a power
type (consultations) belong to no category; they count in the comprehensive
window's and per-kind totals only.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Count, Sum

from zwfw.catalog.models import PowerType
from zwfw.stats.models import CountedKind, DailyCount

CATEGORIES = (PowerType.PERMIT, PowerType.PUBLIC_SERVICE, PowerType.OTHER)
#: The comprehensive window paragraph: 咨询 人次、受理 件、颁发 件、流转 件次.
WINDOW_KINDS = ("consulted", "accepted", "issued", "transferred")


def year_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 1, 1)


def working_week(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Friday of the week containing ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=4)


def other_types() -> int:
    """How many "other" power types are in use (其它九类): PowerType in_use with category other."""
    return PowerType.objects.filter(category=PowerType.OTHER, in_use=True).count()


def _rows(start: dt.date, end: dt.date, **filters):
    return DailyCount.objects.filter(day__gte=start, day__lte=end, **filters)


def totals(start: dt.date, end: dt.date, *, comprehensive: bool | None = None, department=None) -> dict:
    """{kind: count} for every counted kind, optionally only the comprehensive window or one department."""
    filters = {}
    if comprehensive is not None:
        filters["comprehensive"] = comprehensive
    if department is not None:
        filters["department"] = department
    sums = _rows(start, end, **filters).values("kind").annotate(n=Sum("count"))
    result = {k.value: 0 for k in CountedKind}
    result.update({r["kind"]: int(r["n"]) for r in sums})
    return result


def period(start: dt.date, end: dt.date) -> dict:
    """Accepted and completed per category in start..end::

        {"start": date, "end": date,
         "permit": {"accepted": n, "completed": n},
         "public_service": {"accepted": n, "completed": n},
         "other": {"types": n, "accepted": n, "completed": n}}
    """
    result = {"start": start, "end": end}
    result.update({c: {"accepted": 0, "completed": 0} for c in CATEGORIES})
    result["other"] = {"types": other_types(), "accepted": 0, "completed": 0}
    sums = (
        _rows(start, end, kind__in=["accepted", "completed"], power_type__isnull=False)
        .values("power_type__category", "kind").annotate(n=Sum("count"))
    )
    for r in sums:
        result[r["power_type__category"]][r["kind"]] += int(r["n"])
    return result


def ytd(as_of: dt.date) -> dict:
    """``period`` from 1 January of ``as_of``'s year up to and including ``as_of``, with ``"as_of"``."""
    return {"as_of": as_of, **period(year_start(as_of), as_of)}


def comprehensive_window(start: dt.date, end: dt.date) -> dict:
    """{"consulted", "accepted", "issued", "transferred"} at the comprehensive window in start..end."""
    sums = totals(start, end, comprehensive=True)
    return {k: sums[k] for k in WINDOW_KINDS}


def comprehensive_window_ytd(as_of: dt.date) -> dict:
    return comprehensive_window(year_start(as_of), as_of)


def briefing_figures(start: dt.date, end: dt.date) -> dict:
    """Everything the statistics and comprehensive-window paragraphs need for the period start..end."""
    provincial = ytd(end)
    return {
        "as_of": end,
        "permit": provincial["permit"],
        "public_service": provincial["public_service"],
        "other": provincial["other"],
        "comprehensive_window": {"week": comprehensive_window(start, end), "ytd": comprehensive_window_ytd(end)},
    }


def by_department(start: dt.date, end: dt.date, kinds=("accepted", "completed")) -> list[dict]:
    """One row per department with any figure: {"department_id", "department", <kind>: n, …},
    in the catalogue's display order."""
    sums = (
        _rows(start, end, kind__in=list(kinds))
        .values("department_id", "department__name", "department__display_order", "kind")
        .annotate(n=Sum("count"))
    )
    rows: dict[int, dict] = {}
    for r in sums:
        row = rows.setdefault(r["department_id"], {
            "department_id": r["department_id"], "department": r["department__name"],
            "_order": r["department__display_order"], **{k: 0 for k in kinds},
        })
        row[r["kind"]] += int(r["n"])
    ordered = sorted(rows.values(), key=lambda row: (row.pop("_order"), row["department_id"]))
    return ordered


def weekly_series(year: int, kind: str, until: dt.date | None = None, *, comprehensive: bool | None = None,
                  category: str | None = None) -> list[dict]:
    """Weekly totals of ``kind`` for a chart: [{"week": 1, "start": date, "end": date, "count": n}, …].

    Weeks run Monday–Sunday, clipped to the year (week 1 starts on 1 January);
    the series stops at the week containing ``until`` (default 31 December).
    """
    first = dt.date(year, 1, 1)
    last = min(until, dt.date(year, 12, 31)) if until else dt.date(year, 12, 31)
    if last < first:
        return []
    filters = {"kind": kind}
    if comprehensive is not None:
        filters["comprehensive"] = comprehensive
    if category is not None:
        filters["power_type__category"] = category
    per_day = dict(_rows(first, last, **filters).values_list("day").annotate(n=Sum("count")))
    series = []
    start = first
    while start <= last:
        end = min(start + dt.timedelta(days=6 - start.weekday()), dt.date(year, 12, 31))
        count = sum(int(per_day.get(start + dt.timedelta(days=i), 0)) for i in range((end - start).days + 1))
        series.append({"week": len(series) + 1, "start": start, "end": end, "count": count})
        start = end + dt.timedelta(days=1)
    return series


def sources(start: dt.date, end: dt.date) -> list[dict]:
    """Which sources contributed in start..end: [{"source", "rows", "count"}]."""
    return list(
        _rows(start, end).values("source").annotate(rows=Count("id"), count=Sum("count")).order_by("source")
    )
