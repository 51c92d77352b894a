"""Acceptance through the API and the acceptance form: every malformed input is an error at the field and
writes nothing; a refusal for authorisation writes nothing; a refusal at acceptance is a record."""
import datetime as dt

import pytest
from django.test import Client

from zwfw.accounts.services import issue_api_key
from zwfw.cases.models import Applicant, Case, CaseEvent
from zwfw.identifiers import uscc_check_char
from zwfw.stats.models import DailyCount

FOOD = "510000-SJ-100-01"
FOOD_MATERIALS = ["食品经营许可申请书", "营业执照复印件", "法定代表人身份证"]
_CODE = "91510100MA61R8XK1"
BAD_USCC = _CODE + ("Y" if uscc_check_char(_CODE) != "Y" else "X")


def counts() -> dict:
    return {"cases": Case.objects.count(), "events": CaseEvent.objects.count(),
            "applicants": list(Applicant.objects.order_by("pk").values_list("pk", "phone", "address")),
            "counters": sum(DailyCount.objects.values_list("count", flat=True))}


@pytest.fixture
def post(hall):
    key = issue_api_key(hall.dept["省市场监管局"], "审批系统对接")[1]

    def _post(body, api_key=key):
        return Client().post("/api/cases/", body, content_type="application/json", headers={"X-API-Key": api_key})

    return _post


@pytest.fixture
def application(hall, ids):
    return {"item_code": FOOD, "provided": FOOD_MATERIALS, "decision": "accept",
            "applicant": {"kind": "organisation", "name": "四川青山林业开发有限公司", "id_number": ids.org(),
                          "phone": "028-86001234"}}


MALFORMED = [
    ("item_code", {"item_code": "510000-XX-999-01"}, "没有编码为“510000-XX-999-01”的办理项，请核对办理项编码。"),
    ("item_code", {"item_code": " "}, "请填写办理项编码。"),
    ("id_number", {"applicant": {"id_number": BAD_USCC}}, "校验"),
    ("name", {"applicant": {"name": " "}}, "请填写申请人姓名或名称。"),
    ("phone", {"applicant": {"phone": "12345"}}, "联系电话格式不正确"),
    ("kind", {"applicant": {"kind": "robot"}}, "申请人类型应为自然人或法人或其他组织。"),
    ("provided", {"provided": ["食品经营许可申请书"]}, "申请材料不齐全，不能受理：缺少营业执照复印件、法定代表人身份证"),
    ("provided", {"provided": [*FOOD_MATERIALS, "承诺书"]}, "“承诺书”不是该办理项办事指南所列的申请材料。"),
    ("promised", {"promised": ["法定代表人身份证"]}, "“法定代表人身份证”不能以告知承诺代替，须提交材料。"),
    ("deferred", {"deferred": ["法定代表人身份证"]}, "不是办事指南标明的容缺材料"),
    ("decision", {"decision": "maybe"}, "处理方式应为"),
    ("decision", {"decision": "reject"}, "申请材料已齐全，不能以材料不齐全为由不予受理。"),
]


def _merge(base: dict, change: dict) -> dict:
    out = base | change
    if "applicant" in change:
        out["applicant"] = base["applicant"] | change["applicant"]
    return out


@pytest.mark.parametrize("field, change, message", MALFORMED, ids=[f"{m[0]}-{n}" for n, m in enumerate(MALFORMED)])
def test_api_rejects_malformed_input_at_the_field_and_writes_nothing(hall, post, application, field, change, message):
    before = counts()
    r = post(_merge(application, change))
    assert r.status_code == 400, r.content
    assert r.json()["field"] == field and message in r.json()["message"]
    assert counts() == before


@pytest.mark.parametrize("field, change, message", MALFORMED, ids=[f"{m[0]}-{n}" for n, m in enumerate(MALFORMED)])
def test_acceptance_form_rejects_malformed_input_at_the_field_keeps_it_and_writes_nothing(
        hall, application, field, change, message):
    body = _merge(application, change)
    form = {k: v for k, v in body.items() if k != "applicant"} | body["applicant"]
    client = Client()
    client.force_login(hall.users["comp"])
    before = counts()
    r = client.post("/cases/new", form)
    page = r.content.decode()
    assert r.status_code == 200 and message in page
    assert counts() == before
    for name in ("name", "id_number", "phone", "item_code"):  # everything the clerk typed is still there
        if form.get(name, "").strip():
            assert f'name="{name}"' in page and f'value="{form[name]}"' in page, name


def test_a_request_refused_for_authorisation_writes_nothing(hall, post, application):
    org = hall.applicants["org"]
    forest_key = issue_api_key(hall.dept["省林草局"], "审批系统对接")[1]
    body = application | {"applicant": application["applicant"] | {"phone": "13900000000", "address": "成都市天府大道 1 号"}}
    before = counts()
    r = post(body, api_key=forest_key)  # the forest bureau's system may not file the market regulator's matters
    assert r.status_code == 403
    org.refresh_from_db()
    assert (org.phone, org.address) == ("028-86001234", "") and counts() == before


def test_api_on_the_spot_refusal_and_acceptance_outcomes(hall, post, application, calendar_through_next_year):
    from zwfw.credit import services as credit

    ok = post(application)
    assert ok.status_code == 201 and ok.json()["status_label"] == "已受理"
    credit.list_applicant(actor=hall.users["market_approver"], applicant=hall.applicants["org"],
                          department=hall.dept["省市场监管局"], reason="提交虚假材料骗取许可", whole_department=True,
                          start_date=dt.date(2026, 1, 5), years=1)
    refused = post(application)
    assert refused.status_code == 201
    out = refused.json()
    assert out["status_label"] == "不予受理" and "异常名录" in out["reason"]
    assert out["legal_basis"] == "《中华人民共和国行政许可法》第七十八条"
    assert [e["label"] for e in out["events"]] == ["申请", "不予受理"]
