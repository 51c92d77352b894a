"""In Chromium, desktop and phone: the applicant reads the inbox, marks a message read; the page never
scrolls sideways."""
import pytest

from zwfw.notices import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_inbox_on_a_desktop_and_a_phone(hall, open_case, walk, at, live_server, browser, screenshot_dir):
    case = open_case("seed", "forest_clerk", at(2026, 3, 2, 9), applicant="person", provided=["申请书"])
    walk(case, "request_correction", "forest_clerk", at(2026, 3, 2, 10))
    walk(case, "correct", "forest_clerk", at(2026, 3, 3, 10), provided=["营业执照"])
    walk(case, "accept", "forest_clerk", at(2026, 3, 3, 11))
    walk(case, "start_review", "forest_approver", at(2026, 3, 4))
    walk(case, "approve", "forest_approver", at(2026, 3, 10))
    services.deliver_due()
    for name, viewport in [("desktop", {"width": 1280, "height": 900}), ("phone", {"width": 390, "height": 844})]:
        ctx = browser.new_context(viewport=viewport, locale="zh-CN", device_scale_factor=1 if name == "desktop" else 2,
                                  is_mobile=name == "phone", has_touch=name == "phone")
        try:
            page = ctx.new_page()
            page.goto(f"{live_server.url}/accounts/login/")
            page.fill("input[name=username]", "zhang")
            page.fill("input[name=password]", "secret-pass-1")
            page.click("button[type=submit]")
            page.wait_for_load_state()
            page.goto(f"{live_server.url}/notices/inbox/")
            items = page.locator("ol.inbox li")
            assert page.locator("ol.inbox li a", has_text="办件进度").count() == 4
            assert items.count() == 4
            page.screenshot(path=str(screenshot_dir / f"notices-inbox-{name}.png"), full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"the page scrolls sideways ({width}px)"
            if name == "desktop":
                assert page.locator("ol.inbox li.unread").count() == 4
                page.locator("ol.inbox li").first.locator("button").click()
                page.wait_for_load_state()
                assert page.locator("ol.inbox li.unread").count() == 3
                assert "您有 3 条未读消息" in page.inner_text(".inbox-bar")
        finally:
            ctx.close()
