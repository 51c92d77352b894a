"""Each counted event adds one to the right daily counter, on its Beijing date."""
import datetime as dt

from zwfw.stats.models import DailyCount


def counts():
    return {
        (c.day, c.department.code, c.power_type.name if c.power_type else None, c.kind, c.comprehensive, c.source): c.count
        for c in DailyCount.objects.select_related("department", "power_type")
    }


def test_events_increment_one_counter_per_key(departments, types, add_event, at):
    ga, sc, _ = departments
    permit = types["permit"]
    add_event("accepted", at(2023, 9, 4), ga, permit)
    add_event("accepted", at(2023, 9, 4, 16), ga, permit)
    add_event("accepted", at(2023, 9, 4), ga, permit, comprehensive=True)
    add_event("completed", at(2023, 9, 5), sc, permit)
    add_event("consulted", at(2023, 9, 5), sc, None, comprehensive=True)
    assert counts() == {
        (dt.date(2023, 9, 4), "GA", "行政许可", "accepted", False, "platform"): 2,
        (dt.date(2023, 9, 4), "GA", "行政许可", "accepted", True, "platform"): 1,
        (dt.date(2023, 9, 5), "SC", "行政许可", "completed", False, "platform"): 1,
        (dt.date(2023, 9, 5), "SC", None, "consulted", True, "platform"): 1,
    }


def test_consultations_without_type_share_one_counter(departments, add_event, at):
    for _ in range(3):
        add_event("consulted", at(2023, 9, 5), departments[0])
    assert list(DailyCount.objects.values_list("count", flat=True)) == [3]


def test_uncounted_kinds_are_ignored(departments, types, add_event, at):
    for kind in ["applied", "correction_requested", "review_started", "suspended", "approved"]:
        add_event(kind, at(2023, 9, 5), departments[0], types["permit"])
    assert DailyCount.objects.count() == 0


def test_new_year_just_after_midnight_counts_on_the_new_day(departments, types, add_event, at):
    event = add_event("accepted", at(2023, 1, 1, 0, 30), departments[0], types["permit"])
    assert event.at == dt.datetime(2022, 12, 31, 16, 30, tzinfo=dt.timezone.utc)
    assert list(DailyCount.objects.values_list("day", flat=True)) == [dt.date(2023, 1, 1)]
