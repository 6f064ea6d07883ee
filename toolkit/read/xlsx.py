"""Excel workbooks (openpyxl): every worksheet a Table, merged cells as spans.

Cached values are read (``data_only``), so a formula cell shows the number
Excel last computed. Trailing empty rows and columns are trimmed; rows above
the header (titles) stay, and extraction finds the header itself.
"""

from __future__ import annotations

import datetime as dt
import warnings
import zipfile

from ..errors import ReadError
from ..model import Cell, Document, Metadata, Paragraph, Table
from .limits import check_zip


def cell_text(value) -> str:
    """How a person sees a cell value: dates as dates, 3.0 as 3."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value).strip()


def read_xlsx(path: str) -> Document:
    try:
        with zipfile.ZipFile(path) as zf:
            check_zip(zf)
    except zipfile.BadZipFile as exc:
        raise ReadError("文件已损坏，无法作为 .xlsx 打开") from exc
    import openpyxl  # heavy: only when a workbook is read

    try:
        with warnings.catch_warnings():  # openpyxl warns about print headers, validation …
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, data_only=True, read_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken package
        raise ReadError(f"文件已损坏，无法作为 .xlsx 打开（{type(exc).__name__}）") from exc
    doc = Document(path=path, format="xlsx")
    for ws in wb.worksheets:
        table = _sheet(ws, len(doc.tables) + 1)
        # The sheet name as a paragraph before its table, so it shows in reading order.
        doc.paragraphs.append(Paragraph(index=len(doc.paragraphs) + 1, text=ws.title, style="工作表名"))
        table.position = len(doc.paragraphs)
        doc.tables.append(table)
    props = wb.properties
    doc.metadata = Metadata(author=props.creator, last_modified_by=props.lastModifiedBy,
                            created=props.created.isoformat() if props.created else None,
                            modified=props.modified.isoformat() if props.modified else None,
                            title=props.title)
    wb.close()
    return doc


def _sheet(ws, index: int) -> Table:
    rows = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    spans = {}
    covered = set()
    for rng in ws.merged_cells.ranges:
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        covered.update((r, c) for r in range(rng.min_row, rng.max_row + 1)
                       for c in range(rng.min_col, rng.max_col + 1) if (r, c) != (rng.min_row, rng.min_col))
    nrows = max((i + 1 for i, row in enumerate(rows) if any(row)), default=0)
    ncols = max((max((j + 1 for j, t in enumerate(row) if t), default=0) for row in rows[:nrows]), default=0)
    for (r, c), (rs, cs) in spans.items():  # a merged title reaches as far as its range
        if r <= nrows:
            ncols = max(ncols, min(c + cs - 1, ws.max_column)) if rows[r - 1][c - 1] else ncols
    cells = []
    for r in range(1, nrows + 1):
        for c in range(1, ncols + 1):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            text = rows[r - 1][c - 1] if c - 1 < len(rows[r - 1]) else ""
            cells.append(Cell(row=r, col=c, text=text, rowspan=min(rs, nrows - r + 1),
                              colspan=min(cs, ncols - c + 1)))
    return Table(index=index, cells=cells, title=ws.title)
