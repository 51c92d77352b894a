"""Rating a completed case, the rectification a bad rating opens, 12345 tickets, satisfaction rates."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from zwfw.cases.models import CaseStatus
from zwfw.errors import Conflict, DomainError, Forbidden
from zwfw.feedback import queries, services
from zwfw.feedback.models import Rating, Rectification

TZ = ZoneInfo("Asia/Shanghai")


def at(y, m, d, h=10):
    return dt.datetime(y, m, d, h, tzinfo=TZ)


def test_the_applicant_rates_a_completed_case_once(hall):
    case = hall.make_case()
    rating = services.rate_case(case, user=hall.login, level="非常满意", comment="窗口服务热情", at=at(2023, 3, 6))
    assert rating.get_level_display() == "非常满意" and rating.department == hall.sj
    assert not Rectification.objects.exists()
    with pytest.raises(Conflict, match="只能评价一次"):
        services.rate_case(case, user=hall.login, level="满意")


def test_only_the_applicant_and_only_after_completion(hall):
    with pytest.raises(Forbidden, match="申请人本人"):
        services.rate_case(hall.make_case(), user=hall.other_login, level="满意")
    with pytest.raises(DomainError, match="办结后才能评价"):
        services.rate_case(hall.make_case(status=CaseStatus.REVIEWING), user=hall.login, level="满意")
    with pytest.raises(DomainError, match="请选择评价等级"):
        services.rate_case(hall.make_case(), user=hall.login, level="还行")
    assert not Rating.objects.exists()


def test_a_bad_rating_opens_a_rectification_due_in_15_working_days(hall):
    # Rated Friday 2023-09-22: verified by the next working day (Monday 9-25). Verified on 9-25:
    # 9-26..9-28 (3), the National Day holiday 9-29..10-6 is off, the make-up working days 10-7 and
    # 10-8 count (5), 10-9..10-13 (10), 10-16..10-20 (15) → due 2023-10-20.
    rating = services.rate_case(hall.make_case(), user=hall.login, level=2, comment="等候时间太长",
                                at=at(2023, 9, 22))
    rect = rating.rectification
    assert rect.department == hall.sj and rect.status == Rectification.VERIFYING and rect.due_on is None
    assert rect.opened_on == dt.date(2023, 9, 22) and rect.verify_due_on == dt.date(2023, 9, 25)
    rect = services.verify_rating(rect, actor=hall.clerk, upheld=True, note="调阅录像，情况属实", on=dt.date(2023, 9, 25))
    assert rect.status == Rectification.OPEN and rect.due_on == dt.date(2023, 10, 20)


def test_closing_a_rectification_records_the_callback(hall):
    rating = services.rate_case(hall.make_case(), user=hall.login, level="非常不满意", comment="多次往返",
                                at=at(2023, 3, 6))
    rect = rating.rectification
    with pytest.raises(Conflict, match="核实属实后才能整改"):
        services.close_rectification(rect, actor=hall.clerk, measures="x", callback_on=dt.date(2023, 3, 10),
                                     callback_result="x", callback_level="满意")
    rect = services.verify_rating(rect, actor=hall.clerk, upheld=True, note="属实", on=dt.date(2023, 3, 7))
    with pytest.raises(Forbidden):
        services.close_rectification(rect, actor=hall.lc_clerk, measures="x", callback_on=dt.date(2023, 3, 10),
                                     callback_result="x", callback_level="满意")
    with pytest.raises(DomainError, match="整改措施"):
        services.close_rectification(rect, actor=hall.clerk, measures="", callback_on=dt.date(2023, 3, 10),
                                     callback_result="x", callback_level="满意")
    services.close_rectification(rect, actor=hall.clerk, measures="增设取号引导岗，高峰期增开窗口",
                                 callback_on=dt.date(2023, 3, 15), callback_result="电话回访，申请人认可整改",
                                 callback_level="满意")
    rect.refresh_from_db()
    assert rect.status == Rectification.CLOSED and rect.get_callback_level_display() == "满意"
    with pytest.raises(Conflict):
        services.close_rectification(rect, actor=hall.clerk, measures="再次", callback_on=dt.date(2023, 3, 16),
                                     callback_result="x", callback_level="满意")


def test_hotline_ticket_is_registered_answered_and_rated(hall):
    ticket = services.register_ticket(actor=hall.centre, number="12345-2023-000123", department=hall.sj,
                                      received_at=at(2023, 3, 2), content="咨询食品经营许可办理时限")
    with pytest.raises(DomainError, match="答复后"):
        services.rate_ticket(ticket, actor=hall.centre, level="满意")
    with pytest.raises(Forbidden):
        services.answer_ticket(ticket, actor=hall.lc_clerk, answer="x")
    services.answer_ticket(ticket, actor=hall.clerk, answer="承诺时限 10 个工作日", at=at(2023, 3, 2, 15))
    services.rate_ticket(ticket, actor=hall.centre, level="满意", at=at(2023, 3, 3))
    ticket.refresh_from_db()
    assert ticket.get_level_display() == "满意"
    with pytest.raises(Conflict, match="已登记"):
        services.register_ticket(actor=hall.centre, number="12345-2023-000123", department=hall.sj,
                                 received_at=at(2023, 3, 2), content="重复")


def test_satisfaction_rates_as_the_briefing_writes_them(hall):
    for level, day in [("非常满意", 6), ("满意", 7), ("基本满意", 8)]:
        services.rate_case(hall.make_case(), user=hall.login, level=level, at=at(2023, 3, day))
    ticket = services.register_ticket(actor=hall.centre, number="T1", department=hall.sj, received_at=at(2023, 3, 2),
                                      content="咨询")
    services.answer_ticket(ticket, actor=hall.clerk, answer="已答复", at=at(2023, 3, 2))
    services.rate_ticket(ticket, actor=hall.centre, level="非常满意", at=at(2023, 3, 3))
    week = (dt.date(2023, 3, 1), dt.date(2023, 3, 10))
    assert queries.briefing_sentence(*week) == "窗口群众评价满意率 100%，12345 办件群众满意率 100%"
    services.rate_case(hall.make_case(), user=hall.login, level="不满意", comment="材料没有一次说清", at=at(2023, 3, 9))
    s = queries.satisfaction(*week, department=hall.sj)
    assert (s.ratings.satisfied, s.ratings.total, s.ratings.text) == (3, 4, "75%")
    assert queries.satisfaction(*week, department=hall.lc).ratings.text == "—"
    assert queries.satisfaction(dt.date(2023, 3, 9), dt.date(2023, 3, 9)).ratings.text == "0%"
    rows = queries.satisfaction_by_window(*week)
    assert [(r.department, r.ratings.text, r.hotline.text) for r in rows] == [("四川省市场监督管理局", "75%", "100%")]


@pytest.mark.parametrize("satisfied, total, text", [(2, 3, "66.67%"), (197, 200, "98.5%"), (1, 1, "100%"), (0, 0, "—")])
def test_percent_text(satisfied, total, text):
    assert queries.percent_text(satisfied, total) == text


def test_only_a_verified_bad_rating_is_proposed_to_window_assessment(hall, monkeypatch):
    calls = []
    import zwfw.assessment.services as assessment

    monkeypatch.setattr(assessment, "propose_entry", lambda *args: calls.append(args), raising=False)
    rating = services.rate_case(hall.make_case(), user=hall.login, level="不满意", comment="态度生硬",
                                at=at(2023, 3, 6))
    assert calls == []  # nothing before the department has verified it
    services.verify_rating(rating.rectification, actor=hall.clerk, upheld=True, note="属实", on=dt.date(2023, 3, 7))
    assert calls and calls[0][0] == hall.sj and calls[0][2] == "bad_rating" and calls[0][3] == f"rating:{rating.pk}"


def test_a_bad_rating_needs_its_reason(hall):
    with pytest.raises(DomainError, match="请写明原因") as raised:
        services.rate_case(hall.make_case(), user=hall.login, level="非常不满意", comment=" ", at=at(2023, 3, 6))
    assert raised.value.field == "comment" and not Rating.objects.exists()


def test_a_rating_found_not_to_hold_never_deducts(hall, monkeypatch):
    calls = []
    import zwfw.assessment.services as assessment

    monkeypatch.setattr(assessment, "propose_entry", lambda *args: calls.append(args), raising=False)
    rating = services.rate_case(hall.make_case(), user=hall.login, level="不满意", comment="没有取到号",
                                at=at(2023, 3, 6))
    with pytest.raises(DomainError, match="核实情况"):
        services.verify_rating(rating.rectification, actor=hall.clerk, upheld=False, note="")
    with pytest.raises(Forbidden):
        services.verify_rating(rating.rectification, actor=hall.lc_clerk, upheld=False, note="x")
    rect = services.verify_rating(rating.rectification, actor=hall.clerk, upheld=False,
                                  note="当日系统故障，取号机由中心统一维护，非窗口原因", on=dt.date(2023, 3, 6))
    assert rect.status == Rectification.NOT_UPHELD and calls == []
    with pytest.raises(Conflict, match="核实不属实"):
        services.verify_rating(rect, actor=hall.clerk, upheld=True, note="改口")


def test_no_rating_in_time_counts_as_satisfied_only_where_switched_on(hall, settings):
    case = hall.make_case()
    case.completed_at = at(2023, 3, 1)
    case.save(update_fields=["completed_at"])
    assert services.apply_default_ratings(dt.date(2023, 3, 20)) == 0  # off by default
    settings.ZWFW_DEFAULT_RATING_SATISFIED = True
    assert services.apply_default_ratings(dt.date(2023, 3, 7)) == 0  # 3-1 is only 4 working days before 3-7
    assert services.apply_default_ratings(dt.date(2023, 3, 9)) == 1
    rating = Rating.objects.get(case=case)
    assert rating.defaulted and rating.get_level_display() == "满意" and not hasattr(rating, "rectification")
    assert services.apply_default_ratings(dt.date(2023, 3, 10)) == 0  # once


def test_the_daily_command_applies_the_setting(hall, settings):
    from io import StringIO

    from django.core.management import call_command

    case = hall.make_case()
    out = StringIO()
    call_command("feedback", "default-ratings", "--date", "2023-03-20", stdout=out)
    assert "未开启" in out.getvalue() and not Rating.objects.filter(case=case).exists()
    settings.ZWFW_DEFAULT_RATING_SATISFIED = True
    call_command("feedback", "default-ratings", "--date", "2023-03-20", stdout=out)
    assert "按“满意”计的办件：1 件" in out.getvalue()
