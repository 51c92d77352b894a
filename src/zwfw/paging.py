"""Keyset pagination for the API's long lists: newest first by id, the next page after the last id seen.

``keyset_page(request, response, qs, limit=…, maximum=…)`` returns one page of ``qs`` and, when more rows
follow, sets ``X-Next-Cursor`` (the last id of this page) and ``Link: <…&cursor=…>; rel="next"``, as the
cases list does. Cost per page is the page: ``WHERE id < cursor ORDER BY id DESC LIMIT n`` walks the primary
key's index from the cursor, however long the table (no OFFSET, no count).
"""
from __future__ import annotations

from zwfw.errors import DomainError


def parse_cursor(cursor: str) -> int | None:
    cursor = (cursor or "").strip()
    if not cursor:
        return None
    if not cursor.isdigit() or len(cursor) > 18:
        raise DomainError("游标不正确，请使用上一页响应中的 X-Next-Cursor。", code="bad_cursor", field="cursor")
    return int(cursor)


def keyset_page(request, response, qs, *, limit: int, maximum: int, cursor: str = "") -> list:
    """One page (at most ``min(limit, maximum)`` rows) of ``qs`` newest first, after ``cursor``."""
    after = parse_cursor(cursor)
    size = max(1, min(limit, maximum))
    qs = qs.order_by("-id")
    if after is not None:
        qs = qs.filter(id__lt=after)
    page = list(qs[: size + 1])
    if len(page) > size:
        page = page[:size]
        nxt = str(page[-1].pk)
        response["X-Next-Cursor"] = nxt
        query = request.GET.copy()
        query["cursor"] = nxt
        response["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'
    return page
