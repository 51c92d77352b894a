"""The official-document page as the centre prints it (GB/T 9704), shared by every renderer.

Sizes are in points and millimetres; fonts are the official names the DOCX
carries (Word and WPS on the centre's machines have them; the PDF substitutes
free CJK faces through fonts/fonts.conf).
"""
from __future__ import annotations

import re

# Page: A4, text block 156 × 225 mm.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225

# Fonts (official names).
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

# Sizes (Chinese size names → points).
SIZE_CHU = 42  # 初号
SIZE_2 = 22  # 二号
SIZE_3 = 16  # 三号: body text
SIZE_4 = 14  # 四号: 版记, page numbers
SIZE_XIAO_4 = 12  # 小四: table cells

# 22 lines of 3号 text fill the 225 mm block: 225 mm / 22 = 28.95 pt.
LINE_SPACING_PT = 28.95
LINES_PER_PAGE = 22
# 28 characters fill the 156 mm line: a pitch of 15.79 pt on the document grid.
CHARS_PER_LINE = 28
CHAR_PITCH_PT = TEXT_WIDTH_MM / 25.4 * 72 / CHARS_PER_LINE

# Page numbers: the dashes stand 7 mm under the text block (GB/T 9704 7.5).
PAGE_NUMBER_GAP_MM = 7
PAGE_NUMBER_LINE_PT = 16
FOOTER_DISTANCE_MM = MARGIN_BOTTOM_MM - PAGE_NUMBER_GAP_MM - PAGE_NUMBER_LINE_PT / 2 * 25.4 / 72
DISTRIBUTION_LINE_PT = 24  # 版记 lines, 4号

RED = "FF0000"  # 发文机关标志 and the red separator line

HEADING_FONTS = {1: (HEITI, False), 2: (KAITI, False), 3: (FANGSONG, True)}  # level → (font, bold)


def attachment_title(title: str, index: int, count: int) -> str:
    """"附件：…" (or "附件 2：…" when there are several), unless the title already says so."""
    if title.startswith("附件"):
        return title
    label = "附件" if count == 1 else f"附件 {index}"
    return f"{label}：{title}"


ATTACHMENT_PREFIX = re.compile(r"^附件\s*\d*\s*[：:]\s*")


def attachment_plain_title(title: str) -> str:
    """The attachment's own title, without a leading "附件：" / "附件 2："."""
    return ATTACHMENT_PREFIX.sub("", title).strip()


def attachment_label(index: int, count: int) -> str:
    """"附件" at the top of the attachment's first page; "附件2" when there are several."""
    return "附件" if count == 1 else f"附件{index}"


def attachment_note(title: str, index: int, count: int) -> str:
    """The 附件说明 line after the body: "附件：title", or "附件：1．title" then "2．title" under it."""
    plain = attachment_plain_title(title)
    if count == 1:
        return f"附件：{plain}"
    return f"附件：{index}．{plain}" if index == 1 else f"{index}．{plain}"


def print_run_text(print_run: int) -> str:
    return f"（共印 {print_run} 份）"
