"""A composed issue's figures equal an independent count of the events, read back from its own text."""
import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from zwfw.accounts.models import Role, User
from zwfw.briefing import editorial
from zwfw.briefing.importer import parse_text
from zwfw.briefing.render import render
from zwfw.cases.models import CaseEvent
from zwfw.catalog.models import Department, Matter, PowerType
from zwfw.stats.services import record_many

TZ = ZoneInfo("Asia/Shanghai")
START, END = dt.date(2023, 1, 16), dt.date(2023, 1, 20)


@pytest.fixture
def generated(db):
    rng = random.Random(423)
    depts = [Department.objects.create(code=f"D{i}", name=n, display_order=i)
             for i, n in enumerate(["省林草局", "商务厅", "省卫生健康委"])]
    types = list(PowerType.objects.all())
    for n, ptype in enumerate(types):
        Matter.objects.create(code=f"M{n}", name=f"事项{n}", department=depts[n % 3], power_type=ptype,
                              valid_from=dt.date(2022, 1, 1))
    events = []
    day = dt.date(2022, 12, 1)
    while day <= dt.date(2023, 1, 27):
        for _ in range(rng.randint(5, 40)):
            kind = rng.choice(["consulted", "accepted", "accepted", "completed", "completed", "issued", "transferred"])
            at = dt.datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), tzinfo=TZ)
            events.append(CaseEvent(kind=kind, at=at, department=rng.choice(depts),
                                    power_type=None if kind == "consulted" else rng.choice(types),
                                    window="comprehensive" if rng.random() < 0.4 else "department"))
        day += dt.timedelta(days=1)
    # Accepted in December, completed in January: January counts the completion only.
    for i in range(25):
        events.append(CaseEvent(kind="accepted", at=dt.datetime(2022, 12, 30, 16, i, tzinfo=TZ), department=depts[0],
                                power_type=types[0], window="department"))
        events.append(CaseEvent(kind="completed", at=dt.datetime(2023, 1, 3, 9, i, tzinfo=TZ), department=depts[0],
                                power_type=types[0], window="department"))
    CaseEvent.objects.bulk_create(events)
    record_many(CaseEvent.objects.all())
    editorial.ensure_built_in_templates()
    return User.objects.create_user("zhongxin", password="x" * 10, role=Role.CENTRE_STAFF)


def count(kind, start, end, **filters):
    return CaseEvent.objects.filter(kind=kind, at__gte=dt.datetime.combine(start, dt.time(), TZ),
                                    at__lt=dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), TZ),
                                    **filters).count()


def test_composed_figures_equal_an_independent_count_of_the_events(generated):
    issue = editorial.create_draft(generated, period_start=START, period_end=END, template_code="2023")
    issue = editorial.publish(generated, issue.pk, on=dt.date(2023, 2, 8))
    # The figures kept at publishing are those read back from the issue's own text (the later
    # wording prints the as-of date without its year; publishing knows the period).
    figures = issue.figures
    assert figures["comprehensive_window"] == parse_text(
        render(editorial.build(issue)[0], "txt").decode()).to_json()["comprehensive_window"]

    year = dt.date(2023, 1, 1)
    expected = {}
    for name, category in [("permit", "permit"), ("public_service", "public_service"), ("other", "other")]:
        expected[name] = {k: count(k, year, END, power_type__category=category) for k in ("accepted", "completed")}
    expected["other"]["types"] = PowerType.objects.filter(category="other").count()
    assert figures["provincial_ytd"] == {"as_of": "2023-01-20", **expected}
    assert expected["permit"]["completed"] > 25  # the December acceptances' completions are in January…
    assert count("accepted", dt.date(2022, 12, 1), dt.date(2022, 12, 31), power_type__category="permit") >= 25

    window = {"consulted": "consulted", "accepted": "accepted", "issued": "issued", "transferred": "transferred"}
    assert figures["comprehensive_window"] == {
        "week": {k: count(v, START, END, window="comprehensive") for k, v in window.items()},
        "ytd": {k: count(v, year, END, window="comprehensive") for k, v in window.items()},
    }
    assert (figures["year"], figures["issue"], figures["published_on"]) == (2023, 1, "2023-02-08")
