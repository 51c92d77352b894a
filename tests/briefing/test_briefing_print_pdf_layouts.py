"""For each built-in layout, a composed demo issue rendered to PDF prints as the centre prints it:
no number split across lines, 28 characters on a full line of plain Chinese text, the 版记's last
line at the foot of the last page, no empty section and no placeholder (read from the PDF's text
and positions with pdftotext -bbox-layout)."""
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from zwfw.briefing.render.pdf import render_pdf
from zwfw.briefing.render.sample import demo_issue

try:
    from conftest import require_tool
except ImportError:  # --import-mode=importlib registers tests/conftest.py as tests.conftest
    from tests.conftest import require_tool

pytestmark = pytest.mark.tools

MM = 72 / 25.4
TEXT_LEFT, TEXT_RIGHT, TEXT_BOTTOM, PAGE_HEIGHT = 28 * MM, 184 * MM, 262 * MM, 297 * MM
LAYOUTS = ["2022", "2023", "2024"]
CJK = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…·]+$")
NUMBER_END = re.compile(r"[0-9.]$")
NUMBER_START = re.compile(r"^[0-9.%]")
LEVEL_1 = re.compile(r"^([一二三四五六七八九十]+)、")
NUMERALS = "一二三四五六七八九十"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    require_tool("soffice")
    require_tool("pdftotext")
    out = {}
    folder = tmp_path_factory.mktemp("layouts")
    for code in LAYOUTS:
        path = folder / f"briefing-{code}.pdf"
        path.write_bytes(render_pdf(demo_issue(code)))
        out[code] = path
    return out


def pages_lines(pdf) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, each text line with its box (xMin, yMin, xMax, yMax) in points from the top-left corner."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml).replace(b' xmlns="http://www.w3.org/1999/xhtml"', b"")
    pages = []
    for page in ET.fromstring(xml).iter("page"):
        lines = [(float(ln.get("xMin")), float(ln.get("yMin")), float(ln.get("xMax")), float(ln.get("yMax")),
                  "".join(w.text or "" for w in ln.iter("word"))) for ln in page.iter("line")]
        pages.append(sorted(lines, key=lambda ln: (round(ln[1]), ln[0])))
    return pages


def body_lines(pdf) -> list[tuple[float, float, float, float, str]]:
    """The lines of the text block, page after page, up to the first attachment page."""
    out = []
    for lines in pages_lines(pdf):
        if any(ln[4] in ("附件", "附件1") and ln[0] < TEXT_LEFT + 2 * MM for ln in lines):
            break
        out += [ln for ln in lines if ln[3] <= TEXT_BOTTOM + 1 * MM]
    return out


def full_text(pdf) -> str:
    return re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True,
                                             text=True).stdout)


@pytest.mark.parametrize("code", LAYOUTS)
def test_no_number_is_split_across_lines(rendered, code):
    lines = body_lines(rendered[code])
    splits = [(a[4], b[4]) for a, b in zip(lines, lines[1:])
              if NUMBER_END.search(a[4]) and NUMBER_START.search(b[4]) and a[2] >= TEXT_RIGHT - 3 * MM]
    assert not splits
    texts = [ln[4] for ln in lines]
    numbers = {n for b in demo_issue(code).blocks for n in re.findall(r"\d[\d.]*%?", getattr(b, "text", ""))
               if len(n) >= 3}
    assert numbers and all(any(n in t for t in texts) for n in numbers)


@pytest.mark.parametrize("code", LAYOUTS)
def test_a_full_line_of_plain_chinese_text_holds_28_characters(rendered, code):
    full = [ln[4] for ln in body_lines(rendered[code])
            if abs(ln[0] - TEXT_LEFT) < 1 * MM and ln[2] >= TEXT_RIGHT - 2 * MM and CJK.match(ln[4])]
    assert full, "no full line of plain Chinese text"
    assert {len(t) for t in full} == {28}, full


@pytest.mark.parametrize("code", LAYOUTS)
def test_the_distribution_block_ends_at_the_foot_of_the_last_page(rendered, code):
    last = pages_lines(rendered[code])[-1]
    run = [ln for ln in last if "共印" in ln[4]]
    assert run, "the print run is not on the last page"
    assert run[0][3] >= PAGE_HEIGHT - 45 * MM, f"版记 ends {(PAGE_HEIGHT - run[0][3]) / MM:.0f} mm above the edge"
    body = [ln for ln in last if ln[3] < run[0][1] and not ln[4].startswith(("报：", "送：", "发："))]
    assert body, "the 版记 stands alone on its page"


EMPTY_SECTIONS = {"2022": [], "2023": ["其它工作开展情况", "政务资讯"],
                  "2024": ["窗口受到表扬情况", "惠企政策直达快享专项行动"]}


@pytest.mark.parametrize("code", LAYOUTS)
def test_no_empty_section_and_headings_numbered_in_order(rendered, code):
    lines = body_lines(rendered[code])
    headings = [(i, LEVEL_1.match(ln[4]).group(1)) for i, ln in enumerate(lines) if LEVEL_1.match(ln[4])]
    assert [n for _, n in headings] == list(NUMERALS[:len(headings)])
    for (i, _), following in zip(headings, headings[1:] + [(len(lines), "")]):
        assert following[0] > i + 1 or not LEVEL_1.match(lines[i + 1][4]), f"empty section: {lines[i][4]}"
    text = full_text(rendered[code])
    for title in EMPTY_SECTIONS[code]:
        assert title not in text


@pytest.mark.parametrize("code", LAYOUTS)
def test_no_placeholder_is_printed(rendered, code):
    text = full_text(rendered[code])
    for placeholder in ("本周无", "本期无", "第期", "总第期", "（草稿）"):
        assert placeholder not in text


@pytest.mark.parametrize("code", LAYOUTS)
def test_the_pages_as_png(rendered, code, screenshot_dir):
    require_tool("pdftoppm")
    prefix = screenshot_dir / f"briefing-{code}"
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(rendered[code]), str(prefix)], check=True)
    pngs = sorted(screenshot_dir.glob(f"briefing-{code}-*.png"))
    assert pngs and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


@pytest.mark.parametrize("code", ["2024"])
def test_page_numbers_stand_7_mm_under_the_block_odd_right_even_left(rendered, code):
    pages = pages_lines(rendered[code])
    assert len(pages) >= 2
    for number, lines in enumerate(pages, start=1):
        (line,) = [ln for ln in lines if re.fullmatch(rf"—\s*{number}\s*—", ln[4])]
        middle = (line[1] + line[3]) / 2
        assert abs(middle - TEXT_BOTTOM - 7 * MM) < 1.5 * MM, f"page {number}: {(middle - TEXT_BOTTOM) / MM:.1f} mm"
        if number % 2:
            assert abs(line[2] - (TEXT_RIGHT - 14)) < 2 * MM  # odd: right, one character in
        else:
            assert abs(line[0] - (TEXT_LEFT + 14)) < 2 * MM  # even: left, one character in


def test_the_distribution_block_never_opens_a_page_alone(tmp_path):
    """A body that fills its last page to the bottom leaves no room for the 版记: the last lines of
    the body go over with it to the next page."""
    require_tool("soffice")
    require_tool("pdftotext")
    from zwfw.briefing.document import Briefing, Distribution, Header, Heading, Paragraph

    header = Header(year=2024, number=3, total=470)

    def briefing(n, distribution):
        lines = tuple(Paragraph(f"这是第{i}行。") for i in range(1, n + 1))
        return Briefing(header=header, blocks=(Heading(1, "测试", "一、"), *lines), distribution=distribution)

    probe = tmp_path / "probe.pdf"
    probe.write_bytes(render_pdf(briefing(40, None)))
    first_page = sum(ln[4].startswith("这是第") for ln in pages_lines(probe)[0])
    full = tmp_path / "full.pdf"
    full.write_bytes(render_pdf(briefing(first_page + 22, Distribution())))  # page 2 exactly full
    pages = pages_lines(full)
    last = pages[-1]
    run = [ln for ln in last if "共印" in ln[4]]
    assert run and run[0][3] >= PAGE_HEIGHT - 45 * MM
    assert any(ln[4].startswith("这是第") for ln in last), "the 版记 stands alone on its page"
    assert f"这是第{first_page + 22}行。" in "".join(ln[4] for ln in last)
