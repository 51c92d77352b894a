"""The public verification page and API; department staff's licence pages."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from zwfw.licences import services

TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def licence(world):
    return services.issue_for_case(world.make_case(), world.clerk, timezone.now() - dt.timedelta(days=30))


def test_anyone_can_verify_a_licence_and_sees_the_holder_masked(client, licence):
    page = client.get("/licences/verify/", {"identifier": licence.identifier}).content.decode()
    assert "有效" in page and "药品经营许可证" in page and "四川省药品监督管理局" in page
    assert "成都某某**有限公司" in page and "成都某某医药有限公司" not in page
    assert licence.holder.id_number not in page and "9151" in page


def test_a_mistyped_identifier_is_explained_on_the_page(client, licence):
    wrong = licence.identifier[:-1] + ("0" if licence.identifier[-1] != "0" else "1")
    page = client.get("/licences/verify/", {"identifier": wrong}).content.decode()
    assert "校验位不正确" in page and "核验结果" not in page


def test_public_api_verifies_without_login(client, world, licence):
    body = client.get(f"/api/licences/verify/{licence.identifier}").json()
    assert body["status"] == "valid" and body["status_label"] == "有效"
    assert body["holder"] == "成都某某**有限公司" and body["holder_id"].startswith("9151")
    services.revoke(licence, actor=world.clerk, reason="申请人以欺骗手段取得")
    body = client.get(f"/api/licences/verify/{licence.identifier}").json()
    assert body["status_label"] == "已撤销" and body["revoked_reason"] == "申请人以欺骗手段取得"


def test_api_errors_for_bad_and_unknown_identifiers(client, licence):
    bad = client.get(f"/api/licences/verify/{licence.identifier[:-1]}Q")
    assert bad.status_code in (400, 404)
    from zwfw.licences.identifier import build
    unknown = build(licence.kind.code, licence.issuer_uscc, 99, 1)
    response = client.get(f"/api/licences/verify/{unknown}")
    assert response.status_code == 404 and response.json()["code"] == "licence_not_found"


def test_superseded_licence_points_to_the_current_one(client, world):
    # Issued five years and ten days ago, renewed in time; the renewal runs from the old expiry, before today.
    licence = services.issue_for_case(world.make_case(), world.clerk, timezone.now() - dt.timedelta(days=5 * 366 + 10))
    new = services.renew(licence, actor=world.clerk, at=timezone.now() - dt.timedelta(days=60))
    page = client.get("/licences/verify/", {"identifier": licence.identifier}).content.decode()
    assert "已被新证替代" in page and new.identifier in page


def test_clerk_revokes_on_the_detail_page_and_other_departments_cannot_see_it(client, world, licence):
    client.force_login(world.lc_clerk)
    assert client.get(f"/licences/{licence.pk}/").status_code == 404
    assert licence.identifier not in client.get("/licences/").content.decode()
    client.force_login(world.clerk)
    page = client.post(f"/licences/{licence.pk}/", {"action": "revoke", "reason": ""}).content.decode()
    assert "请填写撤销原因" in page
    page = client.post(f"/licences/{licence.pk}/", {"action": "revoke", "reason": "许可被依法撤销"}, follow=True)
    assert "已撤销" in page.content.decode() and "许可被依法撤销" in page.content.decode()


def test_api_revoke_is_scoped_to_the_issuing_department(client, world, licence):
    client.force_login(world.lc_clerk)
    assert client.post(f"/api/licences/{licence.pk}/revoke", {"reason": "x"}, content_type="application/json").status_code == 404
    client.force_login(world.clerk)
    response = client.post(f"/api/licences/{licence.pk}/revoke", {"reason": "吊销"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status_label"] == "已撤销"


def test_centre_staff_see_licences_in_admin(client, world, licence):
    world.centre.is_staff = world.centre.is_superuser = True
    world.centre.save()
    client.force_login(world.centre)
    page = client.get("/admin/licences/licence/").content.decode()
    assert licence.identifier in page and "有效" in page


def test_public_verification_page_and_api_are_rate_limited(client, licence, settings):
    settings.PUBLIC_RATE = "2/m"
    for _ in range(2):
        assert client.get("/licences/verify/", {"identifier": licence.identifier}).status_code == 200
    assert client.get("/licences/verify/", {"identifier": licence.identifier}).status_code == 429
    r = client.get(f"/api/licences/verify/{licence.identifier}")  # one allowance for page and API
    assert r.status_code == 429
    for _ in range(2):
        assert client.get(f"/api/licences/verify/{licence.identifier}", REMOTE_ADDR="10.2.2.2").status_code == 200
    r = client.get(f"/api/licences/verify/{licence.identifier}", REMOTE_ADDR="10.2.2.2")
    assert r.status_code == 429 and r.json() == {"code": "rate_limited", "message": "查询过于频繁，请稍后再试。",
                                                 "field": None}
