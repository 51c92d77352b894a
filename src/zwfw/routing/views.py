"""Pages: 流转 / 退回 / 改派 / 更正 of one case. Thin: parse, call one service, redirect.

The case page carries the short forms (``panel``); each posts here. A refused request shows this
page with the Chinese message at its field and what was typed kept; success goes back to the case.
"""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zwfw.accounts.scoping import staff_required
from zwfw.cases import lifecycle, services as cases
from zwfw.cases.queries import case_for
from zwfw.errors import DomainError, NotFound
from zwfw.identifiers import mask_id, mask_phone

from . import corrections, services
from .queries import approvers_of, assignment_of, corrections_of, offices_of

#: The forms: (title, lifecycle code or None, the fields they post).
FORMS = {
    "transfer": ("流转", "transfer", ("office", "approver")),
    "return": ("退回窗口", "return", ("reason",)),
    "reassign": ("改派", "reassign", ("office", "approver", "reason")),
    "correct": ("更正办件信息", None, ("field", "value", "reason")),
}


def allowed(user, case, what: str) -> bool:
    """Whether ``user`` may use form ``what`` on ``case`` now (the lifecycle table, the lead, centre staff)."""
    if what == "correct":
        return corrections.may_correct(user)
    code = FORMS[what][1]
    if getattr(user, "role", None) == "leader" or case.status not in lifecycle.action(code).sources:
        return False
    if not lifecycle.may_take(getattr(user, "role", None), code, is_superuser=user.is_superuser):
        return False
    return what != "reassign" or services.may_reassign(user, case)


def panel(user, case) -> dict:
    """What the case page shows of routing: where the case is, the choices, the corrections."""
    can = {what: allowed(user, case, what) for what in FORMS}
    routed = can["transfer"] or can["reassign"]
    return {
        "assignment": assignment_of(case), "can": can,
        "offices": offices_of(case.department) if routed else [],
        "approvers": approvers_of(case.department) if routed else [],
        "corrections": [_trail_row(x) for x in corrections_of(case)],
        "fields": corrections.CORRECTABLE.items(), "windows": corrections.WINDOW_CHOICES.items(),
    }


def _trail_row(x) -> dict:
    """A correction as the case page lists it: ID numbers and phones masked (centre staff, who correct,
    see personal data masked; the full values stay in the record)."""
    mask = {"applicant_id_number": mask_id, "applicant_phone": mask_phone}.get(x.field, lambda v: v)
    return {"at": x.at, "label": x.label, "old": mask(x.old) if x.old else "", "new": mask(x.new), "reason": x.reason,
            "actor": x.actor}


@staff_required
@require_http_methods(["GET", "POST"])
def form_view(request, number, what):
    if what not in FORMS:
        raise Http404
    try:
        case = case_for(request.user, number)
    except NotFound:
        raise Http404("没有找到该办件，或您无权查看。") from None
    if not allowed(request.user, case, what):
        raise PermissionDenied(f"您不能对该办件执行“{FORMS[what][0]}”。")
    title, code, fields = FORMS[what]
    values, errors = {}, {}
    if request.method == "POST":
        values = {f: request.POST.get(f, "") for f in fields}
        try:
            if what == "correct":
                done = corrections.correct_case(case=case, field=values["field"], value=values["value"],
                                                reason=values["reason"], actor=request.user)
                messages.success(request, f"已更正{done.label}。")
            else:
                try:
                    version = int(request.POST.get("version", ""))
                except ValueError:
                    version = None
                cases.perform(case, code, actor=request.user, version=version, **values)
                messages.success(request, f"已{title}。")
            return redirect("cases:case", number=case.number)
        except DomainError as exc:
            errors[exc.field if exc.field in fields else "general"] = exc.message
            case = case_for(request.user, number)  # as it is now (nothing was written)
    return render(request, "routing/form.html", {
        "case": case, "what": what, "title": title, "values": values, "errors": errors,
        "routing": panel(request.user, case),
    })
