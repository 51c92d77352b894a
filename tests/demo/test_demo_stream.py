"""The streamed year (`zwfw demo --scale S`): terminates at any scale, counts agree, resumable, deterministic."""
import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from zwfw.cases.models import Applicant, Case, CaseEvent, CaseSequence, Suspension
from zwfw.demo import stream
from zwfw.demo.activity import period
from zwfw.demo.catalogue import load_catalogue
from zwfw.demo.models import DemoRun, StreamRun
from zwfw.demo.users import load_users
from zwfw.identifiers import validate_resident_id, validate_uscc
from zwfw.stats import queries
from zwfw.stats import services as stats
from zwfw.stats.models import DailyCount
from zwfw.workdays.services import get_calendar

SCALE = 0.00004
CHUNK = 150
TODAY = dt.date(2026, 11, 30)

pytestmark = pytest.mark.django_db


# ---- pure: identifiers and the plan ---------------------------------------------------------------

def test_identifiers_from_a_counter_are_distinct_and_valid_at_any_count():
    serials = list(range(0, 30_000)) + list(range(10_000_000, 10_020_000)) + [300_000_000]
    ids = [stream.person_id_number(n)[0] for n in serials]
    assert len(set(ids)) == len(ids)
    for number in ids[::997]:
        assert validate_resident_id(number) == number
    codes = [stream.organisation_id_number(n) for n in range(0, 40_000)] + [stream.organisation_id_number(89_999_999)]
    assert len(set(codes)) == len(codes)
    for code in codes[::997]:
        assert validate_uscc(code) == code
    names = [stream.organisation_name(n) for n in range(0, 400_000)]
    assert len(set(names)) == len(names), "a provincial year of companies never runs out of names"
    assert names[0].startswith("四川") and names[0].endswith("有限公司")


def test_the_plan_covers_every_serial_of_every_day_once():
    cal = get_calendar_for_plan()
    start, end = period(TODAY)
    days = cal.working_days_in(start, end)
    s = stream.shape(0.001, days, (end - start).days + 1, ["other", "permit", "public_service"])
    plan = stream.chunks(s, 500)
    pieces = [p for kind, spec in plan if kind == "cases" for p in spec]
    assert sum(p.count for p in pieces) == s.cases
    assert all(sum(p.count for p in spec) <= 500 for kind, spec in plan if kind == "cases")
    for day, n in zip(s.days, s.per_day):
        serials = sorted(x for p in pieces if p.day == day for x in range(p.first, p.first + p.count))
        assert serials == list(range(1, n + 1))
    assert [p.ordinal for p in pieces] == sorted({p.ordinal for p in pieces})
    applicants = [spec for kind, spec in plan if kind == "applicants"]
    assert sum(n for _, n in applicants) == s.applicants


def get_calendar_for_plan():
    start, _ = period(TODAY)
    load_catalogue(start, TODAY.replace(month=6, day=1))
    return get_calendar()


# ---- the database: one run, an interrupted run, determinism ------------------------------------------

def _setup():
    start, _ = period(TODAY)
    load_catalogue(start, TODAY.replace(month=6, day=1))
    load_users()


def _run(**kw):
    return stream.generate(seed=kw.pop("seed", 7), scale=SCALE, today=TODAY, chunk=CHUNK, show_progress=False, **kw)


def _snapshot() -> dict:
    cases = [tuple(str(v) for v in row) for row in Case.objects.order_by("id").values_list(
        "id", "number", "status", "applied_at", "accepted_on", "completed_at", "version", "applicant_id",
        "department_id", "item_id", "at_comprehensive_window", "channel", "promised_due", "statutory_due",
        "saved_days", "decided_on", "delivery_due", "delivery", "tracking_number", "query_code", "reason",
        "suspended_days", "suspended_since", "materials")]
    events = sorted((str(c), k, str(a), n, json.dumps(d, sort_keys=True), str(u), d_, str(p), w) for c, k, a, n, d, u, d_, p, w
                    in CaseEvent.objects.values_list("case_id", "kind", "at", "note", "data", "actor_id",
                                                     "department_id", "power_type_id", "window"))
    return {
        "applicants": list(Applicant.objects.order_by("id").values_list("id", "kind", "name", "id_number", "phone")),
        "cases": cases, "events": events,
        "suspensions": sorted(Suspension.objects.values_list("case_id", "kind", "started_on", "ended_on",
                                                             "working_days")),
        "counts": sorted(DailyCount.objects.values_list("day", "department_id", "type_key", "kind", "comprehensive",
                                                        "count")),
        "sequences": sorted(CaseSequence.objects.values_list("day", "last")),
    }


def _wipe():
    Suspension.objects.all().delete()
    CaseEvent.objects.all().delete()
    Case.objects.all().delete()
    Applicant.objects.all().delete()
    DailyCount.objects.all().delete()
    CaseSequence.objects.all().delete()
    StreamRun.objects.all().delete()
    DemoRun.objects.all().delete()


def test_a_streamed_year_terminates_and_its_counts_agree():
    _setup()
    run = _run()
    assert run.finished and run.chunks_done == run.chunks_total > 3
    assert Case.objects.count() == run.cases > 500
    assert CaseEvent.objects.count() == run.events
    assert Applicant.objects.count() > 200
    # Numbers follow the plan: unique, and each day's sequence knows its last serial.
    assert Case.objects.values("number").distinct().count() == run.cases
    for day, last in CaseSequence.objects.values_list("day", "last"):
        assert Case.objects.filter(received_on=day).count() == last
    # Every case's applicant, item and events exist (foreign keys hold although triggers may be skipped).
    assert not Case.objects.exclude(applicant_id__in=Applicant.objects.values("id")).exists()
    assert not CaseEvent.objects.filter(case__isnull=False).exclude(case_id__in=Case.objects.values("id")).exists()
    # Each case's version is its number of steps after the first, and its status follows its last event.
    sample = Case.objects.order_by("id")[:: max(1, run.cases // 40)]
    for case in sample:
        steps = list(case.events.order_by("at", "id").values_list("kind", flat=True))
        assert case.version == len(steps) - 1
        assert steps[0] == "applied"
    # The counters written with each chunk equal a rebuild from the event log.
    streamed = sorted(DailyCount.objects.values_list("day", "department_id", "type_key", "kind", "comprehensive",
                                                     "count"))
    stats.rebuild()
    rebuilt = sorted(DailyCount.objects.values_list("day", "department_id", "type_key", "kind", "comprehensive",
                                                    "count"))
    assert streamed == rebuilt
    # And the briefing's year-to-date figures equal an independent count of events.
    as_of = run.period_end
    ytd = queries.ytd(as_of)
    year = dt.date(as_of.year, 1, 1)
    accepted_permits = CaseEvent.objects.filter(
        kind="accepted", power_type__category="permit",
        at__gte=dt.datetime.combine(year, dt.time(), stats.LOCAL_TZ),
        at__lt=dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(), stats.LOCAL_TZ)).count()
    assert ytd["permit"]["accepted"] == accepted_permits > 0
    assert DemoRun.objects.get().summary["streamed"] is True


def test_an_interrupted_load_continues_to_exactly_what_one_run_writes():
    _setup()
    _run()
    whole = _snapshot()
    _wipe()
    part = _run(max_chunks=2)
    assert not part.finished and part.chunks_done == 2
    assert Case.objects.count() == part.cases
    # Run again (as the command does): it continues at chunk 3, building the rest in a worker process.
    resumed = _run(workers=1)
    assert resumed.finished
    assert _snapshot() == whole
    # Finished: another run changes nothing.
    _run()
    assert _snapshot() == whole


def test_the_same_seed_gives_the_same_year_and_another_seed_another():
    _setup()
    _run()
    first = _snapshot()
    _wipe()
    _run()
    assert _snapshot() == first
    _wipe()
    _run(seed=8)
    assert _snapshot()["cases"] != first["cases"]


def test_the_command_streams_continues_and_refuses_another_seed():
    _setup()
    out = io.StringIO()
    call_command("demo", scale=SCALE, seed=3, stream=True, max_chunks=1, no_progress=True, stdout=out)
    assert "再次执行同一命令即从断点继续" in out.getvalue()
    done = StreamRun.objects.get().chunks_done
    assert done == 1
    out = io.StringIO()
    call_command("demo", scale=SCALE, seed=3, stream=True, no_progress=True, stdout=out)
    assert "流式生成完毕" in out.getvalue()
    assert StreamRun.objects.get().finished
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="继续生成请使用相同的种子和比例"):
        call_command("demo", scale=SCALE, seed=4, stream=True, no_progress=True, stdout=io.StringIO())


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="COPY and deferred indexes are PostgreSQL's")
def test_on_postgresql_the_indexes_are_back_after_the_load():
    _setup()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename IN ('cases_case', 'cases_caseevent')")
        before = cursor.fetchone()[0]
        _run(max_chunks=2)
        assert StreamRun.objects.get().dropped_indexes
        _run()
        cursor.execute("SELECT count(*) FROM pg_indexes WHERE tablename IN ('cases_case', 'cases_caseevent')")
        assert cursor.fetchone()[0] == before
    assert StreamRun.objects.get().dropped_indexes == []
