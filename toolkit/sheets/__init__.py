"""Spreadsheet conventions shared by the readers and writers: values from submissions in
spreadsheet outputs are text, never formulas; a date cell's number format says how precise it is.

A name, a cell or a file name from a stranger's document that starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return (``=HYPERLINK("http://…","点我查看")``, ``=cmd|'/C calc'!A0``) would be
run or followed by Excel when the auditor opens the output (formula or CSV injection, OWASP).
In .xlsx such a value is a string cell with Excel's quote prefix (shown as typed, never evaluated,
not even after editing); in .csv it gets a leading ``'``, the usual guidance. Real numbers, negative
ones too, stay numbers.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # the readers use this module too, and import openpyxl only for a workbook
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


# A number format's quoted or escaped literals (``yyyy"年"m"月"``, ``yyyy\-mm``) and its colour or locale codes.
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def shows_month(number_format: str | None) -> bool:
    """Whether a date format shows a year and month but no day (``yyyy"年"m"月"``, ``yyyy-mm``,
    ``mmm-yy``): Excel stores a typed 2004年5月 as the 1st of May, and the day is its filler."""
    codes = _LITERALS.sub("", (number_format or "").lower())
    return "y" in codes and "m" in codes and "d" not in codes and "h" not in codes and "s" not in codes


class SheetCell(NamedTuple):
    """A cell of a workbook read without openpyxl (.xls, .ods): its value (str, int, float, bool,
    datetime) and, for a date, its number format (or letters standing for it: ``ym``), which says
    what the date shows (``shows_month``). Same attribute names as an openpyxl cell."""

    value: Any
    number_format: str | None = None


@dataclass(slots=True)
class Sheet:
    """A worksheet as its rows of cells (None: empty) and its merged ranges, each
    (min_col, min_row, max_col, max_row), 1-based and inclusive."""

    name: str
    rows: list[list[SheetCell | None]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


_WHOLE = re.compile(r"-?\d{1,15}")  # a whole number as typed (an 18-digit ID typed as a number is a float)


def typed_number(text: str) -> int | float:
    """A number stored as text in a workbook's XML (.ods, SpreadsheetML): a whole one as an int, as
    openpyxl gives it from a .xlsx. ValueError when it is no number."""
    text = text.strip()
    return int(text) if _WHOLE.fullmatch(text) else float(text)


# The marks that tell a workbook's format by its content (``read.detect`` uses them too).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 container: Excel 97–2003 (and Word's .doc)
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
SPREADSHEETML_NS = b"urn:schemas-microsoft-com:office:spreadsheet"
XML_SEARCH = 16384  # a root element's namespaces come first: 40 of them in a flat ODF


def workbook_format(path: str) -> str | None:
    """``xlsx``, ``xls``, ``ods`` or ``xmlss`` (Excel 2003 XML) by the file's content, whatever its
    name (WPS's .et is a .xls or a .xlsx; a web system's .xls is often SpreadsheetML); None otherwise."""
    with open(path, "rb") as fh:
        head = fh.read(XML_SEARCH)
    if head.startswith(OLE_MAGIC):
        return "xls"
    if SPREADSHEETML_NS in head:
        return "xmlss"
    if not head.startswith(b"PK"):
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if any(n.startswith("xl/") for n in names):
                return "xlsx"
            if "mimetype" in names and zf.open("mimetype").read(80).startswith(ODS_MIME):
                return "ods"
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError):
        pass
    return None
