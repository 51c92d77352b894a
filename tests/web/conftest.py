"""A small hall for the home-page tests: two department windows, users of every role,
open cases around their deadlines, a year of daily counters, last month's scores.

Rows are written directly: these tests read, and the apps' own tests cover their writers.
"""
import datetime as dt
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from zwfw.accounts.models import Role, User
from zwfw.catalog import services as catalog
from zwfw.catalog.models import Department, PowerType
from zwfw.identifiers import make_uscc, resident_id_check_char

SHANGHAI = ZoneInfo("Asia/Shanghai")
PASSWORD = "zwfw-test-2026"


def uscc(first17):
    return make_uscc(first17[:16])


class WebHall:
    def __init__(self):
        self.dept, self.users, self.today = {}, {}, timezone.localdate()
        self.password = PASSWORD


def _cases(hall, item, dept, applicant, specs, comprehensive=False, prefix="A"):
    from zwfw.cases.models import Case

    for n, (status, due_offset) in enumerate(specs):
        Case.objects.create(
            number=f"WEB{prefix}{n:04d}", item=item, department=dept, applicant=applicant, status=status,
            applied_at=timezone.now() - dt.timedelta(days=20), accepted_on=hall.today - dt.timedelta(days=20),
            promised_due=None if due_offset is None else hall.today + dt.timedelta(days=due_offset),
            at_comprehensive_window=comprehensive,
        )


def _counters(hall):
    """A year of weekly-varying counters up to today, for both departments."""
    from zwfw.stats.models import DailyCount

    permit = PowerType.objects.get(category=PowerType.PERMIT)
    public = PowerType.objects.get(category=PowerType.PUBLIC_SERVICE)
    rows, day = [], dt.date(hall.today.year, 1, 1)
    while day <= hall.today:
        if day.weekday() < 5:
            wave = 10 + (day.timetuple().tm_yday // 7) % 6
            for i, dept in enumerate(hall.dept.values()):
                for kind, n in (("accepted", wave + 2 * i), ("completed", wave + i)):
                    rows.append(DailyCount(day=day, department=dept, power_type=permit, type_key=permit.pk,
                                           kind=kind, count=n))
                    rows.append(DailyCount(day=day, department=dept, power_type=public, type_key=public.pk,
                                           kind=kind, count=3 * n))
            dept = hall.dept["省林草局"]
            rows.append(DailyCount(day=day, department=dept, kind="consulted", comprehensive=True, count=7))
            for kind, n in (("accepted", 3), ("issued", 4), ("transferred", 5)):
                rows.append(DailyCount(day=day, department=dept, power_type=permit, type_key=permit.pk,
                                       kind=kind, comprehensive=True, count=n))
        day += dt.timedelta(days=1)
    DailyCount.objects.bulk_create(rows)


def _scores(hall):
    from zwfw.assessment.models import Entry, Rule, RuleSet

    rs = RuleSet.objects.create(version="web-test", effective_from=dt.date(2020, 1, 1))
    minus = Rule.objects.create(ruleset=rs, code="3.2", description="办件超期", kind="deduction", points=D("1"))
    plus = Rule.objects.create(ruleset=rs, code="5.1", description="受到通报表扬", kind="addition", points=D("2"))
    last_month = (hall.today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    Entry.objects.create(department=hall.dept["省林草局"], month=last_month, rule=plus, points=D("2"),
                         date=last_month, evidence="省政府办公厅通报表扬", status=Entry.CONFIRMED)
    Entry.objects.create(department=hall.dept["省卫生健康委"], month=last_month, rule=minus, points=D("1"),
                         date=last_month, evidence="1 件办件超期", status=Entry.CONFIRMED)
    # Waiting for centre staff: one proposal per window.
    for dept in hall.dept.values():
        Entry.objects.create(department=dept, month=hall.today.replace(day=1), rule=minus, points=D("1"),
                             date=hall.today, evidence="巡查发现未按时到岗", status=Entry.PROPOSED)


@pytest.fixture
def web_hall(db):
    from zwfw.cases.models import Applicant

    hall = WebHall()
    for code, name, short, order in [("W-LCJ", "四川省林业和草原局", "省林草局", 21),
                                     ("W-WJW", "四川省卫生健康委员会", "省卫生健康委", 16),
                                     ("W-DZJ", "四川地震局", "四川地震局", 27)]:
        hall.dept[short] = Department.objects.create(code=code, name=name, short_name=short, display_order=order,
                                                     uscc=uscc(f"11510000{order:02d}0869001"[:17]))
    permit = PowerType.objects.get(category=PowerType.PERMIT)
    start = dt.date(2022, 1, 1)
    items = {}
    for short, code, name in [("省林草局", "W-LC-010", "林草种子生产经营许可证核发"),
                              ("省卫生健康委", "W-WJ-010", "医疗机构执业登记")]:
        catalog.add_matter(department=hall.dept[short], code=code, name=name, power_type=permit, valid_from=start,
                           items=[{"code": f"{code}-01", "name": name, "statutory_days": 20, "promised_days": 10}])
        from zwfw.catalog.models import HandlingItem

        items[short] = HandlingItem.objects.get(code=f"{code}-01")
    for username, role, dept in [("zhongxin", Role.CENTRE_STAFF, None), ("lingdao", Role.LEADER, None),
                                 ("zongchuang", Role.COMPREHENSIVE_CLERK, None),
                                 ("lcj", Role.DEPARTMENT_CLERK, "省林草局"), ("lcj-shenpi", Role.APPROVER, "省林草局"),
                                 ("wjw", Role.DEPARTMENT_CLERK, "省卫生健康委"), ("shenqingren", Role.APPLICANT, None)]:
        hall.users[username] = User.objects.create_user(
            username=username, password=PASSWORD, role=role, department=hall.dept.get(dept),
            display_name={"lingdao": "李主任", "zhongxin": "王平台"}.get(username, ""))
    first17 = "51010819900307123"
    applicant = Applicant.objects.create(kind=Applicant.PERSON, name="张三", id_number=first17 + resident_id_check_char(first17),
                                         user=hall.users["shenqingren"])
    # 省林草局: 4 open (1 overdue, 1 due today = warning, 1 comfortable, 1 suspended past due) and 1 completed.
    _cases(hall, items["省林草局"], hall.dept["省林草局"], applicant,
           [("reviewing", -5), ("accepted", 0), ("transferred", 40), ("suspended", -2), ("completed", -30)])
    # 省卫生健康委: 6 open, 3 overdue, at the comprehensive window.
    _cases(hall, items["省卫生健康委"], hall.dept["省卫生健康委"], applicant,
           [("reviewing", -1), ("reviewing", -3), ("accepted", -8), ("accepted", 30), ("applied", None),
            ("transferred", 25)], comprehensive=True, prefix="B")
    _counters(hall)
    _scores(hall)
    return hall


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client
    return _login
