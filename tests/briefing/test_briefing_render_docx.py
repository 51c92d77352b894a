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


def test_attachment_is_noted_after_the_body_and_starts_a_new_page_as_gb9704_sets_it(doc):
    texts = [p.text for p in doc.paragraphs]
    note = paragraph(doc, "附件：2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果")
    assert note.paragraph_format.page_break_before is None and east_asian_font(note.runs[0]) == "仿宋_GB2312"
    label = doc.paragraphs[texts.index("附件", texts.index(note.text))]
    assert label.paragraph_format.page_break_before and east_asian_font(label.runs[0]) == "黑体"
    assert label.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    title = paragraph(doc, "2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果")
    assert title.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian_font(title.runs[0]) == "方正小标宋简体"
    assert texts.index(title.text) == texts.index("附件", texts.index(note.text)) + 2  # on the third line
    table = doc.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # header repeated on every page
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


def test_distribution_block_ends_the_document_at_the_foot_of_the_page_between_rules(doc):
    table = doc.tables[-1]
    assert doc.element.body.index(table._tbl) > doc.element.body.index(doc.tables[0]._tbl)
    rows = [row.cells[0] for row in table.rows]
    assert [c.text for c in rows] == ["报：中心领导。", "送：各相关省级部门（单位），中心各处（室）、直属单位。",
                                      "发：各部门窗口。", "（共印 80 份）"]
    assert rows[-1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    position = table._tbl.tblPr.find(qn("w:tblpPr"))  # floats at the bottom of the text block
    assert (position.get(qn("w:vertAnchor")), position.get(qn("w:tblpYSpec"))) == ("margin", "bottom")
    top = rows[0]._tc.tcPr.find(qn("w:tcBorders")).find(qn("w:top"))
    bottom = rows[2]._tc.tcPr.find(qn("w:tcBorders")).find(qn("w:bottom"))
    assert top.get(qn("w:val")) == bottom.get(qn("w:val")) == "single"
    assert rows[3]._tc.tcPr.find(qn("w:tcBorders")).find(qn("w:bottom")).get(qn("w:val")) == "nil"
    assert int(table._tbl.tblPr.find(qn("w:tblW")).get(qn("w:w"))) == round(156 * 1440 / 25.4)  # full width
    assert not doc.paragraphs[-1].text  # the 1 pt paragraph the table is anchored to


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


def test_digits_are_latin_en_us_and_east_asian_text_zh_cn_so_numbers_never_break(doc):
    styles = doc.styles.element
    for rpr in (styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")),
                doc.styles["Normal"].element.rPr):
        lang = rpr.find(qn("w:lang"))
        assert (lang.get(qn("w:val")), lang.get(qn("w:eastAsia"))) == ("en-US", "zh-CN")


def test_document_grid_is_22_lines_of_28_characters(doc):
    grid = doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    line_pitch_pt = int(grid.get(qn("w:linePitch"))) / 20
    char_pitch_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert int(225 / 25.4 * 72 / line_pitch_pt) == 22
    assert int(156 / 25.4 * 72 / char_pitch_pt + 1e-6) == 28 and char_pitch_pt <= 16


def test_page_numbers_are_4hao_odd_right_even_left_one_character_in(doc):
    odd = doc.sections[0].footer.paragraphs[0]
    even = doc.sections[0].even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and odd.paragraph_format.right_indent.pt == 14
    assert even.alignment == WD_ALIGN_PARAGRAPH.LEFT and even.paragraph_format.left_indent.pt == 14
    assert {r.font.size.pt for r in odd.runs if r.text} == {14}
    # The dashes' middle (half the 16 pt footer line up from its bottom edge) is 7 mm under the text block.
    footer_middle_mm = doc.sections[0].footer_distance.mm + 16 / 2 * 25.4 / 72
    assert abs((35 - footer_middle_mm) - 7) < 0.3


def _header_lines(briefing) -> list[str]:
    d = Document(io.BytesIO(render_docx(briefing)))
    texts = [p.text for p in d.paragraphs if p.text]
    return texts[:texts.index(next(b for b in briefing.blocks).full_text)]


def test_2022_layout_opens_with_the_masthead_and_prints_the_section_title():
    briefing = sample_briefing()
    assert _header_lines(briefing) == ["窗口工作周报", "2023 年第 3 期（总第 423 期）",
                                       "四川省政府政务服务和公共资源交易服务中心\t2023 年 2 月 8 日",
                                       "政务服务工作", "（1 月 16 日—1 月 20 日）"]


def test_2023_and_2024_layouts_open_with_the_issue_line_and_print_no_section_title():
    from dataclasses import replace

    briefing = sample_briefing()
    later = replace(briefing, header=replace(briefing.header, issue_line_first=True, section_title=""))
    assert _header_lines(later) == ["2023 年第 3 期（总第 423 期）", "窗口工作周报", "（1 月 16 日—1 月 20 日）",
                                    "四川省政府政务服务和公共资源交易服务中心\t2023 年 2 月 8 日"]


def test_a_draft_prints_caogao_and_never_an_empty_issue_number():
    from dataclasses import replace

    briefing = sample_briefing()
    draft = replace(briefing, header=replace(briefing.header, number=None, total=None, issue_date=None))
    lines = _header_lines(draft)
    assert "（草稿）" in lines
    assert not any("第  期" in line or "第 期" in line or "总第" in line for line in lines)
