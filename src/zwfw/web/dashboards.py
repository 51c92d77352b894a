"""What each role's home page shows: assembled from the apps' read-only queries.

Every figure comes from the statistics counters or from an indexed count
(cases by department and status, by promised deadline); nothing here walks
the case table. Each function returns plain values for one template.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.cache import cache

from zwfw.accounts import roles
from zwfw.accounts.scoping import department_id_of, sees_all
from zwfw.cn import chinese_date, chinese_month, period_text

from . import navigation


def week_start(day: dt.date) -> dt.date:
    """The first day of the briefing week holding ``day`` (the issue's period; see briefing.weeks)."""
    from zwfw.briefing.weeks import week_of

    return week_of(day)[0]


def this_week(today: dt.date) -> dict:
    """The briefing week so far: {"start", "end" (today or the week's end), "label", "partial"}."""
    from zwfw.briefing.weeks import is_complete, week_of

    start, end = week_of(today)
    partial = not is_complete(end, today)
    shown_end = min(end, today)
    label = period_text(start, end)
    if partial:
        label = label[:-1] + f"，截至 {today.month} 月 {today.day} 日）"
    return {"start": start, "end": shown_end, "week_end": end, "label": label, "partial": partial}


def previous_month(day: dt.date) -> dt.date:
    first = day.replace(day=1)
    return (first - dt.timedelta(days=1)).replace(day=1)


# ---- cases: open / warning / overdue --------------------------------------------------------------

def case_counts(user, today: dt.date) -> dict:
    """{"open", "warning", "overdue", "delivery_warning", "delivery_overdue"} over the user's worklist.

    Each clock is counted on its own (cases.clockwork.clock_counts): the decision clock up to the
    promised deadline (suspended cases are neither), the delivery clock of approvals (art. 44).
    """
    from zwfw.cases.clockwork import clock_counts
    from zwfw.cases.queries import worklist

    open_cases = worklist(user).order_by()
    return {"open": open_cases.count()} | clock_counts(open_cases, today)


# ---- guide anomalies, counted in three queries -----------------------------------------------------

def anomalous_guide_count(today: dt.date) -> int:
    """Handling items in force whose service guide is missing or faulty (three queries, see
    catalog.queries.anomalous_guides)."""
    from zwfw.catalog.queries import anomalous_guides

    return sum(len(found) for found in anomalous_guides(today).values())


# ---- the role pages ---------------------------------------------------------------------------------

def clerk(user, today: dt.date) -> dict:
    """Comprehensive-window clerks, department clerks and approvers."""
    from zwfw.assessment.models import Entry

    dept_id = department_id_of(user)
    page = {
        "cases": case_counts(user, today),
        "scope_label": "综合窗口" if user.role == roles.COMPREHENSIVE_CLERK else (
            getattr(user.department, "name", "") if dept_id else "全厅"),
        "actions": navigation.clerk_actions(user),
        "month_label": chinese_month(today.year, today.month),
        "assessment": None, "news": None, "indicators": None,
    }
    if dept_id:
        from zwfw.catalog.queries import indicator_rows

        page["indicators"] = next(iter(indicator_rows(today, department=dept_id)), None)
        month = today.replace(day=1)
        entries = Entry.objects.filter(department_id=dept_id, month=month).exclude(status=Entry.REJECTED)
        page["assessment"] = {
            "entries": entries.count(),
            "url": navigation.url(navigation.WINDOW, dept_id),
        }
    if dept_id and user.role == roles.DEPARTMENT_CLERK:
        from zwfw.briefing.models import NewsItem

        mine = NewsItem.objects.filter(department_id=dept_id, period_start=week_start(today))
        page["news"] = {"submitted": mine.count(),
                        "returned": mine.filter(status=NewsItem.RETURNED).count(),
                        "url": navigation.url(navigation.NEWS)}
    return page


def centre(user, today: dt.date) -> dict:
    """Centre platform staff: today's and this week's figures and what waits for them."""
    from zwfw.assessment.models import Entry
    from zwfw.briefing.models import Issue, NewsItem
    from zwfw.stats import queries as stats

    week_now = this_week(today)
    monday, until = week_now["start"], week_now["end"]

    def counters():
        return {"today": stats.totals(today, today), "week": stats.totals(monday, until),
                "window_week": stats.comprehensive_window(monday, until), "anomalies": anomalous_guide_count(today)}
    figures = hall_wide(f"centre:{today.isoformat()}", counters)
    drafts = list(Issue.objects.filter(status="draft").order_by("-period_end", "-id")[:5])
    return {
        "today_label": chinese_date(today), "week_label": week_now["label"],
        **figures,
        "cases": case_counts(user, today),
        "drafts": [{"title": str(d), "period": period_text(d.period_start, d.period_end),
                    "url": navigation.url("briefing:edit", d.pk)} for d in drafts],
        "news_pending": NewsItem.objects.filter(status=NewsItem.SUBMITTED).count(),
        "proposals_pending": Entry.objects.filter(status=Entry.PROPOSED).count(),
        "urls": {"news": navigation.url(navigation.NEWS), "proposals": navigation.url(navigation.PROPOSALS),
                 "anomalies": navigation.url(navigation.ANOMALIES)},
        "actions": navigation.centre_actions(user),
    }


def _chart(today: dt.date, current: tuple[dt.date, dt.date] | None = None) -> dict:
    """Weekly figures up to the last complete week: a week still running is never plotted as a drop."""
    from zwfw.briefing.weeks import last_complete_week
    from zwfw.stats import queries as stats

    _, last_end = last_complete_week(today, current)
    if last_end.year < today.year:  # the first week of the year is still running
        return {"title": f"{today.year} 年每周受理、办结件数", "weeks": [], "ranges": [], "accepted": [],
                "completed": [], "note": "本年度第一周尚未结束，暂无完整周数据。"}
    until = last_end + dt.timedelta(days=6 - last_end.weekday())  # its calendar week's Sunday
    series = stats.weekly_series_of(today.year, ("accepted", "completed"), until)
    accepted, completed = series["accepted"], series["completed"]
    return {
        "title": f"{today.year} 年每周受理、办结件数",
        "note": f"统计至 {chinese_date(last_end)}（已结束的周）；本周尚未结束，不计入图表。",
        "weeks": [f"第 {w['week']} 周" for w in accepted],
        "ranges": [f"{w['start'].month} 月 {w['start'].day} 日—{w['end'].month} 月 {w['end'].day} 日"
                   for w in accepted],
        "accepted": [w["count"] for w in accepted],
        "completed": [w["count"] for w in completed],
    }


def ends_of_ranking(table: list[dict], places: int = 3) -> tuple[list[dict], list[dict]]:
    """The top and bottom ``places`` of a ranked table, each keeping ties whole.

    Top: every window ranked at or above the third place. Bottom: of the windows below the top
    that lost points (a tie at the base score is not "at the bottom"), the last three places and
    every window tied with the highest of them.
    """
    cutoff = table[places - 1]["rank"] if len(table) >= places else None
    top = [r for r in table if cutoff is None or r["rank"] <= cutoff]
    below = [r for r in table[len(top):] if r["score"] < r["base"]]
    if len(below) > places:
        floor = below[-places]["rank"]
        below = [r for r in below if r["rank"] >= floor]
    return top, below


def leader(user, today: dt.date) -> dict:
    """Leadership: a read-only dashboard in the briefing's words. The figures are the whole hall's, the same
    for every leader: computed once (from the replica when there is one) and kept for ``CACHE_SECONDS``."""
    figures = hall_wide(f"leader:{today.isoformat()}", lambda: _leader_figures(today))
    return {**figures, "links": navigation.leader_links(user)}


def hall_wide(key: str, compute):
    """The figures ``compute()`` reads for the whole hall, read from the replica when there is one and kept
    in the cache for ``ZWFW_DASHBOARD_CACHE_SECONDS`` (0: computed on every request) under ``key``."""
    from zwfw.dbrouter import reporting

    def read():
        with reporting():
            return compute()
    seconds = settings.ZWFW_DASHBOARD_CACHE_SECONDS
    return cache.get_or_set(f"zwfw:dashboard:{key}", read, seconds) if seconds > 0 else read()


def _leader_figures(today: dt.date) -> dict:
    from zwfw.assessment.queries import month_table
    from zwfw.briefing.sentences import comprehensive_window_sentence, other_types_phrase
    from zwfw.catalog.queries import department_indicators
    from zwfw.feedback.queries import satisfaction
    from zwfw.stats import queries as stats

    week_now = this_week(today)
    monday, until = week_now["start"], week_now["end"]
    year_start = dt.date(today.year, 1, 1)
    # The year so far and the comprehensive window's week and year: one pass over the counters.
    ytd = figures = stats.briefing_figures(monday, until)
    window_week, window_ytd = figures["comprehensive_window"]["week"], figures["comprehensive_window"]["ytd"]
    quoted = {d: i.texts for d, i in department_indicators(today).items()}
    departments = [{**r, "indicators": quoted.get(r["department_id"])}
                   for r in stats.by_department_with_week(year_start, today, monday)]
    last_month = previous_month(today)
    table = month_table(last_month)
    scored = any(r["deducted"] or r["added"] for r in table)
    # The first three places, and every window tied with the last of them.
    top, bottom = ends_of_ranking(table)
    rates = satisfaction(year_start, today)
    return {
        "as_of_label": chinese_date(today), "year": today.year,
        "ytd_period": f"{chinese_date(year_start)}至 {chinese_date(today)}",
        "categories": [
            {"label": "行政许可事项", **ytd["permit"]},
            {"label": "公共服务事项", **ytd["public_service"]},
            {"label": other_types_phrase(ytd["other"]["types"], "digits"), **ytd["other"]},
        ],
        "week_label": week_now["label"],
        "window_week": window_week, "window_ytd": window_ytd,
        "window_sentence": comprehensive_window_sentence(window_week, window_ytd),
        "chart": _chart(today, (week_now["start"], week_now["week_end"])),
        "departments": departments,
        "assessment": {
            "month_label": chinese_month(last_month.year, last_month.month),
            "scored": scored,
            "top": top if scored else [],
            "bottom": bottom if scored else [],
            "windows": len(table),
        },
        "satisfaction": {"ratings": rates.ratings, "hotline": rates.hotline},
    }


def applicant(user, today: dt.date) -> dict:
    """Applicants: my cases, my licences, what I may still rate."""
    from zwfw.cases.models import OPEN_STATUSES
    from zwfw.cases.queries import cases_for
    from zwfw.licences.models import Licence
    from zwfw.licences.queries import valid_q

    mine = cases_for(user).order_by()
    return {
        "open": mine.filter(status__in=OPEN_STATUSES).count(),
        "completed": mine.filter(status="completed").count(),
        "to_rate": mine.filter(status="completed", rating__isnull=True).count(),
        "licences": Licence.objects.filter(holder__user=user).filter(valid_q(today)).count(),
        "actions": navigation.applicant_actions(user),
    }


def for_user(user, today: dt.date) -> tuple[str, dict]:
    """(template, context) of the home page for ``user``."""
    if not user.is_authenticated:
        return "web/home/public.html", {"track_url": navigation.url(navigation.TRACK_CASE)}
    role = getattr(user, "role", None)
    if role == roles.LEADER:
        return "web/home/leader.html", leader(user, today)
    if role == roles.CENTRE_STAFF or (user.is_superuser and sees_all(user)):
        return "web/home/centre.html", centre(user, today)
    if role in (roles.COMPREHENSIVE_CLERK, roles.DEPARTMENT_CLERK, roles.APPROVER):
        return "web/home/clerk.html", clerk(user, today)
    if role == roles.APPLICANT:
        return "web/home/applicant.html", applicant(user, today)
    return "web/home/other.html", {}
