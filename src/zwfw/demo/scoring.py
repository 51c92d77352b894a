"""Monthly window assessment: a 2023-style rule set, automatic sources mapped to rules, and confirmed
entries for every past month (through the assessment services)."""
from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from zwfw.assessment import services as assessment
from zwfw.assessment.models import Entry, Rule, RuleSet, SourceMapping
from zwfw.cases.overdue import propose_overdue
from zwfw.catalog.models import Department

# (code, description, kind, points, monthly cap)
RULES = [
    ("K01", "工作人员迟到、早退", Rule.DEDUCTION, "1", None),
    ("K02", "工作人员未按规定佩戴工作牌", Rule.DEDUCTION, "0.5", "2"),
    ("K03", "工作人员未按规定着装", Rule.DEDUCTION, "0.5", "2"),
    ("K04", "工作区域未按标准化要求摆放", Rule.DEDUCTION, "0.5", "2"),
    ("K05", "大厅巡查发现违反纪律秩序等问题", Rule.DEDUCTION, "1", None),
    ("K06", "办件超过承诺办结时限", Rule.DEDUCTION, "2", None),
    ("K07", "办件获群众“不满意”“非常不满意”评价（差评）", Rule.DEDUCTION, "2", None),
    ("J01", "窗口或个人受到表扬", Rule.ADDITION, "2", "6"),
    ("J02", "收到办事群众锦旗、感谢信", Rule.ADDITION, "1", "3"),
    ("J03", "承担中心交办的专项工作并按时完成", Rule.ADDITION, "1", "2"),
]
# (source, 问题类别 or "" for the rest) → clause: each kind of finding proposes its own clause.
MAPPINGS = {("inspection_finding", ""): "K05", ("inspection_finding", "按时到岗"): "K01",
            ("inspection_finding", "工作牌"): "K02", ("inspection_finding", "着装"): "K03",
            ("inspection_finding", "工作区域"): "K04", ("overdue_case", ""): "K06", ("bad_rating", ""): "K07",
            ("commendation", ""): "J01", ("commendation", "感谢信"): "J02", ("commendation", "锦旗"): "J02"}
HAND = [("K01", "大厅考勤记录显示 1 名工作人员迟到"), ("J02", "收到办事企业赠送锦旗"),
        ("J03", "按时完成综窗受理工作手册编制任务"), ("K02", "1 名工作人员未佩戴工作牌"),
        ("J02", "收到办事群众感谢信")]


def load_rules(start: dt.date) -> RuleSet:
    """The rule set in force from 1 January 2023, with the automatic sources mapped to its rules."""
    rs, created = RuleSet.objects.get_or_create(
        version="2023 版", defaults={"effective_from": min(start, dt.date(2023, 1, 1)),
                                    "name": "省政务服务大厅窗口考核实施细则（2023 年修订）"})
    if created:
        Rule.objects.bulk_create([Rule(ruleset=rs, code=c, description=d, kind=k, points=Decimal(p),
                                       monthly_cap=Decimal(cap) if cap else None) for c, d, k, p, cap in RULES])
    for (source, detail), code in MAPPINGS.items():
        SourceMapping.objects.get_or_create(source_kind=source, detail=detail, defaults={"rule_code": code})
    return rs


def months(start: dt.date, today: dt.date) -> list[dt.date]:
    """First days of the months from ``start``'s up to last month."""
    out, m = [], start.replace(day=1)
    while m < today.replace(day=1):
        out.append(m)
        m = (m + dt.timedelta(days=32)).replace(day=1)
    return out


def generate(rng: random.Random, start: dt.date, today: dt.date, users: dict, progress) -> dict:
    staff = users["zhongxin"]
    depts = list(Department.objects.filter(in_hall=True).order_by("display_order"))
    propose_overdue(today, since=start)  # what the daily `zwfw cases overdue` does, over the whole year
    hand = confirmed = 0
    for month in months(start, today):
        for dept in rng.sample(depts, rng.randint(3, 7)):
            code, evidence = rng.choice(HAND)
            assessment.add_entry(staff, department=dept, month=month, rule_code=code,
                                 on_date=month + dt.timedelta(days=rng.randint(0, 25)), evidence=evidence)
            hand += 1
        for entry in Entry.objects.filter(month=month, status=Entry.PROPOSED).order_by("id"):
            assessment.confirm_entry(staff, entry.pk)
            confirmed += 1
    progress(f"窗口考核：细则 {len(RULES)} 条，{len(months(start, today))} 个月，人工录入 {hand} 条、确认自动提出 {confirmed} 条")
    return {"months": len(months(start, today)), "hand": hand, "confirmed": confirmed}
