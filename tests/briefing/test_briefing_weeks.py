"""The week is the issue's period: make-up Saturdays, Tuesday–Friday weeks, and the figures of such a week."""
import datetime as dt
import random
from zoneinfo import ZoneInfo

import pytest

from zwfw.accounts.models import Role, User
from zwfw.briefing import editorial, news
from zwfw.briefing.importer import parse_text
from zwfw.briefing.models import Issue
from zwfw.briefing.render import render
from zwfw.briefing.weeks import last_complete_week, week_of
from zwfw.cases.models import CaseEvent
from zwfw.catalog.models import Department, Matter, PowerType
from zwfw.stats.queries import working_week
from zwfw.stats.services import record_many

TZ = ZoneInfo("Asia/Shanghai")
WINDOWS = ["comprehensive", "department", "department_system", "online"]
# 2023: 1–3 May were the Labour Day holiday; Saturday 6 May was a make-up working day.
MAKEUP_SATURDAY = dt.date(2023, 5, 6)


def test_a_make_up_saturday_belongs_to_its_week(db):
    assert working_week(dt.date(2023, 5, 4)) == (dt.date(2023, 5, 4), MAKEUP_SATURDAY)
    assert working_week(MAKEUP_SATURDAY) == (dt.date(2023, 5, 4), MAKEUP_SATURDAY)


def test_a_week_after_a_monday_holiday_runs_tuesday_to_friday(db):
    assert working_week(dt.date(2023, 1, 4)) == (dt.date(2023, 1, 3), dt.date(2023, 1, 6))


def test_the_issue_s_own_period_wins(db):
    Issue.objects.create(year=2023, period_start=dt.date(2023, 9, 25), period_end=dt.date(2023, 9, 28),
                         status=Issue.DRAFT)
    assert week_of(dt.date(2023, 9, 26)) == (dt.date(2023, 9, 25), dt.date(2023, 9, 28))
    assert last_complete_week(dt.date(2023, 9, 27)) == (dt.date(2023, 9, 18), dt.date(2023, 9, 22))
    assert last_complete_week(dt.date(2023, 9, 29)) == (dt.date(2023, 9, 25), dt.date(2023, 9, 28))


@pytest.fixture
def staff(db):
    editorial.ensure_built_in_templates()
    return User.objects.create_user("zhongxin", password="x" * 10, role=Role.CENTRE_STAFF)


@pytest.fixture
def generated(staff):
    """Events of every window from 28 April to 9 May 2023, Saturdays and Sundays included."""
    rng = random.Random(506)
    depts = [Department.objects.create(code=f"D{i}", name=n, display_order=i)
             for i, n in enumerate(["省林草局", "商务厅", "省卫生健康委"])]
    types = list(PowerType.objects.all())
    for n, ptype in enumerate(types):
        Matter.objects.create(code=f"M{n}", name=f"事项{n}", department=depts[n % 3], power_type=ptype,
                              valid_from=dt.date(2022, 1, 1))
    events, day = [], dt.date(2023, 4, 28)
    while day <= dt.date(2023, 5, 9):
        for _ in range(rng.randint(10, 30)):
            kind = rng.choice(["consulted", "accepted", "completed", "issued", "issued", "transferred"])
            at = dt.datetime(day.year, day.month, day.day, rng.randint(0, 23), rng.randint(0, 59), tzinfo=TZ)
            events.append(CaseEvent(kind=kind, at=at, department=rng.choice(depts),
                                    power_type=None if kind == "consulted" else rng.choice(types),
                                    window=rng.choice(WINDOWS)))
        day += dt.timedelta(days=1)
    CaseEvent.objects.bulk_create(events)
    record_many(CaseEvent.objects.all())
    return events


def independent(events, kind, start, end, window=None):
    return sum(1 for e in events if e.kind == kind and start <= e.at.astimezone(TZ).date() <= end
               and (window is None or e.window == window))


def test_a_period_with_a_make_up_saturday_counts_the_saturday(staff, generated):
    start, end = week_of(dt.date(2023, 5, 5))
    assert (start, end) == (dt.date(2023, 5, 4), MAKEUP_SATURDAY)
    issue = editorial.create_draft(staff, period_start=start, period_end=end, template_code="2023")
    issue = editorial.publish(staff, issue.pk, on=dt.date(2023, 5, 10))
    figures = parse_text(render(editorial.build(issue)[0], "txt").decode()).to_json()
    year = dt.date(2023, 1, 1)
    kinds = ("consulted", "accepted", "issued", "transferred")
    assert figures["comprehensive_window"] == {
        "week": {k: independent(generated, k, start, end, "comprehensive") for k in kinds},
        "ytd": {k: independent(generated, k, year, end, "comprehensive") for k in kinds},
    }
    saturday = {k: independent(generated, k, MAKEUP_SATURDAY, MAKEUP_SATURDAY, "comprehensive") for k in kinds}
    assert sum(saturday.values()) > 0
    friday_only = {k: independent(generated, k, start, dt.date(2023, 5, 5), "comprehensive") for k in kinds}
    assert figures["comprehensive_window"]["week"] != friday_only


def test_news_of_a_make_up_saturday_goes_into_that_week_s_issue(staff, db):
    lcj = Department.objects.create(code="lcj", name="四川省林业和草原局", short_name="省林草局", display_order=1)
    clerk = User.objects.create_user("lcj", password="x" * 10, role=Role.DEPARTMENT_CLERK, department=lcj)
    item = news.submit(clerk, department=lcj, day=MAKEUP_SATURDAY, theme="优化营商环境工作开展情况",
                       text="5 月 6 日，省林草局窗口在调休上班日为企业现场办结林草种子生产经营许可。")
    assert (item.period_start, item.period_end) == (dt.date(2023, 5, 4), MAKEUP_SATURDAY)
    news.accept(staff, item.pk)
    assert news.accepted_news(dt.date(2023, 5, 4), MAKEUP_SATURDAY) == {"优化营商环境工作开展情况": [item.text]}


@pytest.mark.parametrize("layout", ["2022", "2023", "2024"])
def test_a_composed_issue_read_back_through_the_import_command_gives_the_database_figures(
        staff, generated, layout, tmp_path):
    import json
    from io import StringIO

    from django.core.management import call_command

    from zwfw.briefing.render import render as render_as
    from zwfw.stats import queries

    start, end = dt.date(2023, 5, 4), MAKEUP_SATURDAY
    issue = editorial.create_draft(staff, period_start=start, period_end=end, template_code=layout)
    issue = editorial.publish(staff, issue.pk, on=dt.date(2023, 5, 10))
    path = tmp_path / f"{layout}.docx"
    path.write_bytes(render_as(editorial.build(issue)[0], "docx"))
    Issue.objects.all().delete()  # the import stores the issue afresh
    out = StringIO()
    call_command("briefing", "import", str(path), "--json", stdout=out)
    figures = json.loads(out.getvalue())[0]
    ytd = queries.ytd(end)
    sections = {s.kind for s in editorial.sections_of(issue.template)}
    if "provincial_statistics" in sections:
        got = figures["provincial_ytd"]
        for category in ("permit", "public_service"):
            assert got[category] == ytd[category], (layout, category)
        assert got["other"] == ytd["other"]
    if "comprehensive_window" in sections:
        assert figures["comprehensive_window"] == {"week": queries.comprehensive_window(start, end),
                                                   "ytd": queries.comprehensive_window_ytd(end)}
    assert (figures["period"]["start"], figures["period"]["end"]) == (start.isoformat(), end.isoformat())
