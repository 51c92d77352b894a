"""File names of briefing downloads."""
from __future__ import annotations

from urllib.parse import quote

from .models import Issue


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
