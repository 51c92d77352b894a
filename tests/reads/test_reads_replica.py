"""Reports from a replica: DATABASE_REPLICA_URL adds a ``replica`` alias; dashboards, statistics and briefing
composition read there, everything else (and every write) uses the primary.

The end-to-end tests point the alias at the test database through a second connection (as CI would point it
at a replica of the same data) and commit their rows (``transaction=True``): a replica sees committed rows.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import connections, transaction
from django.db.utils import load_backend
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zwfw.dbrouter import REPLICA, ReplicaRouter, report_alias, reporting
from zwfw.settings import databases_from_env


def test_without_the_variable_there_is_no_replica_and_reports_read_the_primary():
    assert set(databases_from_env({"DATABASE_URL": "postgres://u@h:5432/zwfw"})) == {"default"}
    assert REPLICA not in connections.settings
    with reporting():
        assert report_alias() == "default"


def test_the_variable_adds_a_replica_that_mirrors_default_in_tests():
    databases = databases_from_env({"DATABASE_URL": "postgres://u@primary:5432/zwfw",
                                    "DATABASE_REPLICA_URL": "postgres://ro@replica:5432/zwfw"})
    assert databases["replica"]["HOST"] == "replica" and databases["default"]["HOST"] == "primary"
    assert databases["replica"]["TEST"] == {"MIRROR": "default"}


@pytest.fixture
def replica(django_db_setup):
    """A ``replica`` alias on a second connection to the test database (what DATABASE_REPLICA_URL set to the
    primary's own address gives), removed afterwards.

    Added while the test runs, not in settings: with the alias in the suite's settings every transactional
    test that shows a dashboard would have to list it in ``databases``. The connection is made under its own
    name so Django's test isolation counts it as one the test opened itself."""
    settings_dict = dict(connections.settings["default"]) | {"TEST": {"MIRROR": "default"}}
    connection = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="replica (test)")
    connections.settings[REPLICA] = settings_dict
    connections[REPLICA] = connection
    try:
        yield connection
    finally:
        connection.close()
        del connections[REPLICA]
        del connections.settings[REPLICA]


@pytest.mark.django_db(transaction=True)
def test_reports_read_the_replica_and_nothing_else_does(replica):
    from zwfw.stats.models import DailyCount

    router = ReplicaRouter()
    assert report_alias() == "default" and router.db_for_read(DailyCount) == "default"
    with reporting():
        assert router.db_for_read(DailyCount) == REPLICA
        assert router.db_for_write(DailyCount) == "default"  # writes never go to the replica
        with transaction.atomic():
            assert report_alias() == "default"  # in a transaction on the primary: read your own writes
    assert report_alias() == "default"  # the block is undone on exit
    assert router.allow_migrate(REPLICA, "stats") is False and router.allow_migrate("default", "stats") is True


def _leader_hall():
    from zwfw.accounts.models import User
    from zwfw.catalog.models import Department, PowerType
    from zwfw.stats.models import DailyCount

    permit = PowerType.objects.filter(category=PowerType.PERMIT).first() or PowerType.objects.create(
        code="XK", name="行政许可", category=PowerType.PERMIT)
    dept = Department.objects.create(code="lcj", name="省林草局", short_name="林草局", display_order=1)
    today = timezone.localdate()
    DailyCount.objects.create(day=today, department=dept, power_type=permit, type_key=permit.pk, kind="accepted",
                              comprehensive=False, source="platform", count=7)
    leader = User.objects.create_user("lingdao", password="x" * 12, role="leader")
    return leader, today


@pytest.mark.django_db(transaction=True)
def test_the_leaders_dashboard_reads_its_figures_from_the_replica(replica, settings):
    settings.ZWFW_DASHBOARD_CACHE_SECONDS = 0
    leader, _today = _leader_hall()
    client = Client()
    client.force_login(leader)
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(replica) as read:
        body = client.get("/").content.decode()
    assert "省林草局" in body
    on_replica = " ".join(q["sql"] for q in read.captured_queries)
    on_primary = " ".join(q["sql"] for q in primary.captured_queries)
    assert "stats_dailycount" in on_replica and "stats_dailycount" not in on_primary
    assert "django_session" in on_primary and "django_session" not in on_replica  # the request itself: primary


@pytest.mark.django_db(transaction=True)
def test_statistics_api_reads_the_replica_and_a_write_in_a_report_goes_to_the_primary(replica):
    from zwfw.stats.models import DailyCount

    leader, today = _leader_hall()
    client = Client()
    client.force_login(leader)
    with CaptureQueriesContext(replica) as read:
        r = client.get("/api/stats/ytd", {"date": today.isoformat()})
    assert r.status_code == 200 and r.json()["permit"]["accepted"] == 7
    assert any("stats_dailycount" in q["sql"] for q in read.captured_queries)
    row = DailyCount.objects.get()
    with reporting(), CaptureQueriesContext(replica) as read, CaptureQueriesContext(connections["default"]) as primary:
        row.count = 8
        row.save(update_fields=["count"])
    assert not read.captured_queries and any("UPDATE" in q["sql"] for q in primary.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_briefing_composition_reads_the_replica(replica):
    from zwfw.briefing.layouts import SectionSpec
    from zwfw.briefing.sources import gather

    _leader, today = _leader_hall()
    with CaptureQueriesContext(replica) as read:
        data = gather(today - dt.timedelta(days=4), today, [SectionSpec(kind="provincial_statistics")])
    assert data.provincial["permit"]["accepted"] == 7
    assert any("stats_dailycount" in q["sql"] for q in read.captured_queries)
