"""Routing inside a department: 流转 to a chosen office or approver, 退回 to the window, 改派 by the lead."""
import pytest

from zwfw.cases import lifecycle
from zwfw.cases.models import CaseEvent
from zwfw.cases.queries import case_filter, find_cases
from zwfw.errors import Conflict, DomainError, Forbidden
from zwfw.routing import services as routing
from zwfw.routing.models import CaseAssignment
from zwfw.stats.models import DailyCount

from .routing_fixtures import accepted, offices  # noqa: F401  (fixtures)


# ---- the transitions table -----------------------------------------------------------------------

def test_the_new_edges_of_the_transitions_table():
    assert lifecycle.check_transition("transferred", "return") == "accepted"
    assert lifecycle.check_transition("reviewing", "return") == "accepted"
    assert lifecycle.check_transition("reviewing", "reassign") == "reviewing"
    assert lifecycle.check_transition("suspended", "reassign") == "suspended"
    assert lifecycle.check_transition("transferred", "reassign") == "transferred"
    for status in ("applied", "correction", "accepted", "suspended", "approved", "completed"):
        with pytest.raises(Conflict, match="不能执行“退回窗口”"):
            lifecycle.check_transition(status, "return")
    for status in ("applied", "accepted", "approved", "denied", "completed"):
        with pytest.raises(Conflict, match="不能执行“改派”"):
            lifecycle.check_transition(status, "reassign")
    assert lifecycle.action("return").needs_reason and lifecycle.action("reassign").needs_reason
    assert lifecycle.may_take("approver", "return") and not lifecycle.may_take("comprehensive_clerk", "return")
    assert lifecycle.may_take("centre_staff", "reassign") and not lifecycle.may_take("department_clerk", "reassign")
    assert lifecycle.EVENT_TO_ACTION["returned"] == "return"  # departments' systems may push it


# ---- 流转 ------------------------------------------------------------------------------------------

def test_transfer_to_a_chosen_office_shows_in_that_offices_worklist(hall, offices, accepted, walk, at):
    case = walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), office="zygl")
    a = CaseAssignment.objects.get(case=case)
    assert (a.office, a.approver) == (offices["resources"], None)
    event = CaseEvent.objects.filter(case=case, kind="transferred").get()
    assert event.note == "流转至资源管理处" and event.data["office"] == "zygl"
    mine = find_cases(hall.users["forest_approver2"], case_filter({"mine": "office"}))
    assert list(mine) == [case]
    assert not find_cases(hall.users["forest_approver"], case_filter({"mine": "office"})).exists()


def test_transfer_to_a_chosen_approver_takes_their_office(hall, offices, accepted, walk, at):
    case = walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), approver="forest_approver2")
    a = CaseAssignment.objects.get(case=case)
    assert (a.office, a.approver) == (offices["resources"], hall.users["forest_approver2"])
    assert list(find_cases(hall.users["forest_approver2"], case_filter({"mine": "me"}))) == [case]
    assert not find_cases(hall.users["forest_approver"], case_filter({"mine": "me"})).exists()
    assert "资源管理处（孙审批）" in CaseEvent.objects.get(case=case, kind="transferred").note


def test_another_departments_office_or_approver_is_refused_at_the_field(hall, offices, accepted, walk, at):
    with pytest.raises(DomainError, match="只能流转至本部门（四川省林业和草原局）的科室：行政审批处、资源管理处") as e:
        walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), office="spjy")
    assert e.value.field == "office"
    with pytest.raises(DomainError, match="只能流转给本部门") as e:
        walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), approver="market_approver")
    assert e.value.field == "approver"
    with pytest.raises(DomainError, match="只能流转至本部门") as e:  # by id, too
        walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), office=str(offices["food"].pk))
    with pytest.raises(DomainError, match="孙审批不在行政审批处") as e:
        walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), office="xzsp", approver="forest_approver2")
    assert e.value.field == "approver"
    with pytest.raises(DomainError, match="请选择流转至本部门的科室或审批人员") as e:
        walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10))
    assert e.value.field == "office"
    accepted.refresh_from_db()
    assert accepted.status == "accepted" and not CaseEvent.objects.filter(case=accepted, kind="transferred").exists()
    assert not CaseAssignment.objects.exists()


def test_each_transfer_is_counted_once(hall, offices, accepted, walk, at):
    case = walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), office="xzsp")
    walk(case, "transfer", "forest_clerk", at(2026, 3, 2, 11), office="zygl")
    assert sum(DailyCount.objects.filter(kind="transferred").values_list("count", flat=True)) == 2


# ---- 退回 ------------------------------------------------------------------------------------------

def test_return_to_the_window_needs_a_reason_and_shows_in_the_windows_worklist(hall, offices, accepted, walk, at):
    case = walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), office="xzsp")
    with pytest.raises(DomainError, match="请填写退回理由") as e:
        walk(case, "return", "forest_approver", at(2026, 3, 3, 10), reason="  ")
    assert e.value.field == "reason"
    case = walk(case, "return", "forest_approver", at(2026, 3, 3, 10), reason="林地现状图比例尺不符，请窗口核实")
    assert case.status == "accepted"
    a = CaseAssignment.objects.get(case=case)
    assert a.returned_reason == "林地现状图比例尺不符，请窗口核实" and a.office is None
    returned = list(find_cases(hall.users["forest_clerk"], case_filter({"mine": "returned"})))
    assert returned == [case] and returned[0].returned_reason == a.returned_reason
    assert CaseEvent.objects.get(case=case, kind="returned").note == "退回窗口：林地现状图比例尺不符，请窗口核实"
    # The window puts it right and hands it over again: no longer a returned case.
    case = walk(case, "transfer", "forest_clerk", at(2026, 3, 3, 15), office="xzsp")
    assert not find_cases(hall.users["forest_clerk"], case_filter({"mine": "returned"})).exists()


def test_the_window_cannot_return_and_an_accepted_case_cannot_be_returned(hall, offices, accepted, walk, at):
    with pytest.raises(Conflict, match="当前状态为“已受理”，不能执行“退回窗口”"):
        walk(accepted, "return", "forest_approver", at(2026, 3, 2, 10), reason="x")
    case = walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), office="xzsp")
    with pytest.raises(Forbidden):
        walk(case, "return", "comp", at(2026, 3, 2, 11), reason="x")


# ---- 改派 ------------------------------------------------------------------------------------------

def test_reassignment_by_the_lead_or_centre_staff_with_reason(hall, offices, accepted, walk, at):
    case = walk(accepted, "transfer", "forest_clerk", at(2026, 3, 2, 10), office="xzsp")
    case = walk(case, "start_review", "forest_approver", at(2026, 3, 2, 11))
    with pytest.raises(Forbidden, match="只有本部门审批负责人或政务平台服务处人员可以改派"):
        walk(case, "reassign", "forest_approver2", at(2026, 3, 2, 12), approver="forest_approver2", reason="x")
    with pytest.raises(DomainError, match="请填写改派理由"):
        walk(case, "reassign", "forest_approver", at(2026, 3, 2, 12), approver="forest_approver2")
    with pytest.raises(DomainError, match="只能流转给本部门") as e:
        walk(case, "reassign", "staff", at(2026, 3, 2, 12), approver="market_approver", reason="工作调整")
    assert e.value.field == "approver"
    case = walk(case, "reassign", "forest_approver", at(2026, 3, 2, 12), approver="forest_approver2",
                reason="原承办人出差")
    assert case.status == "reviewing"
    assert CaseAssignment.objects.get(case=case).approver == hall.users["forest_approver2"]
    note = CaseEvent.objects.get(case=case, kind="reassigned").note
    assert note == "改派：由行政审批处至资源管理处（孙审批）（原承办人出差）"
    with pytest.raises(DomainError, match="已由资源管理处（孙审批）承办"):
        walk(case, "reassign", "staff", at(2026, 3, 2, 13), approver="forest_approver2", reason="再次")
    case = walk(case, "reassign", "staff", at(2026, 3, 2, 13), office="xzsp", reason="按职责分工")
    assert CaseAssignment.objects.get(case=case).office == offices["review"]
    assert not DailyCount.objects.filter(kind__in=["returned", "reassigned"]).exists()


def test_a_member_must_be_of_the_offices_department(hall, offices):
    with pytest.raises(DomainError, match="不是四川省林业和草原局的人员") as e:
        routing.add_member(user=hall.users["market_approver"], office=offices["review"])
    assert e.value.field == "user"
    with pytest.raises(DomainError, match="科室人员应为本部门的审批人员或部门窗口人员"):
        routing.add_member(user=hall.users["comp"], office=offices["review"])


def test_a_worklist_scope_is_checked(hall):
    with pytest.raises(DomainError) as e:
        case_filter({"mine": "everything"})
    assert e.value.field == "mine"
