"""Item codes follow a pattern; imports report bad names, lengths and numbers by row; exports never write formulas."""
import datetime as dt

import pytest
from django.test import Client
from openpyxl import Workbook, load_workbook

from zwfw.accounts.models import User
from zwfw.catalog import services
from zwfw.catalog.excel import ImportRejected, export_catalog, import_catalog
from zwfw.catalog.models import HandlingItem, Matter
from zwfw.errors import DomainError

ON = dt.date(2023, 1, 1)
HEADER = ["部门", "事项编码", "事项名称", "事项类型", "办理项编码", "办理项名称", "法定办结时限", "承诺办结时限", "电子证照"]


@pytest.mark.parametrize("code", ["510000-LC-010-09'\"><script>alert(1)</script>", "510000/LC/010-09", "510 000", "",
                                  "-510000", "证照-01", "x" * 81])
def test_item_codes_must_follow_the_pattern(hall, code):
    with pytest.raises(DomainError) as caught:
        services.add_item(matter_code="510000-LC-010", on=ON, code=code, name="占用林地审核（变更）",
                          statutory_days=20, promised_days=8)
    assert caught.value.field == "code" and "编码" in caught.value.message
    assert not HandlingItem.objects.filter(name="占用林地审核（变更）").exists()


def test_matter_codes_follow_the_pattern_too(hall, types, departments):
    with pytest.raises(DomainError) as caught:
        services.add_matter(department=departments["省林草局"], code="510000/LC-099", name="林木采伐许可",
                            power_type=types["行政许可"], valid_from=ON)
    assert caught.value.field == "code"
    assert not Matter.objects.filter(name="林木采伐许可").exists()


def _sheet(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)


def test_import_reports_codes_names_lengths_and_numbers_by_row_in_chinese(hall, tmp_path):
    path = tmp_path / "bad.xlsx"
    ok = ["省药监局", "510000-YJ-009", "放射性药品经营许可", "行政许可", "510000-YJ-009-01", "新办", 20, 10, ""]
    _sheet(path, [
        ok,                                                                                               # row 2
        ["省药监局", "510000-YJ-009", "放射性药品经营许可", "行政许可", "510000-YJ-009-'02", "变更", 20, 10, ""],   # 3
        ["省药监局", "510000/YJ-010", "医疗器械经营许可", "行政许可", "510000-YJ-010-01", "新办", 20, 10, ""],     # 4
        ["省药监局", "510000-YJ-011", "药品广告审查", "行政许可", "510000-YJ-011-01", "审" * 300, 20, 10, ""],     # 5
        ["省药监局", "510000-YJ-012", "药品检验", "行政许可", "510000-YJ-012-01", "新办", 10**12, 10, ""],        # 6
        ["省药监局", "510000-YJ-013", "药" * 300, "行政许可", "510000-YJ-013-01", "新办", 20, 10, ""],           # 7
        ["省药监局", "510000-YJ-014", "药品抽检", "行政许可", "510000-YJ-014-01", "新办", 20, 10, "证" * 300],     # 8
    ])
    before = (Matter.objects.count(), HandlingItem.objects.count())
    with pytest.raises(ImportRejected) as caught:
        import_catalog(path, ON)
    errors = caught.value.errors
    for number in range(3, 9):
        assert any(e.startswith(f"第 {number} 行：") for e in errors), (number, errors)
    assert not any(e.startswith("第 2 行") for e in errors)
    assert any("办理项编码" in e and e.startswith("第 3 行") for e in errors)
    assert any("事项编码" in e and e.startswith("第 4 行") for e in errors)
    assert any("最多" in e and e.startswith("第 5 行") for e in errors)
    assert any("法定办结时限" in e and e.startswith("第 6 行") for e in errors)
    assert all("Traceback" not in e and "Error" not in e for e in errors)
    assert (Matter.objects.count(), HandlingItem.objects.count()) == before


def test_the_export_writes_formula_like_text_as_text(hall, tmp_path):
    services.change_item("510000-LC-010-01", dt.date(2023, 2, 1), name='=HYPERLINK("http://evil.example","点我")',
                         licence_kind="@SUM(1+1)")
    services.change_item("510000-LC-020-01", dt.date(2023, 2, 1), name="+86 热线", licence_kind="-1+2")
    path = tmp_path / "out.xlsx"
    export_catalog(path, dt.date(2023, 3, 1))
    cells = {c.value: c for row in load_workbook(path).active.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ['=HYPERLINK("http://evil.example","点我")', "@SUM(1+1)", "+86 热线", "-1+2"]:
        assert text in cells, text
        assert cells[text].data_type == "s" and cells[text].quotePrefix, text


def test_legacy_codes_with_a_quote_or_a_slash_are_shown_safely(hall):
    """Codes entered before validation existed: the catalogue links still work and no script runs."""
    HandlingItem.objects.filter(code="510000-LC-010-01").update(code="510000/LC-010-01")
    HandlingItem.objects.filter(code="510000-LC-020-01").update(code="510000-LC-020');alert(1);//")
    client = Client()
    client.force_login(User.objects.create_user("staff", password="pw-12345678", role="centre_staff"))
    page = client.get("/catalog/", {"on": "2023-03-01"})
    assert page.status_code == 200
    assert client.get("/catalog/items/510000/LC-010-01/", {"on": "2023-03-01"}).status_code == 200
    found = client.get("/cases/new/items", {"q": "林草种子"}).content.decode()
    assert "alert(1)" in found and "onclick" in found
    onclick = found.split('onclick="', 1)[1].split('"', 1)[0]
    assert "alert" not in onclick and "510000" not in onclick
