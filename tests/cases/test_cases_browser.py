"""In Chromium: accept at the comprehensive window, transfer, approve, issue, verify the licence publicly."""
import pytest
from browser_steps import act, login

from zwfw.cases.models import Case
from zwfw.licences.models import Licence

from .routing_fixtures import offices  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




def test_a_case_from_the_comprehensive_window_to_a_verified_licence(hall, offices, calendar_through_next_year, live_server, browser, screenshot_dir, ids):
    base = live_server.url
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    login(page, base, "comp")
    page.goto(f"{base}/cases/new")
    page.select_option("#kind", "organisation")
    page.fill("input[name=name]", "四川青山林业开发有限公司")
    page.fill("#id_number", ids.org()[:-1] + ("0" if ids.org()[-1] != "0" else "1"))
    page.wait_for_selector("#id-check .error")
    assert "校验位不正确" in page.inner_text("#id-check")
    page.fill("#id_number", ids.org())
    page.wait_for_selector("#id-check .badge.ok")
    page.fill("input[name=q]", "食品经营")
    page.wait_for_selector("#item-results a")
    page.click("#item-results a")
    page.wait_for_selector("#materials fieldset")
    for name in ["食品经营许可申请书", "营业执照复印件", "法定代表人身份证"]:
        page.check(f"#materials input[value='{name}']")
    page.screenshot(path=str(screenshot_dir / "cases-new.png"), full_page=True)
    page.click("#accept-form button.primary")
    page.wait_for_load_state()
    case = Case.objects.get()
    assert "已受理" in page.inner_text("#status")
    page.select_option("form.action-transfer select[name=office]", "spjy")  # a chosen office of the department
    act(page, "transfer")
    assert "已流转" in page.inner_text("#status")
    assert "承办：食品经营监管处" in page.inner_text("#assignment")
    page.goto(f"{base}/cases/")
    page.screenshot(path=str(screenshot_dir / "cases-worklist.png"), full_page=True)
    assert case.number in page.inner_text("#worklist")

    approver_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    approver = approver_ctx.new_page()
    login(approver, base, "market_approver")
    approver.goto(f"{base}/cases/{case.number}/")
    act(approver, "start_review")
    act(approver, "approve")
    assert "准予许可" in approver.inner_text("#status")

    page.goto(f"{base}/cases/{case.number}/")
    act(page, "issue")
    assert "已颁发" in page.inner_text("#status")
    page.screenshot(path=str(screenshot_dir / "cases-case-issued.png"), full_page=True)
    licence = Licence.objects.get(case=case)

    public_ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    public = public_ctx.new_page()
    public.goto(f"{base}/licences/verify/?identifier={licence.identifier}")
    text = public.inner_text("main")
    assert "食品经营许可证" in text and "有效" in text
    public.screenshot(path=str(screenshot_dir / "cases-licence-verified.png"), full_page=True)
    # Close the browsers' keep-alive sockets so the server's request threads release their database connections.
    for context in (ctx, approver_ctx, public_ctx):
        context.close()
