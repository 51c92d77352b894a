"""The clock and the lifecycle by the law, through the services, the pages, the API and the daily command."""
import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from zwfw.assessment.models import Entry, Rule, RuleSet, SourceMapping
from zwfw.cases import services
from zwfw.cases.models import Case, CaseEvent, Suspension, SuspensionKind
from zwfw.errors import Conflict, DomainError
from zwfw.stats.models import DailyCount
from zwfw.workdays import services as workdays

D = dt.date


def kinds(case):
    return list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))


@pytest.fixture
def rules(db):
    rs = RuleSet.objects.create(version="2026", effective_from=D(2026, 1, 1))
    Rule.objects.create(ruleset=rs, code="K06", description="办件超期", kind="deduction", points=1)
    SourceMapping.objects.create(source_kind="overdue_case", rule_code="K06")


def accepted(open_case, walk, at, key="seed", when=(2026, 3, 2)):
    case = open_case(key, "forest_clerk", at(*when))
    walk(case, "accept", "forest_clerk", at(*when, 11))
    walk(case, "start_review", "forest_clerk", at(*when, 14))
    return case


# ---- rule 1: the decision stops the clock; delivery has its own -------------------------------------------

def test_approved_on_day_2_and_collected_on_day_25_missed_only_the_delivery_clock(hall, rules, open_case, walk, at):
    case = accepted(open_case, walk, at)                     # 林草种子: statutory 20, promised 5 → due 9 March
    walk(case, "approve", "forest_approver", at(2026, 3, 4))  # day 2
    assert (case.decided_on, case.delivery_due) == (D(2026, 3, 4), D(2026, 3, 18))
    c = services.clock_of(case, today=D(2026, 3, 20))
    assert (c.decision_state, c.decision_text) == ("stopped", "已作出准予许可决定，停止计时")
    assert (c.phase, c.delivery_state, c.remaining_text) == ("delivery", "overdue", "颁发送达已超期 2 个工作日")
    walk(case, "issue", "forest_clerk", at(2026, 4, 3))
    walk(case, "complete", "forest_clerk", at(2026, 4, 3), delivery="window")   # day 25
    assert "超过颁发送达期限 12 个工作日" in CaseEvent.objects.get(case=case, kind="completed").note

    call_command("cases", "overdue", "--date", "2026-04-07", stdout=StringIO())
    entry = Entry.objects.get()
    assert entry.source_ref == f"cases.case:{case.number}:delivery" and entry.date == D(2026, 3, 19)
    assert "第四十四条" in entry.evidence and "10 个工作日内颁发、送达" in entry.evidence


def test_a_late_decision_misses_the_decision_clock_only(hall, rules, open_case, walk, at):
    case = accepted(open_case, walk, at)
    walk(case, "deny", "forest_approver", at(2026, 3, 12), reason="种子检验不合格")  # promised 9 March
    assert case.delivery_due is None                                                   # a denial issues nothing
    walk(case, "complete", "forest_clerk", at(2026, 3, 13), delivery="window")
    call_command("cases", "overdue", "--date", "2026-03-20", stdout=StringIO())
    entry = Entry.objects.get()
    assert entry.source_ref == f"cases.case:{case.number}" and entry.date == D(2026, 3, 10)
    assert "未在承诺办结时限内作出决定" in entry.evidence


def test_the_case_page_and_home_show_the_delivery_clock_apart(hall, open_case, walk, at):
    from zwfw.web.dashboards import case_counts

    case = accepted(open_case, walk, at)
    walk(case, "approve", "forest_approver", at(2026, 3, 4))
    client = Client()
    client.force_login(hall.users["forest_clerk"])
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert "颁发送达期限：2026 年 3 月 18 日" in page and "已作出准予许可决定，停止计时" in page
    counts = case_counts(hall.users["forest_clerk"], D(2026, 3, 20))
    assert (counts["overdue"], counts["delivery_overdue"]) == (0, 1)


# ---- rule 2: days saved and the extension ---------------------------------------------------------------

def test_an_extended_case_decided_on_its_original_day_20_saved_nothing(hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 2, 12, 9))
    walk(case, "accept", "forest_clerk", at(2026, 2, 12, 10))
    walk(case, "start_review", "forest_clerk", at(2026, 2, 13))
    promised = case.promised_due
    with pytest.raises(DomainError) as e:
        walk(case, "extend", "forest_approver", at(2026, 3, 6), reason="需征求自然资源部门意见", notified=True)
    assert e.value.field == "approved_by"
    with pytest.raises(DomainError) as e:
        walk(case, "extend", "forest_approver", at(2026, 3, 6), reason="需征求自然资源部门意见", approved_by="王局长")
    assert e.value.field == "notified"
    walk(case, "extend", "forest_approver", at(2026, 3, 6), reason="需征求自然资源部门意见", approved_by="王局长",
         notified=True)
    assert (case.statutory_due, case.promised_due) == (D(2026, 4, 1), promised)   # the promise does not move
    assert (case.extension_approved_by, case.extension_notified_on) == ("王局长", D(2026, 3, 6))
    walk(case, "approve", "forest_approver", at(2026, 3, 18))                     # the original day 20
    assert case.saved_days == 0
    assert services.clock_of(case).saved_text == "在法定时限当日作出决定"


def test_no_extension_after_the_statutory_deadline(hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 2, 12, 9))
    walk(case, "accept", "forest_clerk", at(2026, 2, 12, 10))
    walk(case, "start_review", "forest_clerk", at(2026, 2, 13))
    with pytest.raises(Conflict, match="法定办理期限已于 2026-03-18 届满"):
        walk(case, "extend", "forest_approver", at(2026, 3, 19), reason="补充论证", approved_by="王局长", notified=True)
    case.refresh_from_db()
    assert case.extension_days == 0 and "extended" not in kinds(case)


# ---- rule 3: 补正 once; deemed acceptance ----------------------------------------------------------------

def test_a_second_correction_notice_is_refused_and_the_days_run_from_the_corrected_materials(
        hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 3, 2), provided=["使用林地申请表"])
    walk(case, "request_correction", "forest_clerk", at(2026, 3, 3), reason="营业执照、使用林地可行性报告")
    walk(case, "correct", "forest_clerk", at(2026, 3, 12), provided=["营业执照", "使用林地可行性报告"])
    with pytest.raises(Conflict, match="应当一次告知.*不能再次要求补正"):
        walk(case, "request_correction", "forest_clerk", at(2026, 3, 13), reason="补充法定代表人身份证")
    # Corrected Thursday 12 March: the 5 working days end Thursday 19 March, not 9 March.
    assert services.deemed_accepted(D(2026, 3, 19)) == []
    with pytest.raises(Conflict, match="自补正材料收到之日起即为受理.*不能再作出不予受理决定"):
        walk(case, "reject", "forest_clerk", at(2026, 3, 20), reason="材料不符合法定形式")
    walk(case, "accept", "forest_clerk", at(2026, 3, 20))
    assert (case.accepted_on, case.deemed_accepted) == (D(2026, 3, 12), True)


def test_a_case_nobody_decided_on_is_accepted_by_law_and_can_no_longer_be_refused(hall, open_case, walk, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2))
    with pytest.raises(Conflict, match="自收件之日起即为受理，不能再作出不予受理决定"):
        walk(case, "reject", "forest_clerk", at(2026, 3, 10), reason="申请人不具备条件")
    out = StringIO()
    call_command("cases", "overdue", "--date", "2026-03-20", stdout=out)
    assert "依法视为受理的办件 1 件" in out.getvalue()
    case.refresh_from_db()
    assert (case.status, case.accepted_on, case.deemed_accepted) == ("accepted", D(2026, 3, 2), True)
    event = CaseEvent.objects.get(case=case, kind="accepted")
    assert event.actor is None and event.at.date() <= D(2026, 3, 10) and "第三十二条" in event.note
    assert DailyCount.objects.get(kind="accepted").day == D(2026, 3, 10)
    assert case.promised_due == D(2026, 3, 9)  # 5 working days from receipt
    with pytest.raises(Conflict):
        walk(case, "reject", "forest_clerk", at(2026, 3, 23), reason="申请人不具备条件")  # only 不予许可 now


# ---- rule 4: special procedures of art. 45 ----------------------------------------------------------------

def test_the_laws_procedures_are_seeded_and_a_suspension_records_the_written_notice(hall, open_case, walk, at):
    assert list(SuspensionKind.objects.filter(active=True).values_list("name", flat=True)) == [
        "听证", "招标", "拍卖", "检验", "检测", "检疫", "鉴定", "专家评审"]
    case = accepted(open_case, walk, at)
    for params, field in [({"kind": "expert_review", "expected_days": 5}, "notice"),
                          ({"kind": "expert_review", "notice": "川林审告〔2026〕3 号"}, "expected_days")]:
        with pytest.raises(DomainError) as e:
            walk(case, "suspend", "forest_approver", at(2026, 3, 3), **params)
        assert e.value.field == field
    SuspensionKind.objects.filter(code="quarantine").update(active=False)      # staff retire a kind
    with pytest.raises(DomainError, match="请选择特别程序"):
        walk(case, "suspend", "forest_approver", at(2026, 3, 3), kind="quarantine", notice="x", expected_days=3)
    walk(case, "suspend", "forest_approver", at(2026, 3, 3), kind="expert_review", notice="川林审告〔2026〕3 号",
         expected_days=5, reason="种子品种技术评审")
    s = Suspension.objects.get(case=case)
    assert (s.notice, s.notified_on, s.expected_days) == ("川林审告〔2026〕3 号", D(2026, 3, 3), 5)


def test_editing_the_calendar_recomputes_suspended_days_and_deadlines_and_journals_it(hall, open_case, walk, at):
    case = accepted(open_case, walk, at)                                   # statutory due 30 March
    walk(case, "suspend", "forest_approver", at(2026, 3, 3), kind="testing", notice="检测告知书", expected_days=3)
    walk(case, "resume", "forest_approver", at(2026, 3, 6))                # 4, 5, 6 March: 3 working days
    assert (case.suspended_days, case.statutory_due) == (3, D(2026, 4, 2))
    workdays.set_day(D(2026, 3, 5), "holiday", "清明节")                   # a (fictional) day off inside it
    case.refresh_from_db()
    assert case.suspended_days == 2 and Suspension.objects.get(case=case).working_days == 2
    assert case.statutory_due == D(2026, 4, 2)  # one day less suspended, one day off more: same day
    workdays.set_day(D(2026, 3, 31), "holiday", "清明节")                  # one after it moves the deadline
    case.refresh_from_db()
    assert case.statutory_due == D(2026, 4, 3)
    notes = list(CaseEvent.objects.filter(case=case, kind="deadlines_recomputed").values_list("note", flat=True))
    assert notes == ["工作日历调整（2026 年），已挂起工作日由 3 调整为 2",
                     "工作日历调整（2026 年），法定办结期限由 2026-04-02 调整为 2026-04-03"]


# ---- rule 6: 撤回 and 终止 -----------------------------------------------------------------------------

def test_the_applicant_withdraws_online_before_the_decision(hall, open_case, walk, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2), applicant="person")
    walk(case, "accept", "forest_clerk", at(2026, 3, 2))
    client = Client()
    client.force_login(hall.users["applicant"])
    r = client.post(f"/api/cases/{case.number}/actions/withdraw",
                    {"version": case.version, "reason": "经营计划调整"}, content_type="application/json")
    assert r.status_code == 200, r.content
    assert r.json()["status_label"] == "已撤回" and r.json()["remaining_text"] == "申请人已撤回，停止计时"
    case.refresh_from_db()
    assert case.status == "withdrawn" and case.reason == "申请人网上撤回申请：经营计划调整"
    assert DailyCount.objects.get(kind="withdrawn").count == 1
    assert not Case.objects.filter(pk=case.pk, status__in=["applied", "accepted"]).exists()


def test_no_withdrawal_after_the_decision_and_no_licence_after_one(hall, open_case, walk, at):
    from zwfw.licences.models import Licence

    case = accepted(open_case, walk, at)
    walk(case, "withdraw", "forest_clerk", at(2026, 3, 3), reason="申请人到窗口书面申请撤回")
    assert case.reason == "申请人在窗口申请撤回：申请人到窗口书面申请撤回"
    assert not Licence.objects.filter(case=case).exists()
    decided = accepted(open_case, walk, at)
    walk(decided, "approve", "forest_approver", at(2026, 3, 3))
    with pytest.raises(Conflict, match="当前状态为“准予许可”，不能执行“撤回申请”"):
        walk(decided, "withdraw", "forest_clerk", at(2026, 3, 4))


def test_staff_terminate_a_suspended_case_with_a_ground(hall, open_case, walk, at):
    case = accepted(open_case, walk, at)
    walk(case, "suspend", "forest_approver", at(2026, 3, 3), kind="hearing", notice="听证告知书", expected_days=10)
    with pytest.raises(DomainError) as e:
        walk(case, "terminate", "forest_approver", at(2026, 3, 5), kind="", reason="")
    assert e.value.field == "kind"
    walk(case, "terminate", "forest_approver", at(2026, 3, 5), kind="dissolved", reason="已办理注销登记")
    assert case.status == "terminated" and case.suspended_since is None and case.suspended_days == 2
    assert case.reason == "申请人（法人或者其他组织）依法终止：已办理注销登记"
    assert kinds(case)[-1] == "terminated" and DailyCount.objects.get(kind="terminated").count == 1
    assert services.clock_of(case, today=D(2026, 6, 1)).remaining_text == "已终止办理，停止计时"


def test_case_page_offers_withdraw_and_terminate(hall, open_case, walk, at):
    case = accepted(open_case, walk, at)
    client = Client()
    client.force_login(hall.users["forest_approver"])
    page = client.get(f"/cases/{case.number}/").content.decode()
    assert "终止办理" in page and "申请事项依法不再需要取得行政许可" in page
    r = client.post(f"/cases/{case.number}/act/terminate", {"version": case.version, "kind": "not_applicable",
                                                            "reason": "该事项已取消审批"}, follow=True)
    assert "已终止办理" in r.content.decode()
    assert Case.objects.get(pk=case.pk).status == "terminated"


# ---- rule 9: a year without calendar data never blocks a window ------------------------------------------

def test_on_30_november_a_20_day_item_is_accepted_and_2027_deadlines_are_provisional_until_entered(
        hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 11, 30, 9))
    walk(case, "accept", "forest_clerk", at(2026, 11, 30, 10))
    assert case.statutory_due == D(2026, 12, 28) and not services.clock_of(case, today=D(2026, 12, 1)).provisional
    walk(case, "start_review", "forest_clerk", at(2026, 12, 1))
    walk(case, "extend", "forest_approver", at(2026, 12, 2), reason="需组织现场勘验", approved_by="王局长", notified=True)
    assert case.statutory_due == D(2027, 1, 11)                          # 2027 counted Monday to Friday
    c = services.clock_of(case, today=D(2026, 12, 2))
    assert c.provisional and c.provisional_note == "暂按常规工作日计算"
    client = Client()
    client.force_login(hall.users["forest_clerk"])
    assert "暂按常规工作日计算" in client.get(f"/cases/{case.number}/").content.decode()
    assert client.get(f"/api/cases/{case.number}").json()["provisional"] is True
    # The 2027 notice is entered: 1 January is a holiday. The deadline is recomputed and no longer provisional.
    workdays.set_day(D(2027, 1, 1), "holiday", "元旦")
    workdays.set_year(2027, complete=True)
    case.refresh_from_db()
    assert case.statutory_due == D(2027, 1, 12) and not services.clock_of(case, today=D(2026, 12, 3)).provisional
    assert "法定办结期限由 2027-01-11 调整为 2027-01-12" in CaseEvent.objects.filter(
        case=case, kind="deadlines_recomputed").last().note


# ---- rule 10: received on a non-working day ---------------------------------------------------------------

def test_an_application_received_on_a_saturday_counts_from_monday(hall, open_case, walk, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 7))               # Saturday
    assert services.deemed_accepted(D(2026, 3, 16)) == []                 # 5 working days from Monday 9 March
    assert [c.number for c in services.deemed_accepted(D(2026, 3, 17))] == [case.number]
    walk(case, "accept", "forest_clerk", at(2026, 3, 7, 15))              # accepted on the Saturday itself
    monday = open_case("seed", "forest_clerk", at(2026, 3, 9))
    walk(monday, "accept", "forest_clerk", at(2026, 3, 9))
    assert (case.statutory_due, case.promised_due) == (monday.statutory_due, monday.promised_due)
    assert case.received_on == D(2026, 3, 7)                              # the record keeps the real day


def test_the_applicant_withdraws_from_the_portal_page(hall, open_case, walk, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2), applicant="person")
    client = Client()
    client.force_login(hall.users["applicant"])
    page = client.get(f"/feedback/portal/cases/{case.number}/").content.decode()
    assert "撤回申请" in page
    r = client.post(f"/cases/{case.number}/act/withdraw", {"version": case.version}, follow=True)
    assert "已撤回申请" in r.content.decode()
    assert Case.objects.get(pk=case.pk).status == "withdrawn"
