"""The leader's dashboard on a Monday and on a Friday: no partial week plotted as a drop, ties kept whole."""
import datetime as dt

import pytest

from zwfw.stats import queries as stats
from zwfw.web import dashboards


def _weekday_before(today: dt.date, weekday: int) -> dt.date:
    day = today - dt.timedelta(days=1)
    while day.weekday() != weekday:
        day -= dt.timedelta(days=1)
    return day


@pytest.mark.parametrize("weekday", [0, 4])  # a Monday, a Friday
def test_the_chart_stops_at_the_last_complete_week(web_hall, weekday):
    today = _weekday_before(web_hall.today, weekday)
    if today.month < 2:
        pytest.skip("early January: no complete week yet this year")
    page = dashboards.leader(web_hall.users["lingdao"], today)
    chart, week = page["chart"], dashboards.this_week(today)
    # The running week is shown as such in the figures and never plotted.
    assert week["partial"] and week["start"] <= today and f"截至 {today.month} 月 {today.day} 日" in page["week_label"]
    last = stats.weekly_series(today.year, "accepted", today)[-2]
    assert chart["ranges"][-1] == f"{last['start'].month} 月 {last['start'].day} 日—{last['end'].month} 月 {last['end'].day} 日"
    assert chart["accepted"][-1] == last["count"]
    # Every complete week after the first has its five working days: no week looks like a drop.
    full = chart["accepted"][1:]
    assert min(full) >= 0.6 * max(full) > 0
    assert page["window_week"] == stats.comprehensive_window(week["start"], today)


def _row(rank, name, score, base=100):
    return {"rank": rank, "department": name, "score": score, "base": base}


def test_top_and_bottom_keep_ties_whole():
    table = [_row(1, "甲", 103), _row(2, "乙", 102), _row(3, "丙", 101), _row(3, "丁", 101), _row(5, "戊", 100),
             _row(6, "己", 99), _row(7, "庚", 98), _row(7, "辛", 98), _row(7, "壬", 98), _row(7, "癸", 98)]
    top, bottom = dashboards.ends_of_ranking(table)
    assert [r["department"] for r in top] == ["甲", "乙", "丙", "丁"]
    assert [r["department"] for r in bottom] == ["庚", "辛", "壬", "癸"]  # a four-way tie at the bottom
    table = [_row(1, "甲", 100), _row(1, "乙", 100), _row(1, "丙", 100), _row(1, "丁", 100), _row(5, "戊", 99)]
    top, bottom = dashboards.ends_of_ranking(table)
    assert len(top) == 4 and [r["department"] for r in bottom] == ["戊"]
