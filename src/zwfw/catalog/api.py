"""/api/catalog: the catalogue in force, the diff between two dates, and who handles an item where.

Department-bound callers see only their department's items (accounts.scoping.scope).
"""
import datetime as dt

from django.utils import timezone
from ninja import Query, Router, Schema

from zwfw.accounts.auth import API_AUTH
from zwfw.accounts.scoping import scope
from zwfw.errors import DomainError, NotFound

from . import queries
from .diffing import render_diff
from .rules import reach_display

router = Router(tags=["事项库"])


class ItemOut(Schema):
    code: str
    name: str
    matter_code: str
    matter_name: str
    department: str
    department_code: str
    power_type: str
    power_type_code: str
    statutory_days: int
    promised_days: int
    fully_online: bool
    at_most_one_visit: bool
    on_the_spot: bool
    at_comprehensive_window: bool
    manual_written: bool
    auto_approval: bool
    promise_in_lieu: bool
    reach: list[str]
    reach_label: str
    licence_kind: str
    valid_from: dt.date
    valid_to: dt.date | None


class MaterialOut(Schema):
    name: str
    copies: int
    form: str
    required: bool
    licence_kind: str
    deferrable: bool
    promise_allowed: bool


class GuideOut(Schema):
    conditions: str
    fees: str
    legal_basis: str
    where_to_apply: str
    online_url: str
    materials: list[MaterialOut]


class DelegationOut(Schema):
    kind: str
    regions: list[str]
    delegate: str
    document: str
    valid_from: dt.date
    valid_to: dt.date | None


class ItemDetailOut(ItemOut):
    guide: GuideOut | None
    anomalies: list[str]
    delegations: list[DelegationOut]


class DepartmentChangeOut(Schema):
    department: str
    added: list[tuple[str, int]]
    removed: list[tuple[str, int]]
    items_added: list[tuple[str, str]]
    items_removed: list[tuple[str, str]]
    matters_changed: list[str]
    items_changed: list[str]


class DiffOut(Schema):
    date_from: dt.date
    date_to: dt.date
    matters_from: int
    matters_to: int
    items_from: int
    items_to: int
    departments: list[DepartmentChangeOut]
    lines: list[str]


class HandlerOut(Schema):
    item: str
    region: str
    on: dt.date
    province: bool
    handler: str
    kind: str | None = None
    document: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class ItemFilters(Schema):
    department: str | None = None
    type: str | None = None
    q: str | None = None
    on: dt.date | None = None


def _item_out(item) -> dict:
    m = item.matter
    data = {f: getattr(item, f) for f in ItemOut.model_fields if hasattr(item, f)}
    data.update(matter_code=m.code, matter_name=m.name, department=m.department.name,
                department_code=m.department.code, power_type=m.power_type.name,
                power_type_code=m.power_type.code, reach_label=reach_display(item.reach))
    return data


def _visible_item(request, code: str, on: dt.date):
    item = scope(request.auth, queries.items_in_force(on).filter(code=code.strip()),
                 field="matter__department").first()
    if item is None:
        raise NotFound(f"办理项“{code}”在 {on:%Y-%m-%d} 不在有效期内、不存在或无权查看", field="item")
    return item


@router.get("/items", response=list[ItemOut], auth=API_AUTH, summary="某日有效的办理项（可按部门、事项类型、名称筛选）")
def list_items(request, filters: Query[ItemFilters]):
    on = filters.on or timezone.localdate()
    department = power_type = None
    if filters.department:
        department = queries.department_by_name(filters.department)
        if department is None:
            raise NotFound(f"没有“{filters.department}”这个部门", field="department")
    if filters.type:
        power_type = queries.power_type_by_text(filters.type)
        if power_type is None:
            raise NotFound(f"没有“{filters.type}”这个事项类型", field="type")
    items = queries.items_in_force(on, department=department, power_type=power_type, search=filters.q or "")
    items = scope(request.auth, items, field="matter__department")
    return [_item_out(i) for i in items.order_by("matter__department__display_order", "matter__code", "code")]


@router.get("/items/{code}", response=ItemDetailOut, auth=API_AUTH, summary="一个办理项：办事指南、异常情况、委托情况")
def item_detail(request, code: str, on: dt.date | None = None):
    item = _visible_item(request, code, on or timezone.localdate())
    values = queries.guide_values(item)
    guide = item.guide if hasattr(item, "guide") else None
    return {
        **_item_out(item),
        "guide": None if guide is None else {
            "conditions": guide.conditions, "fees": guide.fees, "legal_basis": guide.legal_basis,
            "where_to_apply": guide.where_to_apply, "online_url": guide.online_url,
            "materials": [vars(m) for m in values.materials],
        },
        "anomalies": queries.item_anomalies(item),
        "delegations": [
            {"kind": d.get_kind_display(), "regions": [r.name for r in d.regions.all()], "delegate": d.delegate,
             "document": d.document, "valid_from": d.valid_from, "valid_to": d.valid_to}
            for d in queries.delegations_for(item)
        ],
    }


@router.get("/diff", response=DiffOut, auth=API_AUTH, summary="两个日期之间事项目录的调整情况（含周报表述）")
def diff(request, date_from: dt.date, date_to: dt.date):
    if date_to < date_from:
        raise DomainError("结束日期不能早于开始日期", field="date_to")
    d = queries.catalog_diff(date_from, date_to)
    return {**{k: getattr(d, k) for k in ("date_from", "date_to", "matters_from", "matters_to", "items_from", "items_to")},
            "departments": [vars(c) for c in d.departments], "lines": render_diff(d)}


@router.get("/handler", response=HandlerOut, auth=API_AUTH, summary="某日某市（州）的这个办理项由谁办理")
def handler(request, item: str, region: str, on: dt.date | None = None):
    on = on or timezone.localdate()
    found = _visible_item(request, item, on)
    place = queries.region_by(region)
    d = queries.handler_for(found, place, on)
    if d is None:
        return {"item": found.code, "region": place.name, "on": on, "province": True,
                "handler": found.matter.department.name}
    return {"item": found.code, "region": place.name, "on": on, "province": False,
            "handler": d.delegate_for(place), "kind": d.get_kind_display(), "document": d.document,
            "valid_from": d.valid_from, "valid_to": d.valid_to}
