"""The month's table: automatic proposals confirmed plus hand entries add up to the score shown;
the attachment prints shared places blank; .xlsx and the command carry the same rows."""
import datetime as dt
import json
from decimal import Decimal as D
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from zwfw.assessment import queries, services
from zwfw.assessment.excel import month_workbook
from zwfw.assessment.models import Entry
from zwfw.errors import Conflict, DomainError

DEC = dt.date(2023, 12, 1)


def by_name(table):
    return {r["department"]: r for r in table}


def test_confirmed_proposals_and_hand_entries_add_up_to_the_table_score(depts, rules, staff):
    slt = depts["水利厅"]
    late = services.propose_entry(slt, dt.date(2023, 12, 5), "inspection_finding", "hall.finding:1", "迟到")
    overdue = services.propose_entry(slt, dt.date(2023, 12, 8), "overdue_case", "cases.case:SL-001", "超期 2 日")
    rating = services.propose_entry(slt, dt.date(2023, 12, 9), "bad_rating", "feedback.rating:9", "差评")
    services.confirm_entry(staff, late.pk)
    services.confirm_entry(staff, overdue.pk)
    services.reject_entry(staff, rating.pk, "核实不属实")
    services.add_entry(staff, department=slt, month=DEC, rule_code="5.1", on_date=dt.date(2023, 12, 20),
                       evidence="水利部通报表扬")
    services.add_entry(staff, department=slt, month=DEC, rule_code="3.1", on_date=dt.date(2023, 12, 21),
                       evidence="着装不规范", points="-0.5")
    row = by_name(queries.month_table(DEC))["水利厅"]
    confirmed = Entry.objects.filter(department=slt, month=DEC, status=Entry.CONFIRMED)
    deducted = sum(e.points for e in confirmed if e.rule.kind == "deduction")
    added = sum(e.points for e in confirmed if e.rule.kind == "addition")
    assert (row["deducted"], row["added"]) == (deducted, added)
    assert row["score"] == row["base"] - deducted + added == D("99.0")
    assert confirmed.count() == 4  # the rejected 差评 does not count


def test_proposal_is_idempotent_per_source_and_decided_once(depts, rules, staff):
    first = services.propose_entry(depts["司法厅"], dt.date(2023, 12, 5), "commendation", "hall.commendation:7", "表扬")
    again = services.propose_entry(depts["司法厅"], dt.date(2023, 12, 5), "commendation", "hall.commendation:7", "表扬")
    assert first.pk == again.pk and Entry.objects.count() == 1
    assert by_name(queries.month_table(DEC))["司法厅"]["added"] == 0  # proposed, not yet confirmed
    services.confirm_entry(staff, first.pk)
    with pytest.raises(Conflict, match="已确认"):
        services.reject_entry(staff, first.pk, "重复")
    assert by_name(queries.month_table(DEC))["司法厅"]["score"] == D(101)


def test_source_without_mapping_proposes_nothing(depts, rules):
    from zwfw.assessment.models import SourceMapping

    SourceMapping.objects.filter(source_kind="bad_rating").update(active=False)
    assert services.propose_entry(depts["司法厅"], dt.date(2023, 12, 5), "bad_rating", "feedback.rating:1", "x") is None
    assert not Entry.objects.exists()


def test_hand_entry_outside_the_month_is_refused_and_nothing_written(depts, rules, staff):
    with pytest.raises(DomainError, match="不在考核月份"):
        services.add_entry(staff, department=depts["司法厅"], month=DEC, rule_code="3.1",
                           on_date=dt.date(2024, 1, 2), evidence="迟到")
    with pytest.raises(DomainError, match="没有条款"):
        services.add_entry(staff, department=depts["司法厅"], month=DEC, rule_code="9.9",
                           on_date=dt.date(2023, 12, 2), evidence="迟到")
    assert not Entry.objects.exists()


def _scenario(depts, staff):
    """水利厅 and 省林草局 tie on top with additions; 省发展改革委 and 司法厅 tie at 100."""
    for name in ("水利厅", "省林草局"):
        services.add_entry(staff, department=depts[name], month=DEC, rule_code="5.1",
                           on_date=dt.date(2023, 12, 15), evidence="通报表扬")


def test_attachment_prints_shared_places_once(depts, rules, staff):
    _scenario(depts, staff)
    data = queries.month_attachment(DEC)
    assert data["title"] == "2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果"
    assert data["columns"] == ["序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值"]
    assert data["rows"] == [
        ["1", "水利厅", "100", "0", "1", "101"],
        ["", "省林草局", "100", "0", "1", "101"],
        ["3", "省发展改革委", "100", "0", "0", "100"],
        ["", "司法厅", "100", "0", "0", "100"],
    ]


def test_attachment_prints_deductions_as_negative_points(depts, rules, staff):
    _scenario(depts, staff)
    services.add_entry(staff, department=depts["司法厅"], month=DEC, rule_code="3.1", on_date=dt.date(2023, 12, 21),
                       evidence="着装不规范", points="-0.5")
    rows = {r[1]: r for r in queries.month_attachment(DEC)["rows"]}
    assert rows["司法厅"][3:] == ["-0.5", "0", "99.5"]
    assert rows["省发展改革委"][3] == "0"  # no deduction prints 0, never "-0"


def test_xlsx_has_the_title_columns_and_rows(depts, rules, staff):
    _scenario(depts, staff)
    ws = load_workbook(BytesIO(month_workbook(DEC))).active
    values = list(ws.iter_rows(values_only=True))
    assert values[0][0] == "2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果"
    assert values[1] == ("序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值")
    assert [r[:2] for r in values[2:]] == [(1, "水利厅"), (None, "省林草局"), (3, "省发展改革委"), (None, "司法厅")]
    assert [r[5] for r in values[2:]] == [101, 101, 100, 100]


def test_command_prints_ranked_rows_as_json(depts, rules, staff):
    _scenario(depts, staff)
    out = StringIO()
    call_command("assessment", "rank", "--month", "2023-12", "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert [(r["rank"], r["department"], r["score"]) for r in rows] == [
        (1, "水利厅", "101"), (1, "省林草局", "101"), (3, "省发展改革委", "100"), (3, "司法厅", "100")]
