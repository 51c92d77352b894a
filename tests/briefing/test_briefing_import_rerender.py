"""An imported issue re-rendered by the project's own renderers reads back with the same figures."""
import pytest
from conftest import require_tool

from zwfw.briefing.importer import read
from zwfw.briefing.render import render

NAMES = ["2022-31", "2022-44", "2023-03"]


@pytest.mark.parametrize("fmt", ["txt", "docx"])
@pytest.mark.parametrize("name", NAMES)
def test_reimporting_a_re_rendered_reference_gives_the_same_figures(reference_reports, tmp_path, name, fmt):
    original = read(reference_reports / f"{name}.txt")
    path = tmp_path / f"{name}.{fmt}"
    path.write_bytes(render(original.briefing, fmt))
    again = read(path)
    assert again.to_json() == original.to_json()
    assert again.briefing.header == original.briefing.header


@pytest.mark.tools
def test_reimporting_the_re_rendered_pdf_gives_the_same_figures(reference_reports, tmp_path):
    require_tool("soffice", "libreoffice")
    require_tool("pdftotext")
    original = read(reference_reports / "2023-03.txt")
    path = tmp_path / "2023-03.pdf"
    path.write_bytes(render(original.briefing, "pdf"))
    assert read(path).to_json() == original.to_json()
