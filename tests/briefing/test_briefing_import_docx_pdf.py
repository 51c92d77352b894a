"""Briefings printed to Word and PDF read the same as their text: paragraphs and tables in order."""
import importlib
import subprocess

import docx
import pytest
from conftest import require_tool

from zwfw.briefing.document import Table
from zwfw.briefing.importer import read
from zwfw.errors import DomainError

extract_module = importlib.import_module("zwfw.briefing.importer.extract")

BODY = [
    "窗口工作周报",
    "2024年第12期（总第470期）",
    "四川省政府政务服务和公共资源交易服务中心          2024年4月3日",
    "政务服务工作",
    "（3月25日—3月29日）",
    "一、厅（局）长进大厅",
    "本周，省市场监管局党组成员、副局长张某，水利厅二级巡视员李某分别到省政务服务大厅窗口调研值守。",
    "二、综窗改革攻坚行动",
    "（一）省本级综窗办件情况",
    "本周，共计咨询2968人次、受理471件、颁发3702件、流转5120件；今年以来，累计咨询36612人次、受理9685件、"
    "颁发85944件、流转154351件。",
    "（二）受理工作手册编制情况",
    "共完成812个办理项的受理工作手册编制，占比49.2%。",
    "三、省级政务服务事项受理办理情况",
    "据四川一体化政务服务平台数据统计，2024年1月1日至2024年3月29日，省本级行政许可事项受理201234件，"
    "办结198765件；公共服务事项受理5432100件，办结5400000件，其它6类行权事项受理12345件，累计办结12000件。",
]
ROWS = [("1", "省林草局", "100", "0", "12", "112"), ("2", "省卫健委", "100", "0", "10", "110"),
        ("", "商务厅", "100", "0", "10", "110"), ("4", "水利厅", "100", "2", "5", "103")]
COLUMNS = ("序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值")


def make_docx(path, *, merge_tie=False):
    document = docx.Document()
    for text in BODY:
        document.add_paragraph(text)
    document.add_paragraph("报：中心领导。")
    document.add_paragraph("送：各相关省级部门（单位），中心各处（室）、直属单位。")
    document.add_paragraph("发：各部门窗口。")
    document.add_paragraph("（共印80份）")
    document.add_page_break()
    document.add_paragraph("附件")
    document.add_paragraph("2024年3月省政务服务大厅进驻部门（单位）窗口考核结果")
    table = document.add_table(rows=1 + len(ROWS), cols=len(COLUMNS))
    table.style = "Table Grid"
    for i, name in enumerate(COLUMNS):
        table.cell(0, i).text = name
    for r, row in enumerate(ROWS, start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    if merge_tie:  # the place of a tie printed once, in a cell merged over both rows
        table.cell(2, 0).merge(table.cell(3, 0)).text = "2"
    document.save(path)
    return path


def check(imported):
    got = imported.to_json()
    assert (got["year"], got["issue"], got["total_issue"], got["published_on"]) == (2024, 12, 470, "2024-04-03")
    assert got["period"] == {"start": "2024-03-25", "end": "2024-03-29"}
    assert got["leader_visits"] == 2
    assert got["comprehensive_window"]["ytd"]["transferred"] == 154351
    assert got["manuals"] == {"done": 812, "share": 49.2}
    assert got["provincial_ytd"] == {"as_of": "2024-03-29", "permit": {"accepted": 201234, "completed": 198765},
                                     "public_service": {"accepted": 5432100, "completed": 5400000},
                                     "other": {"types": 6, "accepted": 12345, "completed": 12000}}
    assert got["assessment"]["month"] == "2024-03"
    assert [(r["rank"], r["department"], r["score"]) for r in got["assessment"]["rows"]] == [
        (1, "省林草局", 112), (2, "省卫健委", 110), (2, "商务厅", 110), (4, "水利厅", 103)]
    assert got["print_run"] == 80
    return got


@pytest.mark.parametrize("merge_tie", [False, True])
def test_docx_paragraphs_and_table_read_in_document_order(tmp_path, merge_tie):
    imported = read(make_docx(tmp_path / "2024-12.docx", merge_tie=merge_tie))
    check(imported)
    attachment = imported.briefing.attachments[0]
    assert attachment.title == "附件：2024 年 3 月省政务服务大厅进驻部门（单位）窗口考核结果"
    assert isinstance(attachment.blocks[0], Table) and attachment.blocks[0].columns == COLUMNS


def _pdf_from_docx(tmp_path):
    soffice = require_tool("soffice", "libreoffice")
    source = make_docx(tmp_path / "2024-12.docx")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    return tmp_path / "2024-12.pdf"


@pytest.mark.tools
def test_pdf_printed_from_the_docx_reads_the_same_figures(tmp_path):
    require_tool("pdftotext")
    check(read(_pdf_from_docx(tmp_path)))


@pytest.mark.tools
def test_pdf_reads_with_pypdf_where_poppler_is_missing(tmp_path, monkeypatch):
    pdf = _pdf_from_docx(tmp_path)
    monkeypatch.setattr(extract_module.shutil, "which", lambda name: None)
    got = read(pdf).to_json()
    assert (got["year"], got["issue"], got["total_issue"]) == (2024, 12, 470)
    assert got["provincial_ytd"]["permit"] == {"accepted": 201234, "completed": 198765}
    assert got["manuals"] == {"done": 812, "share": 49.2}


def test_unreadable_files_say_why(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(DomainError, match="无法打开 Word 文档"):
        read(broken)
    sheet = tmp_path / "table.xlsx"
    sheet.write_bytes(b"x")
    with pytest.raises(DomainError, match="不支持的文件格式“.xlsx”"):
        read(sheet)
    with pytest.raises(DomainError, match="找不到文件"):
        read(tmp_path / "missing.pdf")
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with open(tmp_path / "scan.pdf", "wb") as fh:
        writer.write(fh)
    with pytest.raises(DomainError, match="可能是扫描件"):
        read(tmp_path / "scan.pdf")


def test_text_saved_in_gb18030_by_windows_tools_is_read(tmp_path, reference_reports):
    path = tmp_path / "2023-03.txt"
    path.write_bytes((reference_reports / "2023-03.txt").read_text(encoding="utf-8").encode("gb18030"))
    assert read(path).to_json()["provincial_ytd"]["permit"] == {"accepted": 30880, "completed": 32631}
