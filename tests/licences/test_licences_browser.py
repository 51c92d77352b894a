"""In Chromium: verify a licence on the public page, revoke it as its department's clerk,
verify again and see it revoked."""
import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from zwfw.licences import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session_cookie(user, live_server):
    client = Client()
    client.force_login(user)
    return {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url}


def test_verify_then_revoke_then_verify(browser, live_server, screenshot_dir, world):
    licence = services.issue_for_case(world.make_case(), world.clerk, timezone.now() - dt.timedelta(days=10))
    context = browser.new_context(locale="zh-CN", viewport={"width": 1100, "height": 900})
    page = context.new_page()

    page.goto(f"{live_server.url}/")
    page.click("text=证照核验")
    page.fill("input[name=identifier]", licence.identifier)
    page.click("button:has-text('核验')")
    page.wait_for_selector("#verify-result")
    assert page.inner_text("#licence-status") == "有效"
    assert page.inner_text("#licence-holder") == "成都某某**有限公司"
    assert "成都某某医药有限公司" not in page.content()
    page.screenshot(path=str(screenshot_dir / "licences-verify-valid.png"), full_page=True)

    context.add_cookies([_session_cookie(world.clerk, live_server)])
    page.goto(f"{live_server.url}/licences/{licence.pk}/")
    page.fill("textarea[name=reason]", "申请人以欺骗手段取得许可，依法撤销")
    page.click("button:has-text('撤销电子证照')")
    page.wait_for_selector("text=电子证照已撤销。")
    page.screenshot(path=str(screenshot_dir / "licences-detail-revoked.png"), full_page=True)

    context.clear_cookies()
    page.goto(f"{live_server.url}/licences/verify/")
    page.fill("input[name=identifier]", licence.identifier)
    page.press("input[name=identifier]", "Enter")
    page.wait_for_selector("#verify-result")
    assert page.inner_text("#licence-status") == "已撤销"
    assert "申请人以欺骗手段取得许可，依法撤销" in page.inner_text("#verify-result")
    page.screenshot(path=str(screenshot_dir / "licences-verify-revoked.png"), full_page=True)

    page.fill("input[name=identifier]", licence.identifier[:-1] + ("0" if licence.identifier[-1] != "0" else "1"))
    page.press("input[name=identifier]", "Enter")
    page.wait_for_selector("#verify-error")
    assert "校验位不正确" in page.inner_text("#verify-error")
    context.close()
