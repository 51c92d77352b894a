"""Counted where it happened: every event records the window that acted."""
import datetime as dt

import pytest

from zwfw.cases import windows
from zwfw.cases.models import CaseEvent
from zwfw.stats import queries


@pytest.mark.parametrize("role, channel, expected", [
    ("comprehensive_clerk", "window", "comprehensive"),
    ("centre_staff", None, "comprehensive"),
    ("department_clerk", "window", "department"),
    ("approver", "online", "department"),
    ("api_client", "api", "department_system"),
    ("applicant", "online", "online"),
    (None, "online", "online"),       # rule-based approval of an online application
    (None, "api", "department_system"),
    (None, "window", "department"),
])
def test_the_acting_window_follows_the_actor_then_the_channel(role, channel, expected):
    assert windows.acting_window(role, channel) == expected
    assert windows.label(expected) in {"综合窗口", "部门窗口", "部门自建系统", "网上办理"}


def test_the_comprehensive_window_counts_the_result_it_hands_out_for_a_department_case(hall, open_case, walk, at):
    """A case applied at the department window, issued at the comprehensive window (综合窗口出件)."""
    case = open_case("food", "market_clerk", at(2026, 3, 2, 9))
    walk(case, "accept", "market_clerk", at(2026, 3, 2, 9, 5))
    walk(case, "transfer", "comp", at(2026, 3, 2, 9, 30), to="食品经营监管处")
    walk(case, "start_review", "market_approver", at(2026, 3, 3))
    walk(case, "approve", "market_approver", at(2026, 3, 4))
    walk(case, "issue", "comp", at(2026, 3, 5, 10))
    walk(case, "complete", "comp", at(2026, 3, 5, 11))
    events = dict(CaseEvent.objects.filter(case=case).values_list("kind", "window"))
    assert events == {"applied": "department", "accepted": "department", "transferred": "comprehensive",
                      "review_started": "department", "approved": "department", "issued": "comprehensive",
                      "completed": "comprehensive"}
    week = queries.comprehensive_window(dt.date(2026, 3, 2), dt.date(2026, 3, 6))
    assert week == {"consulted": 0, "accepted": 0, "issued": 1, "transferred": 1}
    # The department window's own figures keep its acceptance, and nothing is counted twice.
    assert queries.totals(dt.date(2026, 3, 2), dt.date(2026, 3, 6))["issued"] == 1


def test_an_online_application_and_rule_based_approval_are_online(hall, at):
    from zwfw.cases import services

    case = services.apply(item=hall.items["food"], applicant=hall.applicants["person"],
                          actor=hall.users["applicant"], channel="online", at=at(2026, 3, 2, 20))
    assert CaseEvent.objects.get(case=case, kind="applied").window == "online"


def test_rebuilt_counters_equal_the_live_ones_with_the_window(hall, open_case, walk, at):
    from zwfw.stats.models import DailyCount
    from zwfw.stats.services import rebuild

    case = open_case("food", "comp", at(2026, 3, 2, 9))
    walk(case, "accept", "comp", at(2026, 3, 2, 9, 5))
    walk(case, "transfer", "market_clerk", at(2026, 3, 2, 10))
    live = sorted(DailyCount.objects.values_list("day", "kind", "comprehensive", "count"))
    rebuild()
    assert sorted(DailyCount.objects.values_list("day", "kind", "comprehensive", "count")) == live
    assert ("accepted", True) in {(k, c) for _, k, c, _ in live} and ("transferred", False) in {
        (k, c) for _, k, c, _ in live}
