"""Writers of feedback: rate a completed case, verify a bad rating, close a rectification with its
callback, register / answer / rate 12345 tickets. One transaction each.

The 差评 loop: a bad rating needs its reason; the department verifies it (核实) within
``ZWFW_BAD_RATING_VERIFY_DAYS`` working days before anything else happens; only a verified one
proposes an assessment deduction and is rectified within ``ZWFW_RECTIFICATION_DAYS`` working days,
closed with a call-back giving the rater's view of the fix. One found not to hold never deducts.
"""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from zwfw.accounts.scoping import ensure_can_act, ensure_may
from zwfw.errors import Conflict, DomainError, Forbidden
from zwfw.timeframe import before_day

from .models import Level, Rating, Rectification, HotlineTicket


def parse_level(value, *, field: str = "level") -> Level:
    """A level from its number (1–5) or its Chinese label (非常满意 … 非常不满意)."""
    if isinstance(value, str):
        text = value.strip()
        for level in Level:
            if text == level.label:
                return level
        value = int(text) if text.isdigit() else None
    try:
        return Level(value)
    except (TypeError, ValueError):
        raise DomainError("请选择评价等级：非常满意、满意、基本满意、不满意或非常不满意。",
                          code="invalid_level", field=field) from None


def _propose_assessment_entry(rating: Rating) -> None:
    """Tell window assessment about a bad rating: a proposed entry that staff confirm."""
    from zwfw.assessment.services import propose_entry

    propose_entry(rating.department, timezone.localdate(rating.rated_at), "bad_rating", f"rating:{rating.pk}",
                  f"办件 {rating.case.number} 获评“{rating.get_level_display()}”：{rating.comment or '无评价内容'}")


def rate_case(case, *, user, level, comment: str = "", at: dt.datetime | None = None) -> Rating:
    """The applicant rates a completed case, once. A bad rating opens a rectification."""
    from zwfw.cases.models import CaseStatus
    from zwfw.workdays.services import get_calendar

    applicant = case.applicant
    if user is None or not getattr(user, "is_authenticated", False) or applicant.user_id != user.pk:
        raise Forbidden("只有该办件的申请人本人可以评价。", code="not_applicant")
    if case.status != CaseStatus.COMPLETED:
        raise DomainError("办件办结后才能评价。", code="case_not_completed")
    level = parse_level(level)
    comment = (comment or "").strip()
    if level in (Level.DISSATISFIED, Level.VERY_DISSATISFIED) and not comment:
        raise DomainError(f"评价为“{Level(level).label}”时请写明原因，便于窗口核实整改。", code="reason_required",
                          field="comment")
    at = at or timezone.now()
    try:
        with transaction.atomic():
            rating = Rating.objects.create(case=case, department=case.department, applicant=applicant,
                                           level=level, comment=comment, rated_at=at)
            if rating.is_bad:
                opened = timezone.localdate(at)
                Rectification.objects.create(
                    rating=rating, department=case.department, opened_on=opened,
                    verify_due_on=get_calendar().add(opened, settings.ZWFW_BAD_RATING_VERIFY_DAYS))
            return rating
    except IntegrityError:
        raise Conflict("该办件已评价过，每个办件只能评价一次。", code="already_rated") from None


def verify_rating(rectification: Rectification, *, actor, upheld: bool, note: str,
                  on: dt.date | None = None) -> Rectification:
    """核实 a bad rating. Upheld: the rectification runs from today and the deduction is proposed.
    Not upheld (with the reason): closed, no deduction."""
    from zwfw.workdays.services import get_calendar

    ensure_may(actor, "handle_feedback")
    ensure_can_act(actor, rectification.department)
    note = (note or "").strip()
    if not note:
        raise DomainError("请填写核实情况。", code="verification_required", field="verification")
    on = on or timezone.localdate()
    with transaction.atomic():
        rect = Rectification.objects.select_for_update().select_related("rating__case").get(pk=rectification.pk)
        if rect.status != Rectification.VERIFYING:
            raise Conflict(f"该差评已{rect.get_status_display()}，不能再核实。", code="already_verified")
        rect.verified_on, rect.verified_by, rect.verification = on, actor, note
        if upheld:
            rect.status = Rectification.OPEN
            rect.due_on = get_calendar().add(on, settings.ZWFW_RECTIFICATION_DAYS)
            _propose_assessment_entry(rect.rating)
        else:
            rect.status = Rectification.NOT_UPHELD
        rect.save()
        return rect


def apply_default_ratings(today: dt.date) -> int:
    """Where the centre switches it on (ZWFW_DEFAULT_RATING_SATISFIED): a case completed more than
    ZWFW_DEFAULT_RATING_DAYS working days ago and still not rated counts as 满意. Returns how many."""
    from zwfw.cases.models import Case, CaseStatus
    from zwfw.workdays.services import get_calendar

    if not settings.ZWFW_DEFAULT_RATING_SATISFIED:
        return 0
    cal = get_calendar()
    last_day = cal.add(today, -settings.ZWFW_DEFAULT_RATING_DAYS)
    cases = (Case.objects.filter(status=CaseStatus.COMPLETED, rating__isnull=True,
                                 **before_day("completed_at", last_day)).select_related("department", "applicant"))
    now = timezone.now()
    with transaction.atomic():
        made = Rating.objects.bulk_create(
            [Rating(case=c, department=c.department, applicant=c.applicant, level=Level.SATISFIED,
                    comment=f"办结后 {settings.ZWFW_DEFAULT_RATING_DAYS} 个工作日内未评价，默认满意", rated_at=now,
                    defaulted=True) for c in cases], batch_size=1000, ignore_conflicts=True)
    return len(made)


def close_rectification(rectification: Rectification, *, actor, measures: str, callback_on: dt.date,
                        callback_result: str, callback_level, at: dt.datetime | None = None) -> Rectification:
    """办结整改 with the callback (回访) record: date, result, the applicant's satisfaction."""
    ensure_may(actor, "handle_feedback")
    ensure_can_act(actor, rectification.department)
    measures, callback_result = (measures or "").strip(), (callback_result or "").strip()
    if not measures:
        raise DomainError("请填写整改措施。", code="measures_required", field="measures")
    if callback_on is None:
        raise DomainError("请填写回访日期。", code="callback_required", field="callback_on")
    if callback_on < rectification.opened_on:
        raise DomainError("回访日期不能早于交办日期。", code="callback_too_early", field="callback_on")
    if not callback_result:
        raise DomainError("请填写回访情况。", code="callback_result_required", field="callback_result")
    level = parse_level(callback_level, field="callback_level")
    with transaction.atomic():
        rect = Rectification.objects.select_for_update().get(pk=rectification.pk)
        if rect.status == Rectification.CLOSED:
            raise Conflict("该整改已办结。", code="already_closed")
        if rect.status != Rectification.OPEN:
            raise Conflict(f"该差评{rect.get_status_display()}，核实属实后才能整改。", code="not_verified")
        rect.status, rect.measures, rect.closed_at, rect.closed_by = Rectification.CLOSED, measures, at or timezone.now(), actor
        rect.callback_on, rect.callback_result, rect.callback_level = callback_on, callback_result, level
        rect.save()
        return rect


def register_ticket(*, actor, number: str, department, received_at: dt.datetime, content: str) -> HotlineTicket:
    ensure_may(actor, "handle_feedback")
    ensure_can_act(actor, department)
    number, content = (number or "").strip(), (content or "").strip()
    if not number:
        raise DomainError("请填写工单编号。", code="number_required", field="number")
    if not content:
        raise DomainError("请填写诉求内容。", code="content_required", field="content")
    if received_at is None:
        raise DomainError("请填写受理时间。", code="received_required", field="received_at")
    try:
        with transaction.atomic():
            return HotlineTicket.objects.create(number=number, department=department, received_at=received_at,
                                                content=content)
    except IntegrityError:
        raise Conflict(f"工单 {number} 已登记。", code="duplicate_ticket", field="number") from None


def answer_ticket(ticket: HotlineTicket, *, actor, answer: str, at: dt.datetime | None = None) -> HotlineTicket:
    ensure_may(actor, "handle_feedback")
    ensure_can_act(actor, ticket.department)
    answer = (answer or "").strip()
    if not answer:
        raise DomainError("请填写答复内容。", code="answer_required", field="answer")
    with transaction.atomic():
        ticket = HotlineTicket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.answered_at is not None:
            raise Conflict(f"工单 {ticket.number} 已答复。", code="already_answered")
        ticket.answer, ticket.answered_at, ticket.answered_by = answer, at or timezone.now(), actor
        ticket.save(update_fields=["answer", "answered_at", "answered_by"])
        return ticket


def rate_ticket(ticket: HotlineTicket, *, actor, level, at: dt.datetime | None = None) -> HotlineTicket:
    """Record the caller's rating of the answer (reported back by the 12345 platform)."""
    ensure_may(actor, "handle_feedback")
    ensure_can_act(actor, ticket.department)
    level = parse_level(level)
    with transaction.atomic():
        ticket = HotlineTicket.objects.select_for_update().get(pk=ticket.pk)
        if ticket.answered_at is None:
            raise DomainError("工单答复后才能记录群众评价。", code="not_answered")
        if ticket.level is not None:
            raise Conflict(f"工单 {ticket.number} 已有群众评价。", code="already_rated")
        ticket.level, ticket.rated_at = level, at or timezone.now()
        ticket.save(update_fields=["level", "rated_at"])
        return ticket
