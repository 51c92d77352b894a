"""Renewal (延续) by the letter of the Administrative Licensing Law, art. 50 (pure).

- The holder applies no later than N days before the licence expires (N = the
  kind's ``renewal_lead_days``, 30 by default; "日" here are calendar days: the
  law's working-day rule, art. 82, is for the organ's own time limits).
- After expiry there is nothing to renew: it is a new application (新办).
- The renewed licence runs on from the old expiry: valid from the day after it.
- An application made in time with no decision before expiry is deemed granted
  (视为准予延续): ``services.deem_renewals`` marks it.
"""
from __future__ import annotations

import datetime as dt

from zwfw.cn import chinese_date


def latest_application_day(valid_until: dt.date, lead_days: int) -> dt.date:
    """The last day on which a renewal of a licence valid until ``valid_until`` may be applied for."""
    return valid_until - dt.timedelta(days=lead_days)


def renewal_problem(*, kind: str, valid_until: dt.date | None, lead_days: int, applied_on: dt.date) -> str | None:
    """Why an application made on ``applied_on`` cannot be a renewal, in Chinese; None when it can."""
    if valid_until is None:
        return f"该{kind}长期有效，无需办理延续。"
    if applied_on > valid_until:
        return (f"该{kind}已于 {chinese_date(valid_until)}有效期届满，届满后不能申请延续，"
                f"请按新办申请。")
    last_day = latest_application_day(valid_until, lead_days)
    if applied_on > last_day:
        return (f"该{kind}有效期至 {chinese_date(valid_until)}，延续申请应当在有效期届满 {lead_days} 日前"
                f"（{chinese_date(last_day)}前）提出，现已逾期，不能按延续受理。")
    return None


def applied_in_time(*, valid_until: dt.date | None, lead_days: int, applied_on: dt.date) -> bool:
    return valid_until is not None and applied_on <= latest_application_day(valid_until, lead_days)


def renewed_from(old_valid_until: dt.date) -> dt.date:
    """A renewal runs on from the old expiry: its first day of validity."""
    return old_valid_until + dt.timedelta(days=1)
