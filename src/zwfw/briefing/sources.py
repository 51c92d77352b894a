"""Gathers a week's data for composition from the other apps' queries (read-only).

This is the one place that knows where each section's facts live; compose.py
turns them into words and never queries anything itself.
"""
from __future__ import annotations

import datetime as dt

from .compose import BriefingData
from .document import Distribution
from .layouts import SectionSpec


def previous_month(day: dt.date) -> dt.date:
    first = day.replace(day=1)
    return (first - dt.timedelta(days=1)).replace(day=1)


def gather(start: dt.date, end: dt.date, sections: list[SectionSpec], *,
           distribution: Distribution | None = None, news: dict[str, list[str]] | None = None) -> BriefingData:
    """Fetch only what the layout's sections need (from the replica when there is one: zwfw.dbrouter)."""
    from zwfw.dbrouter import reporting

    with reporting():
        return _gather(start, end, sections, distribution=distribution, news=news)


def _gather(start: dt.date, end: dt.date, sections: list[SectionSpec], *,
            distribution: Distribution | None, news: dict[str, list[str]] | None) -> BriefingData:
    kinds = {s.kind for s in sections}
    data = BriefingData(period_start=start, period_end=end, news=dict(news or {}),
                        distribution=distribution or Distribution())
    if "provincial_statistics" in kinds:
        from zwfw.stats.queries import ytd

        data.provincial = ytd(end)
    if "comprehensive_window" in kinds:
        from zwfw.stats.queries import comprehensive_window, comprehensive_window_ytd

        data.comprehensive = {"week": comprehensive_window(start, end), "ytd": comprehensive_window_ytd(end)}
    if "catalog_change" in kinds:
        from zwfw.catalog.diffing import window_paragraph
        from zwfw.catalog.queries import window_change

        # The period only, scoped to the comprehensive window (the same items as the manuals' share).
        data.catalog_change = [window_paragraph(window_change(start, end))]
    if kinds & {"campaign_progress", "policy_news"}:
        from zwfw.hall.queries import campaign_progress, policy_adjustments

        for campaign in campaign_progress(start, end):
            # Layouts name campaigns with or without the trailing 专项行动.
            name = campaign["campaign"].removesuffix("专项行动")
            data.campaigns[name] = [m["text"] for m in campaign["measures"]]
        for a in policy_adjustments(start, end):
            data.policy_news.setdefault("", []).append(
                f"{a['department']}{a['kind_label']}惠企政策事项“{a['name']}”{('，' + a['note'].rstrip('。')) if a['note'] else ''}。")
        for s in sections:
            campaign = s.options.get("campaign")
            if s.kind == "policy_news" and campaign:
                data.policy_news[campaign] = data.campaigns.get(campaign, []) + data.policy_news.get("", [])
    if "leader_visits" in kinds:
        from zwfw.hall.queries import visits_week

        visits = visits_week(start, end)
        data.leader_visits_2022 = visits["paragraphs"]
        data.leader_visits_2024 = visits["sentence"]
    if "commendations" in kinds:
        from zwfw.hall.queries import commendations_week

        data.commendations = [c["sentence"] for c in commendations_week(start, end)]
    if "hall_inspection" in kinds:
        from zwfw.hall.queries import inspection_week

        data.inspection = [(p["point"], p["text"]) for p in inspection_week(start, end)]
    if "attachment_table" in kinds:
        from zwfw.assessment.queries import month_attachment, month_table

        month = previous_month(end)
        if month_table(month):
            data.assessment = month_attachment(month)
    if "chart" in kinds:
        data.chart = trend_chart(start, end, data.provincial)
    return data


def trend_chart(start: dt.date, end: dt.date, provincial: dict | None = None) -> dict | None:
    """This year's permit figures issue by issue: stored issues (imported from old documents or
    published here) continue into this week's figures from the counters."""
    from zwfw.stats.queries import ytd

    from .models import Issue

    points = []
    stored = (Issue.objects.filter(year=end.year, period_end__lt=start,
                                   status__in=[Issue.Status.IMPORTED, Issue.Status.PUBLISHED])
              .order_by("period_end"))
    for issue in stored:
        figures = (issue.figures or {}).get("provincial_ytd") or {}
        if figures.get("permit"):
            points.append((issue.period_end, figures["permit"]["accepted"], figures["permit"]["completed"]))
    now = provincial or ytd(end)
    points.append((end, now["permit"]["accepted"], now["permit"]["completed"]))
    return {"title": f"{end.year} 年省本级行政许可事项累计受理、办结情况",
            "categories": [f"{d.month} 月 {d.day} 日" for d, _, _ in points],
            "series": [("累计受理", [a for _, a, _ in points]), ("累计办结", [c for _, _, c in points])],
            "kind": "line"}
