"""Pages: upload, verify and reuse from the 材料 card (case page and the applicant's case page), and the one
way a file is read — through the access check, logged. Thin: parse, call one service, redirect."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from zwfw.cases.queries import case_for
from zwfw.errors import DomainError, NotFound
from zwfw.inputs import pk_or_none

from . import services
from .models import CaseMaterial

ERROR_KEY = "casefiles_error"


def _case(user, number):
    try:
        return case_for(user, number)
    except NotFound:
        raise Http404("没有找到该办件，或您无权查看。") from None


def _row(pk) -> CaseMaterial:
    row = CaseMaterial.objects.select_related("case__applicant", "case__item__matter", "file").filter(pk=pk).first()
    if row is None:
        raise Http404("没有找到该文件，或您无权查看。")
    return row


def _back(request, case):
    """Where the card was: the case page, or the applicant's own case page."""
    target = request.POST.get("next", "").split("#")[0]
    if (target.startswith("/") and not target.startswith("//")
            and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())):
        return HttpResponseRedirect(target + "#materials")
    if getattr(request.user, "role", None) == "applicant":
        return redirect(reverse("feedback:portal_case", args=[case.number]) + "#materials")
    return redirect(reverse("cases:case", args=[case.number]) + "#materials")


def _refused(request, case, error: DomainError, material: str = ""):
    """Shown at the field of the card after the redirect (the material's upload form)."""
    request.session[ERROR_KEY] = {"case": case.number, "material": material, "field": error.field or "",
                                  "message": error.message}
    return _back(request, case)


@login_required
@require_POST
def upload_view(request, number):
    case = _case(request.user, number)
    material = request.POST.get("material", "")
    try:
        row = services.add(case=case, material=material, upload=request.FILES.get("file"), actor=request.user,
                           verify_original=request.POST.get("verify_original") == "1", where="办件页面上传")
    except NotFound:
        raise Http404("没有找到该办件，或您无权查看。") from None
    except DomainError as e:
        return _refused(request, case, e, material)
    messages.success(request, f"已上传“{row.material}”：{row.file.filename}（{row.get_trust_display()}）。")
    return _back(request, case)


@login_required
@require_POST
def reuse_view(request, number):
    case = _case(request.user, number)
    try:
        source = CaseMaterial.objects.select_related("case").filter(
            pk=pk_or_none(request.POST.get("source"), "source", "可复用的材料")).first()
        if source is None:
            raise DomainError("请选择要复用的材料。", field="source")
        row = services.reuse(case=case, source=source, actor=request.user, where="办件页面复用")
    except NotFound:
        raise Http404("没有找到该办件，或您无权查看。") from None
    except DomainError as e:
        return _refused(request, case, e, request.POST.get("material", ""))
    messages.success(request, f"已复用办件 {source.case.number} 的“{row.material}”。")
    return _back(request, case)


@login_required
@require_POST
def verify_view(request, pk):
    row = _row(pk)
    try:
        services.verify(case_material=row, actor=request.user, where="办件页面核验")
    except NotFound:
        raise Http404("没有找到该文件，或您无权查看。") from None
    except DomainError as e:
        return _refused(request, row.case, e, row.material)
    messages.success(request, f"已核验原件：“{row.material}” {row.file.filename}。")
    return _back(request, row.case)


@login_required
@require_GET
def file_view(request, pk, download=False):
    """The file itself, only for those who may open it (404 for anyone else); every opening is logged."""
    row = _row(pk)
    try:
        handle = services.open_for(case_material=row, user=request.user, download=download,
                                   where="网页下载" if download else "网页查看")
    except NotFound:
        raise Http404("没有找到该文件，或您无权查看。") from None
    response = FileResponse(handle, content_type=row.file.content_type, as_attachment=download,
                            filename=row.file.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    return response
