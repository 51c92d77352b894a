"""The DOCX is laid out as the centre prints its official documents (GB/T 9704)."""
import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm

from zwfw.briefing.document import Briefing, Paragraph
from zwfw.briefing.render import render
from zwfw.briefing.render.docx import render_docx
from zwfw.briefing.render.sample import sample_briefing
from zwfw.errors import DomainError


@pytest.fixture(scope="module")
def doc():
    return Document(io.BytesIO(render_docx(sample_briefing())))


def east_asian_font(run) -> str:
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def paragraph(doc, start: str):
    return next(p for p in doc.paragraphs if p.text.startswith(start))


def test_page_is_a4_with_the_official_margins(doc):
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    assert abs(section.top_margin - Mm(37)) < Mm(0.5)
    assert abs(section.left_margin - Mm(28)) < Mm(0.5)
    text_width = section.page_width - section.left_margin - section.right_margin
    text_height = section.page_height - section.top_margin - section.bottom_margin
    assert abs(text_width - Mm(156)) < Mm(0.5) and abs(text_height - Mm(225)) < Mm(0.5)


def test_masthead_is_red_xiaobiaosong_centred(doc):
    masthead = doc.paragraphs[0]
    assert masthead.text == "窗口工作周报"
    assert masthead.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = masthead.runs[0]
    assert str(run.font.color.rgb) == "FF0000"
    assert east_asian_font(run) == "方正小标宋简体"
    assert run.font.size.pt >= 36
    assert doc.paragraphs[1].text == "2023 年第 3 期（总第 423 期）"
    issuer = doc.paragraphs[2]
    assert issuer.text == "四川省政府政务服务和公共资源交易服务中心\t2023 年 2 月 8 日"
    bottom = issuer._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == "FF0000"  # the red rule under issuer and date


def test_body_is_fangsong_3hao_indented_two_characters_on_a_fixed_line(doc):
    stats = paragraph(doc, "据四川一体化政务服务平台数据统计")
    run = stats.runs[0]
    assert east_asian_font(run) == "仿宋_GB2312"
    assert run.font.size.pt == 16
    pf = stats.paragraph_format
    assert pf.first_line_indent.pt == 32
    assert pf.line_spacing_rule == WD_LINE_SPACING.EXACTLY and 28 <= pf.line_spacing.pt <= 29.5


def test_headings_use_heiti_kaiti_and_bold_fangsong_by_level(doc):
    assert east_asian_font(paragraph(doc, "一、省级政务服务事项受理办理情况").runs[0]) == "黑体"
    assert east_asian_font(paragraph(doc, "（一）优化营商环境工作开展情况").runs[0]) == "楷体_GB2312"


def test_inspection_point_lead_is_bold(doc):
    point = paragraph(doc, "（一）按时到岗情况。")
    assert point.runs[0].text == "（一）按时到岗情况。" and point.runs[0].bold
    assert point.runs[1].text == "总体情况良好。" and not point.runs[1].bold


def test_attachment_starts_a_new_page_and_its_table_fits_the_text_width(doc):
    title = paragraph(doc, "附件：2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果")
    assert title.paragraph_format.page_break_before
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值"]
    assert len(table.rows) == 30
    assert sum(col.width for col in table.columns) <= Mm(156.5)
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    tie = [row for row in table.rows if row.cells[1].text == "商务厅"][0]
    assert tie.cells[0].text == "" and tie.cells[5].text == "108"
    assert tie.cells[5].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_chart_is_a_picture_at_text_width(doc):
    shapes = doc.inline_shapes
    assert len(shapes) == 1
    assert abs(shapes[0].width - Mm(156)) < Mm(1)


def test_distribution_block_ends_the_document(doc):
    texts = [p.text for p in doc.paragraphs if p.text]
    assert texts[-4:] == ["报：中心领导。", "送：各相关省级部门（单位），中心各处（室）、直属单位。", "发：各部门窗口。",
                          "（共印 80 份）"]
    assert doc.paragraphs[-1].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_footer_prints_page_numbers_between_dashes(doc):
    for footer in (doc.sections[0].footer, doc.sections[0].even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and "— " in xml and " —" in xml
    assert doc.settings.odd_and_even_pages_header_footer


def test_rendering_a_frozen_issue_twice_gives_the_same_file():
    briefing = sample_briefing()
    assert render_docx(briefing) == render_docx(Briefing.from_dict(briefing.to_dict()))


def test_unknown_format_is_refused_in_chinese():
    with pytest.raises(DomainError) as err:
        render(Briefing(header=sample_briefing().header, blocks=(Paragraph("正文"),)), "rtf")
    assert "不支持的周报格式" in err.value.message and err.value.field == "format"
