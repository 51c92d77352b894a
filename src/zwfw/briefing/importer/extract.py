"""Text out of a briefing file, per format: plain text / Markdown, DOCX, PDF (and old Word via LibreOffice).

Every reader returns the document's lines in reading order. DOCX tables, and
ruled tables in a PDF, become lines of cells separated by "|" (as a Markdown
table is written), so a table reaches the parser the same way from every format.
Unreadable input raises DomainError with the reason in Chinese.

Import is bounded: the file's size, the size a DOCX unpacks to (a small zip can
hold gigabytes of XML), a PDF's pages, and the time a helper program may take.
A table is read in one pass over its XML: python-docx's ``row.cells`` walks up
through every vertically merged row with XPath for each cell, which took minutes
and gigabytes on a long table with a merged column.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from zwfw.errors import DomainError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
CONVERTIBLE = {".doc", ".wps", ".rtf", ".odt"}
SUPPORTED = "、".join([".txt", ".md", ".docx", ".pdf", *sorted(CONVERTIBLE)])

MAX_FILE_BYTES = 20 * 1024 * 1024  # a weekly briefing is tens of kilobytes; a scanned one a few megabytes
MAX_UNPACKED_BYTES = 16 * 1024 * 1024  # the XML parts of a DOCX, unpacked (images are not read); a real issue ~0.3 MB
MAX_TEXT_CHARS = 500_000  # characters of text; a long issue has ~15 000
MAX_PDF_PAGES = 40
TOOL_TIMEOUT = 60  # seconds for pdftotext / LibreOffice


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
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _fail(f"文件过大（{size // 1024 // 1024} MB），周报文件不应超过 {MAX_FILE_BYTES // 1024 // 1024} MB")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        extracted = Extracted(_decode(path.read_bytes()).splitlines(), False, "text")
    elif suffix == ".docx":
        extracted = Extracted(docx_lines(path), True, "docx")
    elif suffix == ".pdf":
        extracted = Extracted(pdf_lines(path), False, "pdf")
    elif suffix in CONVERTIBLE:
        extracted = Extracted(docx_lines(_convert_to_docx(path)), True, suffix.lstrip("."))
    else:
        raise _fail(f"不支持的文件格式“{suffix or '无扩展名'}”，可导入的格式：{SUPPORTED}")
    chars = sum(len(line) for line in extracted.lines)
    if chars > MAX_TEXT_CHARS:
        raise _fail(f"文件中的文字过多（{chars} 字），不像是一期周报（上限 {MAX_TEXT_CHARS} 字）")
    return extracted


def _decode(data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):  # GB18030: text saved by Chinese Windows tools
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
    raise _fail("无法识别文本文件的编码（应为 UTF-8 或 GB18030）")


def _check_unpacked_size(path: Path) -> None:
    """Refuse a DOCX whose XML parts unpack to more than MAX_UNPACKED_BYTES (a zip bomb), before parsing."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            xml = sum(i.file_size for i in archive.infolist() if i.filename.endswith((".xml", ".rels")))
    except (zipfile.BadZipFile, OSError) as exc:
        raise _fail(f"无法打开 Word 文档（文件已损坏或不是 DOCX 格式）：{type(exc).__name__}") from exc
    if xml > MAX_UNPACKED_BYTES:
        raise _fail(f"Word 文档解压后过大（{xml // 1024 // 1024} MB），不像是一期周报")


def docx_lines(path: Path) -> list[str]:
    """Paragraphs and tables in document order; a table row is one "| a | b |" line."""
    _check_unpacked_size(path)
    try:
        import docx

        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise _fail(f"无法打开 Word 文档（文件已损坏或不是 DOCX 格式）：{type(exc).__name__}") from exc
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_text(child))
        elif tag == "tbl":
            rows = table_rows(child)
            if len(rows) < 2 or max(len(r) for r in rows) < 3:  # a layout table (masthead, issuing body and date, a 版记)
                lines.extend(cell for row in rows for cell in row if cell.strip())
                continue
            lines.append("")
            lines.extend("| " + " | ".join(cells) + " |" for cells in rows)
            lines.append("")
    return lines


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_RUNS = ("./w:r", "./w:hyperlink/w:r", "./w:ins/w:r", "./w:smartTag/w:r", "./w:fldSimple/w:r",
         "./w:sdt/w:sdtContent/w:r", "./w:customXml/w:r")
_RUN_PATH = etree.XPath(" | ".join(_RUNS), namespaces={"w": _W[1:-1]})


def _text(paragraph) -> str:
    """A paragraph's text as Word shows it: its runs' text, a tab as a space (text boxes and deleted text left out)."""
    parts = []
    for run in _RUN_PATH(paragraph):
        for node in run.iterchildren(f"{_W}t", f"{_W}tab"):
            parts.append(node.text or "" if node.tag == f"{_W}t" else " ")
    return "".join(parts)


def table_rows(tbl) -> list[list[str]]:
    """A Word table's cells per grid column in one pass: a horizontally merged cell fills the columns
    it spans, a vertically merged one repeats the text of the cell where the merge starts."""
    rows: list[list[str]] = []
    above: dict[int, str] = {}
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells: list[str] = []
        before = tr.find(f"{_W}trPr/{_W}gridBefore")
        column = int(before.get(f"{_W}val", "0")) if before is not None else 0
        cells.extend([""] * column)
        for tc in tr.iterchildren(f"{_W}tc"):
            span_el = tc.find(f"{_W}tcPr/{_W}gridSpan")
            span = max(1, int(span_el.get(f"{_W}val", "1"))) if span_el is not None else 1
            merge = tc.find(f"{_W}tcPr/{_W}vMerge")
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
                text = above.get(column, "")
            else:
                text = "".join(_text(p) for p in tc.iterchildren(f"{_W}p")).strip()  # a wrapped name is one name
            for offset in range(span):
                above[column + offset] = text
                cells.append(text if offset == 0 else "")
            column += span
        rows.append(cells)
    return rows


def pdf_lines(path: Path) -> list[str]:
    """pdftotext -layout (poppler) keeps table columns apart; pypdf is the fallback. A page with a ruled
    table (cells drawn with lines, as Word, WPS and LibreOffice print them) is read with pdfplumber,
    which finds each cell by its rules, so a name wrapped onto two lines stays one cell."""
    pages = _page_count(path)
    if pages > MAX_PDF_PAGES:
        raise _fail(f"PDF 有 {pages} 页，一期周报不应超过 {MAX_PDF_PAGES} 页")
    text = ""
    tool = shutil.which("pdftotext")
    if tool:
        try:
            done = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(path), "-"],
                                  capture_output=True, timeout=TOOL_TIMEOUT, check=False)
            if done.returncode == 0:
                text = done.stdout.decode("utf-8", errors="replace")
        except (OSError, subprocess.TimeoutExpired):
            text = ""
    if not text.strip():
        text = _pypdf_text(path)
    if not "".join(text.split()):
        raise _fail("PDF 中没有可提取的文字（可能是扫描件，请提供 Word 或文字版 PDF）")
    page_texts = text.split("\f")
    ruled = _ruled_pages(path)
    lines: list[str] = []
    for index, page_text in enumerate(page_texts):
        lines.extend(ruled.get(index) or page_text.splitlines())
    return lines


def _page_count(path: Path) -> int:
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(path)).pages)
    except Exception as exc:
        raise _fail(f"无法读取 PDF 文件（文件已损坏或不是 PDF）：{type(exc).__name__}") from exc


def _ruled_pages(path: Path) -> dict[int, list[str]]:
    """{page index: lines} for the pages holding a ruled table: the text above, between and below
    the tables as lines, each table row as "| a | b |". Empty where pdfplumber is not installed."""
    try:
        import pdfplumber
    except ImportError:
        return {}
    found: dict[int, list[str]] = {}
    try:
        with pdfplumber.open(str(path)) as pdf:
            for index, page in enumerate(pdf.pages):
                # one row is enough: the last row of a table may stand alone on the next page
                tables = [t for t in page.find_tables() if t.rows and len(t.rows[0].cells) >= 3]
                if not tables:
                    continue
                lines: list[str] = []
                top = 0.0
                for table in sorted(tables, key=lambda t: t.bbox[1]):
                    x0, t_top, x1, t_bottom = table.bbox
                    if t_top > top:
                        lines.extend(_region_lines(page, top, t_top))
                    lines.append("")
                    for row in table.extract():
                        cells = ["".join((c or "").split()) for c in row]
                        lines.append("| " + " | ".join(cells) + " |")
                    lines.append("")
                    top = max(top, t_bottom)
                lines.extend(_region_lines(page, top, page.height))
                found[index] = lines
    except Exception:  # a PDF pdfplumber cannot parse is still read as text
        return {}
    return found


def _region_lines(page, top: float, bottom: float) -> list[str]:
    if bottom - top < 1:
        return []
    region = page.within_bbox((0, top, page.width, bottom), strict=False)
    return (region.extract_text() or "").splitlines()


def _pypdf_text(path: Path) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(str(path))
        return "\f".join(page.extract_text() or "" for page in reader.pages)
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
                       capture_output=True, timeout=TOOL_TIMEOUT * 2, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _fail(f"LibreOffice 转换 {path.suffix} 文件失败") from exc
    converted = out / (path.stem + ".docx")
    if not converted.exists():
        raise _fail(f"LibreOffice 无法转换该 {path.suffix} 文件（可能已损坏）")
    return converted
