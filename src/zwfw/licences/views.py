"""Licence pages: the public verification page; department staff's licence list and detail
(revoke, renew). Querysets go through accounts.scoping.scope."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from zwfw.accounts.scoping import can, scope
from zwfw.documents.printouts import may_print_licence
from zwfw.errors import DomainError
from zwfw.ratelimit import limited_page

from . import queries, services
from .models import Licence


@limited_page("verify")
def verify(request):
    """证照核验: no login; enter the identifier, see the status and the masked holder."""
    text = (request.GET.get("identifier") or "").strip()
    result, error = None, None
    if text:
        try:
            result = queries.verify(text)
        except DomainError as exc:
            error = exc.message
    return render(request, "licences/verify.html", {"identifier": text, "result": result, "error": error})


def _visible(request):
    return scope(request.user, Licence.objects.select_related("kind", "holder", "issuer", "case", "superseded_by"),
                 field="issuer")


@login_required
def licence_list(request):
    qs = _visible(request)
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = qs.filter(identifier__icontains=q) | qs.filter(holder__name__icontains=q)
    page = Paginator(qs.order_by("-issued_at", "-id"), 50).get_page(request.GET.get("page"))
    return render(request, "licences/list.html", {"page": page, "q": q})


@login_required
@require_http_methods(["GET", "POST"])
def licence_detail(request, pk: int):
    licence = get_object_or_404(_visible(request), pk=pk)
    error = renew_error = None
    if request.method == "POST":
        renewing = request.POST.get("action") == "renew"
        try:
            if renewing:
                new = services.renew(licence, actor=request.user)
                messages.success(request, f"已延续，新证照标识：{new.identifier}")
                return redirect("licences:detail", pk=new.pk)
            services.revoke(licence, actor=request.user, reason=request.POST.get("reason", ""))
            messages.success(request, "电子证照已撤销。")
            return redirect("licences:detail", pk=licence.pk)
        except DomainError as exc:
            if renewing:
                renew_error = exc
            else:
                error = exc
    return render(request, "licences/detail.html", {
        "licence": licence, "status": licence.status_on(), "error": error, "renew_error": renew_error,
        "can_print": may_print_licence(request.user, licence),
        "can_act": can(request.user, "issue_licence") and licence.revoked_at is None
        and licence.superseded_by_id is None,
        "versions": Licence.objects.filter(kind=licence.kind, issuer_uscc=licence.issuer_uscc,
                                           serial=licence.serial).order_by("version"),
    })
