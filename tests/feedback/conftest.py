"""Two department windows, an applicant with a portal login, completed cases created directly."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from zwfw.accounts.models import User
from zwfw.cases.models import Applicant, Case, CaseEvent, CaseStatus
from zwfw.catalog.models import Department, HandlingItem, Matter, PowerType
from zwfw.identifiers import resident_id_check_char

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def hall(db):
    permit = PowerType.objects.get(name="行政许可")
    sj = Department.objects.create(code="SCSJJ", name="四川省市场监督管理局", short_name="省市场监管局")
    lc = Department.objects.create(code="SCLCJ", name="四川省林业和草原局", short_name="省林草局")
    matter = Matter.objects.create(code="510000-SJ-100", name="食品经营许可", department=sj, power_type=permit,
                                   valid_from=dt.date(2022, 1, 1))
    item = HandlingItem.objects.create(matter=matter, code="510000-SJ-100-01", name="食品经营许可（新办）",
                                       statutory_days=20, promised_days=10, valid_from=dt.date(2022, 1, 1))
    body = "51010419850312123"
    login = User.objects.create_user("zhang", password="pw-12345678", role="applicant", display_name="张小三")
    person = Applicant.objects.create(kind=Applicant.PERSON, name="张小三", id_number=body + resident_id_check_char(body),
                                      phone="13912345678", user=login)
    other_login = User.objects.create_user("li", password="pw-12345678", role="applicant")
    clerk = User.objects.create_user("sj-clerk", password="pw-12345678", role="department_clerk", department=sj)
    lc_clerk = User.objects.create_user("lc-clerk", password="pw-12345678", role="department_clerk", department=lc)
    centre = User.objects.create_user("centre", password="pw-12345678", role="centre_staff")
    counter = iter(range(1, 1000))

    def make_case(status=CaseStatus.COMPLETED, when=dt.datetime(2023, 3, 1, 10, tzinfo=TZ), department=sj):
        case = Case.objects.create(number=f"SC2023{next(counter):06d}", item=item, department=department,
                                   applicant=person, status=status, applied_at=when,
                                   completed_at=when if status == CaseStatus.COMPLETED else None)
        CaseEvent.objects.create(case=case, kind="applied", at=when, department=department)
        if status == CaseStatus.COMPLETED:
            CaseEvent.objects.create(case=case, kind="completed", at=when + dt.timedelta(days=3), department=department)
        return case

    return type("Hall", (), dict(sj=sj, lc=lc, item=item, person=person, login=login, other_login=other_login,
                                 clerk=clerk, lc_clerk=lc_clerk, centre=centre, make_case=staticmethod(make_case)))
