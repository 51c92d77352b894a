"""Worklists at provincial size: the count stops at a cap, pages read ids first, number searches list by number."""
import pytest

from zwfw.cases import queries
from zwfw.cases.queries import case_filter, find_cases

from .test_cases_worklist import client_for, make_cases, rows_of

pytestmark = pytest.mark.django_db


def test_past_the_cap_the_page_says_so_and_pages_stop_there(hall, monkeypatch):
    monkeypatch.setattr(queries.CappedPaginator, "cap", 120)
    made = make_cases(hall, 130)
    clerk = client_for(hall.users["forest_clerk"])
    first = clerk.get("/cases/", {"sort": "number"}).content.decode()
    assert "超过 120 件，只列出前 120 件，请用搜索或筛选缩小范围" in first and "第 1/3 页" in first
    assert "共 130 件" not in first
    # The last page is the cap's: the rows are the first 120 in the list's order, each once.
    seen = []
    for n in (1, 2, 3, 4):  # page 4 does not exist: the paginator answers with the last page
        seen += rows_of(clerk.get("/cases/", {"sort": "number", "page": n}).content.decode())
    numbers = sorted(c.number for c in made)
    assert seen[:120] == numbers[:120] and seen[120:] == numbers[100:120]
    # At or under the cap the exact count is shown.
    narrowed = clerk.get("/cases/", {"q": numbers[0]}).content.decode()
    assert "共 1 件" in narrowed and rows_of(narrowed) == [numbers[0]]


def test_a_page_keeps_the_lists_order_with_its_rows_joined(hall):
    made = make_cases(hall, 60)
    staff = client_for(hall.users["staff"])
    page = staff.get("/cases/", {"status": "all", "sort": "newest"}).content.decode()
    expected = [c.number for c in find_cases(hall.users["staff"], case_filter({"status": "all", "sort": "newest"}))[:50]]
    assert rows_of(page) == expected and len(expected) == 50
    assert set(expected) <= {c.number for c in made}


def test_a_number_search_lists_in_number_order_unless_told_otherwise(hall):
    made = make_cases(hall, 5)
    prefix = made[0].number[:14]
    assert case_filter({"q": prefix}).sort == "number"
    assert case_filter({"q": prefix, "sort": "newest"}).sort == "newest"
    assert case_filter({"q": "王"}).sort == "due"          # a name: the usual order
    assert case_filter({"q": "510104199001011234"}).sort == "due"  # a whole ID number is not a case number
    staff = client_for(hall.users["staff"])
    page = staff.get("/cases/", {"q": prefix}).content.decode()
    assert rows_of(page) == sorted(c.number for c in made)
