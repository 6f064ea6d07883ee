"""Excel workbooks (openpyxl): every worksheet a Table, merged cells as spans.

Cached values are read (``data_only``), so a formula cell shows the number
Excel last computed. Trailing empty rows and columns are trimmed; rows above
the header (titles) stay, and extraction finds the header itself.

Sheets are streamed (``read_only``: formatted-but-empty cells, common in
templates, cost nothing); read-only sheets do not expose merged ranges, so
those are taken from the sheet XML's ``<mergeCell ref=…>`` elements.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
import zipfile
from typing import BinaryIO, Iterable

from ..errors import ReadError, library_words
from ..model import SHEET_STYLE, Cell, Document, Metadata, Paragraph, Table
from ..sheets import Sheet, shows_month
from .limits import check_zip


def cell_text(value, number_format: str | None = None) -> str:
    """How a person sees a cell value: dates as dates (a date shown as year and month, 2004年5月,
    as ``2004-05``: its day is Excel's filler, not what was typed), 3.0 as 3."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time() and shows_month(number_format):
            return f"{value.year:04d}-{value.month:02d}"
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value).strip()


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def read_xlsx(path: str) -> Document:
    try:
        with zipfile.ZipFile(path) as zf, open(path, "rb") as fh, warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about print headers, validation …
            check_zip(zf)
            return _read(path, zf, fh)
    except zipfile.BadZipFile as exc:
        raise ReadError("文件已损坏，无法作为 .xlsx 打开") from exc


def _read(path: str, zf: zipfile.ZipFile, fh: BinaryIO) -> Document:
    import openpyxl  # heavy: only when a workbook is read

    try:
        # The open file, not the name: openpyxl refuses a name not ending in .xlsx, and a
        # mislabelled workbook is read by its content.
        wb = openpyxl.load_workbook(fh, data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken package
        raise ReadError("文件已损坏，无法作为 .xlsx 打开", detail=library_words(exc)) from exc
    doc = Document(path=path, format="xlsx")
    for ws in wb.worksheets:
        sheet_xml = zf.read(ws._worksheet_path)  # openpyxl keeps no public name for the part
        merges = [m.decode() for m in _MERGE.findall(sheet_xml)]
        append_sheet(doc, _sheet(ws, merges, len(doc.tables) + 1))
    props = wb.properties
    doc.metadata = Metadata(author=props.creator, last_modified_by=props.lastModifiedBy,
                            created=props.created.isoformat() if props.created else None,
                            modified=props.modified.isoformat() if props.modified else None,
                            title=props.title)
    wb.close()
    return doc


# A sheet's extent comes from its cells, never from what the file claims (a dimension or merge of
# A1:XFD1048576 is 17 billion cells); beyond these a sheet is not a form or a roster.
MAX_ROWS = 100_000
MAX_COLS = 1_000
MAX_CELLS = 2_000_000


def _too_big(title: str, what: str) -> ReadError:
    return ReadError(f"工作表“{title}”过大（{what}），不像一份表格材料，已跳过；请删去多余的行列后重新提交")


def _sheet(ws, merges: list[str], index: int) -> Table:
    from openpyxl.utils.cell import range_boundaries

    width = min(ws.max_column or MAX_COLS + 1, MAX_COLS + 1)  # the dimension's width, as openpyxl takes it
    # A date cell's format says how precise it is; other cells need only their value.
    rows = ([cell_text(c.value, c.number_format if isinstance(c.value, dt.datetime) else None) for c in cells]
            for cells in ws.iter_rows(max_col=width))
    return sheet_table(ws.title, rows, [range_boundaries(ref) for ref in merges], index)


def append_sheet(doc: Document, table: Table) -> None:
    """Add a worksheet's table to ``doc`` after a paragraph with the sheet's name, so that the
    name shows in reading order."""
    doc.paragraphs.append(Paragraph(index=len(doc.paragraphs) + 1, text=table.title or "", style=SHEET_STYLE))
    table.position = len(doc.paragraphs)
    doc.tables.append(table)


def append_sheets(doc: Document, sheets: Iterable[Sheet]) -> None:
    """Add the worksheets a reader without openpyxl gives (.xls, .ods, SpreadsheetML), shown as ``cell_text``."""
    for sheet in sheets:
        rows = ([cell_text(*c) if c else "" for c in row] for row in sheet.rows)
        append_sheet(doc, sheet_table(sheet.name, rows, sheet.merges, len(doc.tables) + 1))


def sheet_table(title: str, texts: Iterable[list[str]], merges: Iterable[tuple[int, int, int, int]],
                index: int) -> Table:
    """A worksheet as a Table: ``texts`` its rows of cell texts (``cell_text``) from the first,
    ``merges`` its merged ranges as (min_col, min_row, max_col, max_row), 1-based and inclusive.
    Trailing empty rows and columns are trimmed; the limits above hold as the rows stream in."""
    rows: list[list[str]] = []
    for r, row in enumerate(texts, start=1):
        if not any(row):
            if r <= MAX_ROWS:
                rows.append([])
            continue
        if r > MAX_ROWS:
            raise _too_big(title, f"第 {r} 行仍有内容，上限 {MAX_ROWS} 行")
        while row and not row[-1]:
            row.pop()
        if len(row) > MAX_COLS:
            raise _too_big(title, f"第 {r} 行超过 {MAX_COLS} 列")
        rows.append(row)
    nrows = max((i + 1 for i, row in enumerate(rows) if row), default=0)
    ncols = max((len(row) for row in rows[:nrows]), default=0)
    spans = {}
    for min_col, min_row, max_col, max_row in merges:
        if min_row <= nrows and min_col <= MAX_COLS:
            spans[(min_row, min_col)] = (min(max_row, nrows) - min_row + 1, min(max_col, MAX_COLS) - min_col + 1)
    for (r, c), (rs, cs) in spans.items():  # a merged title reaches as far as its range
        if c <= len(rows[r - 1]) and rows[r - 1][c - 1]:
            ncols = max(ncols, c + cs - 1)
    if nrows * ncols > MAX_CELLS:
        raise _too_big(title, f"{nrows} 行 × {ncols} 列，上限 {MAX_CELLS // 10_000} 万格")
    covered = {(r, c) for (r0, c0), (rs, cs) in spans.items() for r in range(r0, min(r0 + rs, nrows + 1))
               for c in range(c0, min(c0 + cs, ncols + 1)) if (r, c) != (r0, c0)}
    cells = []
    for r in range(1, nrows + 1):
        for c in range(1, ncols + 1):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            text = rows[r - 1][c - 1] if c <= len(rows[r - 1]) else ""
            cells.append(Cell(row=r, col=c, text=text, rowspan=min(rs, nrows - r + 1),
                              colspan=min(cs, ncols - c + 1)))
    return Table(index=index, cells=cells, title=title)
