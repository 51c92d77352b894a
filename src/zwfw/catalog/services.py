"""Writers of the catalogue. One transaction per command; bad input raises DomainError and writes nothing.

History is kept by versions: a change on date D closes the version in force (valid_to = D)
and opens a new one with the same code (valid_from = D). A change dated the same day as the
version it changes corrects that version in place.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from zwfw.errors import Conflict, DomainError, NotFound
from zwfw.money import parse_amount

from .models import (
    Bundle, BundleMember, Delegation, Department, GuideFee, GuideMaterial, HandlingItem, Matter, PowerType,
    ServiceGuide,
)
from .rules import FLAG_FIELDS, ITEM_FIELDS, MATTER_CODE_MAX, code_problem, item_problems, name_problem

ITEM_DEFAULTS = {f: HandlingItem._meta.get_field(f).get_default() for f in FLAG_FIELDS}


def _check_item(values: dict) -> None:
    problems = item_problems(values)
    if problems:
        field, message = problems[0]
        label = values.get("code") or values.get("name") or ""
        raise DomainError(f"办理项“{label}”：{message}", field=field)


def _current(model, code: str, on: dt.date):
    row = model.objects.filter(code=code).in_force(on).first()
    if row is None:
        what = "事项" if model is Matter else "办理项"
        raise NotFound(f"{what}“{code}”在 {on:%Y-%m-%d} 不在有效期内或不存在", field="code")
    later = model.objects.filter(code=code, valid_from__gt=on).exists()
    if later:
        raise Conflict(f"“{code}”已有晚于 {on:%Y-%m-%d} 的版本，不能在此日期调整", field="valid_from")
    return row


def _copy_guide(source: HandlingItem, target: HandlingItem) -> None:
    guide = ServiceGuide.objects.filter(item=source).first()
    if guide is None:
        return
    materials = list(guide.materials.all())
    fee_items = list(guide.fee_items.all())
    guide.pk = None
    guide.id = None
    guide.item = target
    guide.save()
    for m in materials:
        m.pk = None
        m.id = None
        m.guide = guide
    GuideMaterial.objects.bulk_create(materials)
    for f in fee_items:
        f.pk = None
        f.id = None
        f.guide = guide
    GuideFee.objects.bulk_create(fee_items)


def _new_item_version(item: HandlingItem, on: dt.date, matter: Matter, changes: dict) -> HandlingItem:
    if item.valid_from == on:
        for k, v in changes.items():
            setattr(item, k, v)
        item.matter = matter
        item.save()
        return item
    old_id = item.pk
    item.valid_to = on
    item.save(update_fields=["valid_to"])
    old = HandlingItem.objects.get(pk=old_id)
    item.pk = None
    item.id = None
    item.valid_from, item.valid_to, item.matter = on, None, matter
    for k, v in changes.items():
        setattr(item, k, v)
    item.save()
    _copy_guide(old, item)
    BundleMember.objects.filter(item=old).update(item=item)
    return item


# ---- matters -----------------------------------------------------------------------------------

@transaction.atomic
def add_matter(*, department: Department, code: str, name: str, power_type: PowerType,
               valid_from: dt.date, items: list[dict] = ()) -> Matter:
    """Add a matter (主项) with its handling items, in force from ``valid_from``."""
    code, name = (code or "").strip(), (name or "").strip()
    if not code or not name:
        raise DomainError("事项编码和事项名称不能为空", field="code" if not code else "name")
    for field, problem in [("code", code_problem(code, "事项编码", MATTER_CODE_MAX)), ("name", name_problem(name, "事项名称"))]:
        if problem:
            raise DomainError(problem, field=field)
    if Matter.objects.filter(code=code).in_force(valid_from).exists():
        raise Conflict(f"事项编码“{code}”在 {valid_from:%Y-%m-%d} 已有有效事项", field="code")
    matter = Matter.objects.create(department=department, code=code, name=name, power_type=power_type,
                                   valid_from=valid_from)
    for values in items:
        add_item(matter_code=code, on=valid_from, **values)
    return matter


@transaction.atomic
def change_matter(code: str, on: dt.date, **changes) -> Matter:
    """Change a matter's name, department or power type from ``on``; its items move to the new version."""
    unknown = set(changes) - {"name", "department", "power_type"}
    if unknown:
        raise DomainError(f"不能调整事项的字段：{'、'.join(sorted(unknown))}")
    matter = _current(Matter, code, on)
    if all(getattr(matter, k) == v for k, v in changes.items()):
        return matter
    if matter.valid_from == on:
        for k, v in changes.items():
            setattr(matter, k, v)
        matter.save()
        return matter
    items = list(matter.items.in_force(on))
    old_id = matter.pk
    matter.valid_to = on
    matter.save(update_fields=["valid_to"])
    new = Matter.objects.get(pk=old_id)
    new.pk = None
    new.id = None
    new.valid_from, new.valid_to = on, None
    for k, v in changes.items():
        setattr(new, k, v)
    new.save()
    for item in items:
        _new_item_version(item, on, new, {})
    return new


@transaction.atomic
def withdraw_matter(code: str, on: dt.date) -> Matter:
    """Withdraw (取消) a matter and all its handling items from ``on``."""
    matter = _current(Matter, code, on)
    for item in matter.items.in_force(on):
        item.valid_to = on
        item.save(update_fields=["valid_to"])
    matter.valid_to = on
    matter.save(update_fields=["valid_to"])
    return matter


# ---- handling items ----------------------------------------------------------------------------

@transaction.atomic
def add_item(*, matter_code: str, on: dt.date, code: str, name: str, statutory_days: int,
             promised_days: int, **fields) -> HandlingItem:
    """Add a handling item (办理项) to the matter in force on ``on``."""
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(f"未知的办理项字段：{'、'.join(sorted(unknown))}")
    values = {**ITEM_DEFAULTS, "reach": [], "licence_kind": "", **fields, "code": (code or "").strip(),
              "name": (name or "").strip(), "statutory_days": statutory_days, "promised_days": promised_days}
    _check_item(values)
    matter = _current(Matter, matter_code, on)
    if HandlingItem.objects.filter(code=values["code"]).in_force(on).exists():
        raise Conflict(f"办理项编码“{values['code']}”在 {on:%Y-%m-%d} 已有有效办理项", field="code")
    return HandlingItem.objects.create(matter=matter, valid_from=on, **values)


@transaction.atomic
def change_item(code: str, on: dt.date, **changes) -> HandlingItem:
    """Change a handling item from ``on``: the old version is closed, a new one opened (guide copied)."""
    unknown = set(changes) - set(ITEM_FIELDS)
    if unknown:
        raise DomainError(f"不能调整办理项的字段：{'、'.join(sorted(unknown))}")
    item = _current(HandlingItem, code, on)
    values = {f: getattr(item, f) for f in ITEM_FIELDS} | changes | {"code": code}
    _check_item(values)
    if all(getattr(item, k) == v for k, v in changes.items()):
        return item
    return _new_item_version(item, on, item.matter, changes)


@transaction.atomic
def withdraw_item(code: str, on: dt.date) -> HandlingItem:
    item = _current(HandlingItem, code, on)
    item.valid_to = on
    item.save(update_fields=["valid_to"])
    return item


# ---- guides, delegations, bundles --------------------------------------------------------------

@transaction.atomic
def save_guide(item: HandlingItem, *, materials: list[dict] | None = None, fee_items: list[dict] | None = None,
               **fields) -> ServiceGuide:
    """Write an item's guide; ``materials`` / ``fee_items`` (if given) replace its material / fee rows.

    A fee row is {name, rule (fixed / per_unit / free), amount (yuan, Decimal or text), unit,
    default_quantity, legal_basis}; a bad row is a DomainError naming the row and the field."""
    allowed = {"conditions", "fees", "legal_basis", "where_to_apply", "online_url"}
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(f"未知的办事指南字段：{'、'.join(sorted(unknown))}")
    guide, _ = ServiceGuide.objects.update_or_create(item=item, defaults=fields)
    if materials is not None:
        for n, m in enumerate(materials, start=1):
            if not str(m.get("name") or "").strip():
                raise DomainError(f"第 {n} 项申请材料未填写名称", field="materials")
        guide.materials.all().delete()
        GuideMaterial.objects.bulk_create(
            [GuideMaterial(guide=guide, position=n, **m) for n, m in enumerate(materials, start=1)]
        )
    if fee_items is not None:
        rows = [_fee_row(n, f) for n, f in enumerate(fee_items, start=1)]
        guide.fee_items.all().delete()
        GuideFee.objects.bulk_create([GuideFee(guide=guide, position=n, **f) for n, f in enumerate(rows, start=1)])
    return guide


def _fee_row(n: int, values: dict) -> dict:
    from .feerules import FIXED, FREE, fee_problems

    unknown = set(values) - {"name", "rule", "amount", "unit", "default_quantity", "legal_basis"}
    if unknown:
        raise DomainError(f"第 {n} 项收费项目有未知字段：{'、'.join(sorted(unknown))}", field="fee_items")
    row = {"name": str(values.get("name") or "").strip(), "rule": values.get("rule") or FIXED,
           "unit": str(values.get("unit") or "").strip(), "default_quantity": int(values.get("default_quantity") or 1),
           "legal_basis": str(values.get("legal_basis") or "").strip(), "amount": None}
    raw = values.get("amount")
    if raw not in (None, ""):
        row["amount"] = parse_amount(raw, field="fee_items", what=f"第 {n} 项收费项目的金额",
                                     allow_zero=row["rule"] == FREE)
    problems = fee_problems(**{k: row[k] for k in ("rule", "amount", "unit", "name", "legal_basis")},
                            quantity=row["default_quantity"])
    if problems:
        raise DomainError(f"第 {n} 项收费项目：{problems[0][1]}", code="fee_item", field="fee_items")
    return row


@transaction.atomic
def delegate(*, regions: list, delegate: str, valid_from: dt.date, item: HandlingItem | None = None,
             matter: Matter | None = None, kind: str = Delegation.ENTRUST, document: str = "",
             valid_to: dt.date | None = None, note: str = "") -> Delegation:
    """Record a delegation (委托/下放) of an item or a whole matter to ``regions``."""
    from .queries import region_by

    if (item is None) == (matter is None):
        raise DomainError("委托对象应为一个事项或一个办理项", field="item")
    if not regions:
        raise DomainError("请至少选择一个受委托的市（州）", field="regions")
    if not (delegate or "").strip():
        raise DomainError("请填写受委托机关，如“林草主管部门”", field="delegate")
    if valid_to is not None and valid_to <= valid_from:
        raise DomainError("终止日期应晚于实施日期", field="valid_to")
    resolved = [region_by(r) for r in regions]
    d = Delegation.objects.create(kind=kind, item=item, matter=matter, delegate=delegate.strip(),
                                  document=document, valid_from=valid_from, valid_to=valid_to, note=note)
    d.regions.set(resolved)
    return d


@transaction.atomic
def create_bundle(*, code: str, name: str, lead_department: Department, items: list[HandlingItem],
                  valid_from: dt.date, description: str = "") -> Bundle:
    if len(items) < 2:
        raise DomainError("“一件事”至少应包含 2 个办理项", field="items")
    if len({i.code for i in items}) != len(items):
        raise DomainError("同一办理项不能重复加入“一件事”", field="items")
    bundle, _ = Bundle.objects.update_or_create(
        code=code, defaults=dict(name=name, lead_department=lead_department, valid_from=valid_from,
                                 description=description),
    )
    bundle.members.all().delete()
    BundleMember.objects.bulk_create(
        [BundleMember(bundle=bundle, item=i, position=n) for n, i in enumerate(items, start=1)]
    )
    return bundle
