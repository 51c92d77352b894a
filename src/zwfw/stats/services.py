"""The only writers of counters.

``record(event)`` is called by the cases app for every CaseEvent it appends,
inside its transaction: one atomic upsert, no read-modify-write.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from zwfw.stats.models import PLATFORM, CountedKind, DailyCount

LOCAL_TZ = ZoneInfo("Asia/Shanghai")
COUNTED = frozenset(k.value for k in CountedKind)
_COLUMNS = "day, department_id, power_type_id, type_key, kind, comprehensive, source, count"


def local_day(at: dt.datetime) -> dt.date:
    """The Asia/Shanghai calendar date of an aware datetime."""
    if at.tzinfo is None:
        raise ValueError("naive datetime")
    return at.astimezone(LOCAL_TZ).date()


def _key(event) -> tuple | None:
    if event.kind not in COUNTED:
        return None
    return (
        local_day(event.at),
        event.department_id,
        event.power_type_id,
        event.kind,
        bool(event.at_comprehensive_window),
    )


def _upsert_sql() -> str:
    table = DailyCount._meta.db_table
    return (
        f"INSERT INTO {table} ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
        f"ON CONFLICT (day, department_id, type_key, kind, comprehensive, source) "
        f"DO UPDATE SET count = {table}.count + excluded.count"
    )


def _params(key: tuple, n: int, source: str = PLATFORM) -> list:
    day, department_id, power_type_id, kind, comprehensive = key
    return [day, department_id, power_type_id, power_type_id or 0, kind, comprehensive, source, n]


def record(event) -> None:
    """Count one CaseEvent (ignored if its kind is not counted). Call inside the event's transaction."""
    key = _key(event)
    if key is None:
        return
    with connection.cursor() as cursor:
        cursor.execute(_upsert_sql(), _params(key, 1))


def record_many(events: Iterable) -> int:
    """Count many events at once (bulk loaders): aggregated in Python, one upsert per key."""
    totals = Counter(k for k in map(_key, events) if k is not None)
    if not totals:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(_upsert_sql(), [_params(k, n) for k, n in sorted(totals.items(), key=repr)])
    return sum(totals.values())
