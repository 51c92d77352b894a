"""The applicant's inbox in the portal (我的消息): their own messages only, read and unread. Thin."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from . import queries, services

PAGE = 30


def _applicant(request):
    applicant = getattr(request.user, "applicant", None) if request.user.role == "applicant" else None
    if applicant is None:
        raise PermissionDenied("我的消息仅供已绑定申请人信息的申请人账户使用。")
    return applicant


@login_required
@require_GET
def inbox_view(request):
    applicant = _applicant(request)
    page = Paginator(queries.inbox(applicant), PAGE).get_page(request.GET.get("page"))
    return render(request, "notices/inbox.html", {
        "applicant": applicant, "page": page, "unread": queries.unread_count(applicant)})


@login_required
@require_POST
def mark_read_view(request):
    """标为已读: one message (``notice``) or all of them; another person's message is simply not found."""
    _applicant(request)
    raw = (request.POST.get("notice") or "").strip()
    if raw and not (raw.isdigit() and len(raw) <= 18):
        messages.error(request, "消息编号不正确。")
        return redirect("notices:inbox")
    services.mark_read(user=request.user, notice_id=int(raw) if raw else None)
    return redirect("notices:inbox")
