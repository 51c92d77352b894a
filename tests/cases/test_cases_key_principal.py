"""A department's systems each act under their own key's name: in the case events and the audit log."""
from django.test import Client

from zwfw.accounts.services import issue_api_key
from zwfw.cases.models import AuditLog, CaseEvent


def test_events_and_audit_log_name_the_key_that_acted(hall, ids):
    forestry = hall.dept["省林草局"]
    approval, plain = issue_api_key(forestry, "审批系统对接")
    issue_api_key(forestry, "证照系统对接")
    body = {"item_code": "510000-LC-020-01", "provided": ["申请书", "营业执照"],
            "applicant": {"kind": "organisation", "name": "四川青山林业开发有限公司", "id_number": ids.org()}}
    r = Client().post("/api/cases/", body, content_type="application/json", headers={"X-API-Key": plain})
    assert r.status_code == 201, r.content
    event = CaseEvent.objects.get(case__number=r.json()["number"], kind="applied")
    assert event.actor == approval.user and str(event.actor) == "省林草局接口（审批系统对接）"
    assert [e["actor"] for e in r.json()["events"]] == ["省林草局接口（审批系统对接）"]
    assert AuditLog.objects.filter(case=event.case).values_list("user", flat=True).distinct().get() == approval.user_id
