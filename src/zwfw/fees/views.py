"""The window records a payment from the case page's 收费 card. Thin: parse, call the service, redirect."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from zwfw.cases.queries import case_for
from zwfw.errors import DomainError, Forbidden, NotFound
from zwfw.money import yuan

from . import services

#: Session key holding a refused form (its values and the error at its field) for the card to show once.
FORM_KEY = "fees_form"


@login_required
@require_POST
def pay_view(request, number):
    try:
        case = case_for(request.user, number)
    except NotFound as exc:
        raise Http404(exc.message) from None
    data = {k: (request.POST.get(k) or "").strip()[:100] for k in ("amount", "method", "payer", "transaction_id")}
    try:
        payment = services.record_payment(case, actor=request.user, **data)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except DomainError as exc:
        request.session[FORM_KEY] = {"number": case.number, "data": data, "field": exc.field or "amount",
                                     "message": exc.message}
    else:
        messages.success(request, f"已登记{payment.get_method_display()}缴费 {yuan(payment.amount)}。")
    return redirect(reverse("cases:case", kwargs={"number": case.number}) + "#fees")
