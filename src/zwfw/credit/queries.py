"""Readers of the abnormal list."""
from __future__ import annotations

import datetime as dt

from django.db.models import Q

from zwfw.timeframe import after_day

from .models import Listing


def in_force_q(on: dt.date) -> Q:
    return (Q(start_date__lte=on, end_date__gte=on)
            & (Q(lifted_at__isnull=True) | Q(**after_day("lifted_at", on))))


def blocking_listing(applicant, item, on: dt.date) -> Listing | None:
    """The listing in force on ``on`` that bars ``applicant`` from ``item`` (a HandlingItem):
    one naming the item's matter (by matter code, any version) or covering its whole
    department. The one ending last wins, so the refusal names the full ban."""
    matter = item.matter
    covers = (Q(whole_department=True, department_id=matter.department_id) | Q(matters__code=matter.code))
    return (Listing.objects.filter(in_force_q(on), covers, applicant=applicant)
            .select_related("applicant", "department").order_by("-end_date", "-id").first())


def listed_applicants(applicant_ids) -> set[int]:
    """Which of these applicants have any listing at all (a batch asks once; the others cannot be barred)."""
    return set(Listing.objects.filter(applicant_id__in=list(applicant_ids)).values_list("applicant_id", flat=True)
               .distinct())


def listings_for(applicant):
    """An applicant's whole history, newest first."""
    return Listing.objects.filter(applicant=applicant).select_related("department").prefetch_related("matters")
