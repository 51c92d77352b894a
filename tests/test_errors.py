"""Errors: API errors are always {code, message, field}; server errors are logged with the request id
and never show a traceback; pages show the Chinese error pages."""
import logging

import pytest
from django.test import Client

from zwfw.accounts.models import Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk():
    return User.objects.create_user(username="centre", password="pw-12345678", role=Role.CENTRE_STAFF,
                                    display_name="李明")


def _is_error(body: dict) -> None:
    assert set(body) == {"code", "message", "field"}
    assert body["message"] and all(ord(ch) < 0x3000 for ch in body["code"])


def test_an_unknown_api_address_is_json_404():
    r = Client().get("/api/no/such/thing")
    assert r.status_code == 404 and r["Content-Type"].startswith("application/json")
    _is_error(r.json())


def test_a_validation_error_is_400_with_the_field_in_chinese(clerk):
    client = Client()
    client.force_login(clerk)
    r = client.get("/api/cases/", {"limit": "many"})
    assert r.status_code == 400
    body = r.json()
    _is_error(body)
    assert body["field"] == "limit" and "整数" in body["message"]
    r = client.post("/api/cases/", data="{\"item_code\": 5}", content_type="application/json")
    assert r.status_code == 400
    assert r.json()["field"] in {"item_code", "applicant"}


def test_unauthenticated_is_chinese_json():
    r = Client().get("/api/accounts/me")
    assert r.status_code == 401
    _is_error(r.json())


def test_an_api_server_error_is_logged_with_the_request_id_and_hides_the_traceback(clerk, monkeypatch, caplog):
    from zwfw.accounts import api as accounts_api

    def boom(role):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(accounts_api.roles, "label", boom)
    client = Client(raise_request_exception=False)
    client.force_login(clerk)
    with caplog.at_level(logging.ERROR, logger="zwfw.api"):
        r = client.get("/api/accounts/me", headers={"X-Request-ID": "req-42"})
    assert r.status_code == 500 and r["X-Request-ID"] == "req-42"
    body = r.json()
    _is_error(body)
    assert body["code"] == "server_error" and "req-42" in body["message"]
    assert "secret internals" not in r.content.decode() and "Traceback" not in r.content.decode()
    record = next(rec for rec in caplog.records if rec.name == "zwfw.api")
    assert record.request_id == "req-42" and record.exc_info


def test_a_page_server_error_shows_the_chinese_page_and_is_logged(clerk, monkeypatch, caplog):
    from zwfw.web import views

    def boom(user, today):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views.dashboards, "for_user", boom)
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        r = client.get("/")
    assert r.status_code == 500
    page = r.content.decode()
    assert "系统暂时出现故障" in page and "secret internals" not in page
    request_id = r["X-Request-ID"]
    assert len(request_id) == 32
    record = next(rec for rec in caplog.records if rec.name == "django.request")
    assert record.request_id == request_id


def test_a_page_404_is_the_chinese_page():
    r = Client().get("/no/such/page/")
    assert r.status_code == 404 and "<html" in r.content.decode()


def test_a_forged_request_id_is_replaced():
    r = Client().get("/api/no/such", headers={"X-Request-ID": "bad id\nInjected: 1"})
    assert r["X-Request-ID"] != "bad id\nInjected: 1" and len(r["X-Request-ID"]) == 32


def test_api_docs_use_local_assets_only():
    r = Client().get("/api/docs")
    assert r.status_code == 200
    page = r.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower() and "https://" not in page
