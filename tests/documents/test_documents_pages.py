"""The case page's print buttons, the document page, the PDF a window hands over, the licence printout."""
import io
import subprocess
import zipfile
from urllib.parse import urlsplit

import pytest
from conftest import require_tool

from zwfw.documents.models import IssuedDocument
from zwfw.licences.models import Licence

pytestmark = pytest.mark.django_db


def login(client, hall, who):
    client.force_login(hall.users[who])
    return client


def pdf_text(pdf: bytes, tmp_path) -> str:
    require_tool("pdftotext")
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True,
                          text=True).stdout


def test_the_case_page_offers_the_documents_that_fit_its_state(client, seed_case, hall):
    page = login(client, hall, "forest_clerk").get(f"/cases/{seed_case.number}/").content.decode()
    assert "出具受理通知书" in page and "出具准予行政许可决定书" in page and "出具收件回执" in page
    assert "出具不予受理决定书" not in page and "出具不予行政许可决定书" not in page


def test_the_case_page_shows_no_print_buttons_to_centre_staff(client, seed_case, hall):
    page = login(client, hall, "staff").get(f"/cases/{seed_case.number}/").content.decode()
    assert 'id="documents"' not in page and "出具" not in page


def test_issuing_from_the_page_records_the_document_and_reprints_count(client, seed_case, hall):
    c = login(client, hall, "forest_clerk")
    response = c.post(f"/documents/cases/{seed_case.number}/issue/acceptance_notice")
    doc = IssuedDocument.objects.get(case=seed_case)
    assert response.status_code == 302 and response["Location"] == f"/documents/{doc.pk}/"
    page = c.get(f"/documents/{doc.pk}/").content.decode()
    assert "省林草局〔" in page and "受理通知书" in page and seed_case.number in page
    docx = c.get(f"/documents/{doc.pk}.docx")
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert seed_case.number in zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert c.get(f"/documents/{doc.pk}.docx").content == docx.content
    doc.refresh_from_db()
    assert doc.printed == 2
    assert doc.number in c.get(f"/cases/{seed_case.number}/").content.decode().split('id="issued-documents"')[1]


@pytest.mark.parametrize("who, status", [("market_clerk", 404), ("staff", 403), ("leader", 403)])
def test_others_cannot_issue_or_print(client, seed_case, hall, who, status):
    login(client, hall, "forest_clerk").post(f"/documents/cases/{seed_case.number}/issue/receipt")
    doc = IssuedDocument.objects.get()
    other = login(client, hall, who)
    assert other.post(f"/documents/cases/{seed_case.number}/issue/receipt").status_code == status
    assert other.get(f"/documents/{doc.pk}.docx").status_code == status
    assert IssuedDocument.objects.count() == 1


def test_a_document_that_does_not_fit_is_explained_on_the_case_page(client, seed_case, hall):
    c = login(client, hall, "forest_clerk")
    response = c.post(f"/documents/cases/{seed_case.number}/issue/denial", follow=True)
    assert "当前不能出具不予行政许可决定书" in response.content.decode()
    assert not IssuedDocument.objects.exists()


def test_the_pdf_names_the_department_the_number_and_the_case(client, seed_case, hall, tmp_path):
    require_tool("soffice", "libreoffice")
    c = login(client, hall, "forest_clerk")
    c.post(f"/documents/cases/{seed_case.number}/issue/approval")
    doc = IssuedDocument.objects.get()
    response = c.get(f"/documents/{doc.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path).replace(" ", "")
    assert "四川省林业和草原局" in text and "准予行政许可决定书" in text
    assert seed_case.number in text and doc.number in text and "{{" not in text


def test_the_licence_printout_carries_its_identifier_and_a_qr_to_verification(client, seed_case, hall, tmp_path):
    licence = Licence.objects.get(case=seed_case)
    c = login(client, hall, "forest_clerk")
    docx = c.get(f"/documents/licences/{licence.pk}.docx")
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert licence.identifier in xml and "林草种子生产经营许可证" in xml
    media = [n for n in zipfile.ZipFile(io.BytesIO(docx.content)).namelist() if n.startswith("word/media/")]
    assert len(media) == 1  # the QR code
    assert login(client, hall, "market_clerk").get(f"/documents/licences/{licence.pk}.docx").status_code == 403


def test_the_verification_page_answers_the_licence_qr_url(client, seed_case, hall):
    from zwfw.documents.printouts import verify_url

    licence = Licence.objects.get(case=seed_case)
    url = urlsplit(verify_url("https://zwfw.example.gov.cn/", licence.identifier))
    client.logout()
    page = client.get(f"{url.path}?{url.query}").content.decode()
    assert 'id="verify-result"' in page and "林草种子生产经营许可证" in page and "有效" in page


def test_the_tracking_page_answers_the_document_qr_url(client, seed_case, hall):
    from zwfw.documents import services

    doc = services.issue(seed_case, "receipt", actor=hall.users["forest_clerk"], base_url="https://zwfw.example.gov.cn/")
    url = urlsplit(doc.qr_url)
    page = client.get(f"{url.path}?{url.query}").content.decode()
    assert "林草种子生产经营许可证核发" in page and "不匹配" not in page


def test_the_licence_page_offers_the_printout_to_its_handlers_only(client, seed_case, hall):
    licence = Licence.objects.get(case=seed_case)
    assert 'id="print-licence"' in login(client, hall, "forest_clerk").get(f"/licences/{licence.pk}/").content.decode()
    assert 'id="print-licence"' not in login(client, hall, "staff").get(f"/licences/{licence.pk}/").content.decode()


def test_staff_edit_a_template_in_the_admin_and_the_old_text_is_kept(client, templates, hall):
    from zwfw.documents.models import DocumentTemplate, TemplateVersion

    admin_user = hall.users["staff"]
    admin_user.is_staff = admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    receipt = DocumentTemplate.objects.get(kind="receipt")
    url = f"/admin/documents/documenttemplate/{receipt.pk}/change/"
    form = {"title": receipt.title, "legal_basis": receipt.legal_basis, "after": receipt.after,
            "versions-TOTAL_FORMS": "1", "versions-INITIAL_FORMS": "1", "versions-MIN_NUM_FORMS": "0",
            "versions-MAX_NUM_FORMS": "1000", "versions-0-id": str(receipt.versions.get().pk),
            "versions-0-template": str(receipt.pk)}
    bad = client.post(url, {**form, "body": "{{applicant}}："})
    assert bad.status_code == 200 and "未知的占位符" in bad.content.decode()
    assert client.post(url, {**form, "body": receipt.body + "\n\n本回执不作为受理凭证。"}).status_code == 302
    receipt.refresh_from_db()
    assert receipt.version == 2 and receipt.body.endswith("本回执不作为受理凭证。")
    assert TemplateVersion.objects.get(template=receipt, version=1).body == receipt.body.rsplit("\n\n", 1)[0]
