"""Every call from the cases app into other apps, in one place.

Other apps are written in parallel; where one is not installed yet, the port says
what the platform does without it (no listing found, no licence held, none issued).
"""
from __future__ import annotations

import contextlib
import contextvars
import datetime as dt

#: Applicants known to have no listing at all (set for the length of a batch): nothing can bar them.
_UNLISTED: contextvars.ContextVar[frozenset] = contextvars.ContextVar("zwfw_unlisted", default=frozenset())


def get_calendar():
    from zwfw.workdays.services import get_calendar as _get

    return _get()


def record(event) -> None:
    from zwfw.stats.services import record as _record

    _record(event)


def record_many(events) -> None:
    from zwfw.stats.services import record_many as _record_many

    _record_many(events)


def notify_many(events) -> None:
    """Queue the notices of many events at once (bulk intake; one INSERT)."""
    from zwfw.notices.services import queue_for_events

    queue_for_events(events)


def notify(event) -> None:
    """Queue the applicant's notices of ``event`` (SMS and portal; one INSERT, only for the steps they are told of)."""
    from zwfw.notices.services import queue_for_event

    queue_for_event(event)


def handler_for(item, region, on: dt.date):
    from zwfw.catalog.queries import handler_for as _handler_for

    return _handler_for(item, region, on)


def guide_materials(item) -> list:
    """The service guide's materials of ``item`` (name, copies, required, form, licence_kind)."""
    from zwfw.catalog.queries import guide_material_values

    return guide_material_values(item)


def merged_materials(bundle, on: dt.date) -> list:
    from zwfw.catalog.queries import merged_materials as _merged

    return _merged(bundle, on)


def bundle_items(bundle, on: dt.date) -> list:
    from zwfw.catalog.queries import bundle_items as _items

    return _items(bundle, on)


@contextlib.contextmanager
def unlisted_known(applicant_ids):
    """For a batch: ask the abnormal list once which of these applicants have any listing; for the others
    ``blocking_listing`` answers None without a query. The rule itself stays ``credit.queries``'s."""
    try:
        from zwfw.credit.queries import listed_applicants
    except ImportError:
        yield
        return
    ids = set(applicant_ids)
    token = _UNLISTED.set(frozenset(ids - listed_applicants(ids)))
    try:
        yield
    finally:
        _UNLISTED.reset(token)


def blocking_listing(applicant, item, on: dt.date):
    """The abnormal-list entry that bars ``applicant`` from ``item`` on ``on``, or None."""
    if applicant.pk in _UNLISTED.get():
        return None
    try:
        from zwfw.credit.queries import blocking_listing as _blocking
    except ImportError:  # credit app not written yet
        return None
    return _blocking(applicant, item, on)


def valid_licence_kinds(applicant, on: dt.date) -> set[str]:
    """Kinds of electronic licence ``applicant`` holds, valid on ``on``."""
    try:
        from zwfw.licences.queries import valid_licence_kinds as _kinds
    except ImportError:  # licences app not written yet
        return set()
    return set(_kinds(applicant, on))


def issue_for_case(case, actor, at):
    """Issue the electronic licence of a case (same transaction); the Licence or None."""
    try:
        from zwfw.licences.services import issue_for_case as _issue
    except ImportError:  # licences app not written yet
        return None
    return _issue(case, actor, at)


def check_renewal(applicant, item, on: dt.date) -> None:
    """A 延续 application the law does not allow (licence expired, or later than the kind's lead days
    before expiry) raises DomainError at the item."""
    from zwfw.licences.services import check_renewal_application

    check_renewal_application(applicant=applicant, item=item, on=on)


def assess_fees(case, actor, at) -> None:
    """At acceptance: record what the case owes under its guide's fee items (same transaction)."""
    from zwfw.fees.services import assess

    assess(case, actor=actor, at=at)


def ensure_fees_paid(case) -> None:
    """Conflict naming the amount owed when a fee of ``case`` is unpaid (before 颁发/办结)."""
    from zwfw.fees.services import ensure_paid

    ensure_paid(case)


def fees_owed(case):
    """The amount ``case`` still owes (Decimal, 0 when nothing)."""
    from zwfw.fees.queries import owed

    return owed(case)


def routing():
    """The routing commands (流转 to an office or approver, 退回, 改派): zwfw.routing.services."""
    from zwfw.routing import services

    return services
