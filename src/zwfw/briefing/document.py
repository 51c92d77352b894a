"""The Briefing value: what composition produces, renderers print and the importer reads back.

A briefing is a header, an ordered list of blocks and an optional distribution
block. Blocks are plain frozen values; renderers (DOCX, PDF, HTML, text) walk
them in order and never compute figures.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date

from zwfw.cn import heading_number


@dataclass(frozen=True)
class Header:
    year: int
    number: int | None  # 年度期号, e.g. 12 in "2023 年第 12 期"; None for a draft not yet numbered
    total: int | None  # 总期号, e.g. 432 in "总第 432 期"
    issuer: str = "四川省政府政务服务和公共资源交易服务中心"
    issue_date: date | None = None
    title: str = "窗口工作周报"
    section_title: str = "政务服务工作"
    period_start: date | None = None
    period_end: date | None = None
    # The 2022 layout opens with the masthead; from 2023 the issue line stands above it.
    issue_line_first: bool = False
    note: str = ""  # a line under the period, e.g. a re-issue's "（本期重新印发，…作废）"

    @property
    def issue_line(self) -> str:
        """"2023 年第 3 期（总第 423 期）"; a draft has no number yet and says so."""
        if self.number is None:
            return "（草稿）"
        total = f"（总第 {self.total} 期）" if self.total is not None else ""
        return f"{self.year} 年第 {self.number} 期{total}"


@dataclass(frozen=True)
class Heading:
    level: int  # 1: 一、  2: （一）  3: （1）
    text: str  # without its number
    number: str = ""  # "一、", "（一）", "（1）" — empty for an unnumbered heading

    @property
    def full_text(self) -> str:
        return f"{self.number}{self.text}"


@dataclass(frozen=True)
class Paragraph:
    text: str
    lead: str = ""  # printed bold before the text, e.g. "（一）按时到岗情况。"
    source: str = ""  # "generated" or "edited": where the words came from


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""
    numeric: tuple[int, ...] = ()  # indexes of right-aligned numeric columns
    note: str = ""


@dataclass(frozen=True)
class Chart:
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]  # (name, values)
    kind: str = "line"  # line | bar
    unit: str = "件"


@dataclass(frozen=True)
class Attachment:
    """An attachment printed after the body, on a new page: "附件：…"."""

    title: str
    blocks: tuple = ()


@dataclass(frozen=True)
class Distribution:
    report_to: str = "中心领导。"  # 报：
    send_to: str = "各相关省级部门（单位），中心各处（室）、直属单位。"  # 送：
    issue_to: str = "各部门窗口。"  # 发：
    print_run: int | None = 80  # （共印 80 份）


Block = Heading | Paragraph | Table | Chart


@dataclass(frozen=True)
class Briefing:
    header: Header
    blocks: tuple[Block, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    distribution: Distribution | None = field(default_factory=Distribution)

    def to_dict(self) -> dict:
        """A JSON-able form (dates as ISO strings), used to freeze a published issue."""
        def convert(value):
            if isinstance(value, date):
                return value.isoformat()
            if isinstance(value, dict):
                return {k: convert(v) for k, v in value.items()}
            if isinstance(value, (list, tuple)):
                return [convert(v) for v in value]
            return value

        data = {
            "header": convert(asdict(self.header)),
            "blocks": [dict(type=type(b).__name__.lower(), **convert(asdict(b))) for b in self.blocks],
            "attachments": [
                {"title": a.title,
                 "blocks": [dict(type=type(b).__name__.lower(), **convert(asdict(b))) for b in a.blocks]}
                for a in self.attachments
            ],
            "distribution": convert(asdict(self.distribution)) if self.distribution else None,
        }
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Briefing:
        def block(d: dict):
            d = dict(d)
            kind = d.pop("type")
            if kind == "heading":
                return Heading(**d)
            if kind == "paragraph":
                return Paragraph(**d)
            if kind == "table":
                return Table(columns=tuple(d["columns"]), rows=tuple(tuple(r) for r in d["rows"]),
                             title=d.get("title", ""), numeric=tuple(d.get("numeric", ())), note=d.get("note", ""))
            if kind == "chart":
                return Chart(title=d["title"], categories=tuple(d["categories"]),
                             series=tuple((n, tuple(v)) for n, v in d["series"]),
                             kind=d.get("kind", "line"), unit=d.get("unit", "件"))
            raise ValueError(f"未知的版块类型：{kind}")

        h = dict(data["header"])
        for key in ("issue_date", "period_start", "period_end"):
            if h.get(key):
                h[key] = date.fromisoformat(h[key])
        dist = data.get("distribution")
        return cls(
            header=Header(**h),
            blocks=tuple(block(b) for b in data.get("blocks", [])),
            attachments=tuple(Attachment(title=a["title"], blocks=tuple(block(b) for b in a["blocks"]))
                              for a in data.get("attachments", [])),
            distribution=Distribution(**dist) if dist else None,
        )


def without_empty_sections(blocks: tuple) -> tuple:
    """The blocks with every heading that has nothing under it left out (a heading whose
    section holds only empty sub-headings is empty too), and the numbered headings that remain
    renumbered by level: 一、二、三… / （一）（二）… / （1）（2）…"""
    kept = []
    for i, block in enumerate(blocks):
        if isinstance(block, Heading):
            section = []
            for following in blocks[i + 1:]:
                if isinstance(following, Heading) and following.level <= block.level:
                    break
                section.append(following)
            if not any(not isinstance(b, Heading) for b in section):
                continue
        kept.append(block)
    counters = [0, 0, 0]
    out = []
    for block in kept:
        if isinstance(block, Heading) and block.number:
            counters[block.level - 1] += 1
            for lower in range(block.level, 3):
                counters[lower] = 0
            block = replace(block, number=heading_number(block.level, counters[block.level - 1]))
        out.append(block)
    return tuple(out)


def printable(briefing: Briefing) -> Briefing:
    """The briefing as printed: nothing empty (see without_empty_sections), in the body and in
    each attachment; an attachment with nothing in it is left out."""
    attachments = tuple(replace(a, blocks=without_empty_sections(a.blocks)) for a in briefing.attachments)
    return replace(briefing, blocks=without_empty_sections(briefing.blocks),
                   attachments=tuple(a for a in attachments if a.blocks))
