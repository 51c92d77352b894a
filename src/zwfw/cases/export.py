"""The filtered worklist as .xlsx: what the page lists, every row, applicants masked as on the page."""
from __future__ import annotations

from zwfw.errors import DomainError
from zwfw.spreadsheet import append_row

from . import presenters

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 20_000
COLUMNS = [("number", "办件编号", 24), ("item_name", "办理项", 40), ("department", "办理部门", 26),
           ("applicant_name", "申请人", 24), ("applicant_id", "证件号码（已脱敏）", 22), ("channel_label", "申请渠道", 10),
           ("status_label", "状态", 10), ("received_on", "收件日期", 12), ("accepted_on", "受理日期", 12),
           ("promised_due", "承诺办结期限", 14), ("clock_label", "时限状态", 12), ("remaining_text", "时限", 24)]


def export_worklist(target, cases, *, calendar, today) -> int:
    """Write ``cases`` (a queryset, already filtered and ordered) to ``target``; returns the row count.

    More rows than EXPORT_LIMIT is refused with the count, never cut silently.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    total = cases.count()
    if total > EXPORT_LIMIT:
        raise DomainError(f"筛选结果共 {total} 件，超过一次导出的上限 {EXPORT_LIMIT} 件，请缩小日期范围或增加筛选条件后再导出。",
                          code="export_too_large", field="q")
    wb = Workbook()
    ws = wb.active
    ws.title = "办件清单"
    ws.append([header for _, header, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for case in cases.iterator(chunk_size=1000):
        row = presenters.summary(case, calendar, today)
        append_row(ws, [row[key] if row[key] is not None else "" for key, _, _ in COLUMNS])
    for i, (_, _, width) in enumerate(COLUMNS):
        ws.column_dimensions[chr(ord("A") + i)].width = width
    ws.freeze_panes = "A2"
    wb.save(target)
    return total
