"""Applicants: registration with validated identifiers, and who may see their personal data."""
from __future__ import annotations

import logging
import re

from django.db import transaction

from zwfw.errors import DomainError
from zwfw.identifiers import mask_id, mask_phone, validate_resident_id, validate_uscc

from .models import Applicant, AuditLog, Case

audit = logging.getLogger("zwfw.audit")
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")


def validate_identifier(kind: str, id_number: str) -> str:
    if kind == Applicant.PERSON:
        return validate_resident_id(id_number)
    if kind == Applicant.ORGANISATION:
        return validate_uscc(id_number)
    raise DomainError("申请人类型应为自然人或法人或其他组织。", field="kind")


def validate_phone(phone: str) -> str:
    phone = (phone or "").strip().replace(" ", "")
    if phone and not _PHONE.match(phone):
        raise DomainError("联系电话格式不正确，应为 11 位手机号码或带区号的固定电话。", code="invalid_phone", field="phone")
    return phone


@transaction.atomic
def register_applicant(*, kind: str, name: str, id_number: str, phone: str = "", address: str = "",
                       region=None, user=None) -> Applicant:
    """Find the applicant by ID number or create them; contact details given are updated."""
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写申请人姓名或名称。", field="name")
    id_number = validate_identifier(kind, id_number)
    phone = validate_phone(phone)
    applicant = Applicant.objects.select_for_update().filter(id_number=id_number).first()
    if applicant is None:
        return Applicant.objects.create(kind=kind, name=name, id_number=id_number, phone=phone,
                                        address=address.strip(), region=region, user=user)
    if applicant.kind != kind or applicant.name != name:
        raise DomainError(  # neutral: never tell who is registered under an ID number
            "申请人姓名（名称）、类型与证件号码的登记信息不一致，请核对证件后重新填写。",
            code="applicant_mismatch", field="name")
    changed = []
    for field, value in (("phone", phone), ("address", address.strip()), ("region", region), ("user", user)):
        if value and getattr(applicant, field) != value:
            setattr(applicant, field, value)
            changed.append(field)
    if changed:
        applicant.save(update_fields=changed)
    return applicant


# ---- personal data ----------------------------------------------------------------------------

def handles(user, applicant: Applicant, case: Case | None = None) -> bool:
    """Whether ``user`` handles this applicant's case and so sees the data unmasked.

    Comprehensive clerks for cases at the comprehensive window, users of the case's department
    (when no case is named: of any department, or the comprehensive window, with a case of this
    applicant) and the applicant themselves.
    """
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if applicant.user_id and applicant.user_id == user.pk:
        return True
    role = getattr(user, "role", None)
    if role == "comprehensive_clerk":
        if case is not None:
            return case.at_comprehensive_window
        return applicant.cases.filter(at_comprehensive_window=True).exists()
    if role in ("department_clerk", "approver", "api_client") and user.department_id:
        if case is not None:
            return case.department_id == user.department_id
        return applicant.cases.filter(department_id=user.department_id).exists()
    return False


def handles_expression(user, applicant_field: str = "applicant"):
    """``handles(user, <row's applicant>)`` (no case named) as an SQL expression to annotate a list with,
    so a list of N rows asks once, not N times. ``applicant_field`` is the path to the applicant."""
    from django.db.models import BooleanField, Exists, OuterRef, Q, Value, When
    from django.db.models import Case as Case_

    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Value(False, output_field=BooleanField())
    own = Q(**{f"{applicant_field}__user_id": user.pk})
    role = getattr(user, "role", None)
    if role == "comprehensive_clerk":
        cases = Case.objects.filter(at_comprehensive_window=True)
    elif role in ("department_clerk", "approver", "api_client") and user.department_id:
        cases = Case.objects.filter(department_id=user.department_id)
    else:
        return Case_(When(own, then=Value(True)), default=Value(False), output_field=BooleanField())
    # CASE, not a bare OR: an applicant without a login has a NULL user, and NULL OR FALSE is NULL.
    seen = own | Q(Exists(cases.filter(applicant_id=OuterRef(f"{applicant_field}_id"))))
    return Case_(When(seen, then=Value(True)), default=Value(False), output_field=BooleanField())


def log_views(user, applicants, *, what: str, where: str) -> None:
    """``log_view`` for every applicant of a list shown unmasked, in one insert."""
    applicants = list(applicants)
    if not applicants:
        return
    AuditLog.objects.bulk_create([AuditLog(user=user, applicant=a, what=what, where=where) for a in applicants])
    for a in applicants:
        audit.warning("unmasked applicant=%s case=- user=%s what=%s where=%s", a.pk, user.pk, what, where)


def log_view(user, applicant: Applicant, *, case: Case | None = None, what: str, where: str) -> None:
    """Record that ``user`` saw ``what`` of this applicant (AuditLog + the zwfw.audit logger)."""
    AuditLog.objects.create(user=user, applicant=applicant, case=case, what=what, where=where)
    audit.warning("unmasked applicant=%s case=%s user=%s what=%s where=%s", applicant.pk,
                  case.number if case else "-", user.pk, what, where)


def applicant_view(user, applicant: Applicant, *, case: Case | None = None, where: str = "") -> dict:
    """The applicant as ``user`` may see them; an unmasked view is logged (AuditLog + zwfw.audit)."""
    unmasked = handles(user, applicant, case)
    if unmasked:
        log_view(user, applicant, case=case, what="证件号码、联系电话", where=where)
    return {
        "kind": applicant.kind,
        "kind_label": applicant.get_kind_display(),
        "name": applicant.name,
        "id_number": applicant.id_number if unmasked else mask_id(applicant.id_number),
        "phone": applicant.phone if unmasked else mask_phone(applicant.phone),
        "address": applicant.address if unmasked else "",
        "masked": not unmasked,
    }


def own_applicant(user) -> Applicant:
    """The Applicant record linked to an applicant's login; Forbidden for anyone else."""
    from zwfw.errors import Forbidden

    applicant = None
    if getattr(user, "is_authenticated", False) and getattr(user, "role", None) == "applicant":
        applicant = Applicant.objects.filter(user=user).select_related("region").first()
    if applicant is None:
        raise Forbidden("网上申请仅供已绑定申请人信息的申请人账户使用。", code="not_an_applicant")
    return applicant
