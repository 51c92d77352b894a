"""Rules on a handling item's values, shared by the services and the Excel import. Pure."""
from __future__ import annotations

import re

REACH_CODES = {"province": "省内通办", "sichuan_chongqing": "川渝通办", "cross_province": "跨省通办"}
REACH_BY_NAME = {name: code for code, name in REACH_CODES.items()}

FLAG_FIELDS = [
    "fully_online", "at_most_one_visit", "on_the_spot", "at_comprehensive_window",
    "manual_written", "auto_approval", "promise_in_lieu",
]
# The values that make up a handling item version: a change in any of them opens a new version.
ITEM_FIELDS = ["name", "statutory_days", "promised_days", *FLAG_FIELDS, "reach", "licence_kind"]
MATTER_FIELDS = ["name", "department", "power_type"]

# Codes appear in URLs, HTML and scripts: letters, digits, and . _ - inside (e.g. 510000-LC-010-01).
CODE_PATTERN = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z._-]*[0-9A-Za-z])?")
MATTER_CODE_MAX, ITEM_CODE_MAX, NAME_MAX, LICENCE_KIND_MAX = 64, 80, 200, 64
MAX_DAYS = 3650  # no time limit runs for more than ten years of working days


def code_problem(code, label: str, max_length: int) -> str | None:
    """A Chinese message when ``code`` is not a valid catalogue code, else None."""
    code = str(code or "").strip()
    if not code:
        return f"{label}不能为空"
    if len(code) > max_length:
        return f"{label}过长（最多 {max_length} 个字符）"
    if not CODE_PATTERN.fullmatch(code):
        return f"{label}“{code[:40]}”格式不正确：只能由字母、数字和 . _ - 组成，且以字母或数字开头和结尾"
    return None


def name_problem(name, label: str, max_length: int = NAME_MAX) -> str | None:
    name = str(name or "")
    if "\x00" in name:
        return f"{label}含有不可见的空字符（NUL）"
    if len(name.strip()) > max_length:
        return f"{label}过长：最多 {max_length} 个字符，现有 {len(name.strip())} 个"
    return None


def item_problems(values: dict) -> list[tuple[str, str]]:
    """[(field, Chinese message)] for a handling item's values; empty when they are acceptable."""
    problems: list[tuple[str, str]] = []
    code = code_problem(values.get("code"), "办理项编码", ITEM_CODE_MAX)
    if code:
        problems.append(("code", code))
    if not str(values.get("name") or "").strip():
        problems.append(("name", "办理项名称不能为空"))
    for field, label, limit in [("name", "办理项名称", NAME_MAX), ("licence_kind", "电子证照种类", LICENCE_KIND_MAX)]:
        too_long = name_problem(values.get(field), label, limit)
        if too_long:
            problems.append((field, too_long))
    statutory, promised = values.get("statutory_days"), values.get("promised_days")
    for field, label, value in [("statutory_days", "法定办结时限", statutory), ("promised_days", "承诺办结时限", promised)]:
        if value is None:
            problems.append((field, f"{label}不能为空"))
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append((field, f"{label}（{value}）应为不小于 0 的整数（工作日）"))
        elif value > MAX_DAYS:
            problems.append((field, f"{label}（{value}）超出范围：最多 {MAX_DAYS} 个工作日"))
    if isinstance(statutory, int) and isinstance(promised, int) and MAX_DAYS >= promised > statutory >= 0:
        problems.append(("promised_days", f"承诺办结时限（{promised}）不能大于法定办结时限（{statutory}）"))
    for code in values.get("reach") or []:
        if code not in REACH_CODES:
            problems.append(("reach", f"通办范围“{code}”不是省内通办、川渝通办或跨省通办"))
    return problems


def reach_display(codes: list[str]) -> str:
    return "、".join(REACH_CODES.get(c, c) for c in codes or [])
