"""Centre staff enter next year's notice in the admin; other roles may only look."""
from datetime import date

import pytest
from django.test import Client

from zwfw.accounts.models import Role, User
from zwfw.workdays import services
from zwfw.workdays.models import CalendarYear, OfficialDay
from zwfw.workdays.signals import calendar_changed

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    services.invalidate()
    yield
    services.invalidate()


def staff_client(role):
    user = User.objects.create_user(username=f"u-{role}", password="pw-12345678", role=role, is_staff=True)
    client = Client()
    client.force_login(user)
    return client


def test_centre_staff_enter_2027_in_the_admin_and_it_counts_at_once():
    seen = []
    calendar_changed.connect(receiver := (lambda sender, years, **kw: seen.append(years)))
    try:
        client = staff_client(Role.CENTRE_STAFF)
        page = client.get("/admin/workdays/calendaryear/")
        assert page.status_code == 200 and "年度工作日历" in page.content.decode()
        r = client.post("/admin/workdays/calendaryear/add/", {
            "year": "2027", "notice": "国务院办公厅关于2027年部分节假日安排的通知", "source": "manual",
            "complete": "on",
            "days-TOTAL_FORMS": "2", "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000",
            "days-0-date": "2027-01-01", "days-0-kind": "holiday", "days-0-festival": "元旦",
            "days-1-date": "2027-01-02", "days-1-kind": "holiday", "days-1-festival": "元旦",
        })
        assert r.status_code == 302, r.content.decode()[:2000]
    finally:
        calendar_changed.disconnect(receiver)
    assert OfficialDay.objects.filter(year__year=2027).count() == 2
    assert seen == [[2027]]
    cal = services.get_calendar()
    assert cal.add(date(2026, 12, 31), 1) == date(2027, 1, 4)


def test_admin_refuses_a_weekday_make_up_day():
    client = staff_client(Role.CENTRE_STAFF)
    r = client.post("/admin/workdays/calendaryear/add/", {
        "year": "2027", "notice": "", "source": "manual",
        "days-TOTAL_FORMS": "1", "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2027-01-04", "days-0-kind": "makeup_workday", "days-0-festival": "元旦",
    })
    assert r.status_code == 200
    assert "调休上班日应为周六或周日" in r.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()
    r = client.post("/admin/workdays/calendaryear/add/", {
        "year": "2027", "notice": "", "source": "manual",
        "days-TOTAL_FORMS": "1", "days-INITIAL_FORMS": "0", "days-MIN_NUM_FORMS": "0", "days-MAX_NUM_FORMS": "1000",
        "days-0-date": "2026-12-31", "days-0-kind": "holiday", "days-0-festival": "元旦",
    })
    assert "2026-12-31 不属于 2027 年的工作日历" in r.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_department_clerk_may_look_but_not_edit():
    client = staff_client(Role.DEPARTMENT_CLERK)
    assert client.get("/admin/workdays/calendaryear/").status_code == 200
    assert client.get("/admin/workdays/calendaryear/add/").status_code == 403
