"""``python -m bench.worklist [--cases N]``: the worklist and search pages with N cases in PostgreSQL.

Loads N cases (and their applicants, events and counters) into the database ``zwfw_bench_worklist``
on the PostgreSQL server of ``DATABASE_URL`` with the streamed generator (``zwfw demo --scale``),
unless ``--reuse`` (then the database named by ``--database`` is used as it is, e.g. one loaded
earlier with ``zwfw demo --scale 0.0444`` ≈ 1 M cases). Then, one client at a time through Django's
test client (the whole view: session, scoping, query, template), each page is requested
``--repeat`` times: the worklist of a department clerk, the comprehensive window and centre staff,
every case newest first (page 1 and a deep page), searches by whole case number, number prefix,
applicant name prefix and whole ID number, and filters (department + status + date range, clock state,
channel). Printed per page: p50 / p95 / max in ms, and next to it the same page's SQL run bare on a
cursor (the statements the view issued, captured once and re-executed ``--repeat`` times) —
the database's share of the time — and the median CPU time of this process per page (Python's own
share: on a shared machine the wall time also holds the wait for a core). Exit status 1 when a page's p95 is 50 ms or more.
"""
import argparse
import os
import secrets
import statistics
import sys
import time
from urllib.parse import urlencode, urlparse, urlunparse

BENCH_DB = "zwfw_bench_worklist"
LIMIT_MS = 50.0


def database_url(url: str, name: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        sys.exit("需要 PostgreSQL：请设置 DATABASE_URL=postgres://user@host:port/db")
    return urlunparse(parsed._replace(path="/" + name))


def create_database(url: str, name: str) -> None:
    import psycopg

    admin = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name}")


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "zwfw.settings"
    os.environ["ZWFW_DEBUG"] = "0"
    os.environ.setdefault("ZWFW_SECRET_KEY", secrets.token_urlsafe(50))  # a throwaway database
    import django

    django.setup()
    from django.conf import settings

    # Pages render with the apps' static folders (no collectstatic for a throwaway database).
    settings.STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


def load(cases: int) -> float:
    """Load about ``cases`` cases with the streamed demo generator; returns the scale used."""
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from zwfw.demo import stream
    from zwfw.demo.activity import period
    from zwfw.workdays.services import get_calendar

    call_command("migrate", verbosity=0)
    call_command("demo", no_activity=True, stdout=io.StringIO())  # catalogue and logins (calendar included)
    start, end = period(timezone.localdate())
    days = get_calendar().working_days_in(start, end)
    per_unit = stream.shape(1.0, days, (end - start).days + 1, ["other", "permit", "public_service"]).cases
    scale = cases / per_unit
    call_command("demo", scale=scale, stream=True, stdout=io.StringIO())
    return scale


def pages() -> list[tuple[str, str, dict]]:
    """(label, username, query) of every page measured, with values taken from the loaded data."""
    from zwfw.cases.models import Applicant, Case
    from zwfw.catalog.models import Department

    newest = Case.objects.order_by("-id").only("number", "applicant_id", "received_on").first()
    person = Applicant.objects.filter(kind="person").order_by("id").first()
    company = Applicant.objects.filter(kind="organisation").order_by("id").first()
    wjw = Department.objects.get(code="wjw")
    day = newest.received_on
    month_ago = day.replace(day=1)
    return [
        ("部门窗口 待办", "wjw", {}),
        ("综合窗口 待办", "zongchuang", {}),
        ("中心 待办", "zhongxin", {}),
        ("中心 全部 最新在前 第 1 页", "zhongxin", {"status": "all", "sort": "newest"}),
        ("中心 全部 最新在前 第 200 页", "zhongxin", {"status": "all", "sort": "newest", "page": "200"}),
        ("中心 全部 按期限 第 1 页", "zhongxin", {"status": "all"}),
        ("搜索 完整办件编号", "zhongxin", {"q": newest.number}),
        ("搜索 编号前缀（某日）", "zhongxin", {"q": newest.number[:14]}),
        ("搜索 申请人姓名前缀", "zhongxin", {"q": person.name[:2]}),
        ("搜索 单位名称前缀", "zhongxin", {"q": company.name[:6]}),
        ("搜索 完整身份证号", "zhongxin", {"q": person.id_number}),
        ("筛选 部门+已办结+本月", "zhongxin", {"department": str(wjw.pk), "status": "completed",
                                       "date_from": month_ago.isoformat(), "date_to": day.isoformat()}),
        ("筛选 已超期", "zhongxin", {"clock": "overdue"}),
        ("筛选 网上申请 全部", "zhongxin", {"status": "all", "channel": "online"}),
        ("部门窗口 全部 第 1 页", "wjw", {"status": "all"}),
    ]


def measure(repeat: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from zwfw.accounts.models import User

    clients = {}
    results = []
    for label, username, query in pages():
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        url = "/cases/" + ("?" + urlencode(query) if query else "")
        response = client.get(url)  # warm: plan cache, session
        if response.status_code != 200:
            sys.exit(f"{label}：{url} 返回 {response.status_code}")
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        statements = [q["sql"] for q in captured.captured_queries]
        page_times, cpu_times, sql_times = [], [], []
        for _ in range(repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(url)
            page_times.append((time.perf_counter() - t0) * 1000)
            cpu_times.append((time.process_time() - c0) * 1000)
        with connection.cursor() as cursor:
            for _ in range(repeat):
                t0 = time.perf_counter()
                for sql in statements:
                    cursor.execute(sql)
                    cursor.fetchall()
                sql_times.append((time.perf_counter() - t0) * 1000)
        results.append({"label": label, "url": url, "queries": len(statements),
                        "page": _summary(page_times), "sql": _summary(sql_times),
                        "cpu": statistics.median(cpu_times)})
    return results


def _summary(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50": statistics.median(ordered), "p95": p95, "max": ordered[-1]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.worklist", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000, help="装载的办件数（默认 20 万；问题单要求 100 万）")
    parser.add_argument("--repeat", type=int, default=40, help="每个页面请求次数（默认 40）")
    parser.add_argument("--database", default=BENCH_DB, help=f"数据库名（默认 {BENCH_DB}）")
    parser.add_argument("--reuse", action="store_true", help="沿用已装载的数据库，不重新生成")
    args = parser.parse_args(argv)

    url = database_url(os.environ.get("DATABASE_URL", ""), args.database)
    started = time.perf_counter()
    if not args.reuse:
        create_database(url, args.database)
    setup_django(url)
    if not args.reuse:
        scale = load(args.cases)
        print(f"装载 {args.cases:,} 件（比例 {scale:.5f}），用时 {time.perf_counter() - started:.0f} 秒")
    from zwfw.cases.models import Case, CaseEvent

    n_cases, n_events = Case.objects.count(), CaseEvent.objects.count()
    load_avg = os.getloadavg()
    print(f"数据库 {args.database}：办件 {n_cases:,} 件，事件 {n_events:,} 条；每页请求 {args.repeat} 次，单客户端顺序执行；"
          f"机器负载 {load_avg[0]:.1f} / {load_avg[1]:.1f}（{os.cpu_count()} 核）")
    results = measure(args.repeat)
    width = max(len(r["label"]) for r in results) + 2
    print(f"{'页面':<{width}}{'查询':>4}{'页面 p50':>10}{'p95':>8}{'max':>8}{'裸 SQL p50':>12}{'p95':>8}{'max':>8}{'应用 CPU':>10}  （毫秒）")
    slow = []
    for r in results:
        p, s = r["page"], r["sql"]
        print(f"{r['label']:<{width}}{r['queries']:>4}{p['p50']:>10.1f}{p['p95']:>8.1f}{p['max']:>8.1f}"
              f"{s['p50']:>12.1f}{s['p95']:>8.1f}{s['max']:>8.1f}{r['cpu']:>10.1f}")
        if p["p95"] >= LIMIT_MS:
            slow.append(r)
    for r in slow:
        print(f"p95 超过 {LIMIT_MS:.0f} 毫秒：{r['label']}  {r['url']}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
