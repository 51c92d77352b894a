"""Readers: a case's materials as a card (state, files, trust level, licence relied on, what may be reused)."""
from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from zwfw.catalog.materials import normalise_material_name

from . import rules
from .models import CaseMaterial, Trust

STATES = {  # the standing recorded at intake: label, badge class
    "exempt": ("免提交", "ok"), "provided": ("已提交", "ok"), "promised": ("告知承诺", ""),
    "deferred": ("容缺待补交", "warn"), "missing": ("未提交", "warn"),
}


def state_of(m: dict) -> str:
    if m.get("exempt"):
        return "exempt"
    if m.get("provided"):
        return "provided"
    if m.get("promised"):
        return "promised"
    if m.get("deferred"):
        return "deferred"
    return "missing"


def relied_licence(case, licence_kind: str):
    """The electronic licence a 免提交 material rests on: the applicant's licence of that kind (by name or
    type code) valid on the day the case was received, the latest issued first."""
    from zwfw.licences.models import Licence
    from zwfw.licences.queries import valid_q

    if not licence_kind:
        return None
    on = case.received_on or timezone.localdate(case.applied_at)
    return (Licence.objects.filter(valid_q(on), holder_id=case.applicant_id)
            .filter(Q(kind__name=licence_kind) | Q(kind__code=licence_kind))
            .select_related("kind").order_by("-issued_at", "-id").first())


def files_of(case):
    return (CaseMaterial.objects.filter(case=case)
            .select_related("file", "added_by", "verified_by", "reused_from__case", "case__applicant"))


def reusable(case):
    """Files of the same applicant's other cases that are the same material (by normalised name) as one of
    this case's and are not already here: {material name: [CaseMaterial, …]}, newest first, one per file."""
    keys = {normalise_material_name(m["name"]): m["name"] for m in case.materials or []}
    here = set(CaseMaterial.objects.filter(case=case).values_list("material", "file_id"))
    offers: dict[str, list] = {}
    seen = set()
    earlier = (CaseMaterial.objects.filter(case__applicant_id=case.applicant_id).exclude(case=case)
               .select_related("file", "case").order_by("-added_at", "-id"))
    for row in earlier[:200]:
        name = keys.get(normalise_material_name(row.material))
        if name is None or (name, row.file_id) in here or (name, row.file_id) in seen:
            continue
        seen.add((name, row.file_id))
        offers.setdefault(name, []).append(row)
    return offers


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def card(case, user) -> dict:
    """Everything the 材料 card shows ``user``: files only to those who may open them."""
    rows = list(files_of(case))
    verifier = rules.may_verify(user, case)
    offers = reusable(case) if verifier else {}
    materials = []
    for m in case.materials or []:
        state = state_of(m)
        label, badge = STATES[state]
        if state == "missing" and any(r.material == m["name"] for r in rows):
            label = "已上传，待确认收取"  # the acceptance record still says missing until 补正 or acceptance ticks it
        files = [{
            "pk": r.pk, "filename": r.file.filename, "kind": r.file.kind, "kind_label": r.file.kind.upper(),
            "size": _size(r.file.size), "bytes": r.file.size,
            "pages": r.file.pages, "trust": r.trust, "trust_label": Trust(r.trust).label,
            "added_by": str(r.added_by) if r.added_by_id else "", "added_at": timezone.localtime(r.added_at),
            "channel": r.file.get_channel_display(),
            "verified_by": str(r.verified_by) if r.verified_by_id else "",
            "verified_at": timezone.localtime(r.verified_at) if r.verified_at else None,
            "reused_from": r.reused_from.case.number if r.reused_from_id else "",
            "can_open": rules.may_open(user, r),
            "can_verify": verifier and r.trust == Trust.UPLOADED,
        } for r in rows if r.material == m["name"]]
        licence = relied_licence(case, m.get("licence_kind", "")) if state == "exempt" else None
        trusts = [Trust.ISSUED.label] if state == "exempt" else []
        if state == "promised" and not files:
            trusts.append(Trust.PROMISED.label)
        trusts += [f["trust_label"] for f in files if f["trust_label"] not in trusts]
        materials.append({
            "name": m["name"], "required": m.get("required", True), "state": state, "state_label": label,
            "badge": badge, "trusts": trusts, "files": files, "licence": licence,
            "licence_kind": m.get("licence_kind", ""),
            "offers": [{"pk": o.pk, "filename": o.file.filename, "case": o.case.number,
                        "trust_label": Trust(o.trust).label, "added_at": timezone.localtime(o.added_at)}
                       for o in offers.get(m["name"], [])],
        })
    return {"materials": materials, "can_add": rules.may_add(user, case), "can_verify": verifier,
            "hidden_files": sum(1 for r in rows if not rules.may_open(user, r))}
