"""Every role of the demo hall (tests/conftest.py: ``demo_hall``) has a login."""
import pytest
from django.test import Client

from zwfw.accounts.models import User


@pytest.fixture
def login(demo_hall, db):
    """``login("lcj")``: a test client logged in as that demo user (no exception re-raised: a 500 is a status)."""
    def _login(username: str | None) -> Client:
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(User.objects.get(username=username))
        return client
    return _login
