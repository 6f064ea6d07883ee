"""A table's cells on its grid, merges resolved as Word shows them.

Rows and columns count grid positions from 1: ``w:gridBefore`` skips positions, ``w:gridSpan``
widens a cell, ``w:vMerge`` continues the cell above and the legacy ``w:hMerge`` the cell to the
left. A merged cell is one ``GridCell`` at its top-left position with its spans.
"""

from __future__ import annotations

from dataclasses import dataclass

from .body import block_children
from .ns import TC, TR, W

MAX_GRID = 63  # Word's own limit on a table's columns


@dataclass(slots=True)
class GridCell:
    row: int
    col: int
    tc: object  # the w:tc that shows the cell
    colspan: int = 1
    rowspan: int = 1


def _grid_count(el, default: int, width: int) -> int:
    """A ``w:gridBefore``/``w:gridSpan`` count, at most ``width``; ``default`` when absent or not a number."""
    if el is None:
        return default
    try:
        return min(max(int(el.get(W + "val", default)), 0), width)
    except ValueError:
        return default


def grid_cells(tbl) -> list[GridCell]:
    """The cells of ``tbl`` in reading order (row by row, left to right), merged cells once."""
    cells: list[GridCell] = []
    open_v: dict[int, GridCell] = {}  # grid column → cell merging downwards
    # A grid count beyond the table's own grid is made up (gridBefore="99999999" would make every
    # later step build rows of a hundred million columns): bound it by the grid's width.
    width = max(len(tbl.findall(f"{W}tblGrid/{W}gridCol")), MAX_GRID)
    for r, tr in enumerate(block_children(tbl, TR), start=1):
        col = 1
        trpr = tr.find(W + "trPr")
        if trpr is not None:
            col += _grid_count(trpr.find(W + "gridBefore"), 0, width)
        left: GridCell | None = None
        still_open: dict[int, GridCell] = {}
        for tc in block_children(tr, TC):
            tcpr = tc.find(W + "tcPr")
            span, vmerge, hmerge = 1, None, None
            if tcpr is not None:
                span = max(1, _grid_count(tcpr.find(W + "gridSpan"), 1, width))
                vm, hm = tcpr.find(W + "vMerge"), tcpr.find(W + "hMerge")
                vmerge = vm.get(W + "val", "continue") if vm is not None else None
                hmerge = hm.get(W + "val", "continue") if hm is not None else None
            if vmerge == "continue" and col in open_v:
                above = open_v[col]
                above.rowspan = r - above.row + 1
                still_open[col] = above
            elif hmerge == "continue" and left is not None:
                left.colspan += span
            else:
                left = GridCell(r, col, tc, colspan=span)
                cells.append(left)
                if vmerge == "restart":
                    still_open[col] = left
            col += span
        open_v = still_open
    return cells


def positions(cells: list[GridCell]) -> dict[tuple[int, int], GridCell]:
    """Grid position (row, col) → the cell covering it."""
    return {(c.row + i, c.col + j): c for c in cells for i in range(c.rowspan) for j in range(c.colspan)}
