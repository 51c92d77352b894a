"""Import is bounded in size, unpacked size and time: a crafted file is refused, never read for minutes."""
import copy
import importlib
import io
import time
import zipfile

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from zwfw.briefing.importer import read
from zwfw.errors import DomainError

extract = importlib.import_module("zwfw.briefing.importer.extract")


def test_a_long_table_with_a_merged_column_reads_in_linear_time(tmp_path):
    """python-docx's row.cells walks up through every merged row with XPath for each cell: a 700-row
    table with a merged first column took 37 s (and 1 000 rows overflowed the stack). Read in one pass."""
    document = docx.Document()
    for text in ("2024年第2期（总第460期）", "2024年1月20日", "（1月8日—1月12日）", "附件",
                 "2023年12月省政务服务大厅进驻部门（单位）窗口考核结果"):
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=6)
    for c, text in enumerate(("序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值")):
        table.cell(0, c).text = text
    for c, text in enumerate(("1", "省林草局", "100", "0", "0", "100")):
        table.cell(1, c).text = text
    row = table._tbl.tr_lst[1]
    for _ in range(1999):
        table._tbl.append(copy.deepcopy(row))
    for i, tr in enumerate(table._tbl.tr_lst[1:]):  # every window tied first: the place merged down
        merge = OxmlElement("w:vMerge")
        if i == 0:
            merge.set(qn("w:val"), "restart")
        tr.tc_lst[0].get_or_add_tcPr().append(merge)
    path = tmp_path / "2024-02.docx"
    document.save(path)
    started = time.monotonic()
    imported = read(path)
    assert time.monotonic() - started < 10
    rows = imported.assessment["rows"]
    assert len(rows) == 2000 and {r["rank"] for r in rows} == {1} and imported.warnings == []


def _docx_with_xml_of(paragraphs: int) -> bytes:
    document = docx.Document()
    document.add_paragraph("x")
    buffer = io.BytesIO()
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * paragraphs)
            archive.writestr(info.filename, data)
    return out.getvalue()


def test_a_docx_that_unpacks_to_far_more_than_a_briefing_is_refused_before_parsing(tmp_path, monkeypatch):
    monkeypatch.setattr(extract, "MAX_UNPACKED_BYTES", 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx_with_xml_of(40_000))  # ~1.4 MB of XML in a few kilobytes
    assert path.stat().st_size < 50_000
    started = time.monotonic()
    with pytest.raises(DomainError, match="解压后过大"):
        read(path)
    assert time.monotonic() - started < 1


def test_too_large_files_too_much_text_and_too_many_pages_are_refused(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 2048)
    monkeypatch.setattr(extract, "MAX_FILE_BYTES", 1024)
    with pytest.raises(DomainError, match="文件过大"):
        read(big)
    monkeypatch.setattr(extract, "MAX_FILE_BYTES", 10**9)
    monkeypatch.setattr(extract, "MAX_TEXT_CHARS", 1000)
    with pytest.raises(DomainError, match="文字过多"):
        read(big)
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    with open(tmp_path / "long.pdf", "wb") as fh:
        writer.write(fh)
    monkeypatch.setattr(extract, "MAX_PDF_PAGES", 2)
    with pytest.raises(DomainError, match="PDF 有 3 页"):
        read(tmp_path / "long.pdf")


def test_a_long_paragraph_printed_over_many_lines_is_joined_in_linear_time():
    from zwfw.briefing.importer import parse_text

    text = "2024年第2期（总第460期）\n2024年1月20日\n（1月8日—1月12日）\n一、窗口工作动态\n" + "本周窗口运行平稳\n" * 40_000
    started = time.monotonic()
    imported = parse_text(text)
    assert time.monotonic() - started < 10
    assert len(imported.briefing.blocks[1].text) == 40_000 * 8
