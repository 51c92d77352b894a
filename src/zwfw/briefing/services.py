"""Writers for the briefing's issues: importing old issues and continuing their numbering.

Each imported file is stored in its own transaction: a file that cannot be read,
or whose numbers clash with an issue the system wrote, is reported with the
reason and the other files are still imported. Importing the same issue again
updates it (the key is its year and yearly number).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from zwfw.errors import Conflict, DomainError

from . import numbering
from .importer import ImportedBriefing, read
from .models import Issue, NumberingStart


@dataclass
class ImportResult:
    file: str
    issue_id: int | None = None
    created: bool = False
    figures: dict = field(default_factory=dict)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error

    def as_json(self) -> dict:
        if self.error:
            return {"file": self.file, "error": self.error}
        return {"file": self.file, **self.figures}

    def summary(self) -> str:
        """One line per file, as the command prints it."""
        if self.error:
            return f"{self.file}：未导入——{self.error}"
        f = self.figures
        total = f"（总第 {f['total_issue']} 期）" if f.get("total_issue") else ""
        start, end = f["period"]["start"], f["period"]["end"]
        found = [name for key, name in (("provincial_ytd", "省级统计"), ("comprehensive_window", "综窗办件"),
                                        ("catalog_change", "事项库调整"), ("manuals", "受理手册"),
                                        ("assessment", "窗口考核"), ("leader_visits", "厅（局）长进大厅"))
                 if f.get(key) is not None]
        action = "新增" if self.created else "更新"
        return (f"{self.file}：{f['year']} 年第 {f['issue']} 期{total}，{start} 至 {end}，"
                f"已{action}；含{'、'.join(found) if found else '无统计数据'}")


def _previous_numbered(before=None) -> numbering.Numbered | None:
    """The numbered issue with the highest total (of those whose period ends before ``before``)."""
    issues = Issue.objects.filter(number__isnull=False, total__isnull=False, skipped=False).exclude(status=Issue.DRAFT)
    if before is not None:
        issues = issues.filter(period_end__lt=before)
    last = issues.order_by("-total").first()
    return numbering.Numbered(last.year, last.number, last.total) if last else None


def _start() -> numbering.Numbered | None:
    start = NumberingStart.objects.order_by("-total").first()
    return numbering.start_as_previous(start.year, start.number, start.total) if start else None


def next_number(year: int) -> tuple[int, int]:
    """(yearly number, total) for the next issue of ``year``: continues from the highest stored
    issue (imported or published) or from the numbering start, whichever is later."""
    return numbering.next_number(numbering.latest(_previous_numbered(), _start()), year)


def number_for(issue: Issue) -> tuple[int, int]:
    """(yearly number, total) of ``issue`` in the order of the periods: after the numbered issues
    of earlier weeks (or the numbering start), whatever order they were published in."""
    return numbering.next_number(numbering.latest(_previous_numbered(issue.period_start), _start()), issue.year)


def check_publishing_order(issue: Issue) -> None:
    """Issues are numbered in the order of their weeks: an earlier week's draft is published or
    skipped (停刊) first, and no week is numbered behind a later week already numbered."""
    earlier = (Issue.objects.filter(status=Issue.DRAFT, skipped=False, period_start__lt=issue.period_start)
               .exclude(pk=issue.pk).order_by("period_start").first())
    if earlier:
        raise Conflict(
            f"{earlier.period_start:%Y-%m-%d} 至 {earlier.period_end:%Y-%m-%d} 的周报草稿尚未发布："
            f"请先发布该期，或将其标记为停刊，再发布本期，以免期号错位。", code="earlier_draft", field="issue")
    later = (Issue.objects.filter(number__isnull=False, skipped=False, period_start__gt=issue.period_start)
             .exclude(status=Issue.DRAFT).order_by("period_start").first())
    if later:
        raise Conflict(f"更晚一周的周报已编为{later}，本期（{issue.period_start:%Y-%m-%d} 起）不能再编号。",
                       code="later_numbered", field="issue")


@transaction.atomic
def store(imported: ImportedBriefing, source_file: str = "") -> tuple[Issue, bool]:
    """Keep an imported issue's figures and text; the same issue imported again is updated."""
    label = f"{imported.year} 年第 {imported.issue} 期"
    existing = Issue.objects.select_for_update().filter(year=imported.year, number=imported.issue).first()
    if existing and existing.status != Issue.IMPORTED:
        raise Conflict(f"系统中的{label}是{existing.get_status_display()}的周报，导入不会覆盖它", field="file")
    if imported.total_issue is not None:
        clash = Issue.objects.filter(total=imported.total_issue).exclude(pk=getattr(existing, "pk", None)).first()
        if clash:
            raise Conflict(f"总第 {imported.total_issue} 期已是 {clash}，与{label}冲突", field="file")
    briefing = imported.briefing
    dist = briefing.distribution if briefing else None
    values = {
        "total": imported.total_issue, "period_start": imported.period_start, "period_end": imported.period_end,
        "published_on": imported.published_on, "status": Issue.IMPORTED, "skipped": False,
        "source_file": (source_file or imported.source)[:255], "figures": imported.to_json(),
        "document": briefing.to_dict() if briefing else None, "print_run": imported.print_run,
    }
    if dist:
        values.update(report_to=dist.report_to, send_to=dist.send_to, issue_to=dist.issue_to)
    if existing:
        for key, value in values.items():
            setattr(existing, key, value)
        existing.save()
        return existing, False
    return Issue.objects.create(year=imported.year, number=imported.issue, **values), True


def import_files(paths: list[str | Path]) -> list[ImportResult]:
    results = []
    for path in paths:
        path = Path(path)
        result = ImportResult(file=path.name)
        try:
            imported = read(path)
            issue, result.created = store(imported, path.name)
        except DomainError as exc:
            result.error = exc.message
        except Exception as exc:  # an unexpected failure in one file must not stop the others
            result.error = f"读取时出错（{type(exc).__name__}）"
        else:
            result.issue_id = issue.pk
            result.figures = imported.to_json()
        results.append(result)
    return results
