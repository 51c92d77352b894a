"""Correcting a published issue without touching it: an erratum (更正) printed on its own, or a
re-issue (重新印发) of the corrected text. The published issue's frozen document never changes;
each correction records who made it, when and why.
"""
from __future__ import annotations

from dataclasses import replace

from django.db import transaction
from django.utils import timezone

from zwfw.cn import chinese_date
from zwfw.errors import Conflict, DomainError, NotFound

from .document import Briefing, Paragraph
from .editorial import _ensure_editor
from .models import Correction, Issue

REASON_MAX = Correction._meta.get_field("reason").max_length


def _published(issue_id: int) -> Issue:
    try:
        issue = Issue.objects.select_for_update().get(pk=issue_id)
    except Issue.DoesNotExist:
        raise NotFound("该期周报不存在。") from None
    if issue.status != Issue.Status.PUBLISHED or not issue.document:
        raise Conflict("只有已发布的周报才能更正；草稿请直接修改。")
    return issue


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请写明更正原因。", field="reason")
    if len(reason) > REASON_MAX:
        raise DomainError(f"更正原因不能超过 {REASON_MAX} 个字。", field="reason")
    return reason


def paragraphs_of(issue: Issue) -> list[str]:
    """The published issue's body paragraphs in order (lead and text), as a re-issue numbers them."""
    briefing = Briefing.from_dict(issue.document)
    return [b.lead + b.text for b in briefing.blocks if isinstance(b, Paragraph)]


@transaction.atomic
def add_erratum(user, issue_id: int, *, reason: str, text: str) -> Correction:
    """An erratum: where the published issue is wrong and what it should say."""
    _ensure_editor(user)
    issue = _published(issue_id)
    reason = _reason(reason)
    text = (text or "").strip()
    if not text:
        raise DomainError("请写明更正内容，如：第 2 页“受理 342 件”应为“受理 352 件”。", field="text")
    return Correction.objects.create(issue=issue, kind=Correction.Kind.ERRATUM, reason=reason, text=text,
                                     created_by=user)


@transaction.atomic
def reissue(user, issue_id: int, *, reason: str, paragraphs: dict[int, str]) -> Correction:
    """A re-issue: the published text with the given body paragraphs (numbered from 1 as
    paragraphs_of lists them) replaced, frozen as a new document beside the original."""
    _ensure_editor(user)
    issue = _published(issue_id)
    reason = _reason(reason)
    original = Briefing.from_dict(issue.document)
    body = [i for i, b in enumerate(original.blocks) if isinstance(b, Paragraph)]
    changes = {n: (t or "").strip() for n, t in paragraphs.items()}
    if not changes:
        raise DomainError("重新印发至少要修改一段文字。", field="paragraphs")
    blocks = list(original.blocks)
    for n, text in changes.items():
        if not 1 <= n <= len(body):
            raise DomainError(f"第 {n} 段不存在（本期正文共 {len(body)} 段）。", field="paragraphs")
        if not text:
            raise DomainError(f"第 {n} 段的新文字不能为空。", field="paragraphs")
        old = blocks[body[n - 1]]
        text = text[len(old.lead):] if old.lead and text.startswith(old.lead) else text
        blocks[body[n - 1]] = replace(old, text=text, source="edited")
    if tuple(blocks) == original.blocks:
        raise DomainError("修改后的文字与原文相同，无需重新印发。", field="paragraphs")
    return Correction.objects.create(issue=issue, kind=Correction.Kind.REISSUE, reason=reason,
                                     document=replace(original, blocks=tuple(blocks)).to_dict(), created_by=user)


def build(correction: Correction) -> Briefing:
    """What a correction prints.

    An erratum: the original's 版头 dated today with "更正" as its title and one paragraph naming
    the issue and the correction, and the original's 版记. A re-issue: the corrected issue, with a
    line under the period saying it replaces the one first printed."""
    issue = correction.issue
    original = Briefing.from_dict(issue.document)
    h = original.header
    printed = chinese_date(issue.published_on) if issue.published_on else ""
    if correction.kind == Correction.Kind.REISSUE:
        corrected = Briefing.from_dict(correction.document)
        note = f"（本期重新印发，{printed}印发的同期作废）" if printed else "（本期重新印发，原印发的同期作废）"
        return replace(corrected, header=replace(corrected.header, note=note))
    on = timezone.localtime(correction.created).date()
    text = correction.text if correction.text.endswith("。") else correction.text + "。"
    sentence = f"{printed}印发的《{h.title}》{h.issue_line}中，{text}特此更正。"
    header = replace(h, issue_date=on, section_title="更正")
    return Briefing(header=header, blocks=(Paragraph(sentence),), attachments=(), distribution=original.distribution)
