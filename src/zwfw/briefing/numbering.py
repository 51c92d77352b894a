"""Issue numbering (pure): "2023 年第 12 期（总第 432 期）".

The yearly number restarts at 1 with the first issue of each year; the total
never restarts. A skipped week (Spring Festival, National Day) takes no number.
Where the centre adopts the system, a starting point says which number and
total the first issue it writes takes.
"""
from __future__ import annotations

from dataclasses import dataclass

from zwfw.errors import DomainError


@dataclass(frozen=True)
class Numbered:
    """An issue that carries numbers: year, yearly number, total number."""

    year: int
    number: int
    total: int


def start_as_previous(year: int, number: int, total: int) -> Numbered:
    """A starting point "the next issue of ``year`` is number/total" seen as the issue before it."""
    if number < 1 or total < 1:
        raise DomainError("起始期号和总期号必须是正整数", code="numbering_start", field="number")
    if total < number:
        raise DomainError(f"总期号（{total}）不能小于年度期号（{number}）", code="numbering_start", field="total")
    return Numbered(year, number - 1, total - 1)


def latest(*candidates: Numbered | None) -> Numbered | None:
    """Of several known predecessors (stored issues, a starting point), the one with the highest total."""
    known = [c for c in candidates if c is not None]
    return max(known, key=lambda c: (c.total, c.year, c.number)) if known else None


def next_number(previous: Numbered | None, year: int) -> tuple[int, int]:
    """(number, total) of the next numbered issue in ``year`` after ``previous``.

    With nothing before it, the first issue is 第 1 期（总第 1 期）.
    """
    if previous is None:
        return 1, 1
    if year < previous.year:
        raise DomainError(
            f"已有 {previous.year} 年第 {previous.number} 期（总第 {previous.total} 期），"
            f"不能再编排 {year} 年的期号",
            code="numbering_order", field="year",
        )
    number = previous.number + 1 if year == previous.year else 1
    return number, previous.total + 1


def number_weeks(previous: Numbered | None, weeks: list[tuple[int, bool]]) -> list[tuple[int, int] | None]:
    """Numbers for consecutive weeks given as (year, skipped): None for a skipped week."""
    result: list[tuple[int, int] | None] = []
    for year, skipped in weeks:
        if skipped:
            result.append(None)
            continue
        number, total = next_number(previous, year)
        result.append((number, total))
        previous = Numbered(year, number, total)
    return result
