"""Campaign progress from the catalogue and from entries; policy adjustments; visits; the API and admin."""
import datetime as dt
import json

from zwfw.catalog.models import Department, HandlingItem, Matter, PowerType
from zwfw.hall import queries, services
from zwfw.hall.models import Campaign, Measure

MON, FRI = dt.date(2024, 3, 4), dt.date(2024, 3, 8)


def _items(dept, manual_flags, at_window=True, valid_to=None):
    permit = PowerType.objects.get(code="01")
    m = Matter.objects.create(code=f"M-{dept.code}-{at_window}-{valid_to}", name="测试事项", department=dept,
                              power_type=permit, valid_from=dt.date(2023, 1, 1), valid_to=valid_to)
    for i, manual in enumerate(manual_flags):
        HandlingItem.objects.create(matter=m, code=f"{m.code}-{i}", name=f"办理项{i}", statutory_days=20,
                                    promised_days=10, at_comprehensive_window=at_window, manual_written=manual,
                                    valid_from=dt.date(2023, 1, 1), valid_to=valid_to)


def test_manual_progress_counts_items_in_force_at_the_comprehensive_window(windows, staff):
    dept = windows["省林草局"].department
    _items(dept, [True, True, True, False, False, False, False])          # 3 of 7
    _items(dept, [True, True], at_window=False)                            # not at the comprehensive window
    _items(dept, [True], valid_to=dt.date(2024, 1, 1))                      # no longer in force
    campaign = Campaign.objects.create(name="综窗改革攻坚行动", start=dt.date(2024, 1, 1))
    Measure.objects.create(campaign=campaign, name="受理工作手册编制", kind=Measure.MANUAL_PROGRESS)
    two = Measure.objects.create(campaign=campaign, name="手册（两位小数）", kind=Measure.MANUAL_PROGRESS, decimals=2)
    done, total = queries.manual_progress(FRI)
    assert (done, total) == (3, 7)
    texts = [m["text"] for m in queries.campaign_progress(MON, FRI)[0]["measures"]]
    assert texts == ["共完成 3 个办理项的受理工作手册编制，占比 42.9%。",
                     "共完成 3 个办理项的受理工作手册编制，占比 42.86%。"]
    assert two.decimals == 2


def test_entered_measure_reports_the_weeks_figure_only(staff):
    campaign = Campaign.objects.create(name="惠企政策直达快享", start=dt.date(2024, 1, 1))
    m = Measure.objects.create(campaign=campaign, name="政策事项动态调整", wording="动态调整省级惠企政策事项 {value} 条")
    services.record_progress(staff, measure=m.pk, date=dt.date(2024, 3, 5), value=3)
    services.record_progress(staff, measure=m.pk, date=dt.date(2024, 3, 7), value=2)
    services.record_progress(staff, measure=m.pk, date=dt.date(2024, 3, 12), value=9)  # next week
    assert queries.campaign_progress(MON, FRI) == [{"campaign": "惠企政策直达快享", "measures": [
        {"measure": "政策事项动态调整", "value": 5, "total": None, "text": "动态调整省级惠企政策事项 5 条。"}]}]


def test_policy_adjustments_in_a_period(windows, staff):
    dept = windows["水利厅"].department
    services.adjust_policy(staff, kind="added", date=dt.date(2024, 2, 20), code="HQ-001", name="水利建设基金减免",
                           department=dept.pk)
    services.adjust_policy(staff, kind="amended", date=dt.date(2024, 3, 5), code="HQ-001", note="扩大适用范围")
    services.adjust_policy(staff, kind="withdrawn", date=dt.date(2024, 3, 6), code="HQ-001")
    got = queries.policy_adjustments(MON, FRI)
    assert [(a["kind_label"], a["department"], a["name"]) for a in got] == [
        ("修改", "水利厅", "水利建设基金减免"), ("取消", "水利厅", "水利建设基金减免")]
    campaign = Campaign.objects.create(name="惠企政策直达快享", start=dt.date(2024, 1, 1))
    Measure.objects.create(campaign=campaign, name="动态调整", kind=Measure.POLICY_ADJUSTMENTS)
    assert queries.campaign_progress(MON, FRI)[0]["measures"][0]["text"] == "动态调整省级惠企政策事项 2 条。"


def test_visits_recorded_through_the_api_read_in_both_styles(client, windows, staff):
    client.force_login(staff)
    for dept, title, name, day in [("省林草局", "党组成员、副局长", "张某", "2024-03-05"),
                                   ("水利厅", "二级巡视员", "李某", "2024-03-07")]:
        r = client.post("/api/hall/visits", json.dumps({
            "department": Department.objects.get(short_name=dept).pk, "title": title, "name": name, "date": day}),
            content_type="application/json")
        assert r.status_code == 201
    week = client.get("/api/hall/visits/week?start=2024-03-04&end=2024-03-08").json()
    assert week["sentence"] == "本周，省林草局党组成员、副局长张某，水利厅二级巡视员李某分别到省政务服务大厅窗口调研值守。"
    assert week["paragraphs"][1] == "3 月 7 日，水利厅二级巡视员李某到省政务服务大厅窗口调研值守。"
    page = client.get("/hall/?date=2024-03-06").content.decode()
    assert week["sentence"] in page


def test_clerk_gets_a_chinese_403_from_the_hall_api(client, windows):
    from zwfw.accounts.models import Role, User

    clerk = User.objects.create_user(username="yj", password="pw-12345678", role=Role.DEPARTMENT_CLERK,
                                     department=windows["省药监局"].department)
    client.force_login(clerk)
    r = client.post("/api/hall/inspections/rounds", json.dumps({"date": "2024-03-05", "findings": []}),
                    content_type="application/json")
    assert r.status_code == 403 and r.json()["message"] == "部门窗口人员不能大厅巡查。"
    page = client.get("/hall/inspections/new")
    assert page.status_code == 403 and "只有政务平台服务处人员可以录入大厅巡查" in page.content.decode()


def test_admin_pages_in_chinese(admin_client, windows):
    for url, text in [("/admin/hall/window/", "窗口"), ("/admin/hall/inspectionpoint/", "按时到岗情况"),
                      ("/admin/hall/leadervisit/add/", "厅（局）长进大厅"), ("/admin/assessment/rule/add/", "考核条款"),
                      ("/admin/assessment/entry/", "考核记录"), ("/admin/hall/policyitem/add/", "惠企政策事项")]:
        r = admin_client.get(url)
        assert r.status_code == 200 and text in r.content.decode(), url
