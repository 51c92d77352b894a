"""The demo hall, loaded once per module and rolled back afterwards: every role has a login."""
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from zwfw.accounts.models import User


@pytest.fixture(scope="module")
def demo_hall(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("demo", scale=0.00005, seed=1, stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def login(demo_hall, db):
    """``login("lcj")``: a test client logged in as that demo user (no exception re-raised: a 500 is a status)."""
    def _login(username: str | None) -> Client:
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(User.objects.get(username=username))
        return client
    return _login
