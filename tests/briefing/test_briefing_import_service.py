"""Importing files stores each issue once, reports unreadable files by name, and numbering continues
(an issue imported again: see test_briefing_import_history)."""
import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from zwfw.briefing import services
from zwfw.briefing.document import Briefing
from zwfw.briefing.models import Issue


@pytest.fixture
def files(tmp_path, reference_reports):
    for name in ("2022-31", "2022-44", "2023-03"):
        shutil.copy(reference_reports / f"{name}.txt", tmp_path / f"{name}.txt")
    (tmp_path / "notes.txt").write_text("会议纪要\n今天讨论了三件事。\n", encoding="utf-8")
    return tmp_path


def test_each_file_is_stored_and_a_bad_one_is_reported_by_name(db, files):
    results = services.import_files([files / "2022-31.txt", files / "notes.txt", files / "2023-03.txt"])
    assert [(r.file, r.ok) for r in results] == [("2022-31.txt", True), ("notes.txt", False), ("2023-03.txt", True)]
    assert "未找到期号" in results[1].error
    issue = Issue.objects.get(year=2023, number=3)
    assert (issue.total, issue.status, issue.source_file) == (423, Issue.IMPORTED, "2023-03.txt")
    assert issue.figures["provincial_ytd"]["permit"] == {"accepted": 30880, "completed": 32631}
    assert str(issue.period_start) == "2023-01-16" and str(issue.published_on) == "2023-02-08"
    # the kept document re-renders: it thaws into a Briefing with the original header
    assert Briefing.from_dict(issue.document).header.issue_line == "2023 年第 3 期（总第 423 期）"
    assert Issue.objects.count() == 2


def test_importing_the_same_issue_again_updates_it(db, files):
    first = services.import_files([files / "2023-03.txt"])[0]
    again = services.import_files([files / "2023-03.txt"])[0]
    assert (first.created, again.created, first.issue_id) == (True, False, again.issue_id)
    assert Issue.objects.count() == 1


def test_numbering_continues_from_imported_history(db, files):
    services.import_files([files / "2022-44.txt", files / "2023-03.txt"])
    assert services.next_number(2023) == (4, 424)


def test_a_published_issue_is_never_overwritten_by_an_import(db, files):
    Issue.objects.create(year=2023, number=3, total=423, period_start="2023-01-16", period_end="2023-01-20",
                         status=Issue.PUBLISHED, figures={"kept": True})
    result = services.import_files([files / "2023-03.txt"])[0]
    assert not result.ok and "已发布" in result.error
    assert Issue.objects.get(year=2023, number=3).figures == {"kept": True}


def test_a_total_already_used_by_another_issue_is_a_conflict(db, files):
    Issue.objects.create(year=2023, number=4, total=423, period_start="2023-01-30", period_end="2023-02-03",
                         status=Issue.IMPORTED)
    result = services.import_files([files / "2023-03.txt"])[0]
    assert "总第 423 期已是 2023 年第 4 期" in result.error
    assert not Issue.objects.filter(number=3).exists()


def test_command_prints_a_chinese_line_per_file_and_fails_when_one_file_fails(db, files, capsys):
    with pytest.raises(CommandError, match="1 个文件未能导入：notes.txt"):
        call_command("briefing", "import", str(files / "2022-44.txt"), str(files / "notes.txt"))
    out, err = capsys.readouterr()
    assert "2022-44.txt：2022 年第 44 期（总第 419 期），2022-12-19 至 2022-12-23，已新增" in out
    assert "notes.txt：未导入——未找到期号" in err


def test_command_json_gives_one_object_per_file(db, files, capsys):
    with pytest.raises(CommandError):
        call_command("briefing", "import", str(files / "2023-03.txt"), str(files / "missing.docx"), "--json")
    data = json.loads(capsys.readouterr().out)
    assert data[1] == {"file": "missing.docx", "error": "找不到文件"}
    assert data[0]["file"] == "2023-03.txt"
    assert {k: data[0][k] for k in ("year", "issue", "total_issue", "leader_visits", "print_run")} == {
        "year": 2023, "issue": 3, "total_issue": 423, "leader_visits": 4, "print_run": 80}
    assert data[0]["comprehensive_window"] is None


def test_command_succeeds_when_every_file_is_read(db, files, capsys):
    call_command("briefing", "import", str(files / "2022-31.txt"), "--json")
    assert json.loads(capsys.readouterr().out)[0]["provincial_ytd"]["other"] == {
        "types": 9, "accepted": 49602, "completed": 50398}


def test_admin_lists_imported_issues_in_chinese(admin_client, files):
    services.import_files([files / "2023-03.txt"])
    page = admin_client.get("/admin/briefing/issue/")
    assert page.status_code == 200
    assert "2023 年第 3 期（总第 423 期）" in page.content.decode()
    issue = Issue.objects.get()
    detail = admin_client.get(f"/admin/briefing/issue/{issue.pk}/change/").content.decode()
    assert "本期数据" in detail and "30880" in detail
