"""A year of historical cases and events, built in bulk (bulk_create in batches).

Every case gets the events a case driven through the service layer would have, at
working-day office times inside its item's limits; deadlines and saved days come from
the cases clock. Steps that would fall after the period's last day are not taken, so the
cases accepted in the last days are still open. Counters are rebuilt afterwards from
the event log (stats.services.rebuild).
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from zoneinfo import ZoneInfo

from django.db import transaction

from zwfw.cases import clock, windows
from zwfw.cases.models import Applicant, Case, CaseEvent, CaseSequence, Suspension
from zwfw.cases.numbering import case_number
from zwfw.catalog.models import HandlingItem
from zwfw.workdays.calendar import CalendarMissing

from . import volumes
from .timeline import SUSPENSION_KINDS, STATUS_AFTER, Plan, deadlines_for, plan_steps, timed

TZ = ZoneInfo("Asia/Shanghai")
BATCH = 2000
SUSPENSION_REASONS = {"expert_review": "组织专家评审", "appraisal": "委托技术鉴定", "testing": "委托检测机构检测"}
BACK_OFFICE = ("review_started", "suspended", "resumed", "approved", "denied")
HANDED_OUT = ("issued", "completed")  # 颁发 and delivery: where the result is handed out


class Catalogue:
    """Handling items per statistics category with their demo weights and validity."""

    def __init__(self, rng: random.Random, end: dt.date):
        items = list(HandlingItem.objects.filter(valid_from__lte=end)
                     .select_related("matter__power_type", "matter__department").order_by("code", "valid_from"))
        self.by_category: dict[str, list] = {}
        for item in items:
            self.by_category.setdefault(item.matter.power_type.category, []).append(item)
        self.weights = {c: volumes.item_weights(rng, lst) for c, lst in self.by_category.items()}
        self.materials = {}

    @staticmethod
    def in_force(item, on: dt.date) -> bool:
        m = item.matter
        return (item.valid_from <= on and (item.valid_to is None or item.valid_to > on)
                and m.valid_from <= on and (m.valid_to is None or m.valid_to > on))

    def pick(self, rng: random.Random, category: str, on: dt.date, spot_only: bool = False, fits=None):
        """A weighted item in force on ``on`` (and whose dates the calendar can count, when ``fits`` is given)."""
        items, weights = self.by_category[category], self.weights[category]

        def ok(item):
            return (self.in_force(item, on) and (not spot_only or item.on_the_spot)
                    and (fits is None or fits(item, on)))
        for _ in range(30):
            item = rng.choices(items, weights=weights)[0]
            if ok(item):
                return item
        return next((i for i in items if ok(i)), None)

    def materials_of(self, item) -> list[dict]:
        if item.pk not in self.materials:
            from zwfw.cases.ports import guide_materials

            self.materials[item.pk] = [
                {"name": m.name, "copies": m.copies, "required": m.required, "licence_kind": m.licence_kind,
                 "exempt": False, "provided": True} for m in guide_materials(item)]
        return self.materials[item.pk]


class Builder:
    def __init__(self, rng, cal, start, end, users, people, organisations):
        self.rng, self.cal, self.start, self.end = rng, cal, start, end
        self.users, self.people, self.orgs = users, people, organisations
        self.serials: Counter = Counter()
        self.cases: list[Case] = []
        self.steps: list[list] = []
        self.suspensions: list[tuple[int, str, dt.date, bool, int]] = []
        self.loose_events: list[CaseEvent] = []

    # -- who ----------------------------------------------------------------------------------
    def applicant_for(self, category: str) -> Applicant:
        org_share = {"permit": 0.8, "public_service": 0.15, "other": 0.6}[category]
        pool = self.orgs if self.rng.random() < org_share else self.people
        return self.rng.choice(pool)

    def actor(self, kind: str, case: Case):
        """Who takes the step: the comprehensive window receives its cases and hands out the results of
        the departments that issue there (综合窗口出件); the department's back office decides."""
        dept_code = case.department.code
        if kind == "applied" and case.channel != "window":
            return None  # applied online: no clerk acts
        if kind in HANDED_OUT and volumes.issues_at_comprehensive_window(dept_code):
            return self.users.get("zongchuang")
        if case.at_comprehensive_window and kind not in BACK_OFFICE:
            return self.users.get("zongchuang")
        if kind in ("suspended", "resumed", "approved", "denied"):
            return self.users.get(f"{dept_code}-shenpi") or self.users.get(dept_code)
        return self.users.get(dept_code)

    @staticmethod
    def window(actor, case: Case | None = None) -> str:
        return windows.acting_window(getattr(actor, "role", None), getattr(case, "channel", None))

    # -- one case -----------------------------------------------------------------------------
    def fits(self, item, day: dt.date) -> bool:
        """Whether every date this case may need lies in a year the calendar has (its latest step and deadline)."""
        try:
            self.cal.add(day, item.statutory_days + 12)
        except CalendarMissing:
            return False
        return True

    def add_case(self, item, category: str, day: dt.date, *, rejected=False, on_the_spot=False):
        rng = self.rng
        plan = draw_plan(rng, item, category, day, rejected=rejected, on_the_spot=on_the_spot)
        comprehensive = plan.comprehensive
        steps = [s for s in plan_steps(rng, self.cal, plan) if s[1] <= self.end]
        steps = timed(rng, steps, TZ)
        self.serials[day] += 1
        channel = "window" if on_the_spot or comprehensive or rng.random() < 0.4 or not item.fully_online else "online"
        steps[0] = (steps[0][0], steps[0][1], steps[0][2], {"channel": channel})
        status = STATUS_AFTER[steps[-1][0]]
        case = Case(
            number=case_number(day, self.serials[day]), item=item, department=item.matter.department,
            applicant=self.applicant_for(category), status=status, applied_at=steps[0][1], received_on=day,
            channel=channel, at_comprehensive_window=comprehensive, materials=self.catalogue.materials_of(item),
            version=len(steps) - 1,
        )
        if not rejected:
            self._clock(case, plan, steps)
        else:
            case.reason, case.legal_basis = steps[-1][2], steps[-1][3]["legal_basis"]
        self.cases.append(case)
        self.steps.append(steps)

    def _clock(self, case: Case, plan: Plan, steps: list) -> None:
        kinds = [s[0] for s in steps]
        done_suspended = next((s[3]["suspended_days"] for s in steps if s[0] == "resumed"), 0)
        d = deadlines_for(self.cal, plan, done_suspended)
        case.accepted_on, case.statutory_due, case.promised_due = plan.accepted_on, d.statutory_due, d.promised_due
        case.suspended_days = done_suspended
        if "suspended" in kinds:
            start = next(s[1] for s in steps if s[0] == "suspended").astimezone(TZ).date()
            if "resumed" not in kinds:
                case.suspended_since = start
            self.suspensions.append((len(self.cases), plan.suspension[0], start, "resumed" in kinds,
                                     plan.suspension[1]))
        decision = next((s for s in steps if s[0] in ("approved", "denied")), None)
        if decision is not None:
            case.decided_on = decision[1].astimezone(TZ).date()
            case.saved_days = clock.saved_days(self.cal, case.decided_on, case.statutory_due)
            if decision[0] == "approved":
                case.delivery_due = clock.delivery_due(self.cal, case.decided_on)
        if case.status == "completed":
            at = steps[-1][1]
            case.completed_at = at
            if plan.on_the_spot:  # accepted and handed over at the window in the same action
                case.delivery = "window"
                if case.saved_days is None:
                    case.decided_on = at.astimezone(TZ).date()
                    case.saved_days = clock.saved_days(self.cal, case.decided_on, case.statutory_due)
                steps[-1] = (steps[-1][0], at, steps[-1][2], steps[-1][3] | {"saved_days": case.saved_days})
            else:
                post = self.rng.random() < 0.3
                case.delivery = "post" if post else "window"
                case.tracking_number = f"EMS{self.rng.randrange(10 ** 10):010d}CN" if post else ""
                steps[-1] = (steps[-1][0], at, "",
                             {"delivery": case.delivery, "tracking_number": case.tracking_number,
                              "saved_days": case.saved_days})
        if case.status == "denied" or "denied" in kinds:
            case.reason = "经审查，申请人不符合法定条件"

    # -- events without a case ------------------------------------------------------------------
    def loose(self, kind: str, item, day: dt.date, *, comprehensive: bool, note: str = "", data=None):
        actor = self.users.get("zongchuang") if comprehensive else self.users.get(item.matter.department.code)
        self.loose_events.append(CaseEvent(
            kind=kind, at=volumes.office_time(self.rng, day, TZ), department=item.matter.department,
            power_type_id=item.matter.power_type_id, window=self.window(actor), actor=actor,
            note=note, data=data or {"matter": item.matter.code, "matter_name": item.matter.name}))

    # -- writing --------------------------------------------------------------------------------
    def save(self, progress) -> tuple[int, int]:
        events = 0
        with transaction.atomic():
            for i in range(0, len(self.cases), BATCH):
                chunk = self.cases[i:i + BATCH]
                Case.objects.bulk_create(chunk, batch_size=BATCH)
                rows = []
                for case, steps in zip(chunk, self.steps[i:i + BATCH]):
                    for kind, at, note, data in steps:
                        actor = self.actor(kind, case)
                        rows.append(CaseEvent(
                            case=case, kind=kind, at=at, department_id=case.department_id,
                            power_type_id=case.item.matter.power_type_id,
                            window=self.window(actor, case), note=note, data=data, actor=actor))
                CaseEvent.objects.bulk_create(rows, batch_size=BATCH)
                events += len(rows)
                progress(f"  已写入办件 {min(i + BATCH, len(self.cases))}/{len(self.cases)} 件")
            Suspension.objects.bulk_create([
                Suspension(case=self.cases[idx], kind=kind, started_on=start,
                           ended_on=self.cal.add(start, days) if resumed else None,
                           working_days=days if resumed else 0, reason=SUSPENSION_REASONS[kind],
                           notice=f"特别程序告知书（{SUSPENSION_REASONS[kind]}）", notified_on=start, expected_days=days)
                for idx, kind, start, resumed, days in self.suspensions], batch_size=BATCH)
            CaseEvent.objects.bulk_create(self.loose_events, batch_size=BATCH)
            events += len(self.loose_events)
            existing = dict(CaseSequence.objects.filter(day__in=list(self.serials)).values_list("day", "last"))
            CaseSequence.objects.bulk_create(
                [CaseSequence(day=d, last=n) for d, n in self.serials.items() if d not in existing], batch_size=BATCH)
        return len(self.cases), events


def generate(rng: random.Random, cal, start: dt.date, end: dt.date, scale: float, users: dict,
             people: list, organisations: list, progress) -> dict:
    """Build the period's cases and events; returns what was made, per category."""
    builder = Builder(rng, cal, start, end, users, people, organisations)
    builder.catalogue = catalogue = Catalogue(rng, end)
    days = cal.working_days_in(start, end)
    weights = volumes.day_weights(days)
    made = {}
    for category, target in volumes.targets(scale, (end - start).days + 1).items():
        if category not in catalogue.by_category:
            continue
        accepted_days = volumes.spread(rng, target["accepted"], days, weights)
        with_case = set(rng.sample(range(len(accepted_days)), target["with_case"]))
        spot = 0
        for n, day in enumerate(accepted_days):
            on_the_spot = n not in with_case
            item = catalogue.pick(rng, category, day, spot_only=on_the_spot, fits=builder.fits)
            if item is None:  # a catalogue loaded later than the period starts
                continue
            builder.add_case(item, category, day, on_the_spot=on_the_spot)  # every acceptance has its case
            spot += on_the_spot
        rejected = round(target["with_case"] * volumes.REJECTED_SHARE)
        for day in volumes.spread(rng, rejected, days, weights):
            item = catalogue.pick(rng, category, day, fits=builder.fits)
            if item is not None:
                builder.add_case(item, category, day, rejected=True)
        made[category] = {"cases": len(accepted_days) + rejected, "on_the_spot": spot}
    progress(f"  已生成 {len(builder.cases)} 件办件的办理过程，正在写入数据库……")
    _consultations(builder, days, weights)
    cases, events = builder.save(progress)
    return {"cases": cases, "events": events, "by_category": made}


def _consultations(builder: Builder, days, weights) -> None:
    """咨询 (人次): at the comprehensive window about its items, and at department windows."""
    rng = builder.rng
    comp = [c for c in builder.cases if c.at_comprehensive_window]
    n = round(len(comp) * volumes.CONSULTATIONS_PER_ACCEPTANCE)
    items = [c.item for c in comp] or [c.item for c in builder.cases]
    for day in volumes.spread(rng, n, days, weights):
        builder.loose("consulted", rng.choice(items), day, comprehensive=True)
    others = [c.item for c in builder.cases if not c.at_comprehensive_window]
    for day in volumes.spread(rng, len(others) // 2, days, weights):
        builder.loose("consulted", rng.choice(others), day, comprehensive=False)


def draw_plan(rng, item, category: str, day: dt.date, *, rejected: bool, on_the_spot: bool) -> Plan:
    """One case's plan drawn from the demo's shares (the small demo and the streamed year draw alike)."""
    comprehensive = (not on_the_spot and item.at_comprehensive_window
                     and rng.random() < volumes.COMPREHENSIVE_SHARE)
    suspension = None
    if category == "permit" and item.promised_days >= 5 and rng.random() < volumes.SUSPENDED_SHARE * 3:
        suspension = (rng.choice(SUSPENSION_KINDS)[0], rng.randint(3, 10))
    return Plan(accepted_on=day, statutory=item.statutory_days, promised=item.promised_days,
                comprehensive=comprehensive, rejected=rejected, denied=rng.random() < volumes.DENIED_SHARE,
                late=rng.random() < volumes.LATE_SHARE, suspension=suspension,
                transfers=(1 + (rng.random() < 0.55) + (rng.random() < 0.2)) if comprehensive else 1,
                on_the_spot=on_the_spot)
