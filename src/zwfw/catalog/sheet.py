"""The catalogue's Excel sheet layout and the reading of a department's cell values. Pure.

Departments hand their catalogue over as .xlsx files made by hand, so the reader tolerates
header variants (“法定办结时限（工作日）”, “是否全程网办”, “实施部门”), surrounding and
full-width whitespace, full-width digits, and booleans written as 是/否, √, Y/N, 1/0.
"""
from __future__ import annotations

import re
import unicodedata

from .rules import REACH_BY_NAME, REACH_CODES

# (key, standard header, synonyms). The standard headers are written on export, in this order.
COLUMNS = [
    ("department", "部门", ["实施部门", "部门名称", "实施主体", "实施机关", "责任部门", "单位", "单位名称"]),
    ("matter_code", "事项编码", ["主项编码", "基本编码", "事项代码", "主项代码"]),
    ("matter_name", "事项名称", ["主项名称", "政务服务事项名称"]),
    ("power_type", "事项类型", ["权力类型", "类型", "事项类别", "权力类别"]),
    ("code", "办理项编码", ["办理项代码", "业务办理项编码", "子项编码"]),
    ("name", "办理项名称", ["业务办理项名称", "子项名称", "办理项"]),
    ("statutory_days", "法定办结时限", ["法定时限", "法定期限", "法定办理时限", "法定办结期限"]),
    ("promised_days", "承诺办结时限", ["承诺时限", "承诺期限", "承诺办理时限", "承诺办结期限"]),
    ("fully_online", "全程网办", ["网上全程办理", "全流程网办", "全程网上办理"]),
    ("at_most_one_visit", "最多跑一次", ["最多跑一次事项"]),
    ("on_the_spot", "即办件", ["即办", "办件类型为即办件"]),
    ("at_comprehensive_window", "进驻综窗", ["进驻综合窗口", "综窗受理", "综合窗口受理"]),
    ("manual_written", "受理工作手册", ["受理工作手册已编制", "已编制受理工作手册", "工作手册"]),
    ("auto_approval", "智能审批", ["无人工干预智能审批", "无人工干预审批", "秒批"]),
    ("promise_in_lieu", "告知承诺", ["告知承诺制", "实行告知承诺"]),
    ("reach", "通办范围", ["通办", "通办类型"]),
    ("licence_kind", "电子证照", ["电子证照种类", "证照名称", "办结出具的电子证照种类", "电子证照名称"]),
]
REQUIRED = ["department", "matter_code", "matter_name", "power_type", "code", "name", "statutory_days", "promised_days"]
HEADER = {key: header for key, header, _ in COLUMNS}
BOOL_KEYS = ["fully_online", "at_most_one_visit", "on_the_spot", "at_comprehensive_window",
             "manual_written", "auto_approval", "promise_in_lieu"]

TRUE_WORDS = {"是", "y", "yes", "true", "1", "√", "✓", "✔", "有", "已编制", "对"}
FALSE_WORDS = {"否", "n", "no", "false", "0", "×", "✗", "无", "未编制", "", "-", "—", "/"}

_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"[(（][^)）]*[)）]")


def clean(value) -> str:
    """NFKC (full-width → half-width) and no whitespace at all, including U+3000."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACE.sub("", unicodedata.normalize("NFKC", str(value)))


def header_key(text) -> str | None:
    """Map a header cell to a column key, or None."""
    raw = clean(text)
    candidates = {raw, _BRACKETED.sub("", raw)}
    candidates |= {c.removeprefix("是否") for c in candidates}
    candidates |= {c.removesuffix("(工作日)").removesuffix("(个工作日)") for c in candidates}
    for key, header, synonyms in COLUMNS:
        if candidates & {clean(header), *map(clean, synonyms)}:
            return key
    return None


def find_header(rows: list[tuple], look: int = 10) -> tuple[int, dict[int, str]] | None:
    """The (0-based) index of the header row among the first rows, and {column index: key}."""
    best = None
    for index, row in enumerate(rows[:look]):
        mapping = {}
        for col, cell in enumerate(row):
            key = header_key(cell)
            if key and key not in mapping.values():
                mapping[col] = key
        if len(mapping) >= 3 and (best is None or len(mapping) > len(best[1])):
            best = (index, mapping)
    return best


def parse_days(value) -> int | None | str:
    """20, 20.0, "２０", "20个工作日" → 20; blank → None; anything else → the text (an error)."""
    text = clean(value)
    if not text:
        return None
    text = text.removesuffix("个工作日").removesuffix("工作日").removesuffix("天").removesuffix("日")
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.0+", text):
        return int(float(text))
    return clean(value)


def parse_bool(value) -> bool | None:
    text = clean(value).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


def parse_reach(value) -> list[str] | str:
    """"省内通办、川渝通办" → ["province", "sichuan_chongqing"]; an unknown word → that word (an error)."""
    text = clean(value)
    if not text or text in FALSE_WORDS:
        return []
    codes = []
    for part in re.split(r"[、,;/|]+", text):
        if not part:
            continue
        code = REACH_BY_NAME.get(part) or REACH_BY_NAME.get(part + "通办") or (part if part in REACH_CODES else None)
        if code is None:
            return part
        if code not in codes:
            codes.append(code)
    return codes


def bool_cell(value: bool) -> str:
    return "是" if value else "否"
