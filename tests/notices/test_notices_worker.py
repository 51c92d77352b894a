"""End to end on the real database backend: a step commits → the delivery task is enqueued in the database →
the package's worker (`zwfw db_worker --batch`) runs it → the notices are sent and the delivery recorded."""
import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from zwfw.notices.models import DeliveryAttempt, Notice, Status


@pytest.mark.django_db(transaction=True)
def test_a_step_enqueues_delivery_and_the_database_worker_sends_it(hall, open_case, walk, at, recording, settings):
    assert settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    case = open_case("forest", "forest_clerk", at(2026, 3, 2, 9), applicant="person")  # its own transaction
    walk(case, "accept", "forest_clerk", at(2026, 3, 2, 10))                             # and another
    waiting = DBTaskResult.objects.filter(task_path="zwfw.notices.tasks.deliver_notices", status="READY")
    assert waiting.count() == 2 and set(waiting.values_list("queue_name", flat=True)) == {"notices"}
    assert set(Notice.objects.values_list("status", flat=True)) == {Status.QUEUED}
    out = io.StringIO()
    call_command("db_worker", queue_name="*", batch=True, reload=False, startup_delay=False, interval=0, stdout=out)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert set(Notice.objects.filter(case=case).values_list("status", flat=True)) == {Status.SENT}
    assert DeliveryAttempt.objects.filter(notice__case=case, ok=True).count() == 4
    assert [phone for phone, _, _ in recording.sent] == ["13812345678", "13812345678"]
