"""Abnormal-list pages and API: centre staff and the department's own window only."""
import datetime as dt

from django.utils import timezone

from zwfw.credit import services
from zwfw.credit.models import Listing


def _listing(hall, actor=None):
    today = timezone.localdate()
    return services.list_applicant(actor=actor or hall.clerk, applicant=hall.company, department=hall.zrz,
                                   matters=[hall.geo], reason="提供虚假材料", document="川自然资〔2022〕12 号",
                                   start_date=today - dt.timedelta(days=10), years=1)


def test_clerk_lists_an_applicant_through_the_form(client, hall):
    client.force_login(hall.clerk)
    form = client.get("/credit/new/").content.decode()
    assert "地质灾害防治单位资质审批" in form and "占用林地审核" not in form
    response = client.post("/credit/new/", {
        "id_number": hall.company.id_number.lower(), "department": hall.zrz.pk, "matters": [hall.geo.pk],
        "reason": "提供虚假材料", "document": "川自然资〔2022〕12 号", "start_date": "2023-01-01", "years": "1"},
        follow=True)
    page = response.content.decode()
    assert "已将“四川某某地质工程有限公司”列入异常名录" in page
    assert "2023 年 12 月 31 日前不予受理该事项申请" in page


def test_form_errors_show_at_the_field_and_write_nothing(client, hall):
    client.force_login(hall.clerk)
    page = client.post("/credit/new/", {"id_number": hall.company.id_number, "department": hall.zrz.pk,
                                        "reason": "提供虚假材料", "start_date": "2023-01-01", "years": "1"}).content.decode()
    assert "请选择限制的事项" in page and Listing.objects.count() == 0
    page = client.post("/credit/new/", {"id_number": "123", "department": hall.zrz.pk}).content.decode()
    assert "未找到该证件号码的申请人" in page


def test_lift_early_on_the_page_and_other_departments_see_nothing(client, hall):
    listing = _listing(hall)
    client.force_login(hall.lc_clerk)
    assert "四川某某地质工程有限公司" not in client.get("/credit/").content.decode()
    assert client.get(f"/credit/{listing.pk}/").status_code == 404
    client.force_login(hall.centre)
    assert "四川某某地质工程有限公司" in client.get("/credit/").content.decode()
    page = client.post(f"/credit/{listing.pk}/", {"reason": ""}).content.decode()
    assert "提前移出须填写原因" in page
    page = client.post(f"/credit/{listing.pk}/", {"reason": "信用修复完成"}, follow=True).content.decode()
    assert "已提前移出" in page and "信用修复完成" in page
    assert "四川某某地质工程有限公司" not in client.get("/credit/").content.decode()
    assert "四川某某地质工程有限公司" in client.get("/credit/", {"show": "all"}).content.decode()


def test_api_lists_checks_and_lifts(client, hall):
    from zwfw.cases import services as cases

    case = cases.apply(item=hall.geo_item, applicant=hall.company, actor=hall.clerk)
    client.force_login(hall.clerk)
    response = client.post("/api/credit/listings", {
        "applicant_id_number": hall.company.id_number, "department_code": "SCZRZYT", "matter_codes": ["510000-ZR-001"],
        "reason": "提供虚假材料", "document": "川自然资〔2022〕12 号", "start_date": str(timezone.localdate()),
        "years": 1}, content_type="application/json")
    assert response.status_code == 201, response.content
    listing_id = response.json()["id"]
    check = client.get("/api/credit/blocking", {"case_number": case.number}).json()
    assert check["blocked"] and "不予受理该事项申请" in check["message"]
    assert response.json()["applicant_id_number"] == hall.company.id_number  # the clerk handles the applicant
    bad = client.post(f"/api/credit/listings/{listing_id}/lift", {"reason": " "}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "reason"
    client.force_login(hall.lc_clerk)
    assert client.post(f"/api/credit/listings/{listing_id}/lift", {"reason": "x"},
                       content_type="application/json").status_code == 404
    client.force_login(hall.centre)
    assert client.post(f"/api/credit/listings/{listing_id}/lift", {"reason": "信用修复"},
                       content_type="application/json").json()["status"] == "已提前移出"


def test_api_needs_login(client, hall):
    assert client.get("/api/credit/listings").status_code == 401


def test_the_abnormal_list_answers_only_for_a_case_the_asker_handles_and_is_logged(client, hall):
    """No oracle: another department, centre staff or an applicant cannot ask about an ID number."""
    from zwfw.cases import services as cases
    from zwfw.cases.models import AuditLog

    case = cases.apply(item=hall.geo_item, applicant=hall.company, actor=hall.clerk)
    _listing(hall)
    old_way = {"applicant_id_number": hall.company.id_number, "item_code": "510000-ZR-001-01"}
    for user in (hall.lc_clerk, hall.centre, hall.leader):
        client.force_login(user)
        assert client.get("/api/credit/blocking", old_way).status_code in (400, 422)
        r = client.get("/api/credit/blocking", {"case_number": case.number})
        assert r.status_code == 404 and "四川某某" not in r.content.decode(), (user, r.content)
    assert not AuditLog.objects.filter(what="异常名录查询").exists()
    client.force_login(hall.clerk)
    assert client.get("/api/credit/blocking", {"case_number": case.number}).json()["blocked"]
    assert AuditLog.objects.filter(what="异常名录查询", user=hall.clerk, case=case).count() == 1


def test_credit_listings_are_masked_for_those_who_do_not_handle_the_applicant(client, hall):
    from zwfw.cases import services as cases
    from zwfw.cases.models import AuditLog

    cases.apply(item=hall.geo_item, applicant=hall.company, actor=hall.clerk)
    _listing(hall)
    client.force_login(hall.centre)
    shown = client.get("/api/credit/listings").json()[0]["applicant_id_number"]
    assert shown != hall.company.id_number and "*" in shown
    assert not AuditLog.objects.exists()
    client.force_login(hall.clerk)
    assert client.get("/api/credit/listings").json()[0]["applicant_id_number"] == hall.company.id_number
    assert AuditLog.objects.filter(user=hall.clerk, applicant=hall.company, what="异常名录证件号码").count() == 1
