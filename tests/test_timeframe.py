"""Day ranges on timestamp columns: any date a form can carry gives a bound, never an overflow."""
import datetime as dt

from zwfw.timeframe import after_day, before_day, day_start, on_days


def test_days_at_the_ends_of_the_calendar_give_bounds_not_overflows():
    wide = on_days("rated_at", dt.date.min, dt.date.max)
    assert wide["rated_at__gte"] < day_start(dt.date(1990, 1, 1)) < wide["rated_at__lt"]
    assert after_day("rated_at", dt.date.max)["rated_at__gte"].year == 9999
    assert before_day("rated_at", dt.date.min)["rated_at__lt"].year == 1


def test_a_day_is_the_halls_midnight_to_the_next():
    bounds = on_days("rated_at", dt.date(2026, 12, 1), dt.date(2026, 12, 1))
    assert bounds["rated_at__gte"].isoformat() == "2026-12-01T00:00:00+08:00"
    assert bounds["rated_at__lt"].isoformat() == "2026-12-02T00:00:00+08:00"
