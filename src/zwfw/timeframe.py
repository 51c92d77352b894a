"""Calendar days as ranges on a timestamp column (sargable date filters).

``rated_at__date__gte=day`` makes the database compute a date for every row (on PostgreSQL
``(rated_at AT TIME ZONE 'Asia/Shanghai')::date``), so no index on ``rated_at`` can serve it. The same
question asked as ``rated_at >= midnight opening start AND rated_at < midnight opening end + 1`` is a range
on the raw column: an index scan over only the period's rows.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone


#: The days whose midnight every time zone can still write as a datetime (year 1 and 9999 overflow in UTC).
FIRST_DAY, LAST_DAY = dt.date(1, 1, 2), dt.date(9999, 12, 30)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight opening ``day`` in the hall's time zone (Asia/Shanghai), aware; a day beyond what a
    datetime can hold is taken as the first or last that can (a bound, never an overflow)."""
    return timezone.make_aware(dt.datetime.combine(min(max(day, FIRST_DAY), LAST_DAY), dt.time.min))


def _next(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1) if day < LAST_DAY else LAST_DAY


def on_days(field: str, start: dt.date, end: dt.date) -> dict:
    """Lookups for ``field`` falling on a day from ``start`` to ``end`` inclusive."""
    return {f"{field}__gte": day_start(start), f"{field}__lt": day_start(_next(end))}


def after_day(field: str, day: dt.date) -> dict:
    """Lookups for ``field`` on a day after ``day`` (what ``field__date__gt=day`` meant)."""
    return {f"{field}__gte": day_start(_next(day))}


def before_day(field: str, day: dt.date) -> dict:
    """Lookups for ``field`` on a day before ``day`` (what ``field__date__lt=day`` meant)."""
    return {f"{field}__lt": day_start(day)}
