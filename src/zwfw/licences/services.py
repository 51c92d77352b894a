"""Writers of electronic licences: issue, renew (延续), deem renewed, revoke. One transaction each.

Renewal keeps the serial and adds one to the version
(``….00000012.001.X`` → ``….00000012.002.Y``). The new version runs on from the
old expiry (``renewal``); the old licence points to it (``superseded_by``) and
reads "已被新证替代" from the new one's first day of validity.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zwfw.accounts.scoping import ensure_can_act
from zwfw.errors import Conflict, DomainError
from zwfw.identifiers import validate_uscc

from . import identifier, renewal
from .models import Licence, LicenceKind, LicenceStatus, SerialCounter

RENEWAL_WORD = "延续"
# Case statuses before a decision (准予/不予许可): a renewal still waiting for one.
UNDECIDED = ("applied", "accepted", "transferred", "reviewing", "suspended")


def is_renewal_item(item) -> bool:
    """A handling item whose cases renew a licence (延续) of the kind it yields."""
    return RENEWAL_WORD in item.name and bool((item.licence_kind or "").strip())


def _find_kind(name_or_code: str) -> LicenceKind | None:
    text = (name_or_code or "").strip()
    return LicenceKind.objects.filter(Q(name=text) | Q(code=text.upper())).first()


def kind_for(name_or_code: str) -> LicenceKind:
    """The kind a handling item names (by name, or by type code)."""
    kind = _find_kind(name_or_code)
    if kind is None:
        raise DomainError(f"电子证照种类“{(name_or_code or '').strip()}”尚未登记，请政务平台服务处先在证照种类中添加。",
                          code="unknown_licence_kind", field="licence_kind")
    return kind


def valid_until_for(kind: LicenceKind, valid_from: dt.date) -> dt.date | None:
    """Last day of validity: N years from the first, the day before the anniversary (None = long-term)."""
    if not kind.validity_years:
        return None
    year = valid_from.year + kind.validity_years
    try:
        anniversary = valid_from.replace(year=year)
    except ValueError:  # 29 February
        anniversary = dt.date(year, 3, 1)
    return anniversary - dt.timedelta(days=1)


def _issuer_uscc(department) -> str:
    if not department.uscc:
        raise DomainError(f"{department.name}尚未登记统一社会信用代码，无法签发电子证照。",
                          code="issuer_without_uscc", field="department")
    return validate_uscc(department.uscc, field="department")


def _next_serial(kind: LicenceKind, uscc: str) -> int:
    SerialCounter.objects.get_or_create(kind=kind, issuer_uscc=uscc)
    counter = SerialCounter.objects.select_for_update().get(kind=kind, issuer_uscc=uscc)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _create(*, kind, holder, department, uscc, serial, version, at, actor, case, valid_from=None,
            deemed=False) -> Licence:
    issued_on = timezone.localdate(at)
    valid_from = valid_from or issued_on
    return Licence.objects.create(
        identifier=identifier.build(kind.code, uscc, serial, version), kind=kind, holder=holder, issuer=department,
        issuer_uscc=uscc, case=case, serial=serial, version=version, issued_on=issued_on, valid_from=valid_from,
        valid_until=valid_until_for(kind, valid_from), issued_at=at, issued_by=actor, deemed_renewal=deemed,
    )


def issue(*, kind: LicenceKind, holder, department, actor, at: dt.datetime | None = None, case=None) -> Licence:
    """Issue a new licence (serial allocated per kind and issuer, version 01)."""
    at = at or timezone.now()
    with transaction.atomic():
        uscc = _issuer_uscc(department)
        return _create(kind=kind, holder=holder, department=department, uscc=uscc,
                       serial=_next_serial(kind, uscc), version=1, at=at, actor=actor, case=case)


def issue_for_case(case, actor, at: dt.datetime) -> Licence | None:
    """Called by the cases lifecycle in its 颁发 step (inside its transaction).

    Returns None when the case's item yields no licence; the licence already
    issued (or deemed renewed) for this case when called again; a renewal when
    the item is a 延续 item and the applicant held, on the day the application
    was received, an unexpired licence of the kind from this department — after
    expiry it is a new licence.
    """
    kind_name = (case.item.licence_kind or "").strip()
    if not kind_name:
        return None
    with transaction.atomic():
        existing = Licence.objects.filter(case=case).order_by("-version").first()
        if existing is not None:
            return existing
        kind = kind_for(kind_name)
        if is_renewal_item(case.item):
            current = _current_licence(case.applicant, kind, case.department)
            if current is not None and current.valid_until is not None and _applied_on(case) <= current.valid_until:
                return _renew(current, actor=actor, at=at, case=case)
        return issue(kind=kind, holder=case.applicant, department=case.department, actor=actor, at=at, case=case)


def _current_licence(holder, kind, department) -> Licence | None:
    return (Licence.objects.filter(holder=holder, kind=kind, issuer=department, revoked_at__isnull=True,
                                   superseded_by__isnull=True).order_by("-issued_on", "-id").first())


def _applied_on(case) -> dt.date:
    return case.received_on or timezone.localdate(case.applied_at)


def _renew(old: Licence, *, actor, at, case, deemed=False) -> Licence:
    old = Licence.objects.select_for_update().get(pk=old.pk)
    status = old.status_on(timezone.localdate(at))
    if status == LicenceStatus.REVOKED:
        raise Conflict("该电子证照已撤销，不能延续。", code="licence_revoked")
    if status == LicenceStatus.SUPERSEDED or old.superseded_by_id:
        raise Conflict("该电子证照已延续或被新证替代，请对最新版本办理。", code="licence_superseded")
    if old.valid_until is None:
        raise Conflict(f"该{old.kind.name}长期有效，无需办理延续。", code="renewal_refused")
    new = _create(kind=old.kind, holder=old.holder, department=old.issuer, uscc=old.issuer_uscc, serial=old.serial,
                  version=old.version + 1, at=at, actor=actor, case=case,
                  valid_from=renewal.renewed_from(old.valid_until), deemed=deemed)
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    return new


def renew(licence: Licence, *, actor, at: dt.datetime | None = None, case=None) -> Licence:
    """延续 on request: a new version running on from the old expiry, if the request (the case's
    receipt, or today without a case) is no later than the kind's lead days before expiry."""
    ensure_can_act(actor, licence.issuer)
    at = at or timezone.now()
    applied_on = _applied_on(case) if case is not None else timezone.localdate(at)
    problem = renewal.renewal_problem(kind=licence.kind.name, valid_until=licence.valid_until,
                                      lead_days=licence.kind.renewal_lead_days, applied_on=applied_on)
    if problem:
        raise Conflict(problem, code="renewal_refused")
    with transaction.atomic():
        return _renew(licence, actor=actor, at=at, case=case)


def check_renewal_application(*, applicant, item, on: dt.date) -> None:
    """At acceptance: a 延续 application is refused (DomainError at the item) when the licence it
    would renew is long-term, has expired, or the application comes later than the kind's lead days
    before expiry. A holder without a licence on the platform (e.g. issued on paper) is not judged here."""
    if not is_renewal_item(item):
        return
    kind = _find_kind(item.licence_kind)
    if kind is None:
        return
    current = _current_licence(applicant, kind, item.matter.department)
    if current is None:
        return
    problem = renewal.renewal_problem(kind=kind.name, valid_until=current.valid_until,
                                      lead_days=kind.renewal_lead_days, applied_on=on)
    if problem:
        raise DomainError(problem, code="renewal_refused", field="item")


def deem_renewals(*, on: dt.date | None = None, at: dt.datetime | None = None) -> list[Licence]:
    """Art. 50: a renewal applied for in time that has no decision when the licence expires is deemed
    granted. For each such case still undecided on ``on`` whose licence expired before ``on``, issue
    the renewed version (marked 视为准予延续, running on from the old expiry, linked to the case, so
    the case's own 颁发 later hands out this licence). Idempotent; run it daily."""
    from zwfw.cases.models import Case

    on = on or timezone.localdate()
    at = at or timezone.now()
    cases = (Case.objects.filter(status__in=UNDECIDED, item__name__contains=RENEWAL_WORD, licences__isnull=True)
             .exclude(item__licence_kind="").select_related("item", "applicant", "department")
             .order_by("received_on", "pk"))
    deemed = []
    for case in cases:
        kind = _find_kind(case.item.licence_kind)
        current = kind and _current_licence(case.applicant, kind, case.department)
        if current is None or current.valid_until is None or current.valid_until >= on:
            continue
        if not renewal.applied_in_time(valid_until=current.valid_until, lead_days=kind.renewal_lead_days,
                                       applied_on=_applied_on(case)):
            continue
        with transaction.atomic():
            deemed.append(_renew(current, actor=None, at=at, case=case, deemed=True))
    return deemed


def revoke(licence: Licence, *, actor, reason: str, at: dt.datetime | None = None) -> Licence:
    """撤销: record who, when and why. A revoked licence verifies as "已撤销"."""
    ensure_can_act(actor, licence.issuer)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写撤销原因。", code="reason_required", field="reason")
    with transaction.atomic():
        licence = Licence.objects.select_for_update().get(pk=licence.pk)
        if licence.revoked_at is not None:
            raise Conflict("该电子证照已于此前撤销。", code="already_revoked")
        licence.revoked_at, licence.revoked_reason, licence.revoked_by = at or timezone.now(), reason, actor
        licence.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        return licence
