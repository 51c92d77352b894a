"""Reading daily figures from a CSV file (pure: no database).

Columns 日期, 部门, 事项类型, 指标, 数量, in any order; common header variants,
a BOM, GBK/GB18030 encoding, commas or tabs and stray whitespace are tolerated.
Every bad row is reported with its row number (the header is row 1) and
nothing is returned unless the whole file is good.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Mapping

from zwfw.errors import DomainError
from zwfw.inputs import MAX_YEAR, MIN_YEAR

HEADERS = {
    "day": {"日期", "统计日期", "业务日期", "办理日期", "date", "day"},
    "department": {"部门", "部门名称", "单位", "单位名称", "实施部门", "办理部门", "department"},
    "power_type": {"事项类型", "类型", "事项类别", "权力类型", "行权类型", "power_type", "type"},
    "kind": {"指标", "统计指标", "业务类型", "环节", "事件", "kind"},
    "count": {"数量", "件数", "件次", "人次", "数值", "count"},
}
REQUIRED = ("day", "department", "kind", "count")

KINDS = {
    "咨询": "consulted", "受理": "accepted", "办结": "completed", "颁发": "issued",
    "流转": "transferred", "不予受理": "rejected",
}
KINDS.update({v: v for v in list(KINDS.values())})

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。")


def _clean(value) -> str:
    return re.sub(r"\s+", " ", str(value or "").replace("\u3000", " ")).strip()


def _header_key(name: str) -> str | None:
    name = _clean(name).replace(" ", "").lower()
    name = re.sub(r"[（(].*?[)）]", "", name)  # 数量（件） → 数量
    for key, names in HEADERS.items():
        if name in names:
            return key
    return None


def parse_day(text: str) -> dt.date:
    text = _clean(text)
    match = _DATE.match(text) or re.match(r"^(\d{4})(\d{2})(\d{2})$", text)
    if not match:
        raise ValueError(f"日期“{text}”无法识别（应为 2023-09-08 或 2023年9月8日）")
    try:
        day = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise ValueError(f"日期“{text}”不存在") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"日期“{text}”超出范围（应在 {MIN_YEAR} 年至 {MAX_YEAR} 年之间）")
    return day


MAX_COUNT = 10_000_000  # a day's figure for one department and kind; the column holds far more


def parse_count(text: str) -> int:
    text = _clean(text).replace(",", "").replace("，", "").replace(" ", "")
    if not re.fullmatch(r"\d+", text):
        raise ValueError(f"数量“{_clean(text)}”不是非负整数")
    if len(text) > len(str(MAX_COUNT)) or int(text) > MAX_COUNT:
        raise ValueError(f"数量“{text}”超出范围（一天最多 {MAX_COUNT} 件）")
    return int(text)


def parse(text: str, departments: Mapping[str, object], power_types: Mapping[str, object]) -> list[dict]:
    """Rows ``{"row", "day", "department", "power_type", "kind", "count"}`` from CSV text.

    ``departments`` / ``power_types`` map every accepted spelling (name, short name,
    code) to the object; a blank 事项类型 gives ``None``.
    """
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise DomainError("文件为空。")
    first = next(line for line in lines if line.strip())
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader)
    columns: dict[str, int] = {}
    for i, name in enumerate(header):
        key = _header_key(name)
        if key and key not in columns:
            columns[key] = i
    if any(k not in columns for k in REQUIRED):
        wanted = "、".join(["日期", "部门", "事项类型", "指标", "数量"])
        raise DomainError(f"表头缺少列：{'、'.join(_names(k) for k in REQUIRED if k not in columns)}（应为 {wanted}）。")
    rows, errors = [], []
    for number, record in enumerate(reader, start=2):
        if not any(_clean(v) for v in record):
            continue

        def cell(key):
            i = columns.get(key)
            return _clean(record[i]) if i is not None and i < len(record) else ""

        try:
            rows.append({"row": number, **_row(cell, departments, power_types)})
        except ValueError as exc:
            errors.append(f"第 {number} 行：{exc}")
    if errors:
        shown = errors[:20] + ([f"……另有 {len(errors) - 20} 行有误"] if len(errors) > 20 else [])
        raise DomainError("文件有误，未导入任何数据。\n" + "\n".join(shown))
    if not rows:
        raise DomainError("文件中没有数据行。")
    return rows


def _names(key: str) -> str:
    return {"day": "日期", "department": "部门", "power_type": "事项类型", "kind": "指标", "count": "数量"}[key]


def _row(cell, departments, power_types) -> dict:
    day = parse_day(cell("day"))
    name = cell("department")
    if not name:
        raise ValueError("部门为空")
    if name not in departments:
        raise ValueError(f"部门“{name}”不在部门名录中")
    type_name = cell("power_type")
    if type_name and type_name not in power_types:
        raise ValueError(f"事项类型“{type_name}”无法识别")
    kind_name = cell("kind")
    kind = KINDS.get(kind_name) or KINDS.get(kind_name.lower())
    if not kind:
        raise ValueError(f"指标“{kind_name}”无法识别（应为 咨询、受理、办结、颁发、流转 或 不予受理）")
    if kind != "consulted" and not type_name:
        raise ValueError("事项类型为空（只有咨询可以不填事项类型）")
    return {
        "day": day, "department": departments[name], "power_type": power_types[type_name] if type_name else None,
        "kind": kind, "count": parse_count(cell("count")),
    }
