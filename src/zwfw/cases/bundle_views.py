"""一件事一次办 pages: the bundles in force, one application form, one status for the application.

Applicants apply for themselves (online); the comprehensive window applies on an applicant's
behalf, found or registered by ID number exactly as at the acceptance form. Thin: the cases
services check, open the member cases and say why not.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from zwfw.catalog.models import Region
from zwfw.catalog.queries import bundle_items
from zwfw.errors import DomainError, NotFound
from zwfw.inputs import pk_or_none

from . import presenters, services
from .models import Applicant, Channel
from .portal_views import own_applicant_or_403


def _who(request):
    """("applicant", their Applicant) or ("clerk", None); anyone else does not get these pages."""
    user = request.user
    if getattr(user, "role", None) == "applicant":
        return "applicant", own_applicant_or_403(request)
    if getattr(user, "role", None) == "comprehensive_clerk" or user.is_superuser:
        return "clerk", None
    raise Http404("一件事一次办由申请人本人或综合窗口提交。")


@login_required
def bundles_view(request):
    _who(request)
    today = timezone.localdate()
    bundles = [(b, bundle_items(b, today)) for b in services.bundles_in_force(today)]
    return render(request, "cases/portal/bundles.html", {"bundles": bundles})


def _bundle_or_404(code, today):
    try:
        return services.bundle_in_force(code, today)
    except NotFound:
        raise Http404("没有找到有效的一件事。") from None


@login_required
@require_http_methods(["GET", "POST"])
def bundle_apply_view(request, code):
    who, applicant = _who(request)
    today = timezone.localdate()
    bundle = _bundle_or_404(code, today)
    values, errors = request.POST or request.GET, {}
    provided = request.POST.getlist("provided")
    if request.method == "POST":
        try:
            with transaction.atomic():  # a refused application leaves no new applicant behind either
                if who == "clerk":
                    region = Region.objects.filter(pk=pk_or_none(values.get("region"), "region", "申请地")).first()
                    applicant = services.register_applicant(
                        kind=values.get("kind", ""), name=values.get("name", ""), id_number=values.get("id_number", ""),
                        phone=values.get("phone", ""), address=values.get("address", ""), region=region)
                    application = services.apply_bundle(bundle=bundle, applicant=applicant, actor=request.user,
                                                        channel=Channel.WINDOW, provided=provided, region=region)
                else:
                    application = services.apply_bundle(bundle=bundle, applicant=applicant, actor=request.user,
                                                        channel=Channel.ONLINE, provided=provided)
            messages.success(request, f"已提交“{bundle.name}”，申请编号 {application.number}，"
                                      f"共 {application.cases.count()} 个办件。")
            return redirect("cases:bundle_application", pk=application.pk)
        except DomainError as e:
            errors[e.field if e.field in ("name", "id_number", "phone", "kind") else "general"] = e.message
    holder = applicant
    if who == "clerk":  # 免提交 for an applicant the platform already knows
        holder = Applicant.objects.filter(id_number=(values.get("id_number") or "").strip().upper()).first()
    checklist = services.merged_checklist(bundle, holder, today, provided)
    template = "cases/portal/_checklist.html" if request.headers.get("HX-Request") else "cases/portal/bundle_apply.html"
    return render(request, template, {
        "bundle": bundle, "items": bundle_items(bundle, today), "checklist": checklist, "who": who,
        "applicant": applicant, "values": values, "errors": errors, "regions": Region.objects.all(),
        "kinds": Applicant.KIND_CHOICES,
    })


@login_required
def bundle_application_view(request, pk):
    try:
        application = services.bundle_application_for(request.user, pk)
    except NotFound:
        raise Http404("没有找到该一件事申请，或您无权查看。") from None
    return render(request, "cases/portal/bundle_application.html", {
        "a": presenters.bundle_application(application, request.user),
        "is_applicant": getattr(request.user, "role", None) == "applicant",
    })
