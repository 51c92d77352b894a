"""/api/hall: the week's readings for the briefing, and the writes staff make while walking the hall.

Reads need a login or an API key; writes need the ``inspect_hall`` ability (centre staff).
"""
import datetime as dt

from ninja import Router, Schema, Status

from zwfw.accounts.auth import STAFF_AUTH

from . import queries, services
from .models import InspectionPoint, Window

router = Router(tags=["大厅管理"], auth=STAFF_AUTH)


class WindowOut(Schema):
    id: int
    number: str
    name: str
    department: str | None
    comprehensive: bool


class PointOut(Schema):
    id: int
    label: str
    order: int


class FindingIn(Schema):
    point: int
    window: int
    description: str


class RoundIn(Schema):
    date: dt.date
    inspector: str = ""
    findings: list[FindingIn] = []


class RoundOut(Schema):
    id: int
    date: dt.date
    findings: int


class VisitIn(Schema):
    department: int
    title: str
    name: str
    date: dt.date
    account: str = ""


class CommendationIn(Schema):
    window: int
    honour: str
    awarding_body: str
    date: dt.date
    document: str = ""
    person: str = ""


class ClosureIn(Schema):
    start: dt.date
    end: dt.date
    note: str
    point: int | None = None


class ProgressIn(Schema):
    measure: int
    date: dt.date
    value: float
    text: str = ""


class PolicyIn(Schema):
    kind: str
    date: dt.date
    code: str
    name: str = ""
    department: int | None = None
    note: str = ""


@router.get("/windows", response=list[WindowOut], summary="窗口")
def windows(request):
    return [{"id": w.pk, "number": w.number, "name": w.name, "comprehensive": w.is_comprehensive,
             "department": w.department.name if w.department else None}
            for w in Window.objects.filter(active=True).select_related("department")]


@router.get("/inspections/points", response=list[PointOut], summary="某日启用的巡查要点")
def points(request, on: dt.date):
    return list(InspectionPoint.objects.active_between(on, on))


@router.get("/inspections/week", summary="一周的大厅巡查情况（每个要点一句）")
def inspection_week(request, start: dt.date, end: dt.date):
    return queries.inspection_week(start, end)


@router.post("/inspections/rounds", response={201: RoundOut}, summary="录入一次巡查（照片请用网页上传）")
def record_round(request, payload: RoundIn):
    rnd = services.record_round(request.auth, date=payload.date, inspector=payload.inspector,
                                findings=[f.dict() for f in payload.findings])
    return Status(201, {"id": rnd.pk, "date": rnd.date, "findings": rnd.findings.count()})


@router.post("/closures", response={201: dict}, summary="登记大厅关闭")
def close_hall(request, payload: ClosureIn):
    c = services.close_hall(request.auth, **payload.dict())
    return Status(201, {"id": c.pk})


@router.get("/visits/week", summary="一周的厅（局）长进大厅（2024 年式一句话、2022 年式逐段）")
def visits_week(request, start: dt.date, end: dt.date):
    return queries.visits_week(start, end)


@router.post("/visits", response={201: dict}, summary="登记厅（局）长进大厅")
def record_visit(request, payload: VisitIn):
    v = services.record_visit(request.auth, **payload.dict())
    return Status(201, {"id": v.pk})


@router.get("/commendations/week", summary="一周的窗口受到表扬情况")
def commendations_week(request, start: dt.date, end: dt.date):
    return queries.commendations_week(start, end)


@router.post("/commendations", response={201: dict}, summary="登记窗口受到表扬（自动提出考核加分建议）")
def record_commendation(request, payload: CommendationIn):
    c = services.record_commendation(request.auth, **payload.dict())
    return Status(201, {"id": c.pk})


@router.get("/campaigns/progress", summary="专项行动进展（计算的与录入的措施）")
def campaign_progress(request, start: dt.date, end: dt.date):
    return queries.campaign_progress(start, end)


@router.post("/campaigns/progress", response={201: dict}, summary="录入措施进展")
def record_progress(request, payload: ProgressIn):
    p = services.record_progress(request.auth, **payload.dict())
    return Status(201, {"id": p.pk})


@router.get("/policies/adjustments", summary="一段时间内的惠企政策调整")
def policy_adjustments(request, start: dt.date, end: dt.date):
    return queries.policy_adjustments(start, end)


@router.post("/policies/adjustments", response={201: dict}, summary="新增、修改或取消惠企政策事项")
def adjust_policy(request, payload: PolicyIn):
    a = services.adjust_policy(request.auth, **payload.dict())
    return Status(201, {"id": a.pk})
