"""The clock against the database: a case's clocks now, recomputing on calendar edits, the law's
deemed acceptance (art. 32)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zwfw.errors import Conflict
from zwfw.workdays.calendar import PROVISIONAL_LABEL

from . import clock, ports
from .events import case_event
from .models import CLOCK_STATUSES, DELIVERY_STATUSES, Case, Suspension

STOPPED_TEXT = {
    "rejected": "不予受理，未计时", "withdrawn": "申请人已撤回，停止计时", "terminated": "已终止办理，停止计时",
    "completed": "已办结", "approved": "已作出准予许可决定，停止计时", "issued": "已作出准予许可决定，停止计时",
    "denied": "已作出不予许可决定，停止计时",
}


@dataclass
class CaseClock:
    state: str                 # the clock that matters now: decision, then (after an approval) delivery
    state_label: str
    remaining: int | None
    remaining_text: str
    statutory_due: dt.date | None
    promised_due: dt.date | None
    saved_text: str
    phase: str = "decision"    # "decision" | "delivery" | "ended"
    decision_state: str = clock.NOT_STARTED
    decision_text: str = ""
    delivery_due: dt.date | None = None
    delivery_state: str = clock.NOT_STARTED
    delivery_label: str = ""
    delivery_text: str = ""
    provisional: bool = False  # a shown deadline assumed a year without calendar data
    provisional_note: str = ""


def clock_of(case: Case, calendar=None, today: dt.date | None = None, warning_days: int = clock.WARNING_DAYS) -> CaseClock:
    """Both clocks of a case as shown next to it.

    The decision clock counts working days to the promised deadline until the decision stops it;
    an approval then starts the delivery clock (10 working days, art. 44) until 办结.
    """
    today = today or timezone.localdate()
    calendar = calendar or ports.get_calendar()
    status = case.status
    # -- the decision clock
    decision_stopped = status not in CLOCK_STATUSES
    left = None
    if case.promised_due and not decision_stopped:
        # While suspended the clock stands still at the day the suspension began.
        left = clock.remaining(calendar, case.suspended_since or today, case.promised_due)
    decision_state = clock.state(calendar, today, case.promised_due, suspended=status == "suspended",
                                 stopped=decision_stopped and status not in ("applied", "correction"),
                                 warning_days=warning_days)
    decision_text = clock.remaining_sentence(left, decision_state, stopped_text=STOPPED_TEXT.get(status, "已停止计时"))
    # -- the delivery clock
    delivery_state, delivery_left = clock.NOT_STARTED, None
    if case.delivery_due is not None:
        if status in DELIVERY_STATUSES:
            delivery_left = clock.remaining(calendar, today, case.delivery_due)
            delivery_state = clock.state(calendar, today, case.delivery_due, warning_days=warning_days)
        else:
            delivery_state = clock.STOPPED
    delivery_text = ""
    if case.delivery_due is not None:
        delivery_text = clock.remaining_sentence(delivery_left, delivery_state, stopped_text="已送达")
    # -- which one the worklist shows
    if status in DELIVERY_STATUSES and case.delivery_due is not None:
        phase, state, shown_left, text = "delivery", delivery_state, delivery_left, f"颁发送达{delivery_text}"
    else:
        phase = "decision" if status in CLOCK_STATUSES or case.accepted_on is None else "ended"
        state, shown_left, text = decision_state, left, decision_text
    provisional = any(clock.provisional(calendar, start, due) for start, due in (
        (case.accepted_on, case.statutory_due), (case.accepted_on, case.promised_due), (case.decided_on, case.delivery_due)))
    saved = ""
    if case.decided_on is not None and case.saved_days is not None:
        within = bool(case.extension_days) and case.saved_days == 0 and case.decided_on > _base_due(case, calendar)
        saved = clock.saved_sentence(case.saved_days, within_extension=within)
    return CaseClock(
        state=state, state_label=clock.STATE_LABELS[state], remaining=shown_left, remaining_text=text,
        statutory_due=case.statutory_due, promised_due=case.promised_due, saved_text=saved, phase=phase,
        decision_state=decision_state, decision_text=decision_text, delivery_due=case.delivery_due,
        delivery_state=delivery_state, delivery_label=clock.STATE_LABELS[delivery_state], delivery_text=delivery_text,
        provisional=provisional, provisional_note=PROVISIONAL_LABEL if provisional else "",
    )


def _base_due(case: Case, calendar) -> dt.date:
    return clock.deadlines(calendar, case.accepted_on, case.item.statutory_days, case.item.promised_days,
                           0, case.suspended_days).statutory_due


def clock_counts(cases, today: dt.date, calendar=None) -> dict:
    """Warning and overdue counts over a queryset of cases, each clock counted on its own.

    ``warning``/``overdue``: the decision clock (promised deadline, undecided, not suspended);
    ``delivery_warning``/``delivery_overdue``: approvals not yet delivered (art. 44).
    """
    calendar = (calendar or ports.get_calendar()).provisional()
    warn_until = calendar.add(today, clock.WARNING_DAYS)
    running = cases.filter(status__in=[s for s in CLOCK_STATUSES if s != "suspended"], promised_due__isnull=False)
    delivering = cases.filter(status__in=DELIVERY_STATUSES, delivery_due__isnull=False)
    return {
        "overdue": running.filter(promised_due__lt=today).count(),
        "warning": running.filter(promised_due__gte=today, promised_due__lte=warn_until).count(),
        "delivery_overdue": delivering.filter(delivery_due__lt=today).count(),
        "delivery_warning": delivering.filter(delivery_due__gte=today, delivery_due__lte=warn_until).count(),
    }


# ---- calendar edits ------------------------------------------------------------------------------

def _date(d) -> str:
    """A journalled value: a date as YYYY-MM-DD, a number of days as is."""
    if d is None:
        return "—"
    return d.isoformat() if isinstance(d, dt.date) else str(d)


@transaction.atomic
def recompute_open_deadlines(years=None) -> int:
    """After the calendar changed: recompute suspended working days and every running deadline, and
    journal each change on its case. Returns the number of cases changed."""
    calendar = ports.get_calendar()
    running = list(CLOCK_STATUSES) + list(DELIVERY_STATUSES)
    qs = Case.objects.filter(status__in=running, accepted_on__isnull=False).select_related("item__matter", "department")
    if years:
        # A case whose every date is before 1 January of the earliest edited year never crosses an edited day.
        first = dt.date(min(years), 1, 1)
        qs = qs.filter(Q(statutory_due__gte=first) | Q(delivery_due__gte=first) | Q(suspended_since__isnull=False))
    suspensions: dict[int, list[Suspension]] = {}
    for s in Suspension.objects.filter(case__in=qs, ended_on__isnull=False):
        suspensions.setdefault(s.case_id, []).append(s)
    now, changed, fixed_suspensions = timezone.now(), 0, []
    for case in qs.iterator(chunk_size=2000):
        before = (case.suspended_days, case.statutory_due, case.promised_due, case.delivery_due)
        total = 0
        for s in suspensions.get(case.pk, []):
            days = clock.suspended_working_days(calendar, s.started_on, s.ended_on)
            if days != s.working_days:
                s.working_days = days
                fixed_suspensions.append(s)
            total += days
        if case.status in CLOCK_STATUSES:
            d = clock.deadlines(calendar, case.accepted_on, case.item.statutory_days, case.item.promised_days,
                                case.extension_days, total)
            case.suspended_days, case.statutory_due, case.promised_due = total, d.statutory_due, d.promised_due
        elif case.decided_on is not None:
            case.delivery_due = clock.delivery_due(calendar, case.decided_on)
        after = (case.suspended_days, case.statutory_due, case.promised_due, case.delivery_due)
        if after == before:
            continue
        Case.objects.filter(pk=case.pk).update(
            suspended_days=case.suspended_days, statutory_due=case.statutory_due, promised_due=case.promised_due,
            delivery_due=case.delivery_due)
        parts = [f"{label}由 {_date(b)} 调整为 {_date(a)}" for label, b, a in zip(
            ("已挂起工作日", "法定办结期限", "承诺办结期限", "颁发送达期限"), before, after) if a != b]
        edited = f"（{'、'.join(map(str, years))} 年）" if years else ""
        case_event(case, "deadlines_recomputed", at=now, note=f"工作日历调整{edited}，" + "，".join(parts),
                   data={"years": list(years or []), "before": [_date(b) for b in before],
                         "after": [_date(a) for a in after]})
        changed += 1
    Suspension.objects.bulk_update(fixed_suspensions, ["working_days"], batch_size=1000)
    return changed


def on_calendar_changed(sender, years=(), **kwargs) -> None:
    recompute_open_deadlines(years)


# ---- deemed acceptance (art. 32) -------------------------------------------------------------------

def deemed_candidates(today: dt.date, calendar, cases=None):
    """The cases that may be deemed accepted, in SQL (``cases``: a queryset to narrow, e.g. one user's scope);
    ``is_deemed`` decides each on the official calendar."""
    cutoff = calendar.provisional().add(today, -clock.CORRECTION_NOTICE_DAYS)  # received before: > 5 days ago
    qs = Case.objects.all() if cases is None else cases
    return qs.filter(
        Q(status="correction", correction_late=True)
        | Q(status="applied", correction_requested_on__isnull=True, received_on__lt=cutoff)
        | Q(status="applied", corrected_on__isnull=False, corrected_on__lt=cutoff))


def deemed_accepted(today: dt.date | None = None, calendar=None):
    """Cases still waiting that the law already counts as accepted: nobody accepted, refused or gave
    a timely 补正 notice within 5 working days of receipt (or of the corrected materials)."""
    today = today or timezone.localdate()
    calendar = calendar or ports.get_calendar()
    qs = deemed_candidates(today, calendar).select_related("item__matter", "department", "applicant")
    return [c for c in qs.order_by("received_on", "id") if is_deemed(c, calendar, today)]


def is_deemed(case: Case, calendar, today: dt.date) -> bool:
    return case.correction_late or clock.deemed_accepted_from(
        calendar, today, received_on=case.received_on, correction_requested_on=case.correction_requested_on,
        corrected_on=case.corrected_on) is not None


def accept_deemed(today: dt.date | None = None) -> int:
    """Accept, by law, every case nobody decided on in time (run daily with ``zwfw cases overdue``).

    The acceptance event is dated the first day the case counted as accepted by law (never later
    than now); the clock runs from receipt or from the corrected materials. Returns the number accepted.
    """
    from .actions import deem_accepted

    today = today or timezone.localdate()
    calendar = ports.get_calendar()
    now, n = timezone.now(), 0
    for case in deemed_accepted(today, calendar):
        start = case.corrected_on or case.received_on
        first_day = clock.acceptance_window_end(calendar, start) + dt.timedelta(days=1)
        at = min(now, timezone.make_aware(dt.datetime.combine(first_day, dt.time(0, 0))))
        try:
            with transaction.atomic():
                n += deem_accepted(case, at=max(at, case.applied_at), calendar=calendar) is not None
        except Conflict:  # a clerk acted on it meanwhile: their step stands
            continue
    return n
