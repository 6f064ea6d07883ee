"""Spreadsheet data saved as text: a .csv/.tsv export, or one that an office system names .xls.

Only a file whose name says it is a table is read as one (a .txt summary typed with half-width
commas stays paragraphs, so the punctuation rules still see it). The delimiter is the one of
tab, comma and semicolon that splits most lines; a file none of them splits is text after all.
"""

from __future__ import annotations

import csv
import io
import os

from ..model import Cell, Table

TABLE_NAMES = {".csv", ".tsv", ".xls", ".xlsx", ".xlsm", ".et"}  # names under which text is a table
_DELIMITERS = ("\t", ",", ";")


def is_table_name(path: str) -> bool:
    return os.path.splitext(path)[1].lower() in TABLE_NAMES


def split_rows(text: str) -> list[list[str]] | None:
    """The rows of delimited ``text`` (quotes and quoted line breaks as Excel writes them), or None
    when no delimiter splits at least half of its non-blank lines."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    split = {d: sum(d in line for line in lines) for d in _DELIMITERS}
    delimiter = max(_DELIMITERS, key=lambda d: split[d])
    if split[delimiter] * 2 < len(lines):
        return None
    rows = [[v.strip() for v in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    for row in rows:
        while row and not row[-1]:
            row.pop()
    while rows and not rows[-1]:
        rows.pop()
    return rows


def table_of(rows: list[list[str]], title: str | None = None) -> Table:
    """A Table with one cell per grid position (blank rows kept: row numbers are the file's lines)."""
    ncols = max((len(row) for row in rows), default=0)
    cells = [Cell(row=r, col=c, text=row[c - 1] if c <= len(row) else "")
             for r, row in enumerate(rows, start=1) for c in range(1, ncols + 1)]
    return Table(index=1, cells=cells, title=title)
