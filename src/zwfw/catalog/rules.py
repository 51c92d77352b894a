"""Rules on a handling item's values, shared by the services and the Excel import. Pure."""
from __future__ import annotations

REACH_CODES = {"province": "省内通办", "sichuan_chongqing": "川渝通办", "cross_province": "跨省通办"}
REACH_BY_NAME = {name: code for code, name in REACH_CODES.items()}

FLAG_FIELDS = [
    "fully_online", "at_most_one_visit", "on_the_spot", "at_comprehensive_window",
    "manual_written", "auto_approval", "promise_in_lieu",
]
# The values that make up a handling item version: a change in any of them opens a new version.
ITEM_FIELDS = ["name", "statutory_days", "promised_days", *FLAG_FIELDS, "reach", "licence_kind"]
MATTER_FIELDS = ["name", "department", "power_type"]


def item_problems(values: dict) -> list[tuple[str, str]]:
    """[(field, Chinese message)] for a handling item's values; empty when they are acceptable."""
    problems: list[tuple[str, str]] = []
    if not str(values.get("code") or "").strip():
        problems.append(("code", "办理项编码不能为空"))
    if not str(values.get("name") or "").strip():
        problems.append(("name", "办理项名称不能为空"))
    statutory, promised = values.get("statutory_days"), values.get("promised_days")
    for field, label, value in [("statutory_days", "法定办结时限", statutory), ("promised_days", "承诺办结时限", promised)]:
        if value is None:
            problems.append((field, f"{label}不能为空"))
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append((field, f"{label}（{value}）应为不小于 0 的整数（工作日）"))
    if isinstance(statutory, int) and isinstance(promised, int) and promised > statutory >= 0:
        problems.append(("promised_days", f"承诺办结时限（{promised}）不能大于法定办结时限（{statutory}）"))
    for code in values.get("reach") or []:
        if code not in REACH_CODES:
            problems.append(("reach", f"通办范围“{code}”不是省内通办、川渝通办或跨省通办"))
    return problems


def reach_display(codes: list[str]) -> str:
    return "、".join(REACH_CODES.get(c, c) for c in codes or [])
