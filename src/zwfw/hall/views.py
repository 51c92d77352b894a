"""Hall pages: the week (inspections, visits, commendations, campaigns, policy adjustments),
and a phone-friendly form for recording an inspection round while walking the hall."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from zwfw.accounts.scoping import can, staff_required
from zwfw.cn import chinese_date, heading_number, period_text
from zwfw.errors import DomainError

from . import queries, services
from .models import Finding, InspectionPoint, Window

MAX_FINDINGS = 30


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The briefing week holding ``day``: the issue's period, else the calendar's working week
    (a round on a make-up Saturday counts in its week)."""
    from zwfw.briefing.weeks import week_of as briefing_week

    return briefing_week(day)


def _date(text: str | None, default: dt.date | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return default


@staff_required
def week(request):
    day = _date(request.GET.get("date"), timezone.localdate())
    start, end = week_of(day)
    inspection = queries.inspection_week(start, end)
    for i, reading in enumerate(inspection):
        reading["number"] = heading_number(2, i + 1)
    return render(request, "hall/week.html", {
        "start": start, "end": end, "period": period_text(start, end),
        "previous": start - dt.timedelta(days=7), "next": start + dt.timedelta(days=7),
        "inspection": inspection,
        "visits": queries.visits_week(start, end),
        "commendations": queries.commendations_week(start, end),
        "campaigns": queries.campaign_progress(start, end),
        "policies": queries.policy_adjustments(start, end),
        "may_inspect": can(request.user, "inspect_hall"),
    })


def _findings_from(post, files) -> list[dict]:
    """Rows f-<i>-point / f-<i>-window / f-<i>-description / f-<i>-photo; empty rows are skipped."""
    rows = []
    for i in range(MAX_FINDINGS):
        get = lambda name: (post.get(f"f-{i}-{name}") or "").strip()  # noqa: E731
        photo = files.get(f"f-{i}-photo")
        if not (get("description") or photo):
            continue
        rows.append({"point": get("point"), "window": get("window"), "description": get("description"),
                     "photo": photo})
    return rows


@staff_required
def new_round(request):
    today = timezone.localdate()
    context = {"error": None, "field": None, "values": {}}
    if request.method == "POST":
        on = _date(request.POST.get("date"), None)
        try:
            if on is None:
                raise DomainError("巡查日期格式不正确", field="date")
            services.record_round(request.user, date=on, inspector=request.POST.get("inspector", ""),
                                  findings=_findings_from(request.POST, request.FILES))
        except DomainError as exc:
            context.update(error=exc.message, field=exc.field, values=request.POST, status=exc.status)
        else:
            messages.success(request, f"已保存 {chinese_date(on)} 的巡查记录。")
            return redirect(f"/hall/?date={on.isoformat()}")
    elif not can(request.user, "inspect_hall"):
        context.update(error="只有政务平台服务处人员可以录入大厅巡查。", status=403)
    on = _date(context["values"].get("date") if context["values"] else None, today)
    context.update(
        today=on or today, inspector=(context["values"] or {}).get("inspector") or str(request.user),
        points=InspectionPoint.objects.active_between(on or today, on or today),
        windows=_with_duty(on or today),
        rows=_rows_back(context["values"]),
    )
    return render(request, "hall/round_form.html", context, status=context.pop("status", 200))


def _with_duty(on: dt.date) -> list[Window]:
    """The active windows, each with the names on duty that day (``on_duty``), for checking 按时到岗."""
    names: dict[int, list[str]] = {}
    for duty in queries.on_duty(on):
        names.setdefault(duty.window_id, []).append(duty.staff_name)
    windows = list(Window.objects.filter(active=True).select_related("department"))
    for w in windows:
        w.on_duty = "、".join(names.get(w.pk, []))
    return windows


def _rows_back(post) -> list[dict]:
    """The rows typed before an error, so nothing has to be typed again (photos must be picked again)."""
    rows = [{"point": post.get(f"f-{i}-point", ""), "window": post.get(f"f-{i}-window", ""),
             "description": post.get(f"f-{i}-description", "")}
            for i in range(MAX_FINDINGS) if post and post.get(f"f-{i}-description")]
    return rows or [{"point": "", "window": "", "description": ""}]


@staff_required
def finding_photo(request, pk: int):
    finding = Finding.objects.filter(pk=pk).first()
    if finding is None or not finding.photo:
        raise Http404("没有这张照片")
    return FileResponse(finding.photo.open("rb"))
