"""The applicant's online application (网上申请): find an item, read its guide, tick materials, submit.

Thin: the applicant is always the Applicant linked to the login (never an id from the form);
the cases services decide (channel online) and their refusals are shown at the form.
"""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from zwfw.catalog.models import HandlingItem
from zwfw.catalog.queries import guide_values, items_in_force
from zwfw.errors import DomainError

from . import services
from .models import Channel


def own_applicant_or_403(request):
    try:
        return services.own_applicant(request.user)
    except DomainError as e:
        raise PermissionDenied(e.message) from None


def item_for(code: str, on):
    """The version of ``code`` in force on ``on``, else its latest version (the services then say why
    it cannot be applied for); None when no such item exists."""
    code = (code or "").strip()
    if not code:
        return None
    return (items_in_force(on).filter(code=code).first()
            or HandlingItem.objects.select_related("matter__department").filter(code=code)
            .order_by("-valid_from", "-id").first())


@login_required
@require_http_methods(["GET", "POST"])
def apply_view(request):
    applicant = own_applicant_or_403(request)
    today = timezone.localdate()
    q = request.GET.get("q", "").strip()
    item = item_for(request.POST.get("item_code") or request.GET.get("item", ""), today)
    provided = request.POST.getlist("provided")
    error, refused = None, False
    if request.method == "POST":
        if item is None:
            error = "请选择要申请的办理项。"
        else:
            try:
                case = services.apply(item=item, applicant=applicant, actor=request.user, channel=Channel.ONLINE,
                                      provided=provided)
                messages.success(request, f"申请已提交，办件编号 {case.number}。请等待窗口受理。")
                return redirect("feedback:portal_case", number=case.number)
            except DomainError as e:
                error, refused = e.message, e.field in ("item", "applicant")
    elif item is not None:
        try:
            services.check_acceptable(item, applicant, today)
        except DomainError as e:
            error, refused = e.message, True
    results = []
    if q and item is None:
        results = list(items_in_force(today, search=q).order_by("matter__department__display_order", "code")[:30])
    return render(request, "cases/portal/apply.html", {
        "applicant": applicant, "q": q, "results": results, "item": item, "error": error, "refused": refused,
        "guide": guide_values(item) if item else None,
        "checklist": services.material_checklist(item, applicant, today, provided) if item else [],
    })
