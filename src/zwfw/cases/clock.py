"""The deadline clock by the Administrative Licensing Law (pure: values in, values out).

- Days are working days on the official calendar, counted from the day after the start
  (``calendar.add(start, n)``). A start on a non-working day (an application received on a
  Saturday or a holiday) counts from the next working day: that day is the receipt day.
- Acceptance (art. 32): within 5 working days of receipt the organ accepts, refuses, or tells
  the applicant once what to correct; otherwise the application counts as accepted from
  receipt. After a correction the 5 days run again from the day the corrected materials arrive.
- Decision (art. 42): the statutory and promised clocks run from acceptance and stop at the
  decision (准予/不予许可). The organ's head may extend the statutory limit once by 10 days,
  before it has run out; the promised limit does not move.
- Special procedures (art. 45): suspended working days do not count; both deadlines move.
- Delivery (art. 44): an approval is issued and delivered within 10 working days of the decision.
- A deadline in a year without calendar data is provisional: that year counts as
  Monday-to-Friday weeks until its notice is entered (``PROVISIONAL_LABEL``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

NORMAL, WARNING, OVERDUE, SUSPENDED, STOPPED, NOT_STARTED = (
    "normal", "warning", "overdue", "suspended", "stopped", "not_started")
STATE_LABELS = {
    NORMAL: "正常", WARNING: "即将到期", OVERDUE: "已超期", SUSPENDED: "挂起中",
    STOPPED: "已停止计时", NOT_STARTED: "未开始计时",
}
WARNING_DAYS = 3   # working days before a deadline
EXTENSION_DAYS = 10
CORRECTION_NOTICE_DAYS = 5
DELIVERY_DAYS = 10


def _cal(calendar):
    """Every clock answer may reach a year without data: count it provisionally, never fail."""
    return calendar.provisional() if hasattr(calendar, "provisional") else calendar


def start_day(calendar, day: dt.date) -> dt.date:
    """The day a time limit starts from: ``day`` itself, or the next working day when it is not one."""
    calendar = _cal(calendar)
    return day if calendar.is_working_day(day) else calendar.next_working_day(day)


def provisional(calendar, start: dt.date | None, due: dt.date | None) -> bool:
    """Whether a deadline counted from ``start`` to ``due`` assumed a year without calendar data."""
    if start is None or due is None:
        return False
    return bool(_cal(calendar).assumed_years(start, due))


# ---- acceptance (art. 32) -------------------------------------------------------------------------

def acceptance_window_end(calendar, received_on: dt.date) -> dt.date:
    """The last day to accept, refuse or give the one 补正 notice: 5 working days after receipt."""
    calendar = _cal(calendar)
    return calendar.add(start_day(calendar, received_on), CORRECTION_NOTICE_DAYS)


def correction_notice_late(calendar, received_on: dt.date, notice_on: dt.date) -> bool:
    """补正 notice given more than 5 working days after receipt: the case counts as accepted from receipt."""
    return notice_on > acceptance_window_end(calendar, received_on)


def deemed_accepted_from(calendar, today: dt.date, *, received_on: dt.date, correction_requested_on=None,
                         corrected_on=None) -> dt.date | None:
    """The day a case not yet accepted counts as accepted from by law, or None while it does not.

    Not told to correct (or told too late) within 5 working days of receipt: accepted from
    receipt. Corrected: the 5 days run from the day the corrected materials arrived. Waiting
    for the applicant's correction after a timely notice: not accepted.
    """
    if corrected_on is not None:
        start = corrected_on
    elif correction_requested_on is not None and not correction_notice_late(calendar, received_on,
                                                                             correction_requested_on):
        return None
    else:
        start = received_on
    return start if today > acceptance_window_end(calendar, start) else None


# ---- the decision clocks (art. 42, 45) -------------------------------------------------------------

@dataclass(frozen=True)
class Deadlines:
    statutory_due: dt.date
    promised_due: dt.date


def deadlines(calendar, accepted_on: dt.date, statutory_days: int, promised_days: int,
              extension_days: int = 0, suspended_days: int = 0) -> Deadlines:
    """Both decision deadlines; suspensions move both, the statutory extension only the statutory one."""
    calendar = _cal(calendar)
    start = start_day(calendar, accepted_on)
    return Deadlines(
        statutory_due=calendar.add(start, statutory_days + extension_days + suspended_days),
        promised_due=calendar.add(start, promised_days + suspended_days),
    )


def suspended_working_days(calendar, started_on: dt.date, ended_on: dt.date) -> int:
    """Working days a suspension lasted: those in (started_on, ended_on]."""
    return max(0, _cal(calendar).between(started_on, ended_on))


def remaining(calendar, today: dt.date, due: dt.date) -> int:
    """Working days left until ``due`` (0 on the day itself, negative once past)."""
    return _cal(calendar).between(today, due)


def state(calendar, today: dt.date, due: dt.date | None, *, suspended: bool = False,
          stopped: bool = False, warning_days: int = WARNING_DAYS) -> str:
    if stopped:
        return STOPPED
    if due is None:
        return NOT_STARTED
    if suspended:
        return SUSPENDED
    left = remaining(calendar, today, due)
    if left < 0:
        return OVERDUE
    if left <= warning_days:
        return WARNING
    return NORMAL


def extension_refusal(calendar, today: dt.date, statutory_due: dt.date, already_extended: bool) -> str | None:
    """Why the statutory limit cannot be extended now (None: it can)."""
    if already_extended:
        return "依照《中华人民共和国行政许可法》第四十二条，办理期限只能延长一次，该办件已延长过。"
    if today > statutory_due:
        return (f"法定办理期限已于 {statutory_due:%Y-%m-%d} 届满，依照《中华人民共和国行政许可法》第四十二条，"
                "延长应在期限届满前经本行政机关负责人批准。")
    return None


def saved_days(calendar, decided_on: dt.date, base_due: dt.date, statutory_due: dt.date | None = None) -> int:
    """Working days saved, measured at the decision against the statutory limit *without* extension.

    ``base_due`` is the statutory deadline without the extension, ``statutory_due`` the one in
    force (with it). Decided after the base deadline but within the extension: 0. Decided after
    the extended deadline: negative, the working days past it.
    """
    left = remaining(calendar, decided_on, base_due)
    if left >= 0:
        return left
    statutory_due = statutory_due or base_due
    if decided_on <= statutory_due:
        return 0
    return -remaining(calendar, statutory_due, decided_on)


def saved_sentence(n: int | None, *, within_extension: bool = False) -> str:
    if n is None:
        return ""
    if n > 0:
        return f"较法定时限提前 {n} 个工作日"
    if n == 0:
        return "在延长的法定期限内作出决定" if within_extension else "在法定时限当日作出决定"
    return f"超过法定时限 {-n} 个工作日"


# ---- delivery (art. 44) ------------------------------------------------------------------------------

def delivery_due(calendar, decided_on: dt.date) -> dt.date:
    """An approval's result is issued and delivered within 10 working days of the decision."""
    calendar = _cal(calendar)
    return calendar.add(start_day(calendar, decided_on), DELIVERY_DAYS)


def remaining_sentence(left: int | None, state_code: str, *, stopped_text: str = "已停止计时") -> str:
    if state_code == STOPPED:
        return stopped_text
    if state_code == NOT_STARTED or left is None:
        return "未开始计时"
    if state_code == SUSPENDED:
        return f"挂起中（剩余 {left} 个工作日）"
    if left < 0:
        return f"已超期 {-left} 个工作日"
    if left == 0:
        return "今日到期"
    return f"剩余 {left} 个工作日"
