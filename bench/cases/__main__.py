"""``python -m bench.cases [--cases N]``: the full case lifecycle through the service layer.

Creates (drops and recreates) the database ``zwfw_bench_cases`` on the PostgreSQL server
of ``DATABASE_URL`` and migrates it. Then N cases each go apply → accept → transfer →
start review → approve → issue → complete through ``zwfw.cases`` services — one
transaction per step, the conditional version UPDATE, the event and its stats counter —
seven events per case. The baseline, in the same run, inserts the same number of event
rows with bare ``executemany`` INSERTs and with ``COPY`` (one transaction each), and with
one committed INSERT per row (the commit count the service path pays). Printed: events per second for
each and the ratios.
"""
import argparse
import datetime as dt
import os
import secrets
import sys
import time
from urllib.parse import urlparse, urlunparse
from zoneinfo import ZoneInfo

BENCH_DB = "zwfw_bench_cases"
SHANGHAI = ZoneInfo("Asia/Shanghai")
STEPS = ["apply", "accept", "transfer", "start_review", "approve", "issue", "complete"]


def bench_url(url: str) -> str:
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{BENCH_DB}"))


def create_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    admin = urlunparse(parts._replace(path="/postgres"))
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


def fixtures():
    """One department with a window clerk and an approver, one permit item with a guide, applicants."""
    from zwfw.accounts.models import User
    from zwfw.catalog import services as catalog
    from zwfw.catalog.models import Department, HandlingItem, PowerType

    dept = Department.objects.create(code="BENCH", name="四川省基准测试厅", short_name="基准厅")
    catalog.add_matter(department=dept, code="510000-BM-001", name="基准测试许可",
                       power_type=PowerType.objects.get(name="行政许可"), valid_from=dt.date(2022, 1, 1),
                       items=[{"code": "510000-BM-001-01", "name": "新办", "statutory_days": 20, "promised_days": 10}])
    item = HandlingItem.objects.select_related("matter__department", "matter__power_type").get(code="510000-BM-001-01")
    catalog.save_guide(item, materials=[{"name": "申请书"}, {"name": "营业执照", "licence_kind": "营业执照"}])
    clerk = User.objects.create_user("bench_clerk", role="department_clerk", department=dept)
    approver = User.objects.create_user("bench_approver", role="approver", department=dept)
    return item, clerk, approver


def applicants(n: int):
    from zwfw.cases.models import Applicant
    from zwfw.identifiers import make_uscc

    rows = []
    for i in range(n):
        rows.append(Applicant(kind=Applicant.ORGANISATION, name=f"基准测试企业{i}", id_number=make_uscc(f"91510100MA{i:06d}")))
    return Applicant.objects.bulk_create(rows, batch_size=2000)


def lifecycle(n: int) -> tuple[int, float]:
    from zwfw.cases import actions
    from zwfw.cases.acceptance import apply
    from zwfw.cases.models import CaseEvent
    from zwfw.workdays.services import get_calendar

    item, clerk, approver = fixtures()
    people = applicants(n)
    calendar = get_calendar()  # once per batch, as the workdays app advises
    day = dt.datetime(2026, 3, 2, 9, tzinfo=SHANGHAI)
    start = time.perf_counter()
    for i, applicant in enumerate(people):
        at = day + dt.timedelta(seconds=i)
        case = apply(item=item, applicant=applicant, actor=clerk, at=at, provided=["申请书", "营业执照"])
        actions.accept(case, actor=clerk, version=case.version, at=at, calendar=calendar)
        actions.transfer(case, actor=clerk, version=case.version, at=at)
        actions.start_review(case, actor=approver, version=case.version, at=at)
        actions.approve(case, actor=approver, version=case.version, at=at + dt.timedelta(days=2))
        actions.issue(case, actor=clerk, version=case.version, at=at + dt.timedelta(days=2))
        actions.complete(case, actor=clerk, version=case.version, at=at + dt.timedelta(days=3), calendar=calendar)
    elapsed = time.perf_counter() - start
    events = CaseEvent.objects.count()
    assert events == n * len(STEPS), events
    return events, elapsed


def _event_rows(n: int):
    from zwfw.catalog.models import Department, PowerType

    dept = Department.objects.get(code="BENCH").pk
    permit = PowerType.objects.get(name="行政许可").pk
    at = dt.datetime(2026, 3, 2, 9, tzinfo=SHANGHAI)
    kinds = ["applied", "accepted", "transferred", "review_started", "approved", "issued", "completed"]
    return [(kinds[i % 7], at + dt.timedelta(seconds=i), dept, permit, False, False, "", "{}") for i in range(n)]


COLUMNS = "kind, at, department_id, power_type_id, at_comprehensive_window, automatic, note, data"


def bare_executemany(n: int) -> float:
    from django.db import connection, transaction

    rows = _event_rows(n)
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO cases_caseevent ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", rows)
    elapsed = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_caseevent WHERE case_id IS NULL")
    return elapsed


def bare_one_per_transaction(n: int) -> float:
    """The same INSERT, one committed transaction per row: the durability cost the service path also pays."""
    from django.db import connection, transaction

    rows = _event_rows(n)
    sql = f"INSERT INTO cases_caseevent ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for row in rows:
            with transaction.atomic():
                cursor.execute(sql, row)
    elapsed = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_caseevent WHERE case_id IS NULL")
    return elapsed


def bare_copy(n: int) -> float:
    from django.db import connection, transaction

    rows = _event_rows(n)
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY cases_caseevent ({COLUMNS}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    elapsed = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_caseevent WHERE case_id IS NULL")
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cases", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000, help="number of cases (default 3000)")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("请设置 DATABASE_URL=postgres://…（基准测试在 PostgreSQL 上运行）。", file=sys.stderr)
        return 2
    target = bench_url(url)
    create_database(url)
    setup_django(target)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"数据库 {BENCH_DB}（PostgreSQL {connection.cursor().connection.info.server_version // 10000}）")
    events, service = lifecycle(args.cases)
    many = bare_executemany(events)
    copy = bare_copy(events)
    single = bare_one_per_transaction(events)
    rate = events / service
    print(f"办件 {args.cases} 件，每件 {len(STEPS)} 个环节（{' → '.join(STEPS)}），共 {events} 个事件")
    print(f"服务层全流程：{service:8.2f} 秒  {rate:10.0f} 事件/秒  （每个环节一个事务：版本条件更新 + 事件 + 统计计数）")
    print(f"裸 INSERT（executemany，一个事务）：{many:8.2f} 秒  {events / many:10.0f} 行/秒  比值 {many / service:.3f}")
    print(f"裸 COPY（一个事务）：{copy:8.2f} 秒  {events / copy:10.0f} 行/秒  比值 {copy / service:.3f}")
    print(f"裸 INSERT（每行一个事务，与服务层相同的提交次数）：{single:8.2f} 秒  {events / single:10.0f} 行/秒  "
          f"比值 {single / service:.3f}")
    print(f"服务层速度为裸 executemany 的 {rate / (events / many):.1%}，为 COPY 的 {rate / (events / copy):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
