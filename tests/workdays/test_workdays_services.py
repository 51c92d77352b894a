"""The calendar tables, the cached calendar, manual entry, the command and the API."""
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from zwfw.errors import DomainError, NotFound
from zwfw.workdays import services
from zwfw.workdays.models import CalendarYear, OfficialDay
from zwfw.workdays.signals import calendar_changed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    services.invalidate()
    yield
    services.invalidate()


@pytest.fixture
def changes():
    seen = []

    def receiver(sender, years, **kwargs):
        seen.append(years)

    calendar_changed.connect(receiver)
    yield seen
    calendar_changed.disconnect(receiver)


def test_fresh_database_holds_2004_to_2026_with_chinese_festivals():
    years = set(CalendarYear.objects.filter(complete=True).values_list("year", flat=True))
    assert set(range(2004, 2027)) <= years
    y2026 = CalendarYear.objects.get(year=2026)
    assert "2026年部分节假日安排" in y2026.notice
    assert OfficialDay.objects.get(date=date(2026, 2, 17)).festival == "春节"
    assert OfficialDay.objects.get(date=date(2026, 2, 17)).get_kind_display() == "法定节假日"
    assert OfficialDay.objects.get(date=date(2026, 2, 28)).get_kind_display() == "调休上班日"
    assert OfficialDay.objects.get(date=date(2024, 10, 1)).festival == "国庆节"


def test_reseeding_is_idempotent(changes):
    before = OfficialDay.objects.count()
    result = services.seed_from_package([2024, 2025, 2026])
    assert result == {2024: "无变化", 2025: "无变化", 2026: "无变化"}
    assert OfficialDay.objects.count() == before
    assert changes == []


def test_reseeding_repairs_a_damaged_package_year(changes):
    OfficialDay.objects.filter(date=date(2025, 10, 3)).delete()
    assert services.seed_from_package([2025]) == {2025: "更新"}
    assert OfficialDay.objects.filter(date=date(2025, 10, 3)).exists()
    assert changes == [[2025]]


def test_get_calendar_answers_from_the_tables():
    cal = services.get_calendar()
    assert cal.add(date(2026, 2, 12), 20) == date(2026, 3, 18)
    assert services.get_calendar() is cal  # cached while nothing changes


def test_adding_a_holiday_changes_the_calendar_at_once_and_fires_the_signal(changes):
    assert services.get_calendar().add(date(2026, 3, 9), 1) == date(2026, 3, 10)
    services.set_day(date(2026, 3, 10), "holiday", "春节")
    assert services.get_calendar().add(date(2026, 3, 9), 1) == date(2026, 3, 11)
    assert changes == [[2026]]
    assert CalendarYear.objects.get(year=2026).source == "manual"
    services.remove_day(date(2026, 3, 10))
    assert services.get_calendar().add(date(2026, 3, 9), 1) == date(2026, 3, 10)
    assert changes == [[2026], [2026]]


def test_a_hand_kept_year_is_not_overwritten_by_seeding():
    services.set_day(date(2026, 3, 10), "holiday", "春节")
    assert services.seed_from_package([2026]) == {2026: "人工录入，未覆盖"}
    assert OfficialDay.objects.filter(date=date(2026, 3, 10)).exists()


def test_next_years_notice_entered_by_hand_takes_effect_when_complete(changes):
    services.set_day(date(2027, 2, 6), "holiday", "春节")
    with pytest.raises(DomainError, match="2027 年的工作日历尚未录入"):
        services.get_calendar().add(date(2027, 2, 5), 1)
    services.set_year(2027, complete=True)
    assert services.get_calendar().is_working_day(date(2027, 2, 6)) is False
    assert services.get_calendar().add(date(2027, 2, 5), 1) == date(2027, 2, 8)
    assert [2027] in changes


def test_bad_manual_entries_are_refused_and_write_nothing():
    count = OfficialDay.objects.count()
    with pytest.raises(DomainError, match="调休上班日应为周六或周日"):
        services.set_day(date(2026, 3, 10), "makeup_workday", "春节")
    with pytest.raises(DomainError, match="节日“圣诞节”无效"):
        services.set_day(date(2026, 12, 25), "holiday", "圣诞节")
    with pytest.raises(NotFound, match="不是已录入的节假日"):
        services.remove_day(date(2026, 3, 11))
    assert OfficialDay.objects.count() == count


def test_command_adds_and_counts(capsys):
    call_command("workdays", "add", "2026-02-12", "20")
    call_command("workdays", "between", "2026-02-12", "2026-03-18")
    assert capsys.readouterr().out.split() == ["2026-03-18", "20"]


def test_command_errors_are_chinese():
    with pytest.raises(CommandError, match="2027 年的工作日历尚未录入"):
        call_command("workdays", "add", "2027-01-04", "3")
    with pytest.raises(CommandError, match="格式不正确"):
        call_command("workdays", "between", "2026-02-30", "2026-03-01")


def test_api_add_and_between():
    client = Client()
    r = client.get("/api/workdays/add", {"date": "2026-02-12", "days": "20"})
    assert r.status_code == 200 and r.json()["date"] == "2026-03-18"
    r = client.get("/api/workdays/between", {"start": "2025-09-26", "end": "2025-10-11"})
    assert r.json()["days"] == 6  # 9/28 Sun, 9/29, 9/30, 10/9, 10/10, 10/11 Sat; 10/1–10/8 off
    r = client.get("/api/workdays/add", {"date": "2027-01-04", "days": "1"})
    assert r.status_code == 400
    assert r.json()["code"] == "calendar_missing" and "2027 年" in r.json()["message"]


def test_command_gives_the_provisional_answer_only_when_asked(capsys):
    with pytest.raises(CommandError, match="2027 年的工作日历尚未录入.*--provisional"):
        call_command("workdays", "add", "2026-12-10", "20")
    call_command("workdays", "add", "2026-12-10", "20", "--provisional")
    assert capsys.readouterr().out.strip() == "2027-01-07（暂按常规工作日计算：2027 年的工作日历尚未录入）"
    call_command("workdays", "add", "2026-11-30", "20", "--provisional")
    assert capsys.readouterr().out.strip() == "2026-12-28"   # no mark when no year is assumed


def test_api_add_provisional():
    r = Client().get("/api/workdays/add", {"date": "2026-12-10", "days": "20", "provisional": "true"})
    assert r.status_code == 200
    assert (r.json()["date"], r.json()["provisional"]) == ("2027-01-07", True)
    assert "暂按常规工作日计算" in r.json()["note"]
