"""Composing, editing and publishing an issue of the weekly briefing.

An issue is composed from its layout and the week's data on demand, so a draft
always shows the current figures; the editor's text for any paragraph is kept
beside the generated text (``Issue.edits``). Publishing numbers the issue, freezes
the composed Briefing as JSON and stamps the issue date: a published issue is
rendered from its frozen JSON and never changes.
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zwfw.accounts import roles
from zwfw.errors import Conflict, DomainError, Forbidden, NotFound

from . import news
from .compose import compose
from .document import Briefing, Distribution, Header
from .layouts import BUILT_IN, DEFAULTS, SectionSpec
from .models import Issue, Template
from .sources import gather


def _ensure_editor(user) -> None:
    """Centre staff edit and publish; ``None`` is the operator's command line."""
    if user is None:
        return
    if not roles.may(getattr(user, "role", None), "publish_briefing", getattr(user, "is_superuser", False)):
        raise Forbidden("只有政务平台服务处人员可以编辑和发布窗口工作周报。")


def sections_of(template: Template) -> list[SectionSpec]:
    return [SectionSpec(s.kind, s.heading, s.level, dict(s.options or {})) for s in template.sections.order_by("position")]


def ensure_built_in_templates() -> None:
    """Create the three built-in layouts if they are missing (never overwrites staff edits)."""
    for code, (name, layout) in BUILT_IN.items():
        d = DEFAULTS[code]
        template, created = Template.objects.get_or_create(code=code, defaults={
            "name": name, "built_in": True, "issue_line_first": d.issue_line_first, "section_title": d.section_title,
            "report_to": d.report_to, "send_to": d.send_to, "issue_to": d.issue_to, "print_run": d.print_run})
        if created:
            for position, spec in enumerate(layout, start=1):
                template.sections.create(position=position, kind=spec.kind, heading=spec.heading,
                                         level=spec.level, options=spec.options)


def _distribution(issue: Issue) -> Distribution:
    return Distribution(report_to=issue.report_to, send_to=issue.send_to, issue_to=issue.issue_to,
                        print_run=issue.print_run)


def header_of(issue: Issue) -> Header:
    """The 版头: the issue's numbers and dates in its layout's order and with its section title."""
    layout = {}
    if issue.template_id:
        layout = {"issue_line_first": issue.template.issue_line_first, "section_title": issue.template.section_title}
    return Header(year=issue.year, number=issue.number, total=issue.total, issue_date=issue.published_on,
                  period_start=issue.period_start, period_end=issue.period_end, **layout)


def build(issue: Issue) -> tuple[Briefing, dict[str, str]]:
    """The issue as it reads now: frozen if published, else freshly composed with the edits."""
    if issue.status == Issue.Status.PUBLISHED and issue.document:
        return Briefing.from_dict(issue.document), dict(issue.generated or {})
    if issue.template_id is None:
        raise DomainError("该期周报未选择版式，无法生成。", field="template")
    sections = sections_of(issue.template)
    data = gather(issue.period_start, issue.period_end, sections, distribution=_distribution(issue),
                  news=news.accepted_news(issue.period_start, issue.period_end))
    return compose(header_of(issue), sections, data, edits=issue.edits or {})


def figures_of(briefing: Briefing) -> dict:
    """The figures as printed, in the importer's shape, so published and imported issues form one history."""
    from .importer import parse_text
    from .render.text import render_text

    try:
        figures = parse_text(render_text(briefing)).to_json()
    except DomainError:
        return {}
    # The later wording prints the as-of date without its year ("今年以来（截至 5 月 12 日）"): it is the period's end.
    provincial, end = figures.get("provincial_ytd"), briefing.header.period_end
    if provincial and end and provincial.get("as_of") in (None, f"--{end:%m-%d}"):
        provincial["as_of"] = end.isoformat()
    return figures


@transaction.atomic
def create_draft(user, *, period_start: dt.date, period_end: dt.date, template_code: str) -> Issue:
    _ensure_editor(user)
    if period_end < period_start:
        raise DomainError("统计周期的结束日期不能早于开始日期。", field="period_end")
    try:
        template = Template.objects.get(code=template_code)
    except Template.DoesNotExist:
        raise NotFound(f"版式“{template_code}”不存在。", field="template") from None
    if Issue.objects.filter(period_start=period_start, status__in=[Issue.Status.DRAFT, Issue.Status.PUBLISHED]).exists():
        raise Conflict(f"{period_start:%Y-%m-%d} 开始的这一周已有周报。", field="period_start")
    # The 版记 starts from the layout's distribution and print run; the editor may change them per issue.
    return Issue.objects.create(year=period_end.year, period_start=period_start, period_end=period_end,
                                status=Issue.Status.DRAFT, template=template, report_to=template.report_to,
                                send_to=template.send_to, issue_to=template.issue_to, print_run=template.print_run)


def _draft(issue_id: int) -> Issue:
    try:
        issue = Issue.objects.select_for_update().get(pk=issue_id)
    except Issue.DoesNotExist:
        raise NotFound("该期周报不存在。") from None
    if issue.status != Issue.Status.DRAFT:
        raise Conflict("该期周报已发布，内容不能再修改。")
    return issue


@transaction.atomic
def save_edit(user, issue_id: int, key: str, text: str) -> Issue:
    """Keep the editor's text for paragraph ``key``; an empty text restores the generated one."""
    _ensure_editor(user)
    issue = _draft(issue_id)
    _, generated = build(issue)
    if key not in generated:
        raise DomainError("要修改的段落不存在，请刷新页面后重试。", field="key")
    edits = dict(issue.edits or {})
    text = (text or "").strip()
    if text and text != generated[key]:
        edits[key] = text
    else:
        edits.pop(key, None)
    issue.edits = edits
    issue.save(update_fields=["edits", "updated"])
    return issue


@transaction.atomic
def set_distribution(user, issue_id: int, *, report_to: str, send_to: str, issue_to: str, print_run: int) -> Issue:
    _ensure_editor(user)
    issue = _draft(issue_id)
    if print_run is not None and not 0 < int(print_run) <= 10000:
        raise DomainError("印数应为 1 到 10000 之间的整数。", field="print_run")
    fields = {"report_to": report_to, "send_to": send_to, "issue_to": issue_to}
    for name, value in fields.items():
        limit = Issue._meta.get_field(name).max_length
        if len((value or "").strip()) > limit:
            raise DomainError(f"“{Issue._meta.get_field(name).verbose_name}”不能超过 {limit} 个字。", field=name)
    issue.report_to, issue.send_to, issue.issue_to = ((v or "").strip() for v in fields.values())
    issue.print_run = print_run
    issue.save()
    return issue


def prospective_number(issue: Issue) -> tuple[int, int] | None:
    """The yearly number and total a draft would take if published now (None when skipped)."""
    from .services import number_for

    if issue.skipped or issue.status != Issue.Status.DRAFT:
        return None
    return number_for(issue)


@transaction.atomic
def skip(user, issue_id: int) -> Issue:
    """Mark a draft's week as 停刊 (Spring Festival, National Day): it takes no number."""
    _ensure_editor(user)
    issue = _draft(issue_id)
    issue.skipped, issue.number, issue.total = True, None, None
    issue.save(update_fields=["skipped", "number", "total", "updated"])
    return issue


@transaction.atomic
def publish(user, issue_id: int, *, on: dt.date | None = None) -> Issue:
    """Number the issue, stamp its date, and freeze its text and figures."""
    _ensure_editor(user)
    from .services import check_publishing_order, number_for

    issue = _draft(issue_id)
    if issue.skipped:
        raise Conflict("该周已标记为停刊，不出周报。", field="issue")
    check_publishing_order(issue)
    issue.number, issue.total = number_for(issue)
    issue.published_on = on or timezone.localdate()
    briefing, generated = build(issue)
    issue.document = briefing.to_dict()
    issue.figures = figures_of(briefing)
    issue.generated = generated
    issue.status = Issue.Status.PUBLISHED
    issue.save()
    return issue
