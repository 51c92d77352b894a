"""Clerks' pages: worklist order and warnings, the case page and its actions, the acceptance form, scoping."""
import datetime as dt

import pytest
from django.test import Client

from zwfw.cases.models import AuditLog, Case


def client_for(user):
    c = Client()
    c.force_login(user)
    return c


def test_acceptance_form_validates_inline_and_accepts(hall, ids):
    comp = client_for(hall.users["comp"])
    bad = comp.get("/cases/new/check-id", {"kind": "person", "id_number": "510108199003071231"})
    assert "校验位不正确" in bad.content.decode()
    good = comp.get("/cases/new/check-id", {"kind": "organisation", "id_number": ids.org()})
    assert "号码校验通过" in good.content.decode()
    found = comp.get("/cases/new/items", {"q": "食品经营"}).content.decode()
    assert "510000-SJ-100-01" in found
    materials = comp.get("/cases/new/items", {"item_code": "510000-SJ-100-01"}).content.decode()
    assert "食品经营许可申请书" in materials and "法定 20 个工作日" in materials
    r = comp.post("/cases/new", {"kind": "person", "name": "王芳", "id_number": "510108199003071231",
                                 "item_code": "510000-SJ-100-01"})
    assert r.status_code == 200 and "居民身份证号码校验位不正确" in r.content.decode()
    assert not Case.objects.exists()
    form = {"kind": "organisation", "name": "四川青山林业开发有限公司", "id_number": ids.org(), "phone": "028-86001234",
            "item_code": "510000-SJ-100-01", "provided": ["食品经营许可申请书"], "decision": "accept"}
    r = comp.post("/cases/new", form)
    page = r.content.decode()
    # "材料齐全" with required materials missing does not accept; nothing is written, nothing entered is lost.
    assert "申请材料不齐全，不能受理：缺少营业执照复印件、法定代表人身份证" in page and not Case.objects.exists()
    assert 'value="028-86001234"' in page and 'value="食品经营许可申请书" checked' in page
    form["provided"] = ["食品经营许可申请书", "营业执照复印件", "法定代表人身份证"]
    r = comp.post("/cases/new", form, follow=True)
    page = r.content.decode()
    case = Case.objects.get()
    assert case.status == "accepted" and case.at_comprehensive_window
    assert f"已受理，办件编号 {case.number}。" in page and "剩余" in page and ">流转<" in page


def test_case_page_actions_and_conflicts(hall, open_case, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2), applicant="person")
    clerk = client_for(hall.users["forest_clerk"])
    page = clerk.get(f"/cases/{case.number}/").content.decode()
    assert ">受理<" in page and ">颁发<" not in page
    assert hall.applicants["person"].id_number in page  # the handling department sees it unmasked …
    assert AuditLog.objects.filter(user=hall.users["forest_clerk"], where="办件页面").exists()  # … and it is logged
    r = clerk.post(f"/cases/{case.number}/act/accept", {"version": 0}, follow=True)
    assert "已受理。" in r.content.decode()
    r = clerk.post(f"/cases/{case.number}/act/reject", {"version": 0, "reason": "x"}, follow=True)
    assert "该办件已被他人办理，请刷新后重试。" in r.content.decode()
    r = clerk.post(f"/cases/{case.number}/act/issue", {"version": 1}, follow=True)
    assert "当前状态为“已受理”，不能执行“颁发”。" in r.content.decode()
    staff = client_for(hall.users["staff"]).get(f"/cases/{case.number}/").content.decode()
    assert hall.applicants["person"].id_number not in staff and "138****5678" in staff and "已脱敏" in staff


def test_a_department_clerk_cannot_see_or_act_on_another_departments_case(hall, open_case, at):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2))
    market = client_for(hall.users["market_clerk"])
    assert market.get(f"/cases/{case.number}/").status_code == 404
    assert market.post(f"/cases/{case.number}/act/accept", {"version": 0}).status_code == 404
    assert case.number not in market.get("/cases/").content.decode()
    case.refresh_from_db()
    assert case.status == "applied"
    assert Client().get("/cases/").status_code == 302  # to the login page


def test_worklist_orders_by_remaining_days_and_highlights_warnings(hall, calendar_through_next_year, open_case, walk, at):
    from zwfw.cases.models import Case as C

    late = open_case("seed", "forest_clerk", at(2026, 3, 2))
    walk(late, "accept", "forest_clerk", at(2026, 3, 2))        # promised 5 working days
    calm = open_case("forest", "forest_clerk", at(2026, 3, 2))
    walk(calm, "accept", "forest_clerk", at(2026, 3, 2))        # promised 8 working days
    waiting = open_case("forest", "forest_clerk", at(2026, 3, 3))
    today = dt.date.today()
    # Put the deadlines relative to today so the page shows a warning and a normal case.
    from zwfw.workdays.services import get_calendar

    cal = get_calendar()
    C.objects.filter(pk=late.pk).update(promised_due=cal.add(today, 2))
    C.objects.filter(pk=calm.pk).update(promised_due=cal.add(today, 12))
    page = client_for(hall.users["forest_clerk"]).get("/cases/").content.decode()
    assert page.index(late.number) < page.index(calm.number) < page.index(waiting.number)
    assert 'class="badge warn">剩余 2 个工作日' in page and 'class="badge ok">剩余 12 个工作日' in page
    comp_page = client_for(hall.users["comp"]).get("/cases/").content.decode()
    assert late.number not in comp_page  # not a comprehensive-window case


def test_consultation_page(hall):
    comp = client_for(hall.users["comp"])
    r = comp.post("/cases/consultations", {"matter": hall.items["food"].matter.pk, "people": "2", "topic": "办证"},
                  follow=True)
    assert "已登记咨询 2 人次（四川省市场监督管理局）。" in r.content.decode()
    r = comp.post("/cases/consultations", {"people": "1"})
    assert "请选择咨询涉及的部门或事项。" in r.content.decode()
