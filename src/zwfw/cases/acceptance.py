"""The acceptance decision (受理审查): in force, not delegated, not listed, materials.

This module decides and writes nothing; ``intake`` (applying), ``actions`` (受理) and
``automatic`` (智能审批) call it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from zwfw.catalog.models import HandlingItem
from zwfw.cn import chinese_date
from zwfw.errors import DomainError

from . import ports


def local_date(at: dt.datetime) -> dt.date:
    return timezone.localdate(at)


# ---- checks -----------------------------------------------------------------------------------

def _in_force(row, on: dt.date) -> bool:
    return row.valid_from <= on and (row.valid_to is None or row.valid_to > on)


def item_in_force(item: HandlingItem, on: dt.date) -> bool:
    """The item and its matter are both in force on ``on`` (read from the rows as loaded: no query)."""
    return _in_force(item, on) and _in_force(item.matter, on)


# The law a refusal at acceptance rests on (行政许可法, 2019 text), as the written decision cites it.
LAW = "《中华人民共和国行政许可法》"
BASIS_NOT_IN_FORCE = f"{LAW}第三十二条第一款第（一）项"
BASIS_NOT_OURS = f"{LAW}第三十二条第一款第（二）项"
BASIS_MATERIALS = f"{LAW}第三十二条第一款第（四）项、第（五）项"
BASIS_LISTED = f"{LAW}第七十八条"


@dataclass(frozen=True)
class Refusal:
    """Why this application is not accepted (不予受理): the reason told to the applicant and its legal basis."""

    code: str
    field: str
    reason: str
    legal_basis: str

    def error(self) -> DomainError:
        return DomainError(self.reason, code=self.code, field=self.field)


def refusal(item: HandlingItem, applicant, on: dt.date, region=None) -> Refusal | None:
    """The decision: None when the province may accept this application on ``on``, else why not."""
    if not item_in_force(item, on):
        return Refusal("item_not_in_force", "item",
                       f"办理项“{item}”在 {chinese_date(on)}不在有效期内，不能受理。", BASIS_NOT_IN_FORCE)
    region = region or applicant.region
    if region is not None:
        delegation = ports.handler_for(item, region, on)
        if delegation is not None:
            delegate = delegation.delegate_for(region)
            handed = f"委托{delegate}" if delegation.kind == "entrust" else f"下放至{delegate}"
            return Refusal("delegated", "item",
                           f"自 {chinese_date(delegation.valid_from)}起，{region.name}的“{item.matter.name}”已"
                           f"{handed}办理，省级不予受理，请向{delegate}申请。", BASIS_NOT_OURS)
    listing = ports.blocking_listing(applicant, item, on)
    if listing is not None:
        end = getattr(listing, "end_date", None)
        until = f"{chinese_date(end)}前" if end else "移出异常名录前"
        return Refusal("applicant_listed", "applicant",
                       f"申请人“{applicant.name}”已被列入异常名录（{listing.reason}），{until}不予受理该事项的申请。",
                       BASIS_LISTED)
    return None


def check_acceptable(item: HandlingItem, applicant, on: dt.date, region=None) -> None:
    """Raise DomainError (nothing written) unless the province may accept this application on ``on``."""
    found = refusal(item, applicant, on, region)
    if found is not None:
        raise found.error()


# ---- materials --------------------------------------------------------------------------------

def _names(values) -> list[str]:
    return [str(v).strip() for v in values or () if str(v).strip()]


def material_checklist(item: HandlingItem, applicant, on: dt.date, provided=(), promised=(), deferred=(),
                       guide: list | None = None) -> list[dict]:
    """The guide's materials and how each stands.

    ``exempt`` (免提交): the applicant holds it as a valid electronic licence; ``promised``
    (告知承诺): the applicant signed a promise instead, where the item and the guide allow it;
    ``deferred`` (容缺): a material the guide marks 容缺, owed after acceptance. ``guide``: the
    guide's materials when the caller has read them already (``ports.guide_materials``).
    """
    guide = ports.guide_materials(item) if guide is None else guide
    wanted = applicant is not None and any(m.licence_kind for m in guide)
    held = ports.valid_licence_kinds(applicant, on) if wanted else set()
    provided, promised, deferred = set(_names(provided)), set(_names(promised)), set(_names(deferred))
    out = []
    for m in guide:
        exempt = bool(m.licence_kind) and m.licence_kind in held
        handed_in = exempt or m.name in provided
        can_promise = bool(item.promise_in_lieu and getattr(m, "promise_allowed", False))
        can_defer = bool(m.required and getattr(m, "deferrable", False))
        out.append({
            "name": m.name, "copies": m.copies, "required": m.required, "licence_kind": m.licence_kind,
            "exempt": exempt, "provided": handed_in, "can_promise": can_promise, "can_defer": can_defer,
            "promised": not handed_in and can_promise and m.name in promised,
            "deferred": not handed_in and can_defer and m.name in deferred,
        })
    return out


def check_material_input(materials: list[dict], provided=(), promised=(), deferred=()) -> None:
    """Names the clerk or the client sent must be the guide's, each used as the guide allows."""
    by_name = {m["name"]: m for m in materials}
    for field, names in (("provided", provided), ("promised", promised), ("deferred", deferred)):
        unknown = [n for n in _names(names) if n not in by_name]
        if unknown:
            raise DomainError(f"“{'、'.join(unknown)}”不是该办理项办事指南所列的申请材料。",
                              code="unknown_material", field=field)
    wrong = [n for n in _names(promised) if not by_name[n]["can_promise"]]
    if wrong:
        raise DomainError(f"“{'、'.join(wrong)}”不能以告知承诺代替，须提交材料。", code="promise_not_allowed",
                          field="promised")
    wrong = [n for n in _names(deferred) if not by_name[n]["can_defer"]]
    if wrong:
        raise DomainError(f"“{'、'.join(wrong)}”不是办事指南标明的容缺材料，受理前必须提交。",
                          code="not_deferrable", field="deferred")


def _covered(m: dict) -> bool:
    return m["provided"] or m.get("promised", False) or m.get("deferred", False)


def missing_materials(materials: list[dict]) -> list[str]:
    """Required materials neither provided, 免提交, promised (告知承诺) nor deferred (容缺): acceptance waits."""
    return [m["name"] for m in materials if m["required"] and not _covered(m)]


def owed_materials(materials: list[dict]) -> list[str]:
    """容缺 materials accepted without, still to be handed in."""
    return [m["name"] for m in materials if m.get("deferred") and not m["provided"]]


def promised_materials(materials: list[dict]) -> list[str]:
    return [m["name"] for m in materials if m.get("promised") and not m["provided"]]


def materials_complete(materials: list[dict]) -> bool:
    """Nothing missing and nothing owed (what automatic approval asks for)."""
    return not missing_materials(materials) and not owed_materials(materials)


def check_materials(materials: list[dict]) -> None:
    """Acceptance is refused at the field while a required material is missing."""
    missing = [m for m in materials if m["required"] and not _covered(m)]
    if not missing:
        return
    hints = []
    for m in missing:
        ways = [w for w, ok in (("可告知承诺", m.get("can_promise")), ("可容缺受理", m.get("can_defer"))) if ok]
        hints.append(m["name"] + (f"（{'、'.join(ways)}）" if ways else ""))
    raise DomainError(f"申请材料不齐全，不能受理：缺少{'、'.join(hints)}。请收齐材料，或一次性告知补正。",
                      code="materials_missing", field="provided")


def materials_refusal(materials: list[dict]) -> Refusal:
    """不予受理 because required materials are missing and the applicant cannot supply them."""
    missing = missing_materials(materials)
    return Refusal("materials_missing", "provided",
                   f"申请材料不齐全（缺少{'、'.join(missing)}），申请人不能补正，不予受理。", BASIS_MATERIALS)
