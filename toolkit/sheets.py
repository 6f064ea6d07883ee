"""Values from submissions in spreadsheet outputs: text, never formulas.

A name, a cell or a file name from a stranger's document that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return (``=HYPERLINK("http://…","点我查看")``, ``=cmd|'/C calc'!A0``) would be
run or followed by Excel when the auditor opens the output (formula or CSV injection, OWASP).
In .xlsx such a value is a string cell with Excel's quote prefix (shown as typed, never evaluated,
not even after editing); in .csv it gets a leading ``'``, the usual guidance. Real numbers, negative
ones too, stay numbers.
"""

from __future__ import annotations

import re
from typing import Any

from openpyxl.cell.cell import Cell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def formula_like(value: Any) -> bool:
    """True for a string a spreadsheet program would take as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value)


def as_text(cell: Cell) -> Cell:
    """Make ``cell`` (already holding its value) a plain string cell when its value looks like a formula."""
    if formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def csv_value(value: Any) -> Any:
    """``value`` for a CSV cell: a formula-like string gets a leading ``'``."""
    return "'" + value if formula_like(value) else value
