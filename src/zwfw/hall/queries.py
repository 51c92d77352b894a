"""Readers of the hall, shaped for the weekly briefing and the pages."""
from __future__ import annotations

import datetime as dt

from django.db.models import Q

from . import sentences
from .models import (
    Campaign, Commendation, DutyAssignment, Finding, HallClosure, InspectionPoint, LeaderVisit, Measure,
    MeasureProgress, PolicyAdjustment, Window,
)


def department_label(department) -> str:
    return department.short_name or department.name


def on_duty(on: dt.date, window: Window | None = None) -> list[DutyAssignment]:
    qs = DutyAssignment.objects.select_related("window").filter(
        Q(date_from__lte=on), Q(date_to__isnull=True) | Q(date_to__gte=on))
    if window is not None:
        qs = qs.filter(window=window)
    return list(qs)


def comprehensive_window() -> Window | None:
    return Window.objects.filter(department__isnull=True, active=True).order_by("number").first()


def inspection_week(start: dt.date, end: dt.date) -> list[dict]:
    """The week's reading per inspection point active in [start, end], in order:
    [{"point": "按时到岗情况", "text": "总体情况良好。", "findings": [
        {"id", "date", "window", "window_number", "description", "photo_url"}, …]}, …]
    """
    points = list(InspectionPoint.objects.active_between(start, end))
    closures = list(HallClosure.objects.filter(start__lte=end, end__gte=start).order_by("start"))
    findings = (Finding.objects.filter(round__date__gte=start, round__date__lte=end)
                .select_related("round", "window", "point").order_by("round__date", "round_id", "id"))
    by_point: dict[int, list[Finding]] = {}
    for f in findings:
        by_point.setdefault(f.point_id, []).append(f)
    out = []
    for p in points:
        notes = [c.note for c in closures if c.point_id in (None, p.pk)]
        found = by_point.get(p.pk, [])
        text = sentences.inspection_text([(f.window.name, f.description) for f in found], p.good_text,
                                         "；".join(n.rstrip("。") for n in notes))
        out.append({"point": p.label, "text": text, "findings": [
            {"id": f.pk, "date": f.round.date, "window": f.window.name, "window_number": f.window.number,
             "description": f.description, "photo_url": f"/hall/findings/{f.pk}/photo/" if f.photo else ""}
            for f in found]})
    return out


def _visits(start, end) -> list[sentences.Visit]:
    qs = LeaderVisit.objects.filter(date__gte=start, date__lte=end).select_related("department")
    return [sentences.Visit(department_label(v.department), v.title, v.name, v.date, v.account) for v in qs]


def visits_week(start: dt.date, end: dt.date) -> dict:
    """{"sentence": 2024-style one sentence ("" when none), "paragraphs": [2022-style paragraph, …],
        "visits": [{"date", "department", "title", "name", "account"}, …]}"""
    visits = _visits(start, end)
    return {"sentence": sentences.visits_sentence(visits), "paragraphs": sentences.visit_paragraphs(visits),
            "visits": [v.__dict__ for v in visits]}


def commendations_week(start: dt.date, end: dt.date) -> list[dict]:
    """[{"date", "window", "person", "honour", "awarding_body", "document", "sentence"}, …]"""
    out = []
    for c in Commendation.objects.filter(date__gte=start, date__lte=end).select_related("window").order_by("date"):
        who = f"{c.window.name}{c.person}"
        out.append({"date": c.date, "window": c.window.name, "person": c.person, "honour": c.honour,
                    "awarding_body": c.awarding_body, "document": c.document,
                    "sentence": sentences.commendation_sentence(c.date, who, c.honour, c.awarding_body, c.document)})
    return out


def manual_progress(on: dt.date) -> tuple[int, int]:
    """(items with an acceptance manual, items) among handling items in force at the comprehensive window."""
    from zwfw.catalog.queries import items_in_force

    # The same scope as the catalogue-change paragraph (catalog.queries.window_change): items and matters in force.
    items = items_in_force(on).filter(at_comprehensive_window=True).order_by()
    return items.filter(manual_written=True).count(), items.count()


def policy_adjustments(start: dt.date, end: dt.date) -> list[dict]:
    """[{"date", "kind": "added"|"amended"|"withdrawn", "kind_label": "新增", "department", "code", "name", "note"}]"""
    qs = (PolicyAdjustment.objects.filter(date__gte=start, date__lte=end)
          .select_related("item__department").order_by("date", "id"))
    return [{"date": a.date, "kind": a.kind, "kind_label": a.get_kind_display(),
             "department": department_label(a.item.department), "code": a.item.code, "name": a.item.name,
             "note": a.note} for a in qs]


def _measure_reading(m: Measure, start: dt.date, end: dt.date) -> dict | None:
    if m.kind == Measure.MANUAL_PROGRESS:
        done, total = manual_progress(end)
        return {"measure": m.name, "value": done, "total": total,
                "text": sentences.manual_progress_sentence(done, total, m.decimals, m.wording)}
    if m.kind == Measure.POLICY_ADJUSTMENTS:
        n = len(policy_adjustments(start, end))
        if not n:
            return None
        return {"measure": m.name, "value": n, "total": None,
                "text": sentences.entered_sentence(m.wording or "动态调整省级惠企政策事项 {value} 条", n)}
    entries = list(MeasureProgress.objects.filter(measure=m, date__gte=start, date__lte=end))
    if not entries:
        return None
    total = sum(e.value for e in entries)
    texts = [e.text for e in entries if e.text]
    if texts:
        text = "".join(sentences.full_stop(t) for t in texts)
    else:
        text = sentences.entered_sentence(m.wording, total, m.name)
    return {"measure": m.name, "value": total, "total": None, "text": text}


def campaign_progress(start: dt.date, end: dt.date) -> list[dict]:
    """Campaigns running in [start, end] with the week's measures:
    [{"campaign": "综窗改革攻坚行动", "measures": [{"measure", "value", "total", "text"}, …]}, …]
    Computed measures read the data as of ``end``; entered ones sum the week's entries.
    A measure with nothing in the week is left out.
    """
    out = []
    campaigns = Campaign.objects.filter(Q(start__lte=end), Q(end__isnull=True) | Q(end__gte=start))
    for c in campaigns.prefetch_related("measures"):
        readings = [r for r in (_measure_reading(m, start, end) for m in c.measures.all()) if r]
        out.append({"campaign": c.name, "measures": readings})
    return out
