"""The case page's routing forms (流转/退回/改派/更正), their refusals at the field, CSRF, and the API."""
import re

from django.test import Client

from zwfw.accounts.services import issue_api_key
from zwfw.cases.models import CaseEvent
from zwfw.routing.models import CaseAssignment, CaseCorrection

from .routing_fixtures import accepted, offices  # noqa: F401  (fixtures)


def _client(user, csrf=False):
    c = Client(enforce_csrf_checks=csrf, raise_request_exception=False)
    c.force_login(user)
    return c


def _page(client, number):
    r = client.get(f"/cases/{number}/")
    assert r.status_code == 200
    return r.content.decode()


def test_the_transfer_form_offers_the_departments_own_offices_and_approvers(hall, offices, accepted):
    html = _page(_client(hall.users["forest_clerk"]), accepted.number)
    form = re.search(r'<form[^>]*action-transfer.*?</form>', html, re.S).group(0)
    assert f'action="/routing/cases/{accepted.number}/transfer"' in form
    assert "行政审批处" in form and "资源管理处" in form and "孙审批" in form
    assert "食品经营监管处" not in form and "market_approver" not in form
    assert 'name="to"' not in html  # no free text any more


def test_a_refused_transfer_is_shown_at_its_field_and_nothing_is_written(hall, offices, accepted):
    client = _client(hall.users["forest_clerk"])
    r = client.post(f"/routing/cases/{accepted.number}/transfer", {"version": accepted.version, "office": "spjy"})
    assert r.status_code == 200
    html = r.content.decode()
    assert re.search(r'id="error-office">只能流转至本部门（四川省林业和草原局）的科室', html)
    assert not CaseEvent.objects.filter(case=accepted, kind="transferred").exists()
    r = client.post(f"/routing/cases/{accepted.number}/transfer", {"version": accepted.version, "office": "zygl"})
    assert r.status_code == 302 and r["Location"] == f"/cases/{accepted.number}/"
    assert CaseAssignment.objects.get(case=accepted).office == offices["resources"]
    assert "承办：<strong>资源管理处</strong>" in _page(client, accepted.number)


def test_return_needs_a_reason_at_its_field_and_the_window_sees_it(hall, offices, accepted, walk, at):
    case = walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), office="xzsp")
    approver = _client(hall.users["forest_approver"])
    assert "action-return" in _page(approver, case.number)
    r = approver.post(f"/routing/cases/{case.number}/return", {"version": case.version, "reason": ""})
    assert 'id="error-reason">请填写退回理由' in r.content.decode()
    r = approver.post(f"/routing/cases/{case.number}/return", {"version": case.version, "reason": "缺少林地权属证明"})
    assert r.status_code == 302
    clerk = _client(hall.users["forest_clerk"])
    assert "退回理由：<strong id=\"returned-reason\">缺少林地权属证明" in _page(clerk, case.number)
    listing = clerk.get("/cases/", {"mine": "returned"}).content.decode()
    assert case.number in listing and "缺少林地权属证明" in listing, re.search(r"共 .*?件", listing).group(0)


def test_reassign_form_only_for_the_lead_and_centre_staff(hall, offices, accepted, walk, at):
    case = walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), office="xzsp")
    assert "action-reassign" in _page(_client(hall.users["forest_approver"]), case.number)
    assert "action-reassign" in _page(_client(hall.users["staff"]), case.number)
    other = _client(hall.users["forest_approver2"])
    assert "action-reassign" not in _page(other, case.number)
    assert other.get(f"/routing/cases/{case.number}/reassign").status_code == 403
    r = _client(hall.users["staff"]).post(f"/routing/cases/{case.number}/reassign",
                                          {"version": case.version, "approver": "forest_approver2", "reason": ""})
    assert 'id="error-reason">请填写改派理由' in r.content.decode()


def test_corrections_on_the_case_page_for_centre_staff_only(hall, offices, accepted):
    staff = _client(hall.users["staff"])
    html = _page(staff, accepted.number)
    assert f'action="/routing/cases/{accepted.number}/correct"' in html
    assert "/correct" not in _page(_client(hall.users["forest_clerk"]), accepted.number)
    assert _client(hall.users["forest_clerk"]).get(f"/routing/cases/{accepted.number}/correct").status_code == 403
    r = staff.post(f"/routing/cases/{accepted.number}/correct",
                   {"field": "accepted_on", "value": "2026-03-01", "reason": "录错"})
    assert 'id="error-field">不能更正该项：办理时限以办理过程记录为准' in r.content.decode()
    r = staff.post(f"/routing/cases/{accepted.number}/correct", {"field": "applicant_phone", "value": "13900002222",
                                                                  "reason": ""})
    assert 'id="error-reason">请填写更正理由' in r.content.decode()
    r = staff.post(f"/routing/cases/{accepted.number}/correct", {"field": "applicant_phone", "value": "13900002222",
                                                                  "reason": "申请人来电更正"})
    assert r.status_code == 302
    trail = re.search(r'id="correction-trail".*?</table>', _page(staff, accepted.number), re.S).group(0)
    assert "联系电话" in trail and "申请人来电更正" in trail and "staff" in trail
    assert "139****2222" in trail and "13900002222" not in trail  # centre staff see personal data masked
    assert CaseCorrection.objects.count() == 1


def test_every_routing_post_needs_the_csrf_token(hall, offices, accepted):
    for user, what, data in [("forest_clerk", "transfer", {"office": "xzsp"}),
                             ("staff", "correct", {"field": "applicant_phone", "value": "13900002222", "reason": "x"})]:
        r = _client(hall.users[user], csrf=True).post(f"/routing/cases/{accepted.number}/{what}",
                                                      data | {"version": accepted.version})
        assert r.status_code == 403
    assert not CaseEvent.objects.filter(case=accepted, kind="transferred").exists()
    assert not CaseCorrection.objects.exists()


def test_another_departments_case_is_not_found(hall, offices, open_case, at):
    case = open_case("food", "market_clerk", at(2026, 3, 2, 9))
    assert _client(hall.users["forest_clerk"]).get(f"/routing/cases/{case.number}/transfer").status_code == 404
    assert _client(hall.users["forest_clerk"]).get(f"/routing/cases/{case.number}/nonsense").status_code == 404


def test_department_systems_transfer_and_return_through_the_api_idempotently(hall, offices, accepted):
    key = issue_api_key(hall.dept["省林草局"], "审批系统对接")[1]
    client = Client()

    def post(path, body, idem):
        return client.post(f"/api/cases/{accepted.number}{path}", body, content_type="application/json",
                           headers={"X-API-Key": key, "Idempotency-Key": idem})

    r = post("/actions/transfer", {"version": accepted.version, "office": "spjy"}, "t-1")
    assert r.status_code == 400 and r.json()["field"] == "office"
    r = post("/actions/transfer", {"version": accepted.version, "approver": "forest_approver2"}, "t-1")
    assert r.status_code == 200, r.content
    again = post("/actions/transfer", {"version": accepted.version, "approver": "forest_approver2"}, "t-1")
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert CaseEvent.objects.filter(case=accepted, kind="transferred").count() == 1
    version = r.json()["version"]
    r = post("/events", {"event": "returned", "version": version, "reason": ""}, "r-1")
    assert r.status_code == 400 and r.json()["field"] == "reason"
    r = post("/events", {"event": "returned", "version": version, "reason": "材料与原件不符"}, "r-1")
    assert r.status_code == 200 and r.json()["status"] == "accepted"
    assert post("/events", {"event": "returned", "version": version, "reason": "材料与原件不符"}, "r-1").status_code == 200
    assert CaseEvent.objects.filter(case=accepted, kind="returned").count() == 1


def test_a_department_system_lists_its_own_offices_and_approvers(hall, offices):
    key = issue_api_key(hall.dept["省林草局"], "审批系统对接")[1]
    r = Client().get("/api/routing/offices", headers={"X-API-Key": key})
    assert r.status_code == 200
    body = r.json()
    assert [o["code"] for o in body["offices"]] == ["xzsp", "zygl"]
    assert {"username": "forest_approver2", "name": "孙审批", "office": "zygl"} in body["approvers"]
    r = Client().get("/api/routing/offices", {"department": "SCSJJ"}, headers={"X-API-Key": key})
    assert r.status_code == 404 and r.json()["field"] == "department"
