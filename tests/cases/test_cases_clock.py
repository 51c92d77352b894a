"""The clock on the case: stored deadlines, the warning state, recomputation when the calendar is edited."""
import datetime as dt

from zwfw.cases import services
from zwfw.cases.models import Case
from zwfw.workdays import services as workdays


def test_accepted_2026_02_12_due_2026_03_18_and_the_clock_states(hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 2, 12, 9))
    walk(case, "accept", "forest_clerk", at(2026, 2, 12, 10))
    # Promised 8 working days: 13, 14 (a make-up Saturday), 24, 25, 26, 27, 28 (make-up) February, 2 March.
    assert (case.statutory_due, case.promised_due) == (dt.date(2026, 3, 18), dt.date(2026, 3, 2))
    assert services.clock_of(case, today=dt.date(2026, 2, 25)).state == "normal"
    c = services.clock_of(case, today=dt.date(2026, 2, 26))
    assert (c.state, c.state_label, c.remaining_text) == ("warning", "即将到期", "剩余 3 个工作日")
    assert services.clock_of(case, today=dt.date(2026, 3, 2)).remaining_text == "今日到期"
    c = services.clock_of(case, today=dt.date(2026, 3, 4))
    assert (c.state_label, c.remaining_text) == ("已超期", "已超期 2 个工作日")


def test_editing_the_calendar_recomputes_open_deadlines(hall, open_case, walk, at):
    case = open_case("forest", "forest_clerk", at(2026, 2, 12, 9))
    walk(case, "accept", "forest_clerk", at(2026, 2, 12, 10))
    done = open_case("seed", "forest_clerk", at(2026, 2, 12, 9))
    walk(done, "reject", "forest_clerk", at(2026, 2, 12, 9), reason="不属于本部门职责")
    workdays.set_day(dt.date(2026, 3, 16), "holiday", "清明节")   # a (fictional) extra day off
    case.refresh_from_db()
    assert case.statutory_due == dt.date(2026, 3, 19)
    assert Case.objects.get(pk=done.pk).statutory_due is None
