from datetime import date

from zwfw.briefing.document import Attachment, Briefing, Chart, Distribution, Header, Heading, Paragraph, Table
from zwfw.cn import chinese_date, heading_number, parse_chinese_numeral, period_text


def test_chinese_dates_and_periods_read_as_the_centre_writes_them():
    assert chinese_date(date(2023, 1, 20)) == "2023 年 1 月 20 日"
    assert period_text(date(2022, 9, 13), date(2022, 9, 16)) == "（9 月 13 日—9 月 16 日）"


def test_heading_numbers_follow_official_document_levels():
    assert [heading_number(1, n) for n in (1, 2, 10, 11)] == ["一、", "二、", "十、", "十一、"]
    assert heading_number(2, 3) == "（三）" and heading_number(3, 2) == "（2）"
    assert [parse_chinese_numeral(t) for t in ("九", "十", "十二", "二十一", "6")] == [9, 10, 12, 21, 6]


def test_briefing_survives_a_freeze_and_thaw_unchanged():
    briefing = Briefing(
        header=Header(year=2023, number=3, total=423, issue_date=date(2023, 2, 8),
                      period_start=date(2023, 1, 16), period_end=date(2023, 1, 20)),
        blocks=(
            Heading(1, "省级政务服务事项受理办理情况", "一、"),
            Paragraph("据四川一体化政务服务平台数据统计……"),
            Paragraph("总体情况良好。", lead="（一）按时到岗情况。"),
            Table(("序号", "部门窗口"), (("1", "省林草局"),), numeric=(0,)),
            Chart("受理量趋势", ("1 月", "2 月"), (("受理", (1.0, 2.0)),)),
        ),
        attachments=(Attachment("附件：2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果",
                                (Table(("序号",), (("1",),)),)),),
        distribution=Distribution(print_run=80),
    )
    assert briefing.header.issue_line == "2023 年第 3 期（总第 423 期）"
    assert Briefing.from_dict(briefing.to_dict()) == briefing
