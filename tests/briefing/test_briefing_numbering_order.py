"""Issues are numbered in the order of their weeks, not of publishing."""
import datetime as dt

import pytest

from zwfw.accounts.models import Role, User
from zwfw.briefing import editorial
from zwfw.briefing.models import Issue, NumberingStart
from zwfw.errors import Conflict


@pytest.fixture
def staff(db):
    editorial.ensure_built_in_templates()
    NumberingStart.objects.create(year=2026, number=40, total=460)
    return User.objects.create_user("zhongxin", password="x" * 10, role=Role.CENTRE_STAFF)


def draft(staff, monday):
    return editorial.create_draft(staff, period_start=monday, period_end=monday + dt.timedelta(days=4),
                                  template_code="2024")


def test_a_later_week_waits_for_the_earlier_draft_to_be_published_or_skipped(staff):
    first = draft(staff, dt.date(2026, 11, 9))
    second = draft(staff, dt.date(2026, 11, 16))
    assert editorial.prospective_number(first) == (40, 460)
    assert editorial.prospective_number(second) == (40, 460)  # nothing numbered before it yet
    with pytest.raises(Conflict, match="2026-11-09 至 2026-11-13 的周报草稿尚未发布"):
        editorial.publish(staff, second.pk, on=dt.date(2026, 11, 23))
    assert Issue.objects.get(pk=second.pk).number is None  # nothing written
    first = editorial.publish(staff, first.pk, on=dt.date(2026, 11, 24))
    second = editorial.publish(staff, second.pk, on=dt.date(2026, 11, 24))
    assert [(first.number, first.total), (second.number, second.total)] == [(40, 460), (41, 461)]


def test_a_skipped_week_takes_no_number_and_no_longer_blocks(staff):
    holiday = draft(staff, dt.date(2026, 9, 28))
    after = draft(staff, dt.date(2026, 10, 12))
    editorial.skip(staff, holiday.pk)
    assert editorial.prospective_number(Issue.objects.get(pk=holiday.pk)) is None
    published = editorial.publish(staff, after.pk, on=dt.date(2026, 10, 19))
    assert (published.number, published.total) == (40, 460)
    with pytest.raises(Conflict, match="停刊"):
        editorial.publish(staff, holiday.pk)


def test_an_earlier_week_cannot_be_numbered_behind_a_later_one(staff):
    later = editorial.publish(staff, draft(staff, dt.date(2026, 11, 16)).pk, on=dt.date(2026, 11, 23))
    earlier = draft(staff, dt.date(2026, 11, 9))
    with pytest.raises(Conflict, match="更晚一周的周报已编为 ?2026 年第 40 期"):
        editorial.publish(staff, earlier.pk)
    assert later.number == 40


def test_the_draft_page_shows_the_number_it_would_get(staff, client):
    issue = draft(staff, dt.date(2026, 11, 9))
    client.force_login(staff)
    body = client.get(f"/briefing/{issue.pk}/").content.decode()
    assert "发布后为 2026 年第 40 期（总第 460 期）" in body and "第  期" not in body
