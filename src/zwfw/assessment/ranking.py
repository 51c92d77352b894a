"""Ranking of windows by score (pure).

Equal scores share a place and the next place is skipped (1, 1, 3, …); equal scores
are listed in the departments' display order. The attachment prints a shared place
on the first row of the tie only.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Ranked:
    place: int
    item: Any


def rank(items: list, score=lambda x: x["score"], order=lambda x: x["display_order"]) -> list[Ranked]:
    """Sort by score (highest first), ties in display order, and give competition places."""
    ordered = sorted(items, key=lambda x: (-Decimal(score(x)), order(x)))
    out: list[Ranked] = []
    for i, item in enumerate(ordered):
        if i and Decimal(score(item)) == Decimal(score(ordered[i - 1])):
            place = out[-1].place
        else:
            place = i + 1
        out.append(Ranked(place, item))
    return out


def printed_places(places: list[int]) -> list[str]:
    """The 序号 column: a place shared with the row above is left blank."""
    return ["" if i and p == places[i - 1] else str(p) for i, p in enumerate(places)]
