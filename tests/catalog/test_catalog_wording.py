"""The briefing's words for catalogue changes, and the anomaly and material rules — no database."""
import datetime as dt

from zwfw.catalog.diffing import ItemSnap, MatterSnap, compare, other_types_phrase, render_diff
from zwfw.catalog.guides import GuideValues, MaterialValues, guide_anomalies
from zwfw.catalog.materials import merge_materials, normalise_material_name
from zwfw.catalog.sheet import find_header, header_key, parse_bool, parse_days, parse_reach

D1, D2 = dt.date(2023, 1, 1), dt.date(2023, 12, 31)


def matter(code, name, dept, order, items):
    return MatterSnap(code, name, dept, (order, order), ("01",), {c: ItemSnap(c, n) for c, n in items})


def test_added_matter_reads_like_the_briefing():
    before = [matter("M1", "药品经营许可", "省药监局", 22, [("M1-1", "新办")])]
    after = before + [matter("M2", "药品零售企业经营许可", "省药监局", 22,
                             [("M2-1", "新办"), ("M2-2", "变更"), ("M2-3", "延续"), ("M2-4", "注销")])]
    lines = render_diff(compare(D1, D2, before, after))
    assert lines == [
        "主项从 1 项调整为 2 项，办理项从 1 项调整为 5 项",
        "省药监局新增“药品零售企业经营许可”1 个事项（主项 1 个、办理项 4 个）",
    ]


def test_no_change_says_so():
    cat = [matter("M1", "药品经营许可", "省药监局", 22, [("M1-1", "新办")])]
    assert render_diff(compare(D1, D2, cat, cat)) == ["主项 1 项、办理项 1 项，无调整"]


def test_departments_listed_in_display_order_with_removals_and_item_changes():
    before = [
        matter("A", "林木种子生产经营许可", "省林草局", 21, [("A1", "新办"), ("A2", "变更")]),
        matter("B", "建设工程消防设计审查", "住房城乡建设厅", 10, [("B1", "新办")]),
    ]
    after = [
        matter("A", "林木种子生产经营许可", "省林草局", 21, [("A1", "新办"), ("A3", "延续")]),
    ]
    lines = render_diff(compare(D1, D2, before, after))
    assert lines[0] == "主项从 2 项调整为 1 项，办理项从 3 项调整为 2 项"
    assert lines[1] == "住房城乡建设厅取消“建设工程消防设计审查”1 个事项（主项 1 个、办理项 1 个）"
    assert lines[2] == "省林草局“林木种子生产经营许可”新增“延续”1 个办理项，“林木种子生产经营许可”取消“变更”1 个办理项"


def test_other_types_phrase_follows_the_count():
    assert other_types_phrase(9) == "其它九类行权事项"
    assert other_types_phrase(6, numerals="arabic") == "其它 6 类行权事项"


def sound_guide(**changes):
    values = dict(statutory_days=20, promised_days=5, conditions="具有独立法人资格", fees="不收费",
                  legal_basis="《中华人民共和国药品管理法》", where_to_apply="省政务服务大厅省药监局窗口",
                  materials=[MaterialValues("申请书")])
    return GuideValues(**(values | changes))


def test_a_sound_guide_has_no_anomaly_and_no_fee_is_a_fee_standard():
    assert guide_anomalies(sound_guide()) == []


def test_guide_anomalies_name_each_fault():
    found = guide_anomalies(sound_guide(promised_days=25, materials=[], fees=" ", conditions=""))
    assert "承诺办结时限（25 个工作日）大于法定办结时限（20 个工作日）" in found
    assert "未列出申请材料" in found
    assert any(f.startswith("未填写收费标准") for f in found)
    assert "未填写受理条件" in found
    online = guide_anomalies(sound_guide(fully_online=True, online_url=""))
    assert online == ["标为全程网办，但未填写网上办理地址"]


def test_merged_materials_ask_for_each_document_once():
    m = MaterialValues
    members = [
        ("食品经营许可（新办）", [m("营业执照复印件", licence_kind="营业执照"), m("法定代表人身份证"), m("承诺书", required=False)]),
        ("公众聚集场所投入使用、营业前消防安全检查（新办）", [m("《营业执照》"), m("场所平面图", copies=2)]),
        ("户外广告设置许可（新办）", [m("企业登记证明", licence_kind="营业执照"), m("法定代表人 身份证（原件）"), m("场所平面图")]),
    ]
    merged = merge_materials(members)
    names = [x.name for x in merged]
    assert names == ["营业执照复印件", "法定代表人身份证", "场所平面图"]
    licence = merged[0]
    assert licence.exemptible and len(licence.items) == 3
    plan = merged[2]
    assert plan.copies == 2 and plan.items == ["公众聚集场所投入使用、营业前消防安全检查（新办）", "户外广告设置许可（新办）"]
    assert normalise_material_name("  营业执照（副本）原件及复印件 ") == normalise_material_name("营业执照")


def test_sheet_reader_tolerates_what_departments_write():
    assert header_key(" 法定办结时限（工作日） ") == "statutory_days"
    assert header_key("是否全程网办") == "fully_online"
    assert header_key("实施部门") == "department"
    assert parse_days("２０个工作日") == 20 and parse_days(15.0) == 15 and parse_days("") is None
    assert parse_days("十五") == "十五"
    assert parse_bool(" 是 ") is True and parse_bool("√") is True and parse_bool("否") is False
    assert parse_bool("可能") is None
    assert parse_reach("省内通办、川渝通办") == ["province", "sichuan_chongqing"]
    assert parse_reach("全国通办") == "全国通办"
    rows = [("四川省药品监督管理局 事项目录",), (), ("实施部门", "主项编码", "事项名称", "办理项编码")]
    index, mapping = find_header(rows)
    assert index == 2 and mapping[0] == "department"
