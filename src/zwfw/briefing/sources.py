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
    """Fetch only what the layout's sections need."""
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
        from zwfw.catalog.diffing import render_diff
        from zwfw.catalog.queries import catalog_diff

        data.catalog_change = render_diff(catalog_diff(dt.date(end.year, 1, 1), end))
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
        from zwfw.stats.queries import weekly_series

        series = weekly_series(end.year, "accepted", end)
        data.chart = {"title": f"{end.year} 年省本级每周受理量", "categories": [f"第 {w['week']} 周" for w in series],
                      "series": [("受理", [w["count"] for w in series])]}
    return data
