"""Fonts: charts draw with a CJK font from a Python package, so a machine without Debian's fonts still
renders the DOCX with its chart; the PDF maps the official names to free faces, and a site's licensed
fonts dropped into ZWFW_FONTS_DIR win over the substitutes."""
import io
import subprocess
from pathlib import Path

import matplotlib
import pytest
from docx import Document
from matplotlib import font_manager

from zwfw.briefing.render import charts
from zwfw.briefing.render.docx import render_docx
from zwfw.briefing.render.sample import sample_briefing

try:
    from conftest import require_tool
except ImportError:  # --import-mode=importlib registers tests/conftest.py as tests.conftest
    from tests.conftest import require_tool

FONTS_CONF = Path(charts.__file__).parent / "fonts" / "fonts.conf"


@pytest.fixture
def no_system_fonts(monkeypatch):
    """matplotlib sees only its own fonts (DejaVu): a machine without any CJK font installed."""
    manager = font_manager.fontManager
    own = matplotlib.get_data_path()
    monkeypatch.setattr(manager, "ttflist", [f for f in manager.ttflist if f.fname.startswith(own)])
    manager._findfont_cached.cache_clear()
    charts.cjk_font_family.cache_clear()
    yield
    monkeypatch.undo()
    manager._findfont_cached.cache_clear()
    charts.cjk_font_family.cache_clear()


def test_the_chart_font_comes_from_a_python_package(no_system_fonts):
    path = charts.packaged_font_path()
    assert path is not None and path.is_file()
    family = charts.cjk_font_family()
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert Path(found) == path
    png = charts.chart_png(sample_briefing().blocks[2])
    assert png.startswith(b"\x89PNG")


def test_without_system_fonts_the_docx_still_carries_its_chart(no_system_fonts):
    doc = Document(io.BytesIO(render_docx(sample_briefing())))
    assert len(doc.inline_shapes) == 1


def test_fonts_conf_maps_kaiti_to_lxgw_wenkai_and_heiti_to_noto_sans():
    text = FONTS_CONF.read_text(encoding="utf-8")
    kaiti = text.split("<string>楷体_GB2312</string>")[1].split("</match>")[0]
    assert "LXGW WenKai" in kaiti.split("</edit>")[0]
    heiti = text.split("<string>黑体</string>")[1].split("</match>")[0]
    assert "Noto Sans CJK SC" in heiti


@pytest.mark.tools
def test_a_sites_licensed_font_in_the_fonts_folder_replaces_the_substitute(tmp_path, monkeypatch):
    """A font whose family is 楷体_GB2312 (made here from LXGW WenKai, renamed) dropped into the
    site's folder is the one the PDF embeds for the level-2 headings."""
    require_tool("soffice")
    require_tool("pdffonts")
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from zwfw.briefing.render.pdf import render_pdf

    source = Path("/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf")
    if not source.exists():
        pytest.skip("fonts-lxgw-wenkai is not installed")
    briefing = sample_briefing()
    text = "".join(b.full_text for b in briefing.blocks if hasattr(b, "full_text"))
    font = TTFont(str(source))
    options = subset.Options()
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = "楷体_GB2312"
        elif record.nameID == 6:
            record.string = "SiteKaiTiGB2312"
    (tmp_path / "fonts").mkdir()
    font.save(str(tmp_path / "fonts" / "site-kaiti.ttf"))
    monkeypatch.setenv("ZWFW_FONTS_DIR", str(tmp_path / "fonts"))
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(render_pdf(briefing))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "SiteKaiTiGB2312" in fonts
