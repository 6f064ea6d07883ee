"""A statistics table read as figures: its header, each row's role (data, 小计,
合计, 其中 part, group heading), its columns' heads, the 其中 breakdowns over
columns or rows, and a table continued from the one before (续表: split over
two pages or two tables). The arithmetic rules (TW254–TW256) recompute on this.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from ..cn.breakdown import KNOWN_PARTS, part_word
from ..cn.numbers import UNIT, cn_to_int, CN_NUMBER
from ..cn.text import compact
from ..model import Location, Table

NO_VALUE = ("", "—", "-", "/", "无", "－", "——")
_TOTAL = re.compile(r"^(?:全[\u4e00-\u9fff]{1,3})?(?:合计|总计|共计|总数|合计人数)(?:[（(][^）)]{1,6}[）)])?[:：]?$")
# A group's own line above its members (一、东片 | 20 | 5): the 合计 may add these up instead.
_GROUP = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
_SUBTOTAL = re.compile(r"小计")
_PART_ROW = re.compile(r"^(?:其中|内含)[:：]?")
# Heads of columns that number the rows (序号; 行次 and 栏次 of a statistical report), never summed.
_NUMBERING_HEADS = ("序号", "行次", "栏次", "栏号")
_RATE_HEAD = re.compile(r"%|％|率|占比|比例|比重|百分比")


@lru_cache(maxsize=1 << 16)
def number(text: str | None) -> float | None:
    """A numeric cell: ``30``, ``30人``, ``三十名``, ``1,200``, ``-2``; empty/—/无 count as 0."""
    if text is None:
        return None
    s = compact(text).replace(",", "").replace("，", "")
    if s in NO_VALUE or s == "0":
        return 0.0
    # A negative figure is read (and then disagrees with the sum) rather than passed over.
    m = re.fullmatch(rf"([-−－]?\d+(?:\.\d+)?)(?:{UNIT}|h)?", s)
    if m:
        return float(m.group(1).replace("−", "-").replace("－", "-"))
    m = re.fullmatch(rf"({CN_NUMBER.pattern})(?:{UNIT})?", s)
    if m and (n := cn_to_int(m.group(1))) is not None and not re.fullmatch("[零〇一二三四五六七八九]{2,}", m.group(1)):
        return float(n)
    return None


def rate(text: str | None) -> str | None:
    """A percentage cell's figure as written: ``33.3%`` / ``33.3`` → ``33.3``."""
    s = compact(text or "").rstrip("%％")
    return s if re.fullmatch(r"\d+(?:\.\d+)?", s) else None


def numbered(head: str) -> bool:
    return any(w in head for w in _NUMBERING_HEADS)


NUMBERED_LINES = 4  # a run counting 1, 2, 3, 4 … has at least this many figures to be numbering


def counting(values: list[float | None]) -> bool:
    """1, 2, 3 … with nothing else: the 栏次 of a statistical report's columns (甲 | 乙 | 1 | 2 …)
    or its lines' 行次 under any head, never figures to add up."""
    seq = [v for v in values if v is not None]
    return len(seq) >= NUMBERED_LINES and seq == [float(k) for k in range(1, len(seq) + 1)]


def is_rate(head: str) -> bool:
    return bool(_RATE_HEAD.search(head))


@dataclass(slots=True)
class Line:
    """One row of a table below its header."""

    table: Table
    row: int  # from 0 in its table's grid
    cells: list[str | None]  # the row's texts, a merged cell once
    filled: list[str | None]  # a merged cell's text repeated over its span
    role: str  # "data" | "subtotal" | "total" | "part" | "group" | "heading"
    label: str

    def where(self, col: int) -> Location:
        return Location(page=self.table.page, table=self.table.index, row=self.row + 1, col=col + 1)


@dataclass(slots=True)
class Sheet:
    """A table and its continuations, with one header."""

    heads: list[str]  # a column's group heads and label joined (其中男)
    labels: list[str]  # a column's own label (男)
    groups: list[str]  # a column's group heads (其中), "" when none
    lines: list[Line] = field(default_factory=list)
    counters: set[int] = field(default_factory=set)  # columns that number the lines (行次 under any head)

    def numbers_lines(self, col: int) -> bool:
        """The column numbers the lines: headed 序号/行次/栏次, or counting 1, 2, 3 … down them."""
        return col in self.counters or numbered(self.heads[col])


def _first_data(grid: list[list[str | None]]) -> int:
    return next((r for r, row in enumerate(grid)
                 if any(x and compact(x) not in NO_VALUE and number(x) is not None for x in row)), 0)


def _role(row: list[str | None]) -> tuple[str, str]:
    texts = [compact(x or "") for x in row]
    words = [t for t in dict.fromkeys(texts) if t and number(t) is None and rate(t) is None]
    label = "".join(words)
    if any(_TOTAL.match(t) for t in words[:3]):
        return "total", label
    if any(_SUBTOTAL.search(t) and len(t) <= 12 for t in words[:3]):
        return "subtotal", label
    if any(_PART_ROW.match(t) for t in words[:3]):
        return "part", label
    if not any(number(x) is not None and compact(x or "") not in NO_VALUE for x in row):
        return "heading", label
    return ("group" if words and _GROUP.match(words[0]) else "data"), label


_last: tuple[list[Table] | None, list[Sheet]] = (None, [])  # three rules read one document's sheets in turn


def sheets(tables: list[Table]) -> list[Sheet]:
    """The statistics tables of a document; a table with no header of its own, or the
    same header, and as many columns as the one before continues it (when that one has
    no 合计 row of its own)."""
    global _last
    seen, found = _last
    if seen is not tables:
        found = _sheets(tables)
        _last = tables, found
    return found


def _sheets(tables: list[Table]) -> list[Sheet]:
    out: list[Sheet] = []
    last: tuple[Sheet, int] | None = None
    for t in tables:
        if t.parent is not None:
            continue
        grid, filled = t.grid(fill=False), t.grid(fill=True)
        if len(grid) < 2:
            continue
        first = _first_data(grid)
        # The header: the rows above the first figure but a group's heading spanning the width.
        rows = [i for i in range(first) if len({x for x in filled[i] if x}) > 1]
        labels = [compact(h or "") for h in filled[rows[-1]]] if rows else []
        if first and not rows:
            first = 0
        sheet = None
        if last is not None and last[1] == t.ncols and not any(x.role == "total" for x in last[0].lines) and (
                first == 0 or labels == last[0].labels):
            sheet = last[0]
        elif first == 0:
            last = None
            continue
        if sheet is None:
            # A column's head joins its group and its own label; a title spanning the
            # whole width is no column's head.
            heads = ["".join(dict.fromkeys(compact(filled[i][c] or "") for i in rows)) for c in range(t.ncols)]
            groups = ["".join(dict.fromkeys(compact(filled[i][c] or "") for i in rows[:-1]
                                            if compact(filled[i][c] or "") != labels[c])) for c in range(t.ncols)]
            sheet = Sheet(heads, labels, groups)
            out.append(sheet)
        for r in range((rows[-1] + 1) if rows else 0, len(grid)):
            if counting([number(x) if x and compact(x) not in NO_VALUE else None for x in grid[r]]):
                continue  # the 栏次 row (甲 | 乙 | 1 | 2 | 3 …) names the columns
            role, label = _role(filled[r])
            sheet.lines.append(Line(t, r, grid[r], filled[r], role, label))
        last = sheet, t.ncols
    for sheet in out:
        for c in range(len(sheet.heads)):
            down = [number(x.cells[c]) for x in sheet.lines if c < len(x.cells) and x.role != "heading"
                    and x.cells[c] and compact(x.cells[c]) not in NO_VALUE]
            if counting(down):
                sheet.counters.add(c)
    return out


def column_parts(sheet: Sheet) -> list[tuple[int, list[int]]]:
    """(whole column, its part columns) for each 其中 breakdown over columns: sub-columns
    under a 其中 head, the column left of them the whole; or, in a one-row header, a
    column labelled 其中… and the known part labels right of it (其中：男 | 女 | 党员)."""
    out = []
    n = len(sheet.heads)
    c = 0
    while c < n:
        if "其中" in sheet.groups[c]:
            end = c
            while end + 1 < n and sheet.groups[end + 1] == sheet.groups[c]:
                end += 1
            parts = list(range(c, end + 1))
        elif _PART_ROW.match(sheet.labels[c]):
            end = c
            while end + 1 < n and part_word(sheet.labels[end + 1]) in KNOWN_PARTS:
                end += 1
            parts = list(range(c, end + 1))
        else:
            c += 1
            continue
        whole = c - 1
        if whole >= 0 and not sheet.numbers_lines(whole) and not is_rate(sheet.heads[whole]):
            out.append((whole, [p for p in parts if not is_rate(sheet.heads[p])]))
        c = end + 1
    return out


def row_parts(sheet: Sheet) -> list[tuple[int, list[int]]]:
    """(whole line, its part lines) for each 其中 breakdown over rows: a line labelled
    其中…, the known part labels below it, and the line above as the whole."""
    out = []
    lines = sheet.lines
    k = 0
    while k < len(lines):
        if lines[k].role != "part" or k == 0 or lines[k - 1].role in ("part", "heading"):
            k += 1
            continue
        end = k
        # A line with a 其中 of its own below it heads another breakdown (入党申请人, 其中…; 入党积极分子,
        # 其中…), even when its label could be a part.
        while end + 1 < len(lines) and lines[end + 1].role == "data" and part_word(lines[end + 1].label) in KNOWN_PARTS \
                and not (end + 2 < len(lines) and lines[end + 2].role == "part"):
            end += 1
        out.append((k - 1, list(range(k, end + 1))))
        k = end + 1
    return out
