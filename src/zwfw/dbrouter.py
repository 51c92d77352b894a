"""Reports from a replica: dashboards, statistics and briefing composition read from ``replica`` when it is set.

Design
------
Two aliases: ``default`` (the primary) and, when ``DATABASE_REPLICA_URL`` is set, ``replica`` (a streaming
replica of the primary; settings give it ``TEST: {"MIRROR": "default"}`` so the test run creates no second
database). Without the variable there is no ``replica`` alias and everything below is a no-op.

Which reads go to the replica is decided by the *code that reads*, not by the model: the same ``DailyCount``
or ``Case`` table is read for a report (a second of lag is harmless) and for a lifecycle step (it must see
the latest row). So report code says so, around its reads::

    with reporting():
        figures = stats.ytd(today)

``reporting()`` sets a context variable (so it holds across nested calls, threads of its own and async
tasks, and is undone on exit, exceptions included); ``ReplicaRouter.db_for_read`` sends every read made
inside it to ``replica``. Outside it, and for every write (``db_for_write`` is always ``default``), the
primary answers. Two rules keep it safe:

- Read your own writes: inside a transaction on the primary (``connection.in_atomic_block``), reads stay on
  the primary even within ``reporting()`` — a report composed in the transaction that saves it (a briefing
  draft) sees what that transaction wrote, and a test wrapped in a transaction sees its own rows.
- Writes never reach the replica: ``db_for_write`` answers ``default``, ``allow_migrate`` refuses
  ``replica`` (its schema comes from the primary by replication). A row read from the replica and saved is
  written to the primary (Django asks the router for the write alias).

The readers wrapped: the role dashboards (web.dashboards), the statistics API (stats.api) and briefing
composition (briefing.sources.gather). Nothing else changes: pages, lists and every service read the primary.
"""
from __future__ import annotations

import contextlib
import contextvars

from django.db import connections

REPLICA = "replica"
_reporting: contextvars.ContextVar[bool] = contextvars.ContextVar("zwfw_reporting", default=False)


def replica_configured() -> bool:
    return REPLICA in connections.settings


def report_alias() -> str:
    """Where a report's read goes now: ``replica`` inside ``reporting()`` when it is configured and the
    primary is not in a transaction; ``default`` otherwise."""
    if _reporting.get() and replica_configured() and not connections["default"].in_atomic_block:
        return REPLICA
    return "default"


@contextlib.contextmanager
def reporting():
    """Reads inside go to the replica (see the module's docstring)."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


class ReplicaRouter:
    """DATABASE_ROUTERS entry: reports read from the replica, everything else uses the primary."""

    def db_for_read(self, model, **hints):
        return report_alias()

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, replicated: a row from either alias relates to any other

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
