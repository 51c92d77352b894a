"""The PDF (LibreOffice from the DOCX) is an A4 official page with every Chinese glyph present."""
import io
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from pypdf import PdfReader

from zwfw.briefing.document import Chart, Heading, Paragraph, Table
from zwfw.briefing.render.pdf import render_pdf
from zwfw.briefing.render.sample import sample_briefing

try:
    from conftest import require_tool
except ImportError:  # --import-mode=importlib registers tests/conftest.py as tests.conftest
    from tests.conftest import require_tool

pytestmark = pytest.mark.tools

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
TEXT_LEFT, TEXT_TOP, TEXT_RIGHT, TEXT_BOTTOM = 28 * MM, 37 * MM, 184 * MM, 262 * MM
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    require_tool("soffice")
    require_tool("pdfinfo")
    require_tool("pdftotext")
    path = tmp_path_factory.mktemp("briefing") / "briefing.pdf"
    path.write_bytes(render_pdf(sample_briefing()))
    return path


def pages_words(pdf) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, each word with its box (xMin, yMin, xMax, yMax) in points from the top-left corner."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml).replace(b' xmlns="http://www.w3.org/1999/xhtml"', b"")
    root = ET.fromstring(xml)
    return [[(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")), w.text or "")
             for w in page.iter("word")] for page in root.iter("page")]


def page_text(pdf, number: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, check=True, text=True).stdout


def test_every_page_is_a4(pdf):
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    assert len(reader.pages) >= 3
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - A4[0]) < 1 and abs(float(page.mediabox.height) - A4[1]) < 1


def test_text_sits_in_the_official_text_block(pdf):
    flush_left = 0
    pages = pages_words(pdf)
    for number, words in enumerate(pages, start=1):
        body = [w for w in words if w[3] <= TEXT_BOTTOM + 1 * MM]
        footer = "".join(w[4] for w in words if w[1] > TEXT_BOTTOM)
        assert body, f"page {number} has no text"
        assert PAGE_NUMBER.fullmatch(footer), f"page {number}: below the text block only the page number, not {footer!r}"
        left, top = min(w[0] for w in body), min(w[1] for w in body)
        assert left >= TEXT_LEFT - 1 * MM, f"page {number}: text starts {left / MM:.1f} mm from the left edge"
        flush_left += abs(left - TEXT_LEFT) < 1 * MM
        assert top >= TEXT_TOP - 1 * MM, f"page {number}: text starts {top / MM:.1f} mm from the top edge"
        if number < len(pages):  # the last page may open with the blank line before the 版记
            assert top <= TEXT_TOP + 8 * MM, f"page {number}: top margin {top / MM:.1f} mm"
        assert max(w[2] for w in words) <= TEXT_RIGHT + 1 * MM, f"page {number}: text runs past the right margin"
    assert flush_left >= 3  # wrapped body lines start exactly at the 28 mm margin


def test_every_page_carries_its_number_between_dashes(pdf):
    count = len(PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    for number in range(1, count + 1):
        numbers = [int(n) for n in re.findall(r"—\s*(\d+)\s*—", page_text(pdf, number))]
        assert numbers == [number], f"page {number} shows {numbers}"


def test_all_text_of_the_briefing_is_in_the_pdf(pdf):
    extracted = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                                  check=True, text=True).stdout)
    extracted = PAGE_NUMBER.sub("", extracted)
    assert "\ufffd" not in extracted
    briefing = sample_briefing()
    expected = ["窗口工作周报", briefing.header.issue_line, briefing.header.issuer, "2023 年 2 月 8 日", "政务服务工作",
                "（1 月 16 日—1 月 20 日）", "报：中心领导。", "（共印 80 份）",
                "附件：2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果"]
    for block in briefing.blocks + briefing.attachments[0].blocks:
        if isinstance(block, Heading):
            expected.append(block.full_text)
        elif isinstance(block, Paragraph):
            expected.append(block.lead + block.text)
        elif isinstance(block, Table):
            expected += list(block.columns) + [cell for row in block.rows for cell in row if cell] + [block.note]
        elif isinstance(block, Chart):
            expected.append(block.title)
    missing = [text for text in expected if re.sub(r"\s+", "", text) not in extracted]
    assert not missing


def test_fonts_are_embedded_cjk_outlines(pdf):
    require_tool("pdffonts")
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True, text=True).stdout.splitlines()[2:]
    assert lines
    names = [line.split()[0] for line in lines]
    assert any("CJK" in name for name in names)
    for line in lines:
        assert "Type 3" not in line
        assert " yes " in line.split("Builtin")[-1] or line.split()[-5] == "yes", line  # emb column


def test_attachment_table_fits_the_page_width_and_repeats_its_header_on_each_page(pdf):
    pages = [words for words in pages_words(pdf) if any(w[4] == "实得分值" for w in words)]
    assert pages, "the attachment table is not in the PDF"
    for words in pages:
        table = [w for w in words if w[1] < TEXT_BOTTOM]
        assert min(w[0] for w in table) >= TEXT_LEFT - 1 * MM
        assert max(w[2] for w in table) <= TEXT_RIGHT + 1 * MM
    # The last row stands under a header row, on whichever page it falls.
    assert any(w[4] == "省气象局" for w in pages[-1])
