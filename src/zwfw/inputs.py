"""Bounds on what people and programs may send: one rule for every API operation, form and import.

- ``check_value(value, field)``: no NUL character in any text, no text longer than ``MAX_TEXT``, no integer
  outside what the database stores, no date outside ``MIN_YEAR``–``MAX_YEAR``, no UTC offset beyond ±14 hours.
  The API applies it to every operation's validated arguments (``guard_operation``).
- ``guard_model_text``: before any row of zwfw's own models is saved, its text fits the column
  (``max_length``) and holds no NUL, whichever way it came in (page, API, command, import).

Each refusal is a ``DomainError`` with the field at fault and a Chinese message; nothing is written.
"""
from __future__ import annotations

import datetime as dt
import functools

from zwfw.errors import DomainError

MAX_TEXT = 5000            # characters in any one text value sent to the API
MAX_INT = 2**63 - 1        # the widest integer column
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_OFFSET = dt.timedelta(hours=14)  # the widest real UTC offset (Kiribati)


def too_large_message() -> str:
    """What a client is told when its request body is over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (413)."""
    from django.conf import settings

    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    size = f"{limit / 1024 / 1024:.1f} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return f"请求内容过大（最多 {size}），请分批提交。"


def _error(field: str, message: str, code: str) -> DomainError:
    return DomainError(message, code=code, field=field or None)


def check_text(value: str, field: str, *, max_length: int = MAX_TEXT, label: str = "") -> str:
    what = f"“{label}”" if label else "输入"
    if "\x00" in value:
        raise _error(field, f"{what}含有不可见的空字符（NUL），请删除后重新提交。", "nul_character")
    if len(value) > max_length:
        raise _error(field, f"{what}过长：最多 {max_length} 个字符，现有 {len(value)} 个。", "too_long")
    return value


def parse_int(text, field: str, label: str, *, minimum: int = 0, maximum: int = MAX_INT) -> int:
    """A whole number typed into a form; a DomainError naming the field otherwise."""
    text = str(text if text is not None else "").strip()
    if not text.lstrip("-").isdigit() or len(text) > 19:
        raise _error(field, f"“{label}”须为整数。", "invalid_number")
    value = int(text)
    if not minimum <= value <= maximum:
        raise _error(field, f"“{label}”应在 {minimum} 至 {maximum} 之间。", "number_out_of_range")
    return value


def pk_or_none(text, field: str, label: str) -> int | None:
    """A record chosen in a form (a select's value): None when blank, a DomainError when not a number."""
    if text is None or not str(text).strip():
        return None
    return parse_int(text, field, label, minimum=1)


def check_value(value, field: str = ""):
    """Raise DomainError for the first out-of-bounds value in ``value`` (nested lists, dicts, schemas)."""
    if isinstance(value, str):
        check_text(value, field)
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int):
        if not -MAX_INT <= value <= MAX_INT:
            raise _error(field, "数值超出允许范围。", "number_out_of_range")
    elif isinstance(value, float):
        if value != value or abs(value) > 1e15:
            raise _error(field, "数值超出允许范围。", "number_out_of_range")
    elif isinstance(value, dt.datetime):
        offset = value.utcoffset()
        if offset is not None and abs(offset) > MAX_OFFSET:
            raise _error(field, "时区无效：UTC 偏移应在 ±14 小时以内，如 +08:00。", "invalid_timezone")
        check_value(value.date(), field)
    elif isinstance(value, dt.date):
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise _error(field, f"日期超出范围：应在 {MIN_YEAR} 年至 {MAX_YEAR} 年之间。", "date_out_of_range")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_value(str(key), field)
            check_value(item, f"{field}.{key}" if field else str(key))
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            check_value(item, field)
    elif hasattr(value, "model_dump"):
        check_value(value.model_dump(), field)
    return value


def guard_operation(view_func):
    """A django-ninja operation decorator: every validated argument is checked before the view runs."""
    @functools.wraps(view_func)
    def guarded(request, *args, **kwargs):
        check_value(list(args))
        for name, value in kwargs.items():
            # a body schema's fields are named by themselves, not by the argument that holds them
            check_value(value, "" if hasattr(value, "model_dump") else name)
        return view_func(request, *args, **kwargs)
    return guarded


def guard_model_text(sender, instance, raw=False, **kwargs) -> None:
    """pre_save: text fits its column and holds no NUL (JSON values included)."""
    if raw or not sender.__module__.startswith("zwfw."):
        return
    for f in sender._meta.concrete_fields:
        value = getattr(instance, f.attname, None)
        if value is None:
            continue
        label = str(f.verbose_name)
        if isinstance(value, str):
            max_length = getattr(f, "max_length", None) or len(value)
            check_text(value, f.name, max_length=max_length, label=label)
        elif f.get_internal_type() == "JSONField":
            _check_json(value, f.name, label)


def _check_json(value, field: str, label: str) -> None:
    if isinstance(value, str):
        check_text(value, field, max_length=len(value), label=label)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_json(str(key), field, label)
            _check_json(item, field, label)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _check_json(item, field, label)


def guard_page(view):
    """A page decorator: a NUL character or an over-long value in the query or the form is a 400 page
    naming the field, before the view runs (Django's own forms refuse NUL; hand-read values did not)."""
    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        try:
            for name, value in list(kwargs.items()):
                check_value(value, name)
            for data in (request.GET, request.POST):
                for name, values in data.lists():
                    check_text(name, name)
                    for value in values:
                        check_text(value, name)
        except DomainError as exc:
            from django.shortcuts import render

            return render(request, "400.html", {"message": exc.message, "field": exc.field}, status=400)
        return view(request, *args, **kwargs)
    return guarded


def guard_urls(patterns, *, skip=("admin/", "api/")) -> None:
    """Wrap every page view under ``patterns`` (URL patterns and includes) in ``guard_page``."""
    from django.urls import URLPattern, URLResolver

    for p in patterns:
        if str(p.pattern).startswith(skip):
            continue
        if isinstance(p, URLResolver):
            guard_urls(p.url_patterns, skip=())
        elif isinstance(p, URLPattern):
            p.callback = guard_page(p.callback)
