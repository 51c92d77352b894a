"""Writers for accounts: API keys and the users that act for them."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from zwfw.accounts.models import ApiKey, Role, User
from zwfw.errors import DomainError, NotFound

KEY_PREFIX = "zwfw"
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_key(plain: str) -> str:
    return hashlib.sha256(plain.encode("utf-8")).hexdigest()


def _department(department):
    from zwfw.catalog.models import Department

    if isinstance(department, Department):
        return department
    found = Department.objects.filter(code=str(department).strip()).first()
    if found is None:
        raise NotFound(f"部门编码“{department}”不存在。", field="department")
    return found


@transaction.atomic
def issue_api_key(department, name: str) -> tuple[ApiKey, str]:
    """Issue a key for ``department`` (a Department or its code). The plain key is returned once."""
    dept = _department(department)
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写密钥用途，如“审批系统对接”。", field="name")
    if len(name) > 64:
        raise DomainError("密钥用途不能超过 64 个字。", field="name")
    prefix = secrets.token_hex(4)
    while ApiKey.objects.filter(prefix=prefix).exists():  # pragma: no cover - 1 in 4 billion
        prefix = secrets.token_hex(4)
    plain = f"{KEY_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(department=dept, name=name, prefix=prefix, hashed_key=hash_key(plain))
    key.user = key_principal(key)
    key.save()
    return key, plain


@transaction.atomic
def revoke(api_key) -> ApiKey:
    """Revoke a key (an ApiKey, its id or its prefix); requests with it are refused at once."""
    if isinstance(api_key, ApiKey):
        key = api_key
    else:
        key = ApiKey.objects.filter(prefix=str(api_key)).first()
        if key is None and str(api_key).isdigit():
            key = ApiKey.objects.filter(pk=int(api_key)).first()
        if key is None:
            raise NotFound(f"接口密钥“{api_key}”不存在。", field="key")
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if not key.active:
        raise DomainError(f"接口密钥 {key.prefix} 已于此前吊销。", code="already_revoked")
    key.active = False
    key.revoked_at = timezone.now()
    key.save(update_fields=["active", "revoked_at"])
    return key


def key_principal(key: ApiKey) -> User:
    """A new user for one key: role api_client, bound to the key's department, named after the key."""
    dept = key.department
    user = User(username=f"api-{dept.code}-{key.prefix}"[:150], role=Role.API_CLIENT, department=dept,
                display_name=f"{dept.short_name or dept.name}接口（{key.name}）"[:32])
    user.set_unusable_password()
    user.save()
    return user


def authenticate_api_key(plain: str | None) -> User | None:
    """The key's own user for a valid, active key; None for an unknown or revoked key or a deactivated user."""
    if not plain or not plain.startswith(f"{KEY_PREFIX}_"):
        return None
    key = (ApiKey.objects.select_related("user__department")
           .filter(hashed_key=hash_key(plain.strip()), active=True, user__is_active=True).first())
    if key is None:
        return None
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    return key.user
