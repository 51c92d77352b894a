"""Login throttling through django-axes: an account is locked from one address after
``ZWFW_LOGIN_FAILURE_LIMIT`` wrong passwords, for ``ZWFW_LOGIN_COOLOFF_HOURS``.

Web and admin logins always pass the request; logins without one (the shell, tests'
``Client.login``) are not throttled, as there is no address to count.
"""
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class LoginThrottleBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def locked_out(request, credentials=None, *args, **kwargs):
    """The Chinese page for a locked-out login (AXES_LOCKOUT_CALLABLE), status 429."""
    return render(request, "accounts/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": round(settings.AXES_COOLOFF_TIME * 60),
    }, status=429)
