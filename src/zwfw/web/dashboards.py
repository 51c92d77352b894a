"""What each role's home page shows: assembled from the apps' read-only queries.

Every figure comes from the statistics counters or from an indexed count
(cases by department and status, by promised deadline); nothing here walks
the case table. Each function returns plain values for one template.
"""
from __future__ import annotations

import datetime as dt

from zwfw.accounts import roles
from zwfw.accounts.scoping import department_id_of, sees_all
from zwfw.cn import chinese_date, chinese_month, period_text

from . import navigation


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


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
    """Handling items in force whose service guide is missing or faulty (catalog's pure check).

    catalog.queries.anomalous_guides asks two queries per item; here the guides and their
    materials are prefetched so the count costs three queries whatever the catalogue's size.
    """
    from zwfw.catalog.guides import GuideValues, MaterialValues, guide_anomalies
    from zwfw.catalog.models import ServiceGuide
    from zwfw.catalog.queries import items_in_force

    items = list(items_in_force(today).order_by())
    guides = {g.item_id: g for g in ServiceGuide.objects.filter(item__in=[i.pk for i in items])
              .prefetch_related("materials")}
    count = 0
    for item in items:
        guide = guides.get(item.pk)
        if guide is None:
            count += 1
            continue
        values = GuideValues(
            statutory_days=item.statutory_days, promised_days=item.promised_days,
            fully_online=item.fully_online, on_the_spot=item.on_the_spot,
            conditions=guide.conditions, fees=guide.fees, legal_basis=guide.legal_basis,
            where_to_apply=guide.where_to_apply, online_url=guide.online_url,
            materials=[MaterialValues(m.name, m.copies, m.required, m.form, m.licence_kind)
                       for m in guide.materials.all()],
        )
        if guide_anomalies(values):
            count += 1
    return count


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
        "assessment": None, "news": None,
    }
    if dept_id:
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

    monday = week_start(today)
    day, week = stats.totals(today, today), stats.totals(monday, today)
    drafts = list(Issue.objects.filter(status="draft").order_by("-period_end", "-id")[:5])
    return {
        "today_label": chinese_date(today), "week_label": period_text(monday, today),
        "today": day, "week": week,
        "window_week": stats.comprehensive_window(monday, today),
        "cases": case_counts(user, today),
        "drafts": [{"title": str(d), "period": period_text(d.period_start, d.period_end),
                    "url": navigation.url("briefing:edit", d.pk)} for d in drafts],
        "news_pending": NewsItem.objects.filter(status=NewsItem.SUBMITTED).count(),
        "proposals_pending": Entry.objects.filter(status=Entry.PROPOSED).count(),
        "anomalies": anomalous_guide_count(today),
        "urls": {"news": navigation.url(navigation.NEWS), "proposals": navigation.url(navigation.PROPOSALS),
                 "anomalies": navigation.url(navigation.ANOMALIES)},
        "actions": navigation.centre_actions(user),
    }


def _chart(today: dt.date) -> dict:
    from zwfw.stats import queries as stats

    accepted = stats.weekly_series(today.year, "accepted", today)
    completed = stats.weekly_series(today.year, "completed", today)
    return {
        "title": f"{today.year} 年每周受理、办结件数",
        "weeks": [f"第 {w['week']} 周" for w in accepted],
        "ranges": [f"{w['start'].month} 月 {w['start'].day} 日—{w['end'].month} 月 {w['end'].day} 日"
                   for w in accepted],
        "accepted": [w["count"] for w in accepted],
        "completed": [w["count"] for w in completed],
    }


def leader(user, today: dt.date) -> dict:
    """Leadership: a read-only dashboard in the briefing's words."""
    from zwfw.assessment.queries import month_table
    from zwfw.briefing.sentences import comprehensive_window_sentence, other_types_phrase
    from zwfw.feedback.queries import satisfaction
    from zwfw.stats import queries as stats

    monday = week_start(today)
    year_start = dt.date(today.year, 1, 1)
    ytd = stats.ytd(today)
    window_week = stats.comprehensive_window(monday, today)
    window_ytd = stats.comprehensive_window_ytd(today)
    week_rows = {r["department_id"]: r for r in stats.by_department(monday, today)}
    departments = [
        {**r, "week_accepted": week_rows.get(r["department_id"], {}).get("accepted", 0),
         "week_completed": week_rows.get(r["department_id"], {}).get("completed", 0)}
        for r in stats.by_department(year_start, today)
    ]
    last_month = previous_month(today)
    table = month_table(last_month)
    scored = any(r["deducted"] or r["added"] for r in table)
    # The first three places, and every window tied with the last of them.
    cutoff = table[2]["rank"] if len(table) > 2 else None
    top = [r for r in table if cutoff is None or r["rank"] <= cutoff]
    rates = satisfaction(year_start, today)
    return {
        "as_of_label": chinese_date(today), "year": today.year,
        "ytd_period": f"{chinese_date(year_start)}至 {chinese_date(today)}",
        "categories": [
            {"label": "行政许可事项", **ytd["permit"]},
            {"label": "公共服务事项", **ytd["public_service"]},
            {"label": other_types_phrase(ytd["other"]["types"], "digits"), **ytd["other"]},
        ],
        "week_label": period_text(monday, today),
        "window_week": window_week, "window_ytd": window_ytd,
        "window_sentence": comprehensive_window_sentence(window_week, window_ytd),
        "chart": _chart(today),
        "departments": departments,
        "assessment": {
            "month_label": chinese_month(last_month.year, last_month.month),
            "scored": scored,
            "top": top if scored else [],
            # Only windows that lost points are "at the bottom"; a tie at the base score is not.
            "bottom": [r for r in table[len(top):][-3:] if r["score"] < r["base"]] if scored else [],
            "windows": len(table),
        },
        "satisfaction": {"ratings": rates.ratings, "hotline": rates.hotline},
        "links": navigation.leader_links(user),
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
