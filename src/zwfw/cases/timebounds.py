"""Bounds on the time a department's system says a step happened (``at`` of a pushed action or event).

A pushed time may not precede the case's last event, may not lie more than ``ZWFW_PUSHED_MAX_DAYS_BACK``
days back (setting or environment variable; 30 by default), and must fall in a year whose official
calendar is complete — otherwise the case's clock could not be computed from then on.
"""
from __future__ import annotations

import datetime as dt
import os

from django.conf import settings
from django.utils import timezone

from zwfw.cn import chinese_date
from zwfw.errors import DomainError

DEFAULT_MAX_DAYS_BACK = 30
FUTURE_SLACK = dt.timedelta(minutes=5)  # clocks of departments' systems drift a little


def max_days_back() -> int:
    value = getattr(settings, "ZWFW_PUSHED_MAX_DAYS_BACK", None)
    if value is None:
        value = os.environ.get("ZWFW_PUSHED_MAX_DAYS_BACK", DEFAULT_MAX_DAYS_BACK)
    return int(value)


def problem(at: dt.datetime, *, last: dt.datetime | None, now: dt.datetime, max_days_back: int,
            calendar_years) -> tuple[str, str] | None:
    """(code, Chinese message) when ``at`` is out of bounds, else None. Pure."""
    if last is not None and at < last:
        return "at_before_last_event", (
            f"办理时间不能早于该办件上一个环节的时间（{timezone.localtime(last):%Y-%m-%d %H:%M}）。")
    if at < now - dt.timedelta(days=max_days_back):
        return "at_too_old", f"办理时间不能早于 {max_days_back} 天前，请按实际办理时间及时推送。"
    year = timezone.localdate(at).year
    if year not in calendar_years:
        return "calendar_missing", (
            f"{year} 年的工作日历尚未录入完整，不能推送该年份的办理时间（{chinese_date(timezone.localdate(at))}）。")
    return None


def check_claimed(actor, at: dt.datetime, now: dt.datetime) -> None:
    """Only a department's system says when a step happened, and never later than now."""
    from zwfw.errors import Forbidden

    if getattr(actor, "role", None) != "api_client":
        raise Forbidden("只有部门业务系统推送时可以指定办理时间。", code="at_not_allowed", field="at")
    if at > now + FUTURE_SLACK:
        raise DomainError("办理时间不能晚于当前时间。", code="at_in_future", field="at")


def check_pushed(case, at: dt.datetime) -> dt.datetime:
    """Raise DomainError(field="at") unless ``at`` is within bounds for ``case``; returns ``at``."""
    from zwfw.workdays.services import get_calendar

    last = case.events.order_by("-at").values_list("at", flat=True).first()
    found = problem(at, last=last, now=timezone.now(), max_days_back=max_days_back(),
                    calendar_years=get_calendar().years)
    if found:
        code, message = found
        raise DomainError(message, code=code, field="at")
    return at
