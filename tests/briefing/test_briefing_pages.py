"""The editor's pages: drafting, editing and publishing through the browser's forms."""
import datetime as dt

import pytest

from zwfw.accounts.models import Role, User
from zwfw.briefing import editorial
from zwfw.briefing.models import Issue
from zwfw.catalog.models import Department


@pytest.fixture
def people(db):
    lcj = Department.objects.create(code="lcj", name="省林草局", display_order=1)
    editorial.ensure_built_in_templates()
    return {
        "staff": User.objects.create_user("zhongxin", password="x" * 10, role=Role.CENTRE_STAFF),
        "clerk": User.objects.create_user("lcj", password="x" * 10, role=Role.DEPARTMENT_CLERK, department=lcj),
    }


def test_centre_staff_drafts_edits_and_publishes_an_issue(client, people):
    client.force_login(people["staff"])
    response = client.post("/briefing/new/", {"period_start": "2026-11-16", "period_end": "2026-11-20",
                                              "template": "2022"}, follow=True)
    body = response.content.decode()
    assert "已生成周报草稿" in body and "窗口工作周报" in body and "大厅巡查情况" in body
    issue = Issue.objects.get()
    _, generated = editorial.build(issue)
    key = next(k for k, v in generated.items() if v == "总体情况良好。")
    response = client.post(f"/briefing/{issue.pk}/save/", {"key": [key], f"text-{key}": "发现 1 名工作人员迟到。"},
                           follow=True)
    assert "系统生成原文：总体情况良好。" in response.content.decode()
    response = client.post(f"/briefing/{issue.pk}/publish/", follow=True)
    assert "已发布：2026 年第 1 期（总第 1 期）" in response.content.decode()
    txt = client.get(f"/briefing/{issue.pk}/download.txt")
    assert txt.status_code == 200 and "发现 1 名工作人员迟到。" in txt.content.decode()


def test_bad_dates_are_refused_in_chinese_and_nothing_is_created(client, people):
    client.force_login(people["staff"])
    response = client.post("/briefing/new/", {"period_start": "2026-11-20", "period_end": "2026-11-16",
                                              "template": "2022"}, follow=True)
    assert "结束日期不能早于开始日期" in response.content.decode()
    assert not Issue.objects.exists()


def test_a_department_clerk_reads_but_cannot_draft_or_publish(client, people):
    issue = editorial.create_draft(people["staff"], period_start=dt.date(2026, 11, 16),
                                   period_end=dt.date(2026, 11, 20), template_code="2024")
    client.force_login(people["clerk"])
    assert client.get(f"/briefing/{issue.pk}/").status_code == 200
    response = client.post(f"/briefing/{issue.pk}/publish/", follow=True)
    assert "只有政务平台服务处人员可以编辑和发布" in response.content.decode()
    issue.refresh_from_db()
    assert issue.status == Issue.Status.DRAFT and issue.number is None
    response = client.post("/api/briefing/issues", {"period_start": "2026-11-23", "period_end": "2026-11-27"},
                           content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"
