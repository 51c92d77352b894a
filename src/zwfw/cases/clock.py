"""The deadline clock (pure: values in, values out).

Deadlines are counted in working days from the day after acceptance:
``due = calendar.add(accepted_on, limit + extension + suspended working days)``.
Suspended working days are the working days in (suspension start, resumption].
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NORMAL, WARNING, OVERDUE, SUSPENDED, STOPPED, NOT_STARTED = (
    "normal", "warning", "overdue", "suspended", "stopped", "not_started")
STATE_LABELS = {
    NORMAL: "正常", WARNING: "即将到期", OVERDUE: "已超期", SUSPENDED: "挂起中",
    STOPPED: "已办结", NOT_STARTED: "未开始计时",
}
WARNING_DAYS = 3   # working days before the promised deadline
EXTENSION_DAYS = 10
CORRECTION_NOTICE_DAYS = 5


@dataclass(frozen=True)
class Deadlines:
    statutory_due: dt.date
    promised_due: dt.date


def deadlines(calendar, accepted_on: dt.date, statutory_days: int, promised_days: int,
              extension_days: int = 0, suspended_days: int = 0) -> Deadlines:
    shift = extension_days + suspended_days
    return Deadlines(
        statutory_due=calendar.add(accepted_on, statutory_days + shift),
        promised_due=calendar.add(accepted_on, promised_days + shift),
    )


def suspended_working_days(calendar, started_on: dt.date, ended_on: dt.date) -> int:
    """Working days a suspension lasted: those in (started_on, ended_on]."""
    return max(0, calendar.between(started_on, ended_on))


def remaining(calendar, today: dt.date, due: dt.date) -> int:
    """Working days left until ``due`` (0 on the day itself, negative once past)."""
    return calendar.between(today, due)


def state(calendar, today: dt.date, promised_due: dt.date | None, *, suspended: bool = False,
          stopped: bool = False, warning_days: int = WARNING_DAYS) -> str:
    if stopped:
        return STOPPED
    if promised_due is None:
        return NOT_STARTED
    if suspended:
        return SUSPENDED
    left = remaining(calendar, today, promised_due)
    if left < 0:
        return OVERDUE
    if left <= warning_days:
        return WARNING
    return NORMAL


def saved_days(calendar, completed_on: dt.date, statutory_due: dt.date) -> int:
    """Working days saved against the statutory limit (negative: late)."""
    return calendar.between(completed_on, statutory_due)


def saved_sentence(n: int | None) -> str:
    if n is None:
        return ""
    if n > 0:
        return f"较法定时限提前 {n} 个工作日"
    if n == 0:
        return "在法定时限当日办结"
    return f"超过法定时限 {-n} 个工作日"


def correction_notice_late(calendar, received_on: dt.date, notice_on: dt.date) -> bool:
    """补正 notice given more than 5 working days after receipt: the case counts as accepted from receipt."""
    return calendar.between(received_on, notice_on) > CORRECTION_NOTICE_DAYS


def remaining_sentence(left: int | None, state_code: str) -> str:
    if state_code == STOPPED:
        return "已办结"
    if state_code == NOT_STARTED or left is None:
        return "未开始计时"
    if state_code == SUSPENDED:
        return f"挂起中（剩余 {left} 个工作日）"
    if left < 0:
        return f"已超期 {-left} 个工作日"
    if left == 0:
        return "今日到期"
    return f"剩余 {left} 个工作日"
