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

from django.db.models import BooleanField, Case, Count, Q, Sum, Value, When

from zwfw.catalog.models import PowerType
from zwfw.stats.models import CountedKind, DailyCount

CATEGORIES = (PowerType.PERMIT, PowerType.PUBLIC_SERVICE, PowerType.OTHER)
#: The comprehensive window paragraph: 咨询 人次、受理 件、颁发 件、流转 件次.
WINDOW_KINDS = ("consulted", "accepted", "issued", "transferred")


def year_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 1, 1)


def working_week(day: dt.date, calendar=None) -> tuple[dt.date, dt.date]:
    """The first and last working day of the calendar week (Monday–Sunday) containing ``day``.

    On the official calendar: a week whose Monday is a holiday runs Tuesday–Friday, a make-up
    Saturday belongs to its week. A week with no working day, or a year the calendar does not
    have yet, is Monday–Friday. A briefing's own period wins over this (briefing.weeks.week_of).
    """
    from zwfw.workdays.calendar import CalendarMissing

    monday = day - dt.timedelta(days=day.weekday())
    if calendar is None:
        from zwfw.workdays.services import get_calendar

        calendar = get_calendar()
    try:
        working = calendar.working_days_in(monday, monday + dt.timedelta(days=6))
    except CalendarMissing:
        working = []
    if not working:
        return monday, monday + dt.timedelta(days=4)
    return working[0], working[-1]


def other_types(on: dt.date) -> int:
    """How many "other" power types the catalogue had in force on ``on`` (其它九类 / 其它 6 类).

    The catalogue owns the rule (catalog.queries.other_type_count); the figures and the
    sentence that names the count must describe the same catalogue.
    """
    from zwfw.catalog.queries import other_type_count

    return other_type_count(on)


def _rows(start: dt.date, end: dt.date, **filters):
    return DailyCount.objects.filter(day__gte=start, day__lte=end, **filters)


def totals(start: dt.date, end: dt.date, *, comprehensive: bool | None = None, department=None) -> dict:
    """{kind: count} for every counted kind, optionally only the comprehensive window or one department."""
    filters = {}
    if comprehensive is not None:
        filters["comprehensive"] = comprehensive
    if department is not None:
        filters["department"] = department
    sums = _rows(start, end, **filters).values("kind").annotate(n=Sum("count")).order_by()
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
    result["other"] = {"types": other_types(end), "accepted": 0, "completed": 0}
    category_of = dict(PowerType.objects.values_list("id", "category"))
    # Grouped by the type key (no join): a dozen rows, mapped to categories here.
    sums = (
        _rows(start, end, kind__in=["accepted", "completed"], type_key__gt=0)
        .values_list("type_key", "kind").annotate(n=Sum("count")).order_by()
    )
    for type_key, kind, n in sums:
        result[category_of[type_key]][kind] += int(n)
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
    """Everything the statistics and comprehensive-window paragraphs need for the period start..end,
    in one pass over the year's counters::

        {"as_of": end,
         "permit": {"accepted", "completed"}, "public_service": {…}, "other": {"types", "accepted", "completed"},
         "comprehensive_window": {"week": {"consulted", "accepted", "issued", "transferred"}, "ytd": {…}}}

    Equal to ``ytd(end)`` plus ``comprehensive_window(start, end)`` and ``comprehensive_window_ytd(end)``.
    """
    category_of = dict(PowerType.objects.values_list("id", "category"))
    result = {
        "as_of": end,
        "permit": {"accepted": 0, "completed": 0},
        "public_service": {"accepted": 0, "completed": 0},
        "other": {"types": other_types(end), "accepted": 0, "completed": 0},
        "comprehensive_window": {"week": dict.fromkeys(WINDOW_KINDS, 0), "ytd": dict.fromkeys(WINDOW_KINDS, 0)},
    }
    def flag(**lookup):
        return Case(When(**lookup, then=Value(True)), default=Value(False), output_field=BooleanField())

    # A week may begin in December: scan from the earlier of its start and 1 January.
    sums = (
        _rows(min(start, year_start(end)), end, kind__in=sorted({"accepted", "completed", *WINDOW_KINDS}))
        .annotate(in_week=flag(day__gte=start), in_year=flag(day__gte=year_start(end)))
        .values_list("type_key", "kind", "comprehensive", "in_week", "in_year").annotate(n=Sum("count")).order_by()
    )
    window = result["comprehensive_window"]
    for type_key, kind, comprehensive, week, year, n in sums:
        if year and type_key and kind in ("accepted", "completed"):
            result[category_of[type_key]][kind] += int(n)
        if comprehensive and kind in WINDOW_KINDS:
            if year:
                window["ytd"][kind] += int(n)
            if week:
                window["week"][kind] += int(n)
    return result


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


def by_department_with_week(start: dt.date, end: dt.date, week_start: dt.date) -> list[dict]:
    """``by_department(start, end)`` with this week's figures beside, in one pass over the counters:
    {"department_id", "department", "accepted", "completed", "week_accepted", "week_completed"}."""
    kinds = ("accepted", "completed")
    sums = (
        _rows(start, end, kind__in=list(kinds))
        .values("department_id", "department__name", "department__display_order", "kind")
        .annotate(n=Sum("count"), week=Sum("count", filter=Q(day__gte=week_start)))
    )
    rows: dict[int, dict] = {}
    for r in sums:
        row = rows.setdefault(r["department_id"], {
            "department_id": r["department_id"], "department": r["department__name"],
            "_order": r["department__display_order"], **{k: 0 for k in kinds}, **{f"week_{k}": 0 for k in kinds},
        })
        row[r["kind"]] += int(r["n"])
        row[f"week_{r['kind']}"] += int(r["week"] or 0)
    return sorted(rows.values(), key=lambda row: (row.pop("_order"), row["department_id"]))


def weekly_series(year: int, kind: str, until: dt.date | None = None, *, comprehensive: bool | None = None,
                  category: str | None = None) -> list[dict]:
    """Weekly totals of ``kind`` for a chart: [{"week": 1, "start": date, "end": date, "count": n}, …].

    Weeks run Monday–Sunday, clipped to the year (week 1 starts on 1 January);
    the series stops at the week containing ``until`` (default 31 December).
    """
    return weekly_series_of(year, (kind,), until, comprehensive=comprehensive, category=category)[kind]


def weekly_series_of(year: int, kinds, until: dt.date | None = None, *, comprehensive: bool | None = None,
                     category: str | None = None) -> dict[str, list[dict]]:
    """``weekly_series`` of several kinds from one query: {kind: [{"week", "start", "end", "count"}, …]}."""
    first = dt.date(year, 1, 1)
    last = min(until, dt.date(year, 12, 31)) if until else dt.date(year, 12, 31)
    if last < first:
        return {kind: [] for kind in kinds}
    filters = {"kind__in": list(kinds)}
    if comprehensive is not None:
        filters["comprehensive"] = comprehensive
    if category is not None:
        filters["power_type__category"] = category
    per_day: dict[str, dict] = {kind: {} for kind in kinds}
    for kind, day, n in _rows(first, last, **filters).values_list("kind", "day").annotate(n=Sum("count")).order_by():
        per_day[kind][day] = int(n)
    out = {}
    for kind in kinds:
        series, start = [], first
        while start <= last:
            end = min(start + dt.timedelta(days=6 - start.weekday()), dt.date(year, 12, 31))
            count = sum(per_day[kind].get(start + dt.timedelta(days=i), 0) for i in range((end - start).days + 1))
            series.append({"week": len(series) + 1, "start": start, "end": end, "count": count})
            start = end + dt.timedelta(days=1)
        out[kind] = series
    return out


def sources(start: dt.date, end: dt.date) -> list[dict]:
    """Which sources contributed in start..end: [{"source", "rows", "count"}]."""
    return list(
        _rows(start, end).values("source").annotate(rows=Count("id"), count=Sum("count")).order_by("source")
    )
