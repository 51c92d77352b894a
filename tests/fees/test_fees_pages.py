"""The 收费 card on the case page, the window's payment form, the applicant's pages, the platform's API,
and the 缴费通知书 / 缴费凭证 documents."""
import json
import subprocess
from decimal import Decimal

import pytest
from conftest import require_tool

from zwfw.accounts.services import issue_api_key
from zwfw.documents.models import IssuedDocument
from zwfw.fees import queries
from zwfw.fees.models import Payment

pytestmark = pytest.mark.django_db


def login(client, hall, who):
    client.force_login(hall.users[who])
    return client


def page(client, case) -> str:
    return client.get(f"/cases/{case.number}/").content.decode()


def card(client, case) -> str:
    """The 收费 card of the case page."""
    html = page(client, case)
    return html.split('id="fees"', 1)[1].split("</section>", 1)[0] if 'id="fees"' in html else ""


def test_the_case_page_shows_the_fee_card_to_those_who_handle_the_case(client, accepted, hall):
    html = page(login(client, hall, "forest_clerk"), accepted)
    assert 'id="fees"' in html and "工本费" in html and "10.00 元/证 × 1" in html
    assert 'id="fee-owed">10.00<' in html and 'id="fee-pay"' in html
    approver = page(login(client, hall, "forest_approver"), accepted)
    assert 'id="fees"' in approver and 'id="fee-pay"' not in approver  # sees the fees, takes no money
    for who in ("staff", "leader"):
        assert 'id="fees"' not in page(login(client, hall, who), accepted)


def test_the_window_records_a_payment_from_the_case_page(client, accepted, hall):
    c = login(client, hall, "forest_clerk")
    r = c.post(f"/fees/cases/{accepted.number}/payments", {"amount": "4", "method": "cash", "payer": "王五"})
    assert r.status_code == 302 and r["Location"].endswith(f"/cases/{accepted.number}/#fees")
    html = c.get(r["Location"]).content.decode()
    assert "已登记现金缴费 ¥4.00" in html and 'id="fee-owed">6.00<' in html and "fee-payments" in html
    assert 'value="6.00"' in html  # the form offers what is still owed


def test_an_overpayment_is_shown_at_the_field_and_nothing_is_written(client, accepted, hall):
    c = login(client, hall, "forest_clerk")
    r = c.post(f"/fees/cases/{accepted.number}/payments", {"amount": "12", "method": "card"})
    html = c.get(r["Location"]).content.decode()
    assert 'id="fee-error" data-field="amount"' in html and "超过尚欠金额 ¥10.00" in html
    assert 'value="12"' in html and not Payment.objects.exists()
    assert "fee-error" not in page(c, accepted)  # shown once


@pytest.mark.parametrize("who, status", [("market_clerk", 404), ("forest_approver", 403), ("staff", 403)])
def test_others_cannot_record_a_payment(client, accepted, hall, who, status):
    r = login(client, hall, who).post(f"/fees/cases/{accepted.number}/payments", {"amount": "10", "method": "cash"})
    assert r.status_code == status and not Payment.objects.exists()


def test_the_issue_button_explains_the_fee_owed(client, approved, hall):
    c = login(client, hall, "forest_clerk")
    r = c.post(f"/cases/{approved.number}/act/issue", {"version": approved.version}, follow=True)
    assert "尚欠缴费用 ¥10.00" in r.content.decode()
    approved.refresh_from_db()
    assert approved.status == "approved"


def test_the_applicant_sees_what_is_owed_in_the_portal_and_on_the_tracking_page(client, hall, fees, open_case,
                                                                                walk, at):
    case = walk(open_case("seed", "forest_clerk", at(2026, 3, 2, 9), applicant="person"), "accept", "forest_clerk",
                at(2026, 3, 2, 10))
    portal = login(client, hall, "applicant").get(f"/feedback/portal/cases/{case.number}/").content.decode()
    assert "尚欠 10.00 元" in portal and "工本费 10.00 元" in portal and "省政务服务大厅" in portal
    client.logout()
    track = client.get(f"/feedback/track/?number={case.number}&code={case.query_code}").content.decode()
    assert "尚欠 10.00 元" in track and "核定收费" in track


# ---- the payment platform's API ----------------------------------------------------------------

def post(client, number, key, body, idem=None):
    headers = {"X-API-Key": key} | ({"Idempotency-Key": idem} if idem else {})
    r = client.post(f"/api/cases/{number}/payments", json.dumps(body), content_type="application/json",
                    headers=headers)
    return r, r.json()


@pytest.fixture
def keys(hall):
    return {short: issue_api_key(hall.dept[short], "统一公共支付平台")[1] for short in ["省林草局", "省市场监管局"]}


def test_the_platform_reports_a_payment_once_per_transaction_id(client, accepted, keys):
    body = {"amount": "10.00", "transaction_id": "PAY-2026-0001", "paid_at": "2026-03-02T11:00:00+08:00"}
    r, first = post(client, accepted.number, keys["省林草局"], body)
    assert r.status_code == 201 and first["owed"] == "0.00" and first["payment"]["replayed"] is False
    assert first["payment"]["method_label"] == "统一公共支付平台"
    r, again = post(client, accepted.number, keys["省林草局"], body)
    assert r.status_code == 200 and again["payment"]["id"] == first["payment"]["id"] and again["payment"]["replayed"]
    assert Payment.objects.count() == 1
    r, conflict = post(client, accepted.number, keys["省林草局"], body | {"amount": 8})
    assert r.status_code == 409 and conflict["field"] == "transaction_id" and "不一致" in conflict["message"]


def test_the_platform_pays_in_parts_and_cannot_overpay(client, accepted, keys):
    key = keys["省林草局"]
    assert post(client, accepted.number, key, {"amount": 3, "transaction_id": "T1"})[0].status_code == 201
    r, body = post(client, accepted.number, key, {"amount": "7.01", "transaction_id": "T2"})
    assert r.status_code == 400 and body["field"] == "amount" and "¥7.00" in body["message"]
    r, body = post(client, accepted.number, key, {"amount": "abc", "transaction_id": "T2"})
    assert r.status_code == 400 and body["field"] == "amount"
    r, body = post(client, accepted.number, key, {"amount": "7", "transaction_id": "T2"}, idem="retry-1")
    assert r.status_code == 201 and body["paid"] == "10.00" and len(body["payments"]) == 2
    assert post(client, accepted.number, key, {"amount": "7", "transaction_id": "T2"}, idem="retry-1")[0].status_code == 201
    assert queries.paid(accepted) == Decimal("10.00")


def test_another_department_cannot_see_or_pay_the_case(client, accepted, keys):
    r, body = post(client, accepted.number, keys["省市场监管局"], {"amount": 10, "transaction_id": "X"})
    assert r.status_code == 404 and not Payment.objects.exists()
    r = client.get(f"/api/cases/{accepted.number}/fees", headers={"X-API-Key": keys["省林草局"]})
    assert r.status_code == 200 and r.json()["items"][0]["legal_basis"] and r.json()["owed"] == "10.00"
    assert client.get(f"/api/cases/{accepted.number}/fees").status_code == 401


# ---- documents ---------------------------------------------------------------------------------

def test_the_fee_notice_lists_the_items_the_total_in_words_and_how_to_pay(client, accepted, hall, templates):
    c = login(client, hall, "forest_clerk")
    assert "出具缴费通知书" in card(c, accepted)
    c.post(f"/documents/cases/{accepted.number}/issue/fee_notice")
    doc = IssuedDocument.objects.get(kind="fee_notice")
    assert doc.number.startswith("省林草局〔2026〕")
    for words in ["工本费：¥10.00/证 × 1证 = ¥10.00", "应缴金额合计：¥10.00（人民币壹拾元整）", "规范电子证照工本费的通知",
                  "第五十八条", "省政务服务大厅", accepted.number]:
        assert words in doc.text, words
    assert "{{" not in doc.text and "——" not in doc.text
    assert "打印缴费通知书" in card(c, accepted) and "出具缴费通知书" not in card(c, accepted)


def test_the_fee_documents_fit_only_when_there_is_a_fee(client, hall, open_case, walk, at, templates, fees):
    free = walk(open_case("forest", "forest_clerk", at(2026, 3, 2, 9)), "accept", "forest_clerk", at(2026, 3, 2, 10))
    c = login(client, hall, "forest_clerk")
    html = page(c, free)
    assert "出具缴费通知书" not in html and 'id="fees"' not in html
    c.post(f"/documents/cases/{free.number}/issue/fee_notice")
    assert not IssuedDocument.objects.exists()


def test_the_receipt_records_the_payments_with_the_amount_in_words(client, accepted, hall, templates):
    c = login(client, hall, "forest_clerk")
    c.post(f"/fees/cases/{accepted.number}/payments", {"amount": "10", "method": "qr"})
    assert "出具缴费凭证" in card(c, accepted)
    c.post(f"/documents/cases/{accepted.number}/issue/fee_receipt")
    doc = IssuedDocument.objects.get(kind="fee_receipt")
    assert "已缴合计：¥10.00（人民币壹拾元整）" in doc.text and "扫码支付，¥10.00" in doc.text and "第 1 笔缴费" in doc.text
    assert "尚欠金额：¥0.00" in doc.text and "收费依据：《" in doc.text
    html = card(c, accepted)
    assert "打印缴费凭证" in html and "出具缴费凭证" not in html


def pdf_text(pdf: bytes, tmp_path) -> str:
    require_tool("pdftotext")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


@pytest.mark.tools
def test_the_fee_notice_pdf_names_the_department_the_total_and_the_case(client, accepted, hall, templates, tmp_path):
    require_tool("soffice", "libreoffice")
    c = login(client, hall, "forest_clerk")
    c.post(f"/documents/cases/{accepted.number}/issue/fee_notice")
    doc = IssuedDocument.objects.get(kind="fee_notice")
    response = c.get(f"/documents/{doc.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path).replace(" ", "")
    assert "四川省林业和草原局" in text and "缴费通知书" in text and doc.number in text
    assert accepted.number in text and "壹拾元整" in text and "¥10.00" in text and "{{" not in text
