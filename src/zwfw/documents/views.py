"""Printing pages: issue a document from a case, show and reprint it, print a licence. Thin."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from zwfw.cases.queries import case_for
from zwfw.errors import DomainError, Forbidden, NotFound
from zwfw.licences.models import Licence

from . import printouts, render as renderer, services
from .texts import paragraphs
from .models import IssuedDocument

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _file(printout, fmt: str, filename: str) -> HttpResponse:
    try:
        data = renderer.render_pdf(printout) if fmt == "pdf" else renderer.render_docx(printout)
    except DomainError as exc:  # LibreOffice missing or failing: say so, never a 500
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{filename}.{fmt}"
    return response


@login_required
@require_POST
def issue_view(request, number, kind):
    try:
        case = case_for(request.user, number)
    except NotFound as exc:
        raise Http404(exc.message) from None
    try:
        document = services.issue(case, kind, actor=request.user, base_url=_base_url(request))
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("cases:case", number=case.number)
    messages.success(request, f"已出具{document.title}，文号 {document.number}。")
    return redirect("documents:document", pk=document.pk)


def _document(request, pk) -> IssuedDocument:
    document = get_object_or_404(IssuedDocument.objects.select_related("case__applicant", "issued_by"), pk=pk)
    try:
        case_for(request.user, document.case.number)
    except NotFound:
        raise Http404("没有找到该文书，或您无权查看。") from None
    if not services.may_print(request.user, document.case):
        raise PermissionDenied("只有办理该办件的窗口人员和审批人员可以查看、打印文书。")
    return document


@login_required
def document_view(request, pk):
    document = _document(request, pk)
    return render(request, "documents/document.html", {"d": document,
                                                        "paragraphs": paragraphs(document.text)})


@login_required
def document_file(request, pk, fmt):
    document = services.reprint(_document(request, pk), actor=request.user)
    return _file(printouts.document_printout(document), fmt, document.number)


@login_required
def licence_file(request, pk, fmt):
    licence = get_object_or_404(Licence.objects.select_related("kind", "holder", "issuer", "case__item"), pk=pk)
    try:
        printout = printouts.licence_printout(licence, base_url=_base_url(request), actor=request.user)
    except Forbidden as exc:
        raise PermissionDenied(exc.message) from None
    return _file(printout, fmt, f"{licence.kind.name}-{licence.serial:06d}")
