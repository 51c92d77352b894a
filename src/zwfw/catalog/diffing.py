"""What changed in the catalogue between two dates, and the briefing's wording for it. Pure.

``compare`` takes two snapshots (the matters in force on each date, with their items)
and returns a ``CatalogDiff``; ``render_diff`` writes it the way the weekly briefing does:

    主项从 742 项调整为 747 项，办理项从 1631 项调整为 1650 项
    省药监局新增“药品零售企业经营许可”1 个事项（主项 1 个、办理项 4 个）
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ItemSnap:
    code: str
    name: str
    attrs: tuple = ()  # every value whose change counts as an adjustment


@dataclass(frozen=True)
class MatterSnap:
    code: str
    name: str
    department: str  # as displayed (short name)
    department_order: tuple  # sort key for display order
    attrs: tuple = ()
    items: dict = field(default_factory=dict)  # code -> ItemSnap


@dataclass
class DepartmentChange:
    department: str
    order: tuple
    added: list[tuple[str, int]] = field(default_factory=list)  # (matter name, item count)
    removed: list[tuple[str, int]] = field(default_factory=list)
    items_added: list[tuple[str, str]] = field(default_factory=list)  # (matter name, item name)
    items_removed: list[tuple[str, str]] = field(default_factory=list)
    item_counts: list[tuple[str, int, int]] = field(default_factory=list)  # (matter name, before, after)
    matters_changed: list[str] = field(default_factory=list)
    items_changed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.items_added or self.items_removed
                    or self.matters_changed or self.items_changed)


@dataclass
class CatalogDiff:
    date_from: dt.date
    date_to: dt.date
    matters_from: int
    matters_to: int
    items_from: int
    items_to: int
    departments: list[DepartmentChange]

    @property
    def unchanged(self) -> bool:
        return not self.departments


def compare(date_from, date_to, before: list[MatterSnap], after: list[MatterSnap]) -> CatalogDiff:
    old = {m.code: m for m in before}
    new = {m.code: m for m in after}
    changes: dict[str, DepartmentChange] = {}

    def dept(m: MatterSnap) -> DepartmentChange:
        if m.department not in changes:
            changes[m.department] = DepartmentChange(m.department, m.department_order)
        return changes[m.department]

    for code, m in new.items():
        was = old.get(code)
        if was is None or was.department != m.department:
            dept(m).added.append((m.name, len(m.items)))
            continue
        if was.name != m.name or was.attrs != m.attrs:
            dept(m).matters_changed.append(m.name)
        for icode, item in m.items.items():
            old_item = was.items.get(icode)
            if old_item is None:
                dept(m).items_added.append((m.name, item.name))
            elif old_item.name != item.name or old_item.attrs != item.attrs:
                dept(m).items_changed.append(f"{m.name}（{item.name}）")
        for icode, item in was.items.items():
            if icode not in m.items:
                dept(m).items_removed.append((m.name, item.name))
        if len(was.items) != len(m.items):
            dept(m).item_counts.append((m.name, len(was.items), len(m.items)))
    for code, was in old.items():
        m = new.get(code)
        if m is None or m.department != was.department:
            dept(was).removed.append((was.name, len(was.items)))

    departments = sorted((c for c in changes.values() if not c.empty), key=lambda c: c.order)
    return CatalogDiff(
        date_from, date_to,
        matters_from=len(old), matters_to=len(new),
        items_from=sum(len(m.items) for m in before), items_to=sum(len(m.items) for m in after),
        departments=departments,
    )


def _quoted(names: list[str], limit: int = 3) -> str:
    """“甲”, “甲”和“乙”, “甲”、“乙”和“丙”, “甲”、“乙”、“丙”等 — as the centre joins names."""
    quoted = [f"“{n}”" for n in names]
    if len(quoted) > limit:
        return "、".join(quoted[:limit]) + "等"
    if len(quoted) > 1:
        return "、".join(quoted[:-1]) + "和" + quoted[-1]
    return "".join(quoted)


def _count_phrase(label: str, a: int, b: int) -> str:
    return f"{label} {a} 项" if a == b else f"{label}从 {a} 项调整为 {b} 项"


def headline(d: CatalogDiff) -> str:
    if d.matters_from == d.matters_to and d.items_from == d.items_to:
        tail = "无调整" if d.unchanged else "总数不变"
        return f"主项 {d.matters_to} 项、办理项 {d.items_to} 项，{tail}"
    return f"{_count_phrase('主项', d.matters_from, d.matters_to)}，{_count_phrase('办理项', d.items_from, d.items_to)}"


def _matter_clause(verb: str, matters: list[tuple[str, int]]) -> str:
    names = [name for name, _ in matters]
    items = sum(n for _, n in matters)
    return f"{verb}{_quoted(names)}{len(matters)} 个事项（主项 {len(matters)} 个、办理项 {items} 个）"


def _item_clauses(verb: str, pairs: list[tuple[str, str]]) -> list[str]:
    by_matter: dict[str, list[str]] = {}
    for matter, item in pairs:
        by_matter.setdefault(matter, []).append(item)
    return [f"“{matter}”{verb}{_quoted(items)}{len(items)} 个办理项" for matter, items in by_matter.items()]


def _count_clause(matter: str, before: int, after: int) -> str:
    verb = "调增至" if after > before else "调减至"
    return f"已进驻事项“{matter}”的办理项从 {before} 个{verb} {after} 个"


def department_line(c: DepartmentChange) -> str:
    """One department's changes, clauses joined with "，" (departments are joined with "；")."""
    clauses: list[str] = []
    if c.added:
        clauses.append(_matter_clause("新增", c.added))
    if c.removed:
        clauses.append(_matter_clause("取消", c.removed))
    counted = {matter for matter, _, _ in c.item_counts}
    clauses += [_count_clause(*change) for change in c.item_counts]
    # A matter whose items were swapped without changing their number: name the items.
    clauses += _item_clauses("新增", [p for p in c.items_added if p[0] not in counted])
    clauses += _item_clauses("取消", [p for p in c.items_removed if p[0] not in counted])
    if c.matters_changed:
        clauses.append(f"调整{_quoted(c.matters_changed)}{len(c.matters_changed)} 个事项")
    if c.items_changed:
        clauses.append(f"调整{_quoted(c.items_changed)}{len(c.items_changed)} 个办理项")
    return c.department + "，".join(clauses)


def render_diff(d: CatalogDiff) -> list[str]:
    """The headline, then one line per department that changed, in display order."""
    return [headline(d), *(department_line(c) for c in d.departments)]


def window_paragraph(d: CatalogDiff) -> str:
    """The briefing's paragraph on the comprehensive window's matters for the period:
    "动态调整综窗进驻事项，主项从 740 项调整为 742 项，办理项从 1602 项调整为 1611 项。其中：省卫生健康委新增
    “…”1 个事项（主项 1 个、办理项 3 个）；…。" — or, with nothing changed, the totals."""
    if d.unchanged:
        return f"本周综窗进驻事项无调整，主项 {d.matters_to} 项、办理项 {d.items_to} 项。"
    lines = [department_line(c) for c in d.departments]
    return f"动态调整综窗进驻事项，{headline(d)}。其中：{'；'.join(lines)}。"


_CHINESE_DIGITS = "零一二三四五六七八九十"


def other_types_phrase(n: int, *, numerals: str = "chinese") -> str:
    """"其它九类行权事项" (2022 wording) or, with numerals="arabic", "其它 6 类行权事项" (2023 wording)."""
    if numerals == "chinese" and 0 <= n <= 10:
        return f"其它{_CHINESE_DIGITS[n]}类行权事项"
    return f"其它 {n} 类行权事项"
