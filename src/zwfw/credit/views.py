"""Abnormal-list pages for centre staff and department windows (their own department only)."""
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from zwfw.accounts.scoping import can, scope, staff_required, visible_departments
from zwfw.errors import DomainError

from . import services
from .forms import listing_arguments, matters_by_department
from .models import Listing
from .queries import in_force_q


def _visible(request):
    return scope(request.user, Listing.objects.select_related("applicant", "department")
                 .prefetch_related("matters"), field="department")


@staff_required
def listing_list(request):
    today = timezone.localdate()
    qs, show = _visible(request), request.GET.get("show", "in_force")
    if show == "in_force":
        qs = qs.filter(in_force_q(today))
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(applicant__name__icontains=q) | Q(applicant__id_number=q.upper()) | Q(document__icontains=q))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    rows = [(x, x.status_label(today)) for x in page]
    return render(request, "credit/list.html", {"page": page, "rows": rows, "q": q, "show": show,
                                                "can_keep": can(request.user, "keep_credit_list")})


@staff_required
@require_http_methods(["GET", "POST"])
def listing_new(request):
    departments = visible_departments(request.user)
    error = None
    if request.method == "POST":
        try:
            listing = services.list_applicant(actor=request.user, **listing_arguments(request.POST, departments))
            messages.success(request, f"已将“{listing.applicant.name}”列入异常名录。")
            return redirect("credit:detail", pk=listing.pk)
        except DomainError as exc:
            error = exc
    return render(request, "credit/new.html", {
        "error": error, "data": request.POST, "groups": matters_by_department(departments, timezone.localdate()),
        "chosen": set(request.POST.getlist("matters")), "departments": departments,
    })


@staff_required
@require_http_methods(["GET", "POST"])
def listing_detail(request, pk: int):
    listing = get_object_or_404(_visible(request), pk=pk)
    error = None
    if request.method == "POST":
        try:
            services.lift_early(listing, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, "已提前移出异常名录，该申请人的申请恢复正常受理。")
            return redirect("credit:detail", pk=listing.pk)
        except DomainError as exc:
            error = exc
    today = timezone.localdate()
    history = Listing.objects.filter(applicant=listing.applicant).exclude(pk=listing.pk)
    return render(request, "credit/detail.html", {
        "listing": listing, "status": listing.status_label(today), "error": error,
        "can_lift": can(request.user, "keep_credit_list") and listing.lifted_at is None and listing.end_date >= today,
        "history": scope(request.user, history, field="department"),
    })
