"""Rows of tallies, logs and rosters: one record per data row.

The header row is the first of the top rows with at least two known column
labels; a group header above sub-labels (``表决情况`` over 应到/实到/赞成…,
``领取`` over 份数/日期) makes a two-row header. The 合计 row is kept apart.
A table on a later page with the same number of columns and no header of its
own continues the previous one (PDF exports split long tables).
"""

from __future__ import annotations

import re
from typing import Callable

from ..cn.text import compact
from ..kinds import KINDS, TOTAL_ROW, row_kind
from ..model import Cell, Location, Record, Table
from .labels import canonical
from .normalize import normalize

_HEADER_SCAN = 6
_TOTAL = re.compile(r"^(合计|总计|共计|小计|总数|合\s*计)[:：]?$")
# A 落款 cell below a list: a short label and a colon (填表人：, 审核人（签字）：, 日期：).
_SIGN_OFF = re.compile(r"^[\u4e00-\u9fff]{1,8}(?:[（(][\u4e00-\u9fff]{1,4}[)）])?\s*[:：]")
_GROUP_NOISE = re.compile(r"(情况|信息|人数|统计)$")
# A header names at least one of these: a list kind's own header keys, or what any list of people has.
_ANCHORS = frozenset({"团支部", "应到人数", "身份证号"}).union(*(k.header_keys for k in KINDS))


Canon = Callable[[str, bool], "str | None"]  # a label → its canonical key (header words allowed)


def _column_keys(upper: list[str | None], lower: list[str | None] | None,
                 canon: Canon = canonical) -> dict[int, str]:
    """Column index → canonical key for a one- or two-row header (first use of a key wins)."""
    keys: dict[int, str] = {}
    for c, top in enumerate(upper):
        key = None
        if lower is not None and lower[c]:
            group = _GROUP_NOISE.sub("", compact(top or ""))
            key = canon(group + compact(lower[c]), True) if group != compact(lower[c]) else None
            key = key or canon(lower[c], True)
        key = key or canon(top or "", True)
        if key and key not in keys.values():
            keys[c] = key
    return keys


def find_header(table: Table, first: int = 0, scan: int = _HEADER_SCAN,
                grid: list[list[str | None]] | None = None, canon: Canon = canonical,
                anchors: frozenset[str] = _ANCHORS) -> tuple[int, dict[int, str]] | None:
    """(first data row index from 0, column keys) or ``None`` when there is no
    header in ``scan`` rows from row ``first`` (from 0). ``canon`` and ``anchors``
    (keys one of which a header must have) default to the 推优 lists'."""
    grid = grid or table.grid(fill=True)
    for r in range(first, min(first + scan, len(grid))):
        keys, start = _column_keys(grid[r], None, canon), r + 1
        if len(keys) < 2:
            continue
        if r + 1 < len(grid):
            double = _column_keys(grid[r], grid[r + 1], canon)
            if len(double) >= len(keys) + 2:
                keys, start = double, r + 2
        if not anchors & set(keys.values()):
            continue
        # In a header most cells are labels; a form row alternates label, value.
        filled = sum(1 for c in table.cells if c.row == r + 1 and c.text.strip())
        if len(keys) * 5 >= filled * 3:
            return start, keys
    return None


def _is_total(texts: list[str]) -> bool:
    return any(_TOTAL.match(compact(t)) for t in texts[:4] if t)


def table_rows(tables: list[Table], canon: Canon = canonical, anchors: frozenset[str] = _ANCHORS,
               kind: str | None = None) -> tuple[list[Record], Record | None]:
    """Records for the data rows of ``tables`` and the 合计 row, if any. A kind of
    list other than the 推优 ones names its own labels (``canon``, ``anchors``) and
    its records' ``kind``."""
    records: list[Record] = []
    total: Record | None = None
    header: tuple[int, dict[int, str]] | None = None
    last_ncols = 0
    last: tuple[Record, list[str]] | None = None  # the last data record and its row's texts
    for table in tables:
        found = find_header(table, canon=canon, anchors=anchors)
        continued = found is None and header is not None and table.ncols == last_ncols
        if found is not None:
            header = found
        elif continued:
            header = (0, header[1])  # continuation of the previous page's table
        else:
            header = None
            continue
        last_ncols = table.ncols
        start, keys = header
        grid, filled = _vertical_grid(table), table.grid(fill=True)
        by_row: dict[int, list[Cell]] = {}
        for c in table.cells:
            if c.text.strip():
                by_row.setdefault(c.row - 1, []).append(c)
        r = start
        while r < len(grid):
            again = find_header(table, r, 1, filled, canon, anchors)
            if again is not None:  # a second list further down the sheet
                r, keys = again
                continue
            texts = [t or "" for t in grid[r]]
            r += 1
            if continued and r == 1 and last is not None and _row_rest(texts, keys, last[1]):
                _glue(last, texts, keys)
                continue
            if _is_note_row(by_row.get(r - 1, []), len(grid[0]) if grid else 0):
                continue
            values: dict[str, object] = {}
            where: dict[str, Location] = {}
            for c, key in keys.items():
                if c < len(texts) and texts[c].strip() and not _TOTAL.match(compact(texts[c])):
                    values[key] = normalize(key, texts[c])
                    where[key] = Location(page=table.page, table=table.index, row=r, col=c + 1)
            loc = Location(page=table.page, table=table.index, row=r)
            if _is_total(texts):
                total = Record(kind=TOTAL_ROW, values=values, where=where, location=loc)
            elif any(v is not None for k, v in values.items() if k != "序号"):
                records.append(Record(kind=kind or row_kind(set(keys.values())), values=values, where=where,
                                      location=loc))
                last = records[-1], texts
    return records, total


def _row_rest(texts: list[str], keys: dict[int, str], before: list[str]) -> bool:
    """Whether the first row of a page's continuation table is the rest of the row the page
    before ended on (Word lets a row break across pages): its first keyed column and its
    姓名, which that row filled, are empty (a name merged down from the page before is not),
    and it fills at most half as many columns, each one that row filled too (the long texts)."""
    filled = [c for c, t in enumerate(texts) if t.strip()]
    ids = [c for c, k in keys.items() if k == "姓名"] + [min(keys)]
    had = [c for c, t in enumerate(before) if t.strip()]
    return (bool(filled) and 2 * len(filled) <= len(had) and all(c in had for c in filled)
            and all(c in had and not texts[c].strip() for c in ids if c < len(texts)))


def _glue(last: tuple[Record, list[str]], texts: list[str], keys: dict[int, str]) -> None:
    """The rest of a broken row appended to its record's values, cell by cell."""
    rec, before = last
    for c, text in enumerate(texts):
        if text.strip() and c < len(before):
            before[c] = before[c] + text
            if c in keys:
                rec.values[keys[c]] = normalize(keys[c], before[c])


def _vertical_grid(table: Table) -> list[list[str | None]]:
    """Cell texts with vertically merged cells repeated down their rows (a 团支部
    merged over its candidates belongs to each), horizontal spans left once."""
    ncols = table.ncols
    g: list[list[str | None]] = [[None] * ncols for _ in range(table.nrows)]
    for c in table.cells:
        for r in range(c.row - 1, c.row - 1 + c.rowspan):
            g[r][c.col - 1] = c.text
    return g


def _is_note_row(cells: list[Cell], ncols: int) -> bool:
    """A row (``cells``: those holding text) whose only text sits in one cell spanning most
    of the ``ncols`` columns (填表说明, 落款), or whose every cell is a ``label：value``
    line (``填表人：赵六 … 日期：2026年5月20日``)."""
    if cells and all(_SIGN_OFF.match(c.text.strip()) for c in cells):
        return True
    return len(cells) == 1 and ncols > 2 and cells[0].colspan * 2 > ncols
