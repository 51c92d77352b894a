"""Calendar days as ranges on a timestamp column (sargable date filters).

``rated_at__date__gte=day`` makes the database compute a date for every row (on PostgreSQL
``(rated_at AT TIME ZONE 'Asia/Shanghai')::date``), so no index on ``rated_at`` can serve it. The same
question asked as ``rated_at >= midnight opening start AND rated_at < midnight opening end + 1`` is a range
on the raw column: an index scan over only the period's rows.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone


def day_start(day: dt.date) -> dt.datetime:
    """Midnight opening ``day`` in the hall's time zone (Asia/Shanghai), aware."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def on_days(field: str, start: dt.date, end: dt.date) -> dict:
    """Lookups for ``field`` falling on a day from ``start`` to ``end`` inclusive."""
    return {f"{field}__gte": day_start(start), f"{field}__lt": day_start(end + dt.timedelta(days=1))}


def after_day(field: str, day: dt.date) -> dict:
    """Lookups for ``field`` on a day after ``day`` (what ``field__date__gt=day`` meant)."""
    return {f"{field}__gte": day_start(day + dt.timedelta(days=1))}


def before_day(field: str, day: dt.date) -> dict:
    """Lookups for ``field`` on a day before ``day`` (what ``field__date__lt=day`` meant)."""
    return {f"{field}__lt": day_start(day)}
