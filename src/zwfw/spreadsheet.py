"""Writing rows into Excel sheets: text that a spreadsheet would run as a formula stays text.

Every exporter appends its rows through ``append_row``: a value starting with = + - @ (or a tab or
carriage return, which some programs skip before reading a formula) is stored as a text cell with
Excel's quote prefix, so ``=HYPERLINK(…)`` in a name is shown, never evaluated — also after a user edits it.
"""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def append_row(ws, values) -> None:
    """``ws.append(values)``, with formula-like text written as text."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if looks_like_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
