"""Fixtures for the statistics tests: departments and the seeded power types."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction

from zwfw.cases.models import CaseEvent
from zwfw.catalog.models import Department, Matter, PowerType
from zwfw.stats import services

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def departments(db):
    return [
        Department.objects.get_or_create(code=code, defaults={"name": name, "display_order": i})[0]
        for i, (code, name) in enumerate([("GA", "省公安厅"), ("SC", "省市场监管局"), ("RS", "省人力资源社会保障厅")])
    ]


@pytest.fixture
def types(db, departments):
    """{"permit": 行政许可, "public_service": 公共服务, "other": [other types]}; the catalogue has a matter
    of every type in force since 2022, so it counts nine other types (其它九类)."""
    for n, ptype in enumerate(PowerType.objects.all()):
        Matter.objects.create(code=f"T{n}", name=f"事项{n}", department=departments[n % len(departments)],
                              power_type=ptype, valid_from=dt.date(2022, 1, 1))
    return {
        "permit": PowerType.objects.get(category=PowerType.PERMIT),
        "public_service": PowerType.objects.get(category=PowerType.PUBLIC_SERVICE),
        "other": list(PowerType.objects.filter(category=PowerType.OTHER, in_use=True)),
    }


def local(y, m, d, hh=10, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


def append_event(kind, at, department, power_type=None, comprehensive=False):
    """Append an event the way the cases app does: the event and its counter in one transaction."""
    with transaction.atomic():
        event = CaseEvent.objects.create(
            kind=kind, at=at, department=department, power_type=power_type, window="comprehensive" if comprehensive else "department"
        )
        services.record(event)
    return event


@pytest.fixture
def add_event(db):
    """``add_event(kind, at, department, power_type=None, comprehensive=False)``."""
    return append_event


@pytest.fixture
def at():
    """``at(y, m, d, hh=10, mm=0)``: an Asia/Shanghai wall-clock time."""
    return local
