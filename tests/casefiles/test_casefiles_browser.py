"""In Chromium, desktop and phone: the case page's 材料 card — a 免提交 material with its licence, a scan
checked against the original, an upload, a reuse offer — fits the screen and works."""
import pytest

from casefiles.conftest import image_bytes, pdf_bytes, upload
from cases.conftest import at
from cases.test_cases_browser import login
from zwfw.casefiles import services
from zwfw.casefiles.models import CaseMaterial, FileLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width, height, label", [(1280, 900, "desktop"), (390, 844, "phone")])
def test_the_materials_card_on_the_case_page(hall, business_licence, open_case, live_server, browser, screenshot_dir,
                                             tmp_path, width, height, label):
    clerk = hall.users["forest_clerk"]
    earlier = open_case("forest", "forest_clerk", at(2025, 9, 1))
    services.add(case=earlier, material="使用林地可行性报告", actor=clerk, verify_original=True,
                 upload=upload("使用林地可行性报告（2025年9月修订版）.pdf", pdf_bytes(12)))
    case = open_case("forest", "forest_clerk", at(2025, 10, 9), provided=["使用林地申请表"])
    services.add(case=case, material="使用林地申请表", actor=clerk,
                 upload=upload("申请表扫描件.jpg", image_bytes("JPEG"), "image/jpeg"))
    scan = tmp_path / "现场照片.png"
    scan.write_bytes(image_bytes("PNG"))

    ctx = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = ctx.new_page()
    login(page, live_server.url, "forest_clerk")
    page.goto(f"{live_server.url}/cases/{case.number}/#materials")
    card = page.locator("#materials")
    text = card.inner_text()
    assert "免提交" in text and "部门核发" in text and business_licence.identifier in text
    assert "申请人上传" in text and f"申请人在办件 {earlier.number} 提交过" in text
    card.screenshot(path=str(screenshot_dir / f"casefiles-card-{label}.png"))
    wide = page.evaluate("""w => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > w + 1)
        .map(e => e.tagName + '.' + e.className + ':' + (e.textContent || '').slice(0, 30))""", width)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, wide[:8]

    card.locator("form.verify button").click()
    page.wait_for_load_state()
    card.locator("form.reuse button").click()
    page.wait_for_load_state()
    card.locator("#material-3 form.upload input[type=file]").set_input_files(str(scan))
    card.locator("#material-3 form.upload button").click()
    page.wait_for_load_state()
    text = card.inner_text()
    assert text.count("窗口核验原件") >= 2 and f"复用自办件 {earlier.number}" in text and "现场照片.png" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    card.screenshot(path=str(screenshot_dir / f"casefiles-card-after-{label}.png"))
    with page.expect_popup() as popup:
        card.locator("a", has_text="现场照片.png").click()
    assert popup.value.url.endswith(f"/files/{CaseMaterial.objects.get(file__filename='现场照片.png').pk}/")
    ctx.close()
    assert set(FileLog.objects.filter(case=case).values_list("action", flat=True)) == {"upload", "verify", "reuse",
                                                                                      "view"}
