"""The briefing as plain text that reads like the centre's printed issues.

Paragraphs open with two ideographic spaces, tables are aligned in columns
(a Chinese character counts two columns), the distribution block sits between
rules at the end.
"""
from __future__ import annotations

import unicodedata

from zwfw.briefing.document import Briefing, Chart, Distribution, Heading, Paragraph, Table, printable
from zwfw.cn import chinese_date, period_text

from .style import attachment_note, attachment_title, print_run_text

INDENT = "\u3000\u3000"
LINE_WIDTH = 56  # columns: 28 Chinese characters, as on the printed line
RULE = "-" * LINE_WIDTH


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _centre(text: str) -> str:
    return " " * max(0, (LINE_WIDTH - width(text)) // 2) + text


def render_text(briefing: Briefing) -> str:
    briefing = printable(briefing)  # nothing empty is printed
    h = briefing.header
    if h.issue_date:
        date_text = chinese_date(h.issue_date)
        issuer = h.issuer + " " * max(2, LINE_WIDTH - width(h.issuer) - width(date_text)) + date_text
    else:
        issuer = h.issuer
    period = [_centre(period_text(h.period_start, h.period_end))] if h.period_start and h.period_end else []
    period += [_centre(h.note)] if h.note else []
    if h.issue_line_first:  # 2023 on: issue line, masthead, period, issuer and date
        out: list[str] = [_centre(h.issue_line), "", _centre(h.title), "", *period, "", issuer]
    else:
        out = [_centre(h.title), "", _centre(h.issue_line), "", issuer]
        out += ["", _centre(h.section_title)] if h.section_title else []
        out += period
    for block in briefing.blocks:
        out += [""] + _block(block)
    count = len(briefing.attachments)
    if count:
        out += [""] + [INDENT + attachment_note(a.title, i, count) for i, a in enumerate(briefing.attachments, start=1)]
    for index, attachment in enumerate(briefing.attachments, start=1):
        out += ["", "", attachment_title(attachment.title, index, count)]
        for block in attachment.blocks:
            out += [""] + _block(block)
    if briefing.distribution is not None:
        out += [""] + _distribution(briefing.distribution)
    return "\n".join(out).rstrip() + "\n"


def _block(block) -> list[str]:
    if isinstance(block, Heading):
        return [block.full_text]
    if isinstance(block, Paragraph):
        return [INDENT + block.lead + block.text]
    if isinstance(block, Table):
        return table_lines(block)
    if isinstance(block, Chart):
        columns = ("", *(name for name, _ in block.series))
        rows = tuple((category, *(_number(values[i]) for _, values in block.series))
                     for i, category in enumerate(block.categories))
        return [f"{block.title}（单位：{block.unit}）"] + table_lines(
            Table(columns, rows, numeric=tuple(range(1, len(columns)))))
    return []


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def table_lines(table: Table) -> list[str]:
    """Columns padded to the widest cell, numbers right-aligned, two spaces between columns."""
    rows = [tuple(table.columns), *table.rows]
    n = len(table.columns)
    widths = [max(width(r[i]) if i < len(r) else 0 for r in rows) for i in range(n)]
    lines = [table.title] if table.title else []
    for r, row in enumerate(rows):
        cells = []
        for i in range(n):
            text = row[i] if i < len(row) else ""
            pad = " " * (widths[i] - width(text))
            cells.append(pad + text if (i in table.numeric and r > 0) else text + pad)
        lines.append("  ".join(cells).rstrip())
    if table.note:
        lines.append(table.note)
    return lines


def _distribution(dist: Distribution) -> list[str]:
    lines = [RULE]
    lines += [label + text for label, text in (("报：", dist.report_to), ("送：", dist.send_to),
                                               ("发：", dist.issue_to)) if text]
    lines.append(RULE)
    if dist.print_run:
        run = print_run_text(dist.print_run)
        lines.append(" " * max(0, LINE_WIDTH - width(run)) + run)
    return lines
