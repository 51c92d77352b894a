"""The month's table as Excel: a department name that looks like a formula is written as text."""
import datetime as dt
from io import BytesIO

from openpyxl import load_workbook

from zwfw.assessment.excel import month_workbook
from zwfw.catalog.models import Department


def test_formula_like_names_are_text_in_the_export(depts, rules):
    Department.objects.filter(pk=next(iter(depts.values())).pk).update(name="=cmd|' /C calc'!A0", short_name="=cmd|' /C calc'!A0", in_hall=True)
    ws = load_workbook(BytesIO(month_workbook(dt.date(2026, 10, 1)))).active
    cells = [c for row in ws.iter_rows() for c in row if c.value == "=cmd|' /C calc'!A0"]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
