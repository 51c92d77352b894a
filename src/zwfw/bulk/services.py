"""Bulk intake: many events of many cases from a department's system, in one transaction.

Each row goes through the same lifecycle command as the single-event endpoint
(``cases.actions.perform``); the difference is only how the results are written
(``cases.steps.collecting``): the affected cases are loaded in one query (locked, in id
order, so two batches never deadlock), the steps run in memory, and then each case is
written once, the events in one bulk insert and the counters one upsert per key. A refused
row is reported (index, event id, code, Chinese message, field) and the others are applied.
An event id the department already pushed is reported as a duplicate and not applied again.
"""
from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from zwfw.accounts.scoping import ensure_not_read_only
from zwfw.cases import actions, ports, steps, timebounds
from zwfw.cases.models import CaseEvent
from zwfw.cases.queries import cases_for
from zwfw.dbcopy import copy_new
from zwfw.errors import Conflict, DomainError

from . import rows as R
from .models import PushedEvent


def apply_events(*, actor, raw_rows: list) -> dict:
    """Apply a batch; the report {received, applied, duplicates, rejected}. DomainError for the batch as a
    whole (empty, too many rows)."""
    ensure_not_read_only(actor)  # a leader's batch is refused whole (403), as each row would be
    R.check_size(len(raw_rows))
    good: list[R.Row] = []
    rejected: list[R.Rejected] = []
    for i, raw in enumerate(raw_rows):
        try:
            good.append(R.clean(i, raw))
        except DomainError as exc:
            rejected.append(R.rejected(i, raw, exc))
    duplicates: list[dict] = []
    applied = 0
    try:
        with transaction.atomic():
            applied = _apply(actor, good, rejected, duplicates)
    except IntegrityError:  # the same event id committed meanwhile by a concurrent batch for another case
        raise Conflict("部分事件编号正被另一批推送同时写入，本批未写入任何数据，请稍后用同一 Idempotency-Key 重试。",
                       code="concurrent_batch", field="events") from None
    rejected.sort(key=lambda r: r.index)
    return {"received": len(raw_rows), "applied": applied, "duplicates": duplicates,
            "rejected": [r.as_dict() for r in rejected]}


def _apply(actor, good: list[R.Row], rejected: list, duplicates: list) -> int:
    numbers = sorted({r.case for r in good})
    cases = {c.number: c for c in cases_for(actor).select_related(None)
             .select_related("item__matter", "department", "applicant")
             .select_for_update(of=("self",)).filter(number__in=numbers).order_by("pk")}
    ids = {r.event_id for r in good}
    pushed = set(PushedEvent.objects.filter(department_id__in={c.department_id for c in cases.values()},
                                            event_id__in=ids).values_list("department_id", "event_id"))
    timed = {cases[r.case].pk for r in good if r.at is not None and r.case in cases}
    last = dict(CaseEvent.objects.filter(case_id__in=timed).values("case_id").annotate(last=Max("at"))
                .values_list("case_id", "last")) if timed else {}
    calendar = ports.get_calendar()
    now, days_back = timezone.now(), timebounds.max_days_back()
    done: list[tuple[R.Row, int, int]] = []  # row, department, index of its first event in the batch
    with steps.collecting() as batch, ports.unlisted_known({c.applicant_id for c in cases.values()}):
        for row in good:
            case = cases.get(row.case)
            if case is None:
                rejected.append(R.Rejected(row.index, row.event_id, row.case, "not_found",
                                           f"没有找到办件“{row.case}”，或您无权办理。", "case"))
                continue
            key = (case.department_id, row.event_id)
            if key in pushed:
                duplicates.append({"index": row.index, "event_id": row.event_id, "case": row.case})
                continue
            mark = batch.mark(case)
            first = len(batch.events)
            try:
                at = _when(actor, row, case, last, now, days_back, calendar)
                actions.perform(case, row.code, actor=actor, at=at, calendar=calendar,
                                version=case.version if row.version is None else row.version, **row.params)
            except DomainError as exc:
                batch.undo(mark)
                rejected.append(R.Rejected(row.index, row.event_id, row.case, exc.code, exc.message, exc.field))
                continue
            pushed.add(key)
            last[case.pk] = at
            done.append((row, case.department_id, first))
        events = batch.flush()
    received = timezone.now()
    copy_new(PushedEvent, [PushedEvent(department_id=dept, event_id=row.event_id, case_event_id=events[first].pk,
                                       received_at=received) for row, dept, first in done], ids=False)
    return len(done)


def _when(actor, row: R.Row, case, last: dict, now, days_back: int, calendar):
    """The step's time: now, or the pushed time within the same bounds as the single-event endpoint."""
    if row.at is None:
        return now
    timebounds.check_claimed(actor, row.at, now)
    found = timebounds.problem(row.at, last=last.get(case.pk), now=now, max_days_back=days_back,
                               calendar_years=calendar.years)
    if found:
        code, message = found
        raise DomainError(message, code=code, field="at")
    return row.at
