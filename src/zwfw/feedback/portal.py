"""The applicant portal: my cases (track, rate), my licences; public tracking by case number
and the last four characters of the applicant's ID number."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zwfw.cases.models import Case, CaseEvent, CaseStatus
from zwfw.errors import DomainError
from zwfw.licences.masking import mask_holder_name
from zwfw.licences.queries import licences_of

from . import services
from .models import Level, Rating


def _applicant(request):
    applicant = getattr(request.user, "applicant", None) if request.user.role == "applicant" else None
    if applicant is None:
        raise PermissionDenied("申请人门户仅供已绑定申请人信息的申请人账户使用。")
    return applicant


def _timeline(case):
    return CaseEvent.objects.filter(case=case).order_by("at", "id")


@login_required
def home(request):
    applicant = _applicant(request)
    number = (request.GET.get("number") or "").strip()
    if number:
        return redirect("feedback:portal_case", number=number)
    cases = Case.objects.filter(applicant=applicant).select_related("item", "department").order_by("-applied_at")
    rated = set(Rating.objects.filter(applicant=applicant).values_list("case_id", flat=True))
    return render(request, "feedback/portal_home.html", {
        "applicant": applicant, "licences": licences_of(applicant),
        "cases": [(c, c.status == CaseStatus.COMPLETED and c.pk not in rated) for c in cases],
    })


@login_required
@require_http_methods(["GET", "POST"])
def my_case(request, number: str):
    applicant = _applicant(request)
    from zwfw.cases.services import track

    try:
        case = track(number, applicant)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("feedback:portal")
    error = None
    if request.method == "POST":
        try:
            services.rate_case(case, user=request.user, level=request.POST.get("level", ""),
                               comment=request.POST.get("comment", ""))
            messages.success(request, "感谢您的评价！")
            return redirect("feedback:portal_case", number=case.number)
        except DomainError as exc:
            error = exc
    return render(request, "feedback/portal_case.html", {
        "case": case, "events": _timeline(case), "rating": Rating.objects.filter(case=case).first(),
        "can_rate": case.status == CaseStatus.COMPLETED, "levels": Level.choices, "error": error,
        "data": request.POST, "licences": case.licences.select_related("kind"),
    })


def public_track(request):
    """办件查询: no login; the case number and the last 4 characters of the ID number."""
    number = (request.GET.get("number") or "").strip()
    tail = (request.GET.get("tail") or "").strip().upper()
    case, error = None, None
    if number or tail:
        found = Case.objects.select_related("item", "department", "applicant").filter(number=number).first()
        if len(tail) != 4:
            error = "请输入申请人证件号码的后 4 位。"
        elif found is None or not found.applicant.id_number.upper().endswith(tail):
            error = "办件编号与证件号码后 4 位不匹配，请核对后重新查询。"
        else:
            case = found
    return render(request, "feedback/track.html", {
        "number": number, "tail": tail, "case": case, "error": error,
        "events": _timeline(case) if case else [],
        "holder": mask_holder_name(case.applicant.name, case.applicant.kind == "person") if case else "",
    })
