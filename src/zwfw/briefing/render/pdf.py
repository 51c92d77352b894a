"""The briefing as a PDF: the DOCX converted by LibreOffice headless, page for page.

The official font names in the DOCX are mapped to installed free CJK faces by
fonts/fonts.conf, which includes the system fontconfig and is handed to
LibreOffice through FONTCONFIG_FILE. Each call uses its own LibreOffice profile,
so parallel conversions do not clash.
"""
from __future__ import annotations

import io
import math
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree
from pypdf import PdfReader

from zwfw.briefing.document import Briefing
from zwfw.errors import DomainError

from . import style as S
from .docx import render_docx
from .pdftext import page_fragments

FONTS_CONF = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
TIMEOUT_SECONDS = 180


class RenderError(DomainError):
    code = "render_failed"
    status = 503


def soffice_path() -> str:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise RenderError("未安装 LibreOffice（soffice），无法生成 PDF。请安装 libreoffice-writer 后重试。",
                      code="soffice_missing")


def for_libreoffice(docx: bytes) -> bytes:
    """The DOCX as LibreOffice needs it to print the page Word prints.

    Word reads w:overflowPunct="0" as "no hanging punctuation"; LibreOffice 7.x
    imports the flag inverted, hangs "、" and "。" into the margin and can drop
    them from the line. Flipping the flag for LibreOffice only gives the same
    page in both.

    Word puts 28 characters of 3号 on a line through the document grid (a pitch of
    15.79 pt); LibreOffice's character grid gives a glyph larger than the pitch two
    cells. For LibreOffice the grid is dropped (lines are already at the exact 22-line
    spacing) and the default character spacing narrows each character by the same amount.
    """
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in ("word/document.xml", "word/styles.xml"):
                data = data.replace(b'<w:overflowPunct w:val="0"/>', b'<w:overflowPunct w:val="1"/>')
            if info.filename == "word/document.xml":
                data = GRID.sub(b"", data)
            if info.filename == "word/styles.xml":
                data = _narrow_default_characters(data)
            dst.writestr(info, data)
    return out.getvalue()


GRID = re.compile(rb'<w:docGrid [^>]*/>')
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _narrow_default_characters(styles_xml: bytes) -> bytes:
    root = etree.fromstring(styles_xml)
    rpr = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    spacing = etree.SubElement(rpr, f"{W}spacing")
    spacing.set(f"{W}val", str(math.floor((S.CHAR_PITCH_PT - S.SIZE_3) * 20)))  # twips, rounded down
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def site_fonts_dir() -> Path:
    """Where a site drops its licensed official fonts (仿宋_GB2312, 方正小标宋简体, …): ZWFW_FONTS_DIR,
    else var/fonts beside the database."""
    from django.conf import settings

    return Path(os.environ.get("ZWFW_FONTS_DIR") or Path(settings.VAR_DIR) / "fonts")


def _fonts_conf(work: Path) -> Path:
    """This conversion's fontconfig file: the site's font folder, then the substitutions."""
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{escape(str(site_fonts_dir()))}</dir>\n"
        f"  <cachedir>{escape(str(work / 'fontconfig'))}</cachedir>\n"
        f'  <include ignore_missing="no">{escape(str(FONTS_CONF))}</include>\n</fontconfig>\n', encoding="utf-8")
    return conf


def docx_to_pdf(docx: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    soffice = soffice_path()
    with tempfile.TemporaryDirectory(prefix="zwfw-pdf-") as tmp:
        work = Path(tmp)
        source = work / "briefing.docx"
        source.write_bytes(for_libreoffice(docx))
        env = dict(os.environ, FONTCONFIG_FILE=str(_fonts_conf(work)), HOME=str(work), SAL_USE_VCLPLUGIN="svp")
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work), str(source)]
        try:
            result = subprocess.run(command, env=env, capture_output=True, timeout=timeout, cwd=work)
        except subprocess.TimeoutExpired as exc:
            raise RenderError(f"LibreOffice 转换 PDF 超时（超过 {timeout} 秒）。") from exc
        target = work / "briefing.pdf"
        if result.returncode != 0 or not target.exists():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[-500:]
            raise RenderError(f"LibreOffice 转换 PDF 失败（退出码 {result.returncode}）：{detail or '无输出'}")
        return target.read_bytes()


def render_pdf(briefing: Briefing) -> bytes:
    """The briefing as PDF bytes (A4, GB/T 9704 page), through LibreOffice.

    The 版记 stands at the foot of the last page: LibreOffice lays the DOCX's floating
    版记 table in the flow, so a first rendering measures the space left under it and a
    second one puts that space above it.
    """
    pdf = docx_to_pdf(render_docx(briefing))
    if briefing.distribution is None:
        return pdf
    lift = distribution_room(pdf, briefing)
    if lift <= 1:
        return pdf
    lifted = docx_to_pdf(render_docx(briefing, distribution_lift_pt=lift))
    return lifted if _page_count(lifted) == _page_count(pdf) else pdf


def distribution_room(pdf: bytes, briefing: Briefing) -> float:
    """Points between the 版记's last line and the foot of the text block on the last page."""
    last_line = _distribution_last_line(briefing)
    if not last_line:
        return 0
    fragments = page_fragments(pdf)[-1]
    bottom_of_block = (S.PAGE_HEIGHT_MM - S.MARGIN_BOTTOM_MM) / 25.4 * 72
    ends = [f.baseline for f in fragments if f.baseline < bottom_of_block and f.text
            and f.text.replace(" ", "") in last_line]
    if not ends:
        return 0
    descent = S.DISTRIBUTION_LINE_PT - S.SIZE_4  # below the baseline within the exact 24 pt line
    return max(0.0, bottom_of_block - max(ends) - descent - 2)


def _distribution_last_line(briefing: Briefing) -> str:
    dist = briefing.distribution
    if dist.print_run:
        return S.print_run_text(dist.print_run).replace(" ", "")
    lines = [label + text for label, text in (("报：", dist.report_to), ("送：", dist.send_to),
                                              ("发：", dist.issue_to)) if text]
    return lines[-1].replace(" ", "") if lines else ""


def _page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
