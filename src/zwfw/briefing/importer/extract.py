"""Text out of a briefing file, per format: plain text / Markdown, DOCX, PDF (and old Word via LibreOffice).

Every reader returns the document's lines in reading order. DOCX tables become
lines of cells separated by "|" (as a Markdown table is written), so a table
reaches the parser the same way from every format. Unreadable input raises
DomainError with the reason in Chinese.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from zwfw.errors import DomainError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
CONVERTIBLE = {".doc", ".wps", ".rtf", ".odt"}
SUPPORTED = "、".join([".txt", ".md", ".docx", ".pdf", *sorted(CONVERTIBLE)])


@dataclass(frozen=True)
class Extracted:
    lines: list[str]
    hard_breaks: bool  # True: every line is a whole paragraph (DOCX); False: printed lines to re-join
    fmt: str


def _fail(message: str) -> DomainError:
    return DomainError(message, code="import_unreadable", field="file")


def extract(path: Path) -> Extracted:
    path = Path(path)
    if not path.exists():
        raise _fail("找不到文件")
    if path.is_dir():
        raise _fail("这是一个文件夹，不是周报文件")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return Extracted(_decode(path.read_bytes()).splitlines(), False, "text")
    if suffix == ".docx":
        return Extracted(docx_lines(path), True, "docx")
    if suffix == ".pdf":
        return Extracted(pdf_lines(path), False, "pdf")
    if suffix in CONVERTIBLE:
        return Extracted(docx_lines(_convert_to_docx(path)), True, suffix.lstrip("."))
    raise _fail(f"不支持的文件格式“{suffix or '无扩展名'}”，可导入的格式：{SUPPORTED}")


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):  # GB18030: text saved by Chinese Windows tools
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise _fail("无法识别文本文件的编码（应为 UTF-8 或 GB18030）")


def docx_lines(path: Path) -> list[str]:
    """Paragraphs and tables in document order; a table row is one "| a | b |" line."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise _fail(f"无法打开 Word 文档（文件已损坏或不是 DOCX 格式）：{type(exc).__name__}") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl" and len(Table(child, document).columns) == 1:  # text set in a table (a 版记)
            lines += [row.cells[0].text for row in Table(child, document).rows]
        elif tag == "tbl":
            lines.append("")
            for row in Table(child, document).rows:
                cells = [c.text.replace("\n", "").strip() for c in row.cells]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
    return lines


def pdf_lines(path: Path) -> list[str]:
    """pdftotext -layout (poppler) keeps table columns apart; pypdf is the fallback."""
    text = ""
    tool = shutil.which("pdftotext")
    if tool:
        try:
            done = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(path), "-"],
                                  capture_output=True, timeout=120, check=False)
            if done.returncode == 0:
                text = done.stdout.decode("utf-8", errors="replace")
        except (OSError, subprocess.TimeoutExpired):
            text = ""
    if not text.strip():
        text = _pypdf_text(path)
    if not "".join(text.split()):
        raise _fail("PDF 中没有可提取的文字（可能是扫描件，请提供 Word 或文字版 PDF）")
    return text.replace("\f", "\n").splitlines()


def _pypdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except Exception as exc:
        raise _fail(f"无法读取 PDF 文件（文件已损坏或不是 PDF）：{type(exc).__name__}") from exc


def _convert_to_docx(path: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise _fail(f"读取 {path.suffix} 文件需要 LibreOffice，请另存为 .docx 后导入")
    out = Path(tempfile.mkdtemp(prefix="zwfw-import-"))
    try:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{out}/profile",
                        "--convert-to", "docx", "--outdir", str(out), str(path)],
                       capture_output=True, timeout=180, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _fail(f"LibreOffice 转换 {path.suffix} 文件失败") from exc
    converted = out / (path.stem + ".docx")
    if not converted.exists():
        raise _fail(f"LibreOffice 无法转换该 {path.suffix} 文件（可能已损坏）")
    return converted
