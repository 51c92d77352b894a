"""Two departments with matters, an applicant company, and their staff."""
import datetime as dt

import pytest

from zwfw.accounts.models import User
from zwfw.cases.models import Applicant
from zwfw.catalog.models import Department, HandlingItem, Matter, PowerType
from zwfw.identifiers import make_uscc


@pytest.fixture
def hall(db):
    permit = PowerType.objects.get(name="行政许可")
    zrz = Department.objects.create(code="SCZRZYT", name="四川省自然资源厅", short_name="省自然资源厅")
    lc = Department.objects.create(code="SCLCJ", name="四川省林业和草原局", short_name="省林草局")

    def matter(dept, code, name, valid_from=dt.date(2022, 1, 1)):
        m = Matter.objects.create(code=code, name=name, department=dept, power_type=permit, valid_from=valid_from)
        item = HandlingItem.objects.create(matter=m, code=f"{code}-01", name=f"{name}（新办）", statutory_days=20,
                                           promised_days=10, valid_from=valid_from)
        return m, item

    geo, geo_item = matter(zrz, "510000-ZR-001", "地质灾害防治单位资质审批")
    mine, mine_item = matter(zrz, "510000-ZR-002", "采矿权新立登记")
    forest, forest_item = matter(lc, "510000-LC-010", "占用林地审核")
    company = Applicant.objects.create(kind=Applicant.ORGANISATION, name="四川某某地质工程有限公司",
                                       id_number=make_uscc("91510100MA6CXYQ1"))
    clerk = User.objects.create_user("zr-clerk", password="pw-12345678", role="department_clerk", department=zrz)
    lc_clerk = User.objects.create_user("lc-clerk", password="pw-12345678", role="department_clerk", department=lc)
    centre = User.objects.create_user("centre", password="pw-12345678", role="centre_staff")
    leader = User.objects.create_user("leader", password="pw-12345678", role="leader")
    return type("Hall", (), dict(zrz=zrz, lc=lc, geo=geo, geo_item=geo_item, mine=mine, mine_item=mine_item,
                                 forest=forest, forest_item=forest_item, company=company, clerk=clerk,
                                 lc_clerk=lc_clerk, centre=centre, leader=leader))
