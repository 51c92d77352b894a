"""``python -m bench.cases [--cases N] [--runs 3]``: the full case lifecycle through the service layer.

Creates (drops and recreates) the database ``zwfw_bench_cases`` (``--db``) on the PostgreSQL server
of ``DATABASE_URL`` and migrates it. Then N cases each go apply → accept → transfer →
start review → approve → issue → complete through ``zwfw.cases`` services — one
transaction per step, the conditional version UPDATE, the event and its stats counter —
seven events per case, with every rule (authorisation, the item in force, the abnormal list,
materials, the calendar, deadlines).

The baseline, in the same run, is PostgreSQL writing the same rows with bare single-row
statements and one commit per step (psycopg, no Django): the case row INSERTed (apply) or
UPDATEd under its version, the event INSERTed, the counter upserted for a counted kind —
the rows and commits the service path writes, without its reads and rules. Printed per run:
events per second of each and the ratio; then the median ratio of the runs.
"""
import argparse
import datetime as dt
import os
import secrets
import sys
import time
from urllib.parse import urlparse, urlunparse
from zoneinfo import ZoneInfo

BENCH_DB = os.environ.get("ZWFW_BENCH_DB", "zwfw_bench_cases")
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


def applicants(n: int, offset: int):
    from zwfw.cases.models import Applicant
    from zwfw.identifiers import make_uscc

    rows = [Applicant(kind=Applicant.ORGANISATION, name=f"基准测试企业{i}", id_number=make_uscc(f"91510100MA{i:06d}"))
            for i in range(offset, offset + n)]
    return Applicant.objects.bulk_create(rows, batch_size=2000)


def lifecycle(n: int, run: int, item, clerk, approver) -> tuple[int, float]:
    from zwfw.cases import actions
    from zwfw.cases.intake import apply
    from zwfw.cases.models import CaseEvent
    from zwfw.workdays.services import get_calendar

    before = CaseEvent.objects.count()
    people = applicants(n, run * n)
    day = dt.datetime(2026, 3, 2 + run, 9, tzinfo=SHANGHAI)
    calendar = get_calendar()
    start = time.perf_counter()
    for i, applicant in enumerate(people):
        at = day + dt.timedelta(seconds=i)
        case = apply(item=item, applicant=applicant, actor=clerk, at=at, provided=["申请书", "营业执照"])
        actions.accept(case, actor=clerk, version=case.version, at=at)
        actions.transfer(case, actor=clerk, version=case.version, at=at)
        actions.start_review(case, actor=approver, version=case.version, at=at)
        actions.approve(case, actor=approver, version=case.version, at=at + dt.timedelta(days=2))
        actions.issue(case, actor=clerk, version=case.version, at=at + dt.timedelta(days=2))
        actions.complete(case, actor=clerk, version=case.version, at=at + dt.timedelta(days=3), calendar=calendar)
    elapsed = time.perf_counter() - start
    events = CaseEvent.objects.count() - before
    assert events == n * len(STEPS), events
    return events, elapsed


CASE_SQL = ("INSERT INTO cases_case (number, item_id, department_id, applicant_id, status, applied_at, version, channel, "
            "at_comprehensive_window, received_on, materials, correction_late, deemed_accepted, extension_days, "
            "extension_reason, extension_approved_by, suspended_days, reason, legal_basis, delivery, tracking_number, "
            "updated_at, query_code) VALUES (%s, %s, %s, %s, 'applied', %s, 0, 'window', false, %s, %s, false, false, "
            "0, '', '', 0, '', '', '', '', %s, 'BENCH000') RETURNING id")
EVENT_SQL = ("INSERT INTO cases_caseevent (case_id, kind, at, actor_id, department_id, power_type_id, \"window\", automatic, "
             "note, data) VALUES (%s, %s, %s, %s, %s, %s, 'department', false, %s, %s)")
UPDATE_SQL = "UPDATE cases_case SET status = %s, version = version + 1, updated_at = %s WHERE id = %s AND version = %s"
COUNTER_SQL = ("INSERT INTO stats_dailycount (day, department_id, power_type_id, type_key, kind, comprehensive, source, "
               "count) VALUES (%s, %s, %s, %s, %s, false, 'bench', 1) ON CONFLICT (day, department_id, type_key, kind, "
               "comprehensive, source) DO UPDATE SET count = stats_dailycount.count + 1")
BASE_STEPS = [("accepted", "accepted", True), ("transferred", "transferred", True),
              ("review_started", "reviewing", False), ("approved", "approved", False), ("issued", "issued", True),
              ("completed", "completed", True)]


def baseline(n: int, run: int, item, clerk, applicant_id: int) -> tuple[int, float]:
    """The same rows, one committed transaction per step, bare psycopg single-row statements."""
    import json

    import psycopg
    from django.db import connection

    params = connection.get_connection_params()
    raw = psycopg.connect(**{k: v for k, v in params.items() if k not in ("cursor_factory", "context")})
    dept, power = item.matter.department_id, item.matter.power_type_id
    materials = json.dumps([{"name": "申请书", "provided": True}, {"name": "营业执照", "provided": True}])
    day = dt.datetime(2026, 4, 1 + run, 9, tzinfo=SHANGHAI)
    events = 0
    start = time.perf_counter()
    with raw.cursor() as cur:
        for i in range(n):
            at = day + dt.timedelta(seconds=i)
            with raw.transaction():
                cur.execute(CASE_SQL, (f"B{run:02d}{i:010d}", item.pk, dept, applicant_id, at, at.date(), materials, at))
                case_id = cur.fetchone()[0]
                cur.execute(EVENT_SQL, (case_id, "applied", at, clerk.pk, dept, power, "", '{"channel": "window"}'))
            events += 1
            for version, (kind, status, counted) in enumerate(BASE_STEPS):
                with raw.transaction():
                    cur.execute(UPDATE_SQL, (status, at, case_id, version))
                    cur.execute(EVENT_SQL, (case_id, kind, at, clerk.pk, dept, power, "", "{}"))
                    if counted:
                        cur.execute(COUNTER_SQL, (at.date(), dept, power, power, kind))
                events += 1
    elapsed = time.perf_counter() - start
    raw.close()
    return events, elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cases", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000, help="number of cases per run (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs; the median ratio is reported (default 3)")
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
    print(f"数据库 {BENCH_DB}（PostgreSQL {connection.cursor().connection.info.server_version // 10000}），"
          f"负载 {os.getloadavg()[0]:.2f}")
    item, clerk, approver = fixtures()
    ratios = []
    for run in range(args.runs):
        events, service = lifecycle(args.cases, run, item, clerk, approver)
        from zwfw.cases.models import Applicant

        base_events, base = baseline(args.cases, run, item, clerk, Applicant.objects.values_list("pk", flat=True)[0])
        rate, base_rate = events / service, base_events / base
        ratios.append(rate / base_rate)
        print(f"第 {run + 1} 次：服务层 {events} 个事件 {service:7.2f} 秒 {rate:8.0f} 事件/秒；"
              f"裸单行语句每环节一次提交（同样的办件行、事件行、计数行）{base_events} 个事件 {base:7.2f} 秒 "
              f"{base_rate:8.0f} 事件/秒；比值 {ratios[-1]:.2f}（负载 {os.getloadavg()[0]:.2f}）")
    ratios.sort()
    print(f"办件每件 {len(STEPS)} 个环节（{' → '.join(STEPS)}）；{args.runs} 次比值中位数 "
          f"{ratios[len(ratios) // 2]:.2f}（目标 ≥ 0.5）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
