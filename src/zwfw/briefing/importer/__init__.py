"""Reading old briefings: text / Markdown, DOCX or PDF → figures and a Briefing value.

    imported = read("2023-03.pdf")
    imported.to_json()      # the figures, in the shape `zwfw briefing import --json` prints
    imported.briefing       # headings, paragraphs, tables, distribution: re-renderable

Modules: ``extract`` (text per format), ``normalize`` (width, punctuation, spacing),
``sections`` (paragraphs, headings, tables), ``figures`` (what the issue states).
A file that is not a readable briefing raises DomainError with the reason in Chinese.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from zwfw.errors import DomainError

from ..document import Attachment, Briefing, Distribution, Header, Heading, Paragraph, Table
from . import checks
from . import figures as fig
from .extract import extract
from .normalize import TITLE, spaced
from .sections import Layout, split

__all__ = ["ImportedBriefing", "read", "parse_lines", "parse_text"]


@dataclass
class ImportedBriefing:
    year: int
    issue: int
    total_issue: int | None
    published_on: date | None
    period_start: date
    period_end: date
    provincial_ytd: dict | None = None
    comprehensive_window: dict | None = None
    catalog_change: dict | None = None
    manuals: dict | None = None
    assessment: dict | None = None
    leader_visits: int | None = None
    print_run: int | None = None
    briefing: Briefing | None = None
    wording: dict = field(default_factory=dict)  # how the issue worded its figures (other_style, transfer_unit)
    source: str = ""
    warnings: list[dict] = field(default_factory=list)  # {"field", "message"}: what contradicts or was not read

    def to_json(self) -> dict:
        return {
            "year": self.year, "issue": self.issue, "total_issue": self.total_issue,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "period": {"start": self.period_start.isoformat(), "end": self.period_end.isoformat()},
            "provincial_ytd": self.provincial_ytd,
            "comprehensive_window": self.comprehensive_window,
            "catalog_change": self.catalog_change,
            "manuals": self.manuals,
            "assessment": self.assessment,
            "leader_visits": self.leader_visits,
            "print_run": self.print_run,
        }


def read(path: str | Path) -> ImportedBriefing:
    path = Path(path)
    extracted = extract(path)
    return parse_lines(extracted.lines, hard_breaks=extracted.hard_breaks, source=path.name)


def parse_text(text: str, source: str = "") -> ImportedBriefing:
    return parse_lines(text.splitlines(), hard_breaks=False, source=source)


def parse_lines(lines: list[str], hard_breaks: bool = False, source: str = "") -> ImportedBriefing:
    layout = split(lines, hard_breaks)
    numbers = fig.issue_numbers(layout)
    if numbers is None:
        if not layout.units:
            raise DomainError("文件中没有可读的文字", code="import_unreadable", field="file")
        raise DomainError("未找到期号（应有“2023 年第 3 期（总第 423 期）”这样的一行），不像是窗口工作周报",
                          code="import_not_briefing", field="file")
    year, issue, total = numbers
    flat = layout.flat()
    provincial, wording = fig.provincial(flat)
    window, window_wording = fig.comprehensive_window(flat)
    wording.update(window_wording)
    wording.update(fig.catalog_wording(flat))
    wording.update(fig.manuals_wording(flat))
    published = fig.published_on(layout)
    as_of = None
    if provincial and provincial["as_of"] and not provincial["as_of"].startswith("--"):
        as_of = date.fromisoformat(provincial["as_of"])
    span = fig.period(layout, year, published, as_of)
    if span is None:
        raise DomainError(f"{year} 年第 {issue} 期：未找到本期的起止日期（如“（1 月 16 日—1 月 20 日）”）",
                          code="import_no_period", field="file")
    if provincial and provincial["as_of"] and provincial["as_of"].startswith("--"):
        provincial["as_of"] = _year_from_period(provincial["as_of"], span[1])
    result = ImportedBriefing(
        year=year, issue=issue, total_issue=total, published_on=published,
        period_start=span[0], period_end=span[1],
        provincial_ytd=provincial, comprehensive_window=window,
        catalog_change=fig.catalog_change(flat), manuals=fig.manuals(flat),
        assessment=fig.assessment(layout), leader_visits=fig.leader_visits(layout),
        print_run=fig.print_run(layout), wording=wording, source=source,
    )
    result.briefing = _briefing(layout, result)
    table, _ = fig.assessment_table(layout)
    result.warnings = [
        *checks.table_reading(layout, table), *checks.assessment(result.assessment),
        *checks.comprehensive_window(window), *checks.provincial(provincial, span), *checks.manuals(result.manuals),
    ]
    if published is None:
        result.warnings.append({"field": "published_on", "message": "未找到印发日期"})
    elif published < span[1]:
        result.warnings.append({"field": "published_on", "message": f"印发日期 {published} 早于本期截止日期 {span[1]}"})
    return result


def _year_from_period(month_day: str, period_end: date) -> str:
    """"--09-08" (截至9月8日) → the date nearest the period's end: its year, or the one before across New Year."""
    month, day = int(month_day[2:4]), int(month_day[5:7])
    candidates = []
    for year in (period_end.year, period_end.year - 1, period_end.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            pass
    return min(candidates, key=lambda d: abs((d - period_end).days)).isoformat() if candidates else None


def _table(unit) -> Table:
    width = len(unit.columns)
    rows = tuple(tuple(spaced(c) for c in (list(r) + [""] * width)[:width]) for r in unit.rows)
    numeric = tuple(i for i in range(width)
                    if rows and all(fig.score_value(r[i]) is not None for r in rows if r[i]))
    return Table(columns=tuple(unit.columns), rows=rows, numeric=numeric)


def _briefing(layout: Layout, imported: ImportedBriefing) -> Briefing:
    issuer, section_title = fig.header_texts(layout)
    header = Header(year=imported.year, number=imported.issue, total=imported.total_issue,
                    issue_date=imported.published_on, period_start=imported.period_start,
                    period_end=imported.period_end, title=TITLE,
                    **({"issuer": issuer} if issuer else {}),
                    **({"section_title": section_title} if section_title else {}))
    body: list = []
    attachments: list[tuple[str, list]] = []
    distribution: dict = {}
    target = body
    for unit in layout.units:
        if unit.kind == "heading":
            target.append(Heading(unit.level, spaced(unit.text), unit.number))
        elif unit.kind == "text":
            target.append(Paragraph(spaced(unit.text), lead=spaced(unit.lead)))
        elif unit.kind == "table":
            target.append(_table(unit))
        elif unit.kind == "attachment":
            attachments.append((f"附件：{spaced(unit.text)}" if unit.text else "附件", []))
            target = attachments[-1][1]
        elif unit.kind == "dist":
            key = {"报": "report_to", "抄报": "report_to", "送": "send_to", "抄送": "send_to"}.get(unit.number, "issue_to")
            distribution[key] = spaced(unit.text)
    if attachments and attachments[-1][0] == "附件" and attachments[-1][1]:
        first = attachments[-1][1]
        if isinstance(first[0], Paragraph) and len(first[0].text) <= 60:  # "附件" alone, then its title
            attachments[-1] = (f"附件：{first[0].text}", first[1:])
    # "附件：title" noted in the body, then the attachment itself: keep the one that has content
    attachments = [(t, b) for i, (t, b) in enumerate(attachments) if b or i == len(attachments) - 1]
    has_distribution = distribution or imported.print_run is not None
    return Briefing(
        header=header,
        blocks=tuple(body),
        attachments=tuple(Attachment(title, tuple(blocks)) for title, blocks in attachments),
        distribution=Distribution(**distribution, print_run=imported.print_run) if has_distribution else None,
    )
