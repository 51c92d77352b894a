"""Logins are throttled per account and address (django-axes)."""
import pytest
from django.conf import settings
from django.test import Client

from zwfw.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def login(client, password, address="10.0.0.1"):
    return client.post("/accounts/login/", {"username": "wangfang", "password": password}, REMOTE_ADDR=address)


def test_repeated_wrong_passwords_lock_the_account_from_that_address_only():
    User.objects.create_user(username="wangfang", password="right-pw-123", role=Role.CENTRE_STAFF)
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "wrong-pw").status_code == 200
    r = login(client, "wrong-pw")
    assert r.status_code == 429 and "登录已暂停" in r.content.decode()
    r = login(client, "right-pw-123")  # even the right password waits for the cool-off
    assert r.status_code == 429 and "_auth_user_id" not in client.session
    other = Client()
    assert login(other, "right-pw-123", address="10.0.0.9").status_code == 302
    assert "_auth_user_id" in other.session


def test_a_forwarded_for_header_does_not_change_the_counted_address_without_a_proxy():
    User.objects.create_user(username="wangfang", password="right-pw-123", role=Role.CENTRE_STAFF)
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "wangfang", "password": "x"}, REMOTE_ADDR="10.0.0.1",
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert login(client, "right-pw-123").status_code == 429
