"""/api/credit: list, list an applicant, lift early, and check whether an applicant is blocked."""
from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from zwfw.accounts.auth import STAFF_AUTH
from zwfw.accounts.scoping import scope, visible_departments
from zwfw.cases.applicants import handles, handles_expression, log_view, log_views
from zwfw.cases.models import Applicant
from zwfw.cases.queries import cases_for
from zwfw.catalog.models import Matter
from zwfw.identifiers import mask_id
from zwfw.paging import keyset_page
from zwfw.errors import DomainError, NotFound

from . import queries, services
from .models import Listing

router = Router(tags=["异常名录"], auth=STAFF_AUTH)


class ListingOut(Schema):
    id: int
    applicant: str
    applicant_id_number: str
    department: str
    whole_department: bool
    matters: list[str]
    reason: str
    document: str
    start_date: dt.date
    end_date: dt.date
    status: str
    lifted_at: dt.datetime | None
    lifted_reason: str
    refusal_message: str


class ListingIn(Schema):
    applicant_id_number: str
    department_code: str
    matter_codes: list[str] = []
    whole_department: bool = False
    reason: str
    document: str = ""
    start_date: dt.date
    end_date: dt.date | None = None
    years: int | None = None


class LiftIn(Schema):
    reason: str


def _out(x: Listing, request, handled: bool | None = None) -> dict:
    """A listing as the asker may see it: the ID number in full only for one who handles the applicant (logged;
    a list passes ``handled`` from its query and logs its rows at once)."""
    if handled is None:
        handled = handles(request.auth, x.applicant)
        if handled:
            log_view(request.auth, x.applicant, what="异常名录证件号码", where=f"接口 {request.method} {request.path}")
    id_number = x.applicant.id_number if handled else mask_id(x.applicant.id_number)
    return {"id": x.pk, "applicant": x.applicant.name, "applicant_id_number": id_number,
            "department": x.department.name, "whole_department": x.whole_department,
            "matters": [m.code for m in x.matters.all()], "reason": x.reason, "document": x.document,
            "start_date": x.start_date, "end_date": x.end_date, "status": x.status_label(),
            "lifted_at": x.lifted_at, "lifted_reason": x.lifted_reason, "refusal_message": x.refusal_message()}


def _visible(request):
    return scope(request.auth, Listing.objects.select_related("applicant", "department").prefetch_related("matters"),
                 field="department")


@router.get("/listings", response=list[ListingOut], summary="异常名录（本部门）")
def listings(request, response: HttpResponse, applicant_id_number: str | None = None,
             in_force_on: dt.date | None = None, limit: int = 500, cursor: str = ""):
    """Newest first, by cursor: the next page's cursor is in ``X-Next-Cursor`` (and ``Link: rel="next"``)."""
    qs = _visible(request)
    if applicant_id_number:
        qs = qs.filter(applicant__id_number=applicant_id_number.strip().upper())
    if in_force_on:
        qs = qs.filter(queries.in_force_q(in_force_on))
    page = keyset_page(request, response, qs.annotate(handled=handles_expression(request.auth)),
                       limit=limit, maximum=500, cursor=cursor)
    log_views(request.auth, [x.applicant for x in page if x.handled], what="异常名录证件号码",
              where=f"接口 {request.method} {request.path}")
    return [_out(x, request, x.handled) for x in page]


@router.post("/listings", response={201: ListingOut}, summary="列入异常名录")
def create(request, body: ListingIn):
    applicant = Applicant.objects.filter(id_number=body.applicant_id_number.strip().upper()).first()
    if applicant is None:
        raise NotFound("未找到该证件号码的申请人。", code="applicant_not_found", field="applicant_id_number")
    department = visible_departments(request.auth).filter(code=body.department_code).first()
    if department is None:
        raise NotFound("未找到该部门，或您无权为其列入。", code="department_not_found", field="department_code")
    matters = list(Matter.objects.in_force(body.start_date).filter(code__in=body.matter_codes))
    missing = set(body.matter_codes) - {m.code for m in matters}
    if missing:
        raise DomainError(f"事项编码 {sorted(missing)[0]} 在起始日期不在库。", code="unknown_matter", field="matter_codes")
    listing = services.list_applicant(
        actor=request.auth, applicant=applicant, department=department, matters=matters,
        whole_department=body.whole_department, reason=body.reason, document=body.document,
        start_date=body.start_date, end_date=body.end_date, years=body.years)
    return Status(201, _out(listing, request))


@router.post("/listings/{listing_id}/lift", response=ListingOut, summary="提前移出异常名录")
def lift(request, listing_id: int, body: LiftIn):
    listing = get_object_or_404(_visible(request), pk=listing_id)
    return _out(services.lift_early(listing, actor=request.auth, reason=body.reason), request)


class BlockOut(Schema):
    blocked: bool
    message: str | None
    listing_id: int | None


@router.get("/blocking", response=BlockOut, summary="办件的申请人是否因异常名录不予受理该办理项（仅限经办的办件，留痕）")
def blocking(request, case_number: str, on: dt.date | None = None):
    """Answers only for a case the asker handles (others: 404, as if it did not exist); every answer is logged."""
    case = cases_for(request.auth).select_related("applicant", "item__matter").filter(number=case_number.strip()).first()
    if case is None or not handles(request.auth, case.applicant, case):
        raise NotFound("没有找到您经办的该办件。", code="case_not_found", field="case_number")
    on = on or timezone.localdate()
    listing = queries.blocking_listing(case.applicant, case.item, on)
    log_view(request.auth, case.applicant, case=case, what="异常名录查询", where=f"接口 {request.method} {request.path}")
    return {"blocked": listing is not None, "message": listing.refusal_message() if listing else None,
            "listing_id": listing.pk if listing else None}
