"""Writers for the briefing's issues: importing old issues and continuing their numbering.

Each imported file is stored in its own transaction: a file that cannot be read,
or whose numbers clash with an issue the system wrote, is reported with the
reason and the other files are still imported. Importing an issue already held
(the key is its year and yearly number) shows what differs and never makes
history worse: the more complete reading is kept unless ``replace`` is asked for.
What the checks found (figures that contradict each other, a table not read
whole, numbering out of step with the neighbouring issues) is kept with the
issue and reported as warnings naming the field.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from zwfw.errors import Conflict, DomainError

from . import numbering
from .importer import ImportedBriefing, checks, read
from .models import Issue, NumberingStart


@dataclass
class ImportResult:
    file: str
    issue_id: int | None = None
    created: bool = False
    figures: dict = field(default_factory=dict)
    error: str = ""
    warnings: list[dict] = field(default_factory=list)
    differences: list[str] = field(default_factory=list)  # against the reading already held
    kept: bool = False  # the reading already held was more complete and was kept

    @property
    def ok(self) -> bool:
        return not self.error

    def as_json(self) -> dict:
        if self.error:
            return {"file": self.file, "error": self.error}
        return {"file": self.file, **self.figures, "warnings": self.warnings, "differences": self.differences,
                "kept_existing": self.kept}

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
        action = "新增" if self.created else ("保留原有读数（原读数更完整，未覆盖；如需覆盖请加 --replace）"
                                              if self.kept else "更新")
        lines = [f"{self.file}：{f['year']} 年第 {f['issue']} 期{total}，{start} 至 {end}，"
                 f"已{action}；含{'、'.join(found) if found else '无统计数据'}"]
        lines += [f"  与已导入的读数不同：{d}" for d in self.differences]
        lines += [f"  警告 {w['field']}：{w['message']}" for w in self.warnings]
        return "\n".join(lines)


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


def _leaves(value, path: str = "") -> dict[str, object]:
    """Every figure of an issue's JSON by its field path ("assessment.rows[3].score")."""
    if isinstance(value, dict):
        return {k: v for key, sub in value.items() if key != "warnings"
                for k, v in _leaves(sub, f"{path}.{key}" if path else key).items()}
    if isinstance(value, list):
        return {k: v for i, sub in enumerate(value) for k, v in _leaves(sub, f"{path}[{i}]").items()}
    return {path: value}


def completeness(figures: dict) -> tuple[int, int]:
    """(figures read, −warnings): the larger reading of the same issue is the more complete one."""
    return (sum(v is not None for v in _leaves(figures).values()), -len(figures.get("warnings") or []))


def differences(old: dict, new: dict) -> list[str]:
    a, b = _leaves(old), _leaves(new)
    out = []
    for key in list(dict.fromkeys([*a, *b])):
        if a.get(key) != b.get(key):
            out.append(f"{key}：{_shown(a.get(key))} → {_shown(b.get(key))}")
    rows_old, rows_new = len((old.get("assessment") or {}).get("rows") or []), len((new.get("assessment") or {}).get("rows") or [])
    if rows_old != rows_new:
        out.insert(0, f"assessment.rows：{rows_old} 行 → {rows_new} 行")
    return out


def _shown(value) -> str:
    return "（无）" if value is None else str(value)


def _neighbour_warnings(imported: ImportedBriefing, existing_pk) -> list[dict]:
    held = Issue.objects.filter(number__isnull=False, total__isnull=False, skipped=False).exclude(pk=existing_pk)
    if imported.total_issue is None:
        return []
    below = held.filter(total__lt=imported.total_issue).order_by("-total").first()
    above = held.filter(total__gt=imported.total_issue).order_by("total").first()
    stored = [(i.year, i.number, i.total, i.period_end) for i in (below, above) if i]
    return checks.neighbours(imported.year, imported.issue, imported.total_issue, imported.period_end, stored)


@dataclass
class Stored:
    issue: Issue
    created: bool
    kept: bool = False
    differences: list[str] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)


@transaction.atomic
def store(imported: ImportedBriefing, source_file: str = "", *, replace: bool = False) -> Stored:
    """Keep an imported issue's figures and text. The same issue imported again shows what differs; the
    reading held is kept when it is more complete, unless ``replace``."""
    label = f"{imported.year} 年第 {imported.issue} 期"
    existing = Issue.objects.select_for_update().filter(year=imported.year, number=imported.issue).first()
    if existing and existing.status != Issue.IMPORTED:
        raise Conflict(f"系统中的{label}是{existing.get_status_display()}的周报，导入不会覆盖它", field="file")
    if imported.total_issue is not None:
        clash = Issue.objects.filter(total=imported.total_issue).exclude(pk=getattr(existing, "pk", None)).first()
        if clash:
            raise Conflict(f"总第 {imported.total_issue} 期已是 {clash}，与{label}冲突", field="file")
    warnings = [*imported.warnings, *_neighbour_warnings(imported, getattr(existing, "pk", None))]
    figures = {**imported.to_json(), **({"warnings": warnings} if warnings else {})}
    briefing = imported.briefing
    dist = briefing.distribution if briefing else None
    values = {
        "total": imported.total_issue, "period_start": imported.period_start, "period_end": imported.period_end,
        "published_on": imported.published_on, "status": Issue.IMPORTED, "skipped": False,
        "source_file": (source_file or imported.source)[:255], "figures": figures,
        "document": briefing.to_dict() if briefing else None, "print_run": imported.print_run,
    }
    if dist:
        values.update(report_to=dist.report_to, send_to=dist.send_to, issue_to=dist.issue_to)
    if existing:
        changed = differences(existing.figures, figures)
        if not replace and completeness(existing.figures) > completeness(figures):
            return Stored(existing, False, kept=True, differences=changed, warnings=warnings)
        for key, value in values.items():
            setattr(existing, key, value)
        existing.save()
        return Stored(existing, False, differences=changed, warnings=warnings)
    return Stored(Issue.objects.create(year=imported.year, number=imported.issue, **values), True, warnings=warnings)


def import_files(paths: list[str | Path], *, replace: bool = False) -> list[ImportResult]:
    results = []
    for path in paths:
        path = Path(path)
        result = ImportResult(file=path.name)
        try:
            imported = read(path)
            stored = store(imported, path.name, replace=replace)
        except DomainError as exc:
            result.error = exc.message
        except Exception as exc:  # an unexpected failure in one file must not stop the others
            result.error = f"读取时出错（{type(exc).__name__}）"
        else:
            result.issue_id, result.created, result.kept = stored.issue.pk, stored.created, stored.kept
            result.differences, result.warnings = stored.differences, stored.warnings
            result.figures = imported.to_json()
        results.append(result)
    return results
