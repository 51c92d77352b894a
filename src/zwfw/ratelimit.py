"""Rate limits for the public lookups (tracking, licence verification), counted in Django's cache
per address and fixed window. ``ZWFW_PUBLIC_RATE`` (e.g. ``30/m``) sets the allowance; with several
gunicorn workers set ``ZWFW_CACHE_DIR`` so that they share one count."""
from __future__ import annotations

import functools
import time

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from zwfw.errors import DomainError

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429


def parse(rate: str) -> tuple[int, int]:
    """``30/m`` → (30, 60)."""
    count, _, unit = rate.partition("/")
    return int(count), _UNITS[unit.strip()[:1] or "m"]


def allow(request, scope: str) -> bool:
    """Count this request; False once the address has used its allowance for the window."""
    limit, seconds = parse(settings.PUBLIC_RATE)
    window = int(time.time() // seconds)
    key = f"zwfw-rate:{scope}:{get_client_ip_address(request)}:{window}"
    if cache.add(key, 1, seconds + 1):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds + 1)
        return True


MESSAGE = "查询过于频繁，请稍后再试。"


def check(request, scope: str) -> None:
    """For API operations: raise 429 ``{code: rate_limited, …}`` past the allowance."""
    if not allow(request, scope):
        raise RateLimited(MESSAGE)


def limited_page(scope: str):
    """For page views: past the allowance, the Chinese 429 page instead of the view."""
    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not allow(request, scope):
                return render(request, "429.html", {"message": MESSAGE}, status=429)
            return view(request, *args, **kwargs)
        return wrapper
    return decorate
