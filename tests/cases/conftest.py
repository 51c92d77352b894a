"""A small hall for the case tests: three departments, their clerks, items with guides, applicants.

Everything is built through the owning apps' services; the official calendar is seeded
from chinese-calendar by the workdays app when the test database is created.
"""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from zwfw.accounts.models import User
from zwfw.catalog import services as catalog
from zwfw.catalog.models import Department, PowerType
from zwfw.cases import services
from zwfw.cases.models import Applicant
from zwfw.identifiers import make_uscc, resident_id_check_char

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = dt.date(2022, 1, 1)


def at(y, m, d, hh=10, mm=0):
    """An Asia/Shanghai wall-clock time."""
    return dt.datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


def person_id(first17="51010819900307123"):
    return first17 + resident_id_check_char(first17)


def uscc(first17="91510100MA61R8XK1"):
    """A valid USCC from its first 16 characters (the 17th, the organisation code's check, is computed)."""
    return make_uscc(first17[:16])


def item(code, name, statutory=20, promised=10, **flags):
    return {"code": code, "name": name, "statutory_days": statutory, "promised_days": promised, **flags}


class Hall:
    """Handles on the fixture data: hall.dept["省林草局"], hall.items["forest"], hall.users["forest_clerk"]."""

    def __init__(self):
        self.dept, self.items, self.users, self.applicants = {}, {}, {}, {}

    def item(self, key):
        return self.items[key]


@pytest.fixture
def hall(db):
    h = Hall()
    for code, name, short, order in [("SCLCJ", "四川省林业和草原局", "省林草局", 21),
                                     ("SCSJJ", "四川省市场监督管理局", "省市场监管局", 18),
                                     ("SCXF", "四川省消防救援总队", "四川消防救援总队", 29)]:
        h.dept[short] = Department.objects.create(code=code, name=name, short_name=short, display_order=order,
                                                  uscc=uscc(f"115100000{order:02d}869001"[:17]))
    from zwfw.licences.models import LicenceKind

    for code, name, years in [("5101A", "营业执照", None), ("5102B", "食品经营许可证", 5),
                              ("5103C", "林草种子生产经营许可证", 5), ("5104D", "食品小作坊登记证", 3)]:
        LicenceKind.objects.create(code=code, name=name, validity_years=years)
    permit = PowerType.objects.get(name="行政许可")
    d = h.dept
    catalog.add_matter(department=d["省林草局"], code="510000-LC-010", name="矿藏勘查、开采以及其他各类工程建设占用林地审核",
                       power_type=permit, valid_from=START, items=[item("510000-LC-010-01", "占用林地审核", 20, 8)])
    catalog.add_matter(department=d["省林草局"], code="510000-LC-020", name="林草种子生产经营许可", power_type=permit,
                       valid_from=START, items=[item("510000-LC-020-01", "林草种子生产经营许可证核发", 20, 5,
                                                     licence_kind="林草种子生产经营许可证")])
    catalog.add_matter(department=d["省市场监管局"], code="510000-SJ-100", name="食品经营许可", power_type=permit,
                       valid_from=START, items=[item("510000-SJ-100-01", "食品经营许可（新办）", 20, 10,
                                                     at_comprehensive_window=True, licence_kind="食品经营许可证")])
    catalog.add_matter(department=d["省市场监管局"], code="510000-SJ-200", name="食品小作坊登记", power_type=permit,
                       valid_from=START, items=[item("510000-SJ-200-01", "食品小作坊登记（新办）", 5, 1,
                                                     auto_approval=True, at_comprehensive_window=True,
                                                     licence_kind="食品小作坊登记证")])
    catalog.add_matter(department=d["四川消防救援总队"], code="510000-XF-001", name="公众聚集场所投入使用、营业前消防安全检查",
                       power_type=permit, valid_from=START,
                       items=[item("510000-XF-001-01", "公众聚集场所消防安全检查", 10, 5, at_comprehensive_window=True)])
    from zwfw.catalog.models import HandlingItem

    for key, code in [("forest", "510000-LC-010-01"), ("seed", "510000-LC-020-01"), ("food", "510000-SJ-100-01"),
                      ("workshop", "510000-SJ-200-01"), ("fire", "510000-XF-001-01")]:
        h.items[key] = HandlingItem.objects.select_related("matter__department").get(code=code)
    guides = {
        "forest": [{"name": "使用林地申请表"}, {"name": "营业执照", "licence_kind": "营业执照"},
                   {"name": "使用林地可行性报告"}],
        "seed": [{"name": "申请书"}, {"name": "营业执照", "licence_kind": "营业执照"}],
        "food": [{"name": "食品经营许可申请书"}, {"name": "营业执照复印件", "licence_kind": "营业执照"},
                 {"name": "法定代表人身份证"}],
        "workshop": [{"name": "登记申请表"}, {"name": "营业执照", "licence_kind": "营业执照"}],
        "fire": [{"name": "消防安全检查申报表"}, {"name": "《营业执照》"}, {"name": "场所消防设施平面图", "copies": 2}],
    }
    for key, materials in guides.items():
        catalog.save_guide(h.items[key], materials=materials, fees="不收费", where_to_apply="省政务服务大厅")
    for username, role, dept in [
        ("comp", "comprehensive_clerk", None), ("forest_clerk", "department_clerk", "省林草局"),
        ("forest_approver", "approver", "省林草局"), ("market_clerk", "department_clerk", "省市场监管局"),
        ("market_approver", "approver", "省市场监管局"), ("fire_clerk", "department_clerk", "四川消防救援总队"),
        ("fire_approver", "approver", "四川消防救援总队"), ("staff", "centre_staff", None), ("leader", "leader", None),
    ]:
        h.users[username] = User.objects.create_user(
            username=username, password="secret-pass-1", role=role, department=d.get(dept),
            display_name={"comp": "综窗李娜"}.get(username, username))
    applicant_user = User.objects.create_user(username="zhang", password="secret-pass-1", role="applicant")
    h.users["applicant"] = applicant_user
    h.applicants["person"] = services.register_applicant(
        kind=Applicant.PERSON, name="张伟", id_number=person_id(), phone="13812345678", user=applicant_user)
    h.applicants["org"] = services.register_applicant(
        kind=Applicant.ORGANISATION, name="四川青山林业开发有限公司", id_number=uscc(), phone="028-86001234")
    return h


@pytest.fixture
def walk(hall):
    """``walk(case, "accept", user_key, at, **params)``: take one action as that user with the current version."""
    from zwfw.cases.actions import perform

    def _walk(case, code, who, when, **params):
        actor = hall.users[who] if who else None
        return perform(case, code, actor=actor, version=case.version, at=when, **params)

    return _walk


@pytest.fixture
def open_case(hall):
    """``open_case(item_key, who, when, applicant="org", **kwargs)``: apply at a window, every material handed
    in unless ``provided`` says otherwise."""
    from zwfw.cases.ports import guide_materials

    def _open(key, who, when, applicant="org", **kwargs):
        kwargs.setdefault("provided", [m.name for m in guide_materials(hall.items[key])])
        return services.apply(item=hall.items[key], applicant=hall.applicants[applicant], actor=hall.users[who],
                              at=when, **kwargs)

    return _open


@pytest.fixture(name="at")
def at_fixture():
    """``at(y, m, d, hh=10, mm=0)``: an Asia/Shanghai wall-clock time."""
    return at


@pytest.fixture(name="ids")
def ids_fixture():
    """``ids.person(first17)`` / ``ids.uscc(first17)``: numbers with correct check characters."""
    class Ids:
        person = staticmethod(person_id)
        org = staticmethod(uscc)

    return Ids


@pytest.fixture
def business_licence(hall):
    """The organisation holds a valid electronic 营业执照 issued on 2025-06-01 (a 免提交 material)."""
    from zwfw.licences import services as licences
    from zwfw.licences.models import LicenceKind

    return licences.issue(kind=LicenceKind.objects.get(name="营业执照"), holder=hall.applicants["org"],
                          department=hall.dept["省市场监管局"], actor=hall.users["market_clerk"], at=at(2025, 6, 1))
