"""The daily jobs: `zwfw jobs enqueue-daily` queues them in the database, the worker runs them, each does the
existing work (overdue scan, licence reminders, renewals, stats rebuild) and a second run changes nothing twice."""
import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tasks_db.models import DBTaskResult

from zwfw.assessment.models import Entry, Rule, RuleSet, SourceMapping
from zwfw.licences import services as licences
from zwfw.licences.models import LicenceKind
from zwfw.notices.models import Notice
from zwfw.stats.models import DailyCount


@pytest.fixture
def day_of_work(hall, open_case, walk, at):
    """A case accepted on 2026-03-02 and never decided (overdue by 2026-03-20), and a licence expiring soon."""
    rs = RuleSet.objects.create(version="2026", effective_from=dt.date(2026, 1, 1))
    Rule.objects.create(ruleset=rs, code="K06", description="办件超过承诺办结时限", kind="deduction", points=1)
    SourceMapping.objects.create(source_kind="overdue_case", rule_code="K06")
    late = open_case("seed", "forest_clerk", at(2026, 3, 2))
    walk(late, "accept", "forest_clerk", at(2026, 3, 2))
    licence = licences.issue(kind=LicenceKind.objects.get(name="食品经营许可证"), holder=hall.applicants["person"],
                             department=hall.dept["省市场监管局"], actor=hall.users["market_clerk"], at=at(2021, 4, 1))
    assert dt.date(2026, 3, 20) < licence.valid_until <= dt.date(2026, 5, 19)
    return late, licence


@pytest.mark.django_db(transaction=True)
def test_enqueue_daily_then_the_database_worker_runs_every_job(day_of_work):
    late, licence = day_of_work
    DBTaskResult.objects.all().delete()  # the wake-ups of the steps above
    out = StringIO()
    call_command("jobs", "enqueue-daily", "--date", "2026-03-20", stdout=out)
    assert "共排入 5 项任务" in out.getvalue()
    queued = dict(DBTaskResult.objects.values_list("task_path", "queue_name"))
    assert queued == {"zwfw.jobs.tasks.scan_overdue": "daily", "zwfw.jobs.tasks.remind_licences": "daily",
                      "zwfw.jobs.tasks.deem_renewals": "daily", "zwfw.jobs.tasks.rebuild_stats": "daily",
                      "zwfw.jobs.tasks.sweep_notices": "notices"}
    call_command("db_worker", queue_name="*", batch=True, reload=False, startup_delay=False, interval=0,
                 stdout=StringIO())
    results = {r.task_path.rsplit(".", 1)[1]: r for r in DBTaskResult.objects.all()}
    assert {name: r.status for name, r in results.items()} == dict.fromkeys(
        ["scan_overdue", "remind_licences", "deem_renewals", "rebuild_stats", "sweep_notices"], "SUCCESSFUL") | {
        "deliver_notices": "SUCCESSFUL"}  # the reminders woke the delivery task
    assert results["scan_overdue"].return_value == {"deemed_accepted": 0, "proposed": 1}
    assert results["remind_licences"].return_value == {"reminded": 1}
    assert Entry.objects.get().evidence.count(late.number) == 1
    assert Notice.objects.filter(licence=licence).count() == 2
    assert DailyCount.objects.filter(kind="accepted", day=dt.date(2026, 3, 2)).exists()


def test_run_daily_does_the_work_in_process_and_is_idempotent(day_of_work):
    call_command("jobs", "run-daily", "--date", "2026-03-20", stdout=StringIO())
    out = StringIO()
    call_command("jobs", "run-daily", "--date", "2026-03-20", stdout=out)
    assert "scan_overdue：" in out.getvalue()
    assert "remind_licences：{'reminded': 0}" in out.getvalue()
    assert Entry.objects.count() == 1 and Notice.objects.filter(licence__isnull=False).count() == 2


def test_deliver_sends_what_is_due_now(day_of_work):
    out = StringIO()
    call_command("jobs", "deliver", stdout=out)
    # the case is the organisation's: its two SMS are skipped (a landline), its two portal messages sent
    assert "{'sent': 2, 'queued': 0, 'failed': 0, 'skipped': 2}" in out.getvalue()


def test_a_bad_date_is_refused_in_chinese(db):
    with pytest.raises(CommandError, match="日期格式不正确"):
        call_command("jobs", "enqueue-daily", "--date", "2026-13-40")
