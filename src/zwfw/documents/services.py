"""Writers: load and edit templates (each version kept), number and issue documents on a case."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlencode

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from zwfw.cases.applicants import handles
from zwfw.cases.models import Case
from zwfw.errors import Conflict, DomainError, Forbidden, NotFound

from . import context, texts
from .models import DocumentSequence, DocumentTemplate, IssuedDocument, TemplateVersion

TEXTS_DIR = Path(__file__).resolve().parent / "texts"
FROM_FILE = "仓库模板文件"
FROM_ADMIN = "管理后台"
#: Who prints documents: the clerks and approvers who handle the case.
PRINTING_ROLES = ("comprehensive_clerk", "department_clerk", "approver")


# ---- templates --------------------------------------------------------------------------------

def sync_templates(*, directory: Path = TEXTS_DIR, force: bool = False, at: dt.datetime | None = None) -> list[tuple[str, str]]:
    """Load every ``*.txt`` template file: new kinds are created, changed files become a new version.

    A template staff have edited in the admin is left as they saved it unless ``force``.
    All files are checked before anything is written.
    """
    at = at or timezone.now()
    parsed = [texts.parse(path.read_text(encoding="utf-8"), source=path.name) for path in sorted(directory.glob("*.txt"))]
    kinds = [t.kind for t in parsed]
    doubled = sorted({k for k in kinds if kinds.count(k) > 1})
    if doubled:
        raise DomainError(f"多个模板文件使用了同一文书种类代码：{'、'.join(doubled)}。", code="template_kind", field="kind")
    report = []
    with transaction.atomic():
        for t in parsed:
            current = DocumentTemplate.objects.select_for_update().filter(kind=t.kind).first()
            if current is None:
                _save(DocumentTemplate(kind=t.kind, version=0), t, actor=None, source=FROM_FILE, at=at)
                report.append((t.kind, "新增"))
            elif _same(current, t):
                report.append((t.kind, "未变"))
            elif current.versions.order_by("-version").values_list("source", flat=True).first() != FROM_FILE and not force:
                report.append((t.kind, "已在管理后台修改，未覆盖"))
            else:
                _save(current, t, actor=None, source=FROM_FILE, at=at)
                report.append((t.kind, f"更新为第 {current.version} 版"))
    return report


def save_template(template: DocumentTemplate, *, actor, title: str, legal_basis: str, after: str, body: str,
                  at: dt.datetime | None = None) -> DocumentTemplate:
    """Staff's edit (the admin): checked like a file, kept as the next version."""
    body = (body or "").replace("\r\n", "\n").strip("\n")
    texts.check_body(body)
    if not (title or "").strip():
        raise DomainError("请填写文书名称。", code="template_title", field="title")
    if not (legal_basis or "").strip():
        raise DomainError("请填写法律依据。", code="template_legal_basis", field="legal_basis")
    events = tuple(a.strip() for a in (after or "").split(",") if a.strip())
    if not events:
        raise DomainError("请填写可出具的环节（办件事件代码，逗号分隔）。", code="template_after", field="after")
    value = texts.TemplateText(kind=template.kind, title=title.strip(), legal_basis=legal_basis.strip(),
                               after=events, body=body)
    with transaction.atomic():
        if template.pk:
            template = DocumentTemplate.objects.select_for_update().get(pk=template.pk)
        if template.pk and _same(template, value):
            return template
        return _save(template, value, actor=actor, source=FROM_ADMIN, at=at or timezone.now())


def _same(current: DocumentTemplate, t: texts.TemplateText) -> bool:
    return (current.title, current.legal_basis, current.after_events, current.body) == (
        t.title, t.legal_basis, list(t.after), t.body)


def _save(template: DocumentTemplate, t: texts.TemplateText, *, actor, source: str, at) -> DocumentTemplate:
    template.title, template.legal_basis, template.after, template.body = t.title, t.legal_basis, ", ".join(t.after), t.body
    template.version = (template.version or 0) + 1
    template.updated_at = at
    template.save()
    TemplateVersion.objects.create(template=template, version=template.version, title=t.title,
                                   legal_basis=t.legal_basis, after=template.after, body=t.body, saved_at=at,
                                   saved_by=actor, source=source)
    return template


# ---- numbering ----------------------------------------------------------------------------------

def next_serial(department, year: int) -> int:
    """The department's next document serial for ``year``; the row lock is held until the caller's
    transaction ends, so two clerks never get the same number."""
    rows = DocumentSequence.objects.filter(department=department, year=year)
    if not rows.update(last=F("last") + 1):
        try:
            with transaction.atomic():
                DocumentSequence.objects.create(department=department, year=year, last=1)
                return 1
        except IntegrityError:
            rows.update(last=F("last") + 1)
    return rows.values_list("last", flat=True).get()


# ---- issuing ------------------------------------------------------------------------------------

def may_print(user, case: Case) -> bool:
    return (getattr(user, "role", None) in PRINTING_ROLES and handles(user, case.applicant, case))


def ensure_may_print(user, case: Case) -> None:
    if not may_print(user, case):
        raise Forbidden("只有办理该办件的窗口人员和审批人员可以出具、打印文书。", code="documents_forbidden")


def track_url(base_url: str, case: Case) -> str:
    """The public tracking page, already asking for this case (the QR code on every document)."""
    return f"{base_url.rstrip('/')}/feedback/track/?{urlencode({'number': case.number, 'code': case.query_code})}"


def fitting(case: Case) -> list[DocumentTemplate]:
    """The templates that fit the case's history now (what the case page offers to print)."""
    events = context.case_events(case)
    return [t for t in DocumentTemplate.objects.order_by("id") if context.fits(t.after_events, events)]


def issue(case: Case, kind: str, *, actor, base_url: str, at: dt.datetime | None = None) -> IssuedDocument:
    """Number the document, fill its template from the case and freeze the text on the case."""
    ensure_may_print(actor, case)
    at = at or timezone.now()
    on = timezone.localdate(at)
    template = DocumentTemplate.objects.filter(kind=kind).first()
    if template is None:
        raise NotFound(f"没有“{kind}”这种文书模板，请先运行 zwfw documents sync。", code="template_missing", field="kind")
    if not context.fits(template.after_events, context.case_events(case)):
        raise Conflict(f"办件 {case.number} 当前不能出具{template.title}。", code="document_not_fitting", field="kind")
    department = case.department
    with transaction.atomic():
        serial = next_serial(department, on.year)
        number = texts.document_number(department.short_name or department.name, on.year, serial)
        url = track_url(base_url, case)
        values = context.values(case, legal_basis=template.legal_basis, doc_number=number,
                                track_url=url.split("?", 1)[0], on=on)
        version = template.versions.get(version=template.version)
        return IssuedDocument.objects.create(
            case=case, kind=kind, template_version=version, number=number, title=template.title,
            department=department.name, text=texts.fill(template.body, values), qr_url=url, issued_on=on,
            issued_at=at, issued_by=actor)


def reprint(document: IssuedDocument, *, actor) -> IssuedDocument:
    """Count a reprint of the frozen document (the text is never filled again)."""
    ensure_may_print(actor, document.case)
    IssuedDocument.objects.filter(pk=document.pk).update(printed=F("printed") + 1)
    document.refresh_from_db(fields=["printed"])
    return document
