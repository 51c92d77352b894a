"""The catalogue-change paragraph: the period only, what the comprehensive window accepts, the centre's wording."""
import datetime as dt

from zwfw.catalog import services
from zwfw.catalog.diffing import ItemSnap, MatterSnap, compare, window_paragraph
from zwfw.catalog.models import Department, PowerType
from zwfw.catalog.queries import window_change


def matter(code, name, dept, order, items):
    return MatterSnap(code, name, dept, (order, order), ("01",), {c: ItemSnap(c, n) for c, n in items})


def test_every_clause_kind_in_the_centres_wording():
    kept = matter("K", "医疗机构执业登记", "省卫生健康委", 16, [(f"K{i}", f"项{i}") for i in range(4)])
    gone = matter("G", "建设工程消防设计审查", "住房城乡建设厅", 10, [("G1", "新办")])
    before = [kept, gone, matter("S", "林草种子生产经营许可", "省林草局", 21, [("S1", "新办"), ("S2", "变更")])]
    grown = matter("K", "医疗机构执业登记", "省卫生健康委", 16, [(f"K{i}", f"项{i}") for i in range(7)])
    new_a = matter("A", "放射诊疗许可", "省卫生健康委", 16, [("A1", "新办"), ("A2", "变更"), ("A3", "注销")])
    new_b = matter("B", "母婴保健技术服务执业许可", "省卫生健康委", 16, [("B1", "新办")])
    shrunk = matter("S", "林草种子生产经营许可", "省林草局", 21, [("S1", "新办")])
    text = window_paragraph(compare(dt.date(2024, 5, 5), dt.date(2024, 5, 10), before, [grown, new_a, new_b, shrunk]))
    assert text == (
        "动态调整综窗进驻事项，主项从 3 项调整为 4 项，办理项从 7 项调整为 12 项。其中："
        "住房城乡建设厅取消“建设工程消防设计审查”1 个事项（主项 1 个、办理项 1 个）；"
        "省卫生健康委新增“放射诊疗许可”和“母婴保健技术服务执业许可”2 个事项（主项 2 个、办理项 4 个），"
        "已进驻事项“医疗机构执业登记”的办理项从 4 个调增至 7 个；"
        "省林草局已进驻事项“林草种子生产经营许可”的办理项从 2 个调减至 1 个。")


def test_nothing_changed_gives_the_totals():
    cat = [matter("M", "药品经营许可", "省药监局", 22, [("M1", "新办")])]
    assert window_paragraph(compare(dt.date(2024, 5, 5), dt.date(2024, 5, 10), cat, cat)) == (
        "本周综窗进驻事项无调整，主项 1 项、办理项 1 项。")


def test_only_the_period_and_only_the_comprehensive_window(db):
    from zwfw.hall.queries import manual_progress

    wjw = Department.objects.create(code="wjw", name="四川省卫生健康委员会", short_name="省卫生健康委", display_order=16)
    permit = PowerType.objects.get(category=PowerType.PERMIT)
    item = {"statutory_days": 20, "promised_days": 10}
    services.add_matter(department=wjw, code="W1", name="医疗机构执业登记", power_type=permit,
                        valid_from=dt.date(2024, 1, 1),
                        items=[{"code": "W1-1", "name": "新办", "at_comprehensive_window": True, **item}])
    # Before the period: not this week's change.
    services.add_matter(department=wjw, code="W2", name="护士执业注册", power_type=permit,
                        valid_from=dt.date(2024, 3, 1),
                        items=[{"code": "W2-1", "name": "首次注册", "at_comprehensive_window": True, **item}])
    # In the period, but not accepted at the comprehensive window.
    services.add_matter(department=wjw, code="W3", name="职业病诊断机构备案", power_type=permit,
                        valid_from=dt.date(2024, 5, 7), items=[{"code": "W3-1", "name": "备案", **item}])
    # In the period, at the window: the one change to report.
    services.add_item(matter_code="W1", on=dt.date(2024, 5, 8), code="W1-2", name="变更",
                      at_comprehensive_window=True, **item)
    d = window_change(dt.date(2024, 5, 6), dt.date(2024, 5, 10))
    assert window_paragraph(d) == ("动态调整综窗进驻事项，主项 2 项，办理项从 2 项调整为 3 项。其中："
                                   "省卫生健康委已进驻事项“医疗机构执业登记”的办理项从 1 个调增至 2 个。")
    assert manual_progress(dt.date(2024, 5, 10))[1] == d.items_to  # the manuals' share counts the same items
