"""Writers of feedback: rate a completed case, close a rectification with its callback,
register / answer / rate 12345 tickets. One transaction each."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from zwfw.accounts.scoping import ensure_can_act, ensure_may
from zwfw.errors import Conflict, DomainError, Forbidden

from .models import Level, Rating, Rectification, HotlineTicket

RECTIFICATION_WORKING_DAYS = 15


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
    at = at or timezone.now()
    try:
        with transaction.atomic():
            rating = Rating.objects.create(case=case, department=case.department, applicant=applicant,
                                           level=level, comment=(comment or "").strip(), rated_at=at)
            if rating.is_bad:
                opened = timezone.localdate(at)
                Rectification.objects.create(rating=rating, department=case.department, opened_on=opened,
                                             due_on=get_calendar().add(opened, RECTIFICATION_WORKING_DAYS))
                _propose_assessment_entry(rating)
            return rating
    except IntegrityError:
        raise Conflict("该办件已评价过，每个办件只能评价一次。", code="already_rated") from None


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
