"""A document as DOCX (python-docx) and PDF (the briefing's LibreOffice converter), from frozen values.

Pure: the same ``Printout`` gives the same DOCX bytes (the package's dates and zip entry times
are the document's own), so a reprint is identical to the first print.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

import segno
from docx import Document
from docx.shared import Mm, Pt

from zwfw.briefing.render import style as S
from zwfw.briefing.render.docx_base import CENTER, LEFT, RIGHT, para, run
from zwfw.briefing.render.pdf import docx_to_pdf

from .texts import paragraphs


#: A notice is not a 公文 on the 22-line grid: a shorter head margin and 26 pt lines keep the usual
#: notice on one page, with the QR code in the foot margin.
TOP_MARGIN_MM = 28
LINE_PT = 26
QR_SIZE_MM = 22
QR_FOOTER_DISTANCE_MM = 8


@dataclass(frozen=True)
class Printout:
    department: str  # the issuing organ, as it signs
    title: str
    number: str  # 文书编号 or 证照标识
    body: str  # filled text, blank-line separated paragraphs
    qr_url: str
    qr_caption: str
    on: dt.date
    footer: str  # e.g. "办件编号：…" printed under the QR code
    at: dt.datetime  # when it was issued: the DOCX's own timestamps


def qr_png(url: str) -> bytes:
    """The QR code as PNG bytes: error correction M, a 4-module quiet zone, black on white."""
    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=10, border=4)
    return out.getvalue()


def render_docx(p: Printout) -> bytes:
    at = p.at.astimezone(dt.timezone.utc).replace(tzinfo=None)  # however the database handed it back
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(S.PAGE_WIDTH_MM), Mm(S.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MARGIN_MM), Mm(S.MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(S.MARGIN_LEFT_MM), Mm(S.MARGIN_RIGHT_MM)
    para(doc, p.department, font=S.XIAOBIAOSONG, size=S.SIZE_2, indent=False, align=CENTER, line_pt=36)
    para(doc, p.title, font=S.XIAOBIAOSONG, size=S.SIZE_2, indent=False, align=CENTER, line_pt=36)
    para(doc, p.number, indent=False, align=CENTER, line_pt=LINE_PT)
    para(doc, "", indent=False, line_pt=LINE_PT / 2)
    texts = paragraphs(p.body)
    for i, text in enumerate(texts):
        # The salutation ("张伟：") and labelled lines ("办件编号：…") stand flush left.
        flush = (i == 0 and text.endswith("：")) or _labelled(text)
        # Left, not justified: a case number cannot break, and justifying would space out the line before it.
        para(doc, text, indent=not flush, align=LEFT, line_pt=LINE_PT)
    para(doc, "", indent=False, line_pt=LINE_PT)
    # GB/T 9704: the date stands four characters from the right, the issuing organ centred above it.
    date = f"{p.on.year}年{p.on.month}月{p.on.day}日"
    organ = para(doc, p.department, indent=False, align=RIGHT, line_pt=LINE_PT)
    organ.paragraph_format.right_indent = Pt(S.SIZE_3 * max(0.0, 4 + (_width(date) - _width(p.department)) / 2))
    para(doc, date, indent=False, align=RIGHT, line_pt=LINE_PT).paragraph_format.right_indent = Pt(S.SIZE_3 * 4)
    _qr_footer(section, p)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = p.title, p.department, p.department
    props.created = props.modified = at
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    return _fixed_times(out.getvalue(), at)


def _qr_footer(section, p: Printout) -> None:
    """The QR code and what it is for stand at the foot of every page, outside the text block,
    so a long document never pushes them onto a page of their own."""
    section.footer_distance = Mm(QR_FOOTER_DISTANCE_MM)
    footer = section.footer
    table = footer.add_table(rows=1, cols=2, width=Mm(S.TEXT_WIDTH_MM))
    table.autofit = False
    code_cell, text_cell = table.rows[0].cells
    for column, width in zip(table.columns, (QR_SIZE_MM + 4, S.TEXT_WIDTH_MM - QR_SIZE_MM - 4)):
        column.width = Mm(width)  # the grid LibreOffice reads
        for cell in column.cells:
            cell.width = Mm(width)  # the cell width Word reads
    code = code_cell.paragraphs[0]
    code.add_run().add_picture(io.BytesIO(qr_png(p.qr_url)), width=Mm(QR_SIZE_MM))
    first = True
    for line in (p.qr_caption, p.footer):
        q = text_cell.paragraphs[0] if first else text_cell.add_paragraph()
        first = False
        q.paragraph_format.space_before = Pt(6)
        run(q, line, size=S.SIZE_XIAO_4 - 1.5)
    footer.paragraphs[0].paragraph_format.space_after = Pt(0)


def _width(text: str) -> float:
    """Width in characters of 3号: digits and Latin letters are half a character."""
    return sum(0.5 if ch.isascii() else 1 for ch in text)


def _labelled(text: str) -> bool:
    label, sep, _ = text.partition("：")
    return bool(sep) and len(label) <= 12


def _fixed_times(docx: bytes, at: dt.datetime) -> bytes:
    """The same package with every zip entry stamped ``at``, so equal documents are equal bytes."""
    stamp = (at.year, at.month, at.day, at.hour, at.minute, at.second - at.second % 2)
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def render_pdf(p: Printout) -> bytes:
    """Through the briefing's LibreOffice path (same fonts, same page)."""
    return docx_to_pdf(render_docx(p))
