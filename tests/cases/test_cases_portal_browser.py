"""In Chromium on a phone: an applicant logs in, applies online for an item and sees the case number."""
import pytest

from zwfw.cases.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_applicant_applies_online_on_a_phone(hall, calendar_through_next_year, live_server, browser, screenshot_dir):
    from zwfw.licences import services as licences
    from zwfw.licences.models import LicenceKind

    licences.issue(kind=LicenceKind.objects.get(name="营业执照"), holder=hall.applicants["person"],
                   department=hall.dept["省市场监管局"], actor=hall.users["market_clerk"])
    base = live_server.url
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", device_scale_factor=2,
                              is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", "zhang")
        page.fill("input[name=password]", "secret-pass-1")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{base}/feedback/portal/")
        page.click("text=在线申请")
        page.wait_for_load_state()
        page.fill("input[name=q]", "食品经营")
        page.click("form.search button")
        page.wait_for_selector("#results a")
        page.screenshot(path=str(screenshot_dir / "cases-portal-search.png"), full_page=True)
        page.click("#results a")
        page.wait_for_selector("#apply-form")
        assert "不收费" in page.inner_text("#guide")
        assert "免提交" in page.inner_text("#materials")
        for name in ["食品经营许可申请书", "法定代表人身份证"]:
            page.check(f"#materials input[value='{name}']")
        page.screenshot(path=str(screenshot_dir / "cases-portal-apply.png"), full_page=True)
        page.click("#apply-form button.primary")
        page.wait_for_load_state()
        case = Case.objects.get()
        assert case.number in page.inner_text("h1") and "申请已提交" in page.inner_text("main")
        assert case.channel == "online"
        width = page.evaluate("document.documentElement.scrollWidth")
        page.screenshot(path=str(screenshot_dir / "cases-portal-submitted.png"), full_page=True)
        assert width <= 390, f"the page scrolls sideways ({width}px)"
    finally:
        ctx.close()  # release the live server's database connections


def test_an_applicant_applies_for_a_bundle_on_a_phone(hall, calendar_through_next_year, live_server, browser,
                                                      screenshot_dir):
    import datetime as dt

    from zwfw.cases.models import BundleApplication
    from zwfw.catalog import services as catalog

    catalog.create_bundle(code="CY-001", name="开办餐饮一件事", lead_department=hall.dept["省市场监管局"],
                          items=[hall.items["food"], hall.items["fire"]], valid_from=dt.date(2022, 1, 1))
    base = live_server.url
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", device_scale_factor=2,
                              is_mobile=True, has_touch=True)
    try:
        page = ctx.new_page()
        page.goto(f"{base}/accounts/login/")
        page.fill("input[name=username]", "zhang")
        page.fill("input[name=password]", "secret-pass-1")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        page.goto(f"{base}/cases/bundles/")
        page.click("#bundles .bundle a.button")
        page.wait_for_selector("#bundle-form")
        for box in page.locator("#materials input[type=checkbox]").all():
            box.check()
        page.screenshot(path=str(screenshot_dir / "cases-bundle-apply.png"), full_page=True)
        page.click("#bundle-form button.primary")
        page.wait_for_selector("#bundle-status")
        application = BundleApplication.objects.get()
        assert page.inner_text("#bundle-number") == application.number
        assert page.inner_text("#bundle-status") == "已申请"
        assert page.locator("#member-cases li").count() == 2  # one case per member
        page.screenshot(path=str(screenshot_dir / "cases-bundle-application.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        ctx.close()
