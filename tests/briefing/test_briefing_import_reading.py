"""Reading what a briefing states whatever its layout: header order, people not titles, as-of dates
without a year, both statistics wordings, and checks that name the field a contradiction is in."""
import pytest

from zwfw.briefing.importer import parse_text, rerender
from zwfw.briefing.importer.figures import _people_in_sentence

STATS_UNTIL = ("据四川一体化政务服务平台数据统计，截至9月8日，省本级行政许可事项受理617058件，办结611244件；"
               "公共服务事项受理19691982件，办结7463962件，其它九类行权事项受理49602件，累计办结50398件。")


def issue(header: list[str], body: list[str]) -> str:
    return "\n".join(header + body) + "\n"


HEADER_2024 = ["2022年第30期（总第405期）", "窗口工作周报", "（9月5日—9月8日）",
               "四川省政府政务服务和公共资源交易服务中心  2022年9月14日"]


def test_as_of_without_a_year_takes_the_year_from_the_period_not_the_issue_date():
    imported = parse_text(issue(HEADER_2024, ["一、省级政务服务事项受理办理情况", STATS_UNTIL]))
    got = imported.to_json()
    assert got["published_on"] == "2022-09-14"
    assert got["period"] == {"start": "2022-09-05", "end": "2022-09-08"}
    assert got["provincial_ytd"]["as_of"] == "2022-09-08"
    assert imported.warnings == []
    # the 截至 wording round-trips too
    assert "".join(rerender.sentences(imported)["provincial_ytd"].split()) == STATS_UNTIL


def test_as_of_without_a_year_in_an_issue_across_new_year():
    header = ["2023年第1期（总第420期）", "窗口工作周报", "（12月26日—12月30日）", "2023年1月6日"]
    imported = parse_text(issue(header, ["一、省级政务服务事项受理办理情况", STATS_UNTIL.replace("9月8日", "12月30日")]))
    assert imported.provincial_ytd["as_of"] == "2022-12-30"
    assert imported.period_start.isoformat() == "2022-12-26"


def test_the_issue_date_standing_alone_after_the_period_is_not_taken_for_the_statistics_date():
    header = ["2022年第30期（总第405期）", "窗口工作周报", "（9月5日—9月8日）", "四川省政府政务服务和公共资源交易服务中心",
              "2022年9月14日"]
    got = parse_text(issue(header, ["一、省级政务服务事项受理办理情况", STATS_UNTIL])).to_json()
    assert (got["published_on"], got["provincial_ytd"]["as_of"]) == ("2022-09-14", "2022-09-08")


@pytest.mark.parametrize("order", [(0, 1, 2, 3), (1, 0, 3, 2), (3, 2, 1, 0), (2, 3, 0, 1)])
def test_header_lines_in_any_order(order):
    header = [HEADER_2024[i] for i in order]
    got = parse_text(issue(header, ["一、省级政务服务事项受理办理情况", STATS_UNTIL])).to_json()
    assert (got["year"], got["issue"], got["total_issue"], got["published_on"]) == (2022, 30, 405, "2022-09-14")
    assert got["period"] == {"start": "2022-09-05", "end": "2022-09-08"}


def test_the_issue_date_printed_in_the_imprint_at_the_foot():
    header = ["窗口工作周报", "2022年第30期（总第405期）", "政务服务工作", "（9月5日—9月8日）"]
    body = ["一、省级政务服务事项受理办理情况", STATS_UNTIL, "报：中心领导。", "（共印80份）",
            "四川省政府政务服务和公共资源交易服务中心办公室    2022年9月14日印发"]
    imported = parse_text(issue(header, body))
    assert imported.published_on.isoformat() == "2022-09-14"
    assert imported.warnings == []


def test_an_issue_without_any_issue_date_says_so():
    header = ["窗口工作周报", "2022年第30期（总第405期）", "（9月5日—9月8日）"]
    imported = parse_text(issue(header, ["一、省级政务服务事项受理办理情况", STATS_UNTIL]))
    assert imported.published_on is None
    assert [w["field"] for w in imported.warnings] == ["published_on"]


@pytest.mark.parametrize("sentence, people", [
    # several titles of one person joined by 、; a title naming a body or a place
    ("本周，省发展改革委党组成员、省粮食和物资储备局局长张某分别到省政务服务大厅窗口调研值守", 1),
    ("本周，生态环境厅党组成员、机关党委书记、四川省辐射环境管理监测中心站站长王某到窗口调研", 1),
    ("本周，省市场监管局党组成员、副局长张某，水利厅二级巡视员李某分别到省政务服务大厅窗口调研值守", 2),
    ("本周，商务厅副厅长张某和文化和旅游厅厅长王某某到窗口调研", 2),
    ("本周，交通运输厅局长助理、综合规划处处长刘某到窗口指导工作", 1),
    ("本周，成都市人民政府副市长、四川天府新区党工委委员赵某，省民族宗教委主任、党组书记欧阳某某到窗口调研", 2),
])
def test_leader_visits_count_people_not_titles(sentence, people):
    assert _people_in_sentence(sentence) == people


STATS_2023 = ("据四川一体化政务服务平台数据统计，2023年1月1日至2023年3月31日，省本级行政许可事项受理120345件，"
              "办结118765件；公共服务事项受理3456789件，办结3401234件，其他6类行权事项受理9876件，办结9543件。")


def test_statistics_in_the_2023_wording_round_trip():
    header = ["2023年第12期（总第432期）", "2023年4月6日", "（3月27日—3月31日）"]
    imported = parse_text(issue(header, ["一、省级政务服务事项受理办理情况", STATS_2023]))
    assert imported.provincial_ytd["other"] == {"types": 6, "accepted": 9876, "completed": 9543}
    assert "".join(rerender.sentences(imported)["provincial_ytd"].split()) == STATS_2023


def test_half_width_punctuation_and_breaks_inside_numbers():
    text = ("2023年第12期(总第432期)\n2023年4月6日\n(3月27日—3月31日)\n一、综窗改革攻坚行动\n"
            "本周,共计咨询 29\n68 人次、受理 471 件、颁发 37\n02 件、流转 5120 件;今年以来,累计咨询 36612 人次、受理\n"
            " 9685 件、颁发 85944 件、流转 154351 件.\n")
    imported = parse_text(text)
    assert imported.comprehensive_window == {
        "week": {"consulted": 2968, "accepted": 471, "issued": 3702, "transferred": 5120},
        "ytd": {"consulted": 36612, "accepted": 9685, "issued": 85944, "transferred": 154351}}
    assert rerender.sentences(imported)["comprehensive_window"] == (
        "本周，共计咨询 2968 人次、受理 471 件、颁发 3702 件、流转 5120 件；"
        "今年以来，累计咨询 36612 人次、受理 9685 件、颁发 85944 件、流转 154351 件。")


ASSESSMENT = """2024年第2期（总第460期）
2024年1月20日
（1月8日—1月12日）
附件
2023年12月省政务服务大厅进驻部门（单位）窗口考核结果
序号 部门窗口 基础分分值 减分分值 加分分值 实得分值
1 省林草局 100 0 12 112
2 省卫健委 100 0 10 108
 商务厅 100 0 10 110
4 水利厅 100 2 5 103
"""


def test_checks_name_the_field_of_each_contradiction():
    imported = parse_text(ASSESSMENT + "一、综窗改革攻坚行动\n本周，共计咨询 2968 人次、受理 471 件、颁发 3702 件、"
                          "流转 5120 件；今年以来，累计咨询 36612 人次、受理 97 件、颁发 85944 件、流转 154351 件。\n")
    fields = [w["field"] for w in imported.warnings]
    # 100 − 0 + 10 ≠ 108 on 省卫健委's row; its place then disagrees with the scores around it
    assert "assessment.rows[1].score" in fields
    assert "assessment.rows[1].rank" in fields  # 108 is third, not second
    assert "comprehensive_window.week.accepted" in fields  # 471 this week, 97 this year
    message = next(w["message"] for w in imported.warnings if w["field"] == "assessment.rows[1].score")
    assert "省卫健委" in message and "110" in message and "108" in message


def test_a_row_missing_from_the_middle_of_a_table_shows_in_the_places():
    imported = parse_text(ASSESSMENT.replace("2 省卫健委 100 0 10 108\n", "").replace(" 商务厅", "2 商务厅"))
    assert [w["field"] for w in imported.warnings] == ["assessment.rows[2].rank"]  # places 1, 2, 4 over 3 rows
    assert "水利厅" in imported.warnings[0]["message"]


def test_numbered_visit_items_count_every_leader_they_name():
    base = "2023年第5期（总第425期）\n2023年2月20日\n（2月13日—2月17日）\n一、厅（局）长进大厅\n"
    items = ("（1）2月14日，商务厅副厅长甲某、省粮食和物资储备局局长乙某到窗口调研。期间，甲某与中心副主任丙某交流。\n"
             "（2）2月16日，在春节来临之际，水利厅党组成员、副厅长王华亲切看望慰问窗口干部职工。\n")
    assert parse_text(base + items).leader_visits == 3


def test_names_centred_around_their_figures_cannot_be_placed_and_say_so():
    table = ASSESSMENT.replace("1 省林草局 100 0 12 112\n", "    四川省通信管理局（省无\n1   线电管理委员会办公   100 0 12 112\n    室）\n")
    imported = parse_text(table)
    assert any(w["field"] == "assessment.rows" and "室）" in w["message"] for w in imported.warnings)
