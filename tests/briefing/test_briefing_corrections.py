"""Correcting a published issue: an erratum (更正) or a re-issue, the original kept frozen,
who/when/why recorded."""
import datetime as dt
from urllib.parse import unquote

import pytest

from zwfw.accounts.models import Role, User
from zwfw.briefing import corrections, editorial
from zwfw.briefing.models import Correction, Issue
from zwfw.briefing.render import render
from zwfw.catalog.models import Department
from zwfw.errors import Conflict, DomainError, Forbidden


@pytest.fixture
def published(db):
    lcj = Department.objects.create(code="lcj", name="省林草局", display_order=1)
    editorial.ensure_built_in_templates()
    staff = User.objects.create_user("zhongxin", password="x" * 10, role=Role.CENTRE_STAFF)
    clerk = User.objects.create_user("lcj", password="x" * 10, role=Role.DEPARTMENT_CLERK, department=lcj)
    draft = editorial.create_draft(staff, period_start=dt.date(2026, 11, 16), period_end=dt.date(2026, 11, 20),
                                   template_code="2022")
    issue = editorial.publish(staff, draft.pk, on=dt.date(2026, 11, 23))
    return {"issue": issue, "staff": staff, "clerk": clerk}


def _frozen(issue_id):
    issue = Issue.objects.get(pk=issue_id)
    return issue.document, issue.figures, issue.updated, render(editorial.build(issue)[0], "docx")


def test_an_erratum_keeps_the_original_frozen_and_records_who_when_why(published):
    issue, staff = published["issue"], published["staff"]
    before = _frozen(issue.pk)
    c = corrections.add_erratum(staff, issue.pk, reason="统计口径有误",
                                text="第 1 页“受理 342 件”应为“受理 352 件”")
    assert _frozen(issue.pk) == before
    assert (c.kind, c.created_by, c.reason) == (Correction.Kind.ERRATUM, staff, "统计口径有误") and c.created
    text = render(corrections.build(c), "txt").decode()
    assert "更正" in text and "2026 年第 1 期（总第 1 期）" in text
    assert "2026 年 11 月 23 日印发的《窗口工作周报》2026 年第 1 期（总第 1 期）中，第 1 页“受理 342 件”应为“受理 352 件”。特此更正。" \
        in text.replace("\u3000", "")
    assert "报：中心领导。" in text  # the same readers as the original


def test_a_reissue_changes_only_the_named_paragraph_and_marks_itself(published):
    issue, staff = published["issue"], published["staff"]
    before = _frozen(issue.pk)
    paragraphs = corrections.paragraphs_of(issue)
    c = corrections.reissue(staff, issue.pk, reason="巡查情况漏报", paragraphs={len(paragraphs): "发现 1 名工作人员迟到。"})
    assert _frozen(issue.pk) == before
    text = render(corrections.build(c), "txt").decode()
    assert "发现 1 名工作人员迟到。" in text and "本期重新印发，2026 年 11 月 23 日印发的同期作废" in text
    original = render(editorial.build(Issue.objects.get(pk=issue.pk))[0], "txt").decode()
    assert "发现 1 名工作人员迟到。" not in original


def test_bad_corrections_are_refused_at_the_field_and_nothing_is_written(published):
    issue, staff = published["issue"], published["staff"]
    with pytest.raises(DomainError) as exc:
        corrections.add_erratum(staff, issue.pk, reason="", text="x")
    assert exc.value.field == "reason"
    with pytest.raises(DomainError) as exc:
        corrections.add_erratum(staff, issue.pk, reason="原因", text="  ")
    assert exc.value.field == "text"
    with pytest.raises(DomainError) as exc:
        corrections.reissue(staff, issue.pk, reason="原因", paragraphs={999: "x"})
    assert exc.value.field == "paragraphs" and "第 999 段不存在" in exc.value.message
    with pytest.raises(Forbidden):
        corrections.add_erratum(published["clerk"], issue.pk, reason="原因", text="x")
    draft = editorial.create_draft(staff, period_start=dt.date(2026, 11, 23), period_end=dt.date(2026, 11, 27),
                                   template_code="2024")
    with pytest.raises(Conflict):
        corrections.add_erratum(staff, draft.pk, reason="原因", text="x")
    assert not Correction.objects.exists()


def test_the_editor_corrects_through_the_page_and_downloads_the_erratum(client, published):
    issue = published["issue"]
    client.force_login(published["staff"])
    page = client.get(f"/briefing/{issue.pk}/").content.decode()
    assert "本期尚无更正" in page and "印发更正" in page
    response = client.post(f"/briefing/{issue.pk}/erratum/", {"reason": "数字录入错误", "text": "“9197 件”应为“9179 件”"},
                           follow=True)
    body = response.content.decode()
    assert "已记录更正" in body and "数字录入错误" in body and "zhongxin" in body
    c = Correction.objects.get()
    download = client.get(f"/briefing/corrections/{c.pk}/download.txt")
    assert download.status_code == 200 and "“9197 件”应为“9179 件”。特此更正。" in download.content.decode()
    name = unquote(download["Content-Disposition"].split("filename*=UTF-8''")[1])
    assert name == "窗口工作周报-2026年第1期-更正.txt"
    client.force_login(published["clerk"])
    client.post(f"/briefing/{issue.pk}/erratum/", {"reason": "x", "text": "y"})
    assert Correction.objects.count() == 1
