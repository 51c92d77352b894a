"""How much happens in the demo hall (pure: values in, values out).

Volumes are the real 2022 provincial-level figures (seed issue 2022-44) times the scale,
pro rata for the length of the period, spread over working days and handling items
with uneven weights.
"""
from __future__ import annotations

import datetime as dt
import random
import zlib

# Accepted / completed in 2022 at the provincial level, per statistics category.
YEAR_2022 = {
    "permit": (785_283, 776_297),
    "public_service": (21_116_425, 8_845_256),
    "other": (61_170, 61_215),
}
# The comprehensive window in the reference briefings: consultations per acceptance (36612 / 9685),
# transfers per accepted case there (件次, often more than one per case).
CONSULTATIONS_PER_ACCEPTANCE = 3.8
REJECTED_SHARE = 0.015        # 不予受理, of applications
DENIED_SHARE = 0.01           # 不予许可, of decided cases
SUSPENDED_SHARE = 0.01        # 专家评审 etc. among permit cases
LATE_SHARE = 0.006            # completed after the promised deadline (超期)
# Cases of items at the comprehensive window that are accepted there (the rest at the department's window
# or online); with 综合窗口出件 this gives the real issues' shape, about nine results per acceptance there.
COMPREHENSIVE_SHARE = 0.4
# 综合窗口出件: the comprehensive window hands out the results of most departments' cases; a few
# departments hand out their own (the real issues: about nine results per acceptance there).
ISSUING_AT_COMPREHENSIVE_SHARE = 0.8
MONTH_WEIGHT = {1: 0.9, 2: 0.7, 3: 1.1, 4: 1.05, 5: 1.0, 6: 1.05, 7: 1.0, 8: 0.95, 9: 1.05, 10: 0.8, 11: 1.05, 12: 1.1}


def targets(scale: float, days: int) -> dict[str, dict[str, int]]:
    """{category: {"accepted": n, "with_case": n}} for a period of ``days`` calendar days.

    Public-service acceptances far outnumber completions in the real figures; the share of
    acceptances with a case file follows the completed/accepted ratio, the rest are 即办
    acceptances answered on the spot (an accepted event without a case).
    """
    out = {}
    for category, (accepted, completed) in YEAR_2022.items():
        n = max(1, round(accepted * scale * days / 365))
        ratio = min(1.0, completed / accepted)
        out[category] = {"accepted": n, "with_case": max(1, round(n * ratio)) if ratio < 0.9 else n}
    return out


def issues_at_comprehensive_window(department_code: str) -> bool:
    """Whether the comprehensive window hands out this department's results (stable for a code)."""
    return zlib.crc32(department_code.encode()) % 100 < ISSUING_AT_COMPREHENSIVE_SHARE * 100


def item_weights(rng: random.Random, items: list) -> list[float]:
    """Uneven weights: a few items carry most of the cases (log-normal)."""
    return [rng.lognormvariate(0, 1.1) for _ in items]


def day_weights(days: list[dt.date]) -> list[float]:
    """Working days weighted by month (Spring Festival and National Day months are lighter) and weekday."""
    return [MONTH_WEIGHT[d.month] * (1.15 if d.weekday() == 0 else 0.9 if d.weekday() == 4 else 1.0) for d in days]


def spread(rng: random.Random, n: int, choices: list, weights: list[float]) -> list:
    """``n`` draws of ``choices`` by weight, sorted by the choice's position (deterministic for a seed)."""
    if not choices or n <= 0:
        return []
    picks = rng.choices(range(len(choices)), weights=weights, k=n)
    return [choices[i] for i in sorted(picks)]


def office_time(rng: random.Random, day: dt.date, tz, earliest: int = 9 * 60, latest: int = 17 * 60) -> dt.datetime:
    """An aware datetime during office hours (09:00–12:00, 13:30–17:30) on ``day``."""
    minute = rng.randrange(earliest, latest)
    if 12 * 60 <= minute < 13 * 60 + 30:
        minute += 90
    return dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, rng.randrange(60), tzinfo=tz)


def completion_days(rng: random.Random, promised: int, statutory: int, late: bool) -> int:
    """Working days from acceptance to completion: mostly well inside the promised limit."""
    if late:
        return min(statutory + (1 if rng.random() < 0.2 else 0), promised + rng.randint(1, 3))
    if promised <= 1:
        return rng.choice((0, 0, 1))
    return max(1, min(promised, round(promised * rng.betavariate(2.2, 2.0))))
