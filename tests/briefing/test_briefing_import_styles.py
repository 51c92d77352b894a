"""Layouts and printing styles the references do not show: the 2024 layout, the 2023 wording,
full-width digits, half-width brackets, spaces inside numbers, missing sections."""
from datetime import date

import pytest

from zwfw.briefing.document import Table
from zwfw.briefing.importer import parse_text
from zwfw.briefing.sentences import comprehensive_window_sentence, provincial_statistics_sentence
from zwfw.errors import DomainError

ISSUE_2024 = """窗 口 工 作 周 报
2024年第 12期(总第 470期)   四川省政府政务服务和公共资源交易服务中心   2024 年 4 月 3 日

政务服务工作
(3月 25日—3月 29日)

一、政务工作动态
(1) 近日，省林草局窗口推行“林草种子生产经营许可一件事”，
办理时间由 20 个工作日压缩至 5 个工作日。

二、窗口受到表扬情况
省卫健委窗口收到四川护理职业学院附属医院送来的感谢信。

三、厅（局）长进大厅
本周，省市场监管局党组成员、副局长张某，水利厅二级巡视员李某，生态环境厅党组成员、
机关党委书记王某分别到省政务服务大厅窗口调研值守。

四、“高效办成一件事”专项行动
本周新上线“开办餐饮一件事”。

五、惠企政策直达快享专项行动
本周更新惠企政策 12 条。

六、综窗改革攻坚行动
(一) 省本级综窗办件情况
本周，共计咨询 2968 人次、受理 471 件、颁发 3702 件、流转 5120 件；今年以来，累计咨询 36612 人
次、受理 9685 件、颁发 85944 件、流转 154 351 件。
(二) 事项库调整情况
经省级部门申请，省级政务服务事项库主项从 742 项调整为 747 项，办理项从 1631 项调整为 1650 项。
(三) 受理工作手册编制情况
共完成 812 个办理项的受理工作手册编制，占比 49.2%。

附件：2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果

报：中心领导。
送：各相关省级部门（单位），中心各处（室）、直属单位。
发：各部门窗口。
（共印 60 份）

附件
2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果
序号    部门窗口    基础分分值    减分分值    加分分值    实得分值
1       省林草局    100           0           12          112
2       省卫健委    100           0           10          110
        商务厅      100           0           10          110
4       水利厅      100           2           5           103
"""


def test_2024_layout_reads_window_campaign_catalogue_manuals_and_assessment():
    got = parse_text(ISSUE_2024).to_json()
    assert (got["year"], got["issue"], got["total_issue"], got["published_on"]) == (2024, 12, 470, "2024-04-03")
    assert got["period"] == {"start": "2024-03-25", "end": "2024-03-29"}
    assert got["provincial_ytd"] is None
    assert got["comprehensive_window"] == {
        "week": {"consulted": 2968, "accepted": 471, "issued": 3702, "transferred": 5120},
        "ytd": {"consulted": 36612, "accepted": 9685, "issued": 85944, "transferred": 154351}}
    assert got["catalog_change"] == {"main_items": [742, 747], "handling_items": [1631, 1650]}
    assert got["manuals"] == {"done": 812, "share": 49.2}
    assert got["assessment"] == {"month": "2023-12", "rows": [
        {"rank": 1, "department": "省林草局", "base": 100, "deducted": 0, "added": 12, "score": 112},
        {"rank": 2, "department": "省卫健委", "base": 100, "deducted": 0, "added": 10, "score": 110},
        {"rank": 2, "department": "商务厅", "base": 100, "deducted": 0, "added": 10, "score": 110},
        {"rank": 4, "department": "水利厅", "base": 100, "deducted": 2, "added": 5, "score": 103}]}
    assert got["leader_visits"] == 3  # one per person named in the one-sentence style
    assert got["print_run"] == 60


def test_2024_attachment_is_rebuilt_as_a_table_on_its_own():
    b = parse_text(ISSUE_2024).briefing
    assert len(b.attachments) == 1
    attachment = b.attachments[0]
    assert attachment.title == "附件：2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果"
    table = attachment.blocks[0]
    assert isinstance(table, Table)
    assert table.columns == ("序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值")
    assert table.rows[2] == ("", "商务厅", "100", "0", "10", "110")
    assert b.distribution.print_run == 60


def test_comprehensive_window_paragraph_round_trips():
    imported = parse_text(ISSUE_2024)
    w = imported.comprehensive_window
    sentence = comprehensive_window_sentence(w["week"], w["ytd"], transfer_unit=imported.wording["transfer_unit"])
    assert sentence in [getattr(b, "text", "") for b in imported.briefing.blocks]


ISSUE_2023_STYLE = """# 窗口工作周报
２０２３年第１２期（总第４３２期）
四川省政府政务服务和公共资源交易服务中心　２０２３年４月６日
## 政务服务工作
（3月27日-3月31日）
### 一、综窗改革攻坚行动
**（一）省本级综窗办件情况**
本周，共计咨询3100人次、受理502件、颁发3650件、流转5301件次；今年以来，累计咨询40012人次、受理10187件、颁发89594件、流转159652件次。
### 二、省级政务服务事项受理办理情况
据四川一体化政务服务平台数据统计，2023年1月1日至2023年3月31日，省本级行政许可事项受理 120 345件次，办结 118 765件次；公共服务事项受理 3,456,789件，办结 3,401,234件，其他6类行权事项受理 9876件，办结 9543件。
### 三、政务资讯
(1) 省政府办公厅印发通知。
报：中心领导。
送：各相关省级部门(单位)，中心各处(室)、直属单位。
发：各部门窗口。
(共印80份)
"""


def test_2023_wording_full_width_digits_thousands_and_six_types_in_digits():
    imported = parse_text(ISSUE_2023_STYLE)
    got = imported.to_json()
    assert (got["year"], got["issue"], got["total_issue"], got["published_on"]) == (2023, 12, 432, "2023-04-06")
    assert got["period"] == {"start": "2023-03-27", "end": "2023-03-31"}
    assert got["provincial_ytd"] == {
        "as_of": "2023-03-31", "permit": {"accepted": 120345, "completed": 118765},
        "public_service": {"accepted": 3456789, "completed": 3401234},
        "other": {"types": 6, "accepted": 9876, "completed": 9543}}
    assert got["comprehensive_window"]["week"]["transferred"] == 5301
    assert got["comprehensive_window"]["ytd"] == {"consulted": 40012, "accepted": 10187, "issued": 89594,
                                                  "transferred": 159652}
    assert imported.wording == {"other_style": "digits", "transfer_unit": "件次", "span": "range",
                                "other_word": "其他", "other_completed": "办结", "platform": "四川一体化政务服务平台"}
    assert (got["leader_visits"], got["catalog_change"], got["assessment"]) == (None, None, None)
    assert got["print_run"] == 80
    p = got["provincial_ytd"]
    sentence = provincial_statistics_sentence(date(2023, 3, 31), (120345, 118765), (3456789, 3401234),
                                              p["other"]["types"], (9876, 9543), other_style="digits")
    assert "其它 6 类行权事项受理 9876 件" in sentence
    assert imported.briefing.distribution.send_to == "各相关省级部门（单位），中心各处（室）、直属单位。"


def test_a_december_period_in_an_issue_dated_january_belongs_to_the_previous_year():
    text = "2023年第1期（总第420期）\n四川省政府政务服务和公共资源交易服务中心\n2023年1月10日\n政务服务工作\n（12月26日—12月30日）\n一、大厅巡查情况\n总体情况良好。\n"
    got = parse_text(text).to_json()
    assert got["period"] == {"start": "2022-12-26", "end": "2022-12-30"}
    assert got["year"] == 2023 and got["provincial_ytd"] is None and got["print_run"] is None


def test_a_period_across_new_year_and_dates_in_chinese_numerals():
    text = "二〇二三年第一期（总第420期）\n"  # the issue line itself must use digits for the year
    with pytest.raises(DomainError, match="未找到期号"):
        parse_text(text)
    text = "2023年第1期（总第420期）\n二〇二三年一月十日\n（12月29日—1月4日）\n一、窗口工作动态\n本周窗口运行平稳。\n"
    got = parse_text(text).to_json()
    assert got["published_on"] == "2023-01-10"
    assert got["period"] == {"start": "2022-12-29", "end": "2023-01-04"}


def test_leader_visits_numbered_items_count_one_each_and_none_reported_is_zero():
    base = "2023年第5期（总第425期）\n2023年2月20日\n（2月13日—2月17日）\n一、窗口工作动态\n"
    two = base + "（一）厅（局）长进大厅\n（1）2月14日，商务厅副厅长甲到窗口调研。\n（2）2月16日，司法厅二级巡视员乙到窗口指导工作。\n二、大厅巡查情况\n总体情况良好。\n"
    assert parse_text(two).leader_visits == 2
    none = base + "（一）厅（局）长进大厅\n本周无厅（局）领导到窗口调研值守。\n"
    assert parse_text(none).leader_visits == 0
    single = base + "（一）厅（局）长进大厅\n本周，水利厅二级巡视员李某到省政务服务大厅窗口调研值守。\n"
    assert parse_text(single).leader_visits == 1


def test_text_that_is_not_a_briefing_is_refused_with_a_reason():
    with pytest.raises(DomainError, match="未找到期号"):
        parse_text("会议纪要\n今天讨论了三件事。\n")
    with pytest.raises(DomainError, match="没有可读的文字"):
        parse_text("\n\n   \n")
    with pytest.raises(DomainError, match="起止日期"):
        parse_text("2023年第5期（总第425期）\n一、窗口工作动态\n本周窗口运行平稳。\n")
