"""Cases as people see them: plain values shared by the API and the pages."""
from __future__ import annotations

from django.utils import timezone

from zwfw.identifiers import mask_id, mask_phone

from . import lifecycle
from .applicants import applicant_view
from .clockwork import clock_of
from .queries import timeline


def allowed_for(user, case) -> list[dict]:
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    role = getattr(user, "role", None)
    if role == "leader":
        return []
    if role == "applicant" and case.applicant.user_id != user.pk:
        return []
    return [{"code": a.code, "label": a.label, "needs_reason": a.needs_reason}
            for a in lifecycle.allowed_actions(case.status, role, is_superuser=user.is_superuser)]


def summary(case, calendar=None, today=None) -> dict:
    """A worklist row: the applicant always masked (lists are not a reason to see ID numbers)."""
    c = clock_of(case, calendar, today)
    return {
        "number": case.number, "status": case.status, "status_label": lifecycle.label(case.status),
        "item_code": case.item.code, "item_name": str(case.item), "department": case.department.name,
        "applicant_name": case.applicant.name, "applicant_id": mask_id(case.applicant.id_number),
        "channel": case.channel, "channel_label": case.get_channel_display(),
        "at_comprehensive_window": case.at_comprehensive_window,
        "received_on": case.received_on, "accepted_on": case.accepted_on,
        "statutory_due": case.statutory_due, "promised_due": case.promised_due,
        "remaining_working_days": c.remaining, "remaining_text": c.remaining_text,
        "clock_state": c.state, "clock_label": c.state_label, "clock_phase": c.phase, "saved_text": c.saved_text,
        "decision_state": c.decision_state, "decision_text": c.decision_text, "decided_on": case.decided_on,
        "delivery_due": case.delivery_due, "delivery_state": c.delivery_state, "delivery_text": c.delivery_text,
        "provisional": c.provisional, "provisional_note": c.provisional_note,
        "deemed_accepted": case.deemed_accepted, "version": case.version,
        "returned_reason": getattr(case, "returned_reason", None) or "",  # the worklist's 退回窗口 scope
    }


def detail(case, user, *, where: str, calendar=None) -> dict:
    """The case page / API detail: applicant unmasked only for those who handle the case (logged)."""
    out = summary(case, calendar)
    out["applicant"] = applicant_view(user, case.applicant, case=case, where=where)
    out["materials"] = case.materials
    out["reason"] = case.reason
    out["legal_basis"] = case.legal_basis
    out["extension_days"] = case.extension_days
    out["extension_reason"] = case.extension_reason
    out["extension_approved_by"] = case.extension_approved_by
    out["extension_notified_on"] = case.extension_notified_on
    out["suspended_days"] = case.suspended_days
    out["saved_days"] = case.saved_days
    out["suspensions"] = suspensions(case)
    out["delivery"] = case.get_delivery_display() if case.delivery else ""
    out["tracking_number"] = case.tracking_number
    out["bundle_application"] = case.bundle_application.number if case.bundle_application_id else None
    out["allowed_actions"] = allowed_for(user, case)
    out["events"] = [
        {"kind": e.kind, "label": e.get_kind_display(), "at": timezone.localtime(e.at),
         "actor": str(e.actor) if e.actor_id else ("系统自动" if e.automatic else ""), "automatic": e.automatic,
         "note": e.note}
        for e in timeline(case)
    ]
    return out


def suspensions(case) -> list[dict]:
    """The special procedures of a case, with what the applicant was told in writing."""
    from .models import Suspension, SuspensionKind

    names = dict(SuspensionKind.objects.values_list("code", "name"))
    return [{"kind": s.kind, "label": names.get(s.kind, s.kind), "started_on": s.started_on, "ended_on": s.ended_on,
             "working_days": s.working_days, "expected_days": s.expected_days, "notice": s.notice,
             "notified_on": s.notified_on, "reason": s.reason}
            for s in Suspension.objects.filter(case=case).order_by("started_on", "id")]


def masked_applicant(applicant) -> dict:
    return {"name": applicant.name, "id_number": mask_id(applicant.id_number), "phone": mask_phone(applicant.phone)}


def bundle_application(application, user, calendar=None) -> dict:
    """A 一件事 application: one status, the merged materials and each member case.

    ``visible`` says whether ``user`` may open the member case (a department sees its own only).
    """
    from .bundles import bundle_status
    from .queries import cases_for

    status = bundle_status(application)
    cases = list(application.cases.select_related("item__matter", "department", "applicant").order_by("id"))
    visible = set(cases_for(user).filter(bundle_application=application).values_list("pk", flat=True))
    return {
        "id": application.pk, "number": application.number, "bundle_code": application.bundle.code,
        "bundle_name": application.bundle.name, "applied_at": timezone.localtime(application.applied_at),
        "status": status.code, "status_label": status.label, "done": status.done, "total": status.total,
        "applicant": masked_applicant(application.applicant), "materials": application.materials,
        "cases": [summary(c, calendar) | {"visible": c.pk in visible} for c in cases],
    }
