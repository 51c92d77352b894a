"""Chinese wording helpers shared by every app (pure).

Dates are written as the centre writes them: "2023 年 1 月 20 日",
periods as "（9 月 13 日—9 月 16 日）", headings as 一、 / （一） / (1).
"""
from datetime import date

_DIGITS = "零一二三四五六七八九"


def chinese_date(d: date) -> str:
    return f"{d.year} 年 {d.month} 月 {d.day} 日"


def chinese_month(year: int, month: int) -> str:
    return f"{year} 年 {month} 月"


def period_text(start: date, end: date) -> str:
    """The period line under a section title: （9 月 13 日—9 月 16 日）."""
    return f"（{start.month} 月 {start.day} 日—{end.month} 月 {end.day} 日）"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (1..99)."""
    if not 0 < n < 100:
        raise ValueError(f"序号超出范围：{n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "" if tens == 1 else _DIGITS[tens]
    return head + "十" + (_DIGITS[ones] if ones else "")


def heading_number(level: int, n: int) -> str:
    """Heading numbers of an official document: 一、 / （一） / （1）."""
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    return f"（{n}）"


def parse_chinese_numeral(text: str) -> int:
    """一 → 1, 十二 → 12, 二十一 → 21, 九 → 9; also plain digits."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _DIGITS + "十两" for c in text):
        raise ValueError(f"无法识别的中文数字：{text}")
    text = text.replace("两", "二")
    if "十" in text:
        head, _, tail = text.partition("十")
        return (_DIGITS.index(head) if head else 1) * 10 + (_DIGITS.index(tail) if tail else 0)
    return _DIGITS.index(text)
