"""A counter's day in Chromium, as the issue tells it: receive → 补正 notice printed → corrected → accepted
with uploads → receipt printed → transferred to a chosen office → approved → fee paid → licence issued with
its QR code → verified by the QR's URL → delivered. Screenshots of the pages and PNGs of the printed PDFs'
first pages are written to the screenshot folder (var/screenshots unless ZWFW_SCREENSHOTS says)."""
import io
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
from browser_steps import act, login
from cases.conftest import at_fixture, hall, ids_fixture  # noqa: F401 (fixtures shared with the case tests)
from cases.routing_fixtures import offices  # noqa: F401
from conftest import require_tool

from zwfw.cases.models import Case
from zwfw.catalog import services as catalog
from zwfw.documents.printouts import verify_url
from zwfw.documents.services import sync_templates
from zwfw.licences.models import Licence

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FEE_BASIS = "《四川省行政事业性收费目录清单》"


@pytest.fixture(autouse=True)
def casefiles_root(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "casefiles": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "files")}}}


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()




def print_document(page, base, number, kind, out: Path, pdftoppm: str) -> str:
    """Issue ``kind`` from the case page's 文书 card, fetch its PDF as the browser would, keep page 1 as PNG."""
    page.goto(f"{base}/cases/{number}/")
    page.locator(f"form.print-{kind} button").click()
    page.wait_for_load_state()
    page.goto(f"{base}/cases/{number}/")
    link = page.locator("#issued-documents tr", has_text=_TITLES[kind]).last.locator("a", has_text="重新打印")
    href = link.get_attribute("href")
    response = page.request.get(f"{base}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = out.with_suffix(".pdf")
    pdf.write_bytes(response.body())
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(out)], check=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


_TITLES = {"correction_notice": "补正材料告知书", "acceptance_notice": "受理通知书", "receipt": "收件回执",
           "fee_notice": "缴费通知书", "approval": "准予行政许可决定书"}


def test_a_day_at_the_counter(hall, offices, calendar_through_next_year, live_server, browser, screenshot_dir, ids):
    pdftoppm = require_tool("pdftoppm")
    require_tool("soffice")
    sync_templates()
    seed = hall.items["seed"]  # 林草种子生产经营许可证核发 at the forestry window: a licence and a fee
    catalog.save_guide(seed, materials=[{"name": "申请书"}, {"name": "营业执照"}], fees="工本费 10 元/证",
                       fee_items=[{"name": "工本费", "rule": "per_unit", "amount": "10", "unit": "证",
                                   "legal_basis": FEE_BASIS}])
    base = live_server.url
    shots = screenshot_dir
    clerk_ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = clerk_ctx.new_page()
    login(page, base, "forest_clerk")

    # Receive: the applicant brought the application form but not the business licence.
    page.goto(f"{base}/cases/new")
    page.select_option("#kind", "organisation")
    page.fill("input[name=name]", "四川青山林业开发有限公司")
    page.fill("#id_number", ids.org())
    page.wait_for_selector("#id-check .badge.ok")
    page.fill("input[name=q]", "林草种子")
    page.wait_for_selector("#item-results a")
    page.click("#item-results a")
    page.wait_for_selector("#materials input[value='申请书']")
    page.check("#materials input[value='申请书']")
    page.check("input[name=decision][value=receive]")
    page.click("#accept-form button.primary")
    page.wait_for_load_state()
    case = Case.objects.get()
    assert "已申请" in page.inner_text("#status")

    # 一次性告知补正, printed.
    act(page, "request_correction", reason="营业执照（副本，加盖公章）")
    text = print_document(page, base, case.number, "correction_notice", shots / "day-correction-notice", pdftoppm)
    assert "补正材料告知书" in text and "营业执照" in text and case.number in text

    # Corrected, then accepted with the two materials scanned at the window.
    page.goto(f"{base}/cases/{case.number}/")
    page.locator("form.action-correct input[name=provided][value='营业执照']").check()
    page.locator("form.action-correct button").click()
    page.wait_for_load_state()
    scan = shots / "scan.pdf"
    scan.write_bytes(pdf_bytes())
    for material in ("申请书", "营业执照"):
        form = page.locator("#materials form.upload").filter(has=page.locator(f"input[name=material][value='{material}']"))
        form.locator("input[type=file]").set_input_files(str(scan))
        verify = form.locator("input[name=verify_original]")
        if verify.count():
            verify.check()
        form.locator("button").click()
        page.wait_for_load_state()
    assert page.locator("#materials ul.files li").count() == 2
    act(page, "accept")
    assert "已受理" in page.inner_text("#status"), page.inner_text("main")[:1500]
    page.screenshot(path=str(shots / "day-accepted.png"), full_page=True)
    text = print_document(page, base, case.number, "acceptance_notice", shots / "day-acceptance-notice", pdftoppm)
    assert "受理通知书" in text and case.number in text

    # Transfer to the chosen office (资源管理处, not the lead's 行政审批处).
    page.goto(f"{base}/cases/{case.number}/")
    form = page.locator("form.action-transfer")
    form.locator("select[name=office]").select_option("zygl")
    form.locator("button").click()
    page.wait_for_load_state()
    page.goto(f"{base}/cases/{case.number}/")
    assert "已流转" in page.inner_text("#status")
    assert "资源管理处" in page.inner_text("main")

    # The office's approver reviews and approves.
    approver_ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    approver = approver_ctx.new_page()
    login(approver, base, "forest_approver2")
    approver.goto(f"{base}/cases/{case.number}/")
    act(approver, "start_review")
    act(approver, "approve")
    assert "准予许可" in approver.inner_text("#status")

    # Not issued while the fee is owed; paid at the window; issued.
    page.goto(f"{base}/cases/{case.number}/")
    assert page.inner_text("#fee-owed").strip() == "10.00"
    act(page, "issue")
    assert "尚欠" in page.inner_text("main") and "10.00" in page.inner_text("main")
    page.goto(f"{base}/cases/{case.number}/")
    page.locator("#fee-pay button").click()
    page.wait_for_load_state()
    page.goto(f"{base}/cases/{case.number}/")
    assert page.inner_text("#fee-owed").strip() == "0.00"
    act(page, "issue")
    assert "已颁发" in page.inner_text("#status")
    licence = Licence.objects.get(case=case)

    # The licence printed with its QR code; the QR's URL answers on a phone without logging in.
    page.goto(f"{base}/licences/{licence.pk}/")
    href = page.locator("a[href$='.pdf']", has_text="打印").first.get_attribute("href")
    printed = page.request.get(f"{base}{href}")
    assert printed.status == 200
    pdf = shots / "day-licence.pdf"
    pdf.write_bytes(printed.body())
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(shots / "day-licence")], check=True)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert licence.identifier in text
    qr = verify_url(base, licence.identifier)  # what the printout's QR code encodes
    phone_ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True)
    phone = phone_ctx.new_page()
    phone.goto(qr)
    assert urlparse(phone.url).path == "/licences/verify/"
    verified = phone.inner_text("main")
    assert "林草种子生产经营许可证" in verified and "有效" in verified
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(shots / "day-verified-phone.png"), full_page=True)

    # Delivered at the window: the case is complete.
    page.goto(f"{base}/cases/{case.number}/")
    page.locator("form.action-complete select[name=delivery]").select_option("window")
    page.locator("form.action-complete button").click()
    page.wait_for_load_state()
    assert "已办结" in page.inner_text("#status")
    page.screenshot(path=str(shots / "day-completed.png"), full_page=True)
    case.refresh_from_db()
    assert case.status == "completed" and case.delivery == "window"
    for context in (clerk_ctx, approver_ctx, phone_ctx):
        context.close()
