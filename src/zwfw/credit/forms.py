"""Parsing the listing form into the service's arguments (errors at the field)."""
from __future__ import annotations

import datetime as dt

from zwfw.cases.models import Applicant
from zwfw.catalog.models import Department, Matter
from zwfw.errors import DomainError


def _date(text: str, field: str, label: str) -> dt.date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DomainError(f"{label}“{text}”格式不正确，应为 YYYY-MM-DD。", code="invalid_date", field=field) from None


def listing_arguments(data, departments) -> dict:
    """From POST data to list_applicant's keyword arguments (actor not included)."""
    id_number = (data.get("id_number") or "").strip().upper()
    applicant = Applicant.objects.filter(id_number=id_number).first() if id_number else None
    if applicant is None:
        raise DomainError("未找到该证件号码的申请人，请核对统一社会信用代码或身份证号码。",
                          code="applicant_not_found", field="id_number")
    department = departments.filter(pk=data.get("department") or 0).first()
    if department is None:
        raise DomainError("请选择列入部门。", code="department_required", field="department")
    years_text = (data.get("years") or "").strip()
    if years_text and not years_text.isdigit():
        raise DomainError("限制年限应为整数。", code="invalid_years", field="years")
    matter_ids = [int(x) for x in data.getlist("matters") if str(x).isdigit()]
    return {
        "applicant": applicant, "department": department,
        "matters": list(Matter.objects.filter(pk__in=matter_ids)),
        "whole_department": data.get("whole_department") == "on",
        "reason": data.get("reason", ""), "document": data.get("document", ""),
        "start_date": _date(data.get("start_date"), "start_date", "起始日期"),
        "end_date": _date(data.get("end_date"), "end_date", "截止日期"),
        "years": int(years_text) if years_text else None,
    }


def matters_by_department(departments, on: dt.date) -> list[tuple[Department, list[Matter]]]:
    matters = Matter.objects.in_force(on).filter(department__in=departments).order_by("department__display_order", "code")
    grouped: dict[int, list[Matter]] = {}
    for m in matters:
        grouped.setdefault(m.department_id, []).append(m)
    return [(d, grouped.get(d.pk, [])) for d in departments]
