"""Overdue cases propose a deduction to the window assessment, once each, for staff to confirm."""
import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from zwfw.assessment.models import Entry, Rule, RuleSet, SourceMapping


@pytest.fixture
def rules(db):
    rs = RuleSet.objects.create(version="2026", effective_from=dt.date(2026, 1, 1))
    Rule.objects.create(ruleset=rs, code="K06", description="办件超过承诺办结时限", kind="deduction", points=1)
    SourceMapping.objects.create(source_kind="overdue_case", rule_code="K06")


def test_a_case_past_its_promised_deadline_proposes_one_deduction(hall, rules, open_case, walk, at):
    late = open_case("seed", "forest_clerk", at(2026, 3, 2))
    walk(late, "accept", "forest_clerk", at(2026, 3, 2))
    late.refresh_from_db()
    on_time = open_case("forest", "forest_clerk", at(2026, 3, 16))
    walk(on_time, "accept", "forest_clerk", at(2026, 3, 16))

    out = StringIO()
    call_command("cases", "overdue", "--date", "2026-03-20", stdout=out)
    assert "已向窗口考核提出超期减分建议 1 条" in out.getvalue()
    entry = Entry.objects.get()
    assert (entry.department, entry.status, entry.source_kind) == (late.department, Entry.PROPOSED, "overdue_case")
    assert entry.date > late.promised_due and late.number in entry.evidence

    call_command("cases", "overdue", "--date", "2026-03-23", stdout=StringIO())
    assert Entry.objects.count() == 1  # never proposed twice


def test_a_bad_date_is_refused_in_chinese(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="日期格式不正确"):
        call_command("cases", "overdue", "--date", "2026-13-40")
