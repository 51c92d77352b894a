"""In Chromium, desktop and phone: an approver extends a case whose new deadline falls in a year not yet
announced, and sees it marked provisional; suspending asks for the written notice."""
import pytest
from django.utils import timezone

from zwfw.cases import services
from zwfw.workdays.models import CalendarYear

from .test_cases_browser import act, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_extension_into_an_unannounced_year_is_marked_provisional(hall, live_server, browser, screenshot_dir):
    today = timezone.localdate()
    # Whatever the day the test runs: this year's and later notices are "not yet entered".
    CalendarYear.objects.filter(year__gte=today.year).update(complete=False)
    case = services.apply(item=hall.items["forest"], applicant=hall.applicants["org"], actor=hall.users["forest_clerk"],
                          provided=["使用林地申请表", "营业执照", "使用林地可行性报告"])
    services.accept(case, actor=hall.users["forest_clerk"], version=case.version)
    services.start_review(case, actor=hall.users["forest_clerk"], version=case.version)
    base = live_server.url
    for name, viewport in [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})]:
        ctx = browser.new_context(viewport=viewport, locale="zh-CN")
        page = ctx.new_page()
        login(page, base, "forest_approver")
        page.goto(f"{base}/cases/{case.number}/")
        if name == "desktop":
            form = page.locator("form.action-extend")
            form.locator("[name=reason]").fill("需征求自然资源部门意见")
            form.locator("[name=approved_by]").fill("王局长")
            form.locator("[name=notified]").check()
            form.locator("button").click()
            page.wait_for_load_state()
            assert "已延长办理期限" in page.content()
            act(page, "suspend", notice="")  # the written notice is required
            assert "书面告知申请人" in page.inner_text("body")
        clock_text = page.inner_text("#clock")
        assert "暂按常规工作日计算" in clock_text and "经王局长批准" in clock_text
        wide = page.evaluate("""w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
            .map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 15)""", viewport["width"])
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1, wide
        page.screenshot(path=str(screenshot_dir / f"cases-clock-provisional-{name}.png"), full_page=True)
        ctx.close()
    case.refresh_from_db()
    assert case.extension_days == 10 and services.clock_of(case).provisional
