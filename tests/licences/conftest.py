"""A small hall for licence tests: two departments with USCCs, items yielding licences,
applicants, clerks, and completed cases created directly (the lifecycle is the cases app's)."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from zwfw.accounts.models import User
from zwfw.cases.models import Applicant, Case, CaseStatus
from zwfw.catalog.models import Department, HandlingItem, Matter, PowerType
from zwfw.identifiers import make_uscc, resident_id_check_char
from zwfw.licences.models import LicenceKind

TZ = ZoneInfo("Asia/Shanghai")


def uscc(body17: str) -> str:
    return make_uscc(body17[:16])


def resident_id(body17: str) -> str:
    return body17 + resident_id_check_char(body17)


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=TZ)


@pytest.fixture
def world(db):
    permit = PowerType.objects.get(name="行政许可")
    yj = Department.objects.create(code="SCYJJ", name="四川省药品监督管理局", short_name="省药监局",
                                   uscc=uscc("11510000MB1502207"))
    lc = Department.objects.create(code="SCLCJ", name="四川省林业和草原局", short_name="省林草局",
                                   uscc=uscc("11510000MB1502311"))
    matter = Matter.objects.create(code="510000-YJ-001", name="药品经营许可", department=yj, power_type=permit,
                                   valid_from=dt.date(2022, 1, 1))
    new = HandlingItem.objects.create(matter=matter, code="510000-YJ-001-01", name="药品批发企业经营许可（新办）",
                                      statutory_days=30, promised_days=15, licence_kind="药品经营许可证",
                                      valid_from=dt.date(2022, 1, 1))
    renewal = HandlingItem.objects.create(matter=matter, code="510000-YJ-001-03", name="药品批发企业经营许可（延续）",
                                          statutory_days=30, promised_days=15, licence_kind="药品经营许可证",
                                          valid_from=dt.date(2022, 1, 1))
    change = HandlingItem.objects.create(matter=matter, code="510000-YJ-001-02", name="药品批发企业经营许可（变更）",
                                         statutory_days=15, promised_days=5, valid_from=dt.date(2022, 1, 1))
    kind = LicenceKind.objects.create(code="115100YP01", name="药品经营许可证", validity_years=5)
    org = Applicant.objects.create(kind=Applicant.ORGANISATION, name="成都某某医药有限公司",
                                   id_number=uscc("91510100MA61XYQ12"), phone="13800001234")
    person = Applicant.objects.create(kind=Applicant.PERSON, name="张小三", id_number=resident_id("51010419800101123"))
    clerk = User.objects.create_user("yj-clerk", password="pw-12345678", role="department_clerk", department=yj)
    lc_clerk = User.objects.create_user("lc-clerk", password="pw-12345678", role="department_clerk", department=lc)
    centre = User.objects.create_user("centre", password="pw-12345678", role="centre_staff")
    counter = iter(range(1, 1000))

    def make_case(item=new, applicant=org, status=CaseStatus.ISSUED, when=at(2023, 1, 20)):
        return Case.objects.create(number=f"SC2023{next(counter):06d}", item=item, department=item.matter.department,
                                   applicant=applicant, status=status, applied_at=when)

    return type("World", (), dict(yj=yj, lc=lc, matter=matter, new=new, renewal=renewal, change=change, kind=kind,
                                  org=org, person=person, clerk=clerk, lc_clerk=lc_clerk, centre=centre,
                                  make_case=staticmethod(make_case)))
