"""Pages of the weekly briefing: issue list, the editor, downloads, the news desk."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zwfw.accounts.scoping import staff_required
from zwfw.catalog.queries import indicator_rows
from zwfw.errors import DomainError
from zwfw.inputs import parse_int

from . import corrections, editorial, news
from .layouts import SECTION_KINDS
from .models import Correction, Issue, NewsItem, Template
from .render import MEDIA_TYPES, render as render_briefing
from .render.html import render_html

THEMES = ["优化营商环境工作开展情况", "窗口服务效能提升工作情况", "政务工作动态"]


def _is_editor(user) -> bool:
    return user.is_superuser or getattr(user, "role", None) == "centre_staff"


def _issue(pk: int) -> Issue:
    try:
        return Issue.objects.select_related("template").get(pk=pk)
    except Issue.DoesNotExist:
        raise Http404("该期周报不存在") from None


def _date(value: str, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DomainError(f"{label}格式不正确，应为 2026-11-20 这样的日期。") from None


@staff_required
def issue_list(request):
    editorial.ensure_built_in_templates()
    today = dt.date.today()
    start, end = news.week_of(today - dt.timedelta(days=7))
    return render(request, "briefing/issue_list.html", {
        "issues": Issue.objects.order_by("-period_start", "-id")[:60],
        "templates": Template.objects.order_by("code"),
        "default_start": start, "default_end": end, "is_editor": _is_editor(request.user),
    })


@staff_required
@require_POST
def issue_create(request):
    try:
        issue = editorial.create_draft(
            request.user, period_start=_date(request.POST.get("period_start"), "开始日期"),
            period_end=_date(request.POST.get("period_end"), "结束日期"), template_code=request.POST.get("template", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("briefing:list")
    messages.success(request, "已生成周报草稿，可逐段修改后发布。")
    return redirect("briefing:edit", pk=issue.pk)


@staff_required
def issue_edit(request, pk: int):
    issue = _issue(pk)
    try:
        briefing, generated = editorial.build(issue)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("briefing:list")
    edits = issue.edits or {}
    labels = {}
    if issue.template_id:
        for n, spec in enumerate(editorial.sections_of(issue.template), start=1):
            labels[f"s{n}"] = spec.heading or SECTION_KINDS[spec.kind]
    paragraphs = [{"key": k, "generated": g, "text": edits.get(k, g), "edited": k in edits,
                   "section": labels.get(k.split(".")[0], "")} for k, g in generated.items()]
    return render(request, "briefing/issue_edit.html", {
        "issue": issue, "preview": render_html(briefing, standalone=False), "paragraphs": paragraphs,
        "editable": issue.status == Issue.Status.DRAFT and _is_editor(request.user), "formats": ["docx", "pdf", "html", "txt"],
        "section_kinds": SECTION_KINDS,
        "prospective": editorial.prospective_number(issue),
        "corrections": issue.corrections.select_related("created_by"),
        "can_correct": issue.status == Issue.Status.PUBLISHED and bool(issue.document) and _is_editor(request.user),
        "body_paragraphs": corrections.paragraphs_of(issue) if issue.status == Issue.Status.PUBLISHED
        and issue.document else [],
    })


@staff_required
@require_POST
def issue_save(request, pk: int):
    try:
        for key in request.POST.getlist("key"):
            editorial.save_edit(request.user, pk, key, request.POST.get(f"text-{key}", ""))
        messages.success(request, "修改已保存，生成的原文仍保留可对照。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("briefing:edit", pk=pk)


@staff_required
@require_POST
def issue_distribution(request, pk: int):
    """The issue's own 报/送/发 and print run (the layout's are the defaults)."""
    try:
        raw = (request.POST.get("print_run") or "").strip()
        if raw and not raw.isdigit():
            raise DomainError("印数应为 1 到 10000 之间的整数。", field="print_run")
        editorial.set_distribution(request.user, pk, report_to=request.POST.get("report_to", ""),
                                   send_to=request.POST.get("send_to", ""), issue_to=request.POST.get("issue_to", ""),
                                   print_run=int(raw) if raw else None)
        messages.success(request, "版记已保存。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("briefing:edit", pk=pk)


@staff_required
@require_POST
def issue_publish(request, pk: int):
    try:
        issue = editorial.publish(request.user, pk)
        messages.success(request, f"已发布：{issue.year} 年第 {issue.number} 期（总第 {issue.total} 期）。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("briefing:edit", pk=pk)


@staff_required
@require_POST
def issue_skip(request, pk: int):
    try:
        editorial.skip(request.user, pk)
        messages.success(request, "已标记为停刊：本周不出周报，不占期号。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("briefing:edit", pk=pk)


@staff_required
def issue_download(request, pk: int, fmt: str):
    issue = _issue(pk)
    if fmt not in MEDIA_TYPES:
        raise Http404("不支持的格式")
    try:
        briefing, _ = editorial.build(issue)
        content = render_briefing(briefing, fmt)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("briefing:edit", pk=pk)
    response = HttpResponse(content, content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(issue, fmt)
    return response


@staff_required
@require_POST
def issue_erratum(request, pk: int):
    try:
        corrections.add_erratum(request.user, pk, reason=request.POST.get("reason", ""),
                                text=request.POST.get("text", ""))
        messages.success(request, "已记录更正，可下载更正件印发；原件保持不变。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("briefing:edit", pk=pk)


@staff_required
@require_POST
def issue_reissue(request, pk: int):
    issue = _issue(pk)
    try:
        if issue.status != Issue.Status.PUBLISHED or not issue.document:
            raise DomainError("只有已发布的周报才能更正；草稿请直接修改。")
        original = corrections.paragraphs_of(issue)
        changed = {n: request.POST[f"text-{n}"] for n in range(1, len(original) + 1)
                   if f"text-{n}" in request.POST and request.POST[f"text-{n}"].strip() != original[n - 1]}
        corrections.reissue(request.user, pk, reason=request.POST.get("reason", ""), paragraphs=changed)
        messages.success(request, "已生成重新印发件；原件冻结保留。")
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("briefing:edit", pk=pk)


@staff_required
def correction_download(request, cid: int, fmt: str):
    correction = Correction.objects.select_related("issue").filter(pk=cid).first()
    if correction is None or fmt not in MEDIA_TYPES:
        raise Http404("该更正不存在")
    try:
        content = render_briefing(corrections.build(correction), fmt)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("briefing:edit", pk=correction.issue_id)
    response = HttpResponse(content, content_type=MEDIA_TYPES[fmt])
    label = {"erratum": ("更正", "erratum"), "reissue": ("重新印发", "reissue")}[correction.kind]
    response["Content-Disposition"] = content_disposition(correction.issue, fmt, suffix=label)
    return response


def content_disposition(issue: Issue, fmt: str, *, suffix: tuple[str, str] = ("", "")) -> str:
    """An attachment named in Chinese (RFC 5987 ``filename*``) with an ASCII ``filename`` for old clients:
    "窗口工作周报-2026年第44期.pdf" / "briefing-2026-44.pdf"; a draft by its week."""
    if issue.number:
        name, ascii_name = f"窗口工作周报-{issue.year}年第{issue.number}期", f"briefing-{issue.year}-{issue.number:02d}"
    else:
        name, ascii_name = f"窗口工作周报-草稿-{issue.period_start:%Y%m%d}", f"briefing-draft-{issue.period_start:%Y%m%d}"
    if suffix[0]:
        name, ascii_name = f"{name}-{suffix[0]}", f"{ascii_name}-{suffix[1]}"
    return f"attachment; filename=\"{ascii_name}.{fmt}\"; filename*=UTF-8''{quote(f'{name}.{fmt}', safe='')}"


@staff_required
def news_desk(request):
    day = request.GET.get("week")
    try:
        start, end = news.week_of(_date(day, "周次") if day else dt.date.today())
    except DomainError as exc:
        messages.error(request, exc.message)
        start, end = news.week_of(dt.date.today())
    if request.method == "POST":
        try:
            action = request.POST.get("action", "submit")
            item_id = parse_int(request.POST.get("item") or 0, "item", "窗口动态")
            if action == "submit":
                department = request.user.department
                if department is None:
                    raise DomainError("只有部门窗口人员可以报送窗口动态。")
                news.submit(request.user, department=department, day=start, theme=request.POST.get("theme", ""),
                            text=request.POST.get("text", ""))
                messages.success(request, "动态已报送，等待政务平台服务处审核。")
            elif action == "accept":
                news.accept(request.user, item_id)
                messages.success(request, "已采用。")
            elif action == "return":
                news.return_item(request.user, item_id, reason=request.POST.get("reason", ""))
                messages.success(request, "已退回窗口修改。")
            elif action == "edit":
                news.edit(request.user, item_id, text=request.POST.get("text", ""), theme=request.POST.get("theme"))
                messages.success(request, "已保存修改。")
            elif action in ("up", "down"):
                news.move(request.user, item_id, up=action == "up")
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect(f"{request.path}?week={start.isoformat()}")
    items = news.visible(request.user, start).order_by("theme", "status", "position", "id")
    return render(request, "briefing/news_desk.html", {
        "start": start, "end": end, "items": items, "themes": THEMES, "is_editor": _is_editor(request.user),
        "can_submit": request.user.department_id is not None,
        "prev_week": start - dt.timedelta(days=7), "next_week": start + dt.timedelta(days=7),
        "statuses": dict(NewsItem.STATUS_CHOICES),
        # Figures a news item may quote (承诺办结时间提速达 …): the window's own, or every window's for editors.
        "indicators": indicator_rows(end, department=None if _is_editor(request.user) else request.user.department)
        if (_is_editor(request.user) or request.user.department_id) else [],
    })
