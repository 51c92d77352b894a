"""The 收费 card on the case page and the amount owed on the applicant's pages (reads only)."""
from __future__ import annotations

from django import template

from zwfw.cases.applicants import handles
from zwfw.documents.models import IssuedDocument
from zwfw.documents.services import may_print

from .. import queries, services
from ..models import PaymentMethod
from ..views import FORM_KEY

register = template.Library()
CARD_ROLES = ("comprehensive_clerk", "department_clerk", "approver")
FEE_DOCUMENTS = ("fee_notice", "fee_receipt")


@register.inclusion_tag("fees/_card.html", takes_context=True)
def fee_card(context, case):
    """For those who handle the case: assessed, paid, owed, payments, the payment form, print buttons."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if getattr(user, "role", None) not in CARD_ROLES or not handles(user, case.applicant, case):
        return {"show": False}
    state = queries.state(case)
    if not state.lines:
        return {"show": False}
    form = None
    if request is not None and request.session.get(FORM_KEY, {}).get("number") == case.number:
        form = request.session.pop(FORM_KEY)
    issued = {}
    for d in IssuedDocument.objects.filter(case=case, kind__in=FEE_DOCUMENTS).order_by("issued_at", "id"):
        issued[d.kind] = d  # the latest of each
    return {
        "show": True, "case": case, "s": state, "form": form, "csrf_token": context.get("csrf_token"),
        "may_record": services.may_record(user, case) and state.owed > 0 and case.status not in services.CLOSED,
        "may_print": may_print(user, case), "methods": [(m.value, m.label) for m in services.WINDOW_METHODS],
        "notice": issued.get("fee_notice"), "receipt": issued.get("fee_receipt"),
        "receipt_stale": bool(state.payments) and (
            "fee_receipt" not in issued or issued["fee_receipt"].issued_at < state.payments[-1].recorded_at),
    }


@register.inclusion_tag("fees/_owed.html")
def fee_owed(case):
    """For the applicant (portal and tracking page): what is owed and how to pay, when there are fees."""
    state = queries.state(case)
    return {"show": bool(state.lines), "s": state, "where": queries.where_to_pay(case) if state.owed else ""}
