"""The week's inspection readings, closures, and the assessment entries findings propose."""
import datetime as dt

import pytest

from zwfw.assessment import queries as assessment
from zwfw.assessment.models import Entry
from zwfw.errors import DomainError, Forbidden
from zwfw.hall import queries, services
from zwfw.hall.models import HallClosure, InspectionPoint, InspectionRound

MON, FRI = dt.date(2024, 3, 4), dt.date(2024, 3, 8)


def point(label):
    return InspectionPoint.objects.get(label=label)


def test_week_without_findings_reads_good_for_every_point(windows, staff):
    services.record_round(staff, date=dt.date(2024, 3, 5), inspector="王巡查", findings=[])
    week = queries.inspection_week(MON, FRI)
    assert [r["point"] for r in week] == ["按时到岗情况", "工作区域标准化执行情况", "着装情况", "工作牌佩戴情况", "纪律秩序"]
    assert {r["text"] for r in week} == {"总体情况良好。"}
    assert all(r["findings"] == [] for r in week)


def test_2022_set_has_six_points_with_epidemic_control(db):
    week = queries.inspection_week(dt.date(2022, 10, 10), dt.date(2022, 10, 14))
    assert [r["point"] for r in week][-1] == "大厅防控情况"
    assert len(week) == 6


def test_findings_name_the_window_and_propose_deductions(windows, staff, mapped_rules):
    services.record_round(staff, date=dt.date(2024, 3, 5), inspector="王巡查", findings=[
        {"point": point("按时到岗情况").pk, "window": windows["省林草局"].pk, "description": "1 名工作人员未按时到岗"},
        {"point": point("工作牌佩戴情况").pk, "window": windows["综合窗口"].pk, "description": "2 名工作人员未佩戴工作牌"},
    ])
    week = {r["point"]: r for r in queries.inspection_week(MON, FRI)}
    assert week["按时到岗情况"]["text"] == "巡查发现，省林草局窗口 1 名工作人员未按时到岗。"
    assert week["工作牌佩戴情况"]["text"] == "巡查发现，综合窗口 2 名工作人员未佩戴工作牌。"
    assert week["着装情况"]["text"] == "总体情况良好。"
    proposals = Entry.objects.filter(status=Entry.PROPOSED)
    assert [(e.department.short_name, e.source_kind) for e in proposals] == [("省林草局", "inspection_finding")]
    assert "未按时到岗" in proposals[0].evidence  # the comprehensive window is the centre's: not scored


def test_closure_reproduces_2022_31(reference_reports, db):
    text = (reference_reports / "2022-31.txt").read_text(encoding="utf-8")
    HallClosure.objects.create(start=dt.date(2022, 10, 8), end=dt.date(2022, 10, 16),
                               note="全体居家办公，大厅实行关闭状态。", point=point("大厅防控情况"))
    week = queries.inspection_week(dt.date(2022, 10, 10), dt.date(2022, 10, 14))
    for reading in week:
        assert f"{reading['point']}。**{reading['text']}" in text


def test_closure_without_point_closes_every_reading(db):
    HallClosure.objects.create(start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 31), note="大厅改造，暂停对外服务")
    assert {r["text"] for r in queries.inspection_week(MON, FRI)} == {"大厅改造，暂停对外服务。"}


def test_bad_finding_writes_nothing(windows, staff):
    with pytest.raises(DomainError, match="第 2 条问题的窗口"):
        services.record_round(staff, date=dt.date(2024, 3, 5), inspector="王巡查", findings=[
            {"point": point("着装情况").pk, "window": windows["省药监局"].pk, "description": "未着工装"},
            {"point": point("着装情况").pk, "window": None, "description": "未着工装"},
        ])
    assert not InspectionRound.objects.exists()


def test_point_not_active_on_the_date_is_refused(windows, staff):
    with pytest.raises(DomainError, match="未启用"):
        services.record_round(staff, date=dt.date(2024, 3, 5), inspector="王巡查", findings=[
            {"point": point("大厅防控情况").pk, "window": windows["水利厅"].pk, "description": "未测温"}])


def test_department_clerk_cannot_record_a_round(windows):
    from zwfw.accounts.models import Role, User

    clerk = User.objects.create_user(username="lc", password="pw-12345678", role=Role.DEPARTMENT_CLERK,
                                     department=windows["省林草局"].department)
    with pytest.raises(Forbidden):
        services.record_round(clerk, date=dt.date(2024, 3, 5), inspector="x", findings=[])


def test_commendation_proposes_an_addition_that_counts_once_confirmed(windows, staff, mapped_rules):
    from zwfw.assessment.services import confirm_entry

    c = services.record_commendation(staff, window=windows["水利厅"].pk, honour="通报表扬", awarding_body="水利部",
                                     document="水办〔2024〕15 号", date=dt.date(2024, 3, 6))
    week = queries.commendations_week(MON, FRI)
    assert week[0]["sentence"] == "3 月 6 日，水利厅窗口获水利部通报表扬（水办〔2024〕15 号）。"
    entry = Entry.objects.get(source_ref=f"hall.commendation:{c.pk}")
    march = dt.date(2024, 3, 1)
    assert next(r for r in assessment.month_table(march) if r["department"] == "水利厅")["score"] == 100
    confirm_entry(staff, entry.pk)
    assert next(r for r in assessment.month_table(march) if r["department"] == "水利厅")["score"] == 101
