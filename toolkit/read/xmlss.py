"""Excel 2003 XML spreadsheets (SpreadsheetML, ``sheets.xmlss``) as a Document: each worksheet a Table."""

from __future__ import annotations

from ..model import Document
from ..sheets.xmlss import xmlss_sheets
from .xlsx import append_sheets


def read_xmlss(path: str, *, max_rows: int, max_cols: int, max_cells: int) -> Document:
    """The workbook as a Document, each worksheet a Table (``xlsx.sheet_table``). Raises ReadError."""
    doc = Document(path=path, format="xml")
    with open(path, "rb") as fh:
        append_sheets(doc, xmlss_sheets(fh, max_rows=max_rows, max_cols=max_cols, max_cells=max_cells))
    return doc
