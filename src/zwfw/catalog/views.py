"""Catalogue pages: items in force, an item with its guide, the diff and the anomaly list.

Department users see only their department: every queryset goes through accounts.scoping.scope.
"""
import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from zwfw.accounts.scoping import scope, staff_required, visible_departments

from . import queries
from .diffing import render_diff
from .models import HandlingItem, PowerType, ServiceGuide
from .rules import reach_display


def _date_param(request, name: str, default: dt.date) -> tuple[dt.date, str | None]:
    text = (request.GET.get(name) or "").strip()
    if not text:
        return default, None
    try:
        return dt.date.fromisoformat(text), None
    except ValueError:
        return default, f"日期“{text}”格式不正确，应为 YYYY-MM-DD"


def _int_param(request, name: str) -> int | None:
    text = (request.GET.get(name) or "").strip()
    return int(text) if text.isdigit() and len(text) <= 18 else None


@login_required
def item_list(request):
    on, error = _date_param(request, "on", timezone.localdate())
    department, power_type = _int_param(request, "department"), _int_param(request, "type")
    search = (request.GET.get("q") or "").strip()
    items = scope(request.user, queries.items_in_force(on, department=department, power_type=power_type,
                                                       search=search), field="matter__department")
    items = items.order_by("matter__department__display_order", "matter__code", "code")
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(request, "catalog/item_list.html", {
        "page": page, "on": on, "error": error, "search": search,
        "departments": visible_departments(request.user), "power_types": PowerType.objects.all(),
        "department": department, "power_type": power_type,
    })


@login_required
def item_detail(request, code: str):
    on, error = _date_param(request, "on", timezone.localdate())
    item = scope(request.user, queries.items_in_force(on).filter(code=code), field="matter__department").first()
    if item is None:
        raise Http404("没有这个办理项，或您无权查看")
    guide = ServiceGuide.objects.filter(item=item).first()
    delegations = [
        {"d": d, "regions": "、".join(r.name for r in d.regions.all()),
         "in_force": d.valid_from <= on and (d.valid_to is None or d.valid_to > on)}
        for d in queries.delegations_for(item)
    ]
    versions = HandlingItem.objects.filter(code=item.code).order_by("-valid_from")
    return render(request, "catalog/item_detail.html", {
        "item": item, "on": on, "error": error, "guide": guide, "reach": reach_display(item.reach),
        "materials": guide.materials.all() if guide else [],
        "anomalies": queries.item_anomalies(item), "delegations": delegations, "versions": versions,
        "bundles": item.bundles.all(),
    })


@staff_required
def diff(request):
    today = timezone.localdate()
    date_from, e1 = _date_param(request, "from", today.replace(month=1, day=1))
    date_to, e2 = _date_param(request, "to", today)
    return render(request, "catalog/diff.html", {
        "lines": render_diff(queries.catalog_diff(date_from, date_to)),
        "date_from": date_from, "date_to": date_to, "error": e1 or e2,
    })


@staff_required
def anomalies(request):
    on = timezone.localdate()
    items = scope(request.user, queries.items_in_force(on), field="matter__department")
    by_department = queries.anomalous_guides(on, items=items)
    return render(request, "catalog/anomalies.html", {"by_department": sorted(
        by_department.items(), key=lambda pair: (pair[0].display_order, pair[0].id)), "on": on})
