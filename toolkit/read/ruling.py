"""Tables from ruling lines: the cells that horizontal and vertical edges enclose.

This is pdfplumber's ``TableFinder`` with its default ("lines") settings —
snap edges within 3 pt, join collinear pieces, find the crossings, take the
smallest closed cell right-below each crossing, group cells that share a
corner — on the edges pdfium gives (``pdfium.py``). Importing pdfplumber for
it would load pdfminer and half of pdfplumber, a good share of a round's
start-up. ``tests/test_read_pdf.py`` checks it finds what pdfplumber finds.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

TOLERANCE = 3.0  # pdfplumber's snap, join and intersection tolerances
MIN_LENGTH = 3.0  # pdfplumber's edge_min_length

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(slots=True)
class Found:
    """A table found: its cells top to bottom, each row left to right."""

    cells: list[Box]

    @property
    def bbox(self) -> Box:
        c = self.cells
        return (min(b[0] for b in c), min(b[1] for b in c), max(b[2] for b in c), max(b[3] for b in c))


def find_tables(edges: list[dict]) -> list[Found]:
    """The tables the ``edges`` (pdfplumber-style dicts) enclose, top to bottom."""
    # An edge as (position, start, end): x, top, bottom for "v"; top, x0, x1 for "h".
    v = _merge([(e["x0"], e["top"], e["bottom"]) for e in edges if e["orientation"] == "v"])
    h = _merge([(e["top"], e["x0"], e["x1"]) for e in edges if e["orientation"] == "h"])
    crossings: dict[tuple[float, float], tuple[set, set]] = {}
    for ve in sorted(v):
        x, top, bottom = ve
        for he in sorted(h):
            y, x0, x1 = he
            if top <= y + TOLERANCE and bottom >= y - TOLERANCE and x0 - TOLERANCE <= x <= x1 + TOLERANCE:
                at = crossings.setdefault((x, y), (set(), set()))
                at[0].add(ve)
                at[1].add(he)
    return _tables(_cells(crossings))


def _merge(edges: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Snap edges whose positions chain within the tolerance to their mean,
    join pieces on one line that touch or nearly do, drop short ones."""
    edges.sort()
    snapped: list[tuple[float, float, float]] = []
    i = 0
    while i < len(edges):
        j = i + 1
        while j < len(edges) and edges[j][0] <= edges[j - 1][0] + TOLERANCE:
            j += 1
        group = edges[i:j]
        mean = sum(e[0] for e in group) / len(group)
        snapped += [(mean, s, t) for _, s, t in group]
        i = j
    out = []
    for _, line in groupby(sorted(snapped), key=lambda e: e[0]):
        joined: list[list[float]] = []
        for pos, start, end in sorted(line, key=lambda e: e[1]):
            if joined and start <= joined[-1][2] + TOLERANCE:
                joined[-1][2] = max(joined[-1][2], end)
            else:
                joined.append([pos, start, end])
        out += [(p, s, t) for p, s, t in joined if t - s >= MIN_LENGTH]
    return out


def _cells(crossings: dict[tuple[float, float], tuple[set, set]]) -> list[Box]:
    """For each crossing, the smallest cell it is the top-left corner of whose
    four sides are drawn."""
    def joined(a, b) -> bool:  # a and b lie on one drawn edge
        return (a[0] == b[0] and bool(crossings[a][0] & crossings[b][0])) or \
            (a[1] == b[1] and bool(crossings[a][1] & crossings[b][1]))

    points = sorted(crossings)
    cells = []
    for i, pt in enumerate(points):
        rest = points[i + 1:]
        below = [p for p in rest if p[0] == pt[0]]
        right = [p for p in rest if p[1] == pt[1]]
        cell = next(((pt[0], pt[1], r[0], b[1]) for b in below if joined(pt, b) for r in right if joined(pt, r)
                     if (r[0], b[1]) in crossings and joined((r[0], b[1]), r) and joined((r[0], b[1]), b)), None)
        if cell is not None:
            cells.append(cell)
    return cells


def _tables(cells: list[Box]) -> list[Found]:
    """Cells grouped into tables by shared corners; single cells dropped."""
    def corners(c: Box) -> tuple:
        return (c[0], c[1]), (c[0], c[3]), (c[2], c[1]), (c[2], c[3])

    remaining = list(cells)
    groups: list[list[Box]] = []
    while remaining:
        group = [remaining.pop(0)]
        seen = set(corners(group[0]))
        grew = True
        while grew:
            grew = False
            for c in list(remaining):
                if any(p in seen for p in corners(c)):
                    seen.update(corners(c))
                    group.append(c)
                    remaining.remove(c)
                    grew = True
        groups.append(group)
    groups.sort(key=lambda g: min((c[1], c[0]) for c in g))
    return [Found(sorted(g, key=lambda c: (c[1], c[0]))) for g in groups if len(g) > 1]
