"""好差评 and 12345 over the year.

Ratings by the demo applicant 张三 go through ``feedback.services.rate_case``. The service accepts
a rating only from the applicant's own login, and the generated applicants have none, so their
ratings are bulk-created the way the service writes them; a bad one opens a rectification that the
department verifies (核实) through the service: upheld, it proposes an assessment entry.
"""
from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from zwfw.feedback import services as feedback
from zwfw.feedback.models import Level, Rating, Rectification

RATED_SHARE = 0.3
COMMENTS = {5: ["办事效率高，工作人员热情", "一次办好，非常方便", ""], 4: ["服务不错", ""], 3: [""],
            2: ["等候时间较长，材料要求没有一次说清楚", "窗口工作人员解释不够耐心"]}
TICKETS = [
    ("lcj", "咨询林草种子生产经营许可证延续需要提交哪些材料"),
    ("wjw", "反映医疗机构执业登记办理进度，希望尽快办结"),
    ("scjgj", "咨询企业登记注册能否全程网办"),
    ("swt", "咨询货物出口许可证签发是否可以邮寄送达"),
    ("zjt", "反映建筑业企业资质核准网上申报系统无法上传附件"),
    ("zrzyt", "咨询地质灾害防治单位资质延续办理时限"),
]


def generate(rng: random.Random, cal, start: dt.date, end: dt.date, users: dict, completed: list, progress) -> dict:
    from .live import demo_applicant

    zhang = demo_applicant(users)
    mine = [c for c in completed if c.applicant_id == zhang.pk]
    for case in mine:
        feedback.rate_case(case, user=users["shenqingren"], level=Level.VERY_SATISFIED, comment="医师执业注册网上就办了，很方便",
                           at=case.completed_at + dt.timedelta(hours=2))
    others = [c for c in completed if c.applicant_id != zhang.pk and c.completed_at.date() <= end - dt.timedelta(days=3)]
    sample = sorted(rng.sample(others, round(len(others) * RATED_SHARE)), key=lambda c: c.pk)
    bad = {sample[len(sample) // 3].pk, sample[2 * len(sample) // 3].pk} if len(sample) >= 3 else set()
    ratings = []
    for case in sample:
        level = 2 if case.pk in bad else rng.choices((5, 4, 3), weights=(78, 19, 3))[0]
        at = case.completed_at + dt.timedelta(hours=rng.randint(1, 48))
        ratings.append(Rating(case=case, department=case.department, applicant=case.applicant, level=level,
                              comment=rng.choice(COMMENTS[level]), rated_at=at))
    with transaction.atomic():
        Rating.objects.bulk_create(ratings, batch_size=2000)
        opened = []
        for rating in Rating.objects.filter(case_id__in=bad).select_related("case", "department").order_by("id"):
            day = rating.rated_at.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
            rect = Rectification.objects.create(rating=rating, department=rating.department, opened_on=day,
                                                verify_due_on=cal.add(day, 1))
            rect = feedback.verify_rating(rect, actor=users["zhongxin"], upheld=True, on=day,
                                          note="调阅办件记录和窗口录像，评价反映的问题属实")
            opened.append(rect)
        if opened:
            first = opened[0]
            feedback.close_rectification(
                first, actor=users["zhongxin"], measures="组织窗口人员开展一次性告知业务培训，完善材料清单说明",
                callback_on=cal.add(first.opened_on, 5), callback_result="已电话回访申请人，对整改情况表示认可",
                callback_level=Level.SATISFIED)
    tickets = _tickets(rng, cal, start, end, users)
    progress(f"好差评：评价 {len(ratings) + len(mine)} 条（差评 {len(bad)} 条，已开启整改），12345 工单 {tickets} 件")
    return {"ratings": len(ratings) + len(mine), "bad": len(bad), "tickets": tickets}


def _tickets(rng, cal, start, end, users) -> int:
    from zwfw.catalog.models import Department

    staff = users["zhongxin"]
    days = cal.working_days_in(start, end)
    tz = dt.timezone(dt.timedelta(hours=8))
    for n, (code, content) in enumerate(TICKETS, start=1):
        day = days[min(len(days) - 1, int(len(days) * n / (len(TICKETS) + 1)))]
        received = dt.datetime(day.year, day.month, day.day, 10, 20 + n, tzinfo=tz)
        ticket = feedback.register_ticket(actor=staff, number=f"12345-{day:%Y%m%d}{n:04d}",
                                          department=Department.objects.get(code=code), received_at=received,
                                          content=content)
        if n < len(TICKETS):  # the latest one is still being answered
            ticket = feedback.answer_ticket(ticket, actor=staff, answer="已电话联系来电人，详细解答并告知办理渠道和所需材料。",
                                            at=received + dt.timedelta(days=1))
            feedback.rate_ticket(ticket, actor=staff, level=rng.choice((5, 5, 4)), at=received + dt.timedelta(days=2))
    return len(TICKETS)
