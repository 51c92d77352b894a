"""Checks on what was read (pure): figures that contradict each other are reported, never corrected.

Each finding is a warning naming the field it concerns, in the shape
``{"field": "assessment.rows[3].score", "message": "…"}``; the import command
prints them and exits non-zero, so a file that was not read whole never passes
for one that was.
"""
from __future__ import annotations

from datetime import date

from .sections import Layout

WINDOW_LABELS = {"consulted": "咨询", "accepted": "受理", "issued": "颁发", "transferred": "流转"}


def _warn(field: str, message: str) -> dict:
    return {"field": field, "message": message}


def _n(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def table_reading(layout: Layout, table) -> list[dict]:
    """What the table reader could not place: lines whose columns could not be told apart,
    name fragments left over, rows without a department."""
    if table is None:
        return []
    found = []
    for line in table.unread:
        found.append(_warn("assessment.rows", f"附件表格中有一行无法分列读取：“{line}”——表格未能完整读取，请核对原文"))
    if table.pending:
        found.append(_warn("assessment.rows", f"附件表格中“{''.join(table.pending)}”不属于任何一行"))
    return found


def assessment(figures: dict | None) -> list[dict]:
    if not figures:
        return []
    found = []
    rows = figures["rows"]
    for i, row in enumerate(rows):
        field = f"assessment.rows[{i}]"
        name = row["department"] or f"第 {i + 1} 行"
        if not row["department"]:
            found.append(_warn(f"{field}.department", f"附件表格第 {i + 1} 行没有部门窗口名称"))
        values = [row[k] for k in ("base", "deducted", "added", "score")]
        if any(v is None for v in values):
            missing = [label for k, label in (("base", "基础分"), ("deducted", "减分"), ("added", "加分"),
                                              ("score", "实得分")) if row[k] is None]
            found.append(_warn(f"{field}", f"{name}：{'、'.join(missing)}未能读出"))
            continue
        base, deducted, added, score = values
        if abs(base - deducted + added - score) > 1e-6:
            found.append(_warn(f"{field}.score", f"{name}：基础分 {_n(base)} − 减分 {_n(deducted)} + 加分 {_n(added)}"
                                                 f" = {_n(base - deducted + added)}，表中实得分为 {_n(score)}"))
    scored = [r for r in rows if r["score"] is not None]
    for i, row in enumerate(rows):
        if row["score"] is None:
            continue
        expected = 1 + sum(1 for r in scored if r["score"] > row["score"])
        if row["rank"] != expected:
            found.append(_warn(f"assessment.rows[{i}].rank",
                               f"{row['department']}：实得分 {_n(row['score'])} 应排第 {expected} 名，表中为第 {row['rank']} 名"
                               "（名次与得分不符，或表格有行未读出）"))
    return found


def comprehensive_window(figures: dict | None) -> list[dict]:
    if not figures or not figures.get("week") or not figures.get("ytd"):
        return []
    found = []
    for key, label in WINDOW_LABELS.items():
        week, ytd = figures["week"].get(key), figures["ytd"].get(key)
        if week is not None and ytd is not None and week > ytd:
            found.append(_warn(f"comprehensive_window.week.{key}",
                               f"本周{label} {week} 大于今年以来累计{label} {ytd}"))
        if week is None or ytd is None:
            found.append(_warn(f"comprehensive_window.{'week' if week is None else 'ytd'}.{key}",
                               f"综窗{label}数未能读出"))
    return found


def provincial(figures: dict | None, period: tuple[date, date]) -> list[dict]:
    if not figures:
        return []
    found = []
    for key, label in (("permit", "行政许可"), ("public_service", "公共服务"), ("other", "其它类行权事项")):
        pair = figures.get(key) or {}
        for part, word in (("accepted", "受理"), ("completed", "办结")):
            if pair.get(part) is None:
                found.append(_warn(f"provincial_ytd.{key}.{part}", f"{label}{word}数未能读出"))
    as_of = figures.get("as_of")
    if as_of is None:
        found.append(_warn("provincial_ytd.as_of", "统计截止日期未能读出"))
    else:
        d = date.fromisoformat(as_of)
        if not period[0] <= d <= period[1]:
            found.append(_warn("provincial_ytd.as_of", f"统计截止日期 {as_of} 不在本期 {period[0]} 至 {period[1]} 内"))
    return found


def manuals(figures: dict | None) -> list[dict]:
    if figures and not 0 <= figures["share"] <= 100:
        return [_warn("manuals.share", f"受理工作手册占比 {figures['share']}% 超出 0–100%")]
    return []


def neighbours(year: int, issue: int, total: int | None, period_end: date, stored: list[tuple]) -> list[dict]:
    """Numbering against the issues already held: ``stored`` is (year, number, total, period_end) of each.
    Within a year, total − number is the same for every issue; numbers rise with the period."""
    found = []
    for other_year, other_number, other_total, other_end in stored:
        if (other_year, other_number) == (year, issue):
            continue
        label = f"{other_year} 年第 {other_number} 期（总第 {other_total} 期）"
        if total is not None and other_total is not None and other_year == year and \
                other_total - other_number != total - issue:
            found.append(_warn("total_issue", f"总第 {total} 期与已有的{label}不一致："
                                              f"同一年度内总期号与年度期号之差应相同"))
        if other_total is not None and total is not None and (other_total < total) != (other_end < period_end) \
                and other_end != period_end:
            found.append(_warn("period", f"本期截止于 {period_end}，与已有的{label}（截止于 {other_end}）的先后顺序不符"))
        if other_end == period_end:
            found.append(_warn("period", f"本期的截止日期 {period_end} 与已有的{label}相同"))
    return found
