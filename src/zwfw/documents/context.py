"""What a case says to a document: its events and fields as placeholder values (reads only)."""
from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from zwfw.cases.models import Case, CaseEvent, Suspension, SuspensionKind
from zwfw.cn import chinese_date
from zwfw.fees.queries import document_values as fee_values


def item_title(matter: str, item: str) -> str:
    """How a letter names what was applied for: the item's own name when it says so by itself (it holds the
    matter's name), else the matter with the item in brackets — "食品经营许可（新办）", never a bare "新办"."""
    matter, item = (matter or "").strip(), (item or "").strip()
    if not matter or matter in item:
        return item or matter
    if item in matter:
        return matter
    return f"{matter}（{item}）"


def _date(value) -> str:
    return chinese_date(value) if value else ""


def case_events(case: Case) -> dict[str, CaseEvent]:
    """The latest event of each kind on the case."""
    latest = {}
    for event in CaseEvent.objects.filter(case=case).order_by("at", "id"):
        latest[event.kind] = event
    return latest


def fits(after: list[str], events: dict[str, CaseEvent]) -> bool:
    """Whether a document issued "after" these events fits a case with these events."""
    return any(kind in events for kind in after)


def _items(text: str) -> str:
    """The items to correct, numbered, one paragraph each."""
    parts = [p.strip() for p in re.split(r"[、；;\n]+", text or "") if p.strip()]
    return "\n\n".join(f"{i}. {p}" for i, p in enumerate(parts, 1))


def values(case: Case, *, legal_basis: str, doc_number: str, track_url: str, on: dt.date) -> dict[str, str]:
    events = case_events(case)
    applicant = case.applicant
    received = [m["name"] for m in case.materials if m.get("provided") or m.get("exempt")]
    correction = events.get("correction_requested")
    transfer = events.get("transferred")
    suspension = Suspension.objects.filter(case=case).order_by("-started_on", "-id").first()
    suspension_kind = (SuspensionKind.objects.filter(code=suspension.kind).values_list("name", flat=True).first()
                       if suspension else None)
    return {
        "applicant_name": applicant.name,
        "applicant_address": applicant.address,
        "case_number": case.number,
        "query_code": case.query_code,
        "track_url": track_url,
        "item_name": item_title(case.item.matter.name, case.item.name),
        "department": case.department.name,
        "doc_number": doc_number,
        "legal_basis": legal_basis,
        "case_legal_basis": case.legal_basis,
        "legal_basis_with_case": "、".join(b for b in (legal_basis, case.legal_basis) if b),
        "reason": case.reason.rstrip("。"),
        "received_on": _date(case.received_on or timezone.localdate(case.applied_at)),
        "accepted_on": _date(case.accepted_on),
        "statutory_due": _date(case.statutory_due),
        "promised_due": _date(case.promised_due),
        "decided_on": _date(case.decided_on),
        "delivery_due": _date(case.delivery_due),
        "delivery": case.get_delivery_display() if case.delivery else "",
        "materials_received": "、".join(received),
        "correction_items": _items(correction.note if correction else ""),
        "suspension_kind": suspension_kind or (suspension.kind if suspension else ""),
        "suspension_reason": suspension.reason if suspension else "",
        "suspension_started_on": _date(suspension.started_on) if suspension else "",
        "suspension_expected_days": f"{suspension.expected_days} 个工作日" if suspension and suspension.expected_days else "",
        "extension_days": str(case.extension_days or ""),
        "extension_reason": case.extension_reason.rstrip("。"),
        "extension_approved_by": case.extension_approved_by,
        "transfer_to": (transfer.data or {}).get("to", "") if transfer else "",
        "transferred_on": _date(timezone.localdate(transfer.at)) if transfer else "",
        "issued_on": _date(on),
        **fee_values(case),
    }
