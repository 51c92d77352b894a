"""A week's issue composed from the hall's own data, edited, published and frozen."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from zwfw.accounts.models import Role, User
from zwfw.briefing import editorial, news
from zwfw.briefing.document import Paragraph
from zwfw.briefing.models import Issue, NewsItem
from zwfw.briefing.render import render
from zwfw.cases.models import CaseEvent
from zwfw.catalog.models import Department, Matter, PowerType
from zwfw.errors import DomainError, Forbidden
from zwfw.stats.services import record

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def hall(db):
    lcj = Department.objects.create(code="lcj", name="省林草局", short_name="省林草局", display_order=1)
    swt = Department.objects.create(code="swt", name="商务厅", short_name="商务厅", display_order=2)
    permit = PowerType.objects.get(code="01")
    public = PowerType.objects.get(code="20")
    confirm = PowerType.objects.get(code="07")
    for n, (dept, ptype) in enumerate([(lcj, permit), (swt, public), (lcj, confirm)]):
        Matter.objects.create(code=f"M{n}", name=f"事项{n}", department=dept, power_type=ptype,
                              valid_from=dt.date(2026, 1, 1))
    staff = User.objects.create_user("zhongxin", password="x" * 10, role=Role.CENTRE_STAFF)
    clerk = User.objects.create_user("lcj", password="x" * 10, role=Role.DEPARTMENT_CLERK, department=lcj)
    editorial.ensure_built_in_templates()
    return {"lcj": lcj, "swt": swt, "permit": permit, "public": public, "other": confirm, "staff": staff, "clerk": clerk}


def event(kind, day, department, power_type, comprehensive=False, hour=10):
    e = CaseEvent.objects.create(kind=kind, at=dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ),
                                 department=department, power_type=power_type, window="comprehensive" if comprehensive else "department")
    record(e)


def text_of(briefing):
    return "".join(b.lead + b.text for b in briefing.blocks if isinstance(b, Paragraph))


def test_draft_reads_this_years_figures_and_december_acceptances_stay_in_last_year(hall):
    event("accepted", dt.date(2025, 12, 30), hall["lcj"], hall["permit"])
    event("completed", dt.date(2026, 1, 5), hall["lcj"], hall["permit"])
    for _ in range(3):
        event("accepted", dt.date(2026, 11, 17), hall["swt"], hall["public"], comprehensive=True)
    event("completed", dt.date(2026, 11, 18), hall["swt"], hall["public"])
    event("accepted", dt.date(2026, 11, 19), hall["lcj"], hall["other"])
    event("consulted", dt.date(2026, 11, 16), hall["swt"], None, comprehensive=True)
    event("accepted", dt.date(2026, 11, 23), hall["lcj"], hall["permit"])  # after the period: not counted
    issue = editorial.create_draft(hall["staff"], period_start=dt.date(2026, 11, 16), period_end=dt.date(2026, 11, 20),
                                   template_code="2022")
    briefing, _ = editorial.build(issue)
    text = text_of(briefing).replace(" ", "")
    assert ("2026年1月1日至2026年11月20日，省本级行政许可事项受理0件，办结1件；公共服务事项受理3件，办结1件，"
            "其它一类行权事项受理1件，累计办结0件。") in text


def test_an_edit_is_kept_beside_the_generated_text_and_publishing_freezes_it(hall):
    event("accepted", dt.date(2026, 11, 17), hall["lcj"], hall["permit"])
    issue = editorial.create_draft(hall["staff"], period_start=dt.date(2026, 11, 16), period_end=dt.date(2026, 11, 20),
                                   template_code="2022")
    _, generated = editorial.build(issue)
    key = next(k for k, v in generated.items() if v == "总体情况良好。")
    editorial.save_edit(hall["staff"], issue.pk, key, "发现商务厅窗口 1 名工作人员未佩戴工作牌，已现场提醒整改。")
    issue.refresh_from_db()
    briefing, generated_again = editorial.build(issue)
    assert "未佩戴工作牌" in text_of(briefing) and generated_again[key] == "总体情况良好。"

    published = editorial.publish(hall["staff"], issue.pk, on=dt.date(2026, 11, 25))
    assert (published.number, published.published_on) == (1, dt.date(2026, 11, 25))
    first = render(editorial.build(published)[0], "txt")
    event("accepted", dt.date(2026, 11, 18), hall["lcj"], hall["permit"])  # a late event changes nothing published
    assert render(editorial.build(Issue.objects.get(pk=issue.pk))[0], "txt") == first
    assert "2026 年第 1 期" in first.decode()
    with pytest.raises(DomainError, match="已发布"):
        editorial.save_edit(hall["staff"], issue.pk, key, "再改一次")


def test_a_department_clerk_can_submit_news_but_not_edit_or_publish(hall):
    item = news.submit(hall["clerk"], department=hall["lcj"], day=dt.date(2026, 11, 18), theme="优化营商环境工作开展情况",
                       text="近日，省林草局窗口推行林草种子生产经营许可“一件事一次办”，办理时间压缩一半。")
    assert (item.period_start, item.status) == (dt.date(2026, 11, 16), NewsItem.SUBMITTED)
    with pytest.raises(Forbidden):
        news.accept(hall["clerk"], item.pk)
    with pytest.raises(Forbidden):
        news.submit(hall["clerk"], department=hall["swt"], day=dt.date(2026, 11, 18), theme="优化营商环境工作开展情况",
                    text="冒充商务厅报送的一条动态，内容足够长以通过字数检查。")
    news.accept(hall["staff"], item.pk)
    issue = editorial.create_draft(hall["staff"], period_start=dt.date(2026, 11, 16), period_end=dt.date(2026, 11, 20),
                                   template_code="2022")
    briefing, _ = editorial.build(issue)
    assert "近日，省林草局窗口推行林草种子生产经营许可" in text_of(briefing)
    with pytest.raises(Forbidden):
        editorial.publish(hall["clerk"], issue.pk)


def test_published_figures_join_the_imported_history_and_the_trend_chart_continues_from_it(hall):
    from zwfw.briefing.importer import parse_text
    from zwfw.briefing.services import store
    from zwfw.briefing.sources import trend_chart

    old = ("窗口工作周报\n2026年第40期（总第520期）\n四川省政府政务服务和公共资源交易服务中心\n2026年10月20日\n"
           "政务服务工作\n（10月12日—10月16日）\n一、省级政务服务事项受理办理情况\n"
           "据四川一体化政务服务平台数据统计，2026年1月1日至2026年10月16日，省本级行政许可事项受理 7件，办结 5件；"
           "公共服务事项受理 30件，办结 20件，其它一类行权事项受理 1件，累计办结 0件。\n（共印 80 份）\n")
    store(parse_text(old))
    event("accepted", dt.date(2026, 11, 17), hall["lcj"], hall["permit"])
    issue = editorial.create_draft(hall["staff"], period_start=dt.date(2026, 11, 16), period_end=dt.date(2026, 11, 20),
                                   template_code="2022")
    published = editorial.publish(hall["staff"], issue.pk, on=dt.date(2026, 11, 24))
    assert (published.number, published.total) == (41, 521)
    assert published.figures["provincial_ytd"]["permit"] == {"accepted": 1, "completed": 0}
    chart = trend_chart(dt.date(2026, 11, 23), dt.date(2026, 11, 27))
    assert chart["categories"] == ["10 月 16 日", "11 月 20 日", "11 月 27 日"]
    assert chart["series"][0] == ("累计受理", [7, 1, 1])
