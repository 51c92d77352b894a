"""Pages for the hall's records that the weekly briefing prints and only the admin could enter before:
厅（局）长进大厅 (leader visits), 窗口受到表扬 (commendations) and 窗口值守安排 (duty rosters).

Centre staff (``inspect_hall``) list, enter and correct them; every write goes through the hall's
services (``services.record_* / update_*``), so a page refuses exactly what the services refuse, at the
field, and writes nothing. Nobody else reaches these pages (403).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from zwfw.accounts.scoping import can, staff_required
from zwfw.catalog.models import Department
from zwfw.cn import period_text
from zwfw.errors import DomainError
from zwfw.inputs import check_value, pk_or_none

from . import services
from .models import Commendation, DutyAssignment, LeaderVisit, Window
from .views import week_of


def _centre(view):
    """Centre staff only: department windows, approvers, leaders and applicants get the 403 page."""
    @staff_required
    def wrapped(request, *args, **kwargs):
        if not can(request.user, services.ABILITY):
            raise PermissionDenied("只有政务平台服务处人员可以录入厅（局）长进大厅、窗口表扬和值守安排。")
        return view(request, *args, **kwargs)
    wrapped.__name__ = wrapped.__qualname__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def parse_day(text, field_name: str, label: str, *, required: bool = True) -> dt.date | None:
    """A date typed into a form (YYYY-MM-DD): a DomainError at the field when missing, malformed or absurd."""
    text = (text or "").strip()
    if not text:
        if required:
            raise DomainError(f"请填写{label}", field=field_name)
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise DomainError(f"{label}格式不正确，应为“2026-12-07”这样的日期", field=field_name) from None
    check_value(day, field_name)
    return day


def _lenient_day(text) -> dt.date | None:
    try:
        return parse_day(text, "", "", required=False)
    except DomainError:
        return None


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text / textarea / date / department / window
    required: bool = True
    hint: str = ""


@dataclass(frozen=True)
class Kind:
    """One kind of record: its fields, its services and how its list is filtered."""
    slug: str
    one: str  # the URL names' singular: hall:<one>_new, hall:<one>_edit
    title: str
    noun: str
    model: type
    fields: list[Field]
    create: Callable
    update: Callable
    columns: list[tuple[str, str]]
    by_week: bool = True
    help: str = ""
    related: list[str] = field(default_factory=list)

    def arguments(self, post) -> dict:
        """The service's keyword arguments from the form (dates and choices parsed at their field)."""
        out = {}
        for f in self.fields:
            value = post.get(f.name, "")
            if f.kind == "date":
                out[f.name] = parse_day(value, f.name, f.label, required=f.required)
            elif f.kind in ("department", "window"):
                out[f.name] = pk_or_none(value, f.name, f.label)
            else:
                out[f.name] = value
        return out


VISITS = Kind(
    slug="visits", one="visit", title="厅（局）长进大厅", noun="进大厅记录", model=LeaderVisit,
    fields=[Field("date", "日期", "date"), Field("department", "部门", "department"),
            Field("title", "职务", hint="如：党组成员、副厅长"), Field("name", "姓名"),
            Field("account", "活动情况", "textarea", required=False,
                  hint="接在姓名之后，如：到省林草局窗口看望慰问工作人员，现场办公并指导工作。")],
    create=services.record_visit, update=services.update_visit,
    columns=[("date", "日期"), ("department", "部门"), ("who", "职务、姓名"), ("account", "活动情况")],
    help="周报“厅（局）长进大厅”按所在周印出：2022 年版式逐条叙述，2024 年版式合为一句。",
)
COMMENDATIONS = Kind(
    slug="commendations", one="commendation", title="窗口受到表扬", noun="表扬记录", model=Commendation,
    fields=[Field("date", "日期", "date"), Field("window", "窗口", "window"),
            Field("person", "受表扬人员", required=False, hint="留空表示表扬整个窗口"),
            Field("honour", "表扬（荣誉）", hint="如：通报表扬、锦旗、感谢信、网上好评"),
            Field("awarding_body", "表扬单位", hint="如：省政府办公厅、办事企业"),
            Field("document", "文号", required=False, hint="如：川办函〔2026〕12 号")],
    create=services.record_commendation, update=services.update_commendation,
    columns=[("date", "日期"), ("window", "窗口"), ("person", "受表扬人员"), ("honour", "表扬（荣誉）"),
             ("awarding_body", "表扬单位"), ("document", "文号")],
    help="周报“窗口受到表扬情况”按所在周印出；部门窗口受到的表扬同时生成一条待确认的考核加分建议。",
)
DUTY = Kind(
    slug="duty", one="duty", title="窗口值守安排", noun="值守安排", model=DutyAssignment,
    fields=[Field("window", "窗口", "window"), Field("staff_name", "工作人员"),
            Field("date_from", "起始日期", "date"),
            Field("date_to", "截止日期", "date", required=False, hint="留空表示长期在岗；只值一天时与起始日期相同")],
    create=services.record_duty, update=services.update_duty,
    columns=[("window", "窗口"), ("staff_name", "工作人员"), ("date_from", "起始日期"), ("date_to", "截止日期")],
    by_week=False,
    help="某日在岗的人员是巡查“按时到岗情况”的依据：录入巡查时窗口旁列出当日值守人员。",
)
KINDS = {k.slug: k for k in (VISITS, COMMENDATIONS, DUTY)}


def _windows():
    return Window.objects.filter(active=True).select_related("department")


def _options(kind: str) -> list[tuple[str, str]]:
    if kind == "department":
        return [(str(d.pk), d.name) for d in Department.objects.order_by("display_order", "code")]
    return [(str(w.pk), f"{w.number} 号 · {w.name}") for w in _windows()]


def _shown_fields(kind: Kind, values: dict) -> list[dict]:
    return [{"f": f, "value": values.get(f.name, ""),
             "options": _options(f.kind) if f.kind in ("department", "window") else None} for f in kind.fields]


def _tabs(current: Kind) -> list[dict]:
    return [{"title": k.title, "url": reverse(f"hall:{k.slug}"), "current": k is current} for k in KINDS.values()]


def _rows(kind: Kind, request) -> tuple[list[dict], dict]:
    """The list's rows and the filter as shown: visits and commendations by week, the roster by the day."""
    today = timezone.localdate()
    if kind.by_week:
        day = _lenient_day(request.GET.get("week")) or today
        start, end = week_of(day)
        qs = kind.model.objects.filter(date__gte=start, date__lte=end)
        if kind is VISITS:
            qs = qs.select_related("department").order_by("date", "department__display_order", "id")
        else:
            qs = qs.select_related("window").order_by("date", "window__number", "id")
        shown = {"week": start, "period": period_text(start, end), "previous": start - dt.timedelta(days=7),
                 "next": start + dt.timedelta(days=7), "briefing_week": start}
    else:
        day = _lenient_day(request.GET.get("date")) or today
        typed = (request.GET.get("window") or "").strip()
        window = int(typed) if typed.isdigit() and len(typed) < 10 else None
        qs = (DutyAssignment.objects.filter(date_from__lte=day).exclude(date_to__lt=day)
              .select_related("window").order_by("window__number", "date_from", "id"))
        if window:
            qs = qs.filter(window_id=window)
        shown = {"date": day, "window": window, "previous": day - dt.timedelta(days=1),
                 "next": day + dt.timedelta(days=1)}
    rows = []
    for obj in qs:
        cells = {
            "date": obj.date if hasattr(obj, "date") else None,
            "department": getattr(getattr(obj, "department", None), "name", ""),
            "who": f"{getattr(obj, 'title', '')}{getattr(obj, 'name', '')}",
            "window": f"{obj.window.number} 号 · {obj.window.name}" if hasattr(obj, "window") else "",
        }
        rows.append({"pk": obj.pk, "url": reverse(f"hall:{kind.one}_edit", args=[obj.pk]), "cells": [cells.get(c) if c in cells else getattr(obj, c) for c, _ in kind.columns]})
    return rows, shown


def _list(kind: Kind):
    @_centre
    def view(request):
        rows, shown = _rows(kind, request)
        return render(request, "hall/records_list.html", {
            "kind": kind, "tabs": _tabs(kind), "rows": rows, "shown": shown,
            "windows": _windows() if not kind.by_week else None,
            "new_url": reverse(f"hall:{kind.one}_new"),
        })
    view.__name__ = f"{kind.slug}_list"
    return view


def _initial(kind: Kind, obj) -> dict:
    values = {}
    for f in kind.fields:
        value = getattr(obj, f"{f.name}_id" if f.kind in ("department", "window") else f.name)
        values[f.name] = value.isoformat() if isinstance(value, dt.date) else ("" if value is None else str(value))
    return values


def _form(kind: Kind, editing: bool):
    @_centre
    @require_http_methods(["GET", "POST"])
    def view(request, pk: int | None = None):
        obj = None
        if editing:
            obj = kind.model.objects.filter(pk=pk).first()
            if obj is None:
                from django.http import Http404

                raise Http404(f"{kind.noun}不存在或已被删除")
        error, values = None, (_initial(kind, obj) if obj else {})
        if request.method == "POST":
            values = {f.name: request.POST.get(f.name, "") for f in kind.fields}
            try:
                arguments = kind.arguments(request.POST)
                if obj is None:
                    saved = kind.create(request.user, **arguments)
                else:
                    saved = kind.update(request.user, obj.pk, **arguments)
            except DomainError as exc:
                error = exc
            else:
                messages.success(request, f"已保存{kind.noun}。")
                day = getattr(saved, "date", None) or saved.date_from
                query = f"week={day.isoformat()}" if kind.by_week else f"date={day.isoformat()}"
                return redirect(f"{reverse(f'hall:{kind.slug}')}?{query}")
        elif not values:
            values = {f.name: timezone.localdate().isoformat() for f in kind.fields if f.kind == "date" and f.required}
        return render(request, "hall/record_form.html", {
            "kind": kind, "tabs": _tabs(kind), "obj": obj, "error": error, "fields": _shown_fields(kind, values),
            "list_url": reverse(f"hall:{kind.slug}"),
        }, status=error.status if error else 200)
    view.__name__ = f"{kind.slug}_{'edit' if editing else 'new'}"
    return view


visits = _list(VISITS)
visit_new = _form(VISITS, editing=False)
visit_edit = _form(VISITS, editing=True)
commendations = _list(COMMENDATIONS)
commendation_new = _form(COMMENDATIONS, editing=False)
commendation_edit = _form(COMMENDATIONS, editing=True)
duty = _list(DUTY)
duty_new = _form(DUTY, editing=False)
duty_edit = _form(DUTY, editing=True)
