"""Writers of the assessment. One transaction per command; bad input raises DomainError and writes nothing.

Only centre staff (ability ``score_windows``) enter, confirm or reject entries; a department
clerk can never change a score, not even its own window's.

Automatic proposals: other apps call ``propose_entry`` when something happens that the
rules score. It is idempotent per ``source_ref`` and a no-op (returns None) when no active
mapping or no matching rule exists. The calls are:

    hall      propose_entry(window.department, finding.round.date, "inspection_finding", f"hall.finding:{id}", text)
    hall      propose_entry(window.department, commendation.date, "commendation", f"hall.commendation:{id}", text)
    cases     propose_entry(case department, date it went overdue, "overdue_case", f"cases.case:{case_no}", text)
    feedback  propose_entry(rated department, rating date, "bad_rating", f"feedback.rating:{id}", text)
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from zwfw.accounts.scoping import ensure_may
from zwfw.errors import Conflict, DomainError, NotFound

from .models import Entry, Rule, RuleSet, SourceKind, SourceMapping


def month_start(on: dt.date) -> dt.date:
    return on.replace(day=1)


def parse_month(text: str) -> dt.date:
    """"2023-12" → 2023-12-01."""
    try:
        year, month = (int(p) for p in str(text).strip().split("-")[:2])
        return dt.date(year, month, 1)
    except (ValueError, TypeError) as exc:
        raise DomainError(f"月份“{text}”格式不正确，应为 YYYY-MM，如 2023-12", field="month") from exc


def ruleset_for(month: dt.date) -> RuleSet:
    """The rule set in force on the last day of ``month``'s first day (versions start on a date)."""
    rs = RuleSet.objects.filter(effective_from__lte=month_start(month)).order_by("-effective_from").first()
    if rs is None:
        rs = RuleSet.objects.filter(effective_from__lte=_month_end(month)).order_by("effective_from").first()
    if rs is None:
        raise NotFound(f"{month.year} 年 {month.month} 月没有施行的考核细则，请先在后台录入细则版本。", field="month")
    return rs


def _month_end(month: dt.date) -> dt.date:
    nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return nxt - dt.timedelta(days=1)


def _points(value, rule: Rule) -> Decimal:
    if value in (None, ""):
        return rule.points
    try:
        points = abs(Decimal(str(value)))
    except InvalidOperation as exc:
        raise DomainError(f"分值“{value}”不是数字", field="points") from exc
    if points == 0:
        raise DomainError("分值不能为 0", field="points")
    return points


def mapping_for(source_kind: str, detail: str = "") -> SourceMapping | None:
    """The active mapping of a source: the one whose 问题类别 appears in ``detail`` (the longest such), else
    the source's general mapping (blank 问题类别). Lateness maps to the lateness clause, a 感谢信 to its own."""
    mappings = list(SourceMapping.objects.filter(source_kind=source_kind, active=True))
    specific = [m for m in mappings if m.detail and m.detail in (detail or "")]
    if specific:
        return max(specific, key=lambda m: len(m.detail))
    return next((m for m in mappings if not m.detail), None)


def propose_entry(department, on_date: dt.date, source_kind: str, source_ref: str, evidence: str,
                  detail: str = "") -> Entry | None:
    """Propose an entry for an automatic source; staff confirm or reject it later.

    ``detail`` says which kind of finding it is (the inspection point, the form of a commendation)."""
    if not source_ref:
        raise DomainError("自动考核记录必须注明来源记录", field="source_ref")
    existing = Entry.objects.filter(source_ref=source_ref).first()
    if existing is not None:
        return existing
    mapping = mapping_for(source_kind, detail)
    if mapping is None or department is None:
        return None
    month = month_start(on_date)
    try:
        rule = ruleset_for(month).rules.filter(code=mapping.rule_code).first()
    except NotFound:
        return None
    if rule is None:
        return None
    try:
        with transaction.atomic():
            return Entry.objects.create(
                department=department, month=month, rule=rule, points=rule.points, date=on_date,
                evidence=evidence, status=Entry.PROPOSED, source_kind=source_kind, source_ref=source_ref)
    except IntegrityError:  # a concurrent proposal for the same source won
        return Entry.objects.get(source_ref=source_ref)


@transaction.atomic
def add_entry(user, *, department, month: dt.date, rule_code: str, on_date: dt.date, evidence: str,
              points=None) -> Entry:
    """A hand entry by centre staff: confirmed at once."""
    ensure_may(user, "score_windows")
    if department is None:
        raise DomainError("请选择部门窗口", field="department")
    month = month_start(month)
    if month_start(on_date) != month:
        raise DomainError(f"发生日期 {on_date:%Y-%m-%d} 不在考核月份 {month.year} 年 {month.month} 月内",
                          field="date")
    rule = ruleset_for(month).rules.filter(code=(rule_code or "").strip()).first()
    if rule is None:
        raise DomainError(f"该月施行的考核细则中没有条款“{rule_code}”", field="rule")
    if not (evidence or "").strip():
        raise DomainError("请填写考核依据", field="evidence")
    return Entry.objects.create(
        department=department, month=month, rule=rule, points=_points(points, rule), date=on_date,
        evidence=evidence.strip(), status=Entry.CONFIRMED, source_kind=SourceKind.MANUAL,
        entered_by=user, decided_by=user, decided_at=timezone.now())


def _pending(entry_id: int) -> Entry:
    entry = Entry.objects.select_for_update().filter(pk=entry_id).first()
    if entry is None:
        raise NotFound("没有这条考核记录", field="entry")
    if entry.status != Entry.PROPOSED:
        raise Conflict(f"这条考核记录已{entry.get_status_display()}，不能再处理", field="entry")
    return entry


@transaction.atomic
def confirm_entry(user, entry_id: int, points=None, rule_code: str | None = None) -> Entry:
    """Confirm a proposal, optionally under another clause of the month's rules (its points then follow
    that clause unless ``points`` is given)."""
    ensure_may(user, "score_windows")
    entry = _pending(entry_id)
    if rule_code not in (None, "") and rule_code.strip() != entry.rule.code:
        rule = ruleset_for(entry.month).rules.filter(code=rule_code.strip()).first()
        if rule is None:
            raise DomainError(f"该月施行的考核细则中没有条款“{rule_code}”", field="rule")
        entry.rule, entry.points = rule, rule.points
    entry.points = _points(points, entry.rule) if points not in (None, "") else entry.points
    entry.status, entry.decided_by, entry.decided_at = Entry.CONFIRMED, user, timezone.now()
    entry.save()
    return entry


@transaction.atomic
def confirm_entries(user, entry_ids: list[int]) -> list[Entry]:
    """Confirm several proposals at once, each under its proposed clause; all or nothing."""
    ensure_may(user, "score_windows")
    ids = sorted({int(i) for i in entry_ids})
    if not ids:
        raise DomainError("请至少选择一条待确认的考核建议", field="entries")
    return [confirm_entry(user, entry_id) for entry_id in ids]


@transaction.atomic
def reject_entry(user, entry_id: int, reason: str) -> Entry:
    ensure_may(user, "score_windows")
    entry = _pending(entry_id)
    if not (reason or "").strip():
        raise DomainError("请填写驳回理由", field="reason")
    entry.status, entry.decided_by, entry.decided_at = Entry.REJECTED, user, timezone.now()
    entry.reject_reason = reason.strip()
    entry.save()
    return entry
