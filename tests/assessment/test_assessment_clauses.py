"""Each finding kind proposes its own clause; the clause can be changed when confirming; bulk confirm; tie order."""
import datetime as dt
from decimal import Decimal as D

import pytest

from zwfw.assessment import queries, services
from zwfw.assessment.models import Entry, Rule, RuleSet, SourceMapping
from zwfw.errors import DomainError, NotFound

MONTH = dt.date(2023, 12, 1)


@pytest.fixture
def clauses(rules):
    rs = RuleSet.objects.get()
    Rule.objects.create(ruleset=rs, code="3.4", description="工作人员迟到、早退", kind="deduction", points=D("1"))
    Rule.objects.create(ruleset=rs, code="5.2", description="收到办事群众锦旗、感谢信", kind="addition", points=D("0.5"))
    SourceMapping.objects.create(source_kind="inspection_finding", detail="按时到岗", rule_code="3.4")
    SourceMapping.objects.create(source_kind="commendation", detail="感谢信", rule_code="5.2")
    return rules


def propose(dept, kind, ref, detail):
    return services.propose_entry(dept, dt.date(2023, 12, 5), kind, ref, "依据", detail=detail)


def test_each_finding_kind_proposes_its_own_clause(depts, clauses):
    late = propose(depts["水利厅"], "inspection_finding", "f:1", "按时到岗情况")
    dress = propose(depts["水利厅"], "inspection_finding", "f:2", "着装情况")
    letter = propose(depts["司法厅"], "commendation", "c:1", "感谢信")
    notice = propose(depts["司法厅"], "commendation", "c:2", "通报表扬")
    assert [e.rule.code for e in (late, dress, letter, notice)] == ["3.4", "3.1", "5.2", "5.1"]


def test_the_clause_can_be_changed_when_confirming(depts, clauses, staff):
    entry = propose(depts["水利厅"], "inspection_finding", "f:3", "纪律秩序情况")
    confirmed = services.confirm_entry(staff, entry.pk, rule_code="3.4")
    assert (confirmed.rule.code, confirmed.points, confirmed.status) == ("3.4", D("1"), Entry.CONFIRMED)
    other = propose(depts["水利厅"], "inspection_finding", "f:4", "着装情况")
    with pytest.raises(DomainError, match="没有条款“9.9”") as raised:
        services.confirm_entry(staff, other.pk, rule_code="9.9")
    assert raised.value.field == "rule"
    assert Entry.objects.get(pk=other.pk).status == Entry.PROPOSED


def test_bulk_confirm_is_all_or_nothing(depts, clauses, staff):
    a = propose(depts["水利厅"], "inspection_finding", "f:5", "着装情况")
    b = propose(depts["司法厅"], "commendation", "c:3", "感谢信")
    services.reject_entry(staff, b.pk, "不属实")
    with pytest.raises(DomainError):
        services.confirm_entries(staff, [a.pk, b.pk])
    assert Entry.objects.get(pk=a.pk).status == Entry.PROPOSED
    c = propose(depts["司法厅"], "commendation", "c:4", "通报表扬")
    done = services.confirm_entries(staff, [a.pk, c.pk])
    assert {e.status for e in done} == {Entry.CONFIRMED}


def test_the_tie_order_is_configurable(depts, rules, staff):
    # 省发展改革委 and 水利厅 both end at 100: one lost a point and gained it back, the other was untouched.
    services.add_entry(staff, department=depts["水利厅"], month=MONTH, rule_code="3.2", on_date=MONTH, evidence="超期")
    services.add_entry(staff, department=depts["水利厅"], month=MONTH, rule_code="5.1", on_date=MONTH, evidence="表扬")
    names = lambda: [(r["rank"], r["department"]) for r in queries.month_table(MONTH)]  # noqa: E731
    assert names()[:4] == [(1, "省发展改革委"), (1, "司法厅"), (1, "水利厅"), (1, "省林草局")]
    RuleSet.objects.update(tie_order="more_additions")
    assert names()[0] == (1, "水利厅")
    RuleSet.objects.update(tie_order="fewer_deductions")
    assert names()[-1] == (1, "水利厅")


def test_the_proposals_page_confirms_under_another_clause_and_in_bulk(depts, clauses, staff, client):
    a = propose(depts["水利厅"], "inspection_finding", "f:6", "着装情况")
    b = propose(depts["司法厅"], "commendation", "c:5", "感谢信")
    client.force_login(staff)
    body = client.get("/assessment/proposals/").content.decode()
    assert 'name="rule"' in body and "批量确认所选建议" in body and ">-0.5<" in body
    client.post("/assessment/proposals/", {"entry": a.pk, "action": "confirm", "rule": "3.4"})
    assert Entry.objects.get(pk=a.pk).rule.code == "3.4"
    client.post("/assessment/proposals/", {"entries": [b.pk], "action": "bulk"})
    assert Entry.objects.get(pk=b.pk).status == Entry.CONFIRMED


def test_no_rule_set_means_no_proposal(depts, db):
    assert services.mapping_for("inspection_finding", "按时到岗") is None
    with pytest.raises(NotFound):
        services.ruleset_for(MONTH)
