"""Scans handed in with a new application at the window: stored with the case, or neither."""
from django.test import Client

from casefiles.conftest import stored_files
from zwfw.casefiles.models import CaseMaterial, FileLog
from zwfw.cases.models import Case


def test_scans_at_the_acceptance_form_are_stored_with_the_case_or_not_at_all(hall, ids, files, casefiles_root):
    comp = Client(raise_request_exception=False)
    comp.force_login(hall.users["comp"])
    form = {"kind": "organisation", "name": "四川青山林业开发有限公司", "id_number": ids.org(), "phone": "028-86001234",
            "item_code": "510000-SJ-100-01", "provided": ["食品经营许可申请书"], "decision": "accept",
            "scans_verified": "1"}
    page = comp.get("/cases/new/items", {"item_code": "510000-SJ-100-01"}).content.decode()
    assert 'name="scan-0"' in page and 'name="scan-2"' in page
    r = comp.post("/cases/new", form | {"scan-1": files.up("执照.png", files.image("PNG"), "image/png"),
                                        "scan-2": files.up("身份证.jpg", b"MZ" + b"\x00" * 900, "image/jpeg")})
    page = r.content.decode()
    assert r.status_code == 200 and "Windows 可执行程序" in page and "field-error" in page
    block = page.split('name="scan-2"')[1].split('class="material"')[0]
    assert "Windows 可执行程序" in block and "请重新选择文件" in block
    assert not Case.objects.exists() and not CaseMaterial.objects.exists() and stored_files(casefiles_root) == []
    r = comp.post("/cases/new", form | {"scan-1": files.up("执照.png", files.image("PNG"), "image/png"),
                                        "scan-2": files.up("身份证.jpg", files.image("JPEG"), "image/jpeg")})
    assert r.status_code == 302
    case = Case.objects.get()
    assert case.status == "accepted"  # the scanned materials count as handed in
    rows = {r.material: r for r in CaseMaterial.objects.filter(case=case)}
    assert set(rows) == {"营业执照复印件", "法定代表人身份证"}
    assert {r.trust for r in rows.values()} == {"verified"} and rows["营业执照复印件"].verified_by == hall.users["comp"]
    assert len(stored_files(casefiles_root)) == 2
    assert FileLog.objects.filter(case=case, action="upload", where="收件受理").count() == 2
