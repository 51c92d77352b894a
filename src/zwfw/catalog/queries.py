"""Readers of the catalogue. Every question is asked "on a date": the rows in force that day."""
from __future__ import annotations

import datetime as dt
import unicodedata

from django.db.models import Q, QuerySet

from zwfw.errors import NotFound

from .diffing import CatalogDiff, ItemSnap, MatterSnap, compare
from .guides import GuideValues, MaterialValues, guide_anomalies
from .materials import MergedMaterial, merge_materials
from .models import Bundle, Delegation, Department, HandlingItem, Matter, PowerType, Region, ServiceGuide
from .rules import ITEM_FIELDS


def _today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def _clean(text) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip().replace(" ", "")


# ---- matters and items -------------------------------------------------------------------------

def items_in_force(on: dt.date | None = None, *, department=None, power_type=None, search: str = "") -> QuerySet:
    """Handling items in force on ``on`` (today by default), whose matter is in force too."""
    on = on or _today()
    qs = HandlingItem.objects.in_force(on).filter(
        Q(matter__valid_from__lte=on), Q(matter__valid_to__isnull=True) | Q(matter__valid_to__gt=on),
    ).select_related("matter", "matter__department", "matter__power_type")
    if department:
        qs = qs.filter(matter__department=department)
    if power_type:
        qs = qs.filter(matter__power_type=power_type)
    if search:
        for word in search.split():
            qs = qs.filter(Q(name__icontains=word) | Q(matter__name__icontains=word) | Q(code__icontains=word))
    return qs


def item_by_code(code: str, on: dt.date | None = None) -> HandlingItem:
    on = on or _today()
    item = items_in_force(on).filter(code=code.strip()).first()
    if item is None:
        raise NotFound(f"办理项“{code}”在 {on:%Y-%m-%d} 不在有效期内或不存在", field="code")
    return item


def matter_by_code(code: str, on: dt.date | None = None) -> Matter:
    on = on or _today()
    matter = Matter.objects.in_force(on).filter(code=code.strip()).select_related("department", "power_type").first()
    if matter is None:
        raise NotFound(f"事项“{code}”在 {on:%Y-%m-%d} 不在有效期内或不存在", field="code")
    return matter


def department_by_name(text: str) -> Department | None:
    """Match a department by full name, short name or code, ignoring spaces and full-width forms."""
    key = _clean(text)
    if not key:
        return None
    for d in Department.objects.all():
        if key in {_clean(d.name), _clean(d.short_name), _clean(d.code)}:
            return d
    return None


def power_type_by_text(text) -> PowerType | None:
    """"行政许可", "01" or "1" all name the permit type."""
    key = _clean(text)
    if not key:
        return None
    if key.isdigit():
        return PowerType.objects.filter(code=key.zfill(2)).first()
    other = {"其它行政权力": "其他行政权力", "其他": "其他行政权力", "其它": "其他行政权力"}
    return PowerType.objects.filter(name=other.get(key, key)).first()


def region_by(text_or_region) -> Region:
    if isinstance(text_or_region, Region):
        return text_or_region
    key = _clean(text_or_region)
    for r in Region.objects.all():
        if key in {r.code, r.name, _clean(r.full_name)}:
            return r
    raise NotFound(f"没有“{text_or_region}”这个市（州）", field="region")


def other_type_count(on: dt.date | None = None) -> int:
    """How many "other" power types (not 行政许可, not 公共服务) have matters in force on ``on``.

    Derived from the matters rather than from ``PowerType.in_use``: the briefing's
    "其它九类行权事项" / "其它 6 类行权事项" describes the catalogue the figures were counted on.
    """
    on = on or _today()
    return (Matter.objects.in_force(on).filter(power_type__category=PowerType.OTHER)
            .values("power_type").distinct().count())


# ---- department indicators ---------------------------------------------------------------------

def department_indicators(on: dt.date | None = None) -> dict:
    """{department_id: indicators.Indicators} over each department's handling items in force (one query)."""
    from .indicators import ItemLimits, indicators

    by_department: dict[int, list] = {}
    rows = items_in_force(on).order_by().values_list(
        "matter__department_id", "statutory_days", "promised_days", "fully_online", "at_most_one_visit")
    for department_id, statutory, promised, online, one_visit in rows:
        by_department.setdefault(department_id, []).append(ItemLimits(statutory, promised, online, one_visit))
    return {d: indicators(items) for d, items in by_department.items()}


def indicator_rows(on: dt.date | None = None, department=None) -> list[dict]:
    """Per department in display order (or only ``department``): {"department", "items", "speed_up",
    "fully_online", "one_visit" (texts), "sentence"} — what news items and dashboards quote."""
    found = department_indicators(on)
    departments = Department.objects.filter(pk__in=list(found)).order_by("display_order", "id")
    if department is not None:
        departments = departments.filter(pk=getattr(department, "pk", department))
    return [{"department": d.short_name or d.name, "department_id": d.pk, "items": found[d.pk].items,
             **found[d.pk].texts, "sentence": found[d.pk].sentence} for d in departments]


# ---- history -----------------------------------------------------------------------------------

def snapshot(on: dt.date, *, comprehensive_window: bool = False) -> list[MatterSnap]:
    """The catalogue in force on ``on`` as plain values; with ``comprehensive_window``, only the handling
    items accepted at the comprehensive window (进驻综窗, the scope of the manuals' share) and their matters."""
    items_by_matter: dict[int, dict] = {}
    items = items_in_force(on)
    if comprehensive_window:
        items = items.filter(at_comprehensive_window=True)
    for item in items:
        items_by_matter.setdefault(item.matter_id, {})[item.code] = ItemSnap(
            item.code, item.name, tuple(repr(getattr(item, f)) for f in ITEM_FIELDS if f != "name"),
        )
    snaps = []
    for m in Matter.objects.in_force(on).select_related("department", "power_type"):
        if comprehensive_window and m.id not in items_by_matter:
            continue
        d = m.department
        snaps.append(MatterSnap(
            m.code, m.name, d.short_name or d.name, (d.display_order, d.id), (m.power_type.code,),
            items_by_matter.get(m.id, {}),
        ))
    return snaps


def catalog_diff(date_from: dt.date, date_to: dt.date, *, comprehensive_window: bool = False) -> CatalogDiff:
    """What changed between the catalogue in force on ``date_from`` and on ``date_to`` (optionally only
    what the comprehensive window accepts)."""
    return compare(date_from, date_to, snapshot(date_from, comprehensive_window=comprehensive_window),
                   snapshot(date_to, comprehensive_window=comprehensive_window))


def window_change(start: dt.date, end: dt.date) -> CatalogDiff:
    """The period's change to what the comprehensive window accepts: in force the day before ``start``
    against in force on ``end``."""
    return catalog_diff(start - dt.timedelta(days=1), end, comprehensive_window=True)


# ---- delegations -------------------------------------------------------------------------------

def _delegations_of(item: HandlingItem, on: dt.date | None):
    qs = Delegation.objects.filter(Q(item__code=item.code) | Q(matter__code=item.matter.code, item__isnull=True))
    if on is not None:
        qs = qs.in_force(on)
    return qs.prefetch_related("regions")


def handler_for(item: HandlingItem, region, on: dt.date | None = None) -> Delegation | None:
    """Who handles ``item`` for ``region`` on ``on``: the delegation in force, or None (the province).

    A delegation of a single handling item wins over one of its whole matter; among equals,
    the most recent one.
    """
    on = on or _today()
    region = region_by(region)
    candidates = list(_delegations_of(item, on).filter(regions=region).order_by("-valid_from", "-id"))
    candidates.sort(key=lambda d: d.item_id is None)
    return candidates[0] if candidates else None


def handler_name(item: HandlingItem, region, on: dt.date | None = None) -> str:
    """Who handles it, as a clerk says it: "自贡市林草主管部门", or the provincial department's name."""
    place = region_by(region)
    found = handler_for(item, place, on)
    return found.delegate_for(place) if found else item.matter.department.name


def delegations_for(item: HandlingItem) -> list[Delegation]:
    """Every delegation of the item (past, present and future), newest first."""
    return list(_delegations_of(item, None).order_by("-valid_from", "-id"))


# ---- guides ------------------------------------------------------------------------------------

def guide_values(item: HandlingItem) -> GuideValues:
    return values_of(item, ServiceGuide.objects.filter(item=item).prefetch_related("materials").first())


def guide_material_values(item: HandlingItem) -> list[MaterialValues]:
    """The guide's materials of ``item`` in the guide's order, in one query (none without a guide)."""
    from zwfw.catalog.models import GuideMaterial

    return [MaterialValues(m.name, m.copies, m.required, m.form, m.licence_kind, m.deferrable, m.promise_allowed)
            for m in GuideMaterial.objects.filter(guide__item=item).order_by("position", "id")]


def values_of(item: HandlingItem, guide: ServiceGuide | None) -> GuideValues:
    """The guide check's values of ``item`` and its guide (None: no guide yet)."""
    base = dict(statutory_days=item.statutory_days, promised_days=item.promised_days,
                fully_online=item.fully_online, on_the_spot=item.on_the_spot,
                promise_in_lieu=item.promise_in_lieu)
    if guide is None:
        return GuideValues(**base)
    return GuideValues(
        **base, conditions=guide.conditions, fees=guide.fees, legal_basis=guide.legal_basis,
        where_to_apply=guide.where_to_apply, online_url=guide.online_url,
        materials=[MaterialValues(m.name, m.copies, m.required, m.form, m.licence_kind, m.deferrable, m.promise_allowed)
                   for m in guide.materials.all()],
    )


def item_anomalies(item: HandlingItem) -> list[str]:
    """The guide anomalies of one item; a missing guide is itself the anomaly."""
    if not ServiceGuide.objects.filter(item=item).exists():
        return ["未编制办事指南"]
    return guide_anomalies(guide_values(item))


def anomalous_guides(on: dt.date | None = None, *, department=None, items: QuerySet | None = None):
    """{department: [(item, [anomaly, ...]), ...]} for items in force whose guide is missing or faulty.

    Three queries whatever the catalogue's size: the items, their guides, the guides' materials."""
    qs = items if items is not None else items_in_force(on, department=department)
    result: dict[Department, list] = {}
    for item in qs.prefetch_related("guide__materials"):
        try:
            guide = item.guide
        except ServiceGuide.DoesNotExist:
            guide = None
        found = ["未编制办事指南"] if guide is None else guide_anomalies(values_of(item, guide))
        if found:
            result.setdefault(item.matter.department, []).append((item, found))
    return result


# ---- bundles -----------------------------------------------------------------------------------

def bundle_items(bundle: Bundle, on: dt.date | None = None) -> list[HandlingItem]:
    """The member items in bundle order, each resolved to its version in force on ``on``."""
    on = on or _today()
    result = []
    for member in bundle.members.select_related("item"):
        current = items_in_force(on).filter(code=member.item.code).first()
        if current is not None:
            result.append(current)
    return result


def merged_materials(bundle: Bundle, on: dt.date | None = None) -> list[MergedMaterial]:
    """Each required material of the bundle once, with the member items that need it."""
    members = []
    for item in bundle_items(bundle, on):
        members.append((f"{item.matter.name}（{item.name}）", guide_values(item).materials))
    return merge_materials(members)
