"""A guide's fee items (收费项目), pure: what a row must say, what it reads as, what it comes to."""
from __future__ import annotations

from decimal import Decimal

from zwfw.money import CENT, MAX_AMOUNT, yuan

FIXED, PER_UNIT, FREE = "fixed", "per_unit", "free"
RULES = {FIXED: "固定金额", PER_UNIT: "按数量计收", FREE: "不收费"}


def fee_problems(*, rule: str, amount, unit: str = "", name: str = "", legal_basis: str = "",
                 quantity: int = 1) -> list[tuple[str, str]]:
    """Every problem of one fee row as (field, Chinese message); empty when the row is sound."""
    found = []
    if not (name or "").strip():
        found.append(("name", "请填写收费项目名称"))
    if rule not in RULES:
        found.append(("rule", f"计收方式应为：{'、'.join(RULES.values())}"))
        return found
    if rule == FREE:
        if amount not in (None, "") and Decimal(amount) != 0:
            found.append(("amount", "不收费的项目不应填写金额"))
        return found
    if amount in (None, ""):
        found.append(("amount", "请填写金额（元）"))
    else:
        value = Decimal(amount)
        if value <= 0:
            found.append(("amount", "金额应大于 0"))
        elif value != value.quantize(CENT):
            found.append(("amount", "金额最多精确到分（两位小数）"))
        elif value > MAX_AMOUNT:
            found.append(("amount", "金额超出允许范围"))
    if rule == PER_UNIT and not (unit or "").strip():
        found.append(("unit", "按数量计收的项目请填写计量单位，如：证"))
    if not quantity or quantity < 1:
        found.append(("default_quantity", "默认数量应至少为 1"))
    if not (legal_basis or "").strip():
        found.append(("legal_basis", "请填写收费依据（行政许可法第五十八条：收费须有法律、行政法规依据）"))
    return found


def line_amount(rule: str, amount, quantity: int) -> Decimal:
    """What one fee row comes to for ``quantity`` units (a fixed amount ignores the quantity)."""
    if rule == FREE or amount is None:
        return Decimal("0.00")
    if rule == PER_UNIT:
        return (Decimal(amount) * quantity).quantize(CENT)
    return Decimal(amount).quantize(CENT)


def describe(rule: str, amount, unit: str = "") -> str:
    """How the guide reads a row: "¥10.00", "¥10.00/证", "不收费"."""
    if rule == FREE or amount is None:
        return "不收费"
    return f"{yuan(amount)}/{unit}" if rule == PER_UNIT and unit else yuan(amount)
