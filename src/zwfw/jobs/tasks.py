"""The daily background jobs (django-tasks, queue ``daily``): ``zwfw jobs enqueue-daily`` queues them all.

Each is idempotent, so a second run on the same day (cron retried, two hosts) changes nothing twice.
Dates travel as ISO strings (task arguments are JSON).
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task


def _day(day: str | None) -> dt.date:
    return dt.date.fromisoformat(day) if day else timezone.localdate()


@task(queue_name="daily")
def scan_overdue(day: str | None = None) -> dict:
    """The law accepts the cases nobody decided on in time (art. 32); overdue cases propose deductions."""
    from zwfw.cases.clockwork import accept_deemed
    from zwfw.cases.overdue import propose_overdue

    today = _day(day)
    return {"deemed_accepted": accept_deemed(today), "proposed": propose_overdue(today)}


@task(queue_name="daily")
def remind_licences(day: str | None = None) -> dict:
    """A reminder before a licence expires (``ZWFW_LICENCE_REMINDER_DAYS``), once per licence."""
    from zwfw.notices.services import remind_expiring_licences

    return {"reminded": remind_expiring_licences(_day(day))}


@task(queue_name="daily")
def deem_renewals(day: str | None = None) -> dict:
    """Renewals applied for in time and undecided at expiry are deemed granted (art. 50)."""
    from zwfw.licences.services import deem_renewals as _deem

    return {"deemed_renewed": len(_deem(on=_day(day)))}


@task(queue_name="daily")
def rebuild_stats(day: str | None = None) -> dict:
    """Recount the platform's daily figures of last month and this month from the event log."""
    from zwfw.stats.services import rebuild

    today = _day(day)
    start = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return {"rows": rebuild(start, today), "from": start.isoformat(), "to": today.isoformat()}


@task(queue_name="notices")
def sweep_notices() -> dict:
    """Deliver whatever is still due (a safety net if a wake-up after a step was lost)."""
    from zwfw.notices.services import deliver_due

    return deliver_due()


DAILY = [scan_overdue, remind_licences, deem_renewals, rebuild_stats]


def enqueue_daily(day: dt.date | None = None) -> list:
    """Queue the day's jobs for the worker; their results (one per job)."""
    iso = (day or timezone.localdate()).isoformat()
    return [job.enqueue(iso) for job in DAILY] + [sweep_notices.enqueue()]
