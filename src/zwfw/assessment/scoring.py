"""The month's score of a window (pure): base − deductions + additions, caps per rule per month.

Points are magnitudes: a deduction written as "-2" by the centre counts as 2 points off.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

DEDUCTION = "deduction"
ADDITION = "addition"


@dataclass(frozen=True)
class Line:
    """One confirmed entry: the rule's code and kind, its points and the rule's monthly cap."""

    rule_code: str
    kind: str
    points: Decimal
    cap: Decimal | None = None


@dataclass(frozen=True)
class Score:
    base: Decimal
    deducted: Decimal
    added: Decimal

    @property
    def score(self) -> Decimal:
        return self.base - self.deducted + self.added


def rule_totals(lines: list[Line]) -> dict[tuple[str, str], Decimal]:
    """Points per (kind, rule code), each rule's sum capped at its monthly cap."""
    totals: dict[tuple[str, str], Decimal] = {}
    caps: dict[tuple[str, str], Decimal | None] = {}
    for line in lines:
        if line.kind not in (DEDUCTION, ADDITION):
            raise ValueError(f"unknown rule kind: {line.kind}")
        key = (line.kind, line.rule_code)
        totals[key] = totals.get(key, Decimal(0)) + abs(Decimal(line.points))
        if line.cap is not None:
            caps[key] = abs(Decimal(line.cap))
    return {key: min(total, caps[key]) if caps.get(key) is not None else total for key, total in totals.items()}


def score(base: Decimal, lines: list[Line]) -> Score:
    totals = rule_totals(lines)
    deducted = sum((v for (kind, _), v in totals.items() if kind == DEDUCTION), Decimal(0))
    added = sum((v for (kind, _), v in totals.items() if kind == ADDITION), Decimal(0))
    return Score(base=Decimal(base), deducted=deducted, added=added)


def points_text(value: Decimal | int | float) -> str:
    """100 → "100", 99.50 → "99.5", 0 → "0", -2 → "-2" (as the centre's tables print them; never "-0")."""
    d = Decimal(str(value))
    if d == 0:
        d = Decimal(0)
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    return format(d.normalize(), "f")
