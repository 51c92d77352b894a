"""The applicant portal (my cases, rate, my licences), public tracking, rectification pages, API."""
import datetime as dt

from zwfw.cases.models import CaseStatus
from zwfw.feedback import services
from zwfw.feedback.models import Rating, Rectification
from zwfw.licences.models import LicenceKind
from zwfw.licences.services import issue


def test_portal_lists_my_cases_and_my_licences(client, hall):
    case = hall.make_case()
    hall.sj.uscc = "11510000MB15022053"
    hall.sj.save()
    kind = LicenceKind.objects.create(code="115100SP01", name="食品经营许可证", validity_years=5)
    licence = issue(kind=kind, holder=hall.person, department=hall.sj, actor=hall.clerk, case=case)
    client.force_login(hall.login)
    page = client.get("/feedback/portal/").content.decode()
    assert case.number in page and "已办结" in page and "去评价" in page
    assert "食品经营许可证" in page and licence.identifier in page and "有效" in page
    response = client.get("/feedback/portal/", {"number": case.number})
    assert response.status_code == 302 and case.number in response["Location"]


def test_applicant_rates_a_completed_case_on_the_portal(client, hall):
    case = hall.make_case()
    client.force_login(hall.login)
    page = client.post(f"/feedback/portal/cases/{case.number}/", {"comment": "快"}).content.decode()
    assert "请选择评价等级" in page
    page = client.post(f"/feedback/portal/cases/{case.number}/", {"level": "1", "comment": "材料被退回三次"},
                       follow=True).content.decode()
    assert "感谢您的评价" in page and "您已于" in page and "非常不满意" in page
    assert Rectification.objects.get().department == hall.sj


def test_an_open_case_shows_its_progress_but_cannot_be_rated(client, hall):
    case = hall.make_case(status=CaseStatus.REVIEWING)
    client.force_login(hall.login)
    page = client.get(f"/feedback/portal/cases/{case.number}/").content.decode()
    assert "审查中" in page and "申请" in page and "办结后可以评价" in page


def test_someone_elses_case_is_not_found_and_staff_cannot_use_the_portal(client, hall):
    case = hall.make_case()
    client.force_login(hall.other_login)
    assert client.get("/feedback/portal/").status_code == 403
    client.force_login(hall.clerk)
    assert client.get("/feedback/portal/").status_code == 403
    assert client.post(f"/api/feedback/cases/{case.number}/rating", {"level": "满意"},
                       content_type="application/json").status_code == 404


def test_public_tracking_needs_the_query_code_from_the_receipt_not_id_digits(client, hall):
    case = hall.make_case(status=CaseStatus.REVIEWING)
    assert len(case.query_code) == 8 and case.query_code != hall.make_case().query_code
    for guess in (hall.person.id_number[-4:], "0000"):
        page = client.get("/feedback/track/", {"number": case.number, "code": guess}).content.decode()
        assert "不匹配" in page and "审查中" not in page
    page = client.get("/feedback/track/", {"number": case.number, "code": case.query_code.lower()}).content.decode()
    assert "审查中" in page and "张*三" in page and "张小三" not in page and hall.person.id_number not in page


def test_the_receipt_prints_the_query_code_for_those_who_handle_the_case(client, hall):
    case = hall.make_case(status=CaseStatus.ACCEPTED)
    client.force_login(hall.clerk)
    page = client.get(f"/feedback/receipt/{case.number}/").content.decode()
    assert "受理回执" in page and case.query_code in page and "/feedback/track/" in page
    client.force_login(hall.lc_clerk)
    assert client.get(f"/feedback/receipt/{case.number}/").status_code == 404
    client.force_login(hall.login)
    assert case.query_code in client.get(f"/feedback/portal/cases/{case.number}/").content.decode()


def test_public_tracking_is_rate_limited_per_address(client, hall, settings):
    settings.PUBLIC_RATE = "3/m"
    case = hall.make_case()
    for _ in range(3):
        assert client.get("/feedback/track/", {"number": case.number, "code": "AAAA2222"}).status_code == 200
    r = client.get("/feedback/track/", {"number": case.number, "code": case.query_code})
    assert r.status_code == 429 and "查询过于频繁" in r.content.decode()
    assert client.get("/feedback/track/", {"number": case.number, "code": case.query_code},
                      REMOTE_ADDR="10.1.1.1").status_code == 200


def test_rectification_pages_are_scoped_and_close_with_a_callback(client, hall):
    rating = services.rate_case(hall.make_case(), user=hall.login, level="不满意", comment="等候太久")
    rect = rating.rectification
    client.force_login(hall.lc_clerk)
    assert "等候太久" not in client.get("/feedback/").content.decode()
    assert client.get(f"/feedback/rectifications/{rect.pk}/").status_code == 404
    client.force_login(hall.centre)
    assert "等候太久" in client.get("/feedback/").content.decode()
    client.force_login(hall.clerk)
    page = client.post(f"/feedback/rectifications/{rect.pk}/", {
        "measures": "", "callback_on": "", "callback_result": "", "callback_level": "4"}).content.decode()
    assert "请填写整改措施" in page
    page = client.post(f"/feedback/rectifications/{rect.pk}/", {
        "measures": "高峰期增开窗口", "callback_on": dt.date.today().isoformat(),
        "callback_result": "电话回访，申请人表示认可", "callback_level": "4"}, follow=True).content.decode()
    assert "整改已办结" in page and "申请人满意" in page


def test_api_rating_tickets_and_satisfaction(client, hall):
    case = hall.make_case()
    client.force_login(hall.login)
    response = client.post(f"/api/feedback/cases/{case.number}/rating", {"level": "满意"},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["rectification_due_on"] is None
    again = client.post(f"/api/feedback/cases/{case.number}/rating", {"level": "满意"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["code"] == "already_rated"
    client.force_login(hall.clerk)
    now = Rating.objects.get().rated_at
    body = {"number": "T-1", "department_code": "SCSJJ", "received_at": now.isoformat(), "content": "咨询"}
    assert client.post("/api/feedback/tickets", body, content_type="application/json").status_code == 201
    assert client.post("/api/feedback/tickets/T-1/answer", {"answer": "已答复"},
                       content_type="application/json").status_code == 200
    assert client.post("/api/feedback/tickets/T-1/rating", {"level": "非常满意"},
                       content_type="application/json").json()["level"] == "非常满意"
    day = now.date().isoformat()
    rows = client.get("/api/feedback/satisfaction", {"start": day, "end": day}).json()
    assert rows == [{"department": "四川省市场监督管理局", "ratings_satisfied": 1, "ratings_total": 1,
                     "ratings_rate": "100%", "hotline_satisfied": 1, "hotline_total": 1, "hotline_rate": "100%"}]
    client.force_login(hall.lc_clerk)
    assert client.get("/api/feedback/satisfaction", {"start": day, "end": day}).json() == []
