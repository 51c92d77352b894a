"""Each layout prints its own 版头 and 版记; the 版记 is editable per issue; downloads are named
properly; a draft says （草稿）."""
from urllib.parse import unquote

import pytest

from zwfw.accounts.models import Role, User
from zwfw.briefing import editorial
from zwfw.briefing.models import Issue, Template
from zwfw.catalog.models import Department


@pytest.fixture
def staff(db):
    Department.objects.create(code="lcj", name="省林草局", display_order=1)
    editorial.ensure_built_in_templates()
    return User.objects.create_user("zhongxin", password="x" * 10, role=Role.CENTRE_STAFF)


def _draft(staff, code, start="2026-11-16", end="2026-11-20"):
    import datetime as dt

    return editorial.create_draft(staff, period_start=dt.date.fromisoformat(start),
                                  period_end=dt.date.fromisoformat(end), template_code=code)


def _txt_head(client, issue) -> list[str]:
    text = client.get(f"/briefing/{issue.pk}/download.txt").content.decode()
    return [line.strip() for line in text.splitlines() if line.strip()][:5]


def test_2022_draft_opens_with_the_masthead_and_has_bao_song_fa_and_80_copies(client, staff):
    client.force_login(staff)
    issue = _draft(staff, "2022")
    assert (issue.report_to, issue.issue_to, issue.print_run) == ("中心领导。", "各部门窗口。", 80)
    assert issue.send_to
    head = _txt_head(client, issue)
    assert head[:2] == ["窗口工作周报", "（草稿）"] and "政务服务工作" in head
    text = client.get(f"/briefing/{issue.pk}/download.txt").content.decode()
    assert "第  期" not in text and "第 期" not in text and "（共印 80 份）" in text


@pytest.mark.parametrize("code", ["2023", "2024"])
def test_2023_and_2024_drafts_open_with_the_issue_line_and_have_no_section_title(client, staff, code):
    client.force_login(staff)
    issue = _draft(staff, code)
    template = Template.objects.get(code=code)
    assert (issue.issue_to, issue.print_run) == (template.issue_to, template.print_run)
    assert issue.print_run != 80
    head = _txt_head(client, issue)
    assert head[:3] == ["（草稿）", "窗口工作周报", "（11 月 16 日—11 月 20 日）"]
    text = client.get(f"/briefing/{issue.pk}/download.txt").content.decode()
    assert "政务服务工作" not in text
    assert f"（共印 {template.print_run} 份）" in text


def test_the_editor_changes_one_issues_distribution_and_print_run(client, staff):
    client.force_login(staff)
    issue = _draft(staff, "2022")
    response = client.post(f"/briefing/{issue.pk}/distribution/", {
        "report_to": "中心领导。", "send_to": "", "issue_to": "各部门窗口，中心各处（室）。", "print_run": "120"},
        follow=True)
    assert "版记已保存" in response.content.decode()
    text = client.get(f"/briefing/{issue.pk}/download.txt").content.decode()
    assert "（共印 120 份）" in text and "发：各部门窗口，中心各处（室）。" in text and "送：" not in text
    assert Template.objects.get(code="2022").print_run == 80  # the layout's default is untouched


def test_a_bad_print_run_is_refused_at_the_field_and_nothing_changes(client, staff):
    client.force_login(staff)
    issue = _draft(staff, "2022")
    for bad in ("八十", "0", "20000"):
        response = client.post(f"/briefing/{issue.pk}/distribution/", {
            "report_to": "x", "send_to": "x", "issue_to": "x", "print_run": bad}, follow=True)
        assert "印数应为 1 到 10000 之间的整数" in response.content.decode()
    issue.refresh_from_db()
    assert (issue.report_to, issue.print_run) == ("中心领导。", 80)


def test_downloads_carry_an_rfc5987_name_and_an_ascii_fallback(client, staff):
    client.force_login(staff)
    issue = _draft(staff, "2024")
    header = client.get(f"/briefing/{issue.pk}/download.txt")["Content-Disposition"]
    assert header.startswith('attachment; filename="briefing-draft-20261116.txt"; ')
    encoded = header.split("filename*=UTF-8''")[1]
    assert encoded.isascii() and unquote(encoded) == "窗口工作周报-草稿-20261116.txt"
    issue = editorial.publish(staff, issue.pk)
    header = client.get(f"/briefing/{issue.pk}/download.html")["Content-Disposition"]
    assert f'filename="briefing-{issue.year}-{issue.number:02d}.html"' in header
    assert unquote(header.split("filename*=UTF-8''")[1]) == f"窗口工作周报-{issue.year}年第{issue.number}期.html"


@pytest.mark.parametrize("code", ["2022", "2023", "2024"])
def test_each_layouts_header_reads_back_whole(code):
    from zwfw.briefing.importer import parse_text
    from zwfw.briefing.render.sample import demo_issue
    from zwfw.briefing.render.text import render_text

    figures = parse_text(render_text(demo_issue(code))).to_json()
    assert (figures["year"], figures["issue"], figures["published_on"]) == (2024, 3, "2024-01-22")
