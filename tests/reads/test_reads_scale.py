"""Reads whose cost follows the page, not the table: scoping in SQL, keyset cursors, sargable date ranges,
the leader's figures computed once and kept for a minute."""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zwfw.accounts.models import User

from .growth import grow


def client_for(username: str) -> Client:
    c = Client(raise_request_exception=False)
    c.force_login(User.objects.get(username=username))
    return c


def walk(client: Client, url: str, limit: int, **extra) -> tuple[list, int]:
    """Every row of a cursor-paged list, and the number of pages."""
    rows, pages, params = [], 0, {"limit": limit, **extra}
    while True:
        r = client.get(url, params)
        assert r.status_code == 200, r.content
        rows += r.json()
        pages += 1
        if "X-Next-Cursor" not in r:
            return rows, pages
        assert 'rel="next"' in r["Link"]
        params = {"limit": limit, "cursor": r["X-Next-Cursor"], **extra}


@pytest.mark.django_db
@pytest.mark.parametrize("url, extra", [("/api/licences/", {}), ("/api/credit/listings", {}),
                                        ("/api/feedback/rectifications", {"open_only": "false"})])
def test_long_lists_walk_by_cursor_every_row_once_newest_first(demo_hall, url, extra):
    from zwfw.cases.models import Case

    grow(15, case_number=Case.objects.filter(department__code="lcj").first().number)
    centre = client_for("zhongxin")
    everything = centre.get(url, {"limit": 1000, **extra}).json()
    rows, pages = walk(centre, url, 7, **extra)
    assert [r["id"] for r in rows] == [r["id"] for r in everything] == sorted((r["id"] for r in rows), reverse=True)
    assert len(rows) > 14 and pages == -(-len(rows) // 7)
    r = centre.get(url, {"cursor": "abc"})
    assert r.status_code == 400 and r.json()["field"] == "cursor"


@pytest.mark.django_db
def test_deemed_accepted_is_scoped_in_sql_and_paged(demo_hall):
    from zwfw.cases.models import Case

    grow(9, case_number=Case.objects.filter(department__code="lcj").first().number)
    lcj = client_for("lcj")
    with CaptureQueriesContext(connection) as q:
        r = lcj.get("/api/cases/deemed-accepted", {"limit": 4})
    assert r.status_code == 200 and r.json() and "X-Next-Cursor" in r
    on_cases = [s["sql"] for s in q.captured_queries if 'FROM "cases_case"' in s["sql"]]
    assert on_cases and all('"department_id" =' in s and "LIMIT 5" in s for s in on_cases)  # no list of numbers
    rows, _pages = walk(lcj, "/api/cases/deemed-accepted", 4)
    numbers = {r["number"] for r in rows}
    dept = {c.department.code for c in Case.objects.filter(number__in=numbers).select_related("department")}
    assert dept == {"lcj"} and len(numbers) == len(rows) > 4
    everyone = {r["number"]: r["department"] for r in walk(client_for("zhongxin"), "/api/cases/deemed-accepted", 50)[0]}
    assert numbers == {n for n, d in everyone.items() if d == "省林草局"} and len(everyone) > len(numbers)


@pytest.mark.django_db
def test_satisfaction_asks_a_range_on_rated_at_not_a_date_of_every_row(demo_hall):
    from zwfw.feedback.models import Rating
    from zwfw.feedback.queries import satisfaction

    today = timezone.localdate()
    with CaptureQueriesContext(connection) as q:
        rate = satisfaction(dt.date(today.year, 1, 1), today)
    sql = " ".join(s["sql"] for s in q.captured_queries)
    assert '"rated_at" >=' in sql and '"rated_at" <' in sql
    assert "cast_date" not in sql and "AT TIME ZONE" not in sql  # SQLite's / PostgreSQL's per-row date
    # The same figures as the days of every rating, counted here.
    start = dt.date(today.year, 1, 1)
    assert rate.ratings.total == sum(1 for r in Rating.objects.all() if start <= timezone.localdate(r.rated_at) <= today)


@pytest.mark.django_db
def test_a_rating_at_midnight_belongs_to_its_own_day(demo_hall):
    from zwfw.feedback.models import Rating
    from zwfw.feedback.queries import satisfaction

    rating = Rating.objects.order_by("id").first()
    day = dt.date(2020, 3, 2)
    midnight = timezone.make_aware(dt.datetime(2020, 3, 2, 0, 0))
    Rating.objects.filter(pk=rating.pk).update(rated_at=midnight)
    assert satisfaction(day, day).ratings.total == 1
    assert satisfaction(day - dt.timedelta(days=1), day - dt.timedelta(days=1)).ratings.total == 0
    Rating.objects.filter(pk=rating.pk).update(rated_at=midnight - dt.timedelta(microseconds=1))
    assert satisfaction(day, day).ratings.total == 0


@pytest.mark.django_db
def test_the_leaders_figures_are_read_once_then_kept_for_a_minute(demo_hall, settings):
    settings.ZWFW_DASHBOARD_CACHE_SECONDS = 60
    leader = client_for("lingdao")
    with CaptureQueriesContext(connection) as first:
        body = leader.get("/").content.decode()
    counters = [s["sql"] for s in first.captured_queries if "stats_dailycount" in s["sql"]]
    # The year so far with the window's week and year; departments with their week; the chart's two series.
    assert len(counters) == 3, counters
    with CaptureQueriesContext(connection) as second:
        again = leader.get("/").content.decode()
    assert again.split("<main", 1)[1] == body.split("<main", 1)[1]  # the same page (the CSRF token differs)
    assert not [s for s in second.captured_queries if "stats_dailycount" in s["sql"]]
    assert len(second.captured_queries) <= 3  # the session, the user, nothing of the hall's figures
