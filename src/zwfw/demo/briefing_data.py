"""The demo's weekly briefings: window news, where numbering starts, a published issue and a draft."""
from __future__ import annotations

import datetime as dt

from zwfw.briefing import editorial, news
from zwfw.briefing.models import NumberingStart

# (department code, theme, text) — in the windows' own voice, as the references read.
NEWS = [
    ("lcj", "优化营商环境工作开展情况",
     "省林草局持续推动“一网通办”前提下“最多跑一次”改革，林草种子生产经营许可实现“全程网办”，"
     "本周通过省一体化政务服务平台办结 6 件，平均用时较承诺时限缩短 3 个工作日。"),
    ("wjw", "优化营商环境工作开展情况",
     "省卫生健康委窗口组织省级专家赴医疗机构开展执业登记上门指导，现场解答审批流程、申请表单等问题，"
     "帮助申请单位提前做好新院区执业登记准备。"),
    ("swt", "窗口服务效能提升工作情况",
     "商务厅窗口推行货物出口许可证“无人工干预智能审批”，企业在线申请后系统自动比对核验、即时签发，"
     "本周共签发出口许可证 40 余份，企业办事实现“零跑腿”。"),
    ("zjt", "窗口服务效能提升工作情况",
     "住房城乡建设厅窗口对建筑业企业资质延续申请实行“告知承诺”，精简证明材料 3 项，"
     "本周受理审核各类资质申请 120 余件，均在承诺时限内办结。"),
]


def _week_before(today: dt.date, weeks: int) -> tuple[dt.date, dt.date]:
    monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks)
    return monday, monday + dt.timedelta(days=4)


def generate(today: dt.date, users: dict, progress=print) -> dict:
    """Last week's news (accepted), the week before published, last week as a draft."""
    from zwfw.accounts.models import Role, User
    from zwfw.catalog.models import Department

    editorial.ensure_built_in_templates()
    staff = users["zhongxin"]
    earlier, last = _week_before(today, 2), _week_before(today, 1)
    # Where the centre adopted the system: the numbers its own issues continue from.
    NumberingStart.objects.get_or_create(year=earlier[1].year, defaults={
        "number": 44, "total": 580, "note": "演示：本系统接续纸质周报的期号"})
    depts = {d.code: d for d in Department.objects.all()}
    for code, theme, text in NEWS:
        # A window without a demo login has its item entered by centre staff on its behalf.
        clerk = User.objects.filter(role=Role.DEPARTMENT_CLERK, department=depts[code]).first() or staff
        item = news.submit(clerk, department=depts[code], day=last[0], theme=theme, text=text)
        news.accept(staff, item.pk)
    published = editorial.create_draft(staff, period_start=earlier[0], period_end=earlier[1], template_code="2022")
    published = editorial.publish(staff, published.pk, on=earlier[1] + dt.timedelta(days=3))
    draft = editorial.create_draft(staff, period_start=last[0], period_end=last[1], template_code="2024")
    progress(f"周报：已发布 {published}，{last[0]:%m-%d} 至 {last[1]:%m-%d} 一期为草稿（编号 {draft.pk}）")
    return {"published": published.pk, "draft": draft.pk}
