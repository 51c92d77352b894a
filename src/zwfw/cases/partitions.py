"""Case events partitioned by month on PostgreSQL (declarative range partitioning on ``at``).

The events table is the one that grows with the province: tens of millions of rows a year. On
PostgreSQL it is a partitioned table with one partition a month (``cases_caseevent_y2026m12``) and a
default partition for anything outside the months created (an event pushed years late). The primary
key is ``(id, at)`` — PostgreSQL requires the partition key in every unique constraint; ``id`` stays
unique because one sequence numbers every row, and Django keeps treating ``id`` as the primary key.

Partitions are created ahead by ``zwfw events partitions`` (run it daily or monthly from cron or the
jobs worker); creating a month whose rows have already landed in the default partition moves them.
SQLite is never partitioned: every function here is a no-op there.

Only DDL lives here (table names in its SQL are this module's constants, never input); the counters
(zwfw.stats) stay the source of every briefing figure.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection as default_connection

TABLE = "cases_caseevent"
DEFAULT_PARTITION = f"{TABLE}_default"
#: Months created behind the oldest event when an existing table is converted (older rows go to default).
MAX_MONTHS_BACK = 120


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: dt.date) -> "Month":
        return cls(day.year, day.month)

    def next(self) -> "Month":
        return Month(self.year + (self.month == 12), self.month % 12 + 1)

    def plus(self, n: int) -> "Month":
        index = self.year * 12 + self.month - 1 + n
        return Month(index // 12, index % 12 + 1)

    @property
    def name(self) -> str:
        return f"{TABLE}_y{self.year}m{self.month:02d}"

    def start(self) -> str:
        """The month's first instant in the hall's time zone, as a timestamptz literal."""
        local = dt.datetime(self.year, self.month, 1, tzinfo=ZoneInfo(settings.TIME_ZONE))
        return local.isoformat(sep=" ")


def months_between(first: Month, last: Month) -> list[Month]:
    out, month = [], first
    while (month.year, month.month) <= (last.year, last.month):
        out.append(month)
        month = month.next()
    return out


def _on_postgres(connection) -> bool:
    return connection.vendor == "postgresql"


def is_partitioned(connection=default_connection) -> bool:
    if not _on_postgres(connection):
        return False
    with connection.cursor() as cur:
        cur.execute("SELECT relkind FROM pg_class WHERE oid = to_regclass(%s)", [TABLE])
        row = cur.fetchone()
    return bool(row) and row[0] == "p"


def partitions(connection=default_connection) -> list[str]:
    """Names of the attached partitions, oldest month first, the default partition last."""
    if not is_partitioned(connection):
        return []
    with connection.cursor() as cur:
        cur.execute(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "WHERE i.inhparent = to_regclass(%s) ORDER BY c.relname",
            [TABLE],
        )
        names = [r[0] for r in cur.fetchall()]
    return sorted(names, key=lambda n: (n == DEFAULT_PARTITION, n))


def ensure_months(first: Month, last: Month, connection=default_connection) -> list[str]:
    """Create the monthly partitions from ``first`` to ``last`` that do not exist yet (idempotent).

    Rows of such a month already in the default partition are moved into the new partition in the
    same transaction, so creating a month never fails and never loses a row. Returns the names created.
    """
    if not is_partitioned(connection):
        return []
    existing = set(partitions(connection))
    created = []
    with connection.cursor() as cur:
        for month in months_between(first, last):
            if month.name in existing:
                continue
            lo, hi = month.start(), month.next().start()
            cur.execute(f"SELECT EXISTS (SELECT 1 FROM {DEFAULT_PARTITION} WHERE at >= %s AND at < %s)", [lo, hi])  # nosec B608
            if cur.fetchone()[0]:
                cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no ATTACH with deferred checks pending
                cur.execute(f"CREATE TABLE {month.name} (LIKE {TABLE} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)")
                cur.execute(
                    f"WITH moved AS (DELETE FROM {DEFAULT_PARTITION} WHERE at >= %s AND at < %s RETURNING *) "  # nosec B608
                    f"INSERT INTO {month.name} SELECT * FROM moved",
                    [lo, hi],
                )
                cur.execute(f"ALTER TABLE {TABLE} ATTACH PARTITION {month.name} FOR VALUES FROM ('{lo}') TO ('{hi}')")
            else:
                cur.execute(f"CREATE TABLE {month.name} PARTITION OF {TABLE} FOR VALUES FROM ('{lo}') TO ('{hi}')")
            created.append(month.name)
    return created


def ensure_ahead(today: dt.date, ahead: int = 3, connection=default_connection) -> list[str]:
    """The scheduled job: this month and the next ``ahead`` months exist."""
    this = Month.of(today)
    return ensure_months(this, this.plus(ahead), connection)


# --- converting an existing table (the migration) ---------------------------------------------

def _shape(cur, table: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The table's secondary index definitions and its foreign keys, to rebuild them on the new table."""
    cur.execute(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(%s) AND contype IN ('p', 'u'))",
        [table, table],
    )
    indexes = [r[0] for r in cur.fetchall()]
    cur.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = to_regclass(%s) AND contype = 'f'",
        [table],
    )
    return indexes, list(cur.fetchall())


def _rebuild(cur, indexes: list[str], foreign_keys: list[tuple[str, str]]) -> None:
    """Recreate the indexes and foreign keys read by ``_shape`` before the swap (same names, same columns)."""
    for definition in indexes:
        # An index on a partitioned table reads "ON ONLY …"; the new index must reach every partition.
        cur.execute(definition.replace(" ON ONLY ", " ON ", 1))
    for name, definition in foreign_keys:
        cur.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} {definition}")


def partition_table(today: dt.date | None = None, connection=default_connection) -> None:
    """Turn the plain events table into a partitioned one: copy, backfill, swap (one transaction).

    Fine for the sizes a migration meets (an existing hall's database); a province's table of
    hundreds of millions of rows is moved month by month as docs/scaling.md describes.
    """
    if not _on_postgres(connection) or is_partitioned(connection):
        return
    old = f"{TABLE}_unpartitioned"
    with connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")  # a table with deferred checks pending cannot be dropped
        indexes, foreign_keys = _shape(cur, TABLE)
        cur.execute(f"ALTER TABLE {TABLE} RENAME TO {old}")
        cur.execute(
            f"CREATE TABLE {TABLE} (LIKE {old} INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (at)"
        )
        cur.execute(f"CREATE TABLE {DEFAULT_PARTITION} PARTITION OF {TABLE} DEFAULT")
        cur.execute(f"SELECT min(at), max(at) FROM {old}")  # nosec B608
        oldest, newest = cur.fetchone()
        tz = ZoneInfo(settings.TIME_ZONE)
        now = Month.of(today or dt.date.today())
        first = Month.of(oldest.astimezone(tz).date()) if oldest else now.plus(-12)
        first = max(first, now.plus(-MAX_MONTHS_BACK), key=lambda m: (m.year, m.month))
        last = max(Month.of(newest.astimezone(tz).date()) if newest else now, now, key=lambda m: (m.year, m.month))
        for month in months_between(first, last.plus(3)):
            lo, hi = month.start(), month.next().start()
            cur.execute(f"CREATE TABLE {month.name} PARTITION OF {TABLE} FOR VALUES FROM ('{lo}') TO ('{hi}')")
        cur.execute(f"INSERT INTO {TABLE} SELECT * FROM {old}")  # nosec B608
        cur.execute(f"SELECT coalesce(max(id), 0) FROM {old}")  # nosec B608
        top = cur.fetchone()[0]
        cur.execute(f"DROP TABLE {old}")  # its identity sequence and indexes go with it: the names are free again
        cur.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, at)")
        cur.execute(f"CREATE SEQUENCE {TABLE}_id_seq OWNED BY {TABLE}.id")
        cur.execute(f"SELECT setval('{TABLE}_id_seq', %s, %s)", [max(top, 1), top > 0])
        cur.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{TABLE}_id_seq')")
        _rebuild(cur, indexes, foreign_keys)


def unpartition_table(connection=default_connection) -> None:
    """The way back (the migration's reverse): one plain table with an identity key, same rows and ids."""
    if not is_partitioned(connection):
        return
    old = f"{TABLE}_partitioned"
    with connection.cursor() as cur:
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        indexes, foreign_keys = _shape(cur, TABLE)
        cur.execute(f"ALTER TABLE {TABLE} RENAME TO {old}")
        cur.execute(f"CREATE TABLE {TABLE} (LIKE {old} INCLUDING CONSTRAINTS)")
        cur.execute(f"INSERT INTO {TABLE} SELECT * FROM {old}")  # nosec B608
        cur.execute(f"SELECT coalesce(max(id), 0) FROM {old}")  # nosec B608
        top = cur.fetchone()[0]
        cur.execute(f"DROP TABLE {old} CASCADE")  # its partitions and sequence go with it
        cur.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id)")
        cur.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY")
        cur.execute(f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), %s, %s)", [max(top, 1), top > 0])
        _rebuild(cur, indexes, foreign_keys)
