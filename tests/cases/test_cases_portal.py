"""网上申请: the applicant finds an item, reads its guide, ticks materials and submits online."""
import datetime as dt
import re

import pytest
from django.utils import timezone

from zwfw.cases.models import Case
from zwfw.cn import chinese_date

pytestmark = pytest.mark.usefixtures("calendar_through_next_year")

FOOD = "510000-SJ-100-01"


@pytest.fixture
def applicant_client(client, hall):
    client.login(username="zhang", password="secret-pass-1")
    return client


def row_of(html: str, number: str) -> str:
    match = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{number}(?:(?!</tr>).)*</tr>", html, re.S)
    assert match, f"{number} is not in the list"
    return match.group(0)


def test_applicant_finds_an_item_and_reads_its_guide(applicant_client):
    body = applicant_client.get("/cases/apply/", {"q": "食品经营"}).content.decode()
    assert "食品经营许可（食品经营许可（新办））" in body and "四川省市场监督管理局" in body
    body = applicant_client.get("/cases/apply/", {"item": FOOD}).content.decode()
    assert "法定 20 个工作日，承诺 10 个工作日" in body and "不收费" in body
    for name in ["食品经营许可申请书", "营业执照复印件", "法定代表人身份证"]:
        assert f'value="{name}"' in body  # asked for: the applicant holds no licence yet
    assert "免提交" not in body and "('name'" not in body


def test_online_application_waits_in_the_departments_worklist(applicant_client, client, hall):
    response = applicant_client.post("/cases/apply/", {
        "item_code": FOOD, "provided": ["食品经营许可申请书", "营业执照复印件", "法定代表人身份证"]})
    case = Case.objects.get()
    assert response.status_code == 302 and response.url == f"/feedback/portal/cases/{case.number}/"
    page = applicant_client.get(response.url).content.decode()
    assert case.number in page and "申请已提交" in page
    assert (case.applicant, case.channel, case.status) == (hall.applicants["person"], "online", "applied")
    assert not case.at_comprehensive_window and all(m["provided"] for m in case.materials)

    client.logout()
    client.login(username="market_clerk", password="secret-pass-1")
    assert "已申请" in row_of(client.get("/cases/").content.decode(), case.number)
    assert "申请渠道：网上申请" in client.get(f"/cases/{case.number}/").content.decode()
    client.logout()
    client.login(username="forest_clerk", password="secret-pass-1")
    assert case.number not in client.get("/cases/").content.decode()


def test_a_material_held_as_a_valid_licence_is_not_asked_for(applicant_client, hall):
    from zwfw.licences import services as licences
    from zwfw.licences.models import LicenceKind

    licences.issue(kind=LicenceKind.objects.get(name="营业执照"), holder=hall.applicants["person"],
                   department=hall.dept["省市场监管局"], actor=hall.users["market_clerk"],
                   at=timezone.now() - dt.timedelta(days=30))
    body = applicant_client.get("/cases/apply/", {"item": FOOD}).content.decode()
    assert re.search(r"免提交</span>\s*营业执照复印件", body)
    assert 'value="营业执照复印件"' not in body and 'value="食品经营许可申请书"' in body
    applicant_client.post("/cases/apply/", {"item_code": FOOD, "provided": ["食品经营许可申请书", "法定代表人身份证"]})
    held = next(m for m in Case.objects.get().materials if m["name"] == "营业执照复印件")
    assert held["exempt"] and held["provided"]


def test_a_listed_applicant_is_refused_with_the_reason_and_nothing_is_written(applicant_client, hall):
    from zwfw.credit import services as credit

    end = timezone.localdate() + dt.timedelta(days=200)
    credit.list_applicant(actor=hall.users["market_approver"], applicant=hall.applicants["person"],
                          department=hall.dept["省市场监管局"], reason="提交虚假材料骗取许可", whole_department=True,
                          start_date=timezone.localdate() - dt.timedelta(days=10), end_date=end)
    shown = applicant_client.get("/cases/apply/", {"item": FOOD}).content.decode()
    assert "提交虚假材料骗取许可" in shown and "提交申请</button>" not in shown  # told before filling anything in
    response = applicant_client.post("/cases/apply/", {"item_code": FOOD, "provided": ["食品经营许可申请书"]})
    body = response.content.decode()
    assert response.status_code == 200
    assert "异常名录" in body and "提交虚假材料骗取许可" in body and f"{chinese_date(end)}前不予受理" in body
    assert not Case.objects.exists()


def test_an_applicant_cannot_apply_for_someone_else(applicant_client, hall):
    org = hall.applicants["org"]
    applicant_client.post("/cases/apply/", {"item_code": FOOD, "applicant": org.pk, "id_number": org.id_number,
                                            "name": org.name, "provided": ["食品经营许可申请书"]})
    assert Case.objects.get().applicant == hall.applicants["person"]  # the form cannot name another applicant
    assert not org.cases.exists()


def test_only_applicants_linked_to_an_applicant_record_may_apply(client, hall):
    from zwfw.accounts.models import User

    User.objects.create_user(username="unlinked", password="secret-pass-1", role="applicant")
    for username in ("unlinked", "market_clerk"):
        client.login(username=username, password="secret-pass-1")
        assert client.get("/cases/apply/", {"item": FOOD}).status_code == 403
        assert client.post("/cases/apply/", {"item_code": FOOD}).status_code == 403
        client.logout()
    assert not Case.objects.exists()


def test_the_portal_and_navigation_lead_to_online_application(applicant_client):
    body = applicant_client.get("/feedback/portal/").content.decode()
    assert 'href="/cases/apply/"' in body and 'href="/cases/bundles/"' in body
    assert "网上申请" in applicant_client.get("/").content.decode()
