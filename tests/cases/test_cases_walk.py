"""Real cases walked through every branch of the lifecycle, through the services."""
import datetime as dt

import pytest

from zwfw.cases import services
from zwfw.cases.models import Case, CaseEvent, Suspension
from zwfw.errors import Conflict, DomainError, Forbidden
from zwfw.stats.models import DailyCount


def kinds(case):
    return list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))


def test_forest_case_from_window_to_post_with_suspension_and_extension(hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 2, 12, 9), provided=["使用林地申请表", "营业执照", "使用林地可行性报告"])
    assert case.status == "applied" and case.number.startswith("51000020260212")
    walk(case, "accept", "forest_clerk", at(2026, 2, 12, 10))
    assert case.accepted_on == dt.date(2026, 2, 12)
    assert case.statutory_due == dt.date(2026, 3, 18)       # 20 working days over the Spring Festival
    walk(case, "transfer", "forest_clerk", at(2026, 2, 12, 11), to="森林资源管理处")
    walk(case, "start_review", "forest_approver", at(2026, 2, 13))
    walk(case, "suspend", "forest_approver", at(2026, 3, 2), kind="appraisal", reason="林地界线鉴定",
         notice="川林审告〔2026〕12 号", expected_days=3)
    assert case.status == "suspended"
    walk(case, "resume", "forest_approver", at(2026, 3, 5))
    assert case.suspended_days == 3
    assert case.statutory_due == dt.date(2026, 3, 23)       # moved by 3 working days
    assert Suspension.objects.get(case=case).working_days == 3
    walk(case, "extend", "forest_approver", at(2026, 3, 6), reason="需征求自然资源部门意见", approved_by="王局长",
         notified=True)
    assert case.extension_days == 10 and case.statutory_due == dt.date(2026, 4, 7)
    with pytest.raises(Conflict, match="只能延长一次"):
        walk(case, "extend", "forest_approver", at(2026, 3, 9), reason="再次延长", approved_by="王局长", notified=True)
    walk(case, "approve", "forest_approver", at(2026, 3, 10))
    walk(case, "issue", "forest_clerk", at(2026, 3, 10, 15))
    with pytest.raises(DomainError, match="请填写邮件号"):
        walk(case, "complete", "forest_clerk", at(2026, 3, 11), delivery="post")
    walk(case, "complete", "forest_clerk", at(2026, 3, 11), delivery="post", tracking_number="1151234567890")
    case.refresh_from_db()
    assert case.status == "completed" and case.tracking_number == "1151234567890"
    # Decided on 10 March against the statutory deadline without the extension (23 March): 9 days saved.
    assert case.saved_days == 9 and case.decided_on == dt.date(2026, 3, 10)
    assert services.clock_of(case).saved_text == "较法定时限提前 9 个工作日"
    assert kinds(case) == ["applied", "accepted", "transferred", "review_started", "suspended", "resumed", "extended",
                           "approved", "issued", "completed"]
    actors = set(CaseEvent.objects.filter(case=case).values_list("actor__username", flat=True))
    assert actors == {"forest_clerk", "forest_approver"}
    assert case.version == 9  # nine actions after the application


def test_every_event_is_counted_in_the_daily_figures_in_the_same_transaction(hall, open_case, walk, at):
    case = open_case("food", "comp", at(2026, 3, 2, 9))
    walk(case, "accept", "comp", at(2026, 3, 2, 9, 5))
    walk(case, "transfer", "comp", at(2026, 3, 2, 9, 10))
    walk(case, "transfer", "comp", at(2026, 3, 2, 16), to="食品经营监管处")  # transferred twice: 2 件次
    counts = {k: c for k, c in DailyCount.objects.filter(day=dt.date(2026, 3, 2)).values_list("kind", "count")}
    assert counts == {"accepted": 1, "transferred": 2}
    assert DailyCount.objects.filter(comprehensive=True).count() == 2


def test_refused_acceptance_with_reason_and_nothing_written_without_one(hall, open_case, walk, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2))
    with pytest.raises(DomainError, match="请填写不予受理的理由"):
        walk(case, "reject", "forest_clerk", at(2026, 3, 2), reason="  ")
    case.refresh_from_db()
    assert case.status == "applied" and case.version == 0 and kinds(case) == ["applied"]
    walk(case, "reject", "forest_clerk", at(2026, 3, 2), reason="申请人不具备林草种子生产经营条件")
    assert case.status == "rejected" and case.reason == "申请人不具备林草种子生产经营条件"
    with pytest.raises(Conflict, match="当前状态为“不予受理”，不能执行“受理”"):
        walk(case, "accept", "forest_clerk", at(2026, 3, 3))


def test_denied_case_is_completed_with_the_decision_letter(hall, open_case, walk, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2))
    walk(case, "accept", "forest_clerk", at(2026, 3, 2))
    walk(case, "start_review", "forest_clerk", at(2026, 3, 3))
    walk(case, "deny", "forest_approver", at(2026, 3, 4), reason="种子检验不合格")
    with pytest.raises(Conflict, match="当前状态为“不予许可”，不能执行“颁发”"):
        walk(case, "issue", "forest_clerk", at(2026, 3, 4))
    walk(case, "complete", "forest_clerk", at(2026, 3, 5), delivery="window")
    assert case.status == "completed" and case.reason == "种子检验不合格"


def test_issuing_a_licence_item_issues_the_electronic_licence(hall, open_case, walk, at):
    from zwfw.licences.models import Licence

    case = open_case("seed", "forest_clerk", at(2026, 3, 2))
    for code, who in [("accept", "forest_clerk"), ("start_review", "forest_clerk"), ("approve", "forest_approver"),
                      ("issue", "forest_clerk")]:
        walk(case, code, who, at(2026, 3, 3))
    licence = Licence.objects.get(case=case)
    assert licence.kind.name == "林草种子生产经营许可证" and licence.holder == hall.applicants["org"]
    event = CaseEvent.objects.get(case=case, kind="issued")
    assert event.data["licence"] == licence.identifier


def test_illegal_step_is_refused_with_the_status_named(hall, open_case, walk, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2))
    walk(case, "accept", "forest_clerk", at(2026, 3, 2))
    with pytest.raises(Conflict) as e:
        walk(case, "issue", "forest_clerk", at(2026, 3, 2))
    assert e.value.message == "当前状态为“已受理”，不能执行“颁发”。"


def test_roles_and_departments_are_enforced(hall, open_case, walk, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2))
    with pytest.raises(Forbidden, match="只能办理本部门"):
        walk(case, "accept", "market_clerk", at(2026, 3, 2))
    with pytest.raises(Forbidden, match="只能查看"):
        walk(case, "accept", "leader", at(2026, 3, 2))
    walk(case, "accept", "forest_clerk", at(2026, 3, 2))
    walk(case, "start_review", "forest_clerk", at(2026, 3, 2))
    with pytest.raises(Forbidden, match="部门窗口人员不能执行“挂起（特别程序）”"):
        walk(case, "suspend", "forest_clerk", at(2026, 3, 3), kind="expert_review")
    with pytest.raises(Forbidden, match="部门窗口人员不能执行“延长办理期限”"):
        walk(case, "extend", "forest_clerk", at(2026, 3, 3), reason="x")
    assert kinds(case) == ["applied", "accepted", "review_started"]


def test_a_stale_version_is_a_conflict_and_changes_nothing(hall, open_case, at):
    case = open_case("food", "comp", at(2026, 3, 2))
    mine = Case.objects.get(pk=case.pk)
    theirs = Case.objects.get(pk=case.pk)
    services.accept(mine, actor=hall.users["comp"], version=0, at=at(2026, 3, 2, 10))
    with pytest.raises(Conflict) as e:
        services.reject(theirs, actor=hall.users["market_clerk"], version=0, reason="材料不全", at=at(2026, 3, 2, 10))
    assert e.value.message == "该办件已被他人办理，请刷新后重试。"
    case.refresh_from_db()
    assert case.status == "accepted" and case.version == 1
    assert kinds(case) == ["applied", "accepted"]


def test_correction_within_five_working_days_starts_the_clock_at_acceptance(hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 3, 2), provided=["使用林地申请表"])
    walk(case, "request_correction", "forest_clerk", at(2026, 3, 6), reason="")  # the missing materials by default
    assert case.status == "correction" and not case.correction_late
    assert CaseEvent.objects.get(case=case, kind="correction_requested").note == "营业执照、使用林地可行性报告"
    walk(case, "correct", "forest_clerk", at(2026, 3, 16), provided=["营业执照", "使用林地可行性报告"])
    assert all(m["provided"] for m in case.materials)
    walk(case, "accept", "forest_clerk", at(2026, 3, 17))
    assert case.accepted_on == dt.date(2026, 3, 17)


def test_correction_notice_after_five_working_days_counts_as_accepted_from_receipt(hall, open_case, walk, at):
    # Received Monday 2 March 2026; the 5 working days end on Monday 9 March.
    case = open_case("forest", "forest_clerk", at(2026, 3, 2), provided=["使用林地申请表"])
    assert services.deemed_accepted(dt.date(2026, 3, 9)) == []
    assert [c.number for c in services.deemed_accepted(dt.date(2026, 3, 10))] == [case.number]
    walk(case, "request_correction", "forest_clerk", at(2026, 3, 10), reason="补充使用林地可行性报告")
    # The late notice is recorded, and the law has the case accepted from receipt all the same.
    assert case.correction_late and case.status == "accepted" and case.deemed_accepted
    assert case.accepted_on == dt.date(2026, 3, 2)
    assert case.statutory_due == dt.date(2026, 3, 30)
    assert kinds(case) == ["applied", "correction_requested", "accepted"]
    assert "自收件之日起即为受理" in CaseEvent.objects.get(case=case, kind="accepted").note


def test_suspension_kind_is_required(hall, open_case, walk, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2))
    walk(case, "accept", "forest_clerk", at(2026, 3, 2))
    walk(case, "start_review", "forest_clerk", at(2026, 3, 2))
    with pytest.raises(DomainError, match="听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审"):
        walk(case, "suspend", "forest_approver", at(2026, 3, 3), kind="lunch")
    case.refresh_from_db()
    assert case.status == "reviewing"
