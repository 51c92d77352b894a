"""In Chromium: a licence deemed renewed (art. 50) verified on a phone; a late renewal refused
at the renew button of the licence page."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client

from zwfw.cases.models import CaseStatus
from zwfw.licences import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TZ = ZoneInfo("Asia/Shanghai")


def test_deemed_renewal_on_a_phone_and_a_refused_renewal_on_the_licence_page(browser, live_server, screenshot_dir,
                                                                              world):
    held = services.issue_for_case(world.make_case(when=dt.datetime(2021, 2, 1, tzinfo=TZ)), world.clerk,
                                   dt.datetime(2021, 3, 1, 10, tzinfo=TZ))
    world.make_case(item=world.renewal, status=CaseStatus.REVIEWING, when=dt.datetime(2025, 12, 1, 10, tzinfo=TZ))
    [deemed] = services.deem_renewals(on=dt.date(2026, 3, 1), at=dt.datetime(2026, 3, 1, 1, tzinfo=TZ))

    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = phone.new_page()
    page.goto(f"{live_server.url}/licences/verify/?identifier={deemed.identifier}")
    page.wait_for_selector("#verify-result")
    assert page.inner_text("#licence-status") in {"有效", "尚未生效"}
    assert "视为准予延续" in page.inner_text("#licence-deemed")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(screenshot_dir / "licences-verify-deemed-renewal-390.png"), full_page=True)
    phone.close()

    other = services.issue_for_case(world.make_case(applicant=world.person), world.clerk,
                                    dt.datetime(2021, 3, 1, 10, tzinfo=TZ))  # expired 2026-02-28, never renewed
    client = Client()
    client.force_login(world.clerk)
    desk = browser.new_context(locale="zh-CN", viewport={"width": 1100, "height": 900})
    desk.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                       "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    page = desk.new_page()
    page.goto(f"{live_server.url}/licences/{other.pk}/")
    page.click("button:has-text('延续')")
    page.wait_for_selector("#renew-error")
    assert "届满后不能申请延续，请按新办申请" in page.inner_text("#renew-error")
    page.screenshot(path=str(screenshot_dir / "licences-detail-renewal-refused.png"), full_page=True)
    desk.close()
    held.refresh_from_db()
    assert held.superseded_by == deemed
