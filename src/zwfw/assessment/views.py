"""Assessment pages: the month's table (everyone logged in), a window's own entries
(department users only their own), and for centre staff the entry form and proposals."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from zwfw.accounts.scoping import can, department_id_of, ensure_may, scope, staff_required, visible_departments
from zwfw.catalog.models import Department
from zwfw.errors import DomainError, Forbidden

from . import queries, scoring, services
from .excel import month_workbook
from .models import Entry


def _month(request) -> dt.date:
    text = (request.GET.get("month") or request.POST.get("month") or "").strip()
    if not text:
        today = timezone.localdate()
        return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)  # last month: the one being scored
    try:
        return services.parse_month(text)
    except DomainError:
        return timezone.localdate().replace(day=1)


def _forbidden(request, exc: DomainError):
    return render(request, "assessment/forbidden.html", {"message": exc.message}, status=exc.status)


@staff_required
def table(request):
    month = _month(request)
    attachment = queries.month_attachment(month)
    table = queries.month_table(month)
    visible = set(visible_departments(request.user).values_list("pk", flat=True))
    rows = [{"cells": cells, "department_id": r["department_id"], "mine": r["department_id"] in visible}
            for cells, r in zip(attachment["rows"], table)]
    return render(request, "assessment/table.html", {
        "month": month, "title": attachment["title"], "columns": attachment["columns"], "rows": rows,
        "may_score": can(request.user, "score_windows"), "own": department_id_of(request.user),
        "pending": Entry.objects.filter(status=Entry.PROPOSED).count() if can(request.user, "score_windows") else 0,
    })


@staff_required
def window_entries(request, department_id: int):
    department = scope(request.user, Department.objects.filter(pk=department_id), field="pk").first()
    if department is None:
        raise Http404("没有这个部门窗口，或您无权查看")
    month = _month(request)
    row = next((r for r in queries.month_table(month) if r["department_id"] == department.pk), None)
    return render(request, "assessment/window.html", {
        "department": department, "month": month, "row": row,
        "entries": queries.entries(month, department=department)})


@staff_required
def export(request):
    month = _month(request)
    response = HttpResponse(month_workbook(month),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="assessment-{month:%Y-%m}.xlsx"'
    return response


@staff_required
def new_entry(request):
    try:
        ensure_may(request.user, "score_windows")
    except Forbidden as exc:
        return _forbidden(request, exc)
    month = _month(request)
    context = {"month": month, "departments": Department.objects.filter(in_hall=True), "values": {}}
    try:
        context["rules"] = services.ruleset_for(month).rules.all()
    except DomainError as exc:
        context.update(rules=[], error=exc.message)
    if request.method == "POST":
        p = request.POST
        try:
            on = dt.date.fromisoformat(p.get("date", "").strip()) if p.get("date") else None
            if on is None:
                raise DomainError("请填写发生日期", field="date")
            entry = services.add_entry(
                request.user, department=Department.objects.filter(pk=p.get("department") or 0).first(),
                month=month, rule_code=p.get("rule", ""), on_date=on, evidence=p.get("evidence", ""),
                points=p.get("points") or None)
        except ValueError:
            context.update(error="发生日期格式不正确", field="date", values=p)
        except DomainError as exc:
            context.update(error=exc.message, field=exc.field, values=p)
        else:
            messages.success(request, f"已录入{entry.department.short_name or entry.department.name}"
                                      f" {entry.rule.get_kind_display()} {entry.points} 分。")
            return redirect(f"/assessment/?month={month:%Y-%m}")
    return render(request, "assessment/entry_form.html", context, status=400 if context.get("field") else 200)


@staff_required
def proposals(request):
    try:
        ensure_may(request.user, "score_windows")
    except Forbidden as exc:
        return _forbidden(request, exc)
    if request.method == "POST":
        try:
            action = request.POST.get("action")
            if action == "bulk":
                done = services.confirm_entries(request.user, request.POST.getlist("entries"))
                messages.success(request, f"已批量确认 {len(done)} 条考核建议，计入当月得分。")
            elif action == "reject":
                services.reject_entry(request.user, parse_int(request.POST.get("entry") or 0, "entry", "考核建议"),
                                      request.POST.get("reason", ""))
                messages.success(request, "已驳回该考核建议。")
            else:
                entry = services.confirm_entry(request.user, int(request.POST.get("entry") or 0),
                                               request.POST.get("points") or None, request.POST.get("rule") or None)
                messages.success(request, f"已按条款 {entry.rule.code} 确认该考核建议，计入当月得分。")
        except (ValueError, TypeError):
            messages.error(request, "请选择要处理的考核建议。")
        except DomainError as exc:
            messages.error(request, exc.message)
        return redirect("/assessment/proposals/")
    entries = list(queries.entries(status=Entry.PROPOSED))
    clauses: dict = {}
    for e in entries:  # the clauses of the month's rules, to confirm under another one
        if e.month not in clauses:
            try:
                clauses[e.month] = list(services.ruleset_for(e.month).rules.order_by("kind", "code"))
            except DomainError:
                clauses[e.month] = [e.rule]
        e.clauses = clauses[e.month]
        e.signed = scoring.points_text(-e.points if e.rule.kind == e.rule.DEDUCTION else e.points)
    return render(request, "assessment/proposals.html", {"entries": entries})
