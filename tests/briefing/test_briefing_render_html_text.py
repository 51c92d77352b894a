"""The HTML preview and the plain text read like the printed briefing."""
import re
from dataclasses import replace

from zwfw.briefing.document import Paragraph
from zwfw.briefing.render import render
from zwfw.briefing.render.html import render_html
from zwfw.briefing.render.sample import sample_briefing
from zwfw.briefing.render.text import render_text, width


def test_html_preview_shows_the_red_masthead_and_the_whole_issue():
    html = render_html(sample_briefing())
    assert html.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in html
    assert '<p class="masthead">窗口工作周报</p>' in html and "color: #FF0000" in html
    assert "2023 年第 3 期（总第 423 期）" in html and "（1 月 16 日—1 月 20 日）" in html
    assert "<h1>一、省级政务服务事项受理办理情况</h1>" in html
    assert "<p><strong>（一）按时到岗情况。</strong>总体情况良好。</p>" in html
    assert html.count("<tr>") == 30  # header and 29 windows
    assert '<img alt="2023 年省本级行政许可事项周受理办结情况" src="data:image/png;base64,' in html
    assert "<p>报：中心领导。</p>" in html and "（共印 80 份）" in html


def test_html_escapes_what_an_editor_typed():
    briefing = sample_briefing()
    hostile = replace(briefing, blocks=briefing.blocks + (Paragraph('<script>alert("x")</script>', lead="<b>"),))
    html = render_html(hostile, standalone=False)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html and "&lt;b&gt;" in html
    assert not html.startswith("<!DOCTYPE") and 'class="zwfw-briefing"' in html


def test_text_reads_like_the_reference_issues():
    text = render_text(sample_briefing())
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[:2] == ["窗口工作周报", "2023 年第 3 期（总第 423 期）"]
    assert re.fullmatch(r"四川省政府政务服务和公共资源交易服务中心\s+2023 年 2 月 8 日", lines[2])
    assert lines[3:5] == ["政务服务工作", "（1 月 16 日—1 月 20 日）"]
    assert lines[5] == "一、省级政务服务事项受理办理情况"
    assert lines[6].startswith("据四川一体化政务服务平台数据统计，2023 年 1 月 1 日至 2023 年 1 月 20 日")
    for point in ("（一）按时到岗情况。总体情况良好。", "（五）纪律秩序。总体情况良好。", "（2）文旅厅持续深化"):
        assert any(line.startswith(point) for line in lines)
    assert "附件：2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果" in lines
    assert lines[-6:] == ["-" * 56, "报：中心领导。", "送：各相关省级部门（单位），中心各处（室）、直属单位。",
                          "发：各部门窗口。", "-" * 56, "（共印 80 份）"]


def test_text_tables_line_up_in_columns():
    text = render_text(sample_briefing())
    header = next(line for line in text.splitlines() if line.startswith("序号"))
    table = text.splitlines()[text.splitlines().index(header):][:30]
    assert len(table) == 30 and table[-1].startswith("29") and "省气象局" in table[-1]
    assert len({width(line) for line in table}) == 1  # the score column ends on the same column in every row
    tie = next(line for line in table if "商务厅" in line)
    assert tie.startswith("  ") and tie.rstrip().endswith("108")  # the tie has no 序号


def test_render_returns_utf8_bytes_for_text_formats():
    briefing = sample_briefing()
    assert render(briefing, "txt").decode("utf-8") == render_text(briefing)
    assert render(briefing, "HTML").decode("utf-8") == render_html(briefing)
    assert render(briefing, "docx")[:2] == b"PK"
