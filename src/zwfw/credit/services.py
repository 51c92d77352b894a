"""Writers of the abnormal list: list an applicant, lift a listing early. Never delete."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zwfw.accounts.scoping import ensure_can_act, ensure_may
from zwfw.errors import Conflict, DomainError

from .models import Listing


def end_after_years(start: dt.date, years: int) -> dt.date:
    """"N 年内不受理" from ``start``: the day before the N-th anniversary."""
    try:
        anniversary = start.replace(year=start.year + years)
    except ValueError:  # 29 February
        anniversary = dt.date(start.year + years, 3, 1)
    return anniversary - dt.timedelta(days=1)


def list_applicant(*, actor, applicant, department, reason: str, start_date: dt.date, end_date: dt.date | None = None,
                   years: int | None = None, matters=(), whole_department: bool = False,
                   document: str = "") -> Listing:
    """列入异常名录 for named matters of ``department`` or for all of its matters."""
    ensure_may(actor, "keep_credit_list")
    ensure_can_act(actor, department)
    reason, document = (reason or "").strip(), (document or "").strip()
    matters = list(matters)
    if not reason:
        raise DomainError("请填写列入原因，如“提供虚假材料”。", code="reason_required", field="reason")
    if start_date is None:
        raise DomainError("请填写起始日期。", code="start_required", field="start_date")
    if end_date is None and years:
        if years < 1:
            raise DomainError("限制年限应至少为 1 年。", code="invalid_years", field="years")
        end_date = end_after_years(start_date, years)
    if end_date is None:
        raise DomainError("请填写截止日期，或填写限制年限（如一年内不受理填 1）。", code="end_required", field="end_date")
    if end_date < start_date:
        raise DomainError("截止日期不能早于起始日期。", code="end_before_start", field="end_date")
    if not whole_department and not matters:
        raise DomainError("请选择限制的事项，或选择该部门全部事项。", code="scope_required", field="matters")
    foreign = [m.name for m in matters if m.department_id != department.pk]
    if foreign:
        raise DomainError(f"事项“{foreign[0]}”不属于{department.name}，不能由该部门列入。",
                          code="foreign_matter", field="matters")
    with transaction.atomic():
        listing = Listing.objects.create(
            applicant=applicant, department=department, whole_department=whole_department, reason=reason,
            document=document, start_date=start_date, end_date=end_date, listed_by=actor, listed_at=timezone.now())
        if not whole_department:
            listing.matters.set(matters)
        return listing


def lift_early(listing: Listing, *, actor, reason: str, at: dt.datetime | None = None) -> Listing:
    """提前移出: the listing stops blocking from ``at``'s date; the record stays."""
    ensure_may(actor, "keep_credit_list")
    ensure_can_act(actor, listing.department)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("提前移出须填写原因。", code="reason_required", field="reason")
    with transaction.atomic():
        listing = Listing.objects.select_for_update().get(pk=listing.pk)
        if listing.lifted_at is not None:
            raise Conflict("该名录记录已提前移出。", code="already_lifted")
        at = at or timezone.now()
        if timezone.localdate(at) > listing.end_date:
            raise Conflict("该名录记录已到期，无需提前移出。", code="already_ended")
        listing.lifted_at, listing.lifted_reason, listing.lifted_by = at, reason, actor
        listing.save(update_fields=["lifted_at", "lifted_reason", "lifted_by"])
        return listing
