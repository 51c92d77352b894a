"""``{% materials_card case %}``: the 材料 card on the case page and the applicant's case page."""
from django import template
from django.conf import settings

from ..queries import card
from ..views import ERROR_KEY

register = template.Library()


@register.inclusion_tag("casefiles/_card.html", takes_context=True)
def materials_card(context, case):
    request = context["request"]
    error = request.session.get(ERROR_KEY)
    if error and error.get("case") == case.number:
        request.session.pop(ERROR_KEY, None)
    else:
        error = None
    return {"case": case, "card": card(case, request.user), "error": error, "next": request.path,
            "csrf_token": context.get("csrf_token"), "request": request,
            "max_mb": settings.ZWFW_UPLOAD_MAX_MB}
