"""The places of a body a finding can point at, numbered as the reader (``read.docx``) numbers them."""

from __future__ import annotations

from .body import BlockWalker, text_boxes
from .table import grid_cells, positions


class Places(BlockWalker):
    """``paragraphs[i]`` is the body's paragraph i + 1 (empty ones counted, those in table cells
    not; a text box's paragraphs right after the paragraph anchoring it); ``tables[t]`` is table
    t + 1 (in the order they start, nested ones too) and ``grids[t]`` maps its grid positions
    (row, col) to the ``w:tc`` covering them."""

    def __init__(self, body) -> None:
        self.paragraphs: list = []
        self.tables: list = []
        self.grids: list[dict[tuple[int, int], object]] = []
        self.blocks(body, False)

    def paragraph(self, p, in_cell: bool) -> None:
        if not in_cell:
            self.paragraphs.append(p)
        for box in text_boxes(p):
            self.blocks(box, in_cell)

    def table(self, tbl, in_cell: bool) -> None:
        self.tables.append(tbl)
        cells = grid_cells(tbl)
        self.grids.append({pos: c.tc for pos, c in positions(cells).items()})
        for c in cells:
            self.blocks(c.tc, True)
