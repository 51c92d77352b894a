"""Re-importing never makes history worse; warnings are kept with the issue and fail the command."""
import json

import pytest
from briefing.briefing_forms import load, write_text
from briefing.test_briefing_import_references import EXPECTED
from django.core.management import CommandError, call_command

from zwfw.briefing import services
from zwfw.briefing.models import Issue


@pytest.fixture
def complete_and_truncated(tmp_path, reference_reports):
    issue = load(reference_reports, "2023-03", EXPECTED["2023-03"])
    (tmp_path / "complete").mkdir()
    complete = write_text(issue, tmp_path / "complete" / "2023-03.txt")
    truncated_dir = tmp_path / "truncated"
    truncated_dir.mkdir()
    lines = complete.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("序号"))
    truncated = truncated_dir / "2023-03.txt"
    truncated.write_text("\n".join(lines[: header + 5]) + "\n", encoding="utf-8")  # 4 of 29 rows
    return complete, truncated


def test_a_truncated_reading_does_not_replace_a_complete_one(db, complete_and_truncated):
    complete, truncated = complete_and_truncated
    first = services.import_files([complete])[0]
    assert first.created and first.warnings == []
    again = services.import_files([truncated])[0]
    assert again.ok and again.kept and not again.created
    assert again.differences[0] == "assessment.rows：29 行 → 4 行"
    held = Issue.objects.get(year=2023, number=3)
    assert len(held.figures["assessment"]["rows"]) == 29 and held.source_file == "2023-03.txt"


def test_a_more_complete_reading_replaces_a_poorer_one(db, complete_and_truncated):
    complete, truncated = complete_and_truncated
    services.import_files([truncated])
    better = services.import_files([complete])[0]
    assert not better.kept and "assessment.rows：4 行 → 29 行" in better.differences
    assert len(Issue.objects.get(year=2023, number=3).figures["assessment"]["rows"]) == 29


def test_replace_takes_the_new_reading_and_the_command_shows_what_differs(db, complete_and_truncated, capsys):
    complete, truncated = complete_and_truncated
    call_command("briefing", "import", str(complete))
    call_command("briefing", "import", str(truncated))
    out = capsys.readouterr().out
    assert "保留原有读数" in out and "assessment.rows：29 行 → 4 行" in out
    assert len(Issue.objects.get().figures["assessment"]["rows"]) == 29
    call_command("briefing", "import", str(truncated), "--replace")
    assert len(Issue.objects.get().figures["assessment"]["rows"]) == 4


def test_warnings_are_kept_with_the_issue_and_fail_the_command(db, tmp_path, complete_and_truncated, capsys):
    complete, _ = complete_and_truncated
    broken = tmp_path / "2023-03-broken.txt"
    broken.write_text(complete.read_text(encoding="utf-8").replace("省发展改革委    100    0    12    112",
                                                                   "省发展改革委    100    0    12    110"), encoding="utf-8")
    with pytest.raises(CommandError, match="1 个文件已导入但有警告，请核对：2023-03-broken.txt"):
        call_command("briefing", "import", str(broken))
    err = capsys.readouterr().err
    assert "警告 assessment.rows[0].score：省发展改革委" in err
    assert Issue.objects.get().figures["warnings"][0]["field"] == "assessment.rows[0].score"
    with pytest.raises(CommandError):
        call_command("briefing", "import", str(broken), "--json", "--replace")
    data = json.loads(capsys.readouterr().out)
    assert data[0]["warnings"][0]["field"] == "assessment.rows[0].score"


def test_numbering_out_of_step_with_the_neighbouring_issues_is_a_warning(db, reference_reports):
    services.import_files([reference_reports / "2022-44.txt"])  # 2022 年第 44 期（总第 419 期）
    Issue.objects.create(year=2022, number=43, total=418, period_start="2022-12-12", period_end="2022-12-16",
                         status=Issue.IMPORTED)
    result = services.import_files([reference_reports / "2022-31.txt"])[0]  # 第 31 期（总第 406 期）: in step
    assert result.warnings == []
    Issue.objects.filter(number=43).delete()
    Issue.objects.create(year=2022, number=32, total=409, period_start="2022-09-19", period_end="2022-09-23",
                         status=Issue.IMPORTED)
    Issue.objects.filter(number=31).delete()
    result = services.import_files([reference_reports / "2022-31.txt"])[0]
    assert [w["field"] for w in result.warnings] == ["total_issue"]
    assert "2022 年第 32 期（总第 409 期）" in result.warnings[0]["message"]
