"""Excel 97–2003 workbooks (.xls; WPS's .et is one too) parsed with xlrd: every worksheet as rows of
typed cells (``Sheet``) and merged ranges, for the submission reader (``read.xls``) and ``generate``'s
data loader. The binary format bounds a sheet (65,536 rows × 256 columns) and the callers cap the
file's size, so the whole book is loaded at once.
"""

from __future__ import annotations

import io
from typing import Iterator

from ..errors import ReadError, library_words
from . import Sheet, SheetCell

BROKEN = "文件已损坏，无法作为旧版 Excel 表格（.xls）打开"
_EXACT = 2**53  # below this a whole float is the integer that was typed


def xls_sheets(data: bytes) -> tuple[object, Iterator[Sheet]]:
    """The opened book and its sheets, each cell a ``SheetCell``. Raises ReadError."""
    import xlrd  # only when a workbook of this format is read

    try:
        book = _open(xlrd, data)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise ReadError("文件已加密（设置了打开密码），请提交未加密版本") from exc
        raise ReadError(BROKEN, detail=library_words(exc)) from exc
    except Exception as exc:  # xlrd raises assertion and struct errors on a damaged book
        raise ReadError(BROKEN, detail=library_words(exc)) from exc

    def sheets() -> Iterator[Sheet]:
        for sheet in book.sheets():
            rows = [[_value(xlrd, book, cell) for cell in sheet.row(r)] for r in range(sheet.nrows)]
            yield Sheet(sheet.name, rows, [(clo + 1, rlo + 1, chi, rhi) for rlo, rhi, clo, chi in sheet.merged_cells])

    return book, sheets()


def _open(xlrd, data: bytes):
    quiet = io.StringIO()  # xlrd prints its warnings to stdout by default
    try:  # merged ranges come only with the formatting records, which some writers leave out
        return xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=quiet)
    except NotImplementedError:
        return xlrd.open_workbook(file_contents=data, logfile=quiet)


def _value(xlrd, book, cell) -> SheetCell | None:
    """The cell as a typed value: a date with its number format (``cell_text`` shows it by that:
    year and month only, or the day too), booleans as booleans, a whole number as an int, errors empty."""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            value = xlrd.xldate_as_datetime(cell.value, book.datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return SheetCell(cell.value)
        fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key) if book.xf_list else None
        return SheetCell(value, fmt.format_str if fmt else None)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return SheetCell(bool(cell.value))
    if cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return SheetCell(cell.value.replace("\r\n", "\n"))  # a line break typed in the cell (Alt+Enter)
    if isinstance(cell.value, float) and cell.value.is_integer() and abs(cell.value) < _EXACT:
        return SheetCell(int(cell.value))
    return SheetCell(cell.value)
