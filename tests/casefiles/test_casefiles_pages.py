"""The 材料 card on the case page and the applicant's case page: upload, refusal at the field, verify, reuse,
and files that open only for those who handle the case (each opening logged)."""
import pytest
from django.test import Client

from casefiles.conftest import stored_files
from cases.conftest import at
from zwfw.casefiles.models import CaseMaterial, FileLog
from zwfw.cases import services as cases

WHEN = at(2025, 9, 1)


def client_for(user) -> Client:
    c = Client(raise_request_exception=False)
    c.force_login(user)
    return c


@pytest.fixture
def forest_case(open_case):
    return open_case("forest", "forest_clerk", WHEN, provided=["使用林地申请表", "营业执照"])


def test_a_clerk_scans_a_material_on_the_case_page_and_opens_it(hall, business_licence, forest_case, files):
    clerk = client_for(hall.users["forest_clerk"])
    page = clerk.get(f"/cases/{forest_case.number}/").content.decode()
    assert 'id="materials"' in page and 'enctype="multipart/form-data"' in page and "依据电子证照" in page
    assert f"/licences/{business_licence.pk}/" in page and business_licence.identifier in page
    r = clerk.post(f"/files/cases/{forest_case.number}/upload",
                   {"material": "使用林地可行性报告", "verify_original": "1", "next": f"/cases/{forest_case.number}/",
                    "file": files.up("可行性报告.pdf", files.pdf(3))})
    assert r.status_code == 302 and r["Location"].startswith(f"/cases/{forest_case.number}/")
    row = CaseMaterial.objects.get()
    page = clerk.get(f"/cases/{forest_case.number}/").content.decode()
    assert "可行性报告.pdf" in page and "3 页" in page and "窗口核验原件" in page and f"/files/{row.pk}/" in page
    r = clerk.get(f"/files/{row.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r["Cache-Control"] == "private, no-store"
    assert b"".join(r.streaming_content) == files.pdf(3)
    r = clerk.get(f"/files/{row.pk}/download")
    assert "attachment" in r["Content-Disposition"] and r.status_code == 200
    b"".join(r.streaming_content)
    assert list(FileLog.objects.order_by("id").values_list("action", flat=True)) == ["upload", "verify", "view",
                                                                                   "download"]


def test_a_refused_upload_is_an_error_at_that_materials_field_and_nothing_is_kept(
        hall, forest_case, files, casefiles_root):
    clerk = client_for(hall.users["forest_clerk"])
    r = clerk.post(f"/files/cases/{forest_case.number}/upload",
                   {"material": "使用林地可行性报告", "file": files.up("照片.jpg", b"MZ" + b"\x00" * 500, "image/jpeg")},
                   follow=True)
    page = r.content.decode()
    assert r.status_code == 200 and "只能上传 PDF、JPG 或 PNG 文件，所选文件实际是Windows 可执行程序" in page
    block = page.split('id="material-3"')[1].split('class="mat"')[0]
    assert "field-error" in block and "Windows 可执行程序" in block
    assert not CaseMaterial.objects.exists() and stored_files(casefiles_root) == []
    r = clerk.post(f"/files/cases/{forest_case.number}/upload", {"material": "使用林地可行性报告"}, follow=True)
    assert "请选择要上传的文件" in r.content.decode()


def test_files_open_only_for_those_who_handle_the_case(hall, forest_case, files):
    from zwfw.casefiles import services

    row = services.add(case=forest_case, material="使用林地申请表", actor=hall.users["forest_clerk"],
                       upload=files.up("申请表.png", files.image("PNG"), "image/png"))
    for who, status in [("market_clerk", 404), ("staff", 404), ("leader", 404), ("applicant", 404),
                        ("forest_approver", 200)]:
        assert client_for(hall.users[who]).get(f"/files/{row.pk}/").status_code == status, who
    assert Client().get(f"/files/{row.pk}/").status_code == 302
    staff_page = client_for(hall.users["staff"]).get(f"/cases/{forest_case.number}/").content.decode()
    assert "仅经办人员可查看" in staff_page and "申请表.png" not in staff_page and 'type="file"' not in staff_page
    r = client_for(hall.users["market_clerk"]).post(f"/files/cases/{forest_case.number}/upload",
                                                    {"material": "使用林地申请表", "file": files.up("a.png", files.image())})
    assert r.status_code == 404 and CaseMaterial.objects.count() == 1
    assert client_for(hall.users["market_clerk"]).post(f"/files/{row.pk}/verify").status_code == 404
    assert FileLog.objects.filter(action="view").count() == 1  # the approver's, not the refused ones


def test_the_applicant_uploads_online_on_their_case_page_and_sees_only_their_own_files(hall, files):
    person, me = hall.applicants["person"], hall.users["applicant"]
    case = cases.apply(item=hall.items["forest"], applicant=person, actor=me, channel="online", at=WHEN,
                       provided=["使用林地申请表"])
    c = client_for(me)
    r = c.post(f"/files/cases/{case.number}/upload", {"material": "使用林地申请表",
                                                      "file": files.up("申请表.jpeg", files.image("JPEG"), "image/jpeg")})
    assert r.status_code == 302 and r["Location"].startswith(f"/feedback/portal/cases/{case.number}/")
    from zwfw.casefiles import services

    scan = services.add(case=case, material="使用林地可行性报告", actor=hall.users["forest_clerk"],
                        upload=files.up("窗口扫描.pdf", files.pdf()))
    page = c.get(f"/feedback/portal/cases/{case.number}/").content.decode()
    own = CaseMaterial.objects.get(file__uploaded_by=me)
    assert "申请表.jpg" in page and "申请人上传" in page and "网上上传" in page and f"/files/{own.pk}/" in page
    assert "窗口扫描.pdf" not in page and f"/files/{scan.pk}/" not in page
    assert c.get(f"/files/{own.pk}/").status_code == 200 and c.get(f"/files/{scan.pk}/").status_code == 404


def test_reuse_is_offered_at_the_window_and_logged(hall, files, open_case):
    from zwfw.casefiles import services

    first = open_case("forest", "forest_clerk", WHEN)
    row = services.add(case=first, material="使用林地可行性报告", actor=hall.users["forest_clerk"],
                       upload=files.up("报告.pdf", files.pdf()))
    later = open_case("forest", "forest_clerk", at(2025, 9, 10))
    clerk = client_for(hall.users["forest_clerk"])
    page = clerk.get(f"/cases/{later.number}/").content.decode()
    assert f"申请人在办件 {first.number} 提交过：报告.pdf" in page
    r = clerk.post(f"/files/cases/{later.number}/reuse", {"source": row.pk, "material": "使用林地可行性报告"})
    assert r.status_code == 302
    assert FileLog.objects.filter(case=later, action="reuse", user=hall.users["forest_clerk"]).exists()
    assert f"复用自办件 {first.number}" in clerk.get(f"/cases/{later.number}/").content.decode()
    r = clerk.post(f"/files/cases/{later.number}/reuse", {"source": "x"}, follow=True)
    assert r.status_code == 200 and "可复用的材料" in r.content.decode()


@pytest.mark.parametrize("next_value", ["abc", "//evil.example/x", "https://evil.example/", "-1", "/cases/x/#y"])
def test_the_return_address_is_only_a_path_of_this_site(hall, forest_case, next_value):
    r = client_for(hall.users["forest_clerk"]).post(f"/files/cases/{forest_case.number}/upload",
                                                    {"material": "使用林地申请表", "next": next_value})
    assert r.status_code == 302
    assert r["Location"] in (f"/cases/{forest_case.number}/#materials", "/cases/x/#materials")
