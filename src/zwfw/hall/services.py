"""Writers of the hall. One transaction per command; bad input raises DomainError and writes nothing.

Recording a finding or a commendation proposes an assessment entry for the window's
department (``assessment.services.propose_entry``) in the same transaction; staff confirm it.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction

from zwfw.accounts.scoping import ensure_may
from zwfw.assessment.models import SourceKind
from zwfw.assessment.services import propose_entry
from zwfw.errors import Conflict, DomainError, NotFound
from zwfw.inputs import check_value

from .models import (
    Commendation, DutyAssignment, Finding, HallClosure, InspectionPoint, InspectionRound, LeaderVisit, Measure, MeasureProgress,
    PolicyAdjustment, PolicyItem, Window,
)

ABILITY = "inspect_hall"


def _required(value, field: str, label: str) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else value
    if not text:
        raise DomainError(f"请填写{label}", field=field)
    return text


def _get(model, pk, field: str, label: str):
    obj = model.objects.filter(pk=getattr(pk, "pk", pk)).first() if pk not in (None, "") else None
    if obj is None:
        raise NotFound(f"请选择{label}", field=field)
    return obj


@transaction.atomic
def record_round(user, *, date: dt.date, inspector: str, findings: list[dict]) -> InspectionRound:
    """One walk through the hall with its findings: [{"point", "window", "description", "photo"?}, …].

    A round with no findings is valid (nothing was wrong). Each finding proposes an assessment entry.
    """
    ensure_may(user, ABILITY)
    if date is None:
        raise DomainError("请填写巡查日期", field="date")
    inspector = _required(inspector or str(user), "inspector", "巡查人")
    rnd = InspectionRound.objects.create(date=date, inspector=inspector, recorded_by=user)
    for i, f in enumerate(findings):
        point = _get(InspectionPoint, f.get("point"), f"findings.{i}.point", f"第 {i + 1} 条问题的巡查要点")
        if not InspectionPoint.objects.active_between(date, date).filter(pk=point.pk).exists():
            raise DomainError(f"巡查要点“{point.label}”在 {date:%Y-%m-%d} 未启用", field=f"findings.{i}.point")
        window = _get(Window, f.get("window"), f"findings.{i}.window", f"第 {i + 1} 条问题的窗口")
        description = _required(f.get("description"), f"findings.{i}.description", f"第 {i + 1} 条问题的情况")
        finding = Finding(round=rnd, point=point, window=window, description=description[:200])
        if f.get("photo"):
            finding.photo = f["photo"]
            finding.full_clean(exclude=["round", "point", "window", "description"])
        finding.save()
        if window.department_id:
            propose_entry(window.department, date, SourceKind.INSPECTION_FINDING, f"hall.finding:{finding.pk}",
                          f"{date:%Y-%m-%d} 大厅巡查（{point.label}）：{window.name}{description}", detail=point.label)
    return rnd


@transaction.atomic
def close_hall(user, *, start: dt.date, end: dt.date, note: str, point=None) -> HallClosure:
    ensure_may(user, ABILITY)
    if start is None or end is None or end < start:
        raise DomainError("关闭的截止日期不能早于起始日期", field="end")
    note = _required(note, "note", "情况说明")
    point = _get(InspectionPoint, point, "point", "巡查要点") if point not in (None, "") else None
    return HallClosure.objects.create(start=start, end=end, note=note, point=point)


def _day(value, field: str, label: str) -> dt.date:
    if value is None:
        raise DomainError(f"请填写{label}", field=field)
    check_value(value, field)
    return value


def _visit_fields(department, title, name, date, account) -> dict:
    from zwfw.catalog.models import Department

    return {"department": _get(Department, department, "department", "部门"),
            "title": _required(title, "title", "职务"), "name": _required(name, "name", "姓名"),
            "date": _day(date, "date", "日期"), "account": (account or "").strip()}


@transaction.atomic
def record_visit(user, *, department, title: str, name: str, date: dt.date, account: str = "") -> LeaderVisit:
    """厅（局）长进大厅: printed in the briefing of the week holding ``date``."""
    ensure_may(user, ABILITY)
    return LeaderVisit.objects.create(**_visit_fields(department, title, name, date, account))


@transaction.atomic
def update_visit(user, visit_id, *, department, title: str, name: str, date: dt.date,
                 account: str = "") -> LeaderVisit:
    ensure_may(user, ABILITY)
    visit = _locked(LeaderVisit, visit_id, "厅（局）长进大厅记录")
    for key, value in _visit_fields(department, title, name, date, account).items():
        setattr(visit, key, value)
    visit.save()
    return visit


def _locked(model, pk, what: str):
    obj = model.objects.select_for_update().filter(pk=getattr(pk, "pk", pk)).first() if pk else None
    if obj is None:
        raise NotFound(f"{what}不存在或已被删除")
    return obj


def _commendation_fields(window, honour, awarding_body, date, document, person) -> dict:
    return {"window": _get(Window, window, "window", "窗口"), "person": (person or "").strip(),
            "honour": _required(honour, "honour", "表扬（荣誉）"),
            "awarding_body": _required(awarding_body, "awarding_body", "表扬单位"),
            "document": (document or "").strip(), "date": _day(date, "date", "日期")}


def _propose_for(c: Commendation) -> None:
    if c.window.department_id:
        who = f"{c.window.name}{c.person}"
        propose_entry(c.window.department, c.date, SourceKind.COMMENDATION, f"hall.commendation:{c.pk}",
                      f"{c.date:%Y-%m-%d} {who}获{c.awarding_body}{c.honour}{f'（{c.document}）' if c.document else ''}",
                      detail=c.honour)


@transaction.atomic
def record_commendation(user, *, window, honour: str, awarding_body: str, date: dt.date, document: str = "",
                        person: str = "") -> Commendation:
    """窗口受到表扬: printed in the week's briefing; proposes an assessment addition for the window's department."""
    ensure_may(user, ABILITY)
    c = Commendation.objects.create(**_commendation_fields(window, honour, awarding_body, date, document, person))
    _propose_for(c)
    return c


@transaction.atomic
def update_commendation(user, commendation_id, *, window, honour: str, awarding_body: str, date: dt.date,
                        document: str = "", person: str = "") -> Commendation:
    """Correct a commendation. Its assessment proposal follows while still unconfirmed; once staff have
    confirmed or rejected it, the window and the month it counts in can no longer change."""
    from zwfw.assessment.models import Entry

    ensure_may(user, ABILITY)
    c = _locked(Commendation, commendation_id, "表扬记录")
    fields = _commendation_fields(window, honour, awarding_body, date, document, person)
    entry = Entry.objects.select_for_update().filter(source_ref=f"hall.commendation:{c.pk}").first()
    if entry is not None and entry.status != Entry.PROPOSED:
        if fields["window"].pk != c.window_id:
            raise Conflict(f"该表扬已在窗口考核中{entry.get_status_display()}，不能改为其他窗口", field="window")
        if (fields["date"].year, fields["date"].month) != (c.date.year, c.date.month):
            raise Conflict(f"该表扬已在 {c.date.year} 年 {c.date.month} 月窗口考核中{entry.get_status_display()}，"
                           "日期不能改到其他月份", field="date")
    for key, value in fields.items():
        setattr(c, key, value)
    c.save()
    if entry is not None and entry.status == Entry.PROPOSED:
        entry.delete()
        _propose_for(c)
    return c


def _duty_fields(window, staff_name, date_from, date_to) -> dict:
    fields = {"window": _get(Window, window, "window", "窗口"),
              "staff_name": _required(staff_name, "staff_name", "工作人员"),
              "date_from": _day(date_from, "date_from", "起始日期"), "date_to": None}
    if date_to is not None:
        fields["date_to"] = _day(date_to, "date_to", "截止日期")
        if fields["date_to"] < fields["date_from"]:
            raise DomainError("截止日期不能早于起始日期", field="date_to")
    return fields


def _ensure_not_elsewhere(fields: dict, exclude_pk=None) -> None:
    """One person is on duty at one window at a time."""
    from django.db.models import Q

    end = fields["date_to"]
    clash = DutyAssignment.objects.filter(staff_name=fields["staff_name"]).filter(
        Q(date_to__isnull=True) | Q(date_to__gte=fields["date_from"])).select_related("window")
    if end is not None:
        clash = clash.filter(date_from__lte=end)
    clash = clash.exclude(pk=exclude_pk).order_by("date_from").first()
    if clash is not None:
        until = f"{clash.date_to:%Y-%m-%d}" if clash.date_to else "长期"
        raise Conflict(f"{clash.staff_name} 在 {clash.date_from:%Y-%m-%d} 至 {until} 已安排在"
                       f"{clash.window.number} 号窗口值守，日期不能重叠", field="date_from")


@transaction.atomic
def record_duty(user, *, window, staff_name: str, date_from: dt.date, date_to: dt.date | None = None
                ) -> DutyAssignment:
    """值班安排: who is on duty at a window from one date to another (open-ended when ``date_to`` is None)."""
    ensure_may(user, ABILITY)
    fields = _duty_fields(window, staff_name, date_from, date_to)
    _ensure_not_elsewhere(fields)
    return DutyAssignment.objects.create(**fields)


@transaction.atomic
def update_duty(user, duty_id, *, window, staff_name: str, date_from: dt.date, date_to: dt.date | None = None
                ) -> DutyAssignment:
    ensure_may(user, ABILITY)
    duty = _locked(DutyAssignment, duty_id, "值守安排")
    fields = _duty_fields(window, staff_name, date_from, date_to)
    _ensure_not_elsewhere(fields, exclude_pk=duty.pk)
    for key, value in fields.items():
        setattr(duty, key, value)
    duty.save()
    return duty


@transaction.atomic
def record_progress(user, *, measure, date: dt.date, value, text: str = "") -> MeasureProgress:
    ensure_may(user, ABILITY)
    measure = _get(Measure, measure, "measure", "措施")
    if measure.kind != Measure.ENTERED:
        raise DomainError(f"措施“{measure.name}”按数据自动计算，不能手工录入", field="measure")
    if date is None:
        raise DomainError("请填写日期", field="date")
    try:
        value = Decimal(str(value))
    except InvalidOperation as exc:
        raise DomainError(f"数值“{value}”不是数字", field="value") from exc
    return MeasureProgress.objects.create(measure=measure, date=date, value=value, text=(text or "").strip(),
                                          entered_by=user)


@transaction.atomic
def adjust_policy(user, *, kind: str, date: dt.date, code: str, name: str = "", department=None,
                  note: str = "") -> PolicyAdjustment:
    """Add (with department and name), amend or withdraw a policy item on a date."""
    ensure_may(user, ABILITY)
    if kind not in dict(PolicyAdjustment.KIND_CHOICES):
        raise DomainError("调整类型应为新增、修改或取消", field="kind")
    if date is None:
        raise DomainError("请填写调整日期", field="date")
    code = _required(code, "code", "政策编码")
    item = PolicyItem.objects.select_for_update().filter(code=code).first()
    if kind == PolicyAdjustment.ADDED:
        if item is not None and item.in_force:
            raise DomainError(f"政策编码“{code}”已存在", field="code")
        from zwfw.catalog.models import Department

        department = _get(Department, department, "department", "部门")
        if item is None:
            item = PolicyItem.objects.create(code=code, name=_required(name, "name", "政策事项"),
                                             department=department)
        else:
            item.in_force, item.department = True, department
            item.name = (name or "").strip() or item.name
            item.save()
    else:
        if item is None or not item.in_force:
            raise NotFound(f"没有现行有效的政策事项“{code}”", field="code")
        if kind == PolicyAdjustment.WITHDRAWN:
            item.in_force = False
        elif (name or "").strip():
            item.name = name.strip()
        item.save()
    return PolicyAdjustment.objects.create(item=item, kind=kind, date=date, note=(note or "").strip())
