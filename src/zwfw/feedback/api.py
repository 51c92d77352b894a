"""/api/feedback: rate a case (the applicant), rectifications, 12345 tickets, satisfaction rates."""
from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from zwfw.accounts.auth import API_AUTH, STAFF_AUTH
from zwfw.accounts.scoping import scope, visible_departments
from zwfw.cases.models import Case
from zwfw.errors import NotFound
from zwfw.paging import keyset_page

from . import queries, services
from .models import HotlineTicket, Rectification

router = Router(tags=["好差评与12345"], auth=API_AUTH)


class RatingIn(Schema):
    level: str
    comment: str = ""


class RatingOut(Schema):
    case_number: str
    level: str
    comment: str
    rated_at: dt.datetime
    rectification_due_on: dt.date | None


class RectificationOut(Schema):
    id: int
    case_number: str
    department: str
    level: str
    comment: str
    opened_on: dt.date
    due_on: dt.date | None
    status: str
    callback_on: dt.date | None
    callback_result: str


class CloseIn(Schema):
    measures: str
    callback_on: dt.date
    callback_result: str
    callback_level: str


class TicketIn(Schema):
    number: str
    department_code: str
    received_at: dt.datetime
    content: str


class TicketOut(Schema):
    number: str
    department: str
    received_at: dt.datetime
    content: str
    answer: str
    answered_at: dt.datetime | None
    level: str | None


class AnswerIn(Schema):
    answer: str


class LevelIn(Schema):
    level: str


class RateOut(Schema):
    department: str
    ratings_satisfied: int
    ratings_total: int
    ratings_rate: str
    hotline_satisfied: int
    hotline_total: int
    hotline_rate: str


@router.post("/cases/{number}/rating", response={201: RatingOut}, summary="评价已办结的办件（申请人本人）")
def rate(request, number: str, body: RatingIn):
    case = Case.objects.filter(number=number, applicant__user=request.auth).first()
    if case is None:
        raise NotFound(f"没有找到您的办件“{number}”。", field="number")
    r = services.rate_case(case, user=request.auth, level=body.level, comment=body.comment)
    rect = getattr(r, "rectification", None)
    return Status(201, {"case_number": case.number, "level": r.get_level_display(), "comment": r.comment,
                        "rated_at": r.rated_at, "rectification_due_on": rect.due_on if rect else None})


def _rect_out(x: Rectification) -> dict:
    return {"id": x.pk, "case_number": x.rating.case.number, "department": x.department.name,
            "level": x.rating.get_level_display(), "comment": x.rating.comment, "opened_on": x.opened_on,
            "due_on": x.due_on, "status": x.get_status_display(), "callback_on": x.callback_on,
            "callback_result": x.callback_result}


def _rects(request):
    return scope(request.auth, Rectification.objects.select_related("rating__case", "department"), field="department")


@router.get("/rectifications", auth=STAFF_AUTH, response=list[RectificationOut], summary="差评整改（本部门）")
def rectifications(request, response: HttpResponse, open_only: bool = True, limit: int = 500, cursor: str = ""):
    """Newest first, by cursor: the next page's cursor is in ``X-Next-Cursor`` (and ``Link: rel="next"``)."""
    qs = _rects(request)
    if open_only:
        qs = qs.filter(status__in=[Rectification.VERIFYING, Rectification.OPEN])
    return [_rect_out(x) for x in keyset_page(request, response, qs, limit=limit, maximum=500, cursor=cursor)]


class VerifyIn(Schema):
    upheld: bool
    verification: str


@router.post("/rectifications/{rect_id}/verify", response=RectificationOut, summary="核实差评（属实才整改、扣分）")
def verify(request, rect_id: int, body: VerifyIn):
    rect = get_object_or_404(_rects(request), pk=rect_id)
    return _rect_out(services.verify_rating(rect, actor=request.auth, upheld=body.upheld, note=body.verification))


@router.post("/rectifications/{rect_id}/close", auth=STAFF_AUTH, response=RectificationOut, summary="办结整改并登记回访")
def close(request, rect_id: int, body: CloseIn):
    rect = get_object_or_404(_rects(request), pk=rect_id)
    return _rect_out(services.close_rectification(rect, actor=request.auth, **body.dict()))


def _ticket_out(t: HotlineTicket) -> dict:
    return {"number": t.number, "department": t.department.name, "received_at": t.received_at, "content": t.content,
            "answer": t.answer, "answered_at": t.answered_at, "level": t.get_level_display() if t.level else None}


def _ticket(request, number: str) -> HotlineTicket:
    return get_object_or_404(scope(request.auth, HotlineTicket.objects.select_related("department"),
                                   field="department"), number=number)


@router.post("/tickets", auth=STAFF_AUTH, response={201: TicketOut}, summary="登记 12345 工单")
def register(request, body: TicketIn):
    department = visible_departments(request.auth).filter(code=body.department_code).first()
    if department is None:
        raise NotFound("未找到该部门，或您无权为其登记。", field="department_code")
    ticket = services.register_ticket(actor=request.auth, number=body.number, department=department,
                                      received_at=body.received_at, content=body.content)
    return Status(201, _ticket_out(ticket))


@router.post("/tickets/{number}/answer", auth=STAFF_AUTH, response=TicketOut, summary="答复 12345 工单")
def answer(request, number: str, body: AnswerIn):
    return _ticket_out(services.answer_ticket(_ticket(request, number), actor=request.auth, answer=body.answer))


@router.post("/tickets/{number}/rating", auth=STAFF_AUTH, response=TicketOut, summary="登记 12345 工单群众评价")
def rate_ticket(request, number: str, body: LevelIn):
    return _ticket_out(services.rate_ticket(_ticket(request, number), actor=request.auth, level=body.level))


@router.get("/satisfaction", auth=STAFF_AUTH, response=list[RateOut], summary="各窗口满意率")
def satisfaction(request, start: dt.date, end: dt.date):
    return [{"department": r.department, "ratings_satisfied": r.ratings.satisfied, "ratings_total": r.ratings.total,
             "ratings_rate": r.ratings.text, "hotline_satisfied": r.hotline.satisfied,
             "hotline_total": r.hotline.total, "hotline_rate": r.hotline.text}
            for r in queries.satisfaction_by_window(start, end, departments=visible_departments(request.auth))]
