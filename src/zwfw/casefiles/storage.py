"""The files themselves, through Django's storage API (STORAGES["casefiles"]): saved under unguessable
names, removed again when the database write they belong to fails."""
from __future__ import annotations

import contextlib
import contextvars
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

ALIAS = "casefiles"
_TRACKERS: contextvars.ContextVar[tuple] = contextvars.ContextVar("casefiles_trackers", default=())


def store():
    return storages[ALIAS]


def max_bytes() -> int:
    return int(settings.ZWFW_UPLOAD_MAX_MB) * 1024 * 1024


def new_name(extension: str) -> str:
    """``2026/12/<32 random URL-safe characters>.pdf``: nothing of the original name, nothing to guess."""
    return f"{timezone.localdate():%Y/%m}/{secrets.token_urlsafe(24)}{extension}"


@contextlib.contextmanager
def saved(data: bytes, extension: str):
    """Save ``data``; yield its storage name; delete it again if the block raises (nothing half-written)."""
    name = store().save(new_name(extension), ContentFile(data))
    for tracker in _TRACKERS.get():
        tracker.append(name)
    try:
        yield name
    except BaseException:
        _delete([name])
        raise


def _delete(names) -> None:
    for name in names:
        with contextlib.suppress(Exception):
            store().delete(name)


@contextlib.contextmanager
def atomic():
    """``transaction.atomic`` that also removes the files saved inside it when it rolls back by an exception:
    for a caller that writes other rows after the files (a new case and its scans in one request)."""
    names: list[str] = []
    token = _TRACKERS.set((*_TRACKERS.get(), names))
    try:
        with transaction.atomic():
            yield
    except BaseException:
        _delete(names)
        raise
    finally:
        _TRACKERS.reset(token)


def open_file(name: str):
    return store().open(name, "rb")


def exists(name: str) -> bool:
    return store().exists(name)
