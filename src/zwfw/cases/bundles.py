"""一件事一次办: one application and one merged material list open one case per member item."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from zwfw.errors import DomainError

from . import ports
from .acceptance import check_acceptable, local_date, material_checklist
from .intake import apply, next_serial
from .models import BundleApplication, Channel
from .numbering import bundle_number


def merged_checklist(bundle, applicant, on, provided=()) -> list[dict]:
    """The bundle's merged materials (each once); one held as a valid electronic licence is 免提交.

    ``applicant`` may be None (not known yet): nothing is 免提交 then."""
    held = ports.valid_licence_kinds(applicant, on) if applicant is not None else set()
    provided = {p.strip() for p in provided}
    out = []
    for m in ports.merged_materials(bundle, on):
        exempt = bool(m.licence_kind) and m.licence_kind in held
        out.append({"name": m.name, "copies": m.copies, "required": True, "licence_kind": m.licence_kind,
                    "items": list(m.items), "exempt": exempt, "provided": exempt or m.name in provided})
    return out


@transaction.atomic
def apply_bundle(*, bundle, applicant, actor, channel: str = Channel.WINDOW, at=None, region=None,
                 provided=()) -> BundleApplication:
    """One application: every member item is checked first, then one case per member is opened."""
    at = at or timezone.now()
    on = local_date(at)
    items = ports.bundle_items(bundle, on)
    if not items:
        raise DomainError(f"“{bundle.name}”在 {on:%Y-%m-%d} 没有有效的办理项。", field="bundle")
    for item in items:
        check_acceptable(item, applicant, on, region)
    merged = merged_checklist(bundle, applicant, on, provided)
    handed_in = {m["name"] for m in merged if m["provided"]}
    from zwfw.catalog.materials import normalise_material_name

    handed_in_keys = {normalise_material_name(n) for n in handed_in}
    application = BundleApplication.objects.create(
        number=bundle_number(on, next_serial(on)), bundle=bundle, applicant=applicant, applied_at=at,
        materials=merged)
    for item in items:
        checklist = material_checklist(item, applicant, on)
        for m in checklist:
            if normalise_material_name(m["name"]) in handed_in_keys:
                m["provided"] = True
        apply(item=item, applicant=applicant, actor=actor, channel=channel, at=at, region=region,
              bundle_application=application, materials=checklist)
    return application


@dataclass
class BundleStatus:
    code: str
    label: str
    done: int
    total: int


def bundle_status(application: BundleApplication) -> BundleStatus:
    """One status for the bundle: complete only when every member case is."""
    statuses = list(application.cases.values_list("status", flat=True))
    total, done = len(statuses), statuses.count("completed")
    if total and done == total:
        return BundleStatus("completed", "已办结", done, total)
    if "rejected" in statuses:
        return BundleStatus("partly_rejected", f"部分不予受理（{done}/{total} 已办结）", done, total)
    if all(s in ("applied", "correction") for s in statuses):
        return BundleStatus("applied", "已申请", done, total)
    return BundleStatus("in_progress", f"办理中（{done}/{total} 已办结）", done, total)


# ---- readers for the bundle pages and API ---------------------------------------------------------

def bundles_in_force(on):
    """The bundles that can be applied for on ``on``."""
    from zwfw.catalog.models import Bundle

    return Bundle.objects.in_force(on).select_related("lead_department").prefetch_related("members__item__matter")


def bundle_in_force(code: str, on):
    """The bundle ``code`` in force on ``on``; NotFound otherwise."""
    from zwfw.errors import NotFound

    bundle = bundles_in_force(on).filter(code=(code or "").strip()).first()
    if bundle is None:
        raise NotFound(f"没有找到有效的一件事“{code}”。", field="bundle")
    return bundle


def bundle_application_for(user, pk) -> BundleApplication:
    """A bundle application as ``user`` may see it: the applicant their own, hall-wide roles all,
    a department's users those with a member case of their department; NotFound otherwise."""
    from zwfw.accounts.scoping import department_id_of, sees_all
    from zwfw.errors import NotFound

    qs = BundleApplication.objects.select_related("bundle", "applicant")
    if getattr(user, "role", None) == "applicant" and user.is_authenticated:
        qs = qs.filter(applicant__user=user)
    elif not sees_all(user):
        dept = department_id_of(user)
        qs = qs.filter(cases__department=dept).distinct() if dept else qs.none()
    try:
        found = qs.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise NotFound("没有找到该一件事申请，或您无权查看。", field="id")
    return found
