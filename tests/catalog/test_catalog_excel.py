"""Excel hand-over: export, import, the round trip, and a bad file that changes nothing."""
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from zwfw.catalog import queries
from zwfw.catalog.excel import ImportRejected, export_catalog, import_catalog
from zwfw.catalog.models import HandlingItem, Matter

ON = dt.date(2023, 1, 1)


def catalogue(on):
    return sorted(
        (i.matter.department.name, i.matter.code, i.matter.name, i.matter.power_type.code, i.code, i.name,
         i.statutory_days, i.promised_days, i.fully_online, i.at_most_one_visit, i.on_the_spot,
         i.at_comprehensive_window, i.manual_written, i.auto_approval, i.promise_in_lieu, tuple(i.reach), i.licence_kind)
        for i in queries.items_in_force(on))


def wipe():
    HandlingItem.objects.all().delete()
    Matter.objects.all().delete()


def test_export_then_import_into_an_empty_catalogue_gives_the_same_catalogue(hall, tmp_path):
    before = catalogue(ON)
    path = tmp_path / "事项目录.xlsx"
    call_command("catalog", "export", str(path), "--date", "2023-01-01", stdout=io.StringIO())
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]][:8] == ["部门", "事项编码", "事项名称", "事项类型", "办理项编码", "办理项名称",
                                               "法定办结时限", "承诺办结时限"]
    assert sheet.max_row == len(before) + 1
    wipe()
    out = io.StringIO()
    call_command("catalog", "import", str(path), "--date", "2023-01-01", stdout=out)
    assert catalogue(ON) == before
    assert "新增主项 7 项" in out.getvalue()


def test_importing_the_same_file_twice_changes_nothing(hall, tmp_path):
    path = tmp_path / "a.xlsx"
    export_catalog(path, ON)
    rows = HandlingItem.objects.count()
    result = import_catalog(path, dt.date(2023, 2, 1))
    assert (result.items_added, result.items_changed, result.unchanged) == (0, 0, 8)
    assert HandlingItem.objects.count() == rows


def test_a_changed_row_opens_a_new_version(hall, tmp_path):
    path = tmp_path / "a.xlsx"
    export_catalog(path, ON)
    wb = load_workbook(path)
    ws = wb.active
    for row in ws.iter_rows(min_row=2):
        if row[4].value == "510000-SJ-100-01":
            row[7].value = 3  # 承诺办结时限
    wb.save(path)
    result = import_catalog(path, dt.date(2023, 4, 1))
    assert result.items_changed == 1
    assert queries.item_by_code("510000-SJ-100-01", dt.date(2023, 3, 31)).promised_days == 10
    assert queries.item_by_code("510000-SJ-100-01", dt.date(2023, 4, 1)).promised_days == 3


def write_sheet(path, header, rows, title_rows=()):
    wb = Workbook()
    ws = wb.active
    for t in title_rows:
        ws.append(t)
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)


HEADER = ["部门", "事项编码", "事项名称", "事项类型", "办理项编码", "办理项名称", "法定办结时限", "承诺办结时限", "全程网办"]


def test_a_bad_file_reports_every_bad_row_and_imports_nothing(hall, tmp_path):
    path = tmp_path / "bad.xlsx"
    good = ["省药监局", "510000-YJ-003", "放射性药品经营许可", "行政许可", "510000-YJ-003-01", "新办", 20, 10, "是"]
    write_sheet(path, HEADER, [
        good,                                                                                   # row 2
        ["省药监局", "510000-YJ-003", "放射性药品经营许可", "行政许可", "510000-YJ-003-02", "变更", 20, 25, "否"],  # 3
        ["省药监局", "510000-YJ-004", "医疗器械经营许可", "行政许可", "510000-YJ-004-01", "新办", "二十", 5, "否"],  # 4
        ["省卫健委", "510000-WJ-001", "医疗机构执业登记", "行政许可", "510000-WJ-001-01", "新办", 20, 5, "否"],   # 5
        ["省药监局", "510000-YJ-005", "药品广告审查", "行政许可", "510000-YJ-003-01", "新办", 10, 5, "可能"],      # 6
    ])
    matters, items = Matter.objects.count(), HandlingItem.objects.count()
    with pytest.raises(ImportRejected) as caught:
        import_catalog(path, ON)
    errors = caught.value.errors
    assert "第 3 行：承诺办结时限（25）不能大于法定办结时限（20）" in errors
    assert any(e.startswith("第 4 行：法定办结时限（二十）") for e in errors)
    assert "第 5 行：部门“省卫健委”不存在（按部门名称或简称匹配）" in errors
    assert "第 6 行：全程网办（可能）应填写“是”或“否”" in errors
    assert not any(e.startswith("第 2 行") for e in errors)
    assert (Matter.objects.count(), HandlingItem.objects.count()) == (matters, items)


def test_the_command_prints_the_errors_and_fails(hall, tmp_path):
    path = tmp_path / "bad.xlsx"
    write_sheet(path, HEADER, [
        ["省药监局", "510000-YJ-003", "放射性药品经营许可", "行政许可", "510000-YJ-003-01", "新办", 20, 25, "否"]])
    with pytest.raises(CommandError, match="第 2 行：承诺办结时限（25）不能大于法定办结时限（20）"):
        call_command("catalog", "import", str(path), "--date", "2023-01-01")
    assert not Matter.objects.filter(code="510000-YJ-003").exists()


def test_header_variants_whitespace_and_full_width_are_understood(hall, tmp_path):
    path = tmp_path / "dept.xlsx"
    header = [" 实施部门 ", "主项编码", "主项名称", "权力类型", "办理项编码", "办理项名称",
              "法定办结时限（工作日）", "承诺时限", "是否全程网办", "通办范围"]
    write_sheet(path, header, [
        ["四川省药品监督管理局 ", " 510000-YJ-003 ", "放射性药品经营许可", "01", "510000-YJ-003-01", "新办",
         "２０个工作日", 10.0, " √ ", "省内通办、川渝通办"],
    ], title_rows=[["四川省药品监督管理局政务服务事项目录"], []])
    import_catalog(path, ON)
    item = queries.item_by_code("510000-YJ-003-01", ON)
    assert item.matter.department.short_name == "省药监局"
    assert (item.statutory_days, item.promised_days, item.fully_online) == (20, 10, True)
    assert item.reach == ["province", "sichuan_chongqing"]


def test_a_department_list_can_withdraw_what_it_no_longer_holds(hall, tmp_path):
    path = tmp_path / "yj.xlsx"
    write_sheet(path, HEADER, [
        ["省药监局", "510000-YJ-001", "药品经营许可", "行政许可", "510000-YJ-001-01", "药品批发企业经营许可（新办）", 30, 15, "是"]])
    import_catalog(path, dt.date(2023, 6, 1), withdraw_missing=True)
    codes = {i.code for i in queries.items_in_force(dt.date(2023, 6, 1), department=hall["省药监局"])}
    assert codes == {"510000-YJ-001-01"}
    assert queries.items_in_force(dt.date(2023, 6, 1), department=hall["省林草局"]).count() == 2
    kept = queries.item_by_code("510000-YJ-001-01", dt.date(2023, 6, 1))
    assert kept.valid_from == dt.date(2022, 1, 1)  # columns the file lacks (电子证照, 通办范围) are left alone
    assert kept.licence_kind == "药品经营许可证" and kept.reach == ["province"]
