"""A sample briefing shaped like the centre's issues (reference 2023-03, with the
2024 layout's assessment attachment and a trend chart), for previews, screenshots
and the renderer tests. The figures are those of the references, not computed.
"""
from __future__ import annotations

from datetime import date

from zwfw.briefing.document import (Attachment, Briefing, Chart, Distribution, Header, Heading,
                                    Paragraph, Table)

WINDOWS = (
    "省林草局", "省市场监管局", "省卫生健康委", "商务厅", "生态环境厅", "文化和旅游厅", "水利厅",
    "省发展改革委", "司法厅", "住房城乡建设厅", "交通运输厅", "农业农村厅", "自然资源厅", "教育厅",
    "科技厅", "经济和信息化厅", "公安厅", "民政厅", "人力资源社会保障厅", "应急管理厅", "省药监局",
    "省广电局", "省文物局", "省能源局", "省粮食和储备局", "省地方金融监管局", "省通信管理局",
    "四川银保监局", "省气象局",
)

INSPECTION_POINTS = ("按时到岗情况", "工作区域标准化执行情况", "着装情况", "工作牌佩戴情况", "纪律秩序", "大厅防控情况")


def assessment_rows() -> tuple[tuple[str, ...], ...]:
    """29 windows ranked by score with shared places; a tie leaves the second 序号 blank, as printed."""
    added = [12, 10, 8, 8, 7, 6, 5, 4, 3, 2, 1] + [3, 2, 2, 1, 1] + [0] * 13
    deducted = [0] * 11 + [3, 3, 4, 4, 5] + [1, 2, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 12]
    scored = sorted(((100 - d + a, name, d, a) for name, d, a in zip(WINDOWS, deducted, added)),
                    key=lambda row: -row[0])
    rows, previous = [], None
    for position, (score, name, d, a) in enumerate(scored, start=1):
        rank = "" if score == previous else str(position)
        previous = score
        rows.append((rank, name, "100", str(-d), str(a), str(score)))  # deductions print negative
    return tuple(rows)


def sample_briefing() -> Briefing:
    header = Header(year=2023, number=3, total=423, issue_date=date(2023, 2, 8),
                    period_start=date(2023, 1, 16), period_end=date(2023, 1, 20))
    blocks = (
        Heading(1, "省级政务服务事项受理办理情况", "一、"),
        Paragraph("据四川一体化政务服务平台数据统计，2023 年 1 月 1 日至 2023 年 1 月 20 日，省本级行政许可事项"
                  "受理 30880 件，办结 32631 件；公共服务事项受理 214771 件，办结 210311 件，其它九类行权事项"
                  "受理 2848 件，累计办结 3187 件。", source="generated"),
        Chart("2023 年省本级行政许可事项周受理办结情况", ("1 月 3 日—1 月 6 日", "1 月 9 日—1 月 13 日",
              "1 月 16 日—1 月 20 日"), (("受理", (10212.0, 11034.0, 9634.0)), ("办结", (11540.0, 10987.0, 10104.0))),
              kind="bar", unit="件"),
        Heading(1, "窗口工作动态", "二、"),
        Heading(2, "优化营商环境工作开展情况", "（一）"),
        Paragraph("近日，为深入推进商务厅下放委托行政许可事项在自贸试验区落地落实，商务厅对委托中国（四川）自贸试验区"
                  "成都高新片区实施“从事拍卖业务许可”的承接情况开展专题调研。商务厅审批处会同成都高新区国际合作商务局，"
                  "通过对自贸区内去年以来取得《中华人民共和国拍卖经营批准证书》的 4 家拍卖企业进行实地走访，详细了解企业"
                  "在申办拍卖许可证、开展跨区域经营活动过程中面临的困难和问题。", lead="（1）"),
        Paragraph("文旅厅持续深化“放管服”改革，持续优化文旅营商环境。一是打造“一件事一次办”，着力解决企业群众办事"
                  "“折返跑”。将文旅领域 11 个跨部门、跨层级的审批事项整合为“一件事一次办”，变“多线多次办理”为"
                  "“单线一次办好”；深入拓展“省内通办”“川渝通办”，实现 2 个审批事项“省内通办”。", lead="（2）"),
        Heading(2, "窗口服务效能提升工作情况", "（二）"),
        Paragraph("近日，省林草局会同国家税务总局省税务局、财政厅、中国人民银行成都分行印发了《关于森林植被恢复费、"
                  "草原植被恢复费划转税务部门征收有关事项的通知》（川税发〔2022〕75 号），调整了两项费用的解缴方式。"
                  "自此，省林草局所有行政收费项目简化为“全程网办”，再配合“邮寄送达”等便民服务，真正实现了“只跑一次”。"),
        Heading(2, "厅（局）长进大厅", "（三）"),
        Paragraph("1 月 18 日，省市场监管局党组成员、副局长王箭带队赴省政务服务大厅，看望慰问省市场监管窗口干部职工，"
                  "充分肯定窗口人员在疫情防控形势下为审批工作付出的努力和取得的成效。", lead="（1）"),
        Paragraph("1 月 18 日，生态环境厅党组成员、机关党委书记陈秋绿到生态环境厅窗口看望慰问工作人员并组织座谈，"
                  "现场为成都云克药业有限责任公司办理了放射性药品及原料转让审批。", lead="（2）"),
        Paragraph("1 月 18 日，省发展改革委二级巡视员黄斌到窗口指导工作。他对近期窗口取得的成绩给予了充分肯定，"
                  "也对窗口下一步工作提出了三点要求。", lead="（3）"),
        Paragraph("1 月 20 日，在农历兔年春节来临之际，水利厅党组成员、副厅长王华亲切看望慰问派驻省政务服务中心"
                  "窗口一线工作的干部职工，向大家一年来的辛勤工作表示衷心感谢。", lead="（4）"),
        Heading(1, "大厅巡查情况", "三、"),
        Paragraph("大厅窗口规范化、标准化作为大厅管理贯彻始终的重点工作之一，各部门窗口须严格执行规范化、标准化要求，"
                  "政务平台服务处结合“放管服”大督查要求，将加强管理力度和措施、加大督（巡）查力度，落实各项规范化、"
                  "标准化要求。本周大厅巡查情况如下："),
        *(Paragraph("总体情况良好。", lead=f"（{n}）{point}。")
          for n, point in zip("一二三四五", INSPECTION_POINTS)),
        Paragraph("大厅人员管控到位，物业对大厅各点位消杀落实到位，大厅运行保障有序。", lead="（六）大厅防控情况。"),
    )
    attachment = Attachment(
        "2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果",
        (Table(("序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值"), assessment_rows(),
               numeric=(2, 3, 4, 5), note="注：实得分值＝基础分分值＋减分分值＋加分分值，减分以负数列示。"),),
    )
    return Briefing(header=header, blocks=blocks, attachments=(attachment,), distribution=Distribution())


# --- a composed demo issue for each built-in layout ------------------------------------------

NEWS_2022 = {
    "优化营商环境工作开展情况": [
        "省林草局持续推动“一网通办”前提下“最多跑一次”改革，大力推进“网上办”“掌上办”，实现林草行政许可"
        "“最多跑一次”事项和全程网办事项占比 100%，承诺办结时间提速达 61.84%，本周通过省一体化政务服务平台"
        "办结林草种子生产经营许可 126 件，平均用时 3.5 个工作日。",
        "12 月 19 日，省卫健委行政审批窗口组织省级专家赴省妇幼保健院就该院天府院区执业登记开展上门服务指导工作，"
        "现场解答审批流程、申请表单、选址报告等问题 23 个，帮助申请单位提前做好 2 个新院区的执业登记准备。",
    ],
    "窗口服务效能提升工作情况": [
        "住建厅窗口通过加快回复 12345 咨询件、对部分办公电话呼叫转移等方式解答企业和群众咨询，同时正常推进网上"
        "审批及申报业务公示工作，受理审核建筑行业各类资质申请、入川备案及实行电子化审查的安全生产许可证业务"
        "共计 4082 件，对通过审核的 2 个批次 108 家企业如期进行了通告。",
        "商务厅窗口推行货物出口许可证“无人工干预智能审批”，企业在线申请后系统自动比对核验、即时签发，本周共签发"
        "出口许可证 1275 份，较上周增加 318 份，企业办事实现“零跑腿”。",
    ],
}
LEADER_VISITS = [
    "1 月 18 日，省市场监管局党组成员、副局长王箭带队赴省政务服务大厅，看望慰问省市场监管窗口干部职工，"
    "充分肯定窗口人员为审批工作付出的努力和取得的成效。",
    "1 月 20 日，水利厅党组成员、副厅长王华亲切看望慰问派驻省政务服务中心窗口一线工作的干部职工，"
    "向大家一年来的辛勤工作表示衷心感谢。",
]
PLAIN_TEXT = (  # plain Chinese text without digits: its full lines show the 28-character grid
    "交通运输厅窗口坚持以企业和群众需求为导向，主动对接行业协会和重点企业，深入了解道路运输经营许可办理中的"
    "堵点难点，梳理形成问题清单，逐项明确责任处室和办理时限，推动审批服务由被动受理向主动服务转变，"
    "企业和群众办事体验持续提升。"
)


def demo_data(code: str):
    """A week's figures shaped like the references (2022-31, 2022-44, 2023-03), for every section kind
    the built-in layouts use; the week has no commendations and no policy news, so those sections
    have nothing to say."""
    from zwfw.briefing.compose import BriefingData

    start, end = date(2024, 1, 15), date(2024, 1, 19)
    news = {theme: list(items) for theme, items in NEWS_2022.items()}
    news["窗口服务效能提升工作情况"].append(PLAIN_TEXT)
    return BriefingData(
        period_start=start, period_end=end,
        provincial={"as_of": end, "permit": {"accepted": 785283, "completed": 776297},
                    "public_service": {"accepted": 21116425, "completed": 8845256},
                    "other": {"types": 9, "accepted": 61170, "completed": 61215}},
        comprehensive={"week": {"consulted": 2968, "accepted": 471, "issued": 3702, "transferred": 5120},
                       "ytd": {"consulted": 36612, "accepted": 9685, "issued": 85944, "transferred": 154351}},
        catalog_change=["主项从 1374 项调整为 1375 项，办理项从 2146 项调整为 2150 项",
                        "省药监局新增“药品零售企业经营许可”1 个事项（主项 1 个、办理项 4 个）"],
        campaigns={"综窗改革攻坚行动": ["共完成 1025 个办理项的受理工作手册编制，占比 50.0%。"],
                   "高效办成一件事": [PLAIN_TEXT.replace("大厅窗口规范化", "各进驻部门围绕“高效办成一件事”规范化", 1)]},
        news=news if code != "2024" else {"": [t for items in news.values() for t in items]},
        leader_visits_2022=LEADER_VISITS,
        leader_visits_2024="本周，省市场监管局党组成员、副局长王箭，水利厅党组成员、副厅长王华分别到省政务服务大厅"
                           "窗口调研值守。",
        inspection=[(point, "总体情况良好。") for point in INSPECTION_POINTS[:5]],
        assessment={"title": "2023 年 12 月省政务服务大厅进驻部门（单位）窗口考核结果",
                    "columns": ["序号", "部门窗口", "基础分分值", "减分分值", "加分分值", "实得分值"],
                    "rows": [list(r) for r in assessment_rows()]},
    )


def demo_issue(code: str) -> Briefing:
    """The built-in layout ``code`` composed over demo_data, as issue 3 of 2024, with the layout's
    own 版头 and 版记."""
    from zwfw.briefing.compose import compose
    from zwfw.briefing.layouts import BUILT_IN, DEFAULTS

    d = DEFAULTS[code]
    data = demo_data(code)
    data.distribution = Distribution(report_to=d.report_to, send_to=d.send_to, issue_to=d.issue_to,
                                     print_run=d.print_run)
    header = Header(year=2024, number=3, total=470, issue_date=date(2024, 1, 22), period_start=data.period_start,
                    period_end=data.period_end, issue_line_first=d.issue_line_first, section_title=d.section_title)
    return compose(header, BUILT_IN[code][1], data)[0]
