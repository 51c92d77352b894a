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
from django.db.models import F

from zwfw.stats.models import PLATFORM, CountedKind, DailyCount

#: CaseEvent.window of the comprehensive window (zwfw.cases.windows.COMPREHENSIVE).
COMPREHENSIVE_WINDOW = "comprehensive"

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
        event.window == COMPREHENSIVE_WINDOW,
    )


def _upsert_sql() -> str:
    table = DailyCount._meta.db_table
    return (
        f"INSERT INTO {table} ({_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "  # nosec B608
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


def uncount(event) -> None:
    """Take one counted CaseEvent back out of its counter (a correction moves it to another key and
    ``record``s it again); a row left at 0 goes, as ``rebuild`` would not write it. In the caller's transaction."""
    key = _key(event)
    if key is None:
        return
    day, department_id, power_type_id, kind, comprehensive = key
    row = DailyCount.objects.filter(day=day, department_id=department_id, type_key=power_type_id or 0, kind=kind,
                                    comprehensive=comprehensive, source=PLATFORM)
    row.filter(count__gt=1).update(count=F("count") - 1)
    row.filter(count__lte=1).delete()


def record_many(events: Iterable) -> int:
    """Count many events at once (bulk loaders): aggregated in Python, one upsert per key."""
    totals = Counter(k for k in map(_key, events) if k is not None)
    if not totals:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(_upsert_sql(), [_params(k, n) for k, n in sorted(totals.items(), key=repr)])
    return sum(totals.values())


def _day_expr(column: str) -> str:
    """SQL for the Asia/Shanghai date of a stored timestamp column."""
    if connection.vendor == "postgresql":
        return f"({column} AT TIME ZONE 'Asia/Shanghai')::date"
    # SQLite: Django stores UTC text 'YYYY-MM-DD HH:MM:SS[.ffffff]'; Shanghai has had no DST since 1991.
    return f"date({column}, '+8 hours')"


def _utc_bound(day: dt.date):
    """The stored value of local midnight starting ``day``, for comparisons in raw SQL."""
    return connection.ops.adapt_datetimefield_value(dt.datetime.combine(day, dt.time(), LOCAL_TZ))


def rebuild(start: dt.date | None = None, end: dt.date | None = None) -> int:
    """Recompute platform counters for local days start..end (inclusive; open ends = all) from the event log.

    One transaction: the range's platform rows are deleted and rebuilt with a
    single GROUP BY INSERT … SELECT. Imported figures (other sources) are untouched.
    Returns the number of counter rows written.
    """
    from zwfw.cases.models import CaseEvent

    if start and end and start > end:
        from zwfw.errors import DomainError

        raise DomainError("起始日期不能晚于截止日期。", field="start")
    counts = DailyCount._meta.db_table
    events = CaseEvent._meta.db_table
    kinds = sorted(COUNTED)
    where, params = [f"kind IN ({', '.join(['%s'] * len(kinds))})"], list(kinds)
    delete_where, delete_params = ["source = %s"], [PLATFORM]
    if start:
        where.append("at >= %s")
        params.append(_utc_bound(start))
        delete_where.append("day >= %s")
        delete_params.append(start)
    if end:
        where.append("at < %s")
        params.append(_utc_bound(end + dt.timedelta(days=1)))
        delete_where.append("day <= %s")
        delete_params.append(end)
    # "window" is a reserved word in PostgreSQL; the value compared is a constant of this module.
    at_window = f"({connection.ops.quote_name('window')} = '{COMPREHENSIVE_WINDOW}')"
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Blocks record() until we commit; waits for open event transactions that already counted.
            cursor.execute(f"LOCK TABLE {counts} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"DELETE FROM {counts} WHERE {' AND '.join(delete_where)}", delete_params)  # nosec B608
        cursor.execute(
            f"INSERT INTO {counts} ({_COLUMNS}) "  # nosec B608
            f"SELECT {_day_expr('at')}, department_id, power_type_id, COALESCE(power_type_id, 0), kind, "
            f"{at_window}, %s, COUNT(*) FROM {events} WHERE {' AND '.join(where)} "
            f"GROUP BY {_day_expr('at')}, department_id, power_type_id, kind, {at_window}",
            [PLATFORM, *params],
        )
        return cursor.rowcount


def clean_source(source: str) -> str:
    from zwfw.errors import DomainError

    source = (source or "").strip()
    if not source:
        raise DomainError("请填写数据来源名称。", field="source")
    if source == PLATFORM:
        raise DomainError("数据来源 platform 保留给本平台事件日志，请使用外部系统的名称。", field="source")
    if len(source) > DailyCount._meta.get_field("source").max_length:
        raise DomainError("数据来源名称过长（最多 64 个字符）。", field="source")
    return source


def import_daily_counts(rows: Iterable[dict], source: str) -> int:
    """Store daily figures from another system as ``source``; returns the number of rows stored.

    Each row: ``day``, ``department`` (Department), ``power_type`` (PowerType or None),
    ``kind`` (a counted kind), ``count`` (≥ 0), optionally ``comprehensive``. A later batch
    for the same (source, day, department) replaces the kinds it carries and keeps the others,
    so sending the same day again replaces rather than doubles. A count above the setting
    ``ZWFW_DAILY_COUNT_MAX`` is refused as implausible, naming the row. All or nothing.
    """
    from django.conf import settings

    from zwfw.errors import DomainError

    source = clean_source(source)
    bound = settings.ZWFW_DAILY_COUNT_MAX
    rows = list(rows)
    seen: set = set()
    objs = []
    for n, row in enumerate(rows, start=1):
        kind, count = row["kind"], row["count"]
        if kind not in COUNTED:
            raise DomainError(f"第 {n} 条：指标“{kind}”不是统计指标。", field="kind")
        if not isinstance(count, int) or count < 0:
            raise DomainError(f"第 {n} 条：数量必须是非负整数。", field="count")
        if count > bound:
            raise DomainError(f"第 {n} 条：{row['department']} {row['day']} 的数量 {count} 超过单日上限 {bound}，"
                              f"不像真实数据，请核对后重新报送。", field="count")
        power_type = row.get("power_type")
        key = (row["day"], row["department"].pk, power_type.pk if power_type else 0, kind, bool(row.get("comprehensive")))
        if key in seen:
            raise DomainError(f"第 {n} 条：与前面的记录重复（同一日期、部门、事项类型和指标）。")
        seen.add(key)
        objs.append(DailyCount(
            day=key[0], department=row["department"], power_type=power_type, type_key=key[2], kind=kind,
            comprehensive=key[4], source=source, count=count,
        ))
    with transaction.atomic():
        kinds_by_day: dict[tuple, set] = {}
        for day, department_id, _type, kind, _comprehensive in seen:
            kinds_by_day.setdefault((department_id, day), set()).add(kind)
        for (department_id, day), kinds in sorted(kinds_by_day.items()):
            DailyCount.objects.filter(source=source, department_id=department_id, day=day,
                                      kind__in=sorted(kinds)).delete()
        DailyCount.objects.bulk_create(objs, batch_size=1000)
    return len(objs)


def lookups() -> tuple[dict, dict]:
    """Every spelling of a department (name, short name, code) and power type (name, code)."""
    from zwfw.catalog.models import Department, PowerType

    departments: dict = {}
    for d in Department.objects.all():
        for name in (d.code, d.short_name, d.name):  # the full name wins a clash
            if name:
                departments[name] = d
    power_types: dict = {}
    for t in PowerType.objects.all():
        power_types[t.code] = power_types[t.name] = t
    return departments, power_types


def import_csv(data: bytes, source: str) -> int:
    """Import a CSV file of daily figures (see ``csvimport``) as ``source``; all or nothing."""
    from zwfw.stats import csvimport

    source = clean_source(source)
    departments, power_types = lookups()
    rows = csvimport.parse(csvimport.decode(data), departments, power_types)
    return import_daily_counts(rows, source)


def submit_daily_counts(user, source: str, items: Iterable[dict]) -> int:
    """Daily figures posted through the API by ``user``: names resolved, each department checked.

    Items: {"day": date, "department": code or name, "power_type": code or name or None,
    "kind": 受理/… or accepted/…, "count": int, "comprehensive": bool}. A department's
    API key may only post its own department's figures. All or nothing.
    """
    from zwfw.accounts.scoping import ensure_can_act
    from zwfw.errors import DomainError
    from zwfw.stats.csvimport import KINDS

    source = clean_source(source)
    departments, power_types = lookups()
    rows, errors = [], []
    for n, item in enumerate(items, start=1):
        department = departments.get(str(item.get("department") or "").strip())
        type_name = str(item.get("power_type") or "").strip()
        kind = KINDS.get(str(item.get("kind") or "").strip())
        if department is None:
            errors.append(f"第 {n} 条：部门“{item.get('department')}”不在部门名录中")
        elif type_name and type_name not in power_types:
            errors.append(f"第 {n} 条：事项类型“{type_name}”无法识别")
        elif kind is None:
            errors.append(f"第 {n} 条：指标“{item.get('kind')}”无法识别（应为 咨询、受理、办结、颁发、流转 或 不予受理）")
        elif kind != "consulted" and not type_name:
            errors.append(f"第 {n} 条：事项类型为空（只有咨询可以不填事项类型）")
        else:
            rows.append({
                "day": item["day"], "department": department, "power_type": power_types.get(type_name),
                "kind": kind, "count": item.get("count"), "comprehensive": bool(item.get("comprehensive")),
            })
    if errors:
        raise DomainError("数据有误，未导入任何数据：" + "；".join(errors[:20]) + "。", field="rows")
    if not rows:
        raise DomainError("没有数据。", field="rows")
    for department in {r["department"].pk: r["department"] for r in rows}.values():
        ensure_can_act(user, department)
    if getattr(user, "is_department_bound", False):
        window_rows = [n for n, r in enumerate(rows, start=1) if r["comprehensive"]]
        if window_rows:
            from zwfw.errors import Forbidden

            raise Forbidden(f"第 {window_rows[0]} 条：部门系统只能报送本部门窗口的数据，综合窗口的数据由中心报送。",
                            code="forbidden_comprehensive", field="comprehensive")
    return import_daily_counts(rows, source)
