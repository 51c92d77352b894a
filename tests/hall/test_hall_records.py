"""Leader visits, commendations and duty rosters entered by centre staff on pages (not the admin):
validated at the field in Chinese, nothing half-written, CSRF, and printed in the week's briefing."""
import datetime as dt

import pytest
from django.test import Client

from zwfw.accounts.models import Role, User
from zwfw.assessment.models import Entry
from zwfw.briefing import editorial
from zwfw.briefing.render.text import render_text
from zwfw.hall import services
from zwfw.hall.models import Commendation, DutyAssignment, LeaderVisit

MONDAY = dt.date(2026, 11, 16)


@pytest.fixture
def people(windows):
    lcj = windows["省林草局"].department
    return {
        "staff": User.objects.create_user("zhongxin", password="x" * 10, role=Role.CENTRE_STAFF),
        "clerk": User.objects.create_user("lcj", password="x" * 10, role=Role.DEPARTMENT_CLERK, department=lcj),
        "approver": User.objects.create_user("lcj-shenpi", password="x" * 10, role=Role.APPROVER, department=lcj),
        "comp": User.objects.create_user("zongchuang", password="x" * 10, role=Role.COMPREHENSIVE_CLERK),
        "leader": User.objects.create_user("lingdao", password="x" * 10, role=Role.LEADER),
        "applicant": User.objects.create_user("shenqingren", password="x" * 10, role=Role.APPLICANT),
    }


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _briefing_text(staff, template: str) -> str:
    """The week's briefing as composed now (the draft is composed afresh from the data each time)."""
    from zwfw.briefing.models import Issue

    editorial.ensure_built_in_templates()
    issue = Issue.objects.filter(period_start=MONDAY).first() or editorial.create_draft(
        staff, period_start=MONDAY, period_end=MONDAY + dt.timedelta(days=4), template_code=template)
    briefing, _ = editorial.build(issue)
    return render_text(briefing)


def test_a_visit_entered_on_the_page_is_printed_in_that_weeks_briefing(people, windows):
    client = _as(people["staff"])
    lcj = windows["省林草局"].department
    r = client.post("/hall/visits/new/", {"date": "2026-11-18", "department": lcj.pk, "title": "党组成员、副局长",
                                          "name": "王林", "account": "到省林草局窗口看望慰问工作人员，现场办公并指导工作。"})
    assert r.status_code == 302 and r["Location"] == "/hall/visits/?week=2026-11-18"
    listed = client.get(r["Location"]).content.decode()
    assert "王林" in listed and "党组成员、副局长" in listed
    text = _briefing_text(people["staff"], "2022")
    assert "11 月 18 日，省林草局党组成员、副局长王林到省林草局窗口看望慰问工作人员" in text.replace("11月18日", "11 月 18 日")
    # The next week's briefing does not print it.
    assert not LeaderVisit.objects.filter(date__gte=MONDAY + dt.timedelta(days=7)).exists()


def test_a_commendation_entered_on_the_page_is_printed_and_proposes_an_addition(people, windows, mapped_rules):
    client = _as(people["staff"])
    w = windows["省林草局"]
    r = client.post("/hall/commendations/new/", {"date": "2026-11-19", "window": w.pk, "person": "李华",
                                                 "honour": "锦旗", "awarding_body": "成都某某林业有限公司",
                                                 "document": ""})
    assert r.status_code == 302
    c = Commendation.objects.get()
    assert Entry.objects.get(source_ref=f"hall.commendation:{c.pk}").status == Entry.PROPOSED
    text = _briefing_text(people["staff"], "2024")
    assert "省林草局窗口李华" in text and "锦旗" in text


def test_editing_a_visit_moves_it_to_the_briefing_of_its_new_week(people, windows):
    lcj = windows["省林草局"].department
    visit = services.record_visit(people["staff"], department=lcj, title="副局长", name="王林",
                                  date=MONDAY - dt.timedelta(days=7))
    assert "王林" not in _briefing_text(people["staff"], "2024")
    client = _as(people["staff"])
    page = client.get(f"/hall/visits/{visit.pk}/").content.decode()
    assert 'value="王林"' in page and 'value="2026-11-09"' in page
    r = client.post(f"/hall/visits/{visit.pk}/", {"date": "2026-11-17", "department": lcj.pk, "title": "副局长",
                                                  "name": "王林", "account": ""})
    assert r.status_code == 302
    assert "王林" in _briefing_text(people["staff"], "2024")


@pytest.mark.parametrize("path, data, field, message", [
    ("/hall/visits/new/", {"date": "", "department": "", "title": "局长", "name": "王林"}, "date", "请填写日期"),
    ("/hall/visits/new/", {"date": "2026-11-18", "department": "", "title": "局长", "name": "王林"}, "department",
     "请选择部门"),
    ("/hall/visits/new/", {"date": "2026-11-18", "department": "DEPT", "title": " ", "name": "王林"}, "title",
     "请填写职务"),
    ("/hall/visits/new/", {"date": "2026-02-30", "department": "DEPT", "title": "局长", "name": "王林"}, "date",
     "日期格式不正确"),
    ("/hall/visits/new/", {"date": "0001-01-01", "department": "DEPT", "title": "局长", "name": "王林"}, "date",
     "日期超出范围"),
    ("/hall/visits/new/", {"date": "2026-11-18", "department": "DEPT", "title": "局长", "name": "王" * 40}, "name",
     "“姓名”过长"),
    ("/hall/commendations/new/", {"date": "2026-11-18", "window": "WIN", "honour": "", "awarding_body": "省政府"},
     "honour", "请填写表扬（荣誉）"),
    ("/hall/commendations/new/", {"date": "2026-11-18", "window": "99999999999999999999", "honour": "锦旗",
                                  "awarding_body": "省政府"}, "window", "“窗口”须为整数"),
    ("/hall/duty/new/", {"window": "WIN", "staff_name": "张三", "date_from": "2026-11-18", "date_to": "2026-11-17"},
     "date_to", "截止日期不能早于起始日期"),
    ("/hall/duty/new/", {"window": "WIN", "staff_name": "", "date_from": "2026-11-18", "date_to": ""},
     "staff_name", "请填写工作人员"),
])
def test_bad_input_is_refused_at_its_field_in_chinese_and_nothing_is_written(people, windows, path, data, field,
                                                                              message):
    w = windows["省林草局"]
    data = {k: (str(w.department_id) if v == "DEPT" else str(w.pk) if v == "WIN" else v) for k, v in data.items()}
    r = _as(people["staff"]).post(path, data)
    assert r.status_code in (400, 404, 409)
    body = r.content.decode()
    assert f'data-field="{field}">' in body and message in body.split(f'data-field="{field}">')[1].split("</p>")[0]
    assert not LeaderVisit.objects.exists() and not Commendation.objects.exists()
    assert not DutyAssignment.objects.exists()


def test_one_person_is_not_on_duty_at_two_windows_at_once(people, windows):
    staff = people["staff"]
    services.record_duty(staff, window=windows["省林草局"], staff_name="张三", date_from=MONDAY, date_to=None)
    r = _as(staff).post("/hall/duty/new/", {"window": windows["水利厅"].pk, "staff_name": "张三",
                                             "date_from": "2026-12-01", "date_to": ""})
    assert r.status_code == 409 and "已安排在21 号窗口值守" in r.content.decode()
    assert DutyAssignment.objects.count() == 1
    # Ending the first assignment makes room for the second.
    first = DutyAssignment.objects.get()
    r = _as(staff).post(f"/hall/duty/{first.pk}/", {"window": windows["省林草局"].pk, "staff_name": "张三",
                                                     "date_from": "2026-11-16", "date_to": "2026-11-30"})
    assert r.status_code == 302
    services.record_duty(staff, window=windows["水利厅"], staff_name="张三", date_from=dt.date(2026, 12, 1))
    table = lambda path: _as(staff).get(path).content.decode().split('id="records"')[1]  # noqa: E731
    on_first = table("/hall/duty/?date=2026-11-20")
    on_later = table(f"/hall/duty/?date=2026-12-02&window={windows['水利厅'].pk}")
    assert "21 号 · 省林草局窗口" in on_first and "12 号 · 水利厅窗口" not in on_first
    assert "12 号 · 水利厅窗口" in on_later and "21 号" not in on_later


def test_a_confirmed_commendation_keeps_its_window_and_month(people, windows, mapped_rules):
    staff = people["staff"]
    c = services.record_commendation(staff, window=windows["省林草局"], honour="通报表扬", awarding_body="省政府办公厅",
                                     date=dt.date(2026, 11, 18))
    Entry.objects.filter(source_ref=f"hall.commendation:{c.pk}").update(status=Entry.CONFIRMED)
    r = _as(staff).post(f"/hall/commendations/{c.pk}/", {"date": "2026-11-18", "window": windows["水利厅"].pk,
                                                         "honour": "通报表扬", "awarding_body": "省政府办公厅"})
    assert r.status_code == 409 and "不能改为其他窗口" in r.content.decode()
    c.refresh_from_db()
    assert c.window == windows["省林草局"]
    r = _as(staff).post(f"/hall/commendations/{c.pk}/", {"date": "2026-11-20", "window": windows["省林草局"].pk,
                                                         "honour": "通报表扬", "awarding_body": "省政府办公厅",
                                                         "document": "川办函〔2026〕12 号"})
    assert r.status_code == 302
    c.refresh_from_db()
    assert c.document == "川办函〔2026〕12 号" and Entry.objects.filter(status=Entry.CONFIRMED).count() == 1


def test_an_unconfirmed_proposal_follows_the_corrected_commendation(people, windows, mapped_rules):
    staff = people["staff"]
    c = services.record_commendation(staff, window=windows["省林草局"], honour="通报表扬", awarding_body="省政府办公厅",
                                     date=dt.date(2026, 11, 18))
    services.update_commendation(staff, c.pk, window=windows["水利厅"], honour="通报表扬", awarding_body="省政府办公厅",
                                 date=dt.date(2026, 12, 2))
    entry = Entry.objects.get(source_ref=f"hall.commendation:{c.pk}")
    assert entry.department == windows["水利厅"].department and entry.month == dt.date(2026, 12, 1)


@pytest.mark.parametrize("who", ["clerk", "approver", "comp", "leader", "applicant"])
def test_only_centre_staff_reach_the_pages(people, windows, who):
    client = _as(people[who])
    visit = services.record_visit(people["staff"], department=windows["省林草局"].department, title="局长",
                                  name="王林", date=MONDAY)
    for path in ["/hall/visits/", "/hall/visits/new/", f"/hall/visits/{visit.pk}/", "/hall/commendations/",
                 "/hall/commendations/new/", "/hall/duty/", "/hall/duty/new/"]:
        assert client.get(path).status_code == 403, path
    r = client.post(f"/hall/visits/{visit.pk}/", {"date": "2026-11-20", "department": visit.department_id,
                                                  "title": "局长", "name": "改名"})
    assert r.status_code == 403
    visit.refresh_from_db()
    assert visit.name == "王林"


def test_a_form_without_its_csrf_token_is_refused(people, windows):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["staff"])
    r = client.post("/hall/visits/new/", {"date": "2026-11-18", "department": windows["省林草局"].department_id,
                                          "title": "局长", "name": "王林"})
    assert r.status_code == 403 and not LeaderVisit.objects.exists()


def test_centre_staff_find_the_pages_in_their_navigation_and_beside_the_news_desk(people, windows):
    client = _as(people["staff"])
    home = client.get("/").content.decode()
    assert 'href="/hall/visits/"' in home and 'href="/hall/commendations/"' in home and 'href="/hall/duty/"' in home
    desk = client.get("/briefing/news/?week=2026-11-18").content.decode()
    assert 'href="/hall/visits/?week=2026-11-16"' in desk
    clerk_home = _as(people["clerk"]).get("/").content.decode()
    assert "/hall/visits/" not in clerk_home


def test_the_inspection_form_names_who_is_on_duty_at_each_window_that_day(people, windows):
    services.record_duty(people["staff"], window=windows["省林草局"], staff_name="张三", date_from=MONDAY,
                         date_to=MONDAY)
    client = _as(people["staff"])
    r = client.post("/hall/inspections/new", {"date": "2026-11-16", "inspector": "", "f-0-description": "迟到",
                                              "f-0-point": "", "f-0-window": ""})
    assert "21 号 · 省林草局窗口（值守：张三）" in r.content.decode()
    r = client.post("/hall/inspections/new", {"date": "2026-11-17", "inspector": "", "f-0-description": "迟到",
                                              "f-0-point": "", "f-0-window": ""})
    assert "（值守：张三）" not in r.content.decode()
