"""Excel 97–2003 workbooks (.xls, as the League's platform and many office systems export them),
read with xlrd (``sheets.xls``): every worksheet a Table, merged cells as spans, like a .xlsx.
"""

from __future__ import annotations

from ..model import Document, Metadata
from ..sheets.xls import xls_sheets
from .xlsx import append_sheets


def read_xls(path: str) -> Document:
    doc = Document(path=path, format="xls")
    with open(path, "rb") as fh:
        book, sheets = xls_sheets(fh.read())
    append_sheets(doc, sheets)
    doc.metadata = Metadata(last_modified_by=book.user_name or None)
    return doc
