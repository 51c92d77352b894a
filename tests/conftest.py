"""Shared test fixtures.

A missing system tool (LibreOffice, pdftoppm, Chromium) is a skip on a laptop
and a failure under ZWFW_STRICT=1, which CI sets.
"""
import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run there unless told the test knows what it does.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


STRICT = os.environ.get("ZWFW_STRICT", "").lower() in {"1", "true", "yes", "on"}
REFERENCE_REPORTS = Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "reports"
CHROMIUM = "/usr/bin/chromium"


def missing(what: str) -> None:
    """Skip, or fail under strict mode, because ``what`` is not installed."""
    message = f"{what} is not installed"
    if STRICT:
        pytest.fail(f"{message} (ZWFW_STRICT=1 requires it)")
    pytest.skip(message)


def require_tool(*names: str) -> str:
    """Return the path of the first of ``names`` on PATH, or skip/fail."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    missing(" / ".join(names))


def pytest_configure(config):
    """Live-server threads must not keep PostgreSQL connections open past a request,
    or the test database cannot be dropped at the end of the run."""
    from django.conf import settings

    for database in settings.DATABASES.values():
        database["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counts live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def reference_reports() -> Path:
    if not REFERENCE_REPORTS.is_dir():
        missing(f"the reference briefings at {REFERENCE_REPORTS}")
    return REFERENCE_REPORTS


@pytest.fixture
def browser():
    """A headless Debian Chromium driven by Playwright."""
    if not Path(CHROMIUM).exists():
        missing("Chromium (/usr/bin/chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        missing("the playwright Python package")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def screenshot_dir() -> Path:
    path = Path(os.environ.get("ZWFW_SCREENSHOTS", Path(__file__).resolve().parents[1] / "var" / "screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def calendar_through_next_year(db):
    """Tests that act "today" can reach deadlines in next year, whose State Council notice may not be
    entered yet: enter next year as weekends only, as a clerk would before the notice, if it is missing."""
    import datetime as dt

    from zwfw.workdays.models import CalendarYear
    from zwfw.workdays.services import set_year

    year = dt.date.today().year + 1
    if not CalendarYear.objects.filter(year=year, complete=True).exists():
        set_year(year, notice=f"测试用：{year} 年仅按周末计算", complete=True)


@pytest.fixture(scope="module")
def demo_hall(django_db_setup, django_db_blocker):
    """The demo hall, loaded once per module and rolled back afterwards (tests/security, tests/reads)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("demo", scale=0.00005, seed=1, stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
