"""``python -m bench.briefing [--scale S]``: a year of events at the 2022 provincial scale.

Creates (drops and recreates) the database ``zwfw_bench`` on the PostgreSQL
server of ``DATABASE_URL``, migrates it, generates the event rows with
PostgreSQL itself (INSERT … SELECT generate_series, random department, type and
time) straight into ``cases_caseevent``, builds the counters with
``stats.services.rebuild`` and then times a briefing's figures — year to date
by category plus the comprehensive window's week and year to date — through
``stats.queries`` against one hand-written SQL query over the raw events.

At ``--scale 1``: 785 283 permit and 21 116 425 public-service acceptances
(2022-44), completions as reported that year, about 32 million counted events.
Only counted kinds are generated, which favours the raw query.

The catalogue gets one matter per department and power type, some "other" types with matters that
ended before the date, so "其它 N 类" (the other types with matters in force on the date, the
catalogue's rule) is a real figure; the raw side counts it with its own SQL over the matters.
Every figure the briefing's two paragraphs print is compared; any difference is printed and fails.
"""
import argparse
import datetime as dt
import os
import secrets
import statistics
import sys
import time
from urllib.parse import urlparse, urlunparse

BENCH_DB = "zwfw_bench"
YEAR = 2022
AS_OF = dt.date(2022, 12, 23)  # reference 2022-44: the Friday of its week
DEPARTMENTS = 45

# (kind, category, events at scale 1, share at the comprehensive window)
PLAN = [
    ("accepted", "permit", 785_283, 0.10),
    ("completed", "permit", 776_297, 0.10),
    ("accepted", "public_service", 21_116_425, 0.02),
    ("completed", "public_service", 8_845_256, 0.02),
    ("accepted", "other", 61_170, 0.0),
    ("completed", "other", 61_215, 0.0),
    ("rejected", "permit", 20_000, 0.10),
    ("consulted", None, 160_000, 1.0),
    ("issued", "permit", 360_000, 1.0),
    ("transferred", "permit", 700_000, 1.0),
]


def bench_url(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        sys.exit("需要 PostgreSQL：请设置 DATABASE_URL=postgres://user@host:port/db")
    return urlunparse(parsed._replace(path="/" + BENCH_DB))


def create_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    admin = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "zwfw.settings"
    os.environ["ZWFW_DEBUG"] = "0"
    os.environ.setdefault("ZWFW_SECRET_KEY", secrets.token_urlsafe(50))  # a throwaway database
    import django

    django.setup()


def load(scale: float) -> int:
    from django.core.management import call_command
    from django.db import connection

    from zwfw.catalog.models import Department, PowerType

    call_command("migrate", verbosity=0)
    Department.objects.bulk_create([
        Department(code=f"B{i:02d}", name=f"省直部门{i:02d}", display_order=i) for i in range(1, DEPARTMENTS + 1)
    ])
    dept_ids = list(Department.objects.values_list("id", flat=True))
    load_matters(dept_ids)
    by_category = {
        c: list(PowerType.objects.filter(category=c).values_list("id", flat=True))
        for c in (PowerType.PERMIT, PowerType.PUBLIC_SERVICE, PowerType.OTHER)
    }
    start = dt.datetime(YEAR, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    seconds = (dt.date(YEAR + 1, 1, 1) - dt.date(YEAR, 1, 1)).days * 86400
    total = 0
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE cases_caseevent SET UNLOGGED")
        for kind, category, full, window in PLAN:
            n = max(1, round(full * scale))
            types = by_category[category] if category else [None]
            cursor.execute(
                "INSERT INTO cases_caseevent (case_id, kind, at, actor_id, department_id, power_type_id, "
                "\"window\", automatic, note, data) "
                "SELECT NULL, %s, %s::timestamptz + floor(random() * %s) * interval '1 second', NULL, "
                "(%s::int[])[1 + floor(random() * %s)::int], (%s::int[])[1 + floor(random() * %s)::int], "
                "CASE WHEN random() < %s THEN 'comprehensive' ELSE 'department' END, false, '', '{}'::jsonb "
                "FROM generate_series(1, %s)",
                [kind, start, seconds, dept_ids, len(dept_ids), types, len(types), window, n],
            )
            total += n
        cursor.execute("ALTER TABLE cases_caseevent SET LOGGED")
        cursor.execute("ANALYZE cases_caseevent")
    return total


def load_matters(dept_ids: list[int]) -> None:
    """A matter of every power type in every department; of the "other" types, every third one's
    matters ended on 1 July of the year (not in force on the briefing's date)."""
    from zwfw.catalog.models import Matter, PowerType

    rows = []
    for n, (type_id, category) in enumerate(PowerType.objects.order_by("id").values_list("id", "category")):
        ended = dt.date(YEAR, 7, 1) if category == PowerType.OTHER and n % 3 == 0 else None
        for dept in dept_ids:
            rows.append(Matter(code=f"BENCH-{dept}-{type_id}", name=f"基准测试事项{dept}-{type_id}", department_id=dept,
                               power_type_id=type_id, valid_from=dt.date(YEAR - 1, 1, 1), valid_to=ended))
    Matter.objects.bulk_create(rows)


# The catalogue's count of "other" types, written independently of catalog.queries.
OTHER_TYPES_SQL = """
SELECT count(DISTINCT m.power_type_id) FROM catalog_matter m JOIN catalog_powertype t ON t.id = m.power_type_id
WHERE t.category = 'other' AND m.valid_from <= %(as_of)s AND (m.valid_to IS NULL OR m.valid_to > %(as_of)s)
"""

RAW_SQL = """
SELECT
  count(*) FILTER (WHERE e.kind = 'accepted'  AND t.category = 'permit'),
  count(*) FILTER (WHERE e.kind = 'completed' AND t.category = 'permit'),
  count(*) FILTER (WHERE e.kind = 'accepted'  AND t.category = 'public_service'),
  count(*) FILTER (WHERE e.kind = 'completed' AND t.category = 'public_service'),
  count(*) FILTER (WHERE e.kind = 'accepted'  AND t.category = 'other'),
  count(*) FILTER (WHERE e.kind = 'completed' AND t.category = 'other'),
  0,
  count(*) FILTER (WHERE e."window" = 'comprehensive' AND e.at >= %(week)s AND e.kind = 'consulted'),
  count(*) FILTER (WHERE e."window" = 'comprehensive' AND e.at >= %(week)s AND e.kind = 'accepted'),
  count(*) FILTER (WHERE e."window" = 'comprehensive' AND e.at >= %(week)s AND e.kind = 'issued'),
  count(*) FILTER (WHERE e."window" = 'comprehensive' AND e.at >= %(week)s AND e.kind = 'transferred'),
  count(*) FILTER (WHERE e."window" = 'comprehensive' AND e.kind = 'consulted'),
  count(*) FILTER (WHERE e."window" = 'comprehensive' AND e.kind = 'accepted'),
  count(*) FILTER (WHERE e."window" = 'comprehensive' AND e.kind = 'issued'),
  count(*) FILTER (WHERE e."window" = 'comprehensive' AND e.kind = 'transferred')
FROM cases_caseevent e LEFT JOIN catalog_powertype t ON t.id = e.power_type_id
WHERE e.at >= %(year)s AND e.at < %(end)s
  AND e.kind IN ('accepted', 'completed', 'consulted', 'issued', 'transferred')
"""


def via_counters(as_of: dt.date) -> dict:
    from zwfw.stats import queries

    monday, _ = queries.working_week(as_of)
    figures = queries.briefing_figures(monday, as_of)
    figures.pop("as_of")
    return figures


def via_raw_sql(as_of: dt.date) -> dict:
    from django.db import connection

    from zwfw.stats import queries

    local = dt.timezone(dt.timedelta(hours=8))
    monday, _ = queries.working_week(as_of)

    def midnight(d):
        return dt.datetime.combine(d, dt.time(), local)

    with connection.cursor() as cursor:
        cursor.execute(RAW_SQL, {"week": midnight(monday), "year": midnight(dt.date(as_of.year, 1, 1)),
                                 "end": midnight(as_of + dt.timedelta(days=1))})
        r = cursor.fetchone()
        cursor.execute(OTHER_TYPES_SQL, {"as_of": as_of})
        other_types = cursor.fetchone()[0]
    window = ("consulted", "accepted", "issued", "transferred")
    return {
        "permit": {"accepted": r[0], "completed": r[1]},
        "public_service": {"accepted": r[2], "completed": r[3]},
        "other": {"types": other_types, "accepted": r[4], "completed": r[5]},
        "comprehensive_window": {"week": dict(zip(window, r[7:11])), "ytd": dict(zip(window, r[11:15]))},
    }


def differences(fast: dict, raw: dict, prefix: str = "") -> list[tuple[str, object, object]]:
    """Every figure that differs, by its path (e.g. other.types)."""
    out = []
    for key in sorted(set(fast) | set(raw)):
        a, b = fast.get(key), raw.get(key)
        if isinstance(a, dict) and isinstance(b, dict):
            out += differences(a, b, f"{prefix}{key}.")
        elif a != b:
            out.append((f"{prefix}{key}", a, b))
    return out


def timed(fn, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return result, times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.briefing", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.02,
                        help="规模系数：1 = 2022 年省本级全年（约 3200 万条计数事件）；默认 0.02")
    parser.add_argument("--date", type=dt.date.fromisoformat, default=AS_OF, help="截至日期，默认 2022-12-23")
    parser.add_argument("--repeat", type=int, default=5, help="每种方式重复次数，取中位数")
    parser.add_argument("--reuse", action="store_true", help="沿用已装载的 zwfw_bench 数据库，不重新生成")
    args = parser.parse_args(argv)

    url = bench_url(os.environ.get("DATABASE_URL", ""))
    t0 = time.perf_counter()
    if not args.reuse:
        create_database(url)
    setup_django(url)
    from zwfw.stats import services

    if not args.reuse:
        events = load(args.scale)
        t_load = time.perf_counter() - t0
        t1 = time.perf_counter()
        counters = services.rebuild()
        t_rebuild = time.perf_counter() - t1
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE stats_dailycount")
        print(f"生成事件 {events:,} 条，用时 {t_load:.1f} 秒；重建日统计 {counters:,} 条，用时 {t_rebuild:.1f} 秒")

    fast, fast_times = timed(lambda: via_counters(args.date), args.repeat)
    raw, raw_times = timed(lambda: via_raw_sql(args.date), max(1, min(args.repeat, 3)))
    f, r = statistics.median(fast_times), statistics.median(raw_times)
    same = fast == raw
    print(f"截至 {args.date}（{'沿用已装载的数据' if args.reuse else f'规模 {args.scale}'}）")
    print(f"{'方式':<24}{'中位数（毫秒）':>14}{'最慢（毫秒）':>14}")
    print(f"{'日统计 stats.queries':<24}{f * 1000:>16.1f}{max(fast_times) * 1000:>16.1f}")
    print(f"{'原始事件 SQL':<24}{r * 1000:>16.1f}{max(raw_times) * 1000:>16.1f}")
    print(f"倍数（原始 / 日统计）：{r / f:.0f}")
    print(f"两种方式结果{'一致' if same else '不一致'}：许可 {fast['permit']}，公共服务 {fast['public_service']}，"
          f"其它 {fast['other']}，综窗 {fast['comprehensive_window']}")
    if not same:
        for label, a, b in differences(fast, raw):
            print(f"不一致：{label} 日统计 {a}，原始 SQL {b}")
        return 1
    if f >= 1.0:
        print("日统计查询超过 1 秒")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
