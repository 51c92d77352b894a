"""One historical case's life as a list of dated steps (pure apart from the calendar it is given).

The deadlines and the saved days use the cases app's own clock functions, so a bulk-built
case reads exactly as one driven through the service layer would.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from zwfw.cases import clock

from .volumes import completion_days

STATUS_AFTER = {
    "applied": "applied", "accepted": "accepted", "rejected": "rejected", "transferred": "transferred",
    "review_started": "reviewing", "suspended": "suspended", "resumed": "reviewing", "approved": "approved",
    "denied": "denied", "issued": "issued", "completed": "completed",
}
TRANSFER_TARGETS = ["审批处室", "分管处长", "分管厅（局）领导", "技术审查中心"]
SUSPENSION_KINDS = [("expert_review", "专家评审"), ("appraisal", "鉴定"), ("testing", "检测")]


@dataclass
class Plan:
    """What happens to one case, decided before any row is built."""

    accepted_on: dt.date
    statutory: int
    promised: int
    comprehensive: bool
    rejected: bool = False
    denied: bool = False
    late: bool = False
    suspension: tuple[str, int] | None = None      # (kind, working days)
    transfers: int = 1
    steps: list = field(default_factory=list)      # [(kind, day, note, data)]


def plan_steps(rng: random.Random, cal, plan: Plan) -> list[tuple[str, dt.date, str, dict]]:
    """The steps of a case in order: (event kind, day, note, data)."""
    d = plan.accepted_on
    if plan.rejected:
        return [("applied", d, "", {"channel": "window"}),
                ("rejected", d, "申请材料不齐全且无法当场补正，申请人不具备申请资格", {})]
    k = completion_days(rng, plan.promised, plan.statutory, plan.late)
    sus_kind, sus_days = plan.suspension if plan.suspension and k >= 2 else (None, 0)
    steps = [("applied", d, "", {}), ("accepted", d, "", {"accepted_on": d.isoformat(), "deemed_from_receipt": False})]
    review_day = cal.add(d, 1) if k >= 2 else d
    transfer_days = [d] + [review_day] * (plan.transfers - 1)
    for n, day in enumerate(transfer_days):
        to = TRANSFER_TARGETS[min(n, len(TRANSFER_TARGETS) - 1)]
        steps.append(("transferred", day, f"流转至{to}", {"to": to}))
    steps.append(("review_started", review_day, "", {}))
    shift = 0
    if sus_kind:
        start = cal.add(d, max(1, k // 2))
        back = cal.add(start, sus_days)
        label = dict(SUSPENSION_KINDS)[sus_kind]
        steps.append(("suspended", start, label, {"kind": sus_kind}))
        steps.append(("resumed", back, f"挂起 {sus_days} 个工作日，不计入办理时限", {"suspended_days": sus_days}))
        shift = sus_days
    done = cal.add(d, k + shift)
    decide = cal.add(d, k + shift - 1) if k >= 3 else done
    decide = max(decide, steps[-1][1])
    if plan.denied:
        steps.append(("denied", decide, "经审查，申请人不符合法定条件", {}))
    else:
        steps.append(("approved", decide, "", {}))
        steps.append(("issued", done, "", {}))
    steps.append(("completed", done, "", {}))
    return steps


def deadlines_for(cal, plan: Plan, suspended_days: int) -> clock.Deadlines:
    return clock.deadlines(cal, plan.accepted_on, plan.statutory, plan.promised, 0, suspended_days)


def office_minutes(rng: random.Random, n: int) -> list[int]:
    """``n`` increasing minutes of the day in office hours (09:00–12:00, 13:30–17:30)."""
    slots = rng.sample(range(0, 420), n)  # 180 morning + 240 afternoon minutes
    return [9 * 60 + s if s < 180 else 13 * 60 + 30 + (s - 180) for s in sorted(slots)]


def timed(rng: random.Random, steps: list, tz) -> list[tuple[str, dt.datetime, str, dict]]:
    """Give every step a time: steps on one day get increasing office-hour times."""
    by_day: dict[dt.date, int] = {}
    for _, day, _, _ in steps:
        by_day[day] = by_day.get(day, 0) + 1
    minutes = {day: iter(office_minutes(rng, n)) for day, n in by_day.items()}
    out = []
    for kind, day, note, data in steps:
        m = next(minutes[day])
        out.append((kind, dt.datetime(day.year, day.month, day.day, m // 60, m % 60, rng.randrange(60), tzinfo=tz),
                    note, data))
    return out
