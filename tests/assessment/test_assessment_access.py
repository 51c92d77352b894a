"""Who may see and change scores: a department clerk sees the table and its own entries,
and can never change a score — not by page, not by API, not with its own API key."""
import datetime as dt
import json

from zwfw.accounts.services import issue_api_key
from zwfw.assessment import queries, services
from zwfw.assessment.models import Entry

DEC = dt.date(2023, 12, 1)


def _entry(depts, staff, name="水利厅", evidence="12 月 5 日巡查发现未按时到岗"):
    return services.add_entry(staff, department=depts[name], month=DEC, rule_code="3.1",
                              on_date=dt.date(2023, 12, 5), evidence=evidence)


def _score(name):
    return next(r["score"] for r in queries.month_table(DEC) if r["department"] == name)


def test_clerk_cannot_enter_a_score_for_its_own_window_by_page(client, depts, rules, clerk):
    client.force_login(clerk)
    before = _score("水利厅")
    form = client.get("/assessment/entries/new/?month=2023-12")
    assert form.status_code == 403 and "部门窗口人员不能窗口考核评分" in form.content.decode()
    r = client.post("/assessment/entries/new/", {"month": "2023-12", "department": depts["水利厅"].pk,
                                                  "rule": "5.1", "date": "2023-12-10", "evidence": "自评加分"})
    assert r.status_code == 403 and "不能窗口考核评分" in r.content.decode()
    assert _score("水利厅") == before and not Entry.objects.exists()


def test_clerk_cannot_confirm_a_proposal_for_its_own_window_by_page(client, depts, rules, clerk):
    proposal = services.propose_entry(depts["水利厅"], dt.date(2023, 12, 6), "commendation", "hall.commendation:1",
                                      "通报表扬")
    client.force_login(clerk)
    r = client.post("/assessment/proposals/", {"entry": proposal.pk, "action": "confirm"})
    assert r.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Entry.PROPOSED and _score("水利厅") == 100


def test_clerk_cannot_change_scores_by_api_session_or_key(client, depts, rules, clerk, staff):
    proposal = services.propose_entry(depts["水利厅"], dt.date(2023, 12, 6), "inspection_finding", "hall.finding:3",
                                      "未佩戴工作牌")
    client.force_login(clerk)
    body = {"department": depts["水利厅"].pk, "month": "2023-12", "rule": "5.1", "date": "2023-12-10",
            "evidence": "自评加分"}
    r = client.post("/api/assessment/entries", json.dumps(body), content_type="application/json")
    assert r.status_code == 403
    assert r.json()["message"] == "部门窗口人员不能窗口考核评分。"
    r = client.post(f"/api/assessment/entries/{proposal.pk}/reject", json.dumps({"reason": "不认可"}),
                    content_type="application/json")
    assert r.status_code == 403
    client.logout()
    _, key = issue_api_key(depts["水利厅"], "审批系统对接")
    r = client.post(f"/api/assessment/entries/{proposal.pk}/reject", json.dumps({"reason": "不认可"}),
                    content_type="application/json", HTTP_X_API_KEY=key)
    assert r.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == Entry.PROPOSED and not Entry.objects.filter(status=Entry.CONFIRMED).exists()


def test_staff_enter_and_confirm_through_page_and_api(client, depts, rules, staff):
    client.force_login(staff)
    r = client.post("/assessment/entries/new/", {"month": "2023-12", "department": depts["司法厅"].pk,
                                                  "rule": "5.1", "date": "2023-12-10", "evidence": "司法部通报表扬"})
    assert r.status_code == 302
    proposal = services.propose_entry(depts["司法厅"], dt.date(2023, 12, 6), "inspection_finding", "hall.finding:4",
                                      "未按时到岗")
    r = client.post(f"/api/assessment/entries/{proposal.pk}/confirm", "{}", content_type="application/json")
    assert r.status_code == 200 and r.json()["status"] == "confirmed"
    table = client.get("/api/assessment/table?month=2023-12").json()
    assert next(r for r in table if r["department"] == "司法厅")["score"] == "100.5"
    page = client.get("/assessment/?month=2023-12").content.decode()
    assert "100.5" in page and "2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果" in page


def test_clerk_sees_the_table_and_only_its_own_entries(client, depts, rules, clerk, staff):
    _entry(depts, staff, "水利厅", "水利厅窗口迟到")
    _entry(depts, staff, "司法厅", "司法厅窗口迟到")
    client.force_login(clerk)
    table = client.get("/assessment/?month=2023-12").content.decode()
    assert "司法厅" in table and "水利厅" in table
    own = client.get(f"/assessment/windows/{depts['水利厅'].pk}/?month=2023-12").content.decode()
    assert "水利厅窗口迟到" in own and "99.5" in own
    assert client.get(f"/assessment/windows/{depts['司法厅'].pk}/?month=2023-12").status_code == 404
    api = client.get("/api/assessment/entries?month=2023-12").json()
    assert [e["evidence"] for e in api] == ["水利厅窗口迟到"]
