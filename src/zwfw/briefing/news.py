"""Window news (窗口工作动态): department windows submit items for a week under a theme;
centre staff edit, order, accept or return them. Accepted items are numbered within
their theme when the briefing is composed."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from zwfw.accounts import roles
from zwfw.accounts.scoping import ensure_can_act, scope
from zwfw.errors import DomainError, Forbidden, NotFound

from .models import NewsItem

def _ensure_centre(user) -> None:
    if not roles.may(getattr(user, "role", None), "publish_briefing", getattr(user, "is_superuser", False)):
        raise Forbidden("只有政务平台服务处人员可以编辑、采用或退回窗口动态。")


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The briefing week an item submitted for ``day`` belongs to (the issue's period)."""
    from .weeks import week_of as briefing_week

    return briefing_week(day)


@transaction.atomic
def submit(user, *, department, day: dt.date, theme: str, text: str) -> NewsItem:
    """A window submits a news item for the week containing ``day``."""
    ensure_can_act(user, department)
    text, theme = (text or "").strip(), (theme or "").strip()
    if len(text) < 20:
        raise DomainError("动态内容过短，请写明时间、部门、做法和成效（至少 20 个字）。", field="text")
    if not theme:
        raise DomainError("请选择动态所属主题。", field="theme")
    start, end = week_of(day)
    return NewsItem.objects.create(period_start=start, period_end=end, department=department, theme=theme,
                                   text=text, original_text=text, submitted_by=user, submitted_at=timezone.now())


def _item(item_id: int) -> NewsItem:
    try:
        return NewsItem.objects.select_for_update().get(pk=item_id)
    except NewsItem.DoesNotExist:
        raise NotFound("窗口动态不存在或已被删除。") from None


@transaction.atomic
def edit(user, item_id: int, *, text: str, theme: str | None = None) -> NewsItem:
    _ensure_centre(user)
    item = _item(item_id)
    if not (text or "").strip():
        raise DomainError("动态内容不能为空。", field="text")
    item.text = text.strip()
    if theme:
        item.theme = theme.strip()
    item.save(update_fields=["text", "theme"])
    return item


@transaction.atomic
def accept(user, item_id: int) -> NewsItem:
    _ensure_centre(user)
    item = _item(item_id)
    last = (NewsItem.objects.filter(period_start=item.period_start, theme=item.theme, status=NewsItem.ACCEPTED)
            .aggregate(m=Max("position"))["m"] or 0)
    item.status, item.position, item.reviewed_by, item.return_reason = NewsItem.ACCEPTED, last + 1, user, ""
    item.save(update_fields=["status", "position", "reviewed_by", "return_reason"])
    return item


@transaction.atomic
def return_item(user, item_id: int, *, reason: str) -> NewsItem:
    _ensure_centre(user)
    if not (reason or "").strip():
        raise DomainError("退回时请写明退回理由，便于窗口修改。", field="reason")
    item = _item(item_id)
    item.status, item.return_reason, item.reviewed_by, item.position = NewsItem.RETURNED, reason.strip(), user, 0
    item.save(update_fields=["status", "return_reason", "reviewed_by", "position"])
    return item


@transaction.atomic
def move(user, item_id: int, *, up: bool) -> NewsItem:
    """Swap an accepted item with its neighbour within the theme."""
    _ensure_centre(user)
    item = _item(item_id)
    if item.status != NewsItem.ACCEPTED:
        raise DomainError("只有已采用的动态可以调整顺序。")
    siblings = NewsItem.objects.filter(period_start=item.period_start, theme=item.theme, status=NewsItem.ACCEPTED)
    other = (siblings.filter(position__lt=item.position).order_by("-position") if up
             else siblings.filter(position__gt=item.position).order_by("position")).first()
    if other:
        item.position, other.position = other.position, item.position
        item.save(update_fields=["position"])
        other.save(update_fields=["position"])
    return item


def visible(user, start: dt.date):
    """The week's items the user may see: centre staff all, a window its own."""
    return scope(user, NewsItem.objects.filter(period_start=start), field="department").select_related("department")


def accepted_news(start: dt.date, end: dt.date | None = None) -> dict[str, list[str]]:
    """{theme: [text, …]} of the accepted items of the week start..end (items whose week overlaps it),
    in their order."""
    items = NewsItem.objects.filter(period_start__lte=end or start, period_end__gte=start, status=NewsItem.ACCEPTED)
    out: dict[str, list[str]] = {}
    for item in items.order_by("theme", "position", "period_start", "id"):
        out.setdefault(item.theme, []).append(item.text)
    return out
