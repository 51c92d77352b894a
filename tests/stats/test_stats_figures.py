"""The briefing's figures equal an independent count of the events, and rebuild gives the same counters.

Events are generated with a seeded random generator from December 2022 to
February 2023: cases accepted in December and completed in January count their
completion in January, and the new year's year-to-date leaves December's
acceptances out.
"""
import datetime as dt
import random
from collections import Counter

import pytest
from django.db import transaction

from zwfw.cases.models import CaseEvent
from zwfw.stats import queries, services
from zwfw.stats.models import DailyCount

UTC = dt.timezone.utc
START = dt.datetime(2022, 12, 1, tzinfo=UTC) - dt.timedelta(hours=8)   # 2022-12-01 00:00 Beijing
SPAN_SECONDS = 90 * 24 * 3600                                            # to 2023-02-28


def beijing_day(at: dt.datetime) -> dt.date:
    """Independent of the code under test: UTC plus eight hours."""
    return (at.astimezone(UTC) + dt.timedelta(hours=8)).date()


@pytest.fixture
def generated(departments, types):
    """~1 500 events; returns the list of (kind, at, department, power_type, comprehensive)."""
    rng = random.Random(20230120)
    all_types = [types["permit"], types["public_service"], *types["other"]]
    weights = [3, 10] + [0.3] * len(types["other"])
    events = []
    for _ in range(400):  # cases
        dept = rng.choice(departments)
        ptype = rng.choices(all_types, weights)[0]
        window = rng.random() < 0.4
        accepted = START + dt.timedelta(seconds=rng.randrange(SPAN_SECONDS - 20 * 86400))
        if rng.random() < 0.1:
            events.append(("rejected", accepted, dept, ptype, window))
            continue
        events.append(("applied", accepted - dt.timedelta(minutes=5), dept, ptype, window))
        events.append(("accepted", accepted, dept, ptype, window))
        later = accepted
        for _ in range(rng.randrange(3)):
            later += dt.timedelta(hours=rng.randrange(1, 72))
            events.append(("transferred", later, dept, ptype, window))
        if rng.random() < 0.85:
            done = later + dt.timedelta(days=rng.randrange(0, 15), minutes=rng.randrange(1440))
            events.append(("review_started", later + dt.timedelta(minutes=1), dept, ptype, False))
            events.append(("issued", done - dt.timedelta(minutes=1), dept, ptype, window))
            events.append(("completed", done, dept, ptype, window))
    # A block accepted late on 31 December and completed early in January (the domain's example).
    for i in range(30):
        dept = departments[i % 3]
        events.append(("accepted", dt.datetime(2022, 12, 31, 15, 50, tzinfo=UTC), dept, types["permit"], False))
        events.append(("completed", dt.datetime(2023, 1, 3, 2, i, tzinfo=UTC), dept, types["permit"], False))
    for _ in range(300):  # consultations, no case and mostly no type
        at = START + dt.timedelta(seconds=rng.randrange(SPAN_SECONDS))
        events.append(("consulted", at, rng.choice(departments), None, rng.random() < 0.7))
    # Half through record() one transaction per event (as the cases app does), half through record_many.
    half = len(events) // 2
    for kind, at, dept, ptype, window in events[:half]:
        with transaction.atomic():
            services.record(CaseEvent.objects.create(
                kind=kind, at=at, department=dept, power_type=ptype, window="comprehensive" if window else "department"))
    with transaction.atomic():
        bulk = CaseEvent.objects.bulk_create([
            CaseEvent(kind=k, at=a, department=d, power_type=t, window="comprehensive" if w else "department")
            for k, a, d, t, w in events[half:]
        ])
        services.record_many(bulk)
    return events


def independent(events, start, end, *, category=None, window=None, kind=None):
    n = 0
    for k, at, _dept, ptype, w in events:
        if kind and k != kind:
            continue
        if not start <= beijing_day(at) <= end:
            continue
        if category and (ptype is None or ptype.category != category):
            continue
        if window is not None and w != window:
            continue
        n += 1
    return n


def expected_period(events, start, end):
    return {
        cat: {k: independent(events, start, end, category=cat, kind=k) for k in ("accepted", "completed")}
        for cat in ("permit", "public_service", "other")
    }


@pytest.mark.parametrize("as_of", [dt.date(2022, 12, 31), dt.date(2023, 1, 1), dt.date(2023, 1, 20), dt.date(2023, 2, 28)])
def test_year_to_date_equals_an_independent_count(generated, as_of):
    figures = queries.ytd(as_of)
    start = dt.date(as_of.year, 1, 1)
    assert figures["as_of"] == as_of
    expected = expected_period(generated, start, as_of)
    assert {c: {k: figures[c][k] for k in ("accepted", "completed")} for c in expected} == expected
    assert figures["other"]["types"] == 9  # 其它九类


def test_january_counts_december_cases_completed_in_january(generated):
    january = queries.period(dt.date(2023, 1, 1), dt.date(2023, 1, 31))
    december_accepted_january_completed = 30
    assert january["permit"]["completed"] >= december_accepted_january_completed
    assert {c: {k: january[c][k] for k in ("accepted", "completed")} for c in ("permit", "public_service", "other")} \
        == expected_period(generated, dt.date(2023, 1, 1), dt.date(2023, 1, 31))
    ytd = queries.ytd(dt.date(2023, 1, 3))
    # The thirty acceptances of 31 December are not in 2023's year to date; their completions are.
    assert ytd["permit"]["completed"] >= 30
    assert ytd["permit"]["accepted"] == independent(generated, dt.date(2023, 1, 1), dt.date(2023, 1, 3),
                                                    category="permit", kind="accepted")
    dec = queries.ytd(dt.date(2022, 12, 31))
    assert dec["permit"]["accepted"] >= 30


def test_comprehensive_window_week_and_year_to_date(generated):
    monday, friday = queries.working_week(dt.date(2023, 1, 18))
    assert (monday, friday) == (dt.date(2023, 1, 16), dt.date(2023, 1, 20))
    for start, end in [(monday, friday), (dt.date(2023, 1, 1), dt.date(2023, 1, 20))]:
        expected = {k: independent(generated, start, end, window=True, kind=k)
                    for k in ("consulted", "accepted", "issued", "transferred")}
        assert queries.comprehensive_window(start, end) == expected
    assert queries.comprehensive_window_ytd(dt.date(2023, 1, 20)) == queries.comprehensive_window(
        dt.date(2023, 1, 1), dt.date(2023, 1, 20))


def test_totals_per_department_and_weekly_series(generated, departments):
    start, end = dt.date(2023, 1, 1), dt.date(2023, 2, 28)
    rows = queries.by_department(start, end)
    assert [r["department"] for r in rows] == [d.name for d in departments]
    for row, dept in zip(rows, departments):
        for kind in ("accepted", "completed"):
            assert row[kind] == sum(1 for k, at, d, _t, _w in generated
                                    if k == kind and d == dept and start <= beijing_day(at) <= end)
    series = queries.weekly_series(2023, "accepted", until=dt.date(2023, 2, 28))
    assert series[0]["start"] == dt.date(2023, 1, 1) and series[0]["end"] == dt.date(2023, 1, 1)  # a Sunday
    assert series[1]["start"] == dt.date(2023, 1, 2) and series[1]["end"] == dt.date(2023, 1, 8)
    assert series[-1]["end"] == dt.date(2023, 3, 5)
    assert sum(w["count"] for w in series) == independent(generated, dt.date(2023, 1, 1), dt.date(2023, 3, 5),
                                                          kind="accepted")
    totals = queries.totals(start, end)
    assert totals["rejected"] == independent(generated, start, end, kind="rejected")


def snapshot():
    return sorted(DailyCount.objects.values_list(
        "day", "department_id", "type_key", "kind", "comprehensive", "source", "power_type_id", "count"))


def test_rebuild_gives_identical_counters(generated):
    before = snapshot()
    assert before and len(before) < len(generated)
    assert services.rebuild() == len(before)
    assert snapshot() == before
    # A range: wipe January by hand, rebuild January only; December and February untouched.
    DailyCount.objects.filter(day__month=1).update(count=999)
    services.rebuild(dt.date(2023, 1, 1), dt.date(2023, 1, 31))
    assert snapshot() == before
    DailyCount.objects.all().delete()
    services.rebuild(dt.date(2022, 12, 31), dt.date(2023, 1, 1))
    assert {r[0] for r in snapshot()} == {dt.date(2022, 12, 31), dt.date(2023, 1, 1)}
    assert snapshot() == [r for r in before if r[0] in (dt.date(2022, 12, 31), dt.date(2023, 1, 1))]


def test_rebuild_keeps_imported_figures(generated, departments, types):
    services.import_daily_counts([{"day": dt.date(2023, 1, 5), "department": departments[0],
                                   "power_type": types["permit"], "kind": "accepted", "count": 1000}], "天府通办")
    before = queries.ytd(dt.date(2023, 1, 31))
    services.rebuild()
    assert queries.ytd(dt.date(2023, 1, 31)) == before
    assert before["permit"]["accepted"] == 1000 + independent(
        generated, dt.date(2023, 1, 1), dt.date(2023, 1, 31), category="permit", kind="accepted")


def test_new_year_half_past_midnight_in_beijing(departments, types, add_event, at):
    add_event("accepted", at(2023, 1, 1, 0, 30), departments[0], types["permit"])
    add_event("accepted", at(2022, 12, 31, 23, 59), departments[0], types["permit"])
    assert queries.ytd(dt.date(2023, 1, 1))["permit"]["accepted"] == 1
    assert queries.ytd(dt.date(2022, 12, 31))["permit"]["accepted"] == 1
    services.rebuild()
    assert sorted(DailyCount.objects.values_list("day", "count")) == [(dt.date(2022, 12, 31), 1), (dt.date(2023, 1, 1), 1)]
    services.rebuild(dt.date(2023, 1, 1), dt.date(2023, 1, 1))
    assert sorted(DailyCount.objects.values_list("day", "count")) == [(dt.date(2022, 12, 31), 1), (dt.date(2023, 1, 1), 1)]


@pytest.mark.parametrize("as_of", [dt.date(2023, 1, 1), dt.date(2023, 1, 20), dt.date(2023, 2, 24)])
def test_briefing_figures_in_one_pass_equal_the_separate_queries(generated, as_of):
    monday, _ = queries.working_week(as_of)
    ytd = queries.ytd(as_of)
    assert queries.briefing_figures(monday, as_of) == {
        "as_of": as_of, "permit": ytd["permit"], "public_service": ytd["public_service"], "other": ytd["other"],
        "comprehensive_window": {"week": queries.comprehensive_window(monday, as_of),
                                 "ytd": queries.comprehensive_window_ytd(as_of)},
    }
