"""Excel (.xlsx) export and import of the catalogue: one sheet, one row per handling item.

Import is all-or-nothing: every row is checked first, every bad row is reported with its
row number and the reason, and nothing is written unless all rows are good. Importing the
same file twice changes nothing; a changed row opens a new version dated ``on``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from zwfw.errors import DomainError
from zwfw.spreadsheet import append_row

from . import services
from .models import HandlingItem, Matter
from .queries import department_by_name, items_in_force, power_type_by_text
from .rules import ITEM_FIELDS, MATTER_CODE_MAX, code_problem, item_problems, name_problem, reach_display
from .sheet import BOOL_KEYS, COLUMNS, HEADER, REQUIRED, bool_cell, clean, find_header, parse_bool, parse_days, parse_reach

SHEET_TITLE = "事项目录"


class ImportRejected(DomainError):
    code = "import_rejected"

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(f"导入失败，共 {len(errors)} 处错误，未导入任何数据：\n" + "\n".join(errors))


@dataclass
class ImportResult:
    matters_added: int = 0
    matters_changed: int = 0
    items_added: int = 0
    items_changed: int = 0
    unchanged: int = 0
    withdrawn: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"新增主项 {self.matters_added} 项、调整主项 {self.matters_changed} 项；"
                f"新增办理项 {self.items_added} 项、调整办理项 {self.items_changed} 项、未变 {self.unchanged} 项")
        if self.withdrawn:
            text += f"；取消 {len(self.withdrawn)} 项"
        return text


# ---- export ------------------------------------------------------------------------------------

def export_catalog(target, on: dt.date) -> int:
    """Write the handling items in force on ``on`` to ``target`` (path or binary stream); returns the row count."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    append_row(ws, [header for _, header, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    rows = items_in_force(on).order_by("matter__department__display_order", "matter__department__id",
                                       "matter__code", "code")
    count = 0
    for item in rows:
        m = item.matter
        values = {
            "department": m.department.name, "matter_code": m.code, "matter_name": m.name,
            "power_type": m.power_type.name, "code": item.code, "name": item.name,
            "statutory_days": item.statutory_days, "promised_days": item.promised_days,
            "reach": reach_display(item.reach), "licence_kind": item.licence_kind,
            **{k: bool_cell(getattr(item, k)) for k in BOOL_KEYS},
        }
        append_row(ws, [values[key] for key, _, _ in COLUMNS])
        count += 1
    for col, width in zip("ABCDEFGHIJKLMNOPQ", [22, 22, 30, 12, 26, 24] + [12] * 11):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    wb.save(target)
    return count


# ---- import: reading and checking ---------------------------------------------------------------

@dataclass
class Row:
    number: int
    department: object
    matter_code: str
    matter_name: str
    power_type: object
    item: dict


def _read_rows(source) -> tuple[list[tuple], int, dict[int, str]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(source, data_only=True, read_only=True)
    except FileNotFoundError as exc:
        raise DomainError(f"找不到文件：{source}", field="file") from exc
    except Exception as exc:  # openpyxl raises several kinds for a non-xlsx file
        raise DomainError(f"无法读取 Excel 文件（应为 .xlsx 格式）：{exc.__class__.__name__}", field="file") from exc
    sheets = [[tuple(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets]
    wb.close()
    for rows in sheets:
        found = find_header(rows)
        if found:
            index, mapping = found
            missing = [HEADER[k] for k in REQUIRED if k not in mapping.values()]
            if missing:
                raise ImportRejected([f"第 {index + 1} 行（表头）：缺少列 {'、'.join(missing)}"])
            return rows, index, mapping
    raise ImportRejected(["未找到表头：第一张工作表的前 10 行中应有“部门”“事项编码”“办理项编码”等列"])


def _check_row(number: int, cells: dict, errors: list[str]) -> Row | None:
    problems: list[str] = []
    for key in REQUIRED:
        if not clean(cells.get(key)):
            problems.append(f"缺少{HEADER[key]}")
    department = power_type = None
    if clean(cells.get("department")):
        department = department_by_name(cells["department"])
        if department is None:
            problems.append(f"部门“{str(cells['department']).strip()}”不存在（按部门名称或简称匹配）")
    if clean(cells.get("power_type")):
        power_type = power_type_by_text(cells["power_type"])
        if power_type is None:
            problems.append(f"事项类型“{str(cells['power_type']).strip()}”无法识别")
    if clean(cells.get("matter_code")):
        problems += filter(None, [code_problem(cells["matter_code"], "事项编码", MATTER_CODE_MAX)])
    problems += filter(None, [name_problem(cells.get("matter_name"), "事项名称")])
    # A column the file does not have leaves that value as it is (or at its default for a new item).
    item = {"code": clean(cells.get("code")), "name": str(cells.get("name") or "").strip()}
    if "licence_kind" in cells:
        item["licence_kind"] = str(cells["licence_kind"] or "").strip()
    for key in ("statutory_days", "promised_days"):
        item[key] = parse_days(cells.get(key))
    for key in BOOL_KEYS:
        if key not in cells:
            continue
        value = parse_bool(cells[key])
        if value is None:
            problems.append(f"{HEADER[key]}（{str(cells[key]).strip()}）应填写“是”或“否”")
        item[key] = bool(value)
    if "reach" in cells:
        reach = parse_reach(cells["reach"])
        if isinstance(reach, str):
            problems.append(f"通办范围“{reach}”不是省内通办、川渝通办或跨省通办")
            reach = []
        item["reach"] = reach
    problems += [message for f, message in item_problems(item)
                 if not (f in ("code", "name", "statutory_days", "promised_days") and message.endswith("不能为空"))]
    if problems:
        errors.extend(f"第 {number} 行：{p}" for p in problems)
        return None
    return Row(number, department, clean(cells["matter_code"]), str(cells["matter_name"]).strip(), power_type, item)


def check_workbook(source) -> list[Row]:
    """Read and check every row; raise ImportRejected listing every error, or return the rows."""
    rows, header_index, mapping = _read_rows(source)
    errors: list[str] = []
    good: list[Row] = []
    seen_items: dict[str, int] = {}
    matters: dict[str, Row] = {}
    for offset, raw in enumerate(rows[header_index + 1:], start=header_index + 2):
        cells = {key: raw[col] if col < len(raw) else None for col, key in mapping.items()}
        if not any(clean(v) for v in cells.values()):
            continue
        row = _check_row(offset, cells, errors)
        if row is None:
            continue
        code = row.item["code"]
        if code in seen_items:
            errors.append(f"第 {offset} 行：办理项编码“{code}”与第 {seen_items[code]} 行重复")
            continue
        seen_items[code] = offset
        first = matters.setdefault(row.matter_code, row)
        for label, a, b in [("事项名称", first.matter_name, row.matter_name),
                            ("部门", first.department, row.department),
                            ("事项类型", first.power_type, row.power_type)]:
            if a != b:
                errors.append(f"第 {offset} 行：事项编码“{row.matter_code}”的{label}（{b}）与第 {first.number} 行（{a}）不一致")
        good.append(row)
    if errors:
        raise ImportRejected(errors)
    if not good:
        raise ImportRejected(["文件中没有办理项数据"])
    return good


# ---- import: writing ---------------------------------------------------------------------------

def _apply_row(row: Row, on: dt.date, result: ImportResult) -> None:
    matter = Matter.objects.filter(code=row.matter_code).in_force(on).first()
    wanted = {"name": row.matter_name, "department": row.department, "power_type": row.power_type}
    if matter is None:
        services.add_matter(code=row.matter_code, valid_from=on, **wanted)
        result.matters_added += 1
    elif any(getattr(matter, k) != v for k, v in wanted.items()):
        services.change_matter(row.matter_code, on, **wanted)
        result.matters_changed += 1
    item = HandlingItem.objects.filter(code=row.item["code"]).in_force(on).select_related("matter").first()
    fields = {k: v for k, v in row.item.items() if k in ITEM_FIELDS}
    if item is None:
        services.add_item(matter_code=row.matter_code, on=on, code=row.item["code"], **fields)
        result.items_added += 1
    elif item.matter.code != row.matter_code:
        raise DomainError(f"办理项编码“{item.code}”现属于事项“{item.matter.code}”，不能改到事项“{row.matter_code}”下")
    elif any(getattr(item, k) != v for k, v in fields.items()):
        services.change_item(item.code, on, **fields)
        result.items_changed += 1
    else:
        result.unchanged += 1


def import_catalog(source, on: dt.date, *, withdraw_missing: bool = False) -> ImportResult:
    """Import a catalogue sheet as in force from ``on``; all rows or none.

    With ``withdraw_missing``, items and matters of the departments in the file that are in
    force but absent from the file are withdrawn from ``on`` (the file is the department's whole list).
    """
    rows = check_workbook(source)
    result = ImportResult()
    errors: list[str] = []
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    _apply_row(row, on, result)
            except DomainError as exc:
                errors.append(f"第 {row.number} 行：{exc.message}")
        if withdraw_missing and not errors:
            departments = {r.department for r in rows}
            codes = {r.item["code"] for r in rows}
            matter_codes = {r.matter_code for r in rows}
            for item in items_in_force(on).filter(matter__department__in=departments).exclude(code__in=codes):
                services.withdraw_item(item.code, on)
                result.withdrawn.append(f"{item.matter.name}（{item.name}）")
            for matter in Matter.objects.in_force(on).filter(department__in=departments).exclude(code__in=matter_codes):
                services.withdraw_matter(matter.code, on)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportRejected(errors)
    return result

