"""Idempotency-Key: a retried API request returns the first result and does not act twice."""
from __future__ import annotations

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction

from zwfw.errors import Conflict, DomainError

from .models import IdempotencyKey


def fingerprint(method: str, path: str, body: bytes) -> str:
    return f"{method} {path} " + hashlib.sha256(body or b"").hexdigest()[:32]


def run(user, key: str | None, fp: str, fn):
    """Run ``fn() -> (status, body)`` once per (user, key); later calls get the stored result."""
    key = (key or "").strip()
    if not key:
        return fn()
    if len(key) > 128:
        raise DomainError("Idempotency-Key 过长（最多 128 个字符）。", code="idempotency_key", field="Idempotency-Key")
    stored = IdempotencyKey.objects.filter(user=user, key=key).first()
    if stored is None:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotencyKey.objects.create(user=user, key=key, fingerprint=fp)
            except IntegrityError:  # the same key committed by a concurrent request meanwhile
                record = None
            if record is not None:
                status, body = fn()  # a DomainError rolls back the key too: the retry may act
                record.status = status
                record.response = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
                record.save(update_fields=["status", "response"])
                return status, body
        stored = IdempotencyKey.objects.get(user=user, key=key)
    if stored.fingerprint != fp:
        raise Conflict("该 Idempotency-Key 已用于另一个请求，请为新请求使用新的键。", code="idempotency_key_reused",
                       field="Idempotency-Key")
    return stored.status, stored.response
