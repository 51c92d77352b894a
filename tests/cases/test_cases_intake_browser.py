"""In Chromium, desktop and phone: the acceptance form refuses missing materials at the field, keeps what the
clerk entered, and accepts with 告知承诺 and 容缺 recorded on the case."""
import pytest

from zwfw.cases.models import Case

from .conftest import PROMISE
from .test_cases_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width, height, label", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_acceptance_form_with_promise_and_deferred_material(hall, items, calendar_through_next_year, live_server,
                                                            browser, screenshot_dir, ids, width, height, label):
    base = live_server.url
    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = ctx.new_page()
    login(page, base, "comp")
    page.goto(f"{base}/cases/new")
    page.select_option("#kind", "organisation")
    page.fill("input[name=name]", "四川青山林业开发有限公司")
    page.fill("#id_number", ids.org())
    page.wait_for_selector("#id-check .badge.ok")
    page.fill("input[name=phone]", "028-86001234")
    page.fill("#item_code", PROMISE)
    page.press("#item_code", "Tab")  # the change loads the checklist
    page.wait_for_selector("#materials fieldset")
    page.check("#materials input[name=provided][value='食品生产许可申请书']")
    page.click("#accept-form button.primary")
    page.wait_for_load_state()
    error = page.inner_text("#materials-error")
    assert "缺少食品安全管理制度文本（可容缺受理）、生产场所无违法建设证明（可告知承诺）" in error
    assert page.input_value("input[name=phone]") == "028-86001234" and page.input_value("#item_code") == PROMISE
    assert page.is_checked("#materials input[name=provided][value='食品生产许可申请书']")
    assert not Case.objects.exists()
    page.screenshot(path=str(screenshot_dir / f"cases-new-materials-missing-{label}.png"), full_page=True)
    page.check("#materials input[name=promised][value='生产场所无违法建设证明']")
    page.check("#materials input[name=deferred][value='食品安全管理制度文本']")
    page.click("#accept-form button.primary")
    page.wait_for_load_state()
    assert "已受理" in page.inner_text("#status")
    text = page.inner_text("main")
    assert "告知承诺" in text and "容缺待补交" in text
    page.screenshot(path=str(screenshot_dir / f"cases-accepted-promise-deferred-{label}.png"), full_page=True)
    ctx.close()
