"""Department indicators the briefings quote (pure): "承诺办结时间提速达 61.84%", and the shares of
全程网办 and 最多跑一次 items — over a department's handling items in force.

The speed-up ratio of an item is 1 − promised/statutory (working days); a department's is the plain
average over its items that have a statutory limit.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class ItemLimits:
    statutory_days: int
    promised_days: int
    fully_online: bool = False
    at_most_one_visit: bool = False


@dataclass(frozen=True)
class Indicators:
    items: int
    speed_up: Decimal | None  # percent, e.g. Decimal("61.84"); None with no statutory limit at all
    fully_online: Decimal | None  # percent of items
    one_visit: Decimal | None

    @property
    def texts(self) -> dict[str, str]:
        return {"speed_up": percent_text(self.speed_up), "fully_online": percent_text(self.fully_online),
                "one_visit": percent_text(self.one_visit)}

    @property
    def sentence(self) -> str:
        """"全程网办事项占比 100%、“最多跑一次”事项占比 100%，承诺办结时间提速达 61.84%"."""
        if not self.items:
            return ""
        t = self.texts
        parts = f"全程网办事项占比 {t['fully_online']}、“最多跑一次”事项占比 {t['one_visit']}"
        return parts + (f"，承诺办结时间提速达 {t['speed_up']}" if self.speed_up is not None else "")


def _share(n: int, total: int) -> Decimal | None:
    return Decimal(n) * 100 / Decimal(total) if total else None


def indicators(items: list[ItemLimits]) -> Indicators:
    timed = [i for i in items if i.statutory_days > 0]
    speed = (sum((1 - Decimal(i.promised_days) / Decimal(i.statutory_days) for i in timed), Decimal(0))
             * 100 / len(timed)) if timed else None
    return Indicators(items=len(items), speed_up=speed,
                      fully_online=_share(sum(i.fully_online for i in items), len(items)),
                      one_visit=_share(sum(i.at_most_one_visit for i in items), len(items)))


def percent_text(value: Decimal | None, decimals: int = 2) -> str:
    """61.8444 → "61.84%", 100 → "100%", 50.10 → "50.1%" (half up, no trailing zero); None → "—"."""
    if value is None:
        return "—"
    text = format(Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"
