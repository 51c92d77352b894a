"""The clock by the Administrative Licensing Law, as pure rules on the official 2024–2026 calendar."""
import datetime as dt

import chinese_calendar
import pytest

from zwfw.cases import clock, lifecycle
from zwfw.errors import DomainError
from zwfw.workdays.calendar import Calendar

D = dt.date


@pytest.fixture(scope="module")
def cal():
    """The official calendar through 2026: 2027's notice is not published yet."""
    return Calendar(chinese_calendar.constants.holidays, chinese_calendar.constants.workdays, range(2004, 2027))


# ---- rule 10: an application received on a non-working day counts as received the next working day ----

def test_received_on_a_saturday_counts_from_the_next_working_day(cal):
    assert clock.start_day(cal, D(2026, 3, 7)) == D(2026, 3, 9)               # Saturday → Monday
    assert clock.start_day(cal, D(2025, 10, 3)) == D(2025, 10, 9)             # National Day → first day back
    assert clock.start_day(cal, D(2026, 2, 14)) == D(2026, 2, 14)             # make-up Saturday is a working day
    assert clock.deadlines(cal, D(2026, 3, 7), 20, 8) == clock.deadlines(cal, D(2026, 3, 9), 20, 8)
    # The 5 working days of art. 32 run from Monday 9 March: the last is Monday 16 March.
    assert clock.acceptance_window_end(cal, D(2026, 3, 7)) == D(2026, 3, 16)
    assert not clock.correction_notice_late(cal, D(2026, 3, 7), D(2026, 3, 16))
    assert clock.correction_notice_late(cal, D(2026, 3, 7), D(2026, 3, 17))


# ---- rule 3: deemed acceptance ---------------------------------------------------------------------

def test_no_timely_notice_means_accepted_from_receipt(cal):
    received = D(2026, 3, 2)  # Monday; the window ends Monday 9 March
    assert clock.deemed_accepted_from(cal, D(2026, 3, 9), received_on=received) is None
    assert clock.deemed_accepted_from(cal, D(2026, 3, 10), received_on=received) == received
    # Told in time: waiting for the applicant, never deemed.
    assert clock.deemed_accepted_from(cal, D(2026, 4, 30), received_on=received,
                                      correction_requested_on=D(2026, 3, 9)) is None
    # Told too late: accepted from receipt all the same.
    assert clock.deemed_accepted_from(cal, D(2026, 3, 10), received_on=received,
                                      correction_requested_on=D(2026, 3, 10)) == received


def test_after_correction_the_days_run_from_the_corrected_materials(cal):
    # Corrected on Thursday 12 February 2026: 13, 14 (make-up Saturday), 24, 25, 26 February.
    kw = dict(received_on=D(2026, 2, 2), correction_requested_on=D(2026, 2, 3), corrected_on=D(2026, 2, 12))
    assert clock.acceptance_window_end(cal, D(2026, 2, 12)) == D(2026, 2, 26)
    assert clock.deemed_accepted_from(cal, D(2026, 2, 26), **kw) is None
    assert clock.deemed_accepted_from(cal, D(2026, 2, 27), **kw) == D(2026, 2, 12)


# ---- rule 2: extension and days saved ------------------------------------------------------------------

def test_the_extension_moves_only_the_statutory_deadline(cal):
    plain = clock.deadlines(cal, D(2026, 2, 12), 20, 8)
    extended = clock.deadlines(cal, D(2026, 2, 12), 20, 8, extension_days=clock.EXTENSION_DAYS)
    assert (plain.statutory_due, extended.statutory_due) == (D(2026, 3, 18), D(2026, 4, 1))
    assert plain.promised_due == extended.promised_due == D(2026, 3, 2)


def test_days_saved_are_measured_without_the_extension(cal):
    base, extended = D(2026, 3, 18), D(2026, 4, 1)
    assert clock.saved_days(cal, D(2026, 2, 14), base, extended) == 18           # day 2, a make-up Saturday
    assert clock.saved_days(cal, D(2026, 3, 18), base, extended) == 0            # on the original day 20
    assert clock.saved_days(cal, D(2026, 3, 25), base, extended) == 0            # inside the extension
    assert clock.saved_sentence(0, within_extension=True) == "在延长的法定期限内作出决定"
    assert clock.saved_days(cal, D(2026, 4, 3), base, extended) == -2            # 2 working days past 1 April
    assert clock.saved_sentence(-2) == "超过法定时限 2 个工作日"


def test_the_extension_is_refused_once_the_statutory_deadline_has_passed_or_twice(cal):
    assert clock.extension_refusal(cal, D(2026, 3, 18), D(2026, 3, 18), False) is None
    assert "已于 2026-03-18 届满" in clock.extension_refusal(cal, D(2026, 3, 19), D(2026, 3, 18), False)
    assert "只能延长一次" in clock.extension_refusal(cal, D(2026, 3, 2), D(2026, 4, 1), True)


# ---- rule 1: delivery within 10 working days of the approval (art. 44) -----------------------------------

def test_delivery_is_due_ten_working_days_after_the_approval(cal):
    # Approved Friday 13 February 2026: 14 (make-up), 24–28 (28 a make-up Saturday), 2–5 March.
    assert clock.delivery_due(cal, D(2026, 2, 13)) == D(2026, 3, 5)


# ---- rule 9: a year without calendar data is counted provisionally ---------------------------------------

def test_a_deadline_in_2027_is_provisional_and_one_in_2026_is_not(cal):
    on_30_november = clock.deadlines(cal, D(2026, 11, 30), 20, 10)
    assert on_30_november.statutory_due == D(2026, 12, 28)
    assert not clock.provisional(cal, D(2026, 11, 30), on_30_november.statutory_due)
    extended = clock.deadlines(cal, D(2026, 11, 30), 20, 10, extension_days=10)
    assert extended.statutory_due == D(2027, 1, 11)  # 2027 counted Monday to Friday: 1, 4, 5 … 11 January
    assert clock.provisional(cal, D(2026, 11, 30), extended.statutory_due)
    assert clock.delivery_due(cal, D(2026, 12, 28)) == D(2027, 1, 11)


# ---- rule 6: termination grounds -----------------------------------------------------------------------

def test_termination_needs_one_of_the_grounds(cal):
    assert lifecycle.termination_reason("deceased") == "申请人（自然人）死亡或者丧失行为能力"
    with pytest.raises(DomainError) as e:
        lifecycle.termination_reason("tired")
    assert e.value.field == "kind" and "申请事项依法不再需要取得行政许可" in e.value.message
    assert lifecycle.is_open("withdrawn") is False and lifecycle.is_open("terminated") is False
