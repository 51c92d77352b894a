"""The importer on files generated from the references in the forms other tools give them:
every figure right, or a warning naming the field — never a silent wrong figure."""
import pytest
from briefing.briefing_forms import load, to_pdf, write_docx, write_text
from briefing.test_briefing_import_references import EXPECTED
from conftest import require_tool

from zwfw.briefing.importer import read, rerender

NAMES = sorted(EXPECTED)


def figures_right(imported, issue):
    got = imported.to_json()
    assert imported.warnings == []
    assert got == issue.expected
    # every paragraph kind read, written again from the figures, is the original sentence word for word
    again = {kind: "".join(text.split()) for kind, text in rerender.sentences(imported).items()}
    assert again == issue.originals


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("header_order", ["2022", "2024", "date-last"])
def test_text_with_header_in_any_order(reference_reports, tmp_path, name, header_order):
    issue = load(reference_reports, name, EXPECTED[name])
    figures_right(read(write_text(issue, tmp_path / f"{name}.txt", header_order=header_order)), issue)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("width", [17, 28, 33])
def test_text_re_wrapped_inside_sentences_and_numbers(reference_reports, tmp_path, name, width):
    issue = load(reference_reports, name, EXPECTED[name])
    figures_right(read(write_text(issue, tmp_path / f"{name}.txt", width=width)), issue)


@pytest.mark.parametrize("name", NAMES)
def test_text_re_punctuated_half_width_with_single_space_table(reference_reports, tmp_path, name):
    issue = load(reference_reports, name, EXPECTED[name])
    path = write_text(issue, tmp_path / f"{name}.txt", half_width=True, single_space=True, width=31)
    figures_right(read(path), issue)


@pytest.mark.parametrize("name", NAMES)
def test_sections_in_another_order(reference_reports, tmp_path, name):
    issue = load(reference_reports, name, EXPECTED[name])
    order = list(reversed(range(len(issue.sections))))
    figures_right(read(write_text(issue, tmp_path / f"{name}.txt", order=order, header_order="2024")), issue)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("merge_ties", [False, True])
def test_docx_with_a_real_word_table(reference_reports, tmp_path, name, merge_ties):
    issue = load(reference_reports, name, EXPECTED[name])
    figures_right(read(write_docx(issue, tmp_path / f"{name}.docx", merge_ties=merge_ties,
                                  header_order="2024")), issue)


@pytest.mark.tools
@pytest.mark.parametrize("name", NAMES)
def test_pdf_through_libreoffice_with_narrow_table_columns(reference_reports, tmp_path, name):
    require_tool("pdftotext")
    issue = load(reference_reports, name, EXPECTED[name])
    pdf = to_pdf(write_docx(issue, tmp_path / f"{name}.docx", narrow=True, header_order="date-last"), tmp_path)
    figures_right(read(pdf), issue)


@pytest.mark.tools
def test_pdf_table_read_from_its_printed_lines_where_no_rules_are_found(reference_reports, tmp_path, monkeypatch):
    """Without pdfplumber (or a table printed without rules) the columns are found by spacing: names
    wrapped onto several lines are joined back to their row, every one of the 29 rows is read."""
    require_tool("pdftotext")
    import importlib

    monkeypatch.setattr(importlib.import_module("zwfw.briefing.importer.extract"), "_ruled_pages", lambda path: {})
    issue = load(reference_reports, "2023-03", EXPECTED["2023-03"])
    pdf = to_pdf(write_docx(issue, tmp_path / "2023-03.docx", narrow=True), tmp_path)
    figures_right(read(pdf), issue)


def test_a_table_row_whose_columns_cannot_be_told_apart_is_a_warning(reference_reports, tmp_path):
    issue = load(reference_reports, "2022-31", EXPECTED["2022-31"])
    path = write_text(issue, tmp_path / "2022-31.txt")
    text = path.read_text(encoding="utf-8").replace("省发展改革委    100    0    12    112", "省发展改革委    100    0    12")
    path.write_text(text, encoding="utf-8")
    imported = read(path)
    fields = [w["field"] for w in imported.warnings]
    assert "assessment.rows" in fields
    assert any("省发展改革委" in w["message"] for w in imported.warnings)
    assert len(imported.assessment["rows"]) == 28


def test_docx_whose_header_is_laid_out_in_a_table(reference_reports, tmp_path):
    """Some tools set the issue line and the issuing body and date side by side in a borderless table."""
    import docx

    issue = load(reference_reports, "2022-44", EXPECTED["2022-44"])
    path = write_docx(issue, tmp_path / "2022-44.docx")
    document = docx.Document(path)
    first = document.paragraphs[0]
    issue_line, issuer, issued = issue.header[:3]
    for paragraph in document.paragraphs[:4]:  # title, issue line, issuing body, date → a 2×2 table
        if paragraph.text in (issue_line, issuer, issued):
            paragraph._element.getparent().remove(paragraph._element)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 0).text, table.cell(1, 1).text = issue_line.replace("（", " ").replace("）", ""), issuer, issued
    first._element.addnext(table._tbl)
    document.save(path)
    figures_right(read(path), issue)
