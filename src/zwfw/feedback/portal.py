"""The applicant portal: my cases (track, rate), my licences; public tracking by case number
and the query code printed on the acceptance receipt (rate-limited per address)."""
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from zwfw.cases.models import Case, CaseEvent, CaseStatus
from zwfw.cases.queries import case_for
from zwfw.errors import DomainError, NotFound
from zwfw.licences.masking import mask_holder_name
from zwfw.licences.queries import licences_of
from zwfw.ratelimit import limited_page

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
    # 50 a page, newest first; whether each is rated is asked in the same query (no list of ids in Python).
    cases = (Case.objects.filter(applicant=applicant).select_related("item__matter", "department")
             .annotate(rated=Exists(Rating.objects.filter(case=OuterRef("pk")))).order_by("-applied_at", "-id"))
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    return render(request, "feedback/portal_home.html", {
        "applicant": applicant, "licences": licences_of(applicant), "page": page,
        "bundles": applicant.bundle_applications.select_related("bundle").order_by("-applied_at")[:50],
        "cases": [(c, c.status == CaseStatus.COMPLETED and not c.rated) for c in page],
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


@limited_page("track")
def public_track(request):
    """办件查询: no login; the case number and the query code from the acceptance receipt."""
    number = (request.GET.get("number") or "").strip()[:32]
    code = (request.GET.get("code") or "").strip().upper()[:16]
    case, error = None, None
    if number or code:
        found = Case.objects.select_related("item", "department", "applicant").filter(number=number).first()
        if not code:
            error = "请输入受理回执上的查询码。"
        elif found is None or not secrets.compare_digest(found.query_code, code):
            error = "办件编号与查询码不匹配，请核对受理回执后重新查询。"
        else:
            case = found
    return render(request, "feedback/track.html", {
        "number": number, "code": code, "case": case, "error": error,
        "events": _timeline(case) if case else [],
        "holder": mask_holder_name(case.applicant.name, case.applicant.kind == "person") if case else "",
    })


@login_required
def receipt(request, number: str):
    """受理回执: printed for the applicant by whoever handles the case; it carries the query code."""
    try:
        case = case_for(request.user, number)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "feedback/receipt.html", {
        "case": case, "holder": mask_holder_name(case.applicant.name, case.applicant.kind == "person"),
        "track_url": request.build_absolute_uri("/feedback/track/"),
    })
