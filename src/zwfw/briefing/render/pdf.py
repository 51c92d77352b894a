"""The briefing as a PDF: the DOCX converted by LibreOffice headless, page for page.

The official font names in the DOCX are mapped to installed free CJK faces by
fonts/fonts.conf, which includes the system fontconfig and is handed to
LibreOffice through FONTCONFIG_FILE. Each call uses its own LibreOffice profile,
so parallel conversions do not clash.
"""
from __future__ import annotations

import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from zwfw.briefing.document import Briefing
from zwfw.errors import DomainError

from .docx import render_docx

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
    """The DOCX as LibreOffice needs it to keep punctuation inside the text block.

    Word reads w:overflowPunct="0" as "no hanging punctuation"; LibreOffice 7.x
    imports the flag inverted, hangs "、" and "。" into the margin and can drop
    them from the line. Flipping the flag for LibreOffice only gives the same
    page in both.
    """
    src = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in ("word/document.xml", "word/styles.xml"):
                data = data.replace(b'<w:overflowPunct w:val="0"/>', b'<w:overflowPunct w:val="1"/>')
            dst.writestr(info, data)
    return out.getvalue()


def docx_to_pdf(docx: bytes, *, timeout: int = TIMEOUT_SECONDS) -> bytes:
    soffice = soffice_path()
    with tempfile.TemporaryDirectory(prefix="zwfw-pdf-") as tmp:
        work = Path(tmp)
        source = work / "briefing.docx"
        source.write_bytes(for_libreoffice(docx))
        env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF), HOME=str(work), SAL_USE_VCLPLUGIN="svp")
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
    """The briefing as PDF bytes (A4, GB/T 9704 page), through LibreOffice."""
    return docx_to_pdf(render_docx(briefing))
