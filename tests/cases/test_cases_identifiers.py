"""The acceptance form and the API refuse mistyped identifiers at the field, saying what is wrong,
and write nothing: region codes (GB/T 2260), birth dates, USCC parts and the organisation code."""
import pytest
from django.test import Client

from zwfw.accounts.services import issue_api_key
from zwfw.cases.models import Applicant, Case
from zwfw.identifiers import make_resident_id, make_uscc

WRONG = [
    ("person", make_resident_id("51019919900307123"), "前 6 位“510199”不是行政区划代码"),
    ("person", make_resident_id("51010818991231123"), "早于 1900 年"),
    ("person", make_resident_id("51010821000101123"), "晚于今天"),
    ("organisation", make_uscc("94510100MA61R8XK"), "机构类别代码“4”不属于登记管理部门“工商”"),
    ("organisation", make_uscc("91510199MA61R8XK"), "第 3—8 位“510199”不是登记管理机关的行政区划代码"),
    ("organisation", "91510100MA61R8XK23", "组织机构代码“MA61R8XK2”的校验码不正确"),
]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("kind, number, words", WRONG)
def test_the_acceptance_form_names_what_is_wrong_and_writes_nothing(hall, kind, number, words):
    comp = _client(hall.users["comp"])
    assert words in comp.get("/cases/new/check-id", {"kind": kind, "id_number": number}).content.decode()
    page = comp.post("/cases/new", {"kind": kind, "name": "王芳", "id_number": number,
                                    "item_code": "510000-SJ-100-01"}).content.decode()
    assert words in page
    assert not Case.objects.exists() and not Applicant.objects.filter(id_number=number).exists()


@pytest.mark.parametrize("kind, number, words", WRONG)
def test_the_api_answers_400_at_the_field(hall, kind, number, words):
    key = issue_api_key(hall.dept["省林草局"], "审批系统对接")[1]
    body = {"item_code": "510000-LC-020-01", "provided": ["申请书"],
            "applicant": {"kind": kind, "name": "王芳", "id_number": number}}
    r = Client().post("/api/cases/", body, content_type="application/json", headers={"X-API-Key": key})
    assert r.status_code == 400, r.content
    assert r.json()["field"] == "id_number" and words in r.json()["message"]
    assert not Case.objects.exists() and not Applicant.objects.filter(id_number=number).exists()
