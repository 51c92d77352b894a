"""The briefing as a DOCX laid out as an official document (GB/T 9704), with python-docx.

A pure adapter: a Briefing in, the bytes of a .docx out. Every run names its
official Chinese font in w:eastAsia (and the Latin slots), so Word and WPS on
the centre's machines print FangSong, KaiTi, HeiTi and XiaoBiaoSong.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from zwfw.briefing.document import Briefing, Chart, Distribution, Heading, Paragraph, Table
from zwfw.cn import chinese_date, period_text

from . import style as S
from .charts import chart_png

CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def render_docx(briefing: Briefing) -> bytes:
    """The briefing as a .docx; the same briefing always gives the same bytes."""
    doc = Document()
    _setup_page(doc)
    _setup_styles(doc)
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:  # the template's empty first paragraph
        body._element.getparent().remove(body._element)
    _masthead(doc, briefing)
    for block in briefing.blocks:
        _block(doc, block)
    count = len(briefing.attachments)
    for index, attachment in enumerate(briefing.attachments, start=1):
        title = S.attachment_title(attachment.title, index, count)
        p = _para(doc, title, font=S.HEITI, indent=False, align=LEFT)
        label = title.index("：") + 1 if "：" in title else 0  # wrapped lines align after "附件："
        p.paragraph_format.left_indent = Pt(S.SIZE_3 * label)
        p.paragraph_format.first_line_indent = Pt(-S.SIZE_3 * label)
        p.paragraph_format.page_break_before = True
        p.paragraph_format.keep_with_next = True
        for block in attachment.blocks:
            _block(doc, block)
    if briefing.distribution is not None:
        _distribution(doc, briefing.distribution)
    _core_properties(doc, briefing)
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip_times(out.getvalue())


# --- page, styles, fonts ---------------------------------------------------

def _setup_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(S.PAGE_WIDTH_MM), Mm(S.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(S.MARGIN_TOP_MM), Mm(S.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(S.MARGIN_LEFT_MM), Mm(S.MARGIN_RIGHT_MM)
    section.header_distance = Mm(15)
    # The page number's dash sits about 7 mm under the text block.
    section.footer_distance = Mm(22)
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _setup_styles(doc) -> None:
    # Theme fonts in the template's defaults would override the names below in Word.
    for rfonts in doc.styles.element.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
    normal = doc.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr(), S.FANGSONG)
    normal.font.size = Pt(S.SIZE_3)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal.element.get_or_add_rPr().append(lang)
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(S.LINE_SPACING_PT)
    pf.widow_control = True
    # Punctuation stays inside the text block (Word and LibreOffice hang it into the margin by default).
    overflow = OxmlElement("w:overflowPunct")
    overflow.set(qn("w:val"), "0")
    normal.element.get_or_add_pPr().find(qn("w:spacing")).addprevious(overflow)


def _set_fonts(rpr, name: str) -> None:
    """Name the font for every script slot: ascii, hAnsi, eastAsia and cs."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    rfonts.set(qn("w:hint"), "eastAsia")


def _run(paragraph, text: str, *, font: str = S.FANGSONG, size: float = S.SIZE_3, bold: bool = False,
         colour: str | None = None, spacing_pt: float | None = None):
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    _set_fonts(run._element.get_or_add_rPr(), font)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    if spacing_pt:
        sp = OxmlElement("w:spacing")
        sp.set(qn("w:val"), str(round(spacing_pt * 20)))
        run._element.get_or_add_rPr().append(sp)
    return run


def _para(doc_or_cell, text: str = "", *, font: str = S.FANGSONG, size: float = S.SIZE_3, bold: bool = False,
          indent: bool = True, align=JUSTIFY, line_pt: float | None = S.LINE_SPACING_PT):
    p = doc_or_cell.add_paragraph()
    overflow = OxmlElement("w:overflowPunct")  # punctuation stays inside the text block
    overflow.set(qn("w:val"), "0")
    p._p.get_or_add_pPr().append(overflow)
    pf = p.paragraph_format
    pf.alignment = align
    pf.first_line_indent = Pt(2 * size) if indent else Pt(0)
    if line_pt is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_pt)
    if text:
        _run(p, text, font=font, size=size, bold=bold)
    return p


def _border(p, side: str, *, colour: str = "000000", eighths: int = 8, space: int = 1) -> None:
    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(eighths)), ("space", str(space)), ("color", colour)):
        edge.set(qn(f"w:{key}"), value)
    borders.append(edge)


# --- header (版头) -----------------------------------------------------------

def _masthead(doc, briefing: Briefing) -> None:
    h = briefing.header
    p = _para(doc, indent=False, align=CENTER, line_pt=None)
    p.paragraph_format.space_after = Pt(12)
    _run(p, h.title, font=S.XIAOBIAOSONG, size=48, colour=S.RED, spacing_pt=8)
    _para(doc, h.issue_line, indent=False, align=CENTER)
    p = _para(doc, indent=False, align=LEFT)
    p.paragraph_format.tab_stops.add_tab_stop(Mm(S.TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    p.paragraph_format.space_before = Pt(6)
    p.paragraph_format.space_after = Pt(14)
    _run(p, h.issuer, size=S.SIZE_4)  # 4号, so the issuer and the date share one line
    if h.issue_date:
        _run(p, "\t" + chinese_date(h.issue_date), size=S.SIZE_4)
    _border(p, "bottom", colour=S.RED, eighths=18, space=6)  # the red separator line
    if h.section_title:
        p = _para(doc, indent=False, align=CENTER, line_pt=None)
        p.paragraph_format.space_before = Pt(18)
        p.paragraph_format.space_after = Pt(4)
        _run(p, h.section_title, font=S.XIAOBIAOSONG, size=S.SIZE_2)
    if h.period_start and h.period_end:
        _para(doc, period_text(h.period_start, h.period_end), indent=False, align=CENTER)
    _para(doc, indent=False)  # one blank line before the first heading, as printed


# --- blocks -----------------------------------------------------------------

def _block(doc, block) -> None:
    if isinstance(block, Heading):
        font, bold = S.HEADING_FONTS.get(block.level, (S.FANGSONG, True))
        p = _para(doc, block.full_text, font=font, bold=bold)
        p.paragraph_format.keep_with_next = True
    elif isinstance(block, Paragraph):
        p = _para(doc)
        if block.lead:
            _run(p, block.lead, bold=True)
        _run(p, block.text)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Chart):
        _chart(doc, block)


def _display_width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def _column_widths(table: Table) -> list[float]:
    """Widths in mm summing to the text width, in proportion to the widest cell of each column."""
    n = len(table.columns)
    need = []
    for i in range(n):
        cells = [table.columns[i]] + [row[i] for row in table.rows if i < len(row)]
        need.append(max(4, max(_display_width(c) for c in cells)) + 2)
    total = sum(need)
    return [S.TEXT_WIDTH_MM * w / total for w in need]


def _table(doc, table: Table, *, size: float = S.SIZE_XIAO_4, line_pt: float = 17) -> None:
    if table.title:
        p = _para(doc, table.title, font=S.XIAOBIAOSONG, size=S.SIZE_3, indent=False, align=CENTER)
        p.paragraph_format.keep_with_next = True
    widths = _column_widths(table)
    t = doc.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    tbl_pr = t._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(round(S.TEXT_WIDTH_MM / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")
    tbl_pr.append(width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "0"), ("color", "000000")):
            edge.set(qn(f"w:{key}"), value)
        borders.append(edge)
    tbl_pr.append(borders)
    for i, w in enumerate(widths):
        t.columns[i].width = Mm(w)
    centred = {i for i, c in enumerate(table.columns) if c in ("序号", "排名", "名次")}
    for r, values in enumerate((table.columns, *table.rows)):
        row = t.rows[r]
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r == 0:
            tr_pr.append(OxmlElement("w:tblHeader"))  # repeated on every page
        for i, cell in enumerate(row.cells):
            cell.width = Mm(widths[i])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            text = values[i] if i < len(values) else ""
            p = cell.paragraphs[0]
            pf = p.paragraph_format
            pf.first_line_indent = Pt(0)
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(line_pt)
            if r == 0 or i in centred:
                pf.alignment = CENTER
            elif i in table.numeric:
                pf.alignment = RIGHT
            else:
                pf.alignment = LEFT
            _run(p, text, size=size, bold=(r == 0))
    if table.note:
        _para(doc, table.note, size=S.SIZE_XIAO_4, indent=False, align=LEFT, line_pt=22)


def _chart(doc, chart: Chart) -> None:
    p = _para(doc, chart.title, size=S.SIZE_3, bold=True, indent=False, align=CENTER)
    p.paragraph_format.keep_with_next = True
    p = _para(doc, indent=False, align=CENTER, line_pt=None)
    p.add_run().add_picture(io.BytesIO(chart_png(chart, title=False)), width=Mm(S.TEXT_WIDTH_MM))


# --- distribution (版记) and page numbers ------------------------------------

def _distribution(doc, dist: Distribution) -> None:
    """报/送/发 between two full-width black rules, then the print run on the right (版记)."""
    lines = [(label, text) for label, text in (("报：", dist.report_to), ("送：", dist.send_to),
                                               ("发：", dist.issue_to)) if text]
    p = _para(doc, indent=False)  # a blank line between the body and the 版记
    p.paragraph_format.keep_with_next = True
    _rule(doc)
    for label, text in lines:
        p = _para(doc, label + text, size=S.SIZE_4, indent=False, align=LEFT)
        pf = p.paragraph_format
        pf.left_indent = Pt(S.SIZE_4 * 3)  # one character in, wrapped lines after "送："
        pf.first_line_indent = Pt(-S.SIZE_4 * 2)
        pf.right_indent = Pt(S.SIZE_4)
        pf.keep_with_next = True
    _rule(doc, keep_with_next=bool(dist.print_run))
    if dist.print_run:
        p = _para(doc, S.print_run_text(dist.print_run), size=S.SIZE_4, indent=False, align=RIGHT)
        p.paragraph_format.right_indent = Pt(S.SIZE_4)


def _rule(doc, *, keep_with_next: bool = True) -> None:
    """A thin black line across the whole text width (an empty 1 pt paragraph with a bottom border)."""
    p = _para(doc, indent=False, line_pt=1)
    p.paragraph_format.keep_with_next = keep_with_next
    _border(p, "bottom", eighths=8, space=0)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    def fld(kind: str):
        run = _run(paragraph, "", font=S.SONGTI, size=S.SIZE_4)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        run._element.append(char)

    fld("begin")
    run = _run(paragraph, "", font=S.SONGTI, size=S.SIZE_4)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._element.append(instr)
    fld("separate")
    _run(paragraph, placeholder, font=S.SONGTI, size=S.SIZE_4)
    fld("end")


def _page_number(p, *, odd: bool) -> None:
    """"— 1 —" in 4号 SongTi, on the outer side one character in (odd right, even left)."""
    pf = p.paragraph_format
    pf.alignment = RIGHT if odd else LEFT
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.first_line_indent = Pt(0)
    if odd:
        pf.right_indent = Pt(S.SIZE_4)
    else:
        pf.left_indent = Pt(S.SIZE_4)
    _run(p, "— ", font=S.SONGTI, size=S.SIZE_4)
    _field(p, "PAGE", "1")
    _run(p, " —", font=S.SONGTI, size=S.SIZE_4)


def _core_properties(doc, briefing: Briefing) -> None:
    h = briefing.header
    props = doc.core_properties
    props.title = f"{h.title} {h.issue_line}"
    props.author = h.issuer
    props.language = "zh-CN"
    stamp = datetime(h.issue_date.year, h.issue_date.month, h.issue_date.day) if h.issue_date \
        else datetime(h.year, 1, 1)
    props.created = props.modified = stamp
    props.last_modified_by = h.issuer
    props.revision = 1


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry times, so re-rendering a frozen issue gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


__all__ = ["render_docx"]
