"""Loads the demo hall's catalogue through the catalogue services. Safe to re-run."""
from __future__ import annotations

import datetime as dt

from django.db import transaction

from zwfw.catalog import services as catalog
from zwfw.catalog.models import Bundle, Delegation, Department, HandlingItem, Matter, PowerType

from .departments import DEPARTMENTS, demo_uscc
from .matters import ADDED_IN_YEAR, BUNDLES, DELEGATION, MATTERS, PERMIT_ITEMS

COMPREHENSIVE_SHARE = 3  # every third handling item is accepted at the comprehensive window


def _materials(matter: str, item: str, licence_kind: str) -> list[dict]:
    rows = [
        {"name": f"{matter}申请表", "form": "original"},
        {"name": "申请人身份证明", "form": "copy", "licence_kind": "居民身份证"},
        {"name": "营业执照", "form": "copy", "licence_kind": "营业执照", "required": False},
    ]
    if item in ("变更", "延续", "注销") and licence_kind:
        rows.append({"name": f"原{licence_kind}", "form": "original", "licence_kind": licence_kind})
    return rows


def _item_values(dept_code: str, m_index: int, i_index: int, item_name: str, statutory: int, promised: int,
                 licence_kind: str, serial: int) -> dict:
    return {
        "code": f"{dept_code.upper()}-{m_index:02d}-{i_index:02d}",
        "name": item_name,
        "statutory_days": statutory,
        "promised_days": promised,
        "fully_online": serial % 4 != 0,
        "at_most_one_visit": True,
        "on_the_spot": promised <= 1,
        "at_comprehensive_window": serial % COMPREHENSIVE_SHARE == 0,
        "manual_written": serial % (COMPREHENSIVE_SHARE * 2) == 0,
        "auto_approval": item_name in ("签发", "备案") and promised <= 2,
        "promise_in_lieu": serial % 7 == 0,
        "reach": ["province"] + (["sichuan_chongqing"] if serial % 5 == 0 else []),
        "licence_kind": licence_kind,
    }


def _add_matter(dept: Department, code: str, name: str, type_code: str, items, statutory: int, promised: int,
                licence_kind: str, on: dt.date, m_index: int, serial: int) -> int:
    if Matter.objects.filter(code=code).exists():
        return serial
    names = items if items is not None else PERMIT_ITEMS
    values = []
    for i, item_name in enumerate(names, start=1):
        serial += 1
        days = statutory if item_name != "注销" else max(5, statutory // 4)
        kept = min(promised, days)
        values.append(_item_values(dept.code, m_index, i, item_name, days, kept,
                                   licence_kind if item_name != "注销" else "", serial))
    catalog.add_matter(department=dept, code=code, name=name, power_type=PowerType.objects.get(code=type_code),
                       valid_from=on, items=values)
    for item in HandlingItem.objects.filter(matter__code=code):
        catalog.save_guide(
            item, conditions=f"符合《{name}》相关法律法规规定的申请条件。", fees="不收费",
            legal_basis=f"《{name}管理办法》", where_to_apply="省政务服务大厅（成都市高新区天府大道中段 1268 号）",
            online_url="https://www.sczwfw.gov.cn/",
            materials=_materials(name, item.name, licence_kind),
        )
    return serial


# Demo fee items (收费项目): (department, matter, items) → the guide's fee rows. The legal basis names a
# made-up pricing notice, marked as demo data: the real hall enters its own documents.
FEE_BASIS = "《四川省发展和改革委员会 四川省财政厅关于证照工本费收费标准的通知》（演示数据）"
FEES = [
    ("lcj", "林草种子生产经营许可证核发", ("核发", "变更"),
     [{"name": "证书工本费", "rule": "per_unit", "amount": "10", "unit": "证", "legal_basis": FEE_BASIS},
      {"name": "审查费", "rule": "free"}]),
    ("lcj", "陆生野生动物人工繁育许可", ("核发",),
     [{"name": "许可证工本费", "rule": "per_unit", "amount": "10", "unit": "证", "legal_basis": FEE_BASIS}]),
    ("wjw", "放射诊疗许可", ("校验",),
     [{"name": "放射诊疗许可证工本费", "rule": "fixed", "amount": "15", "legal_basis": FEE_BASIS}]),
]


def _fees(on: dt.date) -> None:
    """The demo items' fee rows, brought up to date on every run (the guide's text says the same)."""
    for dept, matter, names, rows in FEES:
        for item in HandlingItem.objects.in_force(on).filter(matter__department__code=dept, matter__name=matter,
                                                             name__in=names):
            charged = [r for r in rows if r["rule"] != "free"]
            text = "；".join(f"{r['name']} {r['amount']} 元" + (f"/{r['unit']}" if r.get("unit") else "")
                            for r in charged) + "；其余不收费" * (len(charged) < len(rows))
            catalog.save_guide(item, fees=text, fee_items=rows)


@transaction.atomic
def load_catalogue(year_start: dt.date, mid_year: dt.date) -> dict:
    """Departments, matters, items, guides, the delegation and bundles of the demo hall."""
    for order, (code, name) in enumerate(DEPARTMENTS, start=1):
        Department.objects.update_or_create(
            code=code, defaults={"name": name, "short_name": name, "display_order": order,
                                 "uscc": demo_uscc(order * 1000 + 7), "in_hall": True})
    depts = {d.code: d for d in Department.objects.all()}
    serial = 0
    for dept_code, matters in MATTERS.items():
        for m_index, (name, type_code, items, statutory, promised, licence) in enumerate(matters, start=1):
            serial = _add_matter(depts[dept_code], f"{dept_code.upper()}-{m_index:02d}", name, type_code, items,
                                 statutory, promised, licence, year_start, m_index, serial)
    for dept_code, name, type_code, items, statutory, promised, licence, _ in ADDED_IN_YEAR:
        m_index = len(MATTERS[dept_code]) + 1
        serial = _add_matter(depts[dept_code], f"{dept_code.upper()}-{m_index:02d}", name, type_code, items,
                             statutory, promised, licence, mid_year, m_index, serial)

    matter = Matter.objects.get(name=DELEGATION["matter"], department__code=DELEGATION["department"])
    if not Delegation.objects.filter(matter=matter).exists():
        catalog.delegate(matter=matter, regions=DELEGATION["regions"], delegate=DELEGATION["delegate"],
                         document=DELEGATION["document"],
                         valid_from=dt.date(mid_year.year, 1, 1))

    for n, (name, lead, members) in enumerate(BUNDLES, start=1):
        items = [HandlingItem.objects.in_force(year_start).get(matter__department__code=d, matter__name=m, name=i)
                 for d, m, i in members]
        if not Bundle.objects.filter(code=f"YJS-{n:02d}").exists():
            catalog.create_bundle(code=f"YJS-{n:02d}", name=name, lead_department=depts[lead], items=items,
                                  valid_from=year_start)
    _fees(year_start)
    _fees(mid_year)
    return {
        "departments": len(depts),
        "matters": Matter.objects.in_force(mid_year).count(),
        "items": HandlingItem.objects.in_force(mid_year).count(),
    }
