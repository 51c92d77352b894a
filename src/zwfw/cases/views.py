"""Clerks' pages: worklist, case page with the actions allowed now, acceptance form, consultations.

Thin: parse, call one service, render. Department users see only their department's cases
(others are 404); domain errors are shown at the field or as a message.
"""
from __future__ import annotations

import io
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.http import require_POST

from zwfw.accounts.scoping import visible_departments
from zwfw.casefiles import services as casefiles, storage as casefile_storage
from zwfw.catalog.models import Department, Matter, Region
from zwfw.catalog.queries import items_in_force
from zwfw.documents.queries import for_case_page as case_documents
from zwfw.errors import DomainError, NotFound
from zwfw.inputs import pk_or_none
from zwfw.routing.views import panel as routing_panel

from . import clock, intake, lifecycle, ports, presenters, queries, services
from .acceptance import material_checklist
from .applicants import validate_identifier
from .export import XLSX, export_worklist
from .models import Applicant, CaseStatus, Channel, SuspensionKind
from .queries import case_for


def _case_or_404(user, number):
    try:
        return case_for(user, number)
    except NotFound:
        raise Http404("没有找到该办件，或您无权查看。") from None


def _deemed(case, calendar, today) -> bool:
    """Waiting, and the law already counts it as accepted (as clockwork.deemed_accepted, for one row)."""
    if case.status == "correction":
        return case.correction_late
    return case.status == "applied" and case.received_on is not None and clock.deemed_accepted_from(
        calendar.provisional(), today, received_on=case.received_on,
        correction_requested_on=case.correction_requested_on, corrected_on=case.corrected_on) is not None


def _worklist_filter(request):
    """The worklist's query, or (defaults, the error at its field) when a value is bad."""
    default_window = "comprehensive" if request.user.role == "comprehensive_clerk" else ""
    try:
        return queries.case_filter(request.GET, default_window=default_window), None
    except DomainError as exc:
        return queries.case_filter({}, default_window=default_window), exc


@login_required
def worklist_view(request):
    if getattr(request.user, "role", None) in ("applicant", None):
        raise Http404
    calendar = ports.get_calendar()
    today = timezone.localdate()
    f, error = _worklist_filter(request)
    cases = queries.find_cases(request.user, f, today=today, calendar=calendar)
    page = queries.CappedPaginator(cases, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [presenters.summary(c, calendar, today) for c in page.object_list]
    deemed = {c.number for c in page.object_list if _deemed(c, calendar, today)}
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, "cases/worklist.html", {
        "rows": rows, "deemed": deemed, "warning_days": clock.WARNING_DAYS, "page": page, "f": f, "error": error,
        "query": params.urlencode(), "departments": visible_departments(request.user).order_by("display_order", "id"),
        "statuses": CaseStatus.choices, "clocks": queries.CLOCK_CHOICES, "windows": queries.WINDOW_CHOICES,
        "channels": Channel.choices, "sorts": queries.SORT_CHOICES, "mines": queries.MINE_CHOICES,
        "can_accept": request.user.role in ("comprehensive_clerk", "department_clerk"),
    })


@login_required
def worklist_export_view(request):
    if getattr(request.user, "role", None) in ("applicant", None):
        raise Http404
    f, error = _worklist_filter(request)
    if error is None:
        calendar, today = ports.get_calendar(), timezone.localdate()
        buffer = io.BytesIO()
        try:
            export_worklist(buffer, queries.find_cases(request.user, f, today=today, calendar=calendar),
                            calendar=calendar, today=today)
        except DomainError as exc:
            error = exc
        else:
            response = HttpResponse(buffer.getvalue(), content_type=XLSX)
            response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'办件清单-{today:%Y%m%d}.xlsx')}"
            return response
    messages.error(request, error.message)
    return redirect(f"{reverse('cases:worklist')}?{request.GET.urlencode()}")


@login_required
def case_view(request, number):
    case = _case_or_404(request.user, number)
    view = presenters.detail(case, request.user, where="办件页面")
    return render(request, "cases/case.html", {
        "case": case, "c": view,
        "suspension_kinds": SuspensionKind.objects.filter(active=True).values_list("code", "name"),
        "termination_reasons": lifecycle.TERMINATION_REASONS.items(),
        "bundle": services.bundle_status(case.bundle_application) if case.bundle_application_id else None,
        "documents": case_documents(request.user, case),
        "routing": routing_panel(request.user, case),
    })


@login_required
@require_POST
def act_view(request, number, action):
    case = _case_or_404(request.user, number)
    params = {k: request.POST.get(k, "") for k in ("reason", "kind", "delivery", "tracking_number", "notice",
                                                   "expected_days", "approved_by", "notified")}
    params["provided"] = request.POST.getlist("provided")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        services.perform(case, action, actor=request.user, version=version, **params)
        messages.success(request, f"已{services.lifecycle_label(action)}。")
    except DomainError as e:
        messages.error(request, e.message)
    return redirect("cases:case", number=case.number)


# Fields the acceptance form shows an error at; any other error is shown above the form.
FORM_FIELDS = {"kind", "name", "id_number", "phone", "item_code", "item", "applicant", "provided", "promised",
               "deferred", "decision"}


def _acceptance_form(request) -> dict:
    """What the clerk sent, as the service takes it."""
    post = request.POST
    decision = post.get("decision") or ("accept" if post.get("accept_now") else "receive")
    return {
        "item_code": post.get("item_code", ""), "decision": decision,
        "provided": post.getlist("provided"), "promised": post.getlist("promised"), "deferred": post.getlist("deferred"),
        "details": {"kind": post.get("kind", ""), "name": post.get("name", ""), "id_number": post.get("id_number", ""),
                    "phone": post.get("phone", ""), "address": post.get("address", ""),
                    "region": Region.objects.filter(pk=pk_or_none(post.get("region"), "region", "申请地")).first()},
    }


@login_required
def new_view(request):
    role = getattr(request.user, "role", None)
    if role not in ("comprehensive_clerk", "department_clerk") and not request.user.is_superuser:
        raise Http404
    values, errors, item, checklist = request.POST or {}, {}, None, []
    decision = "accept"
    if request.method == "POST":
        decision = request.POST.get("decision") or decision
        today = timezone.localdate()
        try:
            form = _acceptance_form(request)
            item = intake.item_for(form["item_code"], today)
            # Kept on an error: the checklist as the clerk ticked it.
            known = Applicant.objects.filter(id_number=form["details"]["id_number"].strip().upper()).first()
            checklist = material_checklist(item, known, today, form["provided"], form["promised"], form["deferred"])
            scans = casefiles.intake_scans(request.FILES, checklist)  # a scanned material is one handed in
            provided = form["provided"] + [name for name in scans if name not in form["provided"]]
            with casefile_storage.atomic():  # the case and its scans, or neither
                case = services.apply(item=item, applicant_details=form["details"], actor=request.user,
                                      region=form["details"]["region"], provided=provided,
                                      promised=form["promised"], deferred=form["deferred"], decision=decision)
                casefiles.attach_scans(case=case, scans=scans, actor=request.user,
                                       verified=request.POST.get("scans_verified") == "1")
            messages.success(request, _outcome(case))
            return redirect("cases:case", number=case.number)
        except DomainError as e:
            scan = next((m for i, m in enumerate(checklist) if e.field == f"scan-{i}"), None)
            if scan is not None:
                scan["scan_error"] = e.message
            else:
                errors[e.field if e.field in FORM_FIELDS else "general"] = e.message
    return render(request, "cases/new.html", {
        "values": values, "errors": errors, "regions": Region.objects.all(),
        "kinds": Applicant.KIND_CHOICES, "checklist": checklist, "item": item, "decision": decision,
        "decisions": intake.DECISIONS,
    })


def _outcome(case) -> str:
    if case.status == "rejected":
        return f"不予受理，办件编号 {case.number}：{case.reason}"
    if case.status == "completed":
        return f"即办件已受理并当场办结，办件编号 {case.number}。"
    if case.status == "applied":
        return f"已收件，办件编号 {case.number}。"
    return f"已受理，办件编号 {case.number}。"


@login_required
def check_id_view(request):
    """htmx: validate the ID number as it is typed."""
    kind, number = request.GET.get("kind", ""), request.GET.get("id_number", "")
    if not number.strip():
        return HttpResponse("")
    try:
        validate_identifier(kind, number)
    except DomainError as e:
        return HttpResponse(f'<span class="error">{escape(e.message)}</span>')
    return HttpResponse('<span class="badge ok">号码校验通过</span>')


@login_required
def item_lookup_view(request):
    """htmx: items matching the search, and the chosen item's material checklist."""
    today = timezone.localdate()
    code = request.GET.get("item_code", "").strip()
    if code:
        item = items_in_force(today).filter(code=code).first()
        if item is None:
            return HttpResponse('<p class="error">请选择有效的办理项。</p>')
        applicant = Applicant.objects.filter(id_number=request.GET.get("id_number", "").strip().upper()).first()
        checklist = material_checklist(item, applicant, today)
        return render(request, "cases/_materials.html", {"item": item, "checklist": checklist})
    q = request.GET.get("q", "").strip()
    items = list(items_in_force(today, search=q)[:15]) if q else []
    return render(request, "cases/_items.html", {"items": items})


@login_required
def consultation_view(request):
    role = getattr(request.user, "role", None)
    if role not in ("comprehensive_clerk", "department_clerk") and not request.user.is_superuser:
        raise Http404
    error = None
    if request.method == "POST":
        try:
            matter = Matter.objects.filter(pk=pk_or_none(request.POST.get("matter"), "matter", "事项")).first()
            department = Department.objects.filter(pk=pk_or_none(request.POST.get("department"), "department", "部门")).first()
            events = services.register_consultation(
                actor=request.user, matter=matter, department=department, people=request.POST.get("people", 1),
                topic=request.POST.get("topic", ""))
            messages.success(request, f"已登记咨询 {len(events)} 人次（{events[0].department.name}）。")
            return redirect("cases:consultations")
        except DomainError as e:
            error = e
    today = timezone.localdate()
    matters = Matter.objects.in_force(today).select_related("department")
    departments = Department.objects.all()
    if role == "department_clerk":
        matters = matters.filter(department=request.user.department_id)
        departments = departments.filter(pk=request.user.department_id)
    return render(request, "cases/consultation.html", {"matters": matters, "departments": departments, "error": error})
