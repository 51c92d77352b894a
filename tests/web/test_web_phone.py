"""On a 390 px phone no page is wider than the screen: every role, every page of its navigation.

Wide tables scroll inside their card; the page itself never scrolls sideways.
"""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
ROLES = ["zhongxin", "lingdao", "zongchuang", "lcj", "lcj-shenpi", "shenqingren", None]
WIDTH = "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
# The offenders by name, so a failure says which element pushes the page wider.
WIDE = """(limit) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > limit + 1 && !e.closest('.scroll, .mainnav, [data-scroll]'))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ').join('.') : ''))"""


def _log_in(page, base, username, password):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_no_page_of_any_role_is_wider_than_a_phone(web_hall, live_server, browser, screenshot_dir):
    too_wide, broken = [], []
    for username in ROLES:
        context = browser.new_context(viewport=PHONE, locale="zh-CN", device_scale_factor=1)
        page = context.new_page()
        if username:
            _log_in(page, live_server.url, username, web_hall.password)
        else:
            page.goto(f"{live_server.url}/")
        paths = ["/"] + [p for p in page.eval_on_selector_all(".mainnav a", "links => links.map(a => a.pathname)")
                         if not p.startswith("/admin")]
        for path in dict.fromkeys(paths):
            response = page.goto(f"{live_server.url}{path}")
            if response.status >= 400:
                broken.append((username, path, response.status))
                continue
            width = page.evaluate(WIDTH)
            if width > PHONE["width"]:
                too_wide.append((username, path, width, page.evaluate(WIDE, PHONE["width"])))
        context.close()
    assert broken == []
    assert too_wide == [], "\n".join(map(str, too_wide))


def test_worklist_on_desktop_and_phone(web_hall, live_server, browser, screenshot_dir):
    for viewport, name in [({"width": 1366, "height": 900}, "worklist-desktop"), (PHONE, "worklist-phone")]:
        context = browser.new_context(viewport=viewport, locale="zh-CN")
        page = context.new_page()
        _log_in(page, live_server.url, "zhongxin", web_hall.password)
        page.goto(f"{live_server.url}/cases/?status=all&sort=due")
        assert page.locator("#worklist tbody tr").count() == 11
        assert page.evaluate(WIDTH) <= viewport["width"]
        # The table keeps its columns and scrolls inside its card on the phone.
        card = page.locator("#worklist").locator("xpath=..")
        assert card.evaluate("e => getComputedStyle(e).overflowX") == "auto"
        page.fill("input[name=q]", "WEBA0001")
        page.click("#worklist-filter button[type=submit]")
        page.wait_for_url("**q=WEBA0001**")
        assert page.locator("#worklist tbody tr").count() == 1
        page.goto(f"{live_server.url}/cases/?clock=overdue&status=all")
        page.screenshot(path=str(screenshot_dir / f"{name}.png"), full_page=True)
        context.close()
