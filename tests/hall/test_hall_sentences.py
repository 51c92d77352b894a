"""The hall's sentences, pure: visits in the 2024 and 2022 styles, inspection readings, progress."""
from datetime import date

from zwfw.hall.sentences import (
    GOOD, Visit, commendation_sentence, entered_sentence, inspection_text, manual_progress_sentence, percent,
    visit_paragraph, visits_sentence,
)


def test_2024_style_several_visitors_in_one_sentence():
    visits = [Visit("省市场监管局", "党组成员、副局长", "张某", date(2024, 3, 4)),
              Visit("水利厅", "二级巡视员", "李某", date(2024, 3, 6))]
    assert visits_sentence(visits) == (
        "本周，省市场监管局党组成员、副局长张某，水利厅二级巡视员李某分别到省政务服务大厅窗口调研值守。")


def test_2024_style_single_visitor_has_no_fenbie():
    assert visits_sentence([Visit("水利厅", "二级巡视员", "李某", date(2024, 3, 6))]) == (
        "本周，水利厅二级巡视员李某到省政务服务大厅窗口调研值守。")
    assert visits_sentence([]) == ""


def test_2022_style_paragraph_matches_the_reference(reference_reports):
    text = (reference_reports / "2022-44.txt").read_text(encoding="utf-8")
    account = "赴省政务服务中心调研并慰问窗口工作人员。"
    paragraph = visit_paragraph(Visit("省发展改革委", "党组成员、副主任", "胡玉清", date(2022, 12, 20), account))
    assert paragraph == "12 月 20 日，省发展改革委党组成员、副主任胡玉清赴省政务服务中心调研并慰问窗口工作人员。"
    assert "12月20日，省发展改革委党组成员、副主任胡玉清赴省政务服务中心调研并慰问窗口工作人员" in text


def test_2022_style_without_account_says_the_visit():
    assert visit_paragraph(Visit("司法厅", "二级巡视员", "刘贵文", date(2022, 12, 22))) == (
        "12 月 22 日，司法厅二级巡视员刘贵文到省政务服务大厅窗口调研值守。")


def test_inspection_point_without_findings_reads_good():
    assert inspection_text([]) == GOOD == "总体情况良好。"


def test_findings_name_the_windows_and_what_was_wrong():
    text = inspection_text([("省林草局窗口", "1 名工作人员未按时到岗。"), ("省药监局窗口", "桌面摆放杂物"),
                            ("省林草局窗口", "离岗未放置暂停服务牌")])
    assert text == ("巡查发现，省林草局窗口 1 名工作人员未按时到岗，离岗未放置暂停服务牌；"
                    "省药监局窗口桌面摆放杂物。")


def test_closure_note_wins_over_everything():
    assert inspection_text([("省林草局窗口", "迟到")], closure_note="全体居家办公，大厅实行关闭状态") == (
        "全体居家办公，大厅实行关闭状态。")


def test_manual_progress_one_decimal_by_default_two_where_configured():
    assert manual_progress_sentence(812, 1650) == "共完成 812 个办理项的受理工作手册编制，占比 49.2%。"
    assert percent(812, 1650, 2) == "49.21%"
    assert percent(0, 0) == "0%"


def test_entered_measure_wording():
    assert entered_sentence("动态调整省级惠企政策事项 {value} 条", 5) == "动态调整省级惠企政策事项 5 条。"


def test_commendation_sentence():
    assert commendation_sentence(date(2023, 3, 1), "省林草局窗口", "通报表扬", "国家林业和草原局",
                                 "林办发〔2023〕12 号") == (
        "3 月 1 日，省林草局窗口获国家林业和草原局通报表扬（林办发〔2023〕12 号）。")
