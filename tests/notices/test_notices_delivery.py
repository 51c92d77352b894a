"""The worker sends through the configured gateway, records every attempt, retries with backoff and never
sends a claimed notice twice."""
import datetime as dt
import logging

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from zwfw.notices import services
from zwfw.notices.gateways import HttpSmsGateway, LogGateway, sms_gateway
from zwfw.notices.models import Channel, DeliveryAttempt, Notice, Status

from .conftest import GATEWAYS

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(hall, open_case, walk, at):
    """A case of 张伟 (mobile 13812345678) received and accepted: 4 notices queued (2 kinds × 2 channels)."""
    case = open_case("forest", "forest_clerk", at(2026, 3, 2, 9), applicant="person")
    walk(case, "accept", "forest_clerk", at(2026, 3, 2, 10))
    return case


def test_the_configured_gateway_sends_the_sms_and_the_portal_gets_the_message(accepted, recording):
    counts = services.deliver_due(worker="w1")
    assert counts == {"sent": 4, "queued": 0, "failed": 0, "skipped": 0}
    sms = Notice.objects.filter(case=accepted, channel=Channel.SMS).order_by("id")
    assert [(p, t, r) for p, t, r in recording.sent] == [("13812345678", n.text, f"zwfw-notice-{n.pk}") for n in sms]
    for notice in Notice.objects.filter(case=accepted):
        assert notice.status == Status.SENT and notice.attempts == 1 and notice.sent_at is not None
        attempt = notice.attempts_made.get()
        assert attempt.ok and attempt.worker == "w1" and attempt.error == ""
        if notice.channel == Channel.SMS:
            assert (attempt.gateway, attempt.recipient, attempt.reference) == (
                f"{GATEWAYS}.Recording", "138****5678", f"R-zwfw-notice-{notice.pk}")
        else:
            assert attempt.gateway == "portal"
    assert services.deliver_due(worker="w1") == {"sent": 0, "queued": 0, "failed": 0, "skipped": 0}
    assert len(recording.sent) == 2  # nothing is sent again


def test_the_default_gateway_writes_to_the_log_with_the_phone_and_tracking_code_masked(accepted, caplog):
    assert isinstance(sms_gateway(), LogGateway)
    with caplog.at_level(logging.INFO, logger="zwfw.notices"):
        services.deliver_due()
    lines = [r.getMessage() for r in caplog.records if r.name == "zwfw.notices"]
    assert len(lines) == 2 and all("138****5678" in line for line in lines)
    assert "受理，承诺于" in lines[1] and "code=********" in lines[1]
    assert not any("13812345678" in line or accepted.query_code in line for line in lines)


def test_an_unreachable_gateway_is_retried_with_doubling_waits_then_given_up(accepted, settings):
    settings.ZWFW_SMS_GATEWAY = f"{GATEWAYS}.Down"
    settings.ZWFW_NOTICE_MAX_ATTEMPTS = 3
    sms = Notice.objects.filter(case=accepted, channel=Channel.SMS, kind="accepted").get()
    waits = []
    for attempt in (1, 2, 3):
        before = timezone.now()
        services.deliver_due()
        sms.refresh_from_db()
        assert sms.attempts == attempt and sms.last_error == "无法连接短信平台：Connection refused"
        if attempt < 3:
            assert sms.status == Status.QUEUED
            waits.append(round((sms.next_try_at - before).total_seconds() / 60))
            assert services.deliver_due()["queued"] == 0  # not due yet: nothing is tried before its time
            Notice.objects.filter(status=Status.QUEUED).update(next_try_at=timezone.now())
    assert waits == [1, 2]
    assert sms.status == Status.FAILED
    assert list(sms.attempts_made.values_list("number", "ok")) == [(1, False), (2, False), (3, False)]
    assert set(Notice.objects.filter(channel=Channel.PORTAL).values_list("status", flat=True)) == {Status.SENT}


def test_backoff_doubles_and_is_capped():
    assert [services.backoff(n) for n in (1, 2, 3)] == [dt.timedelta(minutes=1), dt.timedelta(minutes=2),
                                                        dt.timedelta(minutes=4)]
    assert services.backoff(20) == dt.timedelta(hours=6)


def test_a_refused_message_is_not_retried_and_a_landline_is_skipped(hall, open_case, accepted, settings):
    settings.ZWFW_SMS_GATEWAY = f"{GATEWAYS}.Refusing"
    org_case = open_case("forest", "forest_clerk", accepted.applied_at, applicant="org")  # 028-86001234
    services.deliver_due()
    refused = Notice.objects.get(case=accepted, channel=Channel.SMS, kind="accepted")
    assert (refused.status, refused.attempts, refused.last_error) == (Status.FAILED, 1, "短信平台拒绝发送（HTTP 400）")
    landline = Notice.objects.get(case=org_case, channel=Channel.SMS)
    assert (landline.status, landline.last_error) == (Status.SKIPPED, "申请人的联系电话不是手机号码，无法接收短信")
    assert landline.attempts_made.get().recipient == "028*****1234"
    assert Notice.objects.get(case=org_case, channel=Channel.PORTAL).status == Status.SENT


def test_a_claimed_notice_is_not_claimed_again_until_its_claim_expires(accepted):
    first = services.claim(worker="a", limit=10)
    assert len(first) == 4
    assert services.claim(worker="b", limit=10) == []
    Notice.objects.filter(pk=first[0].pk).update(claimed_until=timezone.now() - dt.timedelta(seconds=1))
    taken_over = services.claim(worker="b", limit=10)
    assert [n.pk for n in taken_over] == [first[0].pk]
    # the first worker's late result no longer counts: the notice is the second worker's now
    assert services.deliver(first[0], worker="a", gateway=LogGateway()) == Status.SENT
    assert Notice.objects.get(pk=first[0].pk).status == Status.SENDING


def test_the_gateway_setting_must_name_a_gateway(settings):
    settings.ZWFW_SMS_GATEWAY = "zwfw.notices.gateways.NoSuchGateway"
    with pytest.raises(ImproperlyConfigured):
        sms_gateway()


def test_the_http_gateway_is_configured_by_url_and_key(settings):
    settings.ZWFW_SMS_GATEWAY = "zwfw.notices.gateways.HttpSmsGateway"
    settings.ZWFW_SMS_URL, settings.ZWFW_SMS_KEY = "", ""
    with pytest.raises(ImproperlyConfigured, match="ZWFW_SMS_URL"):
        sms_gateway()
    settings.ZWFW_SMS_URL, settings.ZWFW_SMS_KEY = "https://sms.example.gov.cn/api/send", "k-123"
    gateway = sms_gateway()
    assert isinstance(gateway, HttpSmsGateway) and gateway.url.endswith("/api/send") and gateway.key == "k-123"
    assert gateway.payload("13812345678", "您好", "zwfw-notice-1") == {
        "phone": "13812345678", "text": "您好", "reference": "zwfw-notice-1"}
