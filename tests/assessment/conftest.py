"""Fixtures for the assessment tests: hall departments, a rule set with source mappings, users."""
import datetime as dt
from decimal import Decimal as D

import pytest

from zwfw.accounts.models import Role, User
from zwfw.assessment.models import Rule, RuleSet, SourceMapping
from zwfw.catalog.models import Department

DEPARTMENTS = [("T-FGW", "四川省发展和改革委员会", "省发展改革委", 1),
               ("T-SFT", "四川省司法厅", "司法厅", 2),
               ("T-SLT", "四川省水利厅", "水利厅", 3),
               ("T-LCJ", "四川省林业和草原局", "省林草局", 4)]


@pytest.fixture
def depts(db):
    return {short: Department.objects.create(code=code, name=name, short_name=short, display_order=order)
            for code, name, short, order in DEPARTMENTS}


@pytest.fixture
def rules(db):
    rs = RuleSet.objects.create(version="2023", effective_from=dt.date(2023, 1, 1))
    made = {code: Rule.objects.create(ruleset=rs, code=code, description=desc, kind=kind, points=D(p),
                                      monthly_cap=D(cap) if cap else None)
            for code, desc, kind, p, cap in [
                ("3.1", "巡查发现窗口工作人员未按时到岗、着装不规范等", "deduction", "0.5", "2"),
                ("3.2", "办件超期", "deduction", "1", None),
                ("3.3", "收到差评且核实属实", "deduction", "1", None),
                ("5.1", "窗口或个人受到上级通报表扬", "addition", "1", "2"),
            ]}
    for kind, code in [("inspection_finding", "3.1"), ("overdue_case", "3.2"), ("bad_rating", "3.3"),
                       ("commendation", "5.1")]:
        SourceMapping.objects.create(source_kind=kind, rule_code=code)
    return made


def make_user(role, department=None, name="user"):
    return User.objects.create_user(username=f"{name}-{role}", password="pw-12345678", role=role,
                                    department=department)


@pytest.fixture
def staff(db):
    return make_user(Role.CENTRE_STAFF, name="staff")


@pytest.fixture
def clerk(depts):
    return make_user(Role.DEPARTMENT_CLERK, depts["水利厅"], name="slt")
