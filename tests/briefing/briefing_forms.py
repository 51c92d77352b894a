"""The reference briefings in the forms other tools give them, generated in a test's tmp_path.

Every form starts from the reference text and the figures known to be in it, and adds
the parts the references lack (comprehensive window, catalogue change, manuals, a
one-sentence leader visit, a 29-row assessment attachment with long names and ties):

- ``docx``: real Word paragraphs and a real Word table (python-docx), tie places merged or blank;
- ``pdf``: that DOCX printed by LibreOffice with narrow table columns, so names and header cells wrap;
- ``rewrap``: printed lines of a fixed width, breaking inside sentences and numbers;
- ``repunctuate``: half-width punctuation where the centre writes full-width;
- ``reorder``: the body's sections in another order;
- header lines in another order (the 2023/2024 masthead after the issue line, the date last).
"""
from __future__ import annotations

import subprocess
from dataclasses import dataclass

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm

from zwfw.briefing.document import Heading, Paragraph
from zwfw.briefing.importer import read

DEPARTMENTS = [
    "省发展改革委", "经济和信息化厅", "教育厅", "科技厅", "省民族宗教委", "公安厅", "民政厅", "司法厅",
    "财政厅", "人力资源社会保障厅", "自然资源厅", "生态环境厅", "住房城乡建设厅", "交通运输厅", "水利厅",
    "农业农村厅", "商务厅", "文化和旅游厅", "省卫生健康委", "应急管理厅", "省市场监管局", "省广电局",
    "省体育局", "省林草局", "省药监局", "省知识产权服务促进中心", "省地方金融监管局",
    "国家税务总局四川省税务局", "四川省通信管理局（省无线电管理委员会办公室）",
]
COLUMNS = ("序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值")
TABLE_TITLE = "2023年12月省政务服务大厅进驻部门（单位）窗口考核结果"


def assessment_rows() -> list[dict]:
    """29 windows, scores with halves, ties sharing a place (1, 1, 3, …)."""
    raw = []
    for i, name in enumerate(DEPARTMENTS):
        deducted = [0, 0.5, 1, 2][i % 4] if i % 3 == 0 else 0
        added = [12, 10, 10, 8, 6, 5, 5, 3, 2, 0][i % 10]
        raw.append({"department": name, "base": 100, "deducted": deducted, "added": added,
                    "score": 100 - deducted + added})
    raw.sort(key=lambda r: -r["score"])
    for i, row in enumerate(raw):
        row["rank"] = raw[i - 1]["rank"] if i and raw[i - 1]["score"] == row["score"] else i + 1
    return [{k: (int(v) if isinstance(v, float) and v == int(v) else v) for k, v in r.items()} for r in raw]


def _num(value) -> str:
    return str(value)


def table_cells(rows: list[dict], blank_ties: bool = True) -> list[list[str]]:
    out = []
    for i, r in enumerate(rows):
        tie = i and rows[i - 1]["rank"] == r["rank"]
        out.append(["" if tie and blank_ties else str(r["rank"]), r["department"], _num(r["base"]),
                    _num(-r["deducted"] if r["deducted"] else 0), _num(r["added"]), _num(r["score"])])
    return out


EXTRA_SECTIONS = [
    ("厅（局）长进大厅", ["本周，省发展改革委党组成员、省粮食和物资储备局局长张某，生态环境厅党组成员、"
                        "机关党委书记、四川省辐射环境管理监测中心站站长王某，水利厅二级巡视员李某分别到省政务服务大厅窗口调研值守。"]),
    ("综窗改革攻坚行动", ["本周，共计咨询 2968 人次、受理 471 件、颁发 3702 件、流转 5120 件；今年以来，"
                        "累计咨询 36612 人次、受理 9685 件、颁发 85944 件、流转 154351 件。",
                        "主项从 742 项调整为 747 项，办理项从 1631 项调整为 1650 项。",
                        "共完成 812 个办理项的受理工作手册编制，占比 49.2%。"]),
]
EXTRA_FIGURES = {
    "comprehensive_window": {"week": {"consulted": 2968, "accepted": 471, "issued": 3702, "transferred": 5120},
                             "ytd": {"consulted": 36612, "accepted": 9685, "issued": 85944, "transferred": 154351}},
    "catalog_change": {"main_items": [742, 747], "handling_items": [1631, 1650]},
    "manuals": {"done": 812, "share": 49.2},
    "leader_visits": 3,
}


@dataclass
class Issue:
    """A reference issue as parts: header lines, sections (heading, paragraphs), distribution, table."""

    header: list[str]  # issue line, issuer, date, section title, period — in the 2022 order
    sections: list[tuple[str, list[str]]]  # (level-1 heading without number, paragraphs incl. sub-headings)
    tail: list[str]  # 报/送/发 and the print run
    expected: dict
    originals: dict  # paragraph kind -> the sentence as printed, spaces removed

    def header_in(self, order: str) -> list[str]:
        issue_line, issuer, issued, section, period = self.header
        if order == "2022":
            return ["窗口工作周报", issue_line, issuer, issued, section, period]
        if order == "2024":  # issue line, masthead, period, issuing body and date
            return [issue_line, "窗口工作周报", period, f"{issuer}    {issued}"]
        if order == "date-last":
            return [issue_line, "窗口工作周报", section, period, issuer]
        raise ValueError(order)

    def body(self, order=None) -> list[str]:
        sections = self.sections if order is None else [self.sections[i] for i in order]
        lines = []
        numbers = "一二三四五六七八九十"
        for n, (heading, paragraphs) in enumerate(sections):
            lines.append(f"{numbers[n]}、{heading}")
            lines.extend(paragraphs)
        return lines

    def lines(self, header_order="2022", order=None, with_table=True) -> list[str]:
        out = self.header_in(header_order) + self.body(order)
        if with_table:
            out += [f"附件：{TABLE_TITLE}"]
        out += self.tail
        if header_order == "date-last":
            out += [f"{self.header[1]}办公室    {self.header[2]}印发"]
        return out


def load(reference_reports, name: str, expected: dict) -> Issue:
    """The reference read by the importer (its figures checked elsewhere) plus the extra sections."""
    imported = read(reference_reports / f"{name}.txt")
    b = imported.briefing
    h = b.header
    header = [h.issue_line.replace(" ", ""), h.issuer, f"{h.issue_date.year}年{h.issue_date.month}月{h.issue_date.day}日",
              h.section_title, f"（{h.period_start.month}月{h.period_start.day}日—{h.period_end.month}月{h.period_end.day}日）"]
    sections: list[tuple[str, list[str]]] = []
    for block in b.blocks:
        if isinstance(block, Heading) and block.level == 1:
            sections.append((block.text, []))
        elif isinstance(block, Heading):
            sections[-1][1].append(block.full_text)
        elif isinstance(block, Paragraph):
            sections[-1][1].append(block.lead + block.text)
    sections = [s for s in sections if "长进大厅" not in s[0]]
    for heading, paragraphs in sections:  # 2022-44 and 2023-03 keep theirs as a sub-section: drop it
        visits = [i for i, p in enumerate(paragraphs) if p.endswith("厅（局）长进大厅")]
        if visits:
            del paragraphs[visits[0]:]
    sections += [(heading, list(paragraphs)) for heading, paragraphs in EXTRA_SECTIONS]
    d = b.distribution
    tail = [f"报：{d.report_to}", f"送：{d.send_to}", f"发：{d.issue_to}", f"（共印{d.print_run}份）"]
    rows = assessment_rows()
    figures = {**expected, **EXTRA_FIGURES,
               "assessment": {"month": "2023-12", "rows": [{k: r[k] for k in ("rank", "department", "base",
                                                                             "deducted", "added", "score")}
                                                            for r in rows]}}
    flat = "".join((reference_reports / f"{name}.txt").read_text(encoding="utf-8").split())
    start = flat.index("据四川一体化政务服务平台数据统计")
    window, catalogue, manuals = EXTRA_SECTIONS[1][1]
    originals = {"provincial_ytd": flat[start: flat.index("。", start) + 1], "comprehensive_window": window,
                 "catalog_change": catalogue, "manuals": manuals}
    return Issue(header, sections, tail, figures, {k: "".join(v.split()) for k, v in originals.items()})


# --- forms -------------------------------------------------------------------

def write_docx(issue: Issue, path, *, header_order="2022", order=None, narrow=False, merge_ties=False):
    document = docx.Document()
    for text in issue.lines(header_order, order, with_table=False):
        document.add_paragraph(text)
    document.add_page_break()
    document.add_paragraph("附件")
    document.add_paragraph(TABLE_TITLE)
    cells = table_cells(assessment_rows(), blank_ties=not merge_ties)
    table = document.add_table(rows=1 + len(cells), cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, name in enumerate(COLUMNS):
        table.cell(0, i).text = name
    for r, row in enumerate(cells, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    if merge_ties:  # a shared place printed once, in a cell merged down over the tied rows
        r = 1
        while r <= len(cells):
            end = r
            while end + 1 <= len(cells) and cells[end][0] == cells[r - 1][0]:
                end += 1
            if end > r:
                table.cell(r, 0).merge(table.cell(end, 0)).text = cells[r - 1][0]
            r = end + 1
    if narrow:  # narrow columns: long names and header cells such as 基础分分值 wrap onto two lines
        widths = [Cm(1.2), Cm(2.6), Cm(1.6), Cm(1.6), Cm(1.6), Cm(1.6)]
        table.autofit = False
        for width, column in zip(widths, table.columns):
            column.width = width  # the grid LibreOffice lays out by
        for row in table.rows:
            for width, cell in zip(widths, row.cells):
                cell.width = width
    document.save(path)
    return path


def to_pdf(docx_path, tmp_path):
    from conftest import require_tool

    soffice = require_tool("soffice", "libreoffice")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(docx_path.parent), str(docx_path)],
                   check=True, capture_output=True, timeout=240)
    return docx_path.with_suffix(".pdf")


def table_text(single_space=False) -> list[str]:
    """The attachment as a plain-text table; ``single_space`` separates columns by one space."""
    sep = " " if single_space else "    "
    lines = [sep.join(COLUMNS)]
    lines += [sep.join(c or "" for c in row).strip() if single_space else sep.join(row)
              for row in table_cells(assessment_rows())]
    return lines


def write_text(issue: Issue, path, *, header_order="2022", order=None, width=None, half_width=False,
               single_space=False):
    lines = issue.lines(header_order, order) + ["附件", TABLE_TITLE]
    if half_width:
        lines = [repunctuate(line) for line in lines]
    if width:  # the header is printed on its own short lines; the body is wrapped, table rows are not
        head = len(issue.header_in(header_order))
        lines = lines[:head] + [piece for line in lines[head:] for piece in rewrap(line, width)]
    lines += table_text(single_space)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def rewrap(line: str, width: int) -> list[str]:
    """Printed lines of ``width`` characters: breaks fall anywhere, inside numbers too. Table rows
    and short lines are kept whole (a printed table row is one line)."""
    if len(line) <= width or "    " in line or line.startswith(("序号", "报", "送", "发")):
        return [line]
    return [line[i:i + width] for i in range(0, len(line), width)]


HALF = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"})


def repunctuate(line: str) -> str:
    """Half-width punctuation as an English-locale tool writes it; the full stop as ". "."""
    return line.translate(HALF).replace("。", ". ").rstrip()
