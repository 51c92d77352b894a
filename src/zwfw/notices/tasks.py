"""The notices' background task (django-tasks): deliver what is due, then come back for the retries."""
from __future__ import annotations

from django_tasks import task

from . import services


@task(queue_name="notices")
def deliver_notices() -> dict:
    """Send every due notice; if some wait for a retry, enqueue this task again for when the first is due."""
    counts = services.deliver_due()
    retry_at = services.next_retry_at()
    if retry_at is not None and deliver_notices.get_backend().supports_defer:
        deliver_notices.using(run_after=retry_at).enqueue()
    return counts
