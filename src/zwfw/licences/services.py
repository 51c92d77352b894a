"""Writers of electronic licences: issue, renew (延续), revoke. One transaction each.

Renewal keeps the serial and adds one to the version
(``….00000012.01.X`` → ``….00000012.02.Y``); the old licence points to the new
one (``superseded_by``) and reads "已被新证替代" from the new one's issue date.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from zwfw.accounts.scoping import ensure_can_act
from zwfw.errors import Conflict, DomainError
from zwfw.identifiers import validate_uscc

from . import identifier
from .models import Licence, LicenceKind, LicenceStatus, SerialCounter

RENEWAL_WORD = "延续"


def kind_for(name_or_code: str) -> LicenceKind:
    """The kind a handling item names (by name, or by type code)."""
    text = (name_or_code or "").strip()
    kind = LicenceKind.objects.filter(Q(name=text) | Q(code=text.upper())).first()
    if kind is None:
        raise DomainError(f"电子证照种类“{text}”尚未登记，请政务平台服务处先在证照种类中添加。",
                          code="unknown_licence_kind", field="licence_kind")
    return kind


def valid_until_for(kind: LicenceKind, issued_on: dt.date) -> dt.date | None:
    """Last day of validity: N years from issue, the day before the anniversary (None = long-term)."""
    if not kind.validity_years:
        return None
    year = issued_on.year + kind.validity_years
    try:
        anniversary = issued_on.replace(year=year)
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


def _create(*, kind, holder, department, uscc, serial, version, at, actor, case) -> Licence:
    issued_on = timezone.localdate(at)
    return Licence.objects.create(
        identifier=identifier.build(kind.code, uscc, serial, version), kind=kind, holder=holder, issuer=department,
        issuer_uscc=uscc, case=case, serial=serial, version=version, issued_on=issued_on,
        valid_until=valid_until_for(kind, issued_on), issued_at=at, issued_by=actor,
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
    issued for this case when called again; a renewal when the item is a 延续
    item and the applicant holds a licence of the kind from this department.
    """
    kind_name = (case.item.licence_kind or "").strip()
    if not kind_name:
        return None
    with transaction.atomic():
        existing = Licence.objects.filter(case=case).order_by("-version").first()
        if existing is not None:
            return existing
        kind = kind_for(kind_name)
        if RENEWAL_WORD in case.item.name:
            current = _current_licence(case.applicant, kind, case.department)
            if current is not None:
                return _renew(current, actor=actor, at=at, case=case)
        return issue(kind=kind, holder=case.applicant, department=case.department, actor=actor, at=at, case=case)


def _current_licence(holder, kind, department) -> Licence | None:
    return (Licence.objects.filter(holder=holder, kind=kind, issuer=department, revoked_at__isnull=True,
                                   superseded_by__isnull=True).order_by("-issued_on", "-id").first())


def _renew(old: Licence, *, actor, at, case) -> Licence:
    old = Licence.objects.select_for_update().get(pk=old.pk)
    status = old.status_on(timezone.localdate(at))
    if status == LicenceStatus.REVOKED:
        raise Conflict("该电子证照已撤销，不能延续。", code="licence_revoked")
    if status == LicenceStatus.SUPERSEDED or old.superseded_by_id:
        raise Conflict("该电子证照已延续或被新证替代，请对最新版本办理。", code="licence_superseded")
    new = _create(kind=old.kind, holder=old.holder, department=old.issuer, uscc=old.issuer_uscc, serial=old.serial,
                  version=old.version + 1, at=at, actor=actor, case=case)
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    return new


def renew(licence: Licence, *, actor, at: dt.datetime | None = None, case=None) -> Licence:
    """延续: a new version of the licence superseding the old one."""
    ensure_can_act(actor, licence.issuer)
    with transaction.atomic():
        return _renew(licence, actor=actor, at=at or timezone.now(), case=case)


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
