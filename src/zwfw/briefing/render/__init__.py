"""Renderers of the Briefing value: DOCX (GB/T 9704), PDF (LibreOffice from the DOCX), HTML preview, plain text.

Pure adapters: a Briefing in, bytes or text out; they never compute figures.
"""
from __future__ import annotations

from zwfw.briefing.document import Briefing
from zwfw.errors import DomainError

FORMATS = ("docx", "pdf", "html", "txt")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


def render(briefing: Briefing, fmt: str) -> bytes:
    """The briefing in ``fmt`` (docx, pdf, html or txt) as bytes; text formats are UTF-8."""
    fmt = (fmt or "").lower().lstrip(".")
    if fmt == "docx":
        from .docx import render_docx
        return render_docx(briefing)
    if fmt == "pdf":
        from .pdf import render_pdf
        return render_pdf(briefing)
    if fmt == "html":
        from .html import render_html
        return render_html(briefing).encode("utf-8")
    if fmt in ("txt", "text"):
        from .text import render_text
        return render_text(briefing).encode("utf-8")
    raise DomainError(f"不支持的周报格式：{fmt or '（空）'}。可选格式：docx、pdf、html、txt。",
                      code="unknown_format", field="format")
