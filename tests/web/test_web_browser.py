"""A leader logs in and sees the dashboard's chart drawn, on a desktop and on a phone."""
import pytest

# Transactional: the live server sees the test data. Seeded reference data is reseeded after each flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [((1366, 900), "home-leader-desktop"), ((390, 844), "home-leader-phone")]


def _log_in(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_leader_sees_the_weekly_chart_on_desktop_and_phone(web_hall, live_server, browser, screenshot_dir):
    for (width, height), name in SIZES:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        _log_in(page, live_server.url, "lingdao", web_hall.password)
        assert page.locator("h1").inner_text() == "大厅运行概况"
        # ECharts drew into the box: a canvas of the box's size, and an instance bound to it.
        page.locator("#weekly-chart canvas").first.wait_for(state="attached", timeout=10_000)
        box = page.locator("#weekly-chart").bounding_box()
        assert box["width"] > 300 and box["height"] > 200
        assert page.evaluate("() => !!echarts.getInstanceByDom(document.getElementById('weekly-chart'))")
        # Nothing spills sideways: the page is no wider than the screen (wide tables scroll in their card).
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        assert page.locator(".mainnav a.current").inner_text() == "首页"
        assert page.locator("#ytd").inner_text().count("行政许可事项") == 1
        page.wait_for_timeout(800)  # let the line animation finish before the picture
        page.screenshot(path=str(screenshot_dir / f"{name}.png"), full_page=True)
        assert errors == []
        context.close()
