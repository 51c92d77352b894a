"""Fixtures for the hall tests: departments with windows, the comprehensive window, users."""
import datetime as dt
from decimal import Decimal as D

import pytest

from zwfw.accounts.models import Role, User
from zwfw.assessment.models import Rule, RuleSet, SourceMapping
from zwfw.catalog.models import Department
from zwfw.hall.models import Window


@pytest.fixture
def windows(db):
    made = {}
    for code, name, short, order, number in [("H-LCJ", "四川省林业和草原局", "省林草局", 21, "21"),
                                             ("H-YJJ", "四川省药品监督管理局", "省药监局", 22, "22"),
                                             ("H-SLT", "四川省水利厅", "水利厅", 12, "12")]:
        d = Department.objects.create(code=code, name=name, short_name=short, display_order=order)
        made[short] = Window.objects.create(department=d, number=number, name=f"{short}窗口")
    made["综合窗口"] = Window.objects.create(department=None, number="01", name="综合窗口")
    return made


@pytest.fixture
def staff(db):
    return User.objects.create_user(username="xunchá", password="pw-12345678", role=Role.CENTRE_STAFF,
                                    display_name="王巡查")


@pytest.fixture
def mapped_rules(db):
    rs = RuleSet.objects.create(version="2024", effective_from=dt.date(2024, 1, 1))
    Rule.objects.create(ruleset=rs, code="3.1", description="巡查发现问题", kind="deduction", points=D("0.5"))
    Rule.objects.create(ruleset=rs, code="5.1", description="受到通报表扬", kind="addition", points=D(1))
    SourceMapping.objects.create(source_kind="inspection_finding", rule_code="3.1")
    SourceMapping.objects.create(source_kind="commendation", rule_code="5.1")
    return rs
