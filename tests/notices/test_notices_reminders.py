"""Licence-expiry reminders: ZWFW_LICENCE_REMINDER_DAYS before expiry, once per licence, through the daily job."""
import datetime as dt

import pytest
from django.utils import timezone

from zwfw.jobs import tasks
from zwfw.licences import services as licences
from zwfw.licences.models import LicenceKind
from zwfw.notices.models import Channel, Kind, Notice
from zwfw.notices.services import remind_expiring_licences

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(hall, at):
    """张伟's 食品经营许可证 (5 years, renewal to be applied for 30 days before expiry)."""
    return licences.issue(kind=LicenceKind.objects.get(name="食品经营许可证"), holder=hall.applicants["person"],
                          department=hall.dept["省市场监管局"], actor=hall.users["market_clerk"], at=at(2021, 6, 1))


def test_a_licence_is_reminded_once_within_the_days_before_expiry(licence, settings):
    settings.ZWFW_LICENCE_REMINDER_DAYS = 60
    until = licence.valid_until
    assert remind_expiring_licences(until - dt.timedelta(days=61)) == 0  # not yet
    assert remind_expiring_licences(until - dt.timedelta(days=60)) == 1
    assert remind_expiring_licences(until - dt.timedelta(days=59)) == 0  # once
    assert remind_expiring_licences(until) == 0
    rows = Notice.objects.filter(licence=licence, kind=Kind.LICENCE_EXPIRING)
    assert sorted(rows.values_list("channel", flat=True)) == [Channel.PORTAL, Channel.SMS]
    apply_by = until - dt.timedelta(days=30)
    text = rows.first().text
    assert text.startswith(f"【四川政务服务】您持有的食品经营许可证（证照标识 {licence.identifier}）将于 "
                           f"{until.year}年{until.month}月{until.day}日到期。如需延续，请于 "
                           f"{apply_by.year}年{apply_by.month}月{apply_by.day}日前向四川省市场监督管理局提出延续申请。")
    assert "/licences/verify/?identifier=" in text


def test_a_late_reminder_says_the_renewal_deadline_has_passed(licence):
    remind_expiring_licences(licence.valid_until - dt.timedelta(days=10))
    assert "（该日期已过，请尽快办理）" in Notice.objects.filter(licence=licence).first().text


def test_revoked_expired_and_open_ended_licences_are_not_reminded(hall, licence, at):
    open_ended = licences.issue(kind=LicenceKind.objects.get(name="营业执照"), holder=hall.applicants["org"],
                                department=hall.dept["省市场监管局"], actor=hall.users["market_clerk"], at=at(2021, 6, 1))
    assert open_ended.valid_until is None
    assert remind_expiring_licences(licence.valid_until + dt.timedelta(days=1)) == 0  # expired already
    licences.revoke(licence, actor=hall.users["market_clerk"], reason="以欺骗手段取得", at=timezone.now())
    assert remind_expiring_licences(licence.valid_until - dt.timedelta(days=5)) == 0
    assert not Notice.objects.exists()


def test_the_daily_job_reminds_and_a_second_run_adds_nothing(licence, settings):
    day = (licence.valid_until - dt.timedelta(days=20)).isoformat()
    assert tasks.remind_licences.call(day) == {"reminded": 1}
    assert tasks.remind_licences.call(day) == {"reminded": 0}
    assert Notice.objects.filter(licence=licence).count() == 2
