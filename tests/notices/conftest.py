"""The cases app's small hall, plus gateways the tests plug in through ZWFW_SMS_GATEWAY."""
import threading
import time

import pytest
from cases.conftest import at_fixture, hall, open_case, walk  # noqa: F401 (fixtures shared with the case tests)

from zwfw.notices.gateways import Gateway, PermanentFailure, TemporaryFailure

GATEWAYS = __name__  # the module as pytest imported it, so the setting names these very classes


class Recording(Gateway):
    """Keeps what it was asked to send (class-wide, so every instance the worker builds shares it)."""

    name = "recording"
    sent: list = []
    lock = threading.Lock()

    def send(self, *, phone, text, reference):
        with self.lock:
            Recording.sent.append((phone, text, reference))
        return f"R-{reference}"


class SlowRecording(Recording):
    """A provider that takes a moment per message, so workers' claims interleave."""

    def send(self, *, phone, text, reference):
        time.sleep(0.02)
        return super().send(phone=phone, text=text, reference=reference)


class Down(Gateway):
    """A provider that is unreachable."""

    def send(self, *, phone, text, reference):
        raise TemporaryFailure("无法连接短信平台：Connection refused")


class Refusing(Gateway):
    def send(self, *, phone, text, reference):
        raise PermanentFailure("短信平台拒绝发送（HTTP 400）")


@pytest.fixture
def recording(settings):
    Recording.sent = []
    settings.ZWFW_SMS_GATEWAY = f"{GATEWAYS}.Recording"
    return Recording
