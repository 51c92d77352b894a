"""Worklists that scale: search, filters, sort, 50 a page (no cut at 300), Excel export, the API's cursor."""
import datetime as dt
import io
import itertools

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from zwfw.cases import export
from zwfw.cases.clockwork import clock_of
from zwfw.cases.models import Applicant, Case
from zwfw.cases.queries import CLOCK_CHOICES, case_filter, find_cases
from zwfw.errors import DomainError
from zwfw.identifiers import mask_id
from zwfw.workdays.services import get_calendar

from .conftest import person_id

_serial = itertools.count(1)


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def make_cases(hall, n, key="forest", applicant="org", status="accepted", applied=None, **fields):
    """``n`` cases written directly (these tests read; the services have their own tests)."""
    item, today = hall.items[key], timezone.localdate()
    applied = applied or timezone.now() - dt.timedelta(days=3)
    cases = [Case(number=f"510000{today:%Y%m%d}{next(_serial):06d}", item=item, department=item.matter.department,
                  applicant=hall.applicants[applicant] if isinstance(applicant, str) else applicant, status=status,
                  applied_at=applied, received_on=timezone.localdate(applied), **fields) for _ in range(n)]
    return Case.objects.bulk_create(cases)


def rows_of(page: str) -> list[str]:
    body = page.split('id="worklist">', 1)[1].split("</table>", 1)[0]
    return [chunk.split("/", 1)[0] for chunk in body.split('href="/cases/')[1:]]


def test_worklist_pages_past_300_cases_50_at_a_time(hall):
    made = make_cases(hall, 320)
    clerk = client_for(hall.users["forest_clerk"])
    first = clerk.get("/cases/").content.decode()
    assert "共 320 件" in first and "第 1/7 页" in first and len(rows_of(first)) == 50
    seen = []
    for n in range(1, 8):
        seen += rows_of(clerk.get("/cases/", {"page": n}).content.decode())
    assert sorted(seen) == sorted(c.number for c in made)  # every case on exactly one page, none cut off
    last = clerk.get("/cases/", {"page": 7, "sort": "number"}).content.decode()
    assert len(rows_of(last)) == 20 and 'rel="prev"' in last and 'rel="next"' not in last
    assert "sort=number" in last.split('rel="prev"')[0].rsplit("href=", 1)[1]  # the filters ride along


def test_search_by_number_name_and_whole_id_only(hall):
    old = make_cases(hall, 1, status="completed", applicant="person")[0]
    make_cases(hall, 2, key="food", applicant="org")
    staff = client_for(hall.users["staff"])
    # Centre staff find a closed case anywhere in the province by its number …
    assert rows_of(staff.get("/cases/", {"q": old.number}).content.decode()) == [old.number]
    by_day = rows_of(staff.get("/cases/", {"q": old.number[:14]}).content.decode())  # its day's numbers
    assert old.number in by_day and len(by_day) == 3
    # … by the beginning of the applicant's name, or the whole ID number, shown masked.
    assert rows_of(staff.get("/cases/", {"q": "张"}).content.decode()) == [old.number]
    person = hall.applicants["person"]
    page = staff.get("/cases/", {"q": person.id_number.lower()}).content.decode()
    assert rows_of(page) == [old.number]
    table = page.split('id="worklist"', 1)[1]
    assert mask_id(person.id_number) in table and person.id_number not in table
    # A part of an ID number finds nothing: a list cannot be used to guess one digit by digit.
    assert rows_of(staff.get("/cases/", {"q": person.id_number[:17]}).content.decode()) == []
    # Narrowed to open cases, the closed one is not listed.
    assert rows_of(staff.get("/cases/", {"q": old.number, "status": "open"}).content.decode()) == []


def test_department_users_find_only_their_own_cases(hall):
    forest = make_cases(hall, 1, applicant="org")[0]
    market = make_cases(hall, 1, key="food", applicant="org")[0]
    org = hall.applicants["org"]
    clerk = client_for(hall.users["market_clerk"])
    assert rows_of(clerk.get("/cases/", {"q": org.id_number}).content.decode()) == [market.number]
    assert rows_of(clerk.get("/cases/", {"q": forest.number}).content.decode()) == []
    # Asking for another department's list returns nothing of it.
    page = clerk.get("/cases/", {"department": hall.dept["省林草局"].pk}).content.decode()
    assert rows_of(page) == []
    staff = client_for(hall.users["staff"])
    assert rows_of(staff.get("/cases/", {"department": hall.dept["省林草局"].pk}).content.decode()) == [forest.number]


def test_filters_window_channel_status_and_dates(hall):
    today = timezone.localdate()
    window = make_cases(hall, 1, key="food", at_comprehensive_window=True)[0]
    online = make_cases(hall, 1, key="food", channel="online")[0]
    early = make_cases(hall, 1, key="food", applied=timezone.now() - dt.timedelta(days=40))[0]
    suspended = make_cases(hall, 1, key="food", status="suspended")[0]
    staff = client_for(hall.users["staff"])

    def listed(**params):
        return set(rows_of(staff.get("/cases/", params).content.decode()))

    assert listed(window="comprehensive") == {window.number}
    assert listed(window="department") == {online.number, early.number, suspended.number}
    assert listed(channel="online") == {online.number}
    assert listed(status="suspended") == {suspended.number}
    assert listed(date_to=str(today - dt.timedelta(days=30))) == {early.number}
    since = today - dt.timedelta(days=3)
    assert listed(date_from=str(since), date_to=str(since)) == {window.number, online.number, suspended.number}
    # The comprehensive window starts on its own cases and may widen the list.
    comp = client_for(hall.users["comp"])
    assert set(rows_of(comp.get("/cases/").content.decode())) == {window.number}
    assert len(rows_of(comp.get("/cases/", {"window": ""}).content.decode())) == 4


def test_clock_filter_matches_the_clock_shown(hall, calendar_through_next_year):
    cal, today = get_calendar(), timezone.localdate()
    for offset in (-3, -1, 0, 2, 3, 4, 10):
        make_cases(hall, 1, status="accepted", promised_due=cal.add(today, offset) if offset else today)
    make_cases(hall, 1, status="suspended", promised_due=cal.add(today, -2), suspended_since=cal.add(today, -5))
    make_cases(hall, 1, status="approved", promised_due=cal.add(today, -9), delivery_due=cal.add(today, 1))
    make_cases(hall, 1, status="issued", promised_due=cal.add(today, 9), delivery_due=cal.add(today, -1))
    make_cases(hall, 1, status="applied")
    make_cases(hall, 1, status="denied", promised_due=cal.add(today, -4))
    make_cases(hall, 1, status="completed", promised_due=cal.add(today, -20))
    user = hall.users["staff"]
    every = list(find_cases(user, case_filter({"status": "all"})))
    shown = {c.number: clock_of(c, cal, today).state for c in every}
    assert {"overdue", "warning", "normal", "suspended", "not_started", "stopped"} <= set(shown.values())
    for state, _ in CLOCK_CHOICES:
        found = {c.number for c in find_cases(user, case_filter({"status": "all", "clock": state}), today=today,
                                              calendar=cal)}
        assert found == {n for n, s in shown.items() if s == state}, state


@pytest.mark.parametrize("params, field, text", [
    ({"date_from": "2026-13-01"}, "date_from", "格式不正确"),
    ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to", "开始日期不能晚于结束日期"),
    ({"clock": "late"}, "clock", "没有这种时限状态"),
    ({"status": "gone"}, "status", "没有这种办件状态"),
    ({"q": "张" * 61}, "q", "搜索内容过长"),
])
def test_bad_filters_are_told_at_the_field(hall, params, field, text):
    with pytest.raises(DomainError) as exc:
        case_filter(params)
    assert exc.value.field == field and text in exc.value.message
    r = client_for(hall.users["staff"]).get("/cases/", params)
    assert r.status_code == 200 and text in r.content.decode()
    r = client_for(hall.users["staff"]).get("/api/cases/", params)
    assert r.status_code == 400 and r.json()["field"] == field


def test_export_writes_the_filtered_list_with_formulas_as_text(hall):
    sly = Applicant.objects.create(kind=Applicant.PERSON, name="=HYPERLINK(\"http://x\",\"点\")",
                                   id_number=person_id("51010819850101002"))
    make_cases(hall, 3, applicant=sly)
    make_cases(hall, 2, key="food")
    r = client_for(hall.users["staff"]).get("/cases/export.xlsx", {"department": hall.dept["省林草局"].pk})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "办件编号" and len(rows) == 4
    name_cell = ws.cell(row=2, column=4)
    assert name_cell.value.startswith("=HYPERLINK") and name_cell.data_type == "s"
    assert rows[1][4] == mask_id(sly.id_number)


def test_export_refuses_more_than_its_limit_with_the_count(hall, monkeypatch):
    monkeypatch.setattr(export, "EXPORT_LIMIT", 2)
    make_cases(hall, 3)
    r = client_for(hall.users["staff"]).get("/cases/export.xlsx", follow=True)
    assert "筛选结果共 3 件，超过一次导出的上限 2 件" in r.content.decode()


def test_api_walks_every_case_by_cursor_with_the_same_filters(hall):
    made = make_cases(hall, 130, key="food")
    make_cases(hall, 5)
    client = client_for(hall.users["market_clerk"])
    seen, cursor, pages = [], "", 0
    while True:
        r = client.get("/api/cases/", {"limit": 50, "cursor": cursor, "status": "accepted"})
        assert r.status_code == 200
        seen += [row["number"] for row in r.json()]
        pages += 1
        cursor = r.get("X-Next-Cursor")
        if not cursor:
            break
        assert 'rel="next"' in r["Link"] and "status=accepted" in r["Link"]
    assert pages == 3 and seen == [c.number for c in sorted(made, key=lambda c: -c.pk)]
    r = client.get("/api/cases/", {"q": hall.applicants["org"].id_number, "limit": 500})
    assert len(r.json()) == 130  # the forest cases of the same applicant are not the market's
    assert client.get("/api/cases/", {"cursor": "abc"}).json()["field"] == "cursor"


def test_page_and_api_list_do_not_query_per_row(hall, django_assert_max_num_queries):
    make_cases(hall, 30, applicant="person")
    make_cases(hall, 30, key="food", status="applied")
    staff = client_for(hall.users["staff"])
    staff.get("/cases/")  # warm the calendar and session caches
    with django_assert_max_num_queries(7):  # the page reads its 50 ids, then those rows with their joins
        r = staff.get("/cases/", {"status": "all"})
    assert len(rows_of(r.content.decode())) == 50
    with django_assert_max_num_queries(4):
        r = staff.get("/api/cases/", {"limit": 100})
    assert len(r.json()) == 60
