"""OpenDocument spreadsheets (.ods, and flat .fods) as a Document: each sheet a Table, parsed by
``sheets.ods`` (without LibreOffice), the package checked first."""

from __future__ import annotations

import zipfile
from contextlib import contextmanager
from typing import Iterator

from ..errors import ReadError, library_words
from ..model import Document
from ..sheets.ods import BROKEN, flat_ods_sheets, ods_metadata, ods_sheets
from .limits import MAX_PART, check_zip
from .xlsx import append_sheets


def read_ods(path: str, *, max_rows: int, max_cols: int, max_cells: int) -> Document:
    """The workbook as a Document, each sheet a Table (``xlsx.sheet_table``). Raises ReadError."""
    doc = Document(path=path, format="ods")
    if not zipfile.is_zipfile(path):  # a flat .fods
        with open(path, "rb") as fh:
            append_sheets(doc, flat_ods_sheets(fh, max_rows=max_rows, max_cols=max_cols, max_cells=max_cells))
        return doc
    with _package(path) as zf:
        append_sheets(doc, ods_sheets(zf, max_rows=max_rows, max_cols=max_cols, max_cells=max_cells))
        doc.metadata = ods_metadata(zf)
    return doc


@contextmanager
def _package(path: str) -> Iterator[zipfile.ZipFile]:
    """The .ods as an open, checked zip (a zip bomb, a huge part or a package that is no .ods is a ReadError)."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError(BROKEN, detail=library_words(exc)) from exc
    with zf:
        check_zip(zf)
        if any(i.file_size > MAX_PART for i in zf.infolist() if i.filename in ("content.xml", "styles.xml")):
            raise ReadError(f"表格内容过大（超过 {MAX_PART // 2**20} MB），已拒绝处理")
        yield zf
