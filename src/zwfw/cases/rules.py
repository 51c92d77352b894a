"""Rule-based automatic approval (无人工干预智能审批): evaluating an item's conditions. Pure.

Conditions are data: ``[{"kind": "materials_complete"}, {"kind": "not_listed"},
{"kind": "licence_valid", "licence_kind": "营业执照"}]``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from zwfw.errors import DomainError

KINDS = {
    "materials_complete": "申请材料齐全",
    "not_listed": "申请人未被列入异常名录",
    "licence_valid": "持有有效电子证照",
}


@dataclass(frozen=True)
class Facts:
    materials_complete: bool
    listed: bool
    licence_kinds: frozenset = field(default_factory=frozenset)


def check_conditions(conditions) -> list[dict]:
    """Validate a rule's conditions as entered; returns them normalised."""
    if not isinstance(conditions, list) or not conditions:
        raise DomainError("智能审批条件应为非空列表。", field="conditions")
    out = []
    for n, c in enumerate(conditions, start=1):
        kind = c.get("kind") if isinstance(c, dict) else None
        if kind not in KINDS:
            raise DomainError(f"第 {n} 个条件“{kind}”无效，应为：{'、'.join(KINDS)}。", field="conditions")
        if kind == "licence_valid" and not str(c.get("licence_kind") or "").strip():
            raise DomainError(f"第 {n} 个条件需要填写证照种类。", field="conditions")
        out.append(dict(c))
    return out


def describe(condition: dict) -> str:
    if condition["kind"] == "licence_valid":
        return f"持有有效的{condition['licence_kind']}"
    return KINDS[condition["kind"]]


def unmet(conditions: list[dict], facts: Facts) -> list[str]:
    """The Chinese descriptions of the conditions that do not hold (empty: approve automatically)."""
    failed = []
    for c in conditions:
        kind = c.get("kind")
        ok = {
            "materials_complete": lambda: facts.materials_complete,
            "not_listed": lambda: not facts.listed,
            "licence_valid": lambda: c.get("licence_kind") in facts.licence_kinds,
        }.get(kind, lambda: False)()
        if not ok:
            failed.append(describe(c) if kind in KINDS else f"未知条件“{kind}”")
    return failed
