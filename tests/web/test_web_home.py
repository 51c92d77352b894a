"""Each role's home page shows its own work; the public front serves anonymous visitors."""
import json
import re

from zwfw.stats import queries as stats


def figure(body: str, label: str) -> str:
    """The value printed in the figure box labelled ``label`` ("—" or digits)."""
    m = re.search(rf'<span class="label">{re.escape(label)}</span><span class="value">([^<]*)', body)
    assert m, f"no figure labelled {label}"
    return m.group(1).strip()


def nav(body: str) -> list[str]:
    block = re.search(r'<nav class="mainnav"[^>]*>(.*?)</nav>', body, re.S).group(1)
    return re.findall(r">([^<]+)</a>", block)


def test_anonymous_visitor_sees_the_public_front(client, db):
    body = client.get("/").content.decode()
    assert "省政务服务大厅" in body
    assert 'action="/licences/verify/"' in body and "核验电子证照" in body
    assert "/accounts/login/" in body and "登录" in body
    assert "工作台" not in body and "在办件" not in body
    assert "证照核验" in nav(body) and "办件" not in nav(body) and "首页" not in nav(body)


def test_department_clerk_counts_only_their_department(web_hall, login):
    body = login(web_hall.users["lcj"]).get("/").content.decode()
    # 省林草局 has 4 open cases: 1 overdue, 1 due today; the suspended one is neither (its clock stands still).
    assert figure(body, "在办件") == "4"
    assert figure(body, "已超期") == "1"
    assert figure(body, "即将到期（预警）") == "1"
    assert "省林草局" in body and "省卫生健康委" not in body
    assert "本周窗口动态" in body and 'href="/briefing/news/"' in body
    assert f'href="/assessment/windows/{web_hall.dept["省林草局"].pk}/"' in body

    other = login(web_hall.users["wjw"]).get("/").content.decode()
    assert figure(other, "在办件") == "6" and figure(other, "已超期") == "3"


def test_approver_sees_their_department_without_the_news_desk(web_hall, login):
    body = login(web_hall.users["lcj-shenpi"]).get("/").content.decode()
    assert figure(body, "在办件") == "4"
    assert "本周窗口动态" not in body and "窗口动态" not in nav(body)
    assert "本窗口考核" in body


def test_comprehensive_clerk_counts_the_comprehensive_window(web_hall, login):
    body = login(web_hall.users["zongchuang"]).get("/").content.decode()
    assert figure(body, "在办件") == "6" and figure(body, "已超期") == "3"
    assert "综合窗口" in body
    assert "本窗口考核" not in body  # the comprehensive window is not a scored department window


def test_centre_staff_see_the_hall_and_what_waits_for_them(web_hall, login):
    from zwfw.briefing.models import Issue

    Issue.objects.create(year=web_hall.today.year, period_start=web_hall.today, period_end=web_hall.today,
                         status="draft")
    body = login(web_hall.users["zhongxin"]).get("/").content.decode()
    from zwfw.web.dashboards import this_week

    shown = this_week(web_hall.today)  # the briefing week holding today (an issue's period), not Monday–today
    week = stats.totals(shown["start"], shown["end"])
    assert figure(body, "待确认考核建议") == "3"
    assert figure(body, "办事指南异常") == "2"      # neither test item has a service guide
    assert figure(body, "全厅超期办件") == "4"      # 1 at 省林草局 + 3 at 省卫生健康委
    assert figure(body, "待审核窗口动态") == "0"
    assert "周报草稿" in body and "继续编辑" in body
    assert f"受理</span><span class=\"value\">{week['accepted']}" in body
    for label in ("大厅管理", "窗口考核", "窗口工作周报", "窗口动态", "事项库"):
        assert label in nav(body)


def test_leader_dashboard_is_read_only_and_carries_the_chart_data(web_hall, login):
    response = login(web_hall.users["lingdao"]).get("/")
    body = response.content.decode()
    # Nothing to edit: the only form is the logout button, no edit words anywhere.
    assert re.findall(r"<form[^>]*>", body) == ['<form method="post" action="/accounts/logout/" class="inline">']
    assert re.findall(r"<button[^>]*>([^<]*)</button>", body) == ["退出"]
    for word in ("编辑", "修改", "新建", "删除", "录入", "提交"):
        assert word not in body, word
    assert "办件" not in nav(body) and "窗口动态" not in nav(body)
    # Year to date, in the briefing's words.
    ytd = stats.ytd(web_hall.today)
    assert "行政许可事项" in body and "公共服务事项" in body
    assert f"其它 {ytd['other']['types']} 类行权事项" in body
    assert f'<td class="num">{ytd["permit"]["accepted"]}</td>' in body
    assert "本周，共计咨询" in body and "今年以来，累计咨询" in body
    # The chart's data: weekly series up to the last complete week, whose sums equal the figures to its end.
    chart = json.loads(re.search(r'<script id="weekly-chart-data" type="application/json">(.*?)</script>',
                                 body, re.S).group(1))
    from zwfw.briefing.weeks import last_complete_week

    last_end = last_complete_week(web_hall.today)[1]
    if last_end.year == web_hall.today.year:
        complete = stats.ytd(last_end)
        total_accepted = sum(v["accepted"] for k, v in complete.items() if isinstance(v, dict))
        assert sum(chart["accepted"]) == total_accepted > 0
        assert len(chart["weeks"]) == len(chart["completed"]) >= 1
    assert "本周尚未结束，不计入图表" in body or "暂无完整周数据" in body
    assert "web/vendor/echarts.min.js" in body
    # Per-department table, last month's ranking, satisfaction.
    assert "四川省林业和草原局" in body and "四川省卫生健康委员会" in body
    ranking = re.search(r'<table class="data" id="ranking">(.*?)</table>', body, re.S).group(1)
    assert re.search(r"<td class=\"num\">1</td><td>省林草局</td><td class=\"num\">102</td>", ranking)
    assert "省卫生健康委" in ranking and "99" in ranking
    assert "窗口群众评价满意率" in body and "12345 办件群众满意率" in body


def test_applicant_sees_their_cases_and_licences(web_hall, login):
    body = login(web_hall.users["shenqingren"]).get("/").content.decode()
    assert "我的办事" in body
    assert figure(body, "办理中") == "10"
    assert figure(body, "已办结") == "1"
    assert figure(body, "待评价") == "1"
    assert figure(body, "有效电子证照") == "0"
    assert "工作台" not in body and "大厅管理" not in body


def test_home_page_asks_a_handful_of_queries(web_hall, login, django_assert_max_num_queries):
    # The leader and a department clerk also read the department indicators (one query, two for the clerk).
    for username, most in (("lingdao", 21), ("zhongxin", 20), ("lcj", 16), ("shenqingren", 10)):
        client = login(web_hall.users[username])
        client.get("/")  # warm the URL configuration
        with django_assert_max_num_queries(most):
            assert client.get("/").status_code == 200
