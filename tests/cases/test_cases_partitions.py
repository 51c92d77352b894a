"""The events table partitioned by month on PostgreSQL; one plain table on SQLite."""
import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection

from zwfw.cases import partitions as p
from zwfw.cases import services
from zwfw.cases.models import CaseEvent

pytestmark = pytest.mark.django_db


def _partition_of(event_id: int) -> str:
    with connection.cursor() as cur:
        cur.execute("SELECT tableoid::regclass::text FROM cases_caseevent WHERE id = %s", [event_id])
        return cur.fetchone()[0]


def _apply(hall, when):
    return services.apply(item=hall.items["food"], applicant=hall.applicants["org"], actor=hall.users["comp"],
                          at=when, provided=["食品经营许可申请书", "营业执照复印件", "法定代表人身份证"])


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("按月分区只在 PostgreSQL 上（SQLite 不分区）")


def test_months_count_across_years():
    assert p.Month(2026, 11).plus(3) == p.Month(2027, 2)
    assert p.Month(2026, 1).plus(-1) == p.Month(2025, 12)
    assert [m.name for m in p.months_between(p.Month(2026, 11), p.Month(2027, 1))] == [
        "cases_caseevent_y2026m11", "cases_caseevent_y2026m12", "cases_caseevent_y2027m01"]
    assert p.Month(2027, 1).start() == "2027-01-01 00:00:00+08:00"  # the hall's midnight, not UTC's


def test_sqlite_stays_one_plain_table(hall):
    if connection.vendor == "postgresql":
        pytest.skip("SQLite 的行为")
    assert not p.is_partitioned() and p.partitions() == []
    assert p.ensure_ahead(dt.date(2026, 12, 7)) == []


def test_events_land_in_their_month_and_the_key_carries_the_time(hall, at, postgres_only):
    assert p.is_partitioned()
    with connection.cursor() as cur:
        cur.execute("SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = 'cases_caseevent'::regclass AND contype = 'p'")
        assert cur.fetchone()[0] == "PRIMARY KEY (id, at)"
    p.ensure_months(p.Month(2026, 3), p.Month(2026, 3))
    case = _apply(hall, at(2026, 3, 2))
    event = CaseEvent.objects.filter(case=case).first()
    assert _partition_of(event.pk) == "cases_caseevent_y2026m03"
    # Midnight of the 1st in the hall's time zone belongs to the new month (UTC would say the old one).
    p.ensure_months(p.Month(2026, 4), p.Month(2026, 4))
    first_of_april = dt.datetime(2026, 4, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    late = CaseEvent.objects.create(case=case, kind=event.kind, at=first_of_april, department=event.department)
    assert _partition_of(late.pk) == "cases_caseevent_y2026m04"
    assert CaseEvent.objects.get(pk=late.pk).at == first_of_april  # found by id alone, as Django does


def test_a_month_created_late_takes_its_rows_from_the_default_partition(hall, at, postgres_only):
    far = p.Month(2011, 5)
    assert far.name not in p.partitions()
    case = _apply(hall, at(2026, 3, 2))
    event = CaseEvent.objects.filter(case=case).first()
    pushed = CaseEvent.objects.create(case=case, kind=event.kind, department=event.department,
                                      at=dt.datetime(2011, 5, 20, 9, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert _partition_of(pushed.pk) == p.DEFAULT_PARTITION
    rows = sorted(CaseEvent.objects.values_list("id", "at"))
    assert p.ensure_months(far, far) == [far.name]
    assert _partition_of(pushed.pk) == far.name
    assert sorted(CaseEvent.objects.values_list("id", "at")) == rows  # moved, none lost or doubled
    assert p.ensure_months(far, far) == []  # idempotent


def test_the_job_creates_months_ahead_once(postgres_only):
    created = p.ensure_ahead(dt.date(2031, 6, 15), ahead=2)
    assert created == ["cases_caseevent_y2031m06", "cases_caseevent_y2031m07", "cases_caseevent_y2031m08"]
    assert p.ensure_ahead(dt.date(2031, 6, 15), ahead=2) == []


def test_converting_keeps_every_row_id_index_and_foreign_key(hall, at, postgres_only):
    case = _apply(hall, at(2026, 3, 2))
    services.accept(case, actor=hall.users["comp"], version=case.version, at=at(2026, 3, 2, 11))
    before = list(CaseEvent.objects.order_by("id").values_list("id", "case_id", "kind", "at"))
    with connection.cursor() as cur:
        cur.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'cases_caseevent' ORDER BY 1")
        indexes = [r[0] for r in cur.fetchall()]
    p.unpartition_table()
    assert not p.is_partitioned()
    assert list(CaseEvent.objects.order_by("id").values_list("id", "case_id", "kind", "at")) == before
    p.partition_table(today=dt.date(2026, 12, 7))
    assert p.is_partitioned()
    assert list(CaseEvent.objects.order_by("id").values_list("id", "case_id", "kind", "at")) == before
    with connection.cursor() as cur:
        cur.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'cases_caseevent' ORDER BY 1")
        assert [r[0] for r in cur.fetchall()] == indexes
        cur.execute("SELECT count(*) FROM pg_constraint WHERE conrelid = 'cases_caseevent'::regclass AND contype = 'f'")
        assert cur.fetchone()[0] == 4  # case, actor, department, power type
    # New rows continue the numbering after the copied ones.
    fresh = CaseEvent.objects.create(case=case, kind=before[0][2], at=before[0][3], department=case.department)
    assert fresh.pk > max(row[0] for row in before)
    assert "cases_caseevent_y2026m03" in p.partitions()


def test_the_command_lists_and_creates(capsys, postgres_only):
    call_command("events", "partitions", "--from", "2032-01", "--ahead", "0")
    call_command("events", "partitions", "--list")
    out = capsys.readouterr().out
    assert p.DEFAULT_PARTITION in out
