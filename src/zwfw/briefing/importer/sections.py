"""Splitting normalised lines into the briefing's parts (pure).

Printed lines are re-joined into paragraphs: a line continues the paragraph
before it unless that one ended a sentence (。！？：) or the line itself starts
something (a heading 一、 / （一）, an item （1）, 报：/送：/发：, 附件, the print run).
Tables arrive as "| a | b |" lines (DOCX, Markdown) or as columns separated by
spaces (PDF, plain text) after a header row such as 序号 部门窗口 … 实得分值.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalize import compact, is_noise, is_title, normalise_chars

L1 = re.compile(r"^([一二三四五六七八九十]{1,3})、(.*)$")
L2 = re.compile(r"^（([一二三四五六七八九十]{1,3})）(.*)$")
L3 = re.compile(r"^（(\d{1,2})）(.*)$")
PERIOD = re.compile(r"^（?(?:\d{4}年)?\d{1,2}月\d{1,2}日[—\-~～至到]+(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日）?$")
ISSUE_LINE = re.compile(r"\d{4}年第[\d一二三四五六七八九十]+期")
DIST = re.compile(r"^(报|送|发|抄报|抄送)：(.*)$")
PRINT_RUN = re.compile(r"^（?共印(\d+)份）?$")
ATTACHMENT = re.compile(r"^附件\d*(?:：(.*))?$")
NUMBER = re.compile(r"^[+\-—]?\d+(?:\.\d+)?%?$")
TABLE_WORDS = ("序号", "名次", "排名", "部门", "单位", "窗口", "基础分", "减分", "加分", "实得", "得分", "合计")
HEADING_MAX = 40
CLOSING = "。！？："


@dataclass
class Unit:
    kind: str  # header | heading | text | table | dist | print_run | attachment
    text: str = ""
    level: int = 0
    number: str = ""
    lead: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    closed: bool = True
    centred: bool = False  # a table whose wrapped names were printed around their row's figures
    pieces: list[str] = field(default_factory=list)  # printed lines of a paragraph, joined at the end
    pipes: bool = False  # a table whose cells were given ("| a | b |"), not found by spacing
    unread: list[str] = field(default_factory=list)  # a table's lines that could not be read as rows
    pending: list[str] = field(default_factory=list)  # name fragments printed above the first row


@dataclass
class Layout:
    title_seen: bool
    units: list[Unit]

    @property
    def header(self) -> list[Unit]:
        return [u for u in self.units if u.kind == "header"]

    def flat(self, kinds=("heading", "text")) -> str:
        """The text of the units, one per line: a sentence never runs on into the next unit."""
        return "\n".join(u.number + u.lead + u.text for u in self.units if u.kind in kinds)


def _pipe_cells(line: str) -> list[str] | None:
    stripped = line.strip()
    if stripped.count("|") >= 2 or (stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1):
        return [compact(c) for c in stripped.strip("|").split("|")]
    return None


def _header_cells(line: str) -> list[str] | None:
    """A table's header row: at least three short cells, three of them naming a usual column."""
    if "。" in line or "：" in line:
        return None
    cells = [compact(c) for c in re.split(r"\s{2,}", line.strip()) if c.strip()]
    if len(cells) < 3:
        cells = [compact(c) for c in line.split()]
    if len(cells) < 3 or any(len(c) > 12 for c in cells):
        return None
    return cells if sum(any(w in c for w in TABLE_WORDS) for c in cells) >= 3 else None


def _row_cells(line: str, width: int) -> list[str] | None:
    """A space-separated table row: optional leading number, a name, trailing numbers."""
    tokens = line.split()
    tail: list[str] = []
    while tokens and NUMBER.match(tokens[-1]) and len(tail) < max(width - 1, 1):
        tail.insert(0, tokens.pop())
    head = [tokens.pop(0)] if len(tokens) > 1 and NUMBER.match(tokens[0]) else []
    name = compact(" ".join(tokens))
    if not tail or not name or (width and len(head) + 1 + len(tail) > width):
        return None
    cells = head + [name] + tail
    if width and len(cells) < width:
        if head or len(cells) < width - 1:
            return None  # a figure is missing: the columns cannot be told apart
        cells.insert(0, "")  # a tie row: the place is printed only on the first row
    return cells


def _name_index(cells: list[str]) -> int:
    return next((i for i, c in enumerate(cells) if c and not NUMBER.match(c)), 0)


def _fragment(line: str) -> str | None:
    """A piece of a wrapped cell (a department name's second line): short, no figures, no sentence."""
    text = compact(line)
    if not text or len(text) > 24 or re.search(r"\d|[。：；！？]", text) or L1.match(text):
        return None
    return text


_HEADER_ENDINGS = ("分值", "分数", "得分", "名称", "窗口", "单位", "名次", "序号", "合计", "备注")


def _header_tail(words: list[str], width: int) -> bool:
    """The second line of a wrapped header: short words, one of them completing a column name."""
    return (0 < len(words) <= width and all(len(w) <= 4 and not re.search(r"[\d（）()：。]", w) for w in words)
            and any(w.endswith(_HEADER_ENDINGS) for w in words))


def _table_line(table: Unit, line: str) -> bool:
    """Add a printed line to a space-separated table; False when the line is not part of it."""
    extra = line.split()
    if not table.rows and not table.pending and _header_tail(extra, len(table.columns)):
        # a header wrapped onto a second line: 基础分 / 分值
        for i, word in enumerate(extra):
            table.columns[len(table.columns) - len(extra) + i] += compact(word)
        return True
    if _header_cells(line):  # the header repeated on a new page
        return True
    cells = _row_cells(line, len(table.columns))
    if cells is not None:
        if table.pending:  # a name centred in its cell: its first line was printed above the figures
            cells[_name_index(cells)] = "".join(table.pending) + cells[_name_index(cells)]
            table.pending, table.centred = [], True
        table.rows.append(cells)
        return True
    if (piece := _fragment(line)) is not None:
        if table.centred:  # names centred in their cells: a piece may end this row's name or begin the next's
            table.unread.append(f"{piece}（跨行的名称无法确定属于上一行还是下一行）")
        elif table.rows:  # cells are aligned to the top, as Word and LibreOffice print them
            table.rows[-1][_name_index(table.rows[-1])] += piece
        else:
            table.pending.append(piece)
        return True
    text = compact(line)
    if re.search(r"\d", text) and not re.search(r"[。：；]", text) and len(text) <= 60:
        table.unread.append(text)  # looks like a row but its columns could not be told apart
        return True
    return False


def _classify_text(text: str, hard: bool) -> Unit:
    if m := DIST.match(text):
        return Unit("dist", m.group(2), number=m.group(1))
    if m := PRINT_RUN.match(text):
        return Unit("print_run", m.group(1))
    if m := ATTACHMENT.match(text):
        return Unit("attachment", m.group(1) or "")
    for level, pattern in ((1, L1), (2, L2), (3, L3)):
        if m := pattern.match(text):
            number = f"{m.group(1)}、" if level == 1 else f"（{m.group(1)}）"
            rest = m.group(2)
            short = rest and len(rest) <= HEADING_MAX and not any(p in rest for p in "。，；：！？")
            if short and (level < 3 or hard):  # a printed （1） line is the start of an item
                return Unit("heading", rest, level=level, number=number)
            lead = ""
            if level == 2 and "。" in rest[:25] and rest.index("。") < len(rest) - 1:
                lead, rest = rest[: rest.index("。") + 1], rest[rest.index("。") + 1:]
                return Unit("text", rest, level=level, lead=number + lead, closed=hard or rest[-1] in CLOSING)
            return Unit("text", number + rest, level=level, closed=hard or rest[-1:] in tuple(CLOSING))
    return Unit("text", text, closed=hard or text[-1] in CLOSING)


def _join(unit: Unit, after: str) -> None:
    """A printed line continues ``unit``'s paragraph: only the characters at the break are re-spaced,
    and the pieces are kept apart until the end, so a long paragraph is joined in linear time."""
    before = unit.pieces[-1] if unit.pieces else unit.text
    unit.pieces = unit.pieces or [unit.text]
    unit.pieces.append(compact(before[-1:] + " " + after[:1])[1:-1] + after)


def split(lines: list[str], hard_breaks: bool) -> Layout:
    units: list[Unit] = []
    title_seen = False
    in_header = True
    table: Unit | None = None
    for raw in lines:
        line = normalise_chars(raw)
        if not line.strip() or is_noise(line):
            continue
        if is_title(line):
            title_seen = True
            continue
        cells = _pipe_cells(line)
        if cells is None and table is None:
            header = _header_cells(line)
            if header:
                table = Unit("table", columns=header)
                units.append(table)
                continue
        if cells is None and table is not None:  # a row printed as text continues a table of cells too
            if _table_line(table, line):
                continue
            table = None
        if cells is not None:
            if table is None or not table.pipes:
                table = Unit("table", columns=cells, pipes=True)
                units.append(table)
            elif cells != table.columns:  # a header repeated on every page is read once
                table.rows.append(cells)
            continue
        table = None
        text = compact(line)
        if in_header:  # the header's lines come in any order; it ends at the first heading or sentence
            header_like = ISSUE_LINE.search(text) or re.search(r"\d{4}年\d{1,2}月\d{1,2}日$", text)
            if L1.match(text) or L2.match(text) or (len(text) > HEADING_MAX and not header_like) or "。" in text:
                in_header = False
            else:
                units.append(Unit("header", text))
                continue
        if units and units[-1].kind == "header" and re.search(r"\d{4}年\d{1,2}月\d{1,2}日$", text) \
                and len(text) <= HEADING_MAX * 3:  # from 2023 the issuer and date follow the period
            units.append(Unit("header", text))
            continue
        unit = _classify_text(text, hard_breaks)
        previous = units[-1] if units else None
        starts = unit.kind != "text" or unit.level or unit.lead
        if previous and previous.kind == "text" and not previous.closed and not starts:
            _join(previous, unit.text)
            previous.closed = hard_breaks or unit.text[-1] in CLOSING
            continue
        units.append(unit)
    for unit in units:
        if unit.pieces:
            unit.text, unit.pieces = "".join(unit.pieces), []
    return Layout(title_seen, units)
