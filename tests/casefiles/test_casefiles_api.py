"""/api/cases/{number}/materials for departments' systems: list, multipart upload (idempotent), logged reads."""
import pytest
from django.test import Client

from casefiles.conftest import stored_files
from cases.conftest import at
from zwfw.accounts.services import issue_api_key
from zwfw.casefiles.models import CaseMaterial, FileLog, StoredFile

WHEN = at(2025, 9, 1)


@pytest.fixture
def forest_case(open_case):
    return open_case("forest", "forest_clerk", WHEN, provided=["使用林地申请表", "营业执照"])


@pytest.fixture
def key(hall):
    return lambda dept: {"X-API-Key": issue_api_key(hall.dept[dept], "材料接口测试")[1]}


def test_a_department_system_uploads_lists_and_reads_a_material(hall, forest_case, files, key, casefiles_root):
    client, headers = Client(), key("省林草局")
    url = f"/api/cases/{forest_case.number}/materials"
    body = {"material": "使用林地可行性报告", "trust": "issued", "file": files.up("报告.pdf", files.pdf(2))}
    r = client.post(url, body, headers=headers | {"Idempotency-Key": "up-1"})
    assert r.status_code == 201, r.content
    got = r.json()["file"]
    assert (got["filename"], got["kind"], got["pages"], got["trust_label"], got["channel"]) == (
        "报告.pdf", "pdf", 2, "部门核发", "部门系统推送")
    again = client.post(url, {**body, "file": files.up("报告.pdf", files.pdf(2))},
                        headers=headers | {"Idempotency-Key": "up-1"})
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true" and again.json() == r.json()
    assert StoredFile.objects.count() == 1 and len(stored_files(casefiles_root)) == 1
    other = client.post(url, {**body, "file": files.up("报告.pdf", files.pdf(3))},
                        headers=headers | {"Idempotency-Key": "up-1"})
    assert other.status_code == 409
    listing = client.get(url, headers=headers).json()
    report = next(m for m in listing["materials"] if m["name"] == "使用林地可行性报告")
    assert report["trusts"] == ["部门核发"] and report["files"][0]["url"] == got["url"]
    r = client.get(got["url"], headers=headers)
    assert r.status_code == 200 and b"".join(r.streaming_content) == files.pdf(2)
    assert FileLog.objects.filter(action="download", where__startswith="接口").count() == 1


def test_api_refusals_are_at_the_field_and_write_nothing(hall, forest_case, files, key, casefiles_root):
    client, url = Client(), f"/api/cases/{forest_case.number}/materials"
    r = client.post(url, {"material": "使用林地可行性报告", "file": files.up("a.jpg", b"MZ" + b"\x00" * 300, "image/jpeg")},
                    headers=key("省林草局"))
    assert r.status_code == 400 and r.json()["field"] == "file" and "Windows 可执行程序" in r.json()["message"]
    r = client.post(url, {"material": "身份证", "file": files.up("a.pdf", files.pdf())}, headers=key("省林草局"))
    assert r.status_code == 400 and r.json()["field"] == "material"
    r = client.post(url, {"material": "使用林地可行性报告"}, headers=key("省林草局"))
    assert r.status_code == 400 and r.json()["field"] == "file"
    r = client.post(url, {"material": "使用林地可行性报告", "trust": "trusted", "file": files.up("a.pdf", files.pdf())},
                    headers=key("省林草局"))
    assert r.status_code == 400 and r.json()["field"] == "trust"
    r = client.post(url, {"material": "使用林地可行性报告", "file": files.up("a.pdf", files.pdf())},
                    headers=key("省市场监管局"))
    assert r.status_code == 404
    assert client.get(url, headers=key("省市场监管局")).status_code == 404
    assert not CaseMaterial.objects.exists() and stored_files(casefiles_root) == []


def test_another_department_cannot_read_a_file_through_the_api(hall, forest_case, files, key):
    from zwfw.casefiles import services

    row = services.add(case=forest_case, material="使用林地申请表", actor=hall.users["forest_clerk"],
                       upload=files.up("a.pdf", files.pdf()))
    url = f"/api/cases/{forest_case.number}/materials/{row.pk}"
    assert Client().get(url, headers=key("省市场监管局")).status_code == 404
    assert Client().get(url).status_code == 401
    assert not FileLog.objects.filter(action__in=("view", "download")).exists()
