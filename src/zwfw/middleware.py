"""Request ids: every request carries one (the client's X-Request-ID if sane, else a new one),
every response returns it, and every log line written while serving it shows it."""
from __future__ import annotations

import contextvars
import logging
import re
import uuid

_current = contextvars.ContextVar("zwfw_request_id", default="-")
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")
HEADER = "X-Request-ID"


def current_request_id() -> str:
    return _current.get()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request_id = given if _SANE.fullmatch(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = _current.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id`` for the log format (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = getattr(record, "request_id", None) or _current.get()
        return True
