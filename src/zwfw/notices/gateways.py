"""SMS gateways: the setting ``ZWFW_SMS_GATEWAY`` names the class (a dotted path).

A gateway's ``send(phone, text, reference)`` returns the provider's receipt id, or raises
``TemporaryFailure`` (tried again later, with backoff) or ``PermanentFailure`` (given up at once).
``reference`` is the notice's own id: a provider that deduplicates by it never sends one message twice.
"""
from __future__ import annotations

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from zwfw.identifiers import mask_phone

from .texts import for_log

log = logging.getLogger("zwfw.notices")


class DeliveryFailure(Exception):
    """The message was not delivered; ``str(exc)`` is the reason, in Chinese, kept on the notice."""


class TemporaryFailure(DeliveryFailure):
    """Try again later (network down, provider busy)."""


class PermanentFailure(DeliveryFailure):
    """Trying again cannot help (number refused, message rejected)."""


class Gateway:
    name = "gateway"

    def send(self, *, phone: str, text: str, reference: str) -> str:
        raise NotImplementedError


class LogGateway(Gateway):
    """The default: no SMS leaves the building; the message is written to the log (phone masked, the
    tracking code hidden) — the applicant reads it in the portal inbox."""

    name = "log"

    def send(self, *, phone: str, text: str, reference: str) -> str:
        log.info("短信 %s → %s：%s", reference, mask_phone(phone), for_log(text))
        return reference


class HttpSmsGateway(Gateway):
    """A provider's HTTP API: ``POST ZWFW_SMS_URL`` with a JSON body ``{"phone", "text", "reference"}`` and
    ``Authorization: Bearer ZWFW_SMS_KEY``; a 2xx answer's JSON ``id`` (or ``message_id``) is the receipt.
    4xx: the provider refused this message (permanent); 5xx, 429 and network errors: try again later.
    Adapt ``payload`` / ``receipt`` in a subclass for a provider with another shape."""

    name = "http"

    def __init__(self, url: str | None = None, key: str | None = None, timeout: float | None = None):
        self.url = url if url is not None else settings.ZWFW_SMS_URL
        self.key = key if key is not None else settings.ZWFW_SMS_KEY
        self.timeout = timeout if timeout is not None else settings.ZWFW_SMS_TIMEOUT
        if not self.url.startswith(("https://", "http://")):
            raise ImproperlyConfigured("短信网关 HttpSmsGateway 需要设置 ZWFW_SMS_URL（短信平台的发送接口地址）。")
        if not self.key:
            raise ImproperlyConfigured("短信网关 HttpSmsGateway 需要设置 ZWFW_SMS_KEY（短信平台的接口密钥）。")

    def payload(self, phone: str, text: str, reference: str) -> dict:
        return {"phone": phone, "text": text, "reference": reference}

    def receipt(self, answer: dict, reference: str) -> str:
        return str(answer.get("id") or answer.get("message_id") or reference)

    def send(self, *, phone: str, text: str, reference: str) -> str:
        body = json.dumps(self.payload(phone, text, reference), ensure_ascii=False).encode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {self.key}"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # nosec B310 (URL from settings)
                raw = answer.read()
        except urllib.error.HTTPError as exc:
            if 400 <= exc.code < 500 and exc.code != 429:
                raise PermanentFailure(f"短信平台拒绝发送（HTTP {exc.code}）") from exc
            raise TemporaryFailure(f"短信平台暂时不可用（HTTP {exc.code}）") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise TemporaryFailure(f"无法连接短信平台：{getattr(exc, 'reason', exc)}") from exc
        try:
            answer = json.loads(raw or b"{}")
        except ValueError:
            answer = {}
        return self.receipt(answer if isinstance(answer, dict) else {}, reference)


def sms_gateway() -> Gateway:
    """The gateway ``ZWFW_SMS_GATEWAY`` names, built fresh (settings may change in tests)."""
    path = settings.ZWFW_SMS_GATEWAY
    try:
        cls = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"找不到短信网关 ZWFW_SMS_GATEWAY={path}") from exc
    return cls()


def gateway_path() -> str:
    return settings.ZWFW_SMS_GATEWAY
