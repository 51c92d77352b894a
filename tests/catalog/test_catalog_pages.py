"""Catalogue pages and API: what a clerk sees, and a department clerk sees only their department."""
import datetime as dt

import pytest
from django.utils import timezone

from zwfw.accounts.models import User
from zwfw.catalog import queries, services


@pytest.fixture
def today_hall(hall):
    return hall


def login(client, hall, role, dept=None):
    user = User.objects.create_user(f"u-{role}", password="pass-12345678", role=role,
                                    department=hall[dept] if dept else None)
    client.force_login(user)
    return user


def test_centre_staff_sees_every_department_and_can_filter(client, hall):
    login(client, hall, "centre_staff")
    page = client.get("/catalog/").content.decode()
    assert "药品批发企业经营许可（新办）" in page and "占用林地审核" in page
    page = client.get("/catalog/", {"department": hall["省林草局"].id}).content.decode()
    assert "占用林地审核" in page and "药品批发企业经营许可" not in page
    page = client.get("/catalog/", {"q": "食品"}).content.decode()
    assert "食品经营许可（新办）" in page and "占用林地审核" not in page


def test_department_clerk_sees_only_their_department(client, hall):
    login(client, hall, "department_clerk", "省林草局")
    page = client.get("/catalog/").content.decode()
    assert "占用林地审核" in page and "药品批发企业经营许可" not in page
    assert client.get("/catalog/items/510000-YJ-001-01/").status_code == 404
    api = client.get("/api/catalog/items").json()
    assert {row["department"] for row in api} == {"四川省林业和草原局"}
    assert client.get("/api/catalog/items/510000-YJ-001-01").status_code == 404


def test_item_page_shows_guide_delegation_and_anomalies(client, hall):
    item = queries.item_by_code("510000-LC-010-01", timezone.localdate())
    services.save_guide(item, conditions="", fees="不收费", legal_basis="《中华人民共和国森林法》",
                        where_to_apply="省政务服务大厅省林草局窗口",
                        materials=[{"name": "使用林地申请表"}, {"name": "营业执照", "licence_kind": "营业执照"}])
    services.delegate(matter=item.matter, regions=["自贡市", "凉山州"], delegate="林草主管部门",
                      valid_from=dt.date(2023, 1, 1), document="川林发〔2022〕XX 号")
    login(client, hall, "comprehensive_clerk")
    page = client.get("/catalog/items/510000-LC-010-01/").content.decode()
    assert "使用林地申请表" in page and "可免提交" in page
    assert "未填写受理条件" in page
    assert "自贡市、凉山州" in page and "川林发〔2022〕XX 号" in page


def test_pages_need_login(client, hall):
    assert client.get("/catalog/").status_code == 302


def test_api_handler_and_diff(client, hall):
    item = queries.item_by_code("510000-LC-010-01", dt.date(2022, 12, 1))
    services.delegate(matter=item.matter, regions=["自贡市"], delegate="林草主管部门", valid_from=dt.date(2023, 1, 1))
    login(client, hall, "comprehensive_clerk")
    before = client.get("/api/catalog/handler", {"item": "510000-LC-010-01", "region": "自贡市", "on": "2022-12-31"}).json()
    assert before["province"] is True and before["handler"] == "四川省林业和草原局"
    after = client.get("/api/catalog/handler", {"item": "510000-LC-010-01", "region": "自贡市", "on": "2023-01-01"}).json()
    assert after["province"] is False and after["handler"] == "自贡市林草主管部门"
    services.withdraw_matter("510000-XF-001", dt.date(2023, 9, 1))
    diff = client.get("/api/catalog/diff", {"date_from": "2023-01-01", "date_to": "2023-12-31"}).json()
    assert diff["lines"] == ["主项从 7 项调整为 6 项，办理项从 8 项调整为 7 项",
                             "四川消防救援总队取消“公众聚集场所投入使用、营业前消防安全检查”1 个事项（主项 1 个、办理项 1 个）"]
    bad = client.get("/api/catalog/handler", {"item": "510000-LC-010-01", "region": "重庆市"})
    assert bad.status_code == 404 and "重庆市" in bad.json()["message"]
