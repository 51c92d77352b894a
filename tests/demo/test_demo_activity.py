"""`zwfw demo` loads a believable, consistent year of activity, and a second run changes nothing."""
import datetime as dt
import io
from collections import Counter

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from zwfw.accounts.models import Role
from zwfw.assessment.queries import month_table
from zwfw.cases import clock
from zwfw.cases.models import Applicant, Case, CaseEvent
from zwfw.catalog.models import Department
from zwfw.demo.activity import period
from zwfw.demo.users import DEMO_PASSWORD, DEMO_USERS
from zwfw.identifiers import validate_resident_id, validate_uscc
from zwfw.licences.models import Licence
from zwfw.stats import queries
from zwfw.stats.models import DailyCount
from zwfw.workdays.services import get_calendar

SCALE = 0.00005
pytestmark = pytest.mark.django_db


def _demo(**kw):
    call_command("demo", scale=SCALE, seed=1, stdout=io.StringIO(), **kw)


@pytest.fixture(scope="module", autouse=True)
def demo_hall(django_db_setup, django_db_blocker):
    """The demo hall, loaded once for the module inside a transaction that is rolled back afterwards."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            _demo()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _snapshot() -> dict:
    return {
        "cases": list(Case.objects.order_by("number").values_list("number", "status", "promised_due")),
        "events": CaseEvent.objects.count(),
        "counts": sorted(DailyCount.objects.values_list("day", "department_id", "kind", "comprehensive", "count")),
        "licences": Licence.objects.count(),
        "applicants": Applicant.objects.count(),
    }


def test_catalogue_logins_and_applicants():
    assert Department.objects.count() == 29
    roles = {role for _, _, role, _ in DEMO_USERS}
    assert roles == set(Role.values), "every role has a demo login"
    for username, _, _, _ in DEMO_USERS:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
    people = Applicant.objects.filter(kind=Applicant.PERSON)
    orgs = Applicant.objects.filter(kind=Applicant.ORGANISATION)
    assert people.count() >= 200 and orgs.count() >= 80
    for a in people:
        validate_resident_id(a.id_number)
    for a in orgs:
        validate_uscc(a.id_number)
    zhang = Applicant.objects.get(user__username="shenqingren")
    assert zhang.cases.count() >= 3 and Licence.objects.filter(holder=zhang).exists()


def test_every_department_has_two_to_four_offices_with_their_approvers_and_transfers_go_to_them():
    from zwfw.routing.models import CaseAssignment, Office, OfficeMember

    for dept in Department.objects.all():
        offices = Office.objects.filter(department=dept)
        assert 2 <= offices.count() <= 4, dept
        members = OfficeMember.objects.filter(office__department=dept).select_related("user")
        assert {m.office_id for m in members} == set(offices.values_list("pk", flat=True))
        assert all(m.user.role == Role.APPROVER and m.user.department_id == dept.pk for m in members)
        assert members.filter(lead=True).count() == 1
    assert OfficeMember.objects.get(user__username="lcj-shenpi").lead
    assert authenticate(username="lcj-sp2", password=DEMO_PASSWORD) is not None
    live = CaseAssignment.objects.filter(case__status="transferred").select_related("office", "case")
    assert live.exists() and all(a.office.department_id == a.case.department_id for a in live)


def test_year_to_date_figures_equal_an_independent_count_of_events():
    as_of = timezone.localdate() - dt.timedelta(days=1)
    ytd = queries.ytd(as_of)
    counted = Counter()
    for kind, at, category in CaseEvent.objects.filter(kind__in=("accepted", "completed")).values_list(
            "kind", "at", "power_type__category"):
        if timezone.localdate(at).year == as_of.year:
            counted[(category, kind)] += 1
    for category in ("permit", "public_service", "other"):
        for kind in ("accepted", "completed"):
            assert ytd[category][kind] == counted[(category, kind)], (category, kind)
    assert ytd["public_service"]["accepted"] > ytd["permit"]["accepted"] > ytd["other"]["accepted"] > 0
    # No acceptance without its case: 即办件 are cases accepted and completed in one action.
    assert not CaseEvent.objects.exclude(kind="consulted").filter(case__isnull=True).exists()
    spot = Case.objects.filter(item__on_the_spot=True, status="completed", events__data__on_the_spot=True)
    assert spot.exists() and all(c.accepted_on == timezone.localdate(c.completed_at) for c in spot[:50])
    assert Case.objects.filter(status="rejected").exclude(legal_basis="").exists()
    window = queries.comprehensive_window_ytd(as_of)
    assert window["consulted"] > window["accepted"] > 0
    assert window["transferred"] > window["accepted"] * 0.8  # 件次: often more than one per case


def test_december_cases_completed_in_january_and_deadlines_follow_the_calendar():
    today = timezone.localdate()
    start, _ = period(today)
    carried = Case.objects.filter(accepted_on__year=start.year, accepted_on__month=12, status="completed",
                                  completed_at__year=start.year + 1)
    if today.month > 1:
        assert carried.exists(), "January counts completions of cases accepted in December"
    cal = get_calendar()
    accepted = Case.objects.filter(accepted_on__isnull=False).select_related("item")
    assert accepted.count() > 100
    for case in accepted:
        d = clock.deadlines(cal, case.accepted_on, case.item.statutory_days, case.item.promised_days,
                            case.extension_days, case.suspended_days)
        assert (case.statutory_due, case.promised_due) == (d.statutory_due, d.promised_due), case.number
        assert cal.is_working_day(case.accepted_on)
    live = Case.objects.filter(received_on__gte=today - dt.timedelta(days=14)).exclude(
        status__in=("completed", "rejected"))
    states = Counter(clock.state(cal, today, c.promised_due, suspended=c.status == "suspended") for c in live)
    assert live.count() >= 20
    assert states[clock.SUSPENDED] >= 1 and states[clock.WARNING] >= 1 and 1 <= states[clock.OVERDUE] <= 4
    for username in ("lcj", "wjw", "swt"):
        assert live.filter(department__code=username).count() >= 4
    assert live.filter(at_comprehensive_window=True).exists()
    completed = Case.objects.filter(status="completed")
    assert completed.filter(saved_days__gt=0).count() > completed.count() * 0.9
    assert Case.objects.filter(status="rejected").exists() and Case.objects.filter(reason__contains="不符合").exists()


def test_hall_assessment_credit_and_feedback():
    today = timezone.localdate()
    last_month = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    table = month_table(last_month)
    assert len(table) == 29
    assert len({r["score"] for r in table}) < 29, "at least one tie"
    assert any(r["score"] != 100 for r in table)
    from zwfw.credit.models import Listing
    from zwfw.feedback.models import HotlineTicket, Rating, Rectification
    from zwfw.hall.models import Commendation, InspectionRound, LeaderVisit, Window

    assert Listing.objects.filter(department__code="zrzyt").count() == 2
    assert Window.objects.filter(department__isnull=True).count() == 1 and Window.objects.count() == 30
    assert InspectionRound.objects.count() >= 40 and LeaderVisit.objects.count() >= 12
    assert Commendation.objects.exists()
    assert Rating.objects.filter(level__gte=3).count() > 10 and Rectification.objects.count() == 2
    assert HotlineTicket.objects.count() >= 5
    assert Licence.objects.filter(revoked_at__isnull=False).exists()
    assert Licence.objects.filter(superseded_by__isnull=False).exists()


def test_rerun_changes_nothing():
    before = _snapshot()
    _demo()
    assert _snapshot() == before


def test_demo_fees_are_assessed_and_paid_before_issue():
    from zwfw.fees.models import FeeLine, Payment
    from zwfw.fees.queries import owed

    assessed = set(FeeLine.objects.values_list("case_id", flat=True))
    assert assessed and Payment.objects.exists()
    handed_out = Case.objects.filter(id__in=assessed, status__in=["issued", "completed"])
    assert handed_out.exists() and all(owed(c) == 0 for c in handed_out)
    assert any(owed(c) > 0 for c in Case.objects.filter(id__in=assessed))  # some still owe (the card shows it)
