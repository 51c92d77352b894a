"""The briefing as an HTML preview for the editor's page: an A4-like sheet with the
red masthead, the same headings, tables, charts (inline PNG) and distribution block.

Everything from the briefing is escaped; the fragment's CSS is scoped to
``.zwfw-briefing`` so it can sit inside another page.
"""
from __future__ import annotations

import base64
from html import escape

from zwfw.briefing.document import Briefing, Chart, Distribution, Heading, Paragraph, Table, printable
from zwfw.cn import chinese_date, period_text

from . import style as S
from .charts import chart_png

FANGSONG_CSS = '"仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif'
KAITI_CSS = '"楷体_GB2312", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif'
HEITI_CSS = '"黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif'
TITLE_CSS = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", serif'

CSS = f"""
.zwfw-briefing {{ background: #e9e9e9; padding: 16px 0; }}
.zwfw-briefing .sheet {{ box-sizing: border-box; width: {S.PAGE_WIDTH_MM}mm; min-height: {S.PAGE_HEIGHT_MM}mm;
  margin: 0 auto 16px; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.25);
  padding: {S.MARGIN_TOP_MM}mm {S.MARGIN_RIGHT_MM}mm {S.MARGIN_BOTTOM_MM}mm {S.MARGIN_LEFT_MM}mm;
  font-family: {FANGSONG_CSS}; font-size: {S.SIZE_3}pt; line-height: {S.LINE_SPACING_PT}pt; color: #000; }}
.zwfw-briefing p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.zwfw-briefing .masthead {{ font-family: {TITLE_CSS}; font-weight: bold; color: #{S.RED}; font-size: 48pt;
  line-height: 1.3; letter-spacing: 8pt; text-align: center; text-indent: 0; }}
.zwfw-briefing .issue-line, .zwfw-briefing .period {{ text-align: center; text-indent: 0; }}
.zwfw-briefing .issuer {{ display: flex; justify-content: space-between; font-size: {S.SIZE_4}pt; text-indent: 0;
  border-bottom: 2.25pt solid #{S.RED}; padding-bottom: 6pt; margin-bottom: 14pt; }}
.zwfw-briefing .section-title {{ font-family: {TITLE_CSS}; font-weight: bold; font-size: {S.SIZE_2}pt;
  line-height: 1.4; text-align: center; text-indent: 0; margin-top: 18pt; }}
.zwfw-briefing h1, .zwfw-briefing h2, .zwfw-briefing h3 {{ font-size: {S.SIZE_3}pt; margin: 0; text-indent: 2em;
  line-height: {S.LINE_SPACING_PT}pt; }}
.zwfw-briefing h1 {{ font-family: {HEITI_CSS}; font-weight: normal; }}
.zwfw-briefing h2 {{ font-family: {KAITI_CSS}; font-weight: normal; }}
.zwfw-briefing h3 {{ font-family: {FANGSONG_CSS}; font-weight: bold; }}
.zwfw-briefing .attachment-note {{ margin-top: {S.LINE_SPACING_PT}pt; }}
.zwfw-briefing .attachment-label {{ font-family: {HEITI_CSS}; text-indent: 0; margin-bottom: {S.LINE_SPACING_PT}pt; }}
.zwfw-briefing .attachment-title {{ font-family: {TITLE_CSS}; font-weight: bold; font-size: {S.SIZE_2}pt;
  line-height: 1.4; text-align: center; text-indent: 0; margin-bottom: 14pt; }}
.zwfw-briefing table {{ width: 100%; border-collapse: collapse; font-size: {S.SIZE_XIAO_4}pt; line-height: 1.4;
  margin: 4pt 0; }}
.zwfw-briefing caption {{ font-family: {TITLE_CSS}; font-weight: bold; }}
.zwfw-briefing th, .zwfw-briefing td {{ border: 0.75pt solid #000; padding: 1pt 4pt; text-align: left; }}
.zwfw-briefing th {{ text-align: center; }}
.zwfw-briefing td.num {{ text-align: right; }}
.zwfw-briefing td.centre {{ text-align: center; }}
.zwfw-briefing .note {{ font-size: {S.SIZE_XIAO_4}pt; text-indent: 0; }}
.zwfw-briefing figure {{ margin: 6pt 0; text-align: center; }}
.zwfw-briefing figure img {{ width: 100%; height: auto; }}
.zwfw-briefing figcaption {{ font-weight: bold; }}
.zwfw-briefing .distribution {{ margin-top: {S.LINE_SPACING_PT}pt; font-size: {S.SIZE_4}pt;
  border-top: 1pt solid #000; border-bottom: 1pt solid #000; padding: 0 {S.SIZE_4}pt; }}
.zwfw-briefing .distribution p {{ text-indent: -2em; padding-left: 2em; }}
.zwfw-briefing .print-run {{ text-align: right; text-indent: 0; font-size: {S.SIZE_4}pt; padding-right: 1em; }}
@media print {{ .zwfw-briefing {{ background: none; padding: 0; }}
  .zwfw-briefing .sheet {{ box-shadow: none; margin: 0; page-break-after: always; }} }}
"""


def render_html(briefing: Briefing, standalone: bool = True) -> str:
    """The preview; a whole HTML page when ``standalone``, else a fragment with its own scoped style."""
    briefing = printable(briefing)  # nothing empty is printed
    h = briefing.header
    masthead = f'<p class="masthead">{escape(h.title)}</p>'
    issue_line = f'<p class="issue-line">{escape(h.issue_line)}</p>'
    issuer = (f'<p class="issuer"><span>{escape(h.issuer)}</span>'
              f'<span>{escape(chinese_date(h.issue_date)) if h.issue_date else ""}</span></p>')
    period = (f'<p class="period">{escape(period_text(h.period_start, h.period_end))}</p>'
              if h.period_start and h.period_end else "")
    period += f'<p class="period">{escape(h.note)}</p>' if h.note else ""
    section = f'<p class="section-title">{escape(h.section_title)}</p>' if h.section_title else ""
    # The layout's order: 2022 masthead first; from 2023 the issue line above the masthead.
    order = ([issue_line, masthead, period, issuer, section] if h.issue_line_first
             else [masthead, issue_line, issuer, section, period])
    parts = ['<div class="sheet">', *(p for p in order if p)]
    parts += [_block(b) for b in briefing.blocks]
    count = len(briefing.attachments)
    parts += [f'<p class="attachment-note">{escape(S.attachment_note(a.title, i, count))}</p>'
              for i, a in enumerate(briefing.attachments, start=1)]
    for index, attachment in enumerate(briefing.attachments, start=1):
        parts.append('</div><div class="sheet attachment">')
        parts.append(f'<p class="attachment-label">{escape(S.attachment_label(index, count))}</p>')
        parts.append(f'<p class="attachment-title">{escape(S.attachment_plain_title(attachment.title))}</p>')
        parts += [_block(b) for b in attachment.blocks]
    if briefing.distribution is not None:
        parts.append(_distribution(briefing.distribution))
    parts.append("</div>")
    fragment = f'<style>{CSS}</style><article class="zwfw-briefing" lang="zh-CN">{"".join(parts)}</article>'
    if not standalone:
        return fragment
    title = escape(f"{h.title} {h.issue_line}")
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title></head><body style=\"margin:0\">{fragment}</body></html>\n")


def _block(block) -> str:
    if isinstance(block, Heading):
        tag = {1: "h1", 2: "h2"}.get(block.level, "h3")
        return f"<{tag}>{escape(block.full_text)}</{tag}>"
    if isinstance(block, Paragraph):
        lead = f"<strong>{escape(block.lead)}</strong>" if block.lead else ""
        return f"<p>{lead}{escape(block.text)}</p>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        data = base64.b64encode(chart_png(block, title=False, dpi=110)).decode("ascii")
        return (f'<figure><figcaption>{escape(block.title)}</figcaption>'
                f'<img alt="{escape(block.title)}" src="data:image/png;base64,{data}"></figure>')
    return ""


def _table(table: Table) -> str:
    centred = {i for i, c in enumerate(table.columns) if c in ("序号", "排名", "名次")}
    out = ["<table>"]
    if table.title:
        out.append(f"<caption>{escape(table.title)}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in table.columns) + "</tr></thead><tbody>")
    for row in table.rows:
        cells = []
        for i, text in enumerate(row):
            cls = ' class="num"' if i in table.numeric else (' class="centre"' if i in centred else "")
            cells.append(f"<td{cls}>{escape(text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    if table.note:
        out.append(f'<p class="note">{escape(table.note)}</p>')
    return "".join(out)


def _distribution(dist: Distribution) -> str:
    lines = "".join(f"<p>{label}{escape(text)}</p>" for label, text in
                    (("报：", dist.report_to), ("送：", dist.send_to), ("发：", dist.issue_to)) if text)
    run = f'<p class="print-run">{escape(S.print_run_text(dist.print_run))}</p>' if dist.print_run else ""
    return f'<div class="distribution">{lines}</div>{run}'
