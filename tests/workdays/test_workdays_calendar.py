"""Working-day arithmetic against the State Council holiday notices (no database)."""
from datetime import date, timedelta

import pytest
from chinese_calendar import constants

from zwfw.workdays.calendar import Calendar, CalendarMissing, parse_date
from zwfw.errors import DomainError


@pytest.fixture(scope="module")
def cal():
    years = {d.year for d in constants.holidays}
    return Calendar(holidays=constants.holidays.keys(), makeup_workdays=constants.workdays.keys(), years=years)


@pytest.mark.parametrize("day", [
    date(2024, 2, 4), date(2024, 2, 18),      # 2024 春节调休：周日上班
    date(2024, 9, 29), date(2024, 10, 12),    # 2024 国庆调休：周日、周六上班
    date(2025, 1, 26), date(2025, 2, 8),      # 2025 春节调休
    date(2025, 9, 28), date(2025, 10, 11),    # 2025 国庆调休
    date(2026, 2, 14), date(2026, 2, 28),     # 2026 春节调休：周六上班
])
def test_make_up_weekend_days_are_working_days(cal, day):
    assert day.weekday() >= 5
    assert cal.is_working_day(day)


@pytest.mark.parametrize("first,last", [
    (date(2024, 2, 10), date(2024, 2, 17)),   # 2024 春节
    (date(2024, 10, 1), date(2024, 10, 7)),   # 2024 国庆节
    (date(2025, 1, 28), date(2025, 2, 4)),    # 2025 春节
    (date(2025, 10, 1), date(2025, 10, 8)),   # 2025 国庆节、中秋节
    (date(2026, 2, 15), date(2026, 2, 23)),   # 2026 春节
])
def test_holidays_are_off_every_day(cal, first, last):
    d = first
    while d <= last:
        assert not cal.is_working_day(d), d
        d += timedelta(days=1)
    assert cal.between(first - timedelta(days=1), last) == 0


def test_twenty_working_days_across_spring_festival_2026(cal):
    # 2/13 Fri, 2/14 Sat (make-up) working; 2/15–2/23 off; back on 2/24.
    assert cal.add(date(2026, 2, 12), 20) == date(2026, 3, 18)
    assert cal.between(date(2026, 2, 12), date(2026, 3, 18)) == 20
    assert cal.add(date(2026, 2, 12), 2) == date(2026, 2, 14)
    assert cal.add(date(2026, 2, 14), 1) == date(2026, 2, 24)


def test_national_day_2024_make_up_days_count(cal):
    # 9/29 Sunday is a working day; 10/1–10/7 off; 10/12 Saturday working.
    assert cal.add(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert cal.add(date(2024, 9, 30), 1) == date(2024, 10, 8)
    assert cal.between(date(2024, 10, 7), date(2024, 10, 12)) == 5


def test_spring_festival_2025_span(cal):
    # 1/26 Sunday working, 1/28–2/4 off, 2/8 Saturday working.
    assert cal.add(date(2025, 1, 24), 1) == date(2025, 1, 26)
    assert cal.add(date(2025, 1, 27), 1) == date(2025, 2, 5)
    assert cal.between(date(2025, 2, 4), date(2025, 2, 8)) == 4


def test_start_day_is_not_counted_and_zero_is_identity(cal):
    assert cal.add(date(2025, 3, 3), 0) == date(2025, 3, 3)
    assert cal.add(date(2025, 3, 3), 1) == date(2025, 3, 4)       # Monday → Tuesday
    assert cal.add(date(2025, 3, 8), 1) == date(2025, 3, 10)      # Saturday → Monday
    assert cal.next_working_day(date(2025, 3, 7)) == date(2025, 3, 10)


def test_between_is_inverse_of_add_and_antisymmetric(cal):
    start = date(2024, 12, 20)
    for n in (1, 5, 15, 20, 60, 250):
        end = cal.add(start, n)
        assert cal.between(start, end) == n
        assert cal.between(end, start) == -n
    assert cal.add(date(2025, 2, 5), -1) == date(2025, 1, 27)


def test_spans_years_without_gaps(cal):
    assert cal.add(date(2024, 12, 31), 1) == date(2025, 1, 2)     # 2025-01-01 元旦
    assert cal.between(date(2004, 1, 1), date(2026, 12, 31)) > 5000


def test_a_year_without_data_is_a_clear_error(cal):
    with pytest.raises(CalendarMissing) as e:
        cal.add(date(2027, 1, 4), 3)
    assert e.value.year == 2027 and e.value.code == "calendar_missing"
    assert "2027 年的工作日历尚未录入" in e.value.message
    with pytest.raises(CalendarMissing, match="2027 年"):
        cal.add(date(2026, 12, 20), 20)          # runs off the end of 2026
    with pytest.raises(CalendarMissing, match="2027 年"):
        cal.between(date(2026, 12, 1), date(2027, 1, 5))
    with pytest.raises(CalendarMissing, match="2003 年"):
        cal.is_working_day(date(2003, 6, 2))


def test_a_gap_year_is_refused_even_between_known_years():
    cal = Calendar(holidays=set(), makeup_workdays=set(), years={2025, 2027})
    assert cal.is_working_day(date(2027, 1, 4))
    with pytest.raises(CalendarMissing, match="2026 年"):
        cal.between(date(2025, 12, 1), date(2027, 1, 5))


def test_bad_date_text_names_the_format():
    with pytest.raises(DomainError, match="YYYY-MM-DD"):
        parse_date("2026-02-30")


def test_agrees_with_the_package_every_day(cal):
    import chinese_calendar

    d = date(2004, 1, 1)
    while d.year <= 2026:
        assert cal.is_working_day(d) == chinese_calendar.is_workday(d), d
        d += timedelta(days=1)


def test_a_provisional_calendar_counts_a_missing_year_as_monday_to_friday(cal):
    strict = Calendar(holidays=constants.holidays.keys(), makeup_workdays=constants.workdays.keys(),
                      years=range(2024, 2027))
    with pytest.raises(CalendarMissing, match="2027 年"):
        strict.add(date(2026, 12, 10), 20)
    lenient = strict.provisional()
    # 2026-12-11 … 2026-12-31 are 15 working days; 2027 counted Monday to Friday: 1, 4, 5, 6, 7 January.
    assert lenient.add(date(2026, 12, 10), 20) == date(2027, 1, 7)
    assert lenient.assumed_years(date(2026, 12, 10), date(2027, 1, 7)) == [2027]
    assert lenient.assumed_years(date(2026, 11, 30), date(2026, 12, 28)) == []
    # Inside known years it is the official calendar, make-up Saturdays included.
    assert lenient.add(date(2026, 2, 12), 2) == date(2026, 2, 14)
    assert lenient.provisional() is lenient and strict.provisional() is lenient
