"""Issue numbers: the yearly number restarts each January, the total never does, skipped weeks take none."""
from datetime import date

import pytest

from zwfw.briefing import services
from zwfw.briefing.models import Issue, NumberingStart
from zwfw.briefing.numbering import Numbered, latest, next_number, number_weeks, start_as_previous
from zwfw.errors import DomainError


def test_next_issue_in_the_same_year_continues_both_numbers():
    assert next_number(Numbered(2023, 3, 423), 2023) == (4, 424)


def test_first_issue_of_a_new_year_is_number_one_but_the_total_goes_on():
    assert next_number(Numbered(2022, 44, 419), 2023) == (1, 420)


def test_skipped_weeks_take_no_number():
    weeks = [(2023, False), (2023, True), (2023, False)]  # Spring Festival week in the middle
    assert number_weeks(Numbered(2023, 2, 422), weeks) == [(3, 423), None, (4, 424)]


def test_numbering_can_start_where_the_centre_adopts_the_system():
    start = start_as_previous(2024, 12, 470)
    assert next_number(latest(None, start), 2024) == (12, 470)
    assert next_number(latest(Numbered(2023, 40, 460), start), 2024) == (12, 470)
    with pytest.raises(DomainError, match="总期号"):
        start_as_previous(2024, 12, 5)


def test_an_issue_cannot_be_numbered_in_a_year_before_the_last_one():
    with pytest.raises(DomainError, match="不能再编排 2022 年"):
        next_number(Numbered(2023, 1, 420), 2022)


def _issue(**kw):
    values = dict(year=2023, period_start=date(2023, 1, 16), period_end=date(2023, 1, 20), status=Issue.IMPORTED)
    values.update(kw)
    return Issue.objects.create(**values)


def test_next_number_continues_from_the_highest_stored_issue_imported_or_published(db):
    assert services.next_number(2023) == (1, 1)
    _issue(number=3, total=423)
    _issue(number=None, total=None, status=Issue.DRAFT, period_start=date(2023, 1, 23), period_end=date(2023, 1, 27))
    assert services.next_number(2023) == (4, 424)
    _issue(number=4, total=424, status=Issue.PUBLISHED, period_start=date(2023, 1, 30), period_end=date(2023, 2, 3))
    assert services.next_number(2023) == (5, 425)
    assert services.next_number(2024) == (1, 425)


def test_a_numbering_start_later_than_the_stored_issues_wins(db):
    _issue(number=3, total=423)
    NumberingStart.objects.create(year=2024, number=12, total=470, note="系统上线")
    assert services.next_number(2024) == (12, 470)


def test_the_database_refuses_two_issues_with_the_same_number(db):
    from django.db import IntegrityError, transaction

    _issue(number=3, total=423)
    with pytest.raises(IntegrityError), transaction.atomic():
        _issue(number=3, total=999)
    with pytest.raises(IntegrityError), transaction.atomic():
        _issue(number=9, total=423)
    _issue(number=None, total=None, skipped=True)  # a skipped week takes no number
