"""一件事一次办 pages and API: one form, one merged material list, one case per member, one status."""
import datetime as dt
import json

import pytest
from django.utils import timezone

from zwfw.cases.models import Applicant, BundleApplication, Case
from zwfw.catalog import services as catalog

pytestmark = pytest.mark.usefixtures("calendar_through_next_year")

ALL_MATERIALS = ["食品经营许可申请书", "营业执照复印件", "法定代表人身份证", "消防安全检查申报表", "场所消防设施平面图"]


@pytest.fixture
def catering(hall):
    return catalog.create_bundle(code="CY-001", name="开办餐饮一件事", lead_department=hall.dept["省市场监管局"],
                                 items=[hall.items["food"], hall.items["fire"]], valid_from=dt.date(2022, 1, 1))


def login(client, username):
    client.logout()
    assert client.login(username=username, password="secret-pass-1")
    return client


def status_of(client, application) -> str:
    body = client.get(f"/cases/bundles/applications/{application.pk}/").content.decode()
    start = body.index('id="bundle-status"')
    return body[body.index(">", start) + 1: body.index("</span>", start)]


def drive_to_completion(case, walk, clerk, approver, accepted=False):
    now = timezone.now()
    steps = [("accept", clerk), ("transfer", clerk), ("start_review", approver), ("approve", approver),
             ("issue", clerk), ("complete", clerk)]
    for code, who in steps[1:] if accepted else steps:
        walk(case, code, who, now, **({"to": "审批处室"} if code == "transfer" else {}))


def test_the_bundle_form_asks_for_each_material_once(client, hall, catering):
    login(client, "zhang")
    assert "开办餐饮一件事" in client.get("/cases/bundles/").content.decode()
    body = client.get("/cases/bundles/CY-001/apply").content.decode()
    assert body.count('value="营业执照复印件"') == 1 and "《营业执照》" not in body
    assert "四川省市场监督管理局" in body and "四川省消防救援总队" in body
    assert "食品经营许可（食品经营许可（新办））、公众聚集场所投入使用、营业前消防安全检查" in body  # who needs it


def test_an_applicant_opens_one_case_per_member_and_the_bundle_completes_with_the_last(client, hall, catering, walk):
    login(client, "zhang")
    response = client.post("/cases/bundles/CY-001/apply", {"provided": ALL_MATERIALS})
    application = BundleApplication.objects.get()
    assert response.status_code == 302 and response.url == f"/cases/bundles/applications/{application.pk}/"
    food, fire = application.cases.order_by("id")
    assert (food.department, fire.department) == (hall.dept["省市场监管局"], hall.dept["四川消防救援总队"])
    assert {food.channel, fire.channel} == {"online"} and food.applicant == hall.applicants["person"]
    assert all(m["provided"] for m in fire.materials)  # 营业执照 handed in once, counted for both
    page = client.get(response.url).content.decode()
    assert food.number in page and fire.number in page and "申请编号" in page
    assert status_of(client, application) == "已申请"

    walk(food, "accept", "market_clerk", timezone.now())
    assert status_of(client, application).startswith("办理中")
    drive_to_completion(food, walk, "market_clerk", "market_approver", accepted=True)
    assert status_of(client, application) == "办理中（1/2 已办结）"
    drive_to_completion(fire, walk, "fire_clerk", "fire_approver")
    assert status_of(client, application) == "已办结"


def test_the_comprehensive_window_applies_on_behalf_of_an_applicant_found_by_id_number(client, hall, catering):
    org = hall.applicants["org"]
    login(client, "comp")
    response = client.post("/cases/bundles/CY-001/apply", {
        "kind": "organisation", "name": org.name, "id_number": org.id_number, "provided": ALL_MATERIALS})
    assert response.status_code == 302
    application = BundleApplication.objects.get()
    assert application.applicant == org and Applicant.objects.count() == 2  # found, not created again
    assert set(application.cases.values_list("channel", "at_comprehensive_window")) == {("window", True)}
    assert "已申请" in client.get(response.url).content.decode()


def test_a_refused_bundle_on_behalf_writes_nothing_not_even_the_applicant(client, hall, catering, ids):
    hall.items["fire"].__class__.objects.filter(pk=hall.items["fire"].pk).update(at_comprehensive_window=False)
    login(client, "comp")
    response = client.post("/cases/bundles/CY-001/apply", {
        "kind": "person", "name": "李四", "id_number": ids.person("51010819850101002"), "provided": ALL_MATERIALS})
    body = response.content.decode()
    assert response.status_code == 200 and "未进驻综合窗口" in body
    assert not Case.objects.exists() and not Applicant.objects.filter(name="李四").exists()


def test_a_department_clerk_cannot_open_the_apply_on_behalf_form(client, hall, catering):
    login(client, "market_clerk")
    assert client.get("/cases/bundles/CY-001/apply").status_code == 404
    assert client.post("/cases/bundles/CY-001/apply", {"provided": ALL_MATERIALS}).status_code == 404
    assert not BundleApplication.objects.exists()


def test_the_bundle_page_is_only_for_those_who_handle_it(client, hall, catering):
    from zwfw.accounts.models import User
    from zwfw.cases import services

    application = services.apply_bundle(bundle=catering, applicant=hall.applicants["org"], actor=hall.users["comp"])
    stranger = User.objects.create_user(username="wang", password="secret-pass-1", role="applicant")
    services.register_applicant(kind="person", name="王五", id_number="11010519491231002X", user=stranger)
    path = f"/cases/bundles/applications/{application.pk}/"
    assert login(client, "wang").get(path).status_code == 404
    assert login(client, "forest_clerk").get(path).status_code == 404
    body = login(client, "fire_clerk").get(path).content.decode()
    food, fire = application.cases.order_by("id")
    assert f'href="/cases/{fire.number}/"' in body and f'href="/cases/{food.number}/"' not in body


def test_bundle_api_apply_and_status(client, hall, catering):
    login(client, "zhang")
    response = client.post("/api/cases/bundles/CY-001/apply", json.dumps({"provided": ALL_MATERIALS}),
                           content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status_label"] == "已申请" and data["total"] == 2
    assert [c["channel"] for c in data["cases"]] == ["online", "online"]
    got = client.get(f"/api/cases/bundles/applications/{data['id']}").json()
    assert got["number"] == data["number"] and got["applicant"]["name"] == "张伟"
    login(client, "forest_clerk")
    assert client.get(f"/api/cases/bundles/applications/{data['id']}").status_code == 404
    refused = client.post("/api/cases/bundles/CY-001/apply", json.dumps({"provided": []}),
                          content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "bundle_not_allowed"
