"""/api/assessment: the month's ranked table and attachment, a window's entries, and the
scoring writes (centre staff only: a department's own key or clerk gets 403)."""
import datetime as dt

from ninja import Router, Schema, Status

from zwfw.accounts.auth import STAFF_AUTH
from zwfw.accounts.scoping import scope
from zwfw.catalog.models import Department
from zwfw.errors import NotFound

from . import queries, services
from .models import Entry

router = Router(tags=["窗口考核"], auth=STAFF_AUTH)


class RowOut(Schema):
    rank: int
    department: str
    department_id: int
    base: str
    deducted: str
    added: str
    score: str


class EntryOut(Schema):
    id: int
    department: str
    month: str
    rule: str
    kind: str
    points: float
    date: dt.date
    evidence: str
    status: str
    source_kind: str
    source_ref: str


class EntryIn(Schema):
    department: int
    month: str
    rule: str
    date: dt.date
    evidence: str
    points: float | None = None


class DecisionIn(Schema):
    points: float | None = None
    reason: str = ""
    rule: str | None = None  # confirm under another clause of the month's rules


class BulkIn(Schema):
    entries: list[int]


def _out(e: Entry) -> dict:
    return {"id": e.pk, "department": e.department.short_name or e.department.name, "month": f"{e.month:%Y-%m}",
            "rule": e.rule.code, "kind": e.rule.kind, "points": float(e.points), "date": e.date,
            "evidence": e.evidence, "status": e.status, "source_kind": e.source_kind, "source_ref": e.source_ref}


@router.get("/table", response=list[RowOut], summary="某月窗口考核结果（排名）")
def table(request, month: str):
    return queries.rows_as_json(queries.month_table(services.parse_month(month)))


@router.get("/attachment", summary="周报附件形式（并列名次只在首行标注）")
def attachment(request, month: str):
    return queries.month_attachment(services.parse_month(month))


@router.get("/entries", response=list[EntryOut], summary="考核记录（部门用户只能看本部门）")
def entries(request, month: str | None = None, department: int | None = None, status: str | None = None):
    qs = queries.entries(services.parse_month(month) if month else None, status=status)
    if department is not None:
        qs = qs.filter(department_id=department)
    return [_out(e) for e in scope(request.auth, qs)]


@router.post("/entries", response={201: EntryOut}, summary="人工录入考核（政务平台服务处）")
def add_entry(request, payload: EntryIn):
    department = Department.objects.filter(pk=payload.department).first()
    if department is None:
        raise NotFound("没有这个部门窗口", field="department")
    e = services.add_entry(request.auth, department=department, month=services.parse_month(payload.month),
                           rule_code=payload.rule, on_date=payload.date, evidence=payload.evidence,
                           points=payload.points)
    return Status(201, _out(e))


@router.post("/entries/{entry_id}/confirm", response=EntryOut, summary="确认自动考核建议")
def confirm(request, entry_id: int, payload: DecisionIn):
    return _out(services.confirm_entry(request.auth, entry_id, payload.points, payload.rule))


@router.post("/entries/confirm", response=list[EntryOut], summary="批量确认自动考核建议（按建议条款）")
def confirm_many(request, payload: BulkIn):
    return [_out(e) for e in services.confirm_entries(request.auth, payload.entries)]


@router.post("/entries/{entry_id}/reject", response=EntryOut, summary="驳回自动考核建议")
def reject(request, entry_id: int, payload: DecisionIn):
    return _out(services.reject_entry(request.auth, entry_id, payload.reason))
