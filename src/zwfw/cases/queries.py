"""Readers: cases as a user may see them."""
from __future__ import annotations

from django.db.models import F

from zwfw.accounts.scoping import scope
from zwfw.errors import NotFound

from .models import OPEN_STATUSES, Case, CaseEvent


def cases_for(user):
    """The cases ``user`` may see: their department's, hall-wide roles all, applicants their own."""
    qs = Case.objects.select_related("item__matter__power_type", "department", "applicant")
    if getattr(user, "role", None) == "applicant" and user.is_authenticated:
        return qs.filter(applicant__user=user)
    return scope(user, qs, field="department")


def case_for(user, number: str) -> Case:
    case = cases_for(user).filter(number=(number or "").strip()).first()
    if case is None:
        raise NotFound(f"没有找到办件“{number}”，或您无权查看。", field="number")
    return case


def worklist(user):
    """My window's open cases, the nearest promised deadline first (not yet accepted ones last)."""
    qs = cases_for(user).filter(status__in=OPEN_STATUSES)
    if getattr(user, "role", None) == "comprehensive_clerk":
        qs = qs.filter(at_comprehensive_window=True)
    return qs.order_by(F("promised_due").asc(nulls_last=True), "received_on", "id")


def timeline(case: Case):
    return CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "id")
