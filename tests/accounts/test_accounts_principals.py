"""Idempotency-Key on every POST of the API; each API key is its own principal; deactivated stays so."""
import pytest
from django.test import Client

from zwfw.accounts import services
from zwfw.accounts.models import Role, User
from zwfw.catalog.models import Department
from zwfw.hall.models import HallClosure

pytestmark = pytest.mark.django_db

CLOSURE = {"start": "2026-02-01", "end": "2026-02-03", "note": "春节闭厅"}


@pytest.fixture
def forestry():
    return Department.objects.create(code="T-LCJ", name="四川省林业和草原局", short_name="省林草局")


@pytest.fixture
def centre():
    client = Client()
    client.force_login(User.objects.create_user("centre", password="pw-12345678", role=Role.CENTRE_STAFF))
    return client


def close(client, key=None):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post("/api/hall/closures", CLOSURE, content_type="application/json", headers=headers)


def test_a_retried_post_outside_cases_acts_once_and_returns_the_first_answer(centre):
    first = close(centre, "closure-1")
    again = close(centre, "closure-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert HallClosure.objects.count() == 1
    close(centre)
    assert HallClosure.objects.count() == 2


def test_a_key_reused_for_another_request_is_409(centre):
    close(centre, "closure-1")
    r = centre.post("/api/hall/closures", CLOSURE | {"note": "另一次"}, content_type="application/json",
                    headers={"Idempotency-Key": "closure-1"})
    assert r.status_code == 409 and r.json()["code"] == "idempotency_key_reused"
    assert HallClosure.objects.count() == 1


def test_a_refused_request_keeps_nothing_and_may_be_retried(centre):
    r = centre.post("/api/hall/closures", CLOSURE | {"end": "2026-01-01"}, content_type="application/json",
                    headers={"Idempotency-Key": "k"})
    assert r.status_code == 400
    assert close(centre, "k").status_code == 201 and HallClosure.objects.count() == 1


def test_each_key_is_its_own_principal_named_after_the_key(forestry):
    first, plain1 = services.issue_api_key(forestry, "审批系统对接")
    second, plain2 = services.issue_api_key(forestry, "证照系统对接")
    me1 = Client().get("/api/accounts/me", headers={"X-API-Key": plain1}).json()
    me2 = Client().get("/api/accounts/me", headers={"X-API-Key": plain2}).json()
    assert me1["username"] != me2["username"]
    assert me1["display_name"] == "省林草局接口（审批系统对接）" and me2["display_name"] == "省林草局接口（证照系统对接）"
    assert first.user.department == forestry and first.user.role == Role.API_CLIENT
    assert not first.user.has_usable_password()


def test_a_deactivated_key_user_stays_deactivated(forestry):
    key, plain = services.issue_api_key(forestry, "审批系统对接")
    User.objects.filter(pk=key.user_id).update(is_active=False)
    assert Client().get("/api/accounts/me", headers={"X-API-Key": plain}).status_code == 401
    services.issue_api_key(forestry, "另一个系统")  # issuing another key does not revive it
    assert Client().get("/api/accounts/me", headers={"X-API-Key": plain}).status_code == 401
    key.user.refresh_from_db()
    assert not key.user.is_active


def test_idempotency_keys_are_per_principal(forestry):
    _, plain1 = services.issue_api_key(forestry, "审批系统对接")
    _, plain2 = services.issue_api_key(forestry, "证照系统对接")
    body = {"source": "林草审批系统", "rows": [{"day": "2026-03-02", "department": "T-LCJ", "kind": "咨询", "count": 3}]}
    r1 = Client().post("/api/stats/daily-counts", body, content_type="application/json",
                       headers={"X-API-Key": plain1, "Idempotency-Key": "same"})
    r2 = Client().post("/api/stats/daily-counts", body, content_type="application/json",
                       headers={"X-API-Key": plain2, "Idempotency-Key": "same"})
    assert r1.status_code == r2.status_code == 200, r2.content
    assert "Idempotent-Replayed" not in r2
