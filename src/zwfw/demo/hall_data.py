"""The hall over the year: windows and staff, weekly inspection rounds, leader visits, a commendation,
campaigns with their measures, and business-friendly policy items — all through the hall services."""
from __future__ import annotations

import datetime as dt
import random

from zwfw.catalog.models import Department
from zwfw.hall import services as hall
from zwfw.hall.models import Campaign, DutyAssignment, InspectionPoint, Measure, Window

from .people import person_name

INSPECTORS = ["王平台", "刘巡查", "杨督查"]
FINDINGS = {
    "按时到岗情况": ["1 名工作人员 9:05 到岗，迟到", "1 名工作人员 17:20 提前离岗"],
    "工作区域标准化执行情况": ["窗口台面摆放私人物品", "窗口桌面资料摆放杂乱"],
    "着装情况": ["1 名工作人员未按规定着工装"],
    "工作牌佩戴情况": ["1 名工作人员未佩戴工作牌"],
    "纪律秩序": ["工作人员在岗期间玩手机", "窗口无人值守且未放置暂停服务牌"],
}
TITLES = [("海关", ["党委委员、副关长", "二级巡视员"]), ("总队", ["党委委员、副总队长"]), ("贸促会", ["党组成员、副会长"]),
          ("委", ["党组成员、副主任", "二级巡视员"]), ("厅", ["党组成员、副厅长", "二级巡视员", "党组书记、厅长"]),
          ("", ["党组成员、副局长", "二级巡视员", "党组书记、局长"])]
ACCOUNTS = [
    "到窗口看望慰问工作人员，详细了解窗口运行和综窗改革推进情况，要求进一步提升审批服务质效。",
    "到窗口调研值守，现场为企业办理业务，并与中心负责同志就政务服务能力提升进行交流。",
    "带队到窗口指导工作，充分肯定窗口取得的成绩，对下一步优化营商环境工作提出要求。",
]
CAMPAIGNS = [
    ("综窗改革攻坚行动", [("受理工作手册编制", Measure.MANUAL_PROGRESS, "", 1)]),
    ("高效办成一件事", [("新增上线“一件事”", Measure.ENTERED, "新增上线“一件事”{value} 个", 1),
                      ("“一件事”办件量", Measure.ENTERED, "“一件事”累计办件 {value} 件", 0)]),
    ("惠企政策直达快享", [("惠企政策事项动态调整", Measure.POLICY_ADJUSTMENTS, "动态调整省级惠企政策事项 {value} 条", 1),
                      ("兑现惠企资金", Measure.ENTERED, "兑现惠企政策资金 {value} 万元", 1)]),
]
POLICIES = [("jxt", "中小企业发展专项资金"), ("kjt", "科技型中小企业研发费用加计扣除辅导"), ("swt", "外贸企业出口信用保险保费补助"),
            ("scjgj", "个体工商户纾困帮扶"), ("zjt", "建筑业企业资质告知承诺审批"), ("whlyt", "旅行社质量保证金暂退"),
            ("nynct", "农业产业化龙头企业贷款贴息"), ("swj", "小微企业“六税两费”减免"), ("lcj", "林草种苗生产补助"),
            ("jtt", "道路货运车辆通行费优惠"), ("yjj", "创新医疗器械优先审评"), ("gat", "外籍高层次人才出入境便利")]


def generate(rng: random.Random, cal, start: dt.date, end: dt.date, today: dt.date, users: dict, progress) -> dict:
    staff = users["zhongxin"]
    windows = _windows(rng, start)
    rounds, findings = _inspections(rng, cal, start, end, staff, windows)
    visits = _visits(rng, cal, start, end, today, staff)
    comp = windows[None]
    hall.record_commendation(staff, window=comp, person="", honour="“巾帼文明岗”", awarding_body="四川省妇女联合会",
                             document="川妇发〔2026〕8 号", date=cal.add(dt.date(end.year, 3, 8), 0))
    lcj = windows[Department.objects.get(code="lcj").pk]
    hall.record_commendation(staff, window=lcj, person="", honour="感谢信", awarding_body="四川某林业科技有限公司",
                             date=cal.add(end, -12))
    policies = _policies(rng, cal, start, end, staff)
    measures = _campaigns(rng, cal, start, end, staff)
    progress(f"大厅：窗口 {len(windows)} 个，巡查 {rounds} 次（发现问题 {findings} 个），厅（局）长进大厅 {visits} 人次，"
             f"表扬 2 次，专项行动 {len(CAMPAIGNS)} 个（录入进展 {measures} 条），惠企政策 {policies} 条")
    return {"windows": len(windows), "rounds": rounds, "findings": findings, "visits": visits, "policies": policies}


def _windows(rng, start) -> dict:
    """Window 1 is the comprehensive window; then one window per department in display order."""
    out = {}
    comp, _ = Window.objects.get_or_create(number="1", defaults={"name": "综合窗口", "department": None})
    out[None] = comp
    for n, dept in enumerate(Department.objects.filter(in_hall=True).order_by("display_order"), start=2):
        w, _ = Window.objects.get_or_create(number=str(n), defaults={"name": f"{dept.short_name or dept.name}窗口",
                                                                     "department": dept})
        out[dept.pk] = w
    for w in out.values():
        if not w.duties.exists():
            for _ in range(4 if w.department_id is None else rng.choice((1, 2, 2, 3))):
                DutyAssignment.objects.create(window=w, staff_name=person_name(rng), date_from=start)
    return out


def _inspections(rng, cal, start, end, staff, windows) -> tuple[int, int]:
    """One round a week (the week's last working day); about one week in four finds something."""
    depts = [w for k, w in windows.items() if k is not None]
    rounds = findings = 0
    day = start
    while day <= end:
        week = [d for d in cal.working_days_in(day, min(end, day + dt.timedelta(days=6 - day.weekday())))]
        day += dt.timedelta(days=7 - day.weekday())
        if not week:
            continue
        on = week[-1]
        points = {p.label: p for p in InspectionPoint.objects.active_between(on, on)}
        found = []
        if rng.random() < 0.28:
            for _ in range(rng.choice((1, 1, 2))):
                label = rng.choice([p for p in FINDINGS if p in points])
                window = rng.choice(depts)
                found.append({"point": points[label], "window": window, "description": rng.choice(FINDINGS[label])})
        hall.record_round(staff, date=on, inspector=rng.choice(INSPECTORS), findings=found)
        rounds += 1
        findings += len(found)
    return rounds, findings


def _visits(rng, cal, start, end, today, staff) -> int:
    """About two visits a month over the year, and two in the last full week."""
    depts = list(Department.objects.filter(in_hall=True).order_by("display_order"))
    days = cal.working_days_in(start, end)
    dates = sorted(rng.sample(days, min(len(days), 22)))
    monday = today - dt.timedelta(days=today.weekday() + 7)
    last_week = cal.working_days_in(monday, monday + dt.timedelta(days=4)) or days[-2:]
    dates = [d for d in dates if d < monday] + [last_week[0], last_week[-1]]
    for d in dates:
        dept = rng.choice(depts)
        name = person_name(rng)
        titles = next(t for key, t in TITLES if key in dept.name)
        hall.record_visit(staff, department=dept, title=rng.choice(titles), name=name, date=d,
                          account=rng.choice(ACCOUNTS))
    return len(dates)


def _policies(rng, cal, start, end, staff) -> int:
    depts = {d.code: d for d in Department.objects.all()}
    days = cal.working_days_in(start, end)
    for n, (code, name) in enumerate(POLICIES, start=1):
        hall.adjust_policy(staff, kind="added", date=days[min(n * 3, len(days) - 1)], code=f"HQZC-{n:03d}", name=name,
                           department=depts[code], note="纳入省级惠企政策事项清单")
    for n, when in ((2, 0.45), (5, 0.7), (9, 0.9)):
        hall.adjust_policy(staff, kind="amended", date=days[int(len(days) * when)], code=f"HQZC-{n:03d}",
                           note="调整申报条件和兑现流程，实行免申即享")
    hall.adjust_policy(staff, kind="withdrawn", date=days[int(len(days) * 0.8)], code="HQZC-011",
                       note="政策到期，不再执行")
    return len(POLICIES)


def _campaigns(rng, cal, start, end, staff) -> int:
    entered = 0
    for order, (name, measures) in enumerate(CAMPAIGNS, start=1):
        campaign, _ = Campaign.objects.get_or_create(name=name, defaults={"start": start, "order": order})
        for m_order, (m_name, kind, wording, decimals) in enumerate(measures, start=1):
            measure, _ = Measure.objects.get_or_create(
                campaign=campaign, name=m_name, defaults={"kind": kind, "wording": wording, "decimals": decimals,
                                                          "order": m_order})
            if kind != Measure.ENTERED:
                continue
            for week_end in cal.working_days_in(start, end)[::15]:
                value = rng.randint(1, 3) if "上线" in m_name else rng.randint(20, 400)
                hall.record_progress(staff, measure=measure, date=week_end, value=value)
                entered += 1
    return entered
