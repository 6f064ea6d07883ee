"""Excel 2003 XML spreadsheets (SpreadsheetML: Excel's and WPS's "XML 表格"), which many web systems
export under a .xls name, parsed into ``Sheet``s (typed cells, merged ranges) for the submission
reader (``read.xmlss``) and ``generate``'s data loader.

The XML is streamed and a row or cell may jump ahead (``ss:Index``) without being written out, so a
jump is only counted, and materialised when content follows it, as ``ods`` does with repeats.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Iterator

from lxml import etree

from ..errors import ReadError, library_words
from . import Sheet, SheetCell, typed_number

BROKEN = "文件已损坏，无法作为 Excel 2003 XML 表格打开"
NS = "urn:schemas-microsoft-com:office:spreadsheet"
_WORKSHEET, _TABLE, _ROW, _CELL, _DATA = (f"{{{NS}}}{n}" for n in ("Worksheet", "Table", "Row", "Cell", "Data"))
_STYLE, _FORMAT = f"{{{NS}}}Style", f"{{{NS}}}NumberFormat"
# Excel's named date formats: only these two show a day (the others are times or whole numbers).
_NAMED_DATES = {"short date": "yyyy-mm-dd", "general date": "yyyy-mm-dd hh:mm", "medium date": "dd-mmm-yy",
                "long date": "yyyy-mm-dd"}


def _attr(elem: etree._Element, name: str) -> str | None:
    return elem.get(f"{{{NS}}}{name}")


def xmlss_sheets(fh: IO[bytes], *, max_rows: int, max_cols: int, max_cells: int) -> Iterator[Sheet]:
    """Every worksheet of the open file, in order (limits as ``ods.ods_sheets``). Raises ReadError."""
    formats: dict[str, str] = {}  # style ID → number format
    sheet: Sheet | None = None
    count = cells = 0
    row_no = 0
    try:
        for event, elem in etree.iterparse(fh, events=("start", "end"), resolve_entities=False, no_network=True,
                                           load_dtd=False, huge_tree=False, remove_comments=True):
            if event == "start":
                if elem.tag == _WORKSHEET:
                    count += 1
                    sheet, row_no, cells = Sheet(_attr(elem, "Name") or f"Sheet{count}"), 0, 0
                continue
            if elem.tag == _STYLE:
                fmt = next((_attr(f, "Format") for f in elem if f.tag == _FORMAT), None)
                if fmt and _attr(elem, "ID"):
                    formats[_attr(elem, "ID")] = _NAMED_DATES.get(fmt.lower(), fmt)
            elif elem.tag == _ROW and sheet is not None:
                row_no = _index(elem, row_no)
                cells += _row(sheet, elem, row_no, formats, max_rows, max_cols)
                if cells > max_cells:
                    raise ReadError(f"工作表“{sheet.name}”过大（超过 {max_cells // 10_000} 万格），"
                                    "不像一份表格材料，已跳过；请删去多余的行列后重新提交")
                row_no += _span(elem, "Span")  # ss:Span: this row stands for more rows
                elem.clear()
                while elem.getprevious() is not None:
                    del elem.getparent()[0]
            elif elem.tag == _WORKSHEET and sheet is not None:
                yield sheet
                sheet = None
                elem.clear()
    except etree.XMLSyntaxError as exc:
        raise ReadError(BROKEN, detail=library_words(exc)) from exc


def _index(elem: etree._Element, previous: int) -> int:
    """A row's or cell's number: its ss:Index, else the one after ``previous``."""
    try:
        return max(previous + 1, int(_attr(elem, "Index") or 0))
    except ValueError:
        return previous + 1


def _span(elem: etree._Element, name: str) -> int:
    try:
        return max(0, int(_attr(elem, name) or 0))
    except ValueError:
        return 0


def _row(sheet: Sheet, elem: etree._Element, row_no: int, formats: dict[str, str],
         max_rows: int, max_cols: int) -> int:
    """Add row ``row_no`` to ``sheet`` (the rows before it as empty rows); the cells it adds."""
    cells: list[SheetCell | None] = []
    col = 0
    for cell in elem:
        if cell.tag != _CELL:
            continue
        col = _index(cell, col)
        across, down = _span(cell, "MergeAcross"), _span(cell, "MergeDown")
        if (across or down) and col <= max_cols:
            sheet.merges.append((col, row_no, col + across, row_no + down))
        value = _value(cell, formats)
        if value is not None and len(cells) <= max_cols:  # a cell beyond the limit lands one past it
            cells.extend([None] * min(col - 1 - len(cells), max_cols - len(cells)))
            cells.append(value)
        col += across
    if not cells or len(sheet.rows) > max_rows:
        return 0
    sheet.rows.extend([] for _ in range(max(0, min(row_no - 1 - len(sheet.rows), max_rows - len(sheet.rows)))))
    sheet.rows.append(cells)
    return len(cells)


def _value(cell: etree._Element, formats: dict[str, str]) -> SheetCell | None:
    data = next((d for d in cell if d.tag == _DATA), None)
    if data is None:
        return None
    text = "".join(data.itertext())  # rich text: the words inside html:Font and the like
    kind = _attr(data, "Type")
    if kind == "Number":
        try:
            return SheetCell(typed_number(text))
        except ValueError:
            pass
    elif kind == "DateTime":
        try:
            return SheetCell(dt.datetime.fromisoformat(text.strip()[:19]), formats.get(_attr(cell, "StyleID") or ""))
        except ValueError:
            pass
    elif kind == "Boolean":
        return SheetCell(text.strip() == "1")
    elif kind == "Error":
        return None
    text = text.replace("\r\n", "\n").strip()
    return SheetCell(text) if text else None

