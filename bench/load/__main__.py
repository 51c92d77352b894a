"""``python -m bench.load``: gunicorn with N workers against a loaded database, clients walking real pages.

1. The database ``zwfw_bench_load`` on the server of ``DATABASE_URL`` is created, migrated and
   loaded by ``zwfw demo`` (the demo hall; ``--scale S`` for a province-sized year); ``--reuse`` keeps
   the database an earlier run loaded.
2. The targets are found, not listed by hand: for every role (one user each) the pages reachable by
   following links from its home page (one or two URLs per route), and every GET list endpoint of the
   API that needs no path parameter, called with a department's API key.
3. The bare SQL of each target: the request is made once in process with its queries captured; the
   same statements are then replayed on a plain psycopg connection — what the database alone costs.
4. gunicorn (``--workers``, default 3) is started on the database; every target is requested
   ``--repeat`` times one client at a time (sequential p50/p95/max), then ``--clients`` clients
   (default 8) walk the targets in random order for ``--seconds`` (concurrent p50/p95/max, requests/s).

Printed: per target and phase p50/p95/max next to its bare SQL; the worst ten; whether the issue's
bounds hold (sequential p95 < 50 ms, concurrent p95 < 250 ms). ``--json FILE`` writes everything.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse, urlunparse

BENCH_DB = "zwfw_bench_load"
SEQUENTIAL_P95_MS = 50
CONCURRENT_P95_MS = 250
SKIP = re.compile(r"^/(accounts/logout|admin|static|api/docs|api/openapi)|\.(pdf|docx|xlsx|csv|zip|png|txt)(\?|$)|/export")


def bench_url(url: str) -> str:
    return urlunparse(urlparse(url)._replace(path=f"/{BENCH_DB}"))


def recreate_database(url: str) -> None:
    import psycopg

    admin = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")


def environment(url: str) -> dict:
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "zwfw.settings", "ZWFW_DEBUG": "0",
        "ZWFW_SECRET_KEY": env.get("ZWFW_SECRET_KEY") or secrets.token_urlsafe(50),
        # The clients are the bench itself: the public pages' per-address limit would answer 429.
        "ZWFW_PUBLIC_RATE": "1000000/m", "ZWFW_LOG_LEVEL": "ERROR",
        "ZWFW_STATIC_ROOT": env.get("ZWFW_STATIC_ROOT") or str(Path("var/bench-static").resolve()),
    })
    return env


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def summary(values: list[float]) -> dict:
    return {"n": len(values), "p50": percentile(values, 0.5), "p95": percentile(values, 0.95),
            "max": max(values) if values else float("nan")}


# --- in process: users, targets, bare SQL ------------------------------------------------------

def users_by_role():
    """One user per role: the one of its role whose department has the most cases (the busiest view)."""
    from django.db.models import Count

    from zwfw.accounts.models import User
    from zwfw.cases.models import Case

    busiest = list(Case.objects.values("department_id").annotate(n=Count("id")).order_by("-n")[:1])
    dept_id = busiest[0]["department_id"] if busiest else None
    chosen = {}
    for user in User.objects.filter(is_active=True).exclude(role="api_client").order_by("id"):
        current = chosen.get(user.role)
        if current is None or (getattr(current, "department_id", None) != dept_id and user.department_id == dept_id):
            chosen[user.role] = user
    return chosen, dept_id


def crawl(client, start: str, limit: int, per_route: int) -> list[str]:
    """Pages reachable from ``start`` by links, at most ``per_route`` URLs per URL pattern."""
    from django.urls import Resolver404, resolve

    seen, queue, found, per = set(), [start], [], defaultdict(int)
    while queue and len(found) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            route = resolve(urlparse(url).path).route
        except Resolver404:
            continue
        if per[route] >= per_route:
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        per[route] += 1
        found.append(url)
        for href in re.findall(r'href="([^"#]+)"', response.content.decode("utf-8", "replace")):
            href = href.replace("&amp;", "&")
            if href.startswith("/") and not href.startswith("//") and not SKIP.search(href) and href not in seen:
                queue.append(href)
    return found


def api_targets() -> list[str]:
    from zwfw.api import api

    schema = api.get_openapi_schema()
    out = []
    for path, ops in schema["paths"].items():
        op = ops.get("get")
        if not op or "{" in path or SKIP.search(path):
            continue
        if any(p.get("required") for p in op.get("parameters", []) if p.get("in") == "query"):
            continue
        out.append(path)
    return sorted(out)


def capture(client, url: str, headers: dict) -> tuple[int, list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **headers)
    return response.status_code, [q["sql"] for q in ctx.captured_queries]


def bare_sql(dsn: str, statements: list[str], repeat: int) -> dict:
    """The same statements on a plain connection, ``repeat`` times: the database's own cost."""
    import psycopg

    times = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        for _ in range(repeat):
            start = time.perf_counter()
            for sql in statements:
                if sql.lstrip().upper().startswith(("SELECT", "WITH")):
                    conn.execute(sql.replace("%", "%%")).fetchall()
            times.append((time.perf_counter() - start) * 1000)
    return summary(times)


# --- over HTTP -------------------------------------------------------------------------------

class Caller:
    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def get(self, url: str, headers: dict) -> tuple[int, float]:
        for attempt in (1, 2):
            try:
                start = time.perf_counter()
                self.conn.request("GET", url, headers=headers)
                response = self.conn.getresponse()
                response.read()
                return response.status, (time.perf_counter() - start) * 1000
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict, workers: int) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = dict(env, ZWFW_BIND=f"127.0.0.1:{port}", ZWFW_WORKERS=str(workers))
    proc = subprocess.Popen(  # noqa: S603 - our own server
        [sys.executable, "-m", "gunicorn", "-c", "python:zwfw.gunicorn_conf", "--access-logfile", "/dev/null", "zwfw.wsgi"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("gunicorn 未能启动")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, help="先用 zwfw demo --scale 生成这个规模的数据")
    parser.add_argument("--reuse", action="store_true", help="沿用上次生成的数据库")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--repeat", type=int, default=20, help="顺序阶段每个目标请求几次")
    parser.add_argument("--pages-per-role", type=int, default=40)
    parser.add_argument("--json", help="把全部结果写入这个文件")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("请用 DATABASE_URL 指向 PostgreSQL（库 zwfw_bench_load 会被重建）")
    dsn = bench_url(url)
    env = environment(dsn)
    os.environ.update(env)
    if not args.reuse:
        recreate_database(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    if not args.reuse:
        call_command("migrate", verbosity=0)
        call_command("documents", "sync")
        call_command("demo", **({"scale": args.scale} if args.scale else {}))

    call_command("collectstatic", interactive=False, verbosity=0)  # DEBUG off: hashed static files, as served
    from django.db import connection

    from zwfw.accounts.services import issue_api_key
    from zwfw.catalog.models import Department

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM cases_case")
        n_cases = cur.fetchone()[0]
        cur.execute("SELECT count(*) FROM cases_caseevent")
        n_events = cur.fetchone()[0]
    print(f"数据库：{n_cases:,} 件办件，{n_events:,} 条事件", flush=True)

    users, dept_id = users_by_role()
    targets = []  # (label, url, headers)
    for role, user in sorted(users.items()):
        client = Client()
        client.force_login(user)
        session = client.cookies["sessionid"].value
        for page in crawl(client, "/", args.pages_per_role, per_route=2):
            targets.append({"who": role, "url": page, "headers": {"Cookie": f"sessionid={session}"}, "client": client})
    dept = Department.objects.get(pk=dept_id) if dept_id else Department.objects.first()
    _key, secret = issue_api_key(dept, f"bench.load {secrets.token_hex(3)}")
    api_client = Client()
    for path in api_targets():
        targets.append({"who": "api", "url": path, "headers": {"X-API-Key": secret}, "client": api_client})

    print(f"目标：{len(targets)} 个（{len(users)} 个角色的页面，{sum(t['who'] == 'api' for t in targets)} 个 API 列表）", flush=True)
    kept = []
    for t in targets:
        meta = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in t["headers"].items() if k != "Cookie"}
        status, statements = capture(t["client"], t["url"], meta)
        if status != 200:
            continue
        t["queries"] = len(statements)
        t["bare"] = bare_sql(dsn.replace("postgres://", "postgresql://", 1), statements, 10)
        kept.append(t)
    targets = kept

    proc, port = start_gunicorn(env, args.workers)
    try:
        caller = Caller(port)
        for t in targets:  # warm every worker's caches a little
            for _ in range(args.workers):
                caller.get(t["url"], t["headers"])
        for t in targets:
            times = [caller.get(t["url"], t["headers"])[1] for _ in range(args.repeat)]
            t["sequential"] = summary(times)

        deadline = time.monotonic() + args.seconds
        results = defaultdict(list)
        errors = defaultdict(int)
        lock = threading.Lock()

        def walk(seed: int):
            rng = random.Random(seed)
            me = Caller(port)
            while time.monotonic() < deadline:
                t = rng.choice(targets)
                status, ms = me.get(t["url"], t["headers"])
                with lock:
                    results[id(t)].append(ms)
                    if status >= 400:
                        errors[id(t)] += 1

        started = time.monotonic()
        threads = [threading.Thread(target=walk, args=(i,)) for i in range(args.clients)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        elapsed = time.monotonic() - started
        total = sum(len(v) for v in results.values())
        for t in targets:
            t["concurrent"] = summary(results[id(t)])
            t["errors"] = errors[id(t)]
    finally:
        proc.terminate()
        proc.wait(timeout=30)

    rps = total / elapsed
    print(f"\ngunicorn {args.workers} 个 worker；并发阶段 {args.clients} 个客户端 {elapsed:.0f} 秒，"
          f"{total:,} 次请求，{rps:.1f} 次/秒", flush=True)
    header = f"{'角色':<20}{'地址':<58}{'查询':>4}{'顺序p50':>9}{'p95':>8}{'max':>8}{'并发p95':>9}{'max':>8}{'裸SQL p50':>10}"
    print(header)
    for t in sorted(targets, key=lambda t: -t["sequential"]["p95"]):
        s, c, b = t["sequential"], t["concurrent"], t["bare"]
        print(f"{t['who']:<20}{t['url'][:57]:<58}{t['queries']:>4}{s['p50']:>9.1f}{s['p95']:>8.1f}{s['max']:>8.1f}"
              f"{c['p95']:>9.1f}{c['max']:>8.1f}{b['p50']:>10.2f}")
    worst = sorted(targets, key=lambda t: -t["concurrent"]["p95"])[:10]
    print("\n并发 p95 最慢的十个（与其裸 SQL）：")
    for t in worst:
        print(f"  {t['concurrent']['p95']:8.1f} ms  裸SQL {t['bare']['p50']:7.2f} ms  {t['queries']:>3} 条查询  {t['who']} {t['url']}")
    seq_bad = [t for t in targets if t["sequential"]["p95"] >= SEQUENTIAL_P95_MS]
    con_bad = [t for t in targets if t["concurrent"]["p95"] >= CONCURRENT_P95_MS]
    print(f"\n顺序 p95 < {SEQUENTIAL_P95_MS} ms：{'全部达到' if not seq_bad else f'{len(seq_bad)} 个未达到'}；"
          f"并发 p95 < {CONCURRENT_P95_MS} ms：{'全部达到' if not con_bad else f'{len(con_bad)} 个未达到'}；"
          f"出错 {sum(t['errors'] for t in targets)} 次")
    if args.json:
        out = {"cases": n_cases, "events": n_events, "workers": args.workers, "clients": args.clients,
               "seconds": elapsed, "requests": total, "rps": rps,
               "targets": [{k: v for k, v in t.items() if k not in ("headers", "client")} for t in targets]}
        Path(args.json).write_text(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
