"""django-ninja authentication: API keys for departments' systems, sessions for people.

Routers pass ``auth=API_AUTH``; in both cases ``request.auth`` (and ``request.user``)
is the acting User, so ``scoping.scope(request.auth, qs)`` restricts the data.
"""
from django.conf import settings
from ninja.security import APIKeyCookie, APIKeyHeader

from zwfw.accounts import services
from zwfw.errors import DomainError


class Unauthenticated(DomainError):
    code = "unauthenticated"
    status = 401


class ApiKeyAuth(APIKeyHeader):
    """Header ``X-API-Key: zwfw_…``; acts as the key's own user (``api-<code>-<prefix>``), bound to its department."""

    param_name = "X-API-Key"

    def authenticate(self, request, key):
        if not key:
            return None  # let the next method (the session) try
        user = services.authenticate_api_key(key)
        if user is None:
            raise Unauthenticated("接口密钥无效或已吊销，请联系政务平台服务处重新签发。", code="invalid_api_key")
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """A logged-in Django user (CSRF checked on unsafe methods). Put it last in the list."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            raise Unauthenticated("请先登录，或在请求头 X-API-Key 中提供接口密钥。")
        return super().__call__(request)

    def authenticate(self, request, key):
        return request.user


class StaffSessionAuth(SessionAuth):
    """A logged-in member of staff; applicants are refused (they use the applicant portal)."""

    def authenticate(self, request, key):
        from zwfw.accounts.scoping import is_staff_member
        from zwfw.errors import Forbidden

        if not is_staff_member(request.user):
            raise Forbidden("申请人账户只能查看本人的办件、证照和评价。", code="staff_only")
        return request.user


API_AUTH = [ApiKeyAuth(), SessionAuth()]
# Briefings, the hall, window scores, statistics, rectifications: staff and departments' systems only.
STAFF_AUTH = [ApiKeyAuth(), StaffSessionAuth()]


def principal(request):
    """Who a request acts as before the API authenticates it: the API key's user, else the logged-in
    user; None when neither is valid (the operation will refuse it)."""
    key = request.headers.get(ApiKeyAuth.param_name)
    if key:
        return services.authenticate_api_key(key)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated and user.is_active else None
