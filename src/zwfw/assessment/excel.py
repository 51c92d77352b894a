"""The month's table as .xlsx (openpyxl), with the attachment's title and columns."""
from __future__ import annotations

import datetime as dt
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from zwfw.spreadsheet import append_row

from .queries import month_attachment


def month_workbook(month: dt.date) -> bytes:
    data = month_attachment(month)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{month.year}年{month.month}月"
    append_row(ws, [data["title"]])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(data["columns"]))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    append_row(ws, data["columns"])
    for row in data["rows"]:
        append_row(ws, [_cell(v) for v in row])
    thin = Side(style="thin")
    for r in ws.iter_rows(min_row=2, max_row=ws.max_row):
        for c in r:
            c.border = Border(top=thin, bottom=thin, left=thin, right=thin)
            c.alignment = Alignment(horizontal="center")
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for col, width in zip("ABCDEF", [8, 24, 12, 12, 12, 12]):
        ws.column_dimensions[col].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(text: str):
    """Numbers as numbers (so Excel can sum them), blanks and names as text."""
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number
