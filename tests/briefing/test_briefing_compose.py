"""Composition of the three built-in layouts from a week's data (no database)."""
from datetime import date

from zwfw.briefing.compose import BriefingData, compose
from zwfw.briefing.document import Header, Heading, Paragraph, printable, without_empty_sections
from zwfw.briefing.layouts import BUILT_IN, INSPECTION_INTRO

POINTS = ["按时到岗情况", "工作区域标准化执行情况", "着装情况", "工作牌佩戴情况", "纪律秩序", "大厅防控情况"]


def week_2022_44() -> BriefingData:
    return BriefingData(
        period_start=date(2022, 12, 19), period_end=date(2022, 12, 23),
        provincial={"as_of": "2022-12-23", "permit": {"accepted": 785283, "completed": 776297},
                    "public_service": {"accepted": 21116425, "completed": 8845256},
                    "other": {"types": 9, "accepted": 61170, "completed": 61215}},
        news={"优化营商环境工作开展情况": ["省林草局持续推动……", "12 月 19 日，省卫健委……", "近期，生态环境厅……"],
              "窗口服务效能提升工作情况": ["近期，省林草局将……", "近日，我省农业农村系统……"]},
        leader_visits_2022=["12 月 20 日，省发展改革委党组成员、副主任胡玉清……", "12 月 22 日，司法厅二级巡视员刘贵文……"],
        inspection=[(p, "总体情况良好。") for p in POINTS],
    )


def texts(briefing):
    return [b.full_text if isinstance(b, Heading) else (b.lead + b.text) for b in briefing.blocks
            if isinstance(b, (Heading, Paragraph))]


def test_2022_layout_reads_like_reference_2022_44():
    header = Header(year=2022, number=44, total=419, issue_date=date(2023, 1, 12),
                    period_start=date(2022, 12, 19), period_end=date(2022, 12, 23))
    briefing, generated = compose(header, BUILT_IN["2022"][1], week_2022_44())
    lines = texts(briefing)
    assert lines[0] == "一、省级政务服务事项受理办理情况"
    assert lines[1].replace(" ", "").startswith("据四川一体化政务服务平台数据统计，2022年1月1日至2022年12月23日")
    assert "其它九类行权事项受理 61170 件，累计办结 61215 件。" in lines[1]
    assert lines[2:4] == ["二、窗口工作动态", "（一）优化营商环境工作开展情况"]
    assert lines[4] == "（1）省林草局持续推动……"
    assert "（二）窗口服务效能提升工作情况" in lines
    assert "（三）厅（局）长进大厅" in lines
    assert "（2）12 月 22 日，司法厅二级巡视员刘贵文……" in lines
    assert "三、大厅巡查情况" in lines
    assert lines[lines.index("三、大厅巡查情况") + 1] == INSPECTION_INTRO
    assert lines[-1] == "（六）大厅防控情况。总体情况良好。"
    assert briefing.distribution.print_run == 80
    assert all(k in generated for k in ("s1", "s5.intro", "s5.6"))


def test_an_editors_text_replaces_the_generated_one_and_is_marked():
    header = Header(year=2022, number=44, total=419)
    briefing, generated = compose(header, BUILT_IN["2022"][1], week_2022_44(),
                                  edits={"s5.1": "发现 1 个窗口人员迟到，已提醒整改。"})
    edited = [b for b in briefing.blocks if isinstance(b, Paragraph) and b.source == "edited"]
    assert [(p.lead, p.text) for p in edited] == [("（一）按时到岗情况。", "发现 1 个窗口人员迟到，已提醒整改。")]
    assert generated["s5.1"] == "总体情况良好。"


def test_2024_layout_puts_last_months_assessment_in_an_attachment():
    data = BriefingData(
        period_start=date(2024, 1, 8), period_end=date(2024, 1, 12),
        comprehensive={"week": {"consulted": 2968, "accepted": 471, "issued": 3702, "transferred": 5120},
                       "ytd": {"consulted": 36612, "accepted": 9685, "issued": 85944, "transferred": 154351}},
        leader_visits_2024="本周，省市场监管局党组成员、副局长张某，水利厅二级巡视员李某分别到省政务服务大厅窗口调研值守。",
        assessment={"title": "2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果",
                    "columns": ["序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值"],
                    "rows": [[1, "省林草局", 100, 0, 12, 112], ["", "水利厅", 100, 0, 12, 112]]},
    )
    briefing, _ = compose(Header(year=2024, number=2, total=470), BUILT_IN["2024"][1], data)
    lines = texts(printable(briefing))
    # No news, no commendations, no campaign progress: those sections are not printed, the rest renumbered.
    assert lines[:2] == ["一、厅（局）长进大厅", data.leader_visits_2024]
    assert "二、综窗改革攻坚行动" in lines and "（一）省本级综窗办件情况" in lines
    assert not any(t.startswith(("本周无", "本期无")) for t in lines)
    assert any(t.startswith("本周，共计咨询 2968 人次、受理 471 件、颁发 3702 件、流转 5120 件；") for t in lines)
    (attachment,) = briefing.attachments
    assert attachment.title == "附件：2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果"
    assert attachment.blocks[0].rows[1][0] == ""


def test_a_section_with_nothing_to_say_is_left_out_and_the_headings_renumbered():
    blocks = (Heading(1, "甲", "一、"), Heading(2, "空的小节", "（一）"), Heading(2, "有内容", "（二）"),
              Paragraph("内容。"), Heading(1, "空的一节", "二、"), Heading(2, "也是空的", "（一）"),
              Heading(1, "丙", "三、"), Paragraph("丙的内容。"))
    out = without_empty_sections(blocks)
    assert [b.full_text if isinstance(b, Heading) else b.text for b in out] == [
        "一、甲", "（一）有内容", "内容。", "二、丙", "丙的内容。"]


def test_an_editor_may_still_write_a_sentence_where_nothing_is_generated():
    data = BriefingData(period_start=date(2024, 1, 8), period_end=date(2024, 1, 12))
    briefing, generated = compose(Header(year=2024, number=2, total=470), BUILT_IN["2024"][1], data)
    key = next(k for k in generated if k.startswith("s2"))  # 窗口受到表扬情况
    assert generated[key] == ""
    edited, _ = compose(Header(year=2024, number=2, total=470), BUILT_IN["2024"][1], data,
                        edits={key: "本周无窗口受到表扬。"})
    assert texts(printable(edited))[:2] == ["一、窗口受到表扬情况", "本周无窗口受到表扬。"]
