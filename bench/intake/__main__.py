"""``python -m bench.intake [--cases N] [--runs 3]``: bulk intake of pushed events vs a bare executemany.

Creates (drops and recreates) the database ``zwfw_bench_intake`` (``ZWFW_BENCH_DB``) on the PostgreSQL
server of ``DATABASE_URL`` and migrates it. Each run opens N cases (not timed), then a department's
system pushes 6 events per case (受理 → 流转 → 审查 → 准予许可 → 颁发 → 办结) in batches of 10 000 through
``zwfw.bulk.services.apply_events`` — the path of ``POST /api/cases/events:batch`` after JSON parsing:
the lifecycle rules per row, cases locked and written once, events bulk-inserted, counters upserted,
event ids recorded. The baseline, in the same run, inserts the same event rows with a bare
``executemany`` (psycopg, one transaction). Printed: rows per second of each, the ratio per run and
the median of the runs.
"""
import argparse
import datetime as dt
import os
import sys
import time

os.environ.setdefault("ZWFW_BENCH_DB", "zwfw_bench_intake")

from bench.cases.__main__ import BENCH_DB, bench_url, create_database, fixtures, setup_django  # noqa: E402

STEPS = [("accepted", {}), ("transferred", {}), ("review_started", {}), ("approved", {}),
         ("issued", {}), ("completed", {"delivery": "window"})]
BATCH = 10_000


def open_cases(n: int, run: int, item, clerk):
    from zwfw.cases.intake import apply
    from zwfw.cases.models import Applicant
    from zwfw.identifiers import make_uscc

    people = Applicant.objects.bulk_create(
        [Applicant(kind=Applicant.ORGANISATION, name=f"批量推送企业{i}", id_number=make_uscc(f"91510100MB{i:06d}"))
         for i in range(run * n, run * n + n)], batch_size=2000)
    from django.utils import timezone

    now = timezone.now()
    return [apply(item=item, applicant=p, actor=clerk, at=now, provided=["申请书", "营业执照"]).number for p in people]


def service(numbers: list[str], run: int, system) -> tuple[int, float, list]:
    from zwfw.bulk.services import apply_events
    from zwfw.cases.models import CaseEvent

    rows = [{"event_id": f"R{run}-{number}-{kind}", "case": number, "event": kind, **extra}
            for kind, extra in STEPS for number in numbers]  # step by step over all cases, as systems send
    before = CaseEvent.objects.count()
    start = time.perf_counter()
    for i in range(0, len(rows), BATCH):
        out = apply_events(actor=system, raw_rows=rows[i:i + BATCH])
        assert not out["rejected"] and not out["duplicates"], out["rejected"][:3]
    elapsed = time.perf_counter() - start
    events = list(CaseEvent.objects.filter(pk__gt=0).order_by("-pk")[: len(rows)]
                  .values_list("case_id", "kind", "at", "actor_id", "department_id", "power_type_id", "window",
                               "automatic", "note", "data"))
    assert CaseEvent.objects.count() - before == len(rows)
    return len(rows), elapsed, events


def bare_executemany(events: list) -> float:
    """The same event rows, one bare executemany in one transaction (psycopg, no Django), then removed."""
    import json

    import psycopg
    from django.db import connection

    params = connection.get_connection_params()
    raw = psycopg.connect(**{k: v for k, v in params.items() if k not in ("cursor_factory", "context")})
    rows = [(*e[:9], json.dumps(e[9])) for e in events]
    sql = ('INSERT INTO cases_caseevent (case_id, kind, at, actor_id, department_id, power_type_id, "window", '
           "automatic, note, data) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id")
    start = time.perf_counter()
    with raw.transaction(), raw.cursor() as cur:
        for i in range(0, len(rows), BATCH):
            cur.executemany(sql, rows[i:i + BATCH], returning=True)
            ids = []
            while True:
                ids.append(cur.fetchone()[0])
                if not cur.nextset():
                    break
    elapsed = time.perf_counter() - start
    with raw.transaction(), raw.cursor() as cur:
        cur.execute("DELETE FROM cases_caseevent WHERE note = '' AND data = '{}'::jsonb AND id > %s", (max(ids) - len(rows),))
    raw.close()
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.intake", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000, help="cases per run; 6 events each (default 2000)")
    parser.add_argument("--runs", type=int, default=3, help="runs; the median ratio is reported (default 3)")
    args = parser.parse_args(argv)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("请设置 DATABASE_URL=postgres://…（基准测试在 PostgreSQL 上运行）。", file=sys.stderr)
        return 2
    create_database(url)
    setup_django(bench_url(url))
    from django.core.management import call_command

    from zwfw.accounts.models import User

    call_command("migrate", verbosity=0)
    item, clerk, _approver = fixtures()
    system = User.objects.create_user("bench_system", role="api_client", department=item.matter.department)
    print(f"数据库 {BENCH_DB}，负载 {os.getloadavg()[0]:.2f}")
    ratios = []
    for run in range(args.runs):
        numbers = open_cases(args.cases, run, item, clerk)
        n, took, events = service(numbers, run, system)
        bare = bare_executemany(events)
        ratios.append(bare / took)
        print(f"第 {run + 1} 次：批量推送 {n} 条事件（每批 {BATCH} 条）{took:6.2f} 秒 {n / took:8.0f} 条/秒；"
              f"裸 executemany 同样的事件行 {bare:6.2f} 秒 {n / bare:8.0f} 行/秒；比值 {ratios[-1]:.2f}"
              f"（负载 {os.getloadavg()[0]:.2f}）")
    ratios.sort()
    print(f"{args.runs} 次比值中位数 {ratios[len(ratios) // 2]:.2f}（目标 ≥ 0.5）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
