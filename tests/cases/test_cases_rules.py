"""Pure rules: the state machine, the clock, case numbers, automatic-approval conditions. No database."""
import datetime as dt

import chinese_calendar
import pytest

from zwfw.cases import clock, lifecycle, numbering, rules
from zwfw.errors import Conflict, Forbidden
from zwfw.workdays.calendar import Calendar


@pytest.fixture(scope="module")
def cal():
    return Calendar(chinese_calendar.constants.holidays, chinese_calendar.constants.workdays, range(2004, 2027))


def test_accepted_2026_02_12_with_20_working_days_is_due_2026_03_18(cal):
    # Spring Festival 2026: 15—23 February off, Saturday 14 and Saturday 28 February worked.
    d = clock.deadlines(cal, dt.date(2026, 2, 12), 20, 8)
    assert d.statutory_due == dt.date(2026, 3, 18)


def test_a_three_working_day_suspension_moves_the_deadline_by_three_working_days(cal):
    # Suspended on Monday 2 March, resumed Thursday 5 March: 3, 4 and 5 March do not count.
    days = clock.suspended_working_days(cal, dt.date(2026, 3, 2), dt.date(2026, 3, 5))
    assert days == 3
    d = clock.deadlines(cal, dt.date(2026, 2, 12), 20, 8, suspended_days=days)
    assert d.statutory_due == dt.date(2026, 3, 23) == cal.add(dt.date(2026, 3, 18), 3)


def test_extension_adds_ten_working_days(cal):
    d = clock.deadlines(cal, dt.date(2026, 2, 12), 20, 8, extension_days=clock.EXTENSION_DAYS)
    assert d.statutory_due == cal.add(dt.date(2026, 3, 18), 10) == dt.date(2026, 4, 1)


def test_clock_states_warn_three_working_days_before_the_promised_deadline(cal):
    due = dt.date(2026, 3, 18)  # Wednesday
    assert clock.state(cal, dt.date(2026, 3, 12), due) == clock.NORMAL       # 4 left
    assert clock.state(cal, dt.date(2026, 3, 13), due) == clock.WARNING      # 3 left
    assert clock.state(cal, dt.date(2026, 3, 18), due) == clock.WARNING      # due today
    assert clock.state(cal, dt.date(2026, 3, 19), due) == clock.OVERDUE
    assert clock.state(cal, dt.date(2026, 3, 12), due, warning_days=5) == clock.WARNING
    assert clock.remaining_sentence(clock.remaining(cal, dt.date(2026, 3, 20), due), clock.OVERDUE) == "已超期 2 个工作日"


def test_saved_days_sentence(cal):
    n = clock.saved_days(cal, dt.date(2026, 2, 26), dt.date(2026, 3, 18))
    assert n == 15  # Saturday 28 February 2026 is a make-up working day
    assert clock.saved_sentence(n) == "较法定时限提前 15 个工作日"


def test_correction_notice_more_than_five_working_days_after_receipt_is_late(cal):
    received = dt.date(2026, 3, 2)  # Monday
    assert not clock.correction_notice_late(cal, received, dt.date(2026, 3, 9))  # 5th working day
    assert clock.correction_notice_late(cal, received, dt.date(2026, 3, 10))


def test_illegal_steps_are_refused_in_chinese():
    with pytest.raises(Conflict) as e:
        lifecycle.check_transition("accepted", "issue")
    assert e.value.message == "当前状态为“已受理”，不能执行“颁发”。"
    assert lifecycle.check_transition("transferred", "transfer") == "transferred"  # several transfers
    assert lifecycle.check_transition("reviewing", "extend") == "reviewing"
    for code in lifecycle.ACTIONS:
        with pytest.raises(Conflict):
            lifecycle.check_transition("completed", code)


def test_who_may_do_what():
    assert [a.label for a in lifecycle.allowed_actions("applied", "comprehensive_clerk")] == [
        "受理", "不予受理", "一次性告知补正", "撤回申请", "终止办理"]
    assert [a.label for a in lifecycle.allowed_actions("reviewing", "approver")] == [
        "退回窗口", "改派", "挂起（特别程序）", "延长办理期限", "准予许可", "不予许可", "终止办理"]
    assert [a.code for a in lifecycle.allowed_actions("reviewing", "applicant")] == ["withdraw"]
    assert not lifecycle.allowed_actions("approved", "applicant")  # withdrawal ends at the decision
    assert "suspend" not in [a.code for a in lifecycle.allowed_actions("reviewing", "department_clerk")]
    assert not lifecycle.allowed_actions("reviewing", "leader")
    with pytest.raises(Forbidden, match="综合窗口人员不能执行“准予许可”"):
        lifecycle.check_role("comprehensive_clerk", "综合窗口人员", "approve")


def test_case_numbers():
    n = numbering.case_number(dt.date(2026, 2, 12), 42)
    assert n == "51000020260212000042" and numbering.looks_like_number(n)
    assert numbering.bundle_number(dt.date(2026, 2, 12), 7).startswith("YJS510000")


def test_automatic_approval_conditions():
    conditions = rules.check_conditions([{"kind": "materials_complete"}, {"kind": "not_listed"},
                                         {"kind": "licence_valid", "licence_kind": "营业执照"}])
    ok = rules.Facts(materials_complete=True, listed=False, licence_kinds=frozenset({"营业执照"}))
    assert rules.unmet(conditions, ok) == []
    bad = rules.Facts(materials_complete=False, listed=True, licence_kinds=frozenset())
    assert rules.unmet(conditions, bad) == ["申请材料齐全", "申请人未被列入异常名录", "持有有效的营业执照"]
    with pytest.raises(Exception, match="证照种类"):
        rules.check_conditions([{"kind": "licence_valid"}])
