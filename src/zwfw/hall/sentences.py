"""The hall's sentences in the briefing's words (pure: values in, text out)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

GOOD = "总体情况良好。"
HALL = "省政务服务大厅"
_END = "。；;，,. "


def _clause(text: str) -> str:
    return text.strip().rstrip(_END)


def _join(head: str, tail: str) -> str:
    """"省林草局窗口" + "1 名…" → "省林草局窗口 1 名…": Arabic numerals stand apart, as the centre writes them."""
    return f"{head} {tail}" if tail[:1].isascii() and tail[:1].isalnum() else head + tail


def full_stop(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？" else text + "。"


def inspection_text(findings: list[tuple[str, str]], good_text: str = "", closure_note: str = "") -> str:
    """One point's reading: the closure note, the findings by window, or 总体情况良好。

    ``findings`` are (window name, what was wrong) in the order found; a window's
    several findings are joined into one clause.
    """
    if closure_note:
        return full_stop(closure_note)
    if not findings:
        return full_stop(good_text) if good_text.strip() else GOOD
    by_window: dict[str, list[str]] = {}
    for window, what in findings:
        clause = _clause(what)
        if clause and clause not in by_window.setdefault(window, []):
            by_window[window].append(clause)
    parts = [_join(window, "，".join(whats)) for window, whats in by_window.items()]
    return "巡查发现，" + "；".join(parts) + "。"


@dataclass(frozen=True)
class Visit:
    department: str  # the name the centre writes, e.g. 省市场监管局
    title: str       # 党组成员、副局长
    name: str
    date: date
    account: str = ""


def visits_sentence(visits: list[Visit]) -> str:
    """2024 style: the week's visits in one sentence."""
    if not visits:
        return ""
    people = "，".join(f"{v.department}{v.title}{v.name}" for v in visits)
    verb = "分别到" if len(visits) > 1 else "到"
    return f"本周，{people}{verb}{HALL}窗口调研值守。"


def visit_paragraph(visit: Visit) -> str:
    """2022 style: one paragraph, "12 月 20 日，省发展改革委党组成员、副主任胡玉清……"."""
    head = f"{visit.date.month} 月 {visit.date.day} 日，{visit.department}{visit.title}{visit.name}"
    account = visit.account.strip()
    if not account:
        return f"{head}到{HALL}窗口调研值守。"
    return head + full_stop(account)


def visit_paragraphs(visits: list[Visit]) -> list[str]:
    return [visit_paragraph(v) for v in visits]


def commendation_sentence(when: date, who: str, honour: str, body: str, document: str = "") -> str:
    """"3 月 1 日，省林草局窗口获国家林业和草原局通报表扬（林办发〔2023〕12 号）。"""
    doc = f"（{document.strip()}）" if document.strip() else ""
    return f"{when.month} 月 {when.day} 日，{who}获{body}{_clause(honour)}{doc}。"


def percent(done: int, total: int, decimals: int = 1) -> str:
    """812 of 1650 → "49.2%" (half up), 825 of 1650 → "50%" (no trailing zero); no items → "0%"."""
    if total <= 0:
        return "0%"
    ratio = Decimal(done) * 100 / Decimal(total)
    quantum = Decimal(1).scaleb(-decimals) if decimals else Decimal(1)
    text = format(ratio.quantize(quantum, rounding=ROUND_HALF_UP), "f")
    return f"{text.rstrip('0').rstrip('.') if '.' in text else text}%"


MANUAL_WORDING = "共完成 {done} 个办理项的受理工作手册编制，占比 {ratio}"


def manual_progress_sentence(done: int, total: int, decimals: int = 1, wording: str = "") -> str:
    text = (wording or MANUAL_WORDING).format(done=done, total=total, ratio=percent(done, total, decimals))
    return full_stop(text)


def value_text(value: Decimal | int) -> str:
    d = Decimal(str(value))
    return str(d.quantize(Decimal(1))) if d == d.to_integral_value() else format(d.normalize(), "f")


def entered_sentence(wording: str, value: Decimal | int, name: str = "") -> str:
    """"动态调整省级惠企政策事项 {value} 条" with 5 → "动态调整省级惠企政策事项 5 条。"."""
    if "{value}" in wording:
        return full_stop(wording.format(value=value_text(value)))
    return full_stop(f"{wording or name} {value_text(value)}")
