"""The last two weeks, driven through the real service layer: open cases in every state for the demo
clerks' worklists, licences issued, renewed and revoked, the abnormal list, ratings and 12345 tickets."""
from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.utils import timezone

from zwfw.cases import services as cases
from zwfw.cases.models import Applicant, Case
from zwfw.cases.ports import guide_materials
from zwfw.catalog.models import HandlingItem, Matter
from zwfw.credit import services as credit
from zwfw.fees import queries as fees
from zwfw.fees import services as fee_services
from zwfw.licences import renewal
from zwfw.licences import services as licences
from zwfw.licences.models import Licence
from zwfw.routing.queries import offices_of
from zwfw.workdays.calendar import CalendarMissing

from .people import resident_id

TZ = ZoneInfo("Asia/Shanghai")
# The path to each target state, after apply and accept.
PATHS = {
    "accepted": [],
    "transferred": ["transfer"],
    "reviewing": ["transfer", "start_review"],
    "suspended": ["transfer", "start_review", "suspend"],
    "completed": ["transfer", "start_review", "approve", "issue", "complete"],
}
# (department window clerk, approver or None, [(matter, item, target state, working days ago accepted)])
WINDOWS = [
    ("lcj", "lcj-shenpi", [
        ("林草种子生产经营许可证核发", "核发", "accepted", 1), ("林草种子生产经营许可证核发", "变更", "transferred", 2),
        ("陆生野生动物人工繁育许可", "核发", "reviewing", 3), ("陆生野生动物人工繁育许可", "变更", "reviewing", 5),
        ("矿藏勘查、开采以及其他各类工程建设占用林地审核", "审核", "suspended", 4),
        ("林草种子生产经营许可证核发", "核发", "reviewing", 6),   # 即将到期: promised 8 working days
        ("林草种子生产经营许可证核发", "核发", "completed", 7), ("陆生野生动物人工繁育许可", "核发", "completed", 8),
        ("森林植被恢复费征收", "征收", "accepted", 1)]),
    ("wjw", "wjw-shenpi", [
        ("放射诊疗许可", "校验", "accepted", 1), ("医师执业注册", "首次注册", "transferred", 2),
        ("放射诊疗许可", "校验", "reviewing", 3), ("放射诊疗许可", "变更", "suspended", 5),
        ("医疗机构执业登记", "新办", "transferred", 2), ("血站执业许可", "延续", "suspended", 6),
        ("放射诊疗许可", "变更", "reviewing", 8),                  # 即将到期: promised 10
        ("医师执业注册", "变更注册", "reviewing", 7),               # 已超期: promised 5
        ("医师执业注册", "首次注册", "completed", 4), ("放射诊疗许可", "校验", "completed", 9)]),
    ("swt", None, [
        ("从事拍卖业务许可", "设立", "accepted", 9), ("两用物项和技术进出口许可", "出口", "transferred", 2),
        ("两用物项和技术进出口许可", "出口", "reviewing", 4), ("两用物项和技术进出口许可", "进口", "reviewing", 8),
        ("货物出口许可证签发", "签发", "reviewing", 3),             # 已超期: promised 1
        ("货物出口许可证签发", "签发", "completed", 2), ("对外贸易经营者备案登记", "备案", "accepted", 1)]),
]


def _at(cal, today: dt.date, back: int, hour: int, minute: int) -> dt.datetime:
    day = cal.add(today, -back)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _item(department: str, matter: str, name: str, on: dt.date) -> HandlingItem:
    return (HandlingItem.objects.in_force(on).select_related("matter__department", "matter__power_type")
            .get(matter__department__code=department, matter__name=matter, name=name))


def drive(cal, today, item, applicant, clerk, approver, state: str, back: int, *, comprehensive=None,
          transfers: int = 1) -> Case:
    """Apply, accept and take the path to ``state`` through the cases services, a step every hour or day."""
    at = _at(cal, today, back, 9, 10 + back)
    provided = [m.name for m in guide_materials(item)]
    window = comprehensive or clerk
    case = cases.apply(item=item, applicant=applicant, actor=window, at=at, provided=provided, automatic=False)
    case = cases.accept(case, actor=window, version=case.version, at=at + dt.timedelta(minutes=12), calendar=cal)
    steps = PATHS[state][:1] * transfers + PATHS[state][1:] if state != "accepted" else []
    day_back = back
    for n, code in enumerate(steps):
        if code in ("start_review", "approve") and day_back > 1:
            day_back -= 1
        when = _at(cal, today, day_back, 10 + n % 7, 5 * n % 60)
        actor = window if code == "transfer" or (code in ("issue", "complete") and comprehensive) else clerk
        if code == "suspend":
            actor = approver
        params = {"kind": "expert_review", "reason": "组织专家对申请材料进行技术评审", "expected_days": 5,
                  "notice": "特别程序告知书（专家评审）"} if code == "suspend" else {}
        if code == "complete":
            params = {"delivery": "window"}
        if code == "transfer":  # to the department's first office, a second transfer to the next
            offices = offices_of(item.matter.department)
            params = {"office": offices[min(n, len(offices) - 1)].code} if offices else {}
        if code == "issue":
            _pay(case, window, when - dt.timedelta(minutes=30))
        case = cases.perform(case, code, actor=actor, version=case.version, at=when, **params)
    return case


def _pay(case: Case, window, at: dt.datetime) -> None:
    """The applicant pays what the case owes at the window (by QR code) before the result is issued."""
    owed = fees.owed(case)
    if owed:
        fee_services.record_payment(case, actor=window, amount=owed, method="qr", at=at, paid_at=at)


def demo_applicant(users: dict) -> Applicant:
    """张三, the demo applicant login ``shenqingren``."""
    number, _ = resident_id(random.Random(0), 123_457)
    applicant = Applicant.objects.filter(user=users["shenqingren"]).first()
    if applicant is None:
        applicant = cases.register_applicant(kind=Applicant.PERSON, name="张三", id_number=number,
                                             phone="13800286123", address="四川省成都市武侯区", user=users["shenqingren"])
    return applicant


def generate(rng: random.Random, cal, today: dt.date, users: dict, persons: list, orgs: list, progress) -> dict:
    made = []
    zhang = demo_applicant(users)
    skipped = 0
    for dept, approver, plans in WINDOWS:
        clerk = users[dept]
        for matter, name, state, back in plans:
            item = _item(dept, matter, name, today)
            if not fits(cal, item, cal.add(today, -back)):
                skipped += 1
                continue
            holder = rng.choice(orgs if item.matter.power_type.category != "public_service" else persons)
            if (dept, name) in (("wjw", "首次注册"), ("wjw", "变更注册")):
                holder = zhang
            if licences.is_renewal_item(item):
                holder = _renewal_holder(rng, item, orgs, cal.add(today, -back))
            made.append(drive(cal, today, item, holder, clerk, users.get(approver), state, back))
    # The comprehensive window: accepted and handed on (often more than once) to the departments' back offices.
    comp = list(HandlingItem.objects.in_force(today).filter(at_comprehensive_window=True, auto_approval=False)
                .select_related("matter__department", "matter__power_type").order_by("code"))
    comp = [i for i in comp if fits(cal, i, today) and i.promised_days >= 3]
    for n, item in enumerate(rng.sample(comp, min(10, len(comp)))):
        dept = item.matter.department.code
        state = "transferred" if n % 3 else "accepted"
        if dept in ("lcj", "wjw", "swt") and n % 2:
            state = "reviewing"
        clerk = users.get(dept) or users["zongchuang"]
        holder = rng.choice(orgs if item.matter.power_type.category != "public_service" else persons)
        back = min(1 + n % 6, item.promised_days - 1)  # none of these is overdue yet
        made.append(drive(cal, today, item, holder, clerk, None, state, back, comprehensive=users["zongchuang"],
                          transfers=1 + n % 2))
    # 张三 applies online himself for a public service; it waits for the department to accept it.
    item = _item("mzt", "婚姻登记档案查询", "查询", today)
    cases.apply(item=item, applicant=zhang, actor=users["shenqingren"], channel="online",
                at=_at(cal, today, 1, 20, 15), automatic=False)
    states = {}
    for c in made:
        states[c.status] = states.get(c.status, 0) + 1
    progress("在办办件（通过办件服务办理）：" + "、".join(f"{_label(s)} {n} 件" for s, n in states.items()))
    extra = _licence_changes(cal, today, users)
    listed = _abnormal_list(rng, today, users)
    progress(f"电子证照：延续 {extra['renewed']} 张、撤销 {extra['revoked']} 张；异常名录：{listed} 家企业")
    if skipped:
        progress(f"  {skipped} 件因办理期限将跨入尚未录入工作日历的年度而未生成")
    return {"cases": len(made) + 1, "states": states, **extra, "listed": listed, "skipped": skipped}


def fits(cal, item, day: dt.date) -> bool:
    """The deadlines of a case accepted on ``day`` lie in years the calendar has (else acceptance is refused)."""
    try:
        cal.add(day, item.statutory_days)
    except CalendarMissing:
        return False
    return True


def _label(status: str) -> str:
    from zwfw.cases.lifecycle import label

    return label(status)


def _renewal_holder(rng, item, orgs, on: dt.date) -> Applicant:
    """For a 延续 case: an organisation whose licence of the kind may still be renewed on ``on``
    (art. 50: at least the kind's lead days before expiry), else one the platform holds none for."""
    renewable = [lic.holder for lic in _renewable(item.matter.department.code, on) if lic.kind.name == item.licence_kind]
    if renewable:
        return renewable[0]
    holding = set(Licence.objects.filter(kind__name=item.licence_kind, issuer=item.matter.department)
                  .values_list("holder_id", flat=True))
    return rng.choice([o for o in orgs if o.pk not in holding] or orgs)


def _renewable(department_code: str, on: dt.date):
    """Licences of a department that may be renewed on ``on``, oldest first."""
    return [lic for lic in Licence.objects.filter(issuer__code=department_code, superseded_by__isnull=True,
                                                  revoked_at__isnull=True, valid_until__isnull=False)
            .select_related("kind", "holder").order_by("issued_at", "id")
            if renewal.applied_in_time(valid_until=lic.valid_until, lead_days=lic.kind.renewal_lead_days, applied_on=on)]


def _licence_changes(cal, today, users) -> dict:
    """One licence renewed (延续) at 省林草局, one revoked at 省卫生健康委."""
    out = {"renewed": 0, "revoked": 0}
    when = _at(cal, today, 3, 15, 20)
    old = next(iter(_renewable("lcj", when.date())), None)
    if old is not None:
        licences.renew(old, actor=users["lcj"], at=when)
        out["renewed"] = 1
    victim = (Licence.objects.filter(issuer__code="wjw", superseded_by__isnull=True, revoked_at__isnull=True)
              .order_by("issued_at", "id").first())
    if victim is not None:
        licences.revoke(victim, actor=users["wjw"], reason="持证机构已停业，依申请撤销",
                        at=_at(cal, today, 2, 16, 0))
        out["revoked"] = 1
    return out


def _abnormal_list(rng, today, users) -> int:
    """Two companies that faked their 地质灾害防治单位资质 application: one year without acceptance."""
    matter = Matter.objects.filter(department__code="zrzyt", name="地质灾害防治单位资质审批").first()
    if matter is None:
        return 0
    start = today - dt.timedelta(days=75)
    after = set(Case.objects.filter(item__matter__code=matter.code, received_on__gte=start)
                .values_list("applicant_id", flat=True))
    before = list(Case.objects.filter(item__matter__code=matter.code, received_on__lt=start,
                                      applicant__kind=Applicant.ORGANISATION)
                  .exclude(applicant_id__in=after).order_by("id").values_list("applicant_id", flat=True).distinct())
    pool = before or list(Applicant.objects.filter(kind=Applicant.ORGANISATION).exclude(id__in=after)
                          .order_by("id").values_list("id", flat=True)[:50])
    chosen = rng.sample(sorted(set(pool)), min(2, len(set(pool))))
    for applicant in Applicant.objects.filter(id__in=chosen).order_by("id"):
        credit.list_applicant(
            actor=users["zhongxin"], applicant=applicant, department=matter.department, matters=[matter],
            reason="申请地质灾害防治单位资质时提供虚假材料", document=f"川自然资函〔{start.year}〕{rng.randint(100, 300)} 号",
            start_date=start, years=1)
    return len(chosen)


def feedback(rng, cal, start, end, users, completed: list, progress) -> dict:
    from .feedback_data import generate as _generate

    return _generate(rng, cal, start, end, users, completed, progress)


__all__ = ["generate", "feedback", "timezone"]
