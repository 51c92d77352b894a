"""Readers of the assessment: the month's ranked table, its attachment form, a window's entries."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from zwfw.catalog.models import Department
from zwfw.errors import NotFound

from . import ranking, scoring
from .models import Entry
from .services import month_start, ruleset_for

COLUMNS = ["序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值"]


def department_label(department: Department) -> str:
    return department.short_name or department.name


def _base(month: dt.date) -> tuple[Decimal, str]:
    """The month's base score and tie order."""
    try:
        rs = ruleset_for(month)
    except NotFound:  # no rule set yet: every window stands at the customary base
        return Decimal(100), "display_order"
    return rs.base_score, rs.tie_order


def tie_key(tie_order: str):
    """The order of windows sharing a place: the rule set's 同分排列, then the departments' display order."""
    if tie_order == "fewer_deductions":
        return lambda r: (r["deducted"], r["display_order"])
    if tie_order == "more_additions":
        return lambda r: (-r["added"], r["display_order"])
    return lambda r: r["display_order"]


def month_table(month: dt.date) -> list[dict]:
    """Ranked rows for the windows in the hall:
    [{"rank": 1, "department": "省林草局", "department_id": 7, "base": Decimal("100"),
      "deducted": Decimal("0"), "added": Decimal("1"), "score": Decimal("101")}, …]
    Only confirmed entries count; caps apply per rule per month.
    """
    month = month_start(month)
    base, tie_order = _base(month)
    lines: dict[int, list[scoring.Line]] = {}
    for e in Entry.objects.filter(month=month, status=Entry.CONFIRMED).select_related("rule"):
        lines.setdefault(e.department_id, []).append(
            scoring.Line(e.rule.code, e.rule.kind, e.points, e.rule.monthly_cap))
    rows = []
    for d in Department.objects.filter(in_hall=True):
        s = scoring.score(base, lines.get(d.pk, []))
        rows.append({"department": department_label(d), "department_id": d.pk, "display_order": d.display_order,
                     "base": s.base, "deducted": s.deducted, "added": s.added, "score": s.score})
    out = []
    for r in ranking.rank(rows, order=tie_key(tie_order)):
        row = {"rank": r.place, **r.item}
        row.pop("display_order")
        out.append(row)
    return out


def attachment_title(month: dt.date) -> str:
    return f"{month.year} 年 {month.month} 月省政务服务大厅进驻部门（单位）窗口考核结果"


def month_attachment(month: dt.date) -> dict:
    """The briefing attachment: {"title": str, "columns": [6 headers], "rows": [[6 strings], …]};
    a place shared with the row above is printed blank, deductions are negative."""
    month = month_start(month)
    table = month_table(month)
    places = ranking.printed_places([r["rank"] for r in table])
    # Deductions print as negative points ("-0.5"), as the centre's attachment sets them.
    rows = [[place, r["department"], scoring.points_text(r["base"]), scoring.points_text(-r["deducted"]),
             scoring.points_text(r["added"]), scoring.points_text(r["score"])] for place, r in zip(places, table)]
    return {"title": attachment_title(month), "columns": list(COLUMNS), "rows": rows}


def rows_as_json(table: list[dict]) -> list[dict]:
    """Decimals as the centre prints them ("99.5"), for JSON output."""
    return [{**r, **{k: scoring.points_text(r[k]) for k in ("base", "deducted", "added", "score")}} for r in table]


def entries(month: dt.date | None = None, department=None, status: str | None = None):
    qs = Entry.objects.select_related("department", "rule", "entered_by", "decided_by")
    if month is not None:
        qs = qs.filter(month=month_start(month))
    if department is not None:
        qs = qs.filter(department=department)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("month", "department__display_order", "date", "id")
