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
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from zwfw.briefing.document import Attachment, Briefing, Chart, Heading, Paragraph, Table, printable
from zwfw.cn import chinese_date, period_text

from . import style as S
from .charts import chart_png
from .docx_base import CENTER, JUSTIFY, LEFT, RIGHT, border as _border, para as _para, run as _run
from .docx_base import set_fonts as _set_fonts
from .docx_page import distribution as _distribution, setup_page as _setup_page

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def render_docx(briefing: Briefing, *, distribution_lift_pt: float = 0) -> bytes:
    """The briefing as a .docx; the same briefing always gives the same bytes.

    ``distribution_lift_pt``: space above the 版记 for a renderer that lays its floating
    table in the flow (LibreOffice; see pdf.py)."""
    briefing = printable(briefing)  # nothing empty is printed
    doc = Document()
    _setup_page(doc)
    _setup_styles(doc)
    body = doc.paragraphs[0] if doc.paragraphs else None
    if body is not None:  # the template's empty first paragraph
        body._element.getparent().remove(body._element)
    _masthead(doc, briefing)
    for block in briefing.blocks:
        _block(doc, block)
    _attachment_notes(doc, briefing.attachments)
    count = len(briefing.attachments)
    for index, attachment in enumerate(briefing.attachments, start=1):
        _attachment(doc, attachment, index, count)
    if briefing.distribution is not None:
        _distribution(doc, briefing.distribution, lift_pt=distribution_lift_pt)
    _core_properties(doc, briefing)
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip_times(out.getvalue())


# --- page, styles, fonts ---------------------------------------------------

def _setup_styles(doc) -> None:
    # Theme fonts in the template's defaults would override the names below in Word.
    for rfonts in doc.styles.element.iter(qn("w:rFonts")):
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            rfonts.attrib.pop(qn(attr), None)
    normal = doc.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr(), S.FANGSONG)
    normal.font.size = Pt(S.SIZE_3)
    # Latin text (digits too) is en-US and East Asian text zh-CN: a digit run is then one word
    # and never breaks across lines.
    for rpr in (doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")),
                normal.element.get_or_add_rPr()):
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        rpr.append(lang)
    # The document grid's character pitch is reckoned from the default size: 3号.
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        defaults.find(qn(tag)).set(qn("w:val"), str(S.SIZE_3 * 2))
    pf = normal.paragraph_format
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(S.LINE_SPACING_PT)
    pf.widow_control = True
    # Punctuation stays inside the text block (Word and LibreOffice hang it into the margin by default).
    overflow = OxmlElement("w:overflowPunct")
    overflow.set(qn("w:val"), "0")
    normal.element.get_or_add_pPr().find(qn("w:spacing")).addprevious(overflow)


# --- header (版头) -----------------------------------------------------------

def _masthead(doc, briefing: Briefing) -> None:
    """The 版头 in the layout's order: 2022 opens with the masthead, later layouts with the issue line."""
    h = briefing.header
    if h.issue_line_first:
        _para(doc, h.issue_line, indent=False, align=CENTER)
    p = _para(doc, indent=False, align=CENTER, line_pt=None)
    p.paragraph_format.space_after = Pt(12)
    _run(p, h.title, font=S.XIAOBIAOSONG, size=48, colour=S.RED, spacing_pt=8)
    if h.issue_line_first:
        _period(doc, h)
    else:
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
    if not h.issue_line_first:
        _period(doc, h)
    _para(doc, indent=False)  # one blank line before the first heading, as printed


def _period(doc, h) -> None:
    if h.period_start and h.period_end:
        _para(doc, period_text(h.period_start, h.period_end), indent=False, align=CENTER)
    if h.note:
        _para(doc, h.note, indent=False, align=CENTER)


# --- attachments (附件) ---------------------------------------------------------

def _attachment_notes(doc, attachments: tuple[Attachment, ...]) -> None:
    """"附件：title" after the body, one blank line below it, two characters in; with several
    attachments "附件：1. …" and the next ones aligned under the first title (GB/T 9704 7.3.3)."""
    if not attachments:
        return
    _para(doc, indent=False)
    count = len(attachments)
    for index, attachment in enumerate(attachments, start=1):
        title = S.attachment_note(attachment.title, index, count)
        p = _para(doc, title)
        label = 5 if count > 1 else 3  # "附件：1．" / "附件：" — wrapped lines align after it
        p.paragraph_format.left_indent = Pt(S.SIZE_3 * (2 + label))
        p.paragraph_format.first_line_indent = Pt(-S.SIZE_3 * label) if index == 1 or count == 1 else Pt(0)


def _attachment(doc, attachment: Attachment, index: int, count: int) -> None:
    """On a new page: "附件" (numbered when several) at the top left in 黑体 3号, then the title
    centred in 小标宋 2号 on the third line, then the attachment's blocks."""
    p = _para(doc, S.attachment_label(index, count), font=S.HEITI, indent=False, align=LEFT)
    p.paragraph_format.page_break_before = True
    p.paragraph_format.keep_with_next = True
    p = _para(doc, indent=False)
    p.paragraph_format.keep_with_next = True
    p = _para(doc, S.attachment_plain_title(attachment.title), font=S.XIAOBIAOSONG, size=S.SIZE_2,
              indent=False, align=CENTER, line_pt=S.LINE_SPACING_PT * 1.2)
    p.paragraph_format.keep_with_next = True
    p.paragraph_format.space_after = Pt(S.LINE_SPACING_PT / 2)
    for block in attachment.blocks:
        _block(doc, block)


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
