"""Times pushed by departments' systems are bounded; a refused push writes nothing and the case stays readable."""
import datetime as dt

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from zwfw.accounts.services import issue_api_key
from zwfw.cases import timebounds
from zwfw.cases.models import Case, CaseEvent
from zwfw.workdays.models import CalendarYear
from zwfw.workdays.services import set_year


@pytest.fixture
def push(hall):
    key = issue_api_key(hall.dept["省林草局"], "审批系统对接")[1]
    client = Client()

    def _push(case, at, event="accepted"):
        case.refresh_from_db()
        return client.post(f"/api/cases/{case.number}/events", {"event": event, "version": case.version, "at": at},
                           content_type="application/json", headers={"X-API-Key": key})
    return _push


@pytest.fixture
def recent_case(hall, open_case):
    return open_case("seed", "forest_clerk", timezone.now() - dt.timedelta(days=3))


def _unchanged(case, push_response, code):
    assert push_response.status_code == 400, push_response.content
    body = push_response.json()
    assert body["field"] == "at" and body["code"] == code, body
    case.refresh_from_db()
    assert case.status == "applied" and case.version == 0
    assert CaseEvent.objects.filter(case=case).count() == 1
    assert Client().get(f"/api/cases/{case.number}").status_code == 401  # still answers, no server error


@pytest.mark.parametrize("when", ["0001-01-01T10:00:00+08:00", "1995-06-01T10:00:00+08:00"])
def test_a_push_dated_long_ago_is_refused_and_the_case_stays_readable(hall, recent_case, push, when):
    r = push(recent_case, when)
    assert r.status_code == 400 and r.json()["field"] == "at", r.content
    recent_case.refresh_from_db()
    assert recent_case.version == 0 and CaseEvent.objects.filter(case=recent_case).count() == 1
    staff = Client()
    staff.force_login(hall.users["forest_clerk"])
    assert staff.get(f"/api/cases/{recent_case.number}").status_code == 200
    assert staff.get(f"/cases/{recent_case.number}/").status_code == 200


def test_a_push_before_the_cases_last_event_is_refused(recent_case, push):
    before = recent_case.applied_at - dt.timedelta(hours=1)
    _unchanged(recent_case, push(recent_case, before.isoformat()), "at_before_last_event")


@override_settings(ZWFW_PUSHED_MAX_DAYS_BACK=2)
def test_a_push_further_back_than_configured_is_refused(hall, open_case, push):
    case = open_case("seed", "forest_clerk", timezone.now() - dt.timedelta(days=5))
    _unchanged(case, push(case, (timezone.now() - dt.timedelta(days=3)).isoformat()), "at_too_old")
    ok = push(case, (timezone.now() - dt.timedelta(days=1)).isoformat())
    assert ok.status_code == 200 and ok.json()["status_label"] == "已受理", ok.content


def test_a_push_in_a_year_without_calendar_data_is_refused(hall, recent_case, push):
    year = timezone.localdate().year
    assert CalendarYear.objects.filter(year=year, complete=True).exists()
    set_year(year, complete=False)
    _unchanged(recent_case, push(recent_case, timezone.now().isoformat()), "calendar_missing")


def test_bounds_are_a_pure_rule_on_values():
    now = dt.datetime(2026, 11, 20, 10, tzinfo=dt.timezone.utc)
    last = now - dt.timedelta(days=1)
    assert timebounds.problem(now - dt.timedelta(hours=1), last=last, now=now, max_days_back=30,
                              calendar_years={2026}) is None
    assert timebounds.problem(last - dt.timedelta(seconds=1), last=last, now=now, max_days_back=30,
                              calendar_years={2026})[0] == "at_before_last_event"
    assert timebounds.problem(now, last=None, now=now, max_days_back=30, calendar_years={2025})[0] == "calendar_missing"
