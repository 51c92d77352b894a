"""Applying (申请/收件): the case is opened and the acceptance decision acted on — accepted, completed on
the spot (即办件), refused on the record (不予受理), or decided by rule (智能审批)."""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from zwfw.accounts.scoping import ensure_can_act
from zwfw.catalog.models import HandlingItem
from zwfw.errors import Conflict, DomainError, Forbidden

from . import actions, clock, lifecycle, ports
from .acceptance import (
    Refusal, check_material_input, check_materials, local_date, material_checklist, materials_refusal,
    missing_materials, refusal,
)
from .applicants import register_applicant
from .automatic import try_automatic
from .events import case_event
from .models import Case, CaseSequence, CaseStatus, Channel, Delivery
from .numbering import case_number


def _bump(day: dt.date) -> int | None:
    """The day's serial plus one, in one statement (UPDATE … RETURNING; SQLite ≥ 3.35 and PostgreSQL)."""
    table = connection.ops.quote_name(CaseSequence._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET last = last + 1 WHERE day = %s RETURNING last",  # nosec B608
                       [connection.ops.adapt_datefield_value(day)])
        row = cursor.fetchone()
    return row[0] if row else None


def next_serial(day: dt.date) -> int:
    """The next daily serial; the row lock is held until the caller's transaction ends."""
    serial = _bump(day)
    if serial is None:
        try:
            with transaction.atomic():
                CaseSequence.objects.create(day=day, last=1)
                return 1
        except IntegrityError:
            serial = _bump(day)
    return serial


# ---- apply ------------------------------------------------------------------------------------

DECISIONS = {"receive": "收件", "accept": "受理", "reject": "不予受理（材料不齐全且不能补正）"}


def item_for(code: str, on: dt.date) -> HandlingItem:
    """The handling item an application names: the version in force on ``on``, else the version it names
    that is not in force (the acceptance decision refuses it, on the record); unknown codes are an error."""
    from zwfw.catalog.queries import items_in_force

    code = (code or "").strip()
    if not code:
        raise DomainError("请填写办理项编码。", code="item_required", field="item_code")
    item = items_in_force(on).filter(code=code).first()
    if item is None:
        versions = HandlingItem.objects.filter(code=code).select_related("matter__department", "matter__power_type")
        item = versions.filter(valid_from__lte=on).order_by("-valid_from").first() or versions.order_by(
            "valid_from").first()
    if item is None:
        raise DomainError(f"没有编码为“{code}”的办理项，请核对办理项编码。", code="unknown_item", field="item_code")
    return item


def _check_applier(actor, item: HandlingItem, applicant, channel: str) -> bool:
    """Who may file this application; returns whether it is at the comprehensive window."""
    role = getattr(actor, "role", None)
    if role == "applicant":
        if applicant is None or applicant.user_id != actor.pk:
            raise Forbidden("只能以本人（本单位）名义提交申请。", code="not_own_application")
        if channel != Channel.ONLINE:
            raise DomainError("申请人只能通过网上申请提交。", field="channel")
        return False
    if role == "comprehensive_clerk":
        if not item.at_comprehensive_window:
            raise DomainError(
                f"“{item}”未进驻综合窗口，请到{item.matter.department.name}窗口办理。",
                code="not_at_comprehensive_window", field="item")
        return True
    ensure_can_act(actor, item.matter.department)
    return False


def _open(*, item, applicant, actor, channel, at, on, comprehensive, region, materials, bundle_application) -> Case:
    case = Case.objects.create(
        number=case_number(on, next_serial(on)), item=item, department=item.matter.department, applicant=applicant,
        status=CaseStatus.APPLIED, applied_at=at, received_on=on, channel=channel,
        at_comprehensive_window=comprehensive, region=region or applicant.region, materials=materials,
        bundle_application=bundle_application,
    )
    case_event(case, "applied", at=at, actor=actor, data={"channel": channel})
    return case


def _refuse(case: Case, refused: Refusal, actor, at) -> Case:
    """不予受理 on the record: the case, the reason, the legal basis, the counted event."""
    clerk = actor if lifecycle.may_take(getattr(actor, "role", None), "reject",
                                        is_superuser=getattr(actor, "is_superuser", False)) else None
    return actions.reject(case, actor=clerk, version=case.version, reason=refused.reason,
                          legal_basis=refused.legal_basis, at=at, automatic=clerk is None)


def _complete_on_the_spot(case: Case, actor, at, calendar=None) -> Case:
    """即办件: accepted and completed in the same action (受理 and 办结 both counted)."""
    actions.accept(case, actor=actor, version=case.version, at=at, calendar=calendar)
    if ports.fees_owed(case):  # not completed on the spot before the fee is paid: it stays accepted
        return case
    data = {"on_the_spot": True, "delivery": Delivery.WINDOW}
    if case.item.licence_kind:
        licence = ports.issue_for_case(case, actor, at)
        if licence is not None:
            data |= {"licence_kind": case.item.licence_kind, "licence": str(getattr(licence, "identifier", licence))}
    saved = None
    if case.statutory_due:
        saved = clock.saved_days(calendar or ports.get_calendar(), local_date(at), case.statutory_due)
    data["saved_days"] = saved
    changes = {"status": CaseStatus.COMPLETED, "completed_at": at, "saved_days": saved, "delivery": Delivery.WINDOW}
    if not Case.objects.filter(pk=case.pk, version=case.version).update(version=F("version") + 1, **changes):
        raise Conflict("该办件已被他人办理，请刷新后重试。", code="stale_version", field="version")
    for name, value in changes.items():
        setattr(case, name, value)
    case.version += 1
    note = "；".join(filter(None, ["即办件，受理后当场办结", clock.saved_sentence(saved)]))
    case_event(case, "completed", at=at, actor=actor, note=note, data=data)
    return case


@transaction.atomic
def apply(*, item: HandlingItem, actor, applicant=None, applicant_details: dict | None = None,
          channel: str = Channel.WINDOW, at: dt.datetime | None = None, region=None, provided=(), promised=(),
          deferred=(), decision: str = "receive", bundle_application=None, materials: list[dict] | None = None,
          automatic: bool = True, calendar=None) -> Case:
    """申请/收件, one transaction: authorise, check what was sent, register the applicant, decide.

    ``applicant`` is a registered Applicant, or ``applicant_details`` (kind, name, id_number, phone,
    address, region) register or update one — only after the actor is authorised, so a refused
    request writes nothing. A refusal of the acceptance decision (item not in force, delegated,
    abnormal list) is a case with a 不予受理 decision (online, the applicant's submission is stopped instead); ``decision`` "accept" accepts at once
    (an 即办件 is completed too) and "reject" refuses for materials the applicant cannot supply.
    Malformed input raises DomainError at the field and nothing is written.
    """
    at = at or timezone.now()
    on = local_date(at)
    if channel not in Channel.values:
        raise DomainError("申请渠道无效。", field="channel")
    if decision not in DECISIONS:
        raise DomainError(f"处理方式应为：{'、'.join(DECISIONS.values())}。", code="decision", field="decision")
    if (applicant is None) == (applicant_details is None):
        raise DomainError("请提供申请人信息。", code="applicant_required", field="applicant")
    comprehensive = _check_applier(actor, item, applicant, channel)
    guide = ports.guide_materials(item) if materials is None else None  # read once
    if materials is None:
        check_material_input(material_checklist(item, None, on, guide=guide), provided, promised, deferred)
    if applicant is None:
        applicant = register_applicant(**applicant_details)
    if materials is None:
        materials = material_checklist(item, applicant, on, provided, promised, deferred, guide=guide)
    opened = dict(item=item, applicant=applicant, actor=actor, channel=channel, at=at, on=on,
                  comprehensive=comprehensive, region=region, materials=materials,
                  bundle_application=bundle_application)
    ports.check_renewal(applicant, item, on)  # a late 延续 is a new application, not a refusal
    refused = refusal(item, applicant, on, region)
    if refused is None and decision == "reject":
        if not missing_materials(materials):
            raise DomainError("申请材料已齐全，不能以材料不齐全为由不予受理。", code="materials_complete",
                              field="decision")
        refused = materials_refusal(materials)
    if refused is not None:
        if channel == Channel.ONLINE:  # the applicant's own submission is stopped before it is filed
            raise refused.error()
        return _refuse(_open(**opened), refused, actor, at)
    if decision == "accept":
        check_materials(materials)
    case = _open(**opened)
    if decision == "accept" and item.on_the_spot:
        return _complete_on_the_spot(case, actor, at, calendar)
    if automatic and item.auto_approval:
        try_automatic(case, at=at)
    if decision == "accept" and case.status == CaseStatus.APPLIED:
        actions.accept(case, actor=actor, version=case.version, at=at, calendar=calendar)
    return case
