"""The page furniture of the DOCX (GB/T 9704): the A4 page with its document grid of
22 lines × 28 characters, the page numbers "— 1 —" and the 版记 at the foot of the last page."""
from __future__ import annotations

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from zwfw.briefing.document import Distribution

from . import style as S
from .docx_base import LEFT, RIGHT, para, run

TWIPS_PER_MM = 1440 / 25.4


def setup_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(S.PAGE_WIDTH_MM), Mm(S.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(S.MARGIN_TOP_MM), Mm(S.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(S.MARGIN_LEFT_MM), Mm(S.MARGIN_RIGHT_MM)
    section.header_distance = Mm(15)
    # The footer's bottom edge sits so that the dashes of "— 1 —" are 7 mm under the text block.
    section.footer_distance = Mm(S.FOOTER_DISTANCE_MM)
    _document_grid(section)
    doc.settings.odd_and_even_pages_header_footer = True
    # Word 2013 layout: a floating table (the 版记) stays floating even when as wide as the text.
    for setting in doc.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _document_grid(section) -> None:
    """Lines and characters on a grid: 22 lines of 28 characters of 3号 text fill the text block.

    The character pitch is the block width over 28 (15.79 pt), a little under the 16 pt of 3号;
    w:charSpace gives the difference in 1/4096 pt.
    """
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(round(S.LINE_SPACING_PT * 20)))
    grid.set(qn("w:charSpace"), str(round((S.CHAR_PITCH_PT - S.SIZE_3) * 4096)))
    sect_pr.append(grid)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    def fld(kind: str):
        r = run(paragraph, "", font=S.SONGTI, size=S.SIZE_4)
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        r._element.append(char)

    fld("begin")
    r = run(paragraph, "", font=S.SONGTI, size=S.SIZE_4)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    r._element.append(instr)
    fld("separate")
    run(paragraph, placeholder, font=S.SONGTI, size=S.SIZE_4)
    fld("end")


def _page_number(p, *, odd: bool) -> None:
    """"— 1 —" in 4号 SongTi, on the outer side one character in (odd right, even left)."""
    pf = p.paragraph_format
    pf.alignment = RIGHT if odd else LEFT
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(S.PAGE_NUMBER_LINE_PT)
    pf.first_line_indent = Pt(0)
    if odd:
        pf.right_indent = Pt(S.SIZE_4)
    else:
        pf.left_indent = Pt(S.SIZE_4)
    _no_grid(p)
    run(p, "— ", font=S.SONGTI, size=S.SIZE_4)
    _field(p, "PAGE", "1")
    run(p, " —", font=S.SONGTI, size=S.SIZE_4)


def _no_grid(p) -> None:
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    p._p.get_or_add_pPr().append(snap)


# --- 版记 --------------------------------------------------------------------------

def distribution(doc, dist: Distribution, *, lift_pt: float = 0) -> None:
    """报/送/发 between two full-width black rules, the print run on the right (版记), in a
    floating table standing at the foot of the text block of the page where the document ends.

    The table is anchored to the document's last paragraph (a 1 pt line the body's last
    paragraph keeps with), so when the 版记 does not fit under the text the last lines of
    the body move over with it: it never opens a page on its own. LibreOffice lays such a
    table in the flow; ``lift_pt`` is the space it then needs above the table (pdf.py
    measures it on a first rendering).
    """
    lines = [label + text for label, text in (("报：", dist.report_to), ("送：", dist.send_to),
                                              ("发：", dist.issue_to)) if text]
    run_text = S.print_run_text(dist.print_run) if dist.print_run else ""
    if not lines and not run_text:
        return
    body = doc.element.body
    last = body.findall(qn("w:p"))
    if last:
        ppr = last[-1].get_or_add_pPr()
        ppr.insert(0, OxmlElement("w:keepNext"))
    spacer = para(doc, indent=False, line_pt=1)
    spacer.paragraph_format.keep_with_next = True
    spacer.paragraph_format.space_before = Pt(lift_pt)
    _no_grid(spacer)
    rows = lines + ([run_text] if run_text else [])
    table = doc.add_table(rows=len(rows), cols=1)
    _float_at_foot(table)
    for r, text in enumerate(rows):
        cell = table.rows[r].cells[0]
        cell.width = Mm(S.TEXT_WIDTH_MM)
        is_run = run_text and r == len(rows) - 1
        p = cell.paragraphs[0]
        _fill(p, text, align=RIGHT if is_run else LEFT, hanging=not is_run)
        table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        if r < len(rows) - 1:
            p.paragraph_format.keep_with_next = True
        edges = []
        if r == 0 and lines:
            edges.append("top")
        if r == len(lines) - 1:
            edges.append("bottom")
        _cell_borders(cell, edges)
    anchor = para(doc, indent=False, line_pt=1)
    _no_grid(anchor)


def _fill(p, text: str, *, align, hanging: bool) -> None:
    pf = p.paragraph_format
    pf.alignment = align
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(S.DISTRIBUTION_LINE_PT)
    pf.space_before = pf.space_after = Pt(0)
    if hanging:  # one character in, wrapped lines after "送："
        pf.left_indent = Pt(S.SIZE_4 * 3)
        pf.first_line_indent = Pt(-S.SIZE_4 * 2)
    pf.right_indent = Pt(S.SIZE_4)
    _no_grid(p)
    run(p, text, size=S.SIZE_4)


def _float_at_foot(table) -> None:
    """A table as wide as the text block, positioned at the bottom of the text block."""
    tbl_pr = table._tbl.tblPr
    pos = OxmlElement("w:tblpPr")
    for key, value in (("leftFromText", "0"), ("rightFromText", "0"), ("topFromText", "0"), ("bottomFromText", "0"),
                       ("vertAnchor", "margin"), ("horzAnchor", "margin"), ("tblpXSpec", "center"),
                       ("tblpYSpec", "bottom")):
        pos.set(qn(f"w:{key}"), value)
    tbl_pr.insert(0, pos)
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:w"), str(round(S.TEXT_WIDTH_MM * TWIPS_PER_MM)))
    width.set(qn("w:type"), "dxa")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "0")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.append(margins)


def _cell_borders(cell, edges: list[str]) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        if side in edges:
            for key, value in (("val", "single"), ("sz", "8"), ("space", "0"), ("color", "000000")):
                edge.set(qn(f"w:{key}"), value)
        else:
            edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tc_pr.append(borders)
