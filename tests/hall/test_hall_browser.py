"""A round recorded on a phone-sized screen (Chromium via Playwright) shows up as findings."""
import datetime as dt

import pytest
from django.utils import timezone

from zwfw.hall import queries
from zwfw.hall.models import Finding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def test_round_recorded_on_a_phone_shows_up_as_findings(browser, live_server, screenshot_dir, windows, staff,
                                                         tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "desk.png"
    photo.write_bytes(PNG)
    today = timezone.localdate()
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, locale="zh-CN",
                            has_touch=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", "pw-12345678")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/hall/inspections/new")
    assert page.locator("h1").inner_text() == "录入大厅巡查"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing sticks out sideways

    page.select_option("select[name=f-0-point]", label="按时到岗情况")
    page.select_option("select[name=f-0-window]", label="21 号 · 省林草局窗口")
    page.fill("textarea[name=f-0-description]", "1 名工作人员未按时到岗")
    page.set_input_files("input[name=f-0-photo]", str(photo))
    page.click("#add-finding")
    page.select_option("select[name=f-1-point]", label="工作区域标准化执行情况")
    page.select_option("select[name=f-1-window]", label="22 号 · 省药监局窗口")
    page.fill("textarea[name=f-1-description]", "桌面摆放私人物品")
    assert page.locator("fieldset.finding legend").all_inner_texts() == ["问题 1", "问题 2"]
    page.screenshot(path=str(screenshot_dir / "hall-round-form-phone.png"), full_page=True)

    page.click("button[type=submit].primary")
    page.wait_for_url("**/hall/?date=*")
    page.screenshot(path=str(screenshot_dir / "hall-week-phone.png"), full_page=True)
    reading = page.locator("#inspection").inner_text()
    assert "巡查发现，省林草局窗口 1 名工作人员未按时到岗。" in reading
    assert "巡查发现，省药监局窗口桌面摆放私人物品。" in reading
    assert "总体情况良好。" in reading  # the other points

    found = list(Finding.objects.order_by("id"))
    assert [(f.window.name, f.description) for f in found] == [
        ("省林草局窗口", "1 名工作人员未按时到岗"), ("省药监局窗口", "桌面摆放私人物品")]
    assert found[0].photo and not found[1].photo
    monday = today - dt.timedelta(days=today.weekday())
    week = {r["point"]: r for r in queries.inspection_week(monday, monday + dt.timedelta(days=6))}
    assert week["按时到岗情况"]["findings"][0]["photo_url"] == f"/hall/findings/{found[0].pk}/photo/"
    photo_page = page.request.get(f"{live_server.url}/hall/findings/{found[0].pk}/photo/")
    assert photo_page.status == 200 and photo_page.body() == PNG
