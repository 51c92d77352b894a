"""Rectification pages for department windows (their own only) and centre staff; 12345 tickets."""
import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from zwfw.accounts.scoping import can, scope, staff_required, visible_departments
from zwfw.errors import DomainError

from . import queries, services
from .models import HotlineTicket, Level, Rectification


@staff_required
def rectification_list(request):
    qs = scope(request.user, Rectification.objects.select_related("rating__case", "department"), field="department")
    show = request.GET.get("show", "open")
    if show == "open":
        qs = qs.filter(status__in=[Rectification.VERIFYING, Rectification.OPEN])
    today = timezone.localdate()
    return render(request, "feedback/rectifications.html", {"rows": qs, "show": show, "today": today})


@staff_required
@require_http_methods(["GET", "POST"])
def rectification_detail(request, pk: int):
    rect = get_object_or_404(scope(request.user, Rectification.objects.select_related(
        "rating__case__item__matter", "department"), field="department"), pk=pk)
    error = None
    if request.method == "POST" and request.POST.get("action") == "verify":
        try:
            services.verify_rating(rect, actor=request.user, upheld=request.POST.get("upheld") == "yes",
                                   note=request.POST.get("verification", ""))
            messages.success(request, "核实情况已保存。")
            return redirect("feedback:rectification", pk=rect.pk)
        except DomainError as exc:
            error = exc
    elif request.method == "POST":
        try:
            text = (request.POST.get("callback_on") or "").strip()
            try:
                callback_on = dt.date.fromisoformat(text) if text else None
            except ValueError:
                raise DomainError("回访日期格式不正确。", field="callback_on") from None
            services.close_rectification(rect, actor=request.user, measures=request.POST.get("measures", ""),
                                         callback_on=callback_on, callback_result=request.POST.get("callback_result", ""),
                                         callback_level=request.POST.get("callback_level", ""))
            messages.success(request, "整改已办结，回访记录已保存。")
            return redirect("feedback:rectification", pk=rect.pk)
        except DomainError as exc:
            error = exc
    return render(request, "feedback/rectification.html", {
        "rect": rect, "error": error, "levels": Level.choices, "data": request.POST,
        "can_close": can(request.user, "handle_feedback") and rect.status == Rectification.OPEN,
        "can_verify": can(request.user, "handle_feedback") and rect.status == Rectification.VERIFYING,
        "rectification_days": settings.ZWFW_RECTIFICATION_DAYS,
    })


@staff_required
def satisfaction(request):
    today = timezone.localdate()
    try:
        start = dt.date.fromisoformat(request.GET.get("from") or today.replace(day=1).isoformat())
        end = dt.date.fromisoformat(request.GET.get("to") or today.isoformat())
    except ValueError:
        start, end = today.replace(day=1), today
    visible = set(visible_departments(request.user).values_list("pk", flat=True))
    rows = [r for r in queries.satisfaction_by_window(start, end) if r.department_id in visible]
    return render(request, "feedback/satisfaction.html", {
        "rows": rows, "start": start, "end": end,
        "sentence": queries.briefing_sentence(start, end) if len(visible) > 1 else "",
        "tickets": scope(request.user, HotlineTicket.objects.select_related("department"), field="department")[:50],
    })
