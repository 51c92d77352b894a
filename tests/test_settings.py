import pytest

from zwfw.settings import database_from_url


def test_postgres_url_becomes_postgresql_backend():
    config = database_from_url("postgres://postgres:secret@127.0.0.1:5432/test")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "test", "postgres", "secret", "127.0.0.1", "5432")


def test_sqlite_url_keeps_absolute_path():
    assert database_from_url("sqlite:////tmp/x/zwfw.db")["NAME"] == "/tmp/x/zwfw.db"


def test_unknown_scheme_is_refused_in_chinese():
    with pytest.raises(ValueError, match="不支持"):
        database_from_url("mysql://root@localhost/zwfw")


def test_postgres_connections_persist_with_health_checks(monkeypatch):
    config = database_from_url("postgres://postgres@127.0.0.1:5432/zwfw")
    assert config["CONN_HEALTH_CHECKS"] is True and config["CONN_MAX_AGE"] == 60
    monkeypatch.setenv("ZWFW_CONN_MAX_AGE", "300")
    monkeypatch.setenv("ZWFW_CONN_HEALTH_CHECKS", "0")
    config = database_from_url("postgres://postgres@127.0.0.1:5432/zwfw")
    assert config["CONN_HEALTH_CHECKS"] is False and config["CONN_MAX_AGE"] == 300
