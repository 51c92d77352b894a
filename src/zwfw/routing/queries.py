"""Readers: a department's offices and approvers, where a case is now, its corrections."""
from __future__ import annotations

from .models import CaseAssignment, CaseCorrection, Office


def offices_of(department) -> list[Office]:
    """The department's offices in use, in their order."""
    return list(Office.objects.filter(department=department, active=True).order_by("order", "id"))


def approvers_of(department) -> list:
    """The department's active approvers (with their office, if they belong to one)."""
    from zwfw.accounts.models import User

    return list(User.objects.filter(department=department, role="approver", is_active=True)
                .select_related("office_membership__office").order_by("office_membership__office__order",
                                                                      "username"))


def assignment_of(case) -> CaseAssignment | None:
    return CaseAssignment.objects.filter(case=case).select_related("office", "approver").first()


def corrections_of(case) -> list[CaseCorrection]:
    return list(CaseCorrection.objects.filter(case=case).select_related("actor").order_by("at", "id"))
