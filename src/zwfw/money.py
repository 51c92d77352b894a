"""Money as the centre writes it (pure): amounts are Decimal yuan with 2 places, never float.

``parse_amount`` reads what a person or a payment platform sends; ``yuan`` prints ¥10.00;
``capital`` writes the amount in 大写 for a receipt (壹拾元整, 壹佰零伍元伍角).
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from zwfw.errors import DomainError

CENT = Decimal("0.01")
#: The largest amount a fee line, an assessment or a payment may carry (a sanity bound, ¥1 亿).
MAX_AMOUNT = Decimal("100000000.00")

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_SMALL = ["", "拾", "佰", "仟"]
_GROUPS = ["", "万", "亿"]


def parse_amount(value, *, field: str = "amount", what: str = "金额", allow_zero: bool = False) -> Decimal:
    """A positive amount of yuan with at most 2 decimal places; DomainError at ``field`` otherwise.

    Accepts Decimal, int, str ("10", "10.5", "¥10.00", "１０元") — and a float only if it has a
    short exact decimal form (JSON numbers arrive as float in some clients).
    """
    if isinstance(value, bool) or value is None:
        raise DomainError(f"请填写{what}。", code="amount_required", field=field)
    if isinstance(value, float):
        value = repr(value)
    text = str(value).strip().replace("¥", "").replace("￥", "").replace(",", "").replace("，", "")
    text = text.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")).removesuffix("元").strip()
    if not text:
        raise DomainError(f"请填写{what}。", code="amount_required", field=field)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise DomainError(f"{what}“{value}”不是有效的金额，请填写数字，如 10.00。", code="amount_invalid",
                          field=field) from None
    if not amount.is_finite():
        raise DomainError(f"{what}“{value}”不是有效的金额。", code="amount_invalid", field=field)
    if amount != amount.quantize(CENT):
        raise DomainError(f"{what}最多精确到分（两位小数）。", code="amount_precision", field=field)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise DomainError(f"{what}应大于 0。", code="amount_not_positive", field=field)
    if amount > MAX_AMOUNT:
        raise DomainError(f"{what}超出允许范围。", code="amount_too_large", field=field)
    return amount.quantize(CENT)


def yuan(amount: Decimal | int) -> str:
    """¥10.00, ¥1,250.50 — what pages and documents print."""
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"¥{value:,.2f}"


def _four(n: int) -> str:
    """0 < n < 10000 in 大写 without the group unit; inner zeros read 零 once."""
    out, zero = "", False
    for pos in range(3, -1, -1):
        d = n // 10 ** pos % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[d] + _SMALL[pos]
    return out


def capital(amount: Decimal | int) -> str:
    """The amount in 大写 as a receipt writes it: 壹拾元整, 壹佰零伍元伍角, 伍角叁分, 壹万零贰元整."""
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    if value < 0:
        raise ValueError("negative amount")
    fen_total = int(value * 100)
    whole, cents = divmod(fen_total, 100)
    jiao, fen = divmod(cents, 10)
    text = ""
    if whole:
        groups = []
        n = whole
        while n:
            groups.append(n % 10000)
            n //= 10000
        need_zero = False
        for index in range(len(groups) - 1, -1, -1):
            g = groups[index]
            if g == 0:
                need_zero = bool(text)
                continue
            if text and (need_zero or g < 1000):
                text += "零"
            text += _four(g) + _GROUPS[index]
            need_zero = False
        text += "元"
    if not cents:
        return (text or "零元") + "整"
    if not whole:
        text = ""
    if jiao:
        text += _DIGITS[jiao] + "角"
    elif whole:
        text += "零"
    if fen:
        text += _DIGITS[fen] + "分"
    return text
