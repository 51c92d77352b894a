"""/api/cases: the lifecycle for windows and departments' own systems.

Authenticated by API key (X-API-Key, one per department) or session. A department can
only see and act on its own cases (others are 404). Every POST honours ``Idempotency-Key``.
Errors are ``{code, message, field}``; a stale ``version`` is 409.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status

from zwfw.accounts.auth import API_AUTH
from zwfw.catalog.models import Department, Matter
from zwfw.catalog.queries import region_by
from zwfw.errors import DomainError, Forbidden, NotFound
from zwfw.paging import keyset_page

from . import clockwork, lifecycle, ports, presenters, services, timebounds
from .models import Channel, EventKind
from .queries import after_cursor, case_filter, case_for, cases_for, find_cases

router = Router(tags=["办件"], auth=API_AUTH)


class ApplicantIn(Schema):
    kind: str = "organisation"
    name: str
    id_number: str
    phone: str = ""
    address: str = ""
    region: str = ""


class ApplyIn(Schema):
    item_code: str
    applicant: ApplicantIn
    provided: list[str] = []
    promised: list[str] = []   # 告知承诺: materials the applicant signed a promise for instead
    deferred: list[str] = []   # 容缺: materials the guide lets be handed in after acceptance
    decision: str = "receive"  # receive 收件 / accept 受理（即办件当场办结）/ reject 不予受理（材料不齐全）
    region: str = ""


class ActionIn(Schema):
    version: int
    reason: str = ""
    legal_basis: str = ""
    kind: str = ""
    office: str = ""                 # transfer / reassign: an office code of the case's department
    approver: str = ""               # transfer / reassign: an approver's username of the case's department
    delivery: str = ""
    tracking_number: str = ""
    provided: list[str] = []
    notice: str = ""                 # suspend: the written notice to the applicant (告知书文号或内容)
    expected_days: int | None = None  # suspend: working days the procedure is expected to take
    approved_by: str = ""            # extend: the head of the organ who approved
    notified: bool = False           # extend: the applicant was told the reason
    at: dt.datetime | None = None


class EventIn(ActionIn):
    event: str


class ConsultationIn(Schema):
    matter_code: str = ""
    department_code: str = ""
    people: int = 1
    topic: str = ""


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


def _idem(request, fn):
    """Run ``fn() -> (status, body)``; Idempotency-Key is honoured for every POST by zwfw.idempotency."""
    status, body = fn()
    return Status(status, body)


def _when(request, at: dt.datetime | None) -> dt.datetime:
    """Departments' systems report when a step happened; people act now."""
    if at is None:
        return timezone.now()
    if timezone.is_naive(at):
        at = timezone.make_aware(at)
    timebounds.check_claimed(request.auth, at, timezone.now())
    return at


def _detail(request, case) -> dict:
    return presenters.detail(case, request.auth, where=f"接口 {request.method} {request.path}")


def _act(request, number: str, code: str, payload: ActionIn):
    def run():
        case = case_for(request.auth, number)
        params = payload.dict(exclude={"version", "at", "event"})
        at = _when(request, payload.at)
        services.perform(case, code, actor=request.auth, version=payload.version,
                         at=timebounds.check_pushed(case, at) if payload.at else at, **params)
        return 200, _detail(request, case)

    return _idem(request, run)


@router.get("/", summary="办件列表（本部门；游标分页，新件在前）")
def list_cases(request, response: HttpResponse, q: str = "", status: str = "", open_only: bool = False,
               clock: str = "", department: str = "", window: str = "", channel: str = "", date_from: str = "",
               date_to: str = "", mine: str = "", limit: int = 100, cursor: str = ""):
    """The same search and filters as the worklist page; the next page's cursor is in ``X-Next-Cursor``
    (and a ``Link: rel="next"`` header), absent on the last page."""
    params = {"q": q, "status": status or ("open" if open_only else "all"), "clock": clock, "department": department,
              "window": window, "channel": channel, "date_from": date_from, "date_to": date_to, "mine": mine}
    f = case_filter(params)
    if cursor and not cursor.isdigit():
        raise DomainError("游标不正确，请使用上一页响应中的 X-Next-Cursor。", code="bad_cursor", field="cursor")
    size = max(1, min(limit, 500))
    calendar, today = ports.get_calendar(), timezone.localdate()
    page = list(after_cursor(find_cases(request.auth, f, today=today, calendar=calendar),
                             int(cursor) if cursor else None)[: size + 1])
    if len(page) > size:
        page = page[:size]
        nxt = str(page[-1].pk)
        response["X-Next-Cursor"] = nxt
        query = request.GET.copy()
        query["cursor"] = nxt
        response["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'
    return [presenters.summary(c, calendar, today) for c in page]


@router.get("/deemed-accepted", summary="逾期未告知补正、自收件之日起视为受理的办件（本部门；游标分页，新件在前）")
def deemed(request, response: HttpResponse, limit: int = 100, cursor: str = ""):
    """Scoped in SQL to what the asker sees; newest first by cursor (``X-Next-Cursor``). A page may hold fewer
    than ``limit`` cases (candidates the official calendar clears are left out): follow the cursor until absent."""
    calendar, today = ports.get_calendar(), timezone.localdate()
    candidates = clockwork.deemed_candidates(today, calendar, cases_for(request.auth))
    page = keyset_page(request, response, candidates, limit=limit, maximum=500, cursor=cursor)
    return [presenters.summary(c, calendar, today) for c in page if clockwork.is_deemed(c, calendar, today)]


@router.post("/", response={201: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}, summary="申请（窗口或部门系统推送）")
def apply(request, payload: ApplyIn):
    def run():
        role = getattr(request.auth, "role", None)
        channel = {"api_client": Channel.API, "applicant": Channel.ONLINE}.get(role, Channel.WINDOW)
        a = payload.applicant
        details = {"kind": a.kind, "name": a.name, "id_number": a.id_number, "phone": a.phone, "address": a.address,
                   "region": region_by(a.region) if a.region else None}
        item = services.item_for(payload.item_code, timezone.localdate())
        case = services.apply(item=item, applicant_details=details, actor=request.auth, channel=channel,
                              region=region_by(payload.region) if payload.region else None, provided=payload.provided,
                              promised=payload.promised, deferred=payload.deferred, decision=payload.decision)
        return 201, _detail(request, case)

    return _idem(request, run)


class BatchEventIn(Schema):
    """One event of a batch: the same fields as a single pushed event, with the case and an event id."""
    event_id: str = Field(..., description="部门业务系统中的事件编号（同一部门内唯一；已接收过的编号报为重复，不再办理）")
    case: str = Field(..., description="办件编号")
    event: str = Field(..., description="事件：accepted、transferred、review_started、approved、issued、completed…")
    at: dt.datetime | None = Field(None, description="办理时间（不填为接收时间）；不得早于该办件上一环节")
    version: int | None = Field(None, description="办件版本号；不填则按接收时的版本依次办理")
    reason: str = ""
    legal_basis: str = ""
    kind: str = ""
    office: str = Field("", description="流转、改派：本部门科室（处室）的代码")
    approver: str = Field("", description="流转、改派：本部门审批人员的用户名")
    delivery: str = ""
    tracking_number: str = ""
    provided: list[str] = []
    notice: str = ""
    expected_days: int | None = None
    approved_by: str = ""
    notified: bool = False


class BatchIn(Schema):
    events: list[BatchEventIn] = Field(..., description="最多 10000 条，按顺序办理（同一办件的事件按先后排列）")


class BatchRejectedOut(Schema):
    index: int
    event_id: str
    case: str
    code: str
    message: str
    field: str | None = None


class BatchDuplicateOut(Schema):
    index: int
    event_id: str
    case: str


class BatchOut(Schema):
    received: int
    applied: int
    duplicates: list[BatchDuplicateOut]
    rejected: list[BatchRejectedOut]


@router.post("/events:batch", response={200: BatchOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut, 413: ErrorOut},
             summary="部门业务系统批量推送办件事件（一次最多 10000 条）")
def push_batch(request, payload: BatchIn):
    """Each event is taken through the same lifecycle rules as ``/{number}/events``; a refused event is
    reported in ``rejected`` (its index, event id, code, Chinese message and field) and the others are
    applied, in one transaction with their counters. An ``event_id`` already received from the
    department is reported in ``duplicates`` and not applied again; the ``Idempotency-Key`` of the whole
    request returns the first answer."""
    from zwfw.bulk.services import apply_events

    def run():
        rows = [e.dict(exclude_defaults=True) | {"event_id": e.event_id, "case": e.case, "event": e.event}
                for e in payload.events]
        return 200, apply_events(actor=request.auth, raw_rows=rows)

    return _idem(request, run)


@router.post("/consultations", response={201: dict, 400: ErrorOut, 403: ErrorOut}, summary="咨询登记（人次）")
def consult(request, payload: ConsultationIn):
    def run():
        matter = department = None
        if payload.matter_code:
            matter = Matter.objects.in_force(timezone.localdate()).filter(code=payload.matter_code).first()
            if matter is None:
                raise NotFound(f"没有事项“{payload.matter_code}”。", field="matter_code")
        if payload.department_code:
            department = Department.objects.filter(code=payload.department_code).first()
            if department is None:
                raise NotFound(f"没有部门“{payload.department_code}”。", field="department_code")
        events = services.register_consultation(actor=request.auth, matter=matter, department=department,
                                                people=payload.people, topic=payload.topic)
        return 201, {"people": len(events), "department": events[0].department.name,
                     "kind": EventKind.CONSULTED.label}

    return _idem(request, run)


@router.get("/{number}", summary="办件详情")
def get_case(request, number: str):
    return _detail(request, case_for(request.auth, number))


@router.post("/{number}/actions/{action}", response={200: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
             summary="办理动作（受理、流转、退回、改派、审查、挂起、延长、准予、颁发、办结、撤回、终止…）")
def act(request, number: str, action: str, payload: ActionIn):
    return _act(request, number, action, payload)


@router.post("/{number}/events", response={200: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
             summary="部门业务系统推送办件事件")
def push_event(request, number: str, payload: EventIn):
    code = lifecycle.EVENT_TO_ACTION.get(payload.event)
    if code is None:
        raise DomainError(f"事件“{payload.event}”不能推送，应为：{'、'.join(lifecycle.EVENT_TO_ACTION)}。",
                          code="unknown_event", field="event")
    return _act(request, number, code, payload)




# ---- 一件事一次办 ---------------------------------------------------------------------------------

class BundleApplyIn(Schema):
    applicant: ApplicantIn | None = None  # the comprehensive window names the applicant; an applicant applies as themself
    provided: list[str] = []
    region: str = ""


@router.post("/bundles/{code}/apply", response={201: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
             summary="一件事一次办：一次申请，每个成员办理项各开一个办件")
def apply_bundle(request, code: str, payload: BundleApplyIn):
    def run():
        user = request.auth
        role = getattr(user, "role", None)
        if role == "applicant":
            applicant, channel, region = services.own_applicant(user), Channel.ONLINE, None
        elif role == "comprehensive_clerk" or getattr(user, "is_superuser", False):
            if payload.applicant is None:
                raise DomainError("请提供申请人信息。", code="applicant_required", field="applicant")
            a = payload.applicant
            region = region_by(payload.region or a.region) if (payload.region or a.region) else None
            applicant = services.register_applicant(kind=a.kind, name=a.name, id_number=a.id_number, phone=a.phone,
                                                    address=a.address, region=region)
            channel = Channel.WINDOW
        else:
            raise Forbidden("一件事一次办由申请人本人或综合窗口提交。", code="bundle_not_allowed")
        bundle = services.bundle_in_force(code, timezone.localdate())
        application = services.apply_bundle(bundle=bundle, applicant=applicant, actor=user, channel=channel,
                                            provided=payload.provided, region=region)
        return 201, presenters.bundle_application(application, user)

    def atomically():  # a refused application leaves no newly registered applicant behind
        with transaction.atomic():
            return run()

    return _idem(request, atomically)


@router.get("/bundles/applications/{pk}", response={200: dict, 404: ErrorOut}, summary="一件事申请：总体状态和各成员办件")
def get_bundle_application(request, pk: int):
    return presenters.bundle_application(services.bundle_application_for(request.auth, pk), request.auth)
