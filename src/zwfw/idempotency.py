"""Idempotency-Key on every POST of the API: a retried request returns the first answer and does
not act twice. Keys are per principal (an API key's or a person's user), so two systems never
collide. A refused request (4xx/5xx) keeps nothing — its key and its writes roll back — so a
corrected retry may act.
"""
from __future__ import annotations

import functools
import hashlib
import json

from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse

from zwfw.accounts.auth import principal
from zwfw.cases.models import IdempotencyKey
from zwfw.inputs import too_large_message

HEADER = "Idempotency-Key"
MAX_LENGTH = 128


def fingerprint(method: str, path: str, body: bytes) -> str:
    return f"{method} {path} "[:160] + hashlib.sha256(body or b"").hexdigest()[:32]


def request_fingerprint(request) -> str:
    """A multipart upload is fingerprinted by its fields and its files' contents (its body is not read into
    memory whole: Django refuses ``request.body`` above DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    if request.content_type != "multipart/form-data":
        return fingerprint(request.method, request.path, request.body)
    digest = hashlib.sha256()
    for name in sorted(request.POST):
        digest.update(json.dumps([name, request.POST.getlist(name)], ensure_ascii=False).encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(name.encode() + b"\0" + (upload.name or "").encode() + b"\0")
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return f"{request.method} {request.path} "[:160] + digest.hexdigest()[:32]


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"code": code, "message": message, "field": HEADER}, status=status)


def _replay(stored: IdempotencyKey, fp: str) -> HttpResponse:
    if stored.fingerprint != fp:
        return _error(409, "idempotency_key_reused", "该 Idempotency-Key 已用于另一个请求，请为新请求使用新的键。")
    if not stored.status:  # the first request is still running in another connection
        return _error(409, "idempotency_key_in_progress", "使用该 Idempotency-Key 的请求仍在处理，请稍后重试。")
    response = JsonResponse(stored.response, status=stored.status, safe=False)
    response["Idempotent-Replayed"] = "true"
    return response


def honour(view):
    """A NinjaAPI view decorator (mode="view"): POSTs with an Idempotency-Key run once per principal."""
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        key = (request.headers.get(HEADER) or "").strip()
        if request.method != "POST" or not key:
            return view(request, *args, **kwargs)
        if len(key) > MAX_LENGTH:
            return _error(400, "idempotency_key", f"Idempotency-Key 过长（最多 {MAX_LENGTH} 个字符）。")
        user = principal(request)
        if user is None:
            return view(request, *args, **kwargs)  # refused by the operation's authentication
        try:
            fp = request_fingerprint(request)
        except RequestDataTooBig:
            return JsonResponse({"code": "too_large", "message": too_large_message(), "field": None}, status=413)
        stored = IdempotencyKey.objects.filter(user=user, key=key).first()
        if stored is not None:
            return _replay(stored, fp)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotencyKey.objects.create(user=user, key=key, fingerprint=fp)
            except IntegrityError:  # the same key committed by a concurrent request meanwhile
                record = None
            if record is not None:
                response = view(request, *args, **kwargs)
                if 200 <= response.status_code < 300 and response.get("Content-Type", "").startswith("application/json"):
                    record.status = response.status_code
                    record.response = json.loads(response.content or b"null")
                    record.save(update_fields=["status", "response"])
                else:
                    transaction.set_rollback(True)  # refused: nothing kept, the key may be used again
                return response
        return _replay(IdempotencyKey.objects.get(user=user, key=key), fp)
    return wrapper
