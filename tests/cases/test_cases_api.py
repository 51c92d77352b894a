"""/api/cases: departments' systems with API keys, clerks with sessions, conflicts and idempotency."""
import pytest
from django.test import Client

from zwfw.accounts.services import issue_api_key
from zwfw.cases.models import Case, CaseEvent


@pytest.fixture
def keys(hall):
    return {short: issue_api_key(hall.dept[short], "审批系统对接")[1] for short in ["省林草局", "省市场监管局"]}


def api(key=None, user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    headers = {"X-API-Key": key} if key else {}

    def call(method, path, body=None, **more):
        fn = getattr(client, method)
        kwargs = {"content_type": "application/json"} if body is not None else {}
        return fn(f"/api/cases{path}", body, headers=headers | more, **kwargs) if body is not None else \
            fn(f"/api/cases{path}", headers=headers | more)
    return call


APPLICATION = {"item_code": "510000-LC-020-01", "provided": ["申请书", "营业执照"],
               "applicant": {"kind": "organisation", "name": "四川青山林业开发有限公司", "id_number": None,
                             "phone": "028-86001234"}}


def test_department_system_pushes_a_case_through_its_life(hall, keys, ids):
    call = api(keys["省林草局"])
    body = APPLICATION | {"applicant": APPLICATION["applicant"] | {"id_number": ids.org()}}
    r = call("post", "/", body, **{"Idempotency-Key": "lc-2026-0001"})
    assert r.status_code == 201, r.content
    case = r.json()
    assert case["status_label"] == "已申请" and case["channel_label"] == "部门系统推送"
    again = call("post", "/", body, **{"Idempotency-Key": "lc-2026-0001"})
    assert again.status_code == 201 and again.json()["number"] == case["number"]
    assert Case.objects.count() == 1 and CaseEvent.objects.filter(kind="applied").count() == 1
    number, version = case["number"], 0
    for event, extra in [("accepted", {}), ("review_started", {}), ("approved", {}), ("issued", {}),
                         ("completed", {"delivery": "post", "tracking_number": "9871234567890"})]:
        r = call("post", f"/{number}/events", {"event": event, "version": version} | extra,
                 **{"Idempotency-Key": f"{number}-{event}"})
        assert r.status_code == 200, r.content
        version = r.json()["version"]
    out = call("get", f"/{number}").json()
    assert out["status_label"] == "已办结" and out["tracking_number"] == "9871234567890"
    assert [e["label"] for e in out["events"]] == ["申请", "受理", "审查", "准予许可", "颁发", "办结"]
    assert out["applicant"]["id_number"] == ids.org()  # the department handles it: unmasked


def test_stale_version_is_409_and_a_retry_with_the_same_key_does_not_act_twice(hall, keys, open_case, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2))
    call = api(keys["省林草局"])
    first = call("post", f"/{case.number}/actions/accept", {"version": 0}, **{"Idempotency-Key": "k1"})
    assert first.status_code == 200 and first.json()["version"] == 1
    retry = call("post", f"/{case.number}/actions/accept", {"version": 0}, **{"Idempotency-Key": "k1"})
    assert retry.status_code == 200 and retry.json() == first.json()
    assert CaseEvent.objects.filter(case=case, kind="accepted").count() == 1
    stale = call("post", f"/{case.number}/actions/reject", {"version": 0, "reason": "材料不全"})
    assert stale.status_code == 409
    assert stale.json() == {"code": "stale_version", "message": "该办件已被他人办理，请刷新后重试。", "field": "version"}
    illegal = call("post", f"/{case.number}/actions/issue", {"version": 1})
    assert illegal.status_code == 409
    assert illegal.json()["message"] == "当前状态为“已受理”，不能执行“颁发”。"
    reused = call("post", f"/{case.number}/actions/start_review", {"version": 1}, **{"Idempotency-Key": "k1"})
    assert reused.status_code == 409 and reused.json()["code"] == "idempotency_key_reused"


def test_a_department_cannot_read_or_act_on_another_departments_case(hall, keys, open_case, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2))
    market = api(keys["省市场监管局"])
    r = market("get", f"/{case.number}")
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    r = market("post", f"/{case.number}/actions/accept", {"version": 0})
    assert r.status_code == 404
    assert case.number not in [c["number"] for c in market("get", "/").json()]
    clerk = api(user=hall.users["market_clerk"])
    assert clerk("post", f"/{case.number}/events", {"event": "accepted", "version": 0}).status_code == 404
    case.refresh_from_db()
    assert case.status == "applied"


def test_session_clerks_errors_and_masking(hall, open_case, at):
    case = open_case("food", "comp", at(2026, 3, 2), applicant="person")
    comp = api(user=hall.users["comp"])
    r = comp("post", f"/{case.number}/actions/reject", {"version": 0})
    assert r.status_code == 400
    assert r.json() == {"code": "reason_required", "message": "请填写不予受理的理由。", "field": "reason"}
    r = comp("post", f"/{case.number}/actions/accept", {"version": 0, "at": "2026-01-01T10:00:00+08:00"})
    assert r.status_code == 403 and r.json()["field"] == "at"
    assert comp("post", f"/{case.number}/actions/accept", {"version": 0}).json()["status_label"] == "已受理"
    staff = api(user=hall.users["staff"])
    seen = staff("get", f"/{case.number}").json()["applicant"]
    assert seen["masked"] and seen["phone"] == "138****5678" and "*" in seen["id_number"]
    assert api()("get", f"/{case.number}").status_code == 401


def test_consultation_registration(hall, keys):
    comp = api(user=hall.users["comp"])
    r = comp("post", "/consultations", {"matter_code": "510000-SJ-100", "people": 2, "topic": "食品经营许可条件"})
    assert r.status_code == 201 and r.json() == {"people": 2, "department": "四川省市场监督管理局", "kind": "咨询"}
    r = comp("post", "/consultations", {"people": 1})
    assert r.status_code == 400 and r.json()["field"] == "department"
