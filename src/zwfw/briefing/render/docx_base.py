"""Low-level python-docx helpers shared by the DOCX renderer: runs and paragraphs that name
the official font in every script slot, paragraph borders."""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from . import style as S

CENTER, LEFT, RIGHT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


def set_fonts(rpr, name: str) -> None:
    """Name the font for every script slot: ascii, hAnsi, eastAsia and cs."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), name)
    rfonts.set(qn("w:hint"), "eastAsia")


def run(paragraph, text: str, *, font: str = S.FANGSONG, size: float = S.SIZE_3, bold: bool = False,
        colour: str | None = None, spacing_pt: float | None = None):
    r = paragraph.add_run(text)
    r.font.size = Pt(size)
    r.font.bold = bold
    set_fonts(r._element.get_or_add_rPr(), font)
    if colour:
        r.font.color.rgb = RGBColor.from_string(colour)
    if spacing_pt:
        sp = OxmlElement("w:spacing")
        sp.set(qn("w:val"), str(round(spacing_pt * 20)))
        r._element.get_or_add_rPr().append(sp)
    return r


def para(doc_or_cell, text: str = "", *, font: str = S.FANGSONG, size: float = S.SIZE_3, bold: bool = False,
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
        run(p, text, font=font, size=size, bold=bold)
    return p


def border(p, side: str, *, colour: str = "000000", eighths: int = 8, space: int = 1) -> None:
    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(eighths)), ("space", str(space)), ("color", colour)):
        edge.set(qn(f"w:{key}"), value)
    borders.append(edge)
