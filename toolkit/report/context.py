"""Flagged text in its context: where a finding points, and what to highlight.

``contexts`` (an optional argument of ``write_report``) maps each file to the
full texts around its findings, keyed by :func:`context_key`::

    {"submissions/总结_生物2201团支部.docx": {
        "p:4": "……共推荐5人。",          # body paragraph 4
        "t:1:3:2": "王子涵",             # table 1, row 3, column 2
        "t:1:3": "3 | 化工2201团支部 | …",  # a whole table row
        "t:1:3:2@": "4:14",              # where cell (3, 2) is in its row's text
        "团支部": "生物2201团支部"}}       # optional: the file's branch

A cell's finding also brings its row and the table's first row (the header),
so a report shows ``20`` as the 应到 of 王子涵's row, not a bare number.

The check command builds it in its workers with :func:`document_contexts`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from ..check.engine import Finding
from ..model import Document, Location, Table

# Fragments a message quotes are what the finding is about: “共推荐5人”, 「××」, ‘xx’.
_QUOTED = re.compile(r"“([^“”]{1,60})”|「([^「」]{1,60})」|‘([^‘’]{1,60})’")
_ELLIPSIS = "…. \u3000\t\n"
# A fragment quoted after these words is the correction, not the mistake: 应为全角“，”.
_EXPECTED = re.compile(r"(?:应为|应是|应写作|应写为|应改为|应使用|应用|建议改为|可改为)(?:全角|半角)?$")


def context_key(loc: Location) -> str | None:
    """``p:12`` for a paragraph, ``t:1:3:2`` for a cell, ``t:1:3`` for a row."""
    if loc.table is not None:
        parts = [loc.table]
        if loc.row is not None:
            parts.append(loc.row)
            if loc.col is not None:
                parts.append(loc.col)
        return "t:" + ":".join(map(str, parts))
    if loc.paragraph is not None:
        return f"p:{loc.paragraph}"
    return None


CELL_SEP = " | "


def _row_text(plain: list[list[str | None]], row: int, col: int | None = None) -> tuple[str, tuple[int, int] | None]:
    """A row's cells joined, each merged cell once, and where the cell that
    starts at grid column ``col`` is in that text."""
    parts: list[str] = []
    pos, span = 0, None
    for k, text in enumerate(plain[row - 1], 1):
        if not text:
            continue
        if parts:
            pos += len(CELL_SEP)
        if k == col:
            span = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
    return CELL_SEP.join(parts), span


def _cell_contexts(table: Table, grids: tuple[list, list], loc: Location) -> dict[str, str]:
    """A cell's text (a merged cell's for every position it covers), its row and
    the header row with the cell's place in its row; or a row's text."""
    plain, filled = grids
    if loc.row is None or not 1 <= loc.row <= len(plain):
        return {}
    out: dict[str, str] = {}
    if loc.col is None:
        out[f"t:{loc.table}:{loc.row}"] = _row_text(plain, loc.row)[0]
        return out
    row = filled[loc.row - 1]
    if not 1 <= loc.col <= len(row) or not row[loc.col - 1]:
        return out
    key = context_key(loc)
    out[key] = row[loc.col - 1]
    # The cell that covers the position: the row shows it where it starts.
    cell = next((c for c in table.cells if c.row <= loc.row < c.row + c.rowspan
                 and c.col <= loc.col < c.col + c.colspan), None)
    start = cell.col if cell is not None and cell.row == loc.row else None
    text, span = _row_text(plain, loc.row, start)
    if text and text != out[key]:
        out[f"t:{loc.table}:{loc.row}"] = text
        if span:
            out[key + "@"] = f"{span[0]}:{span[1]}"
    if loc.row > 1:
        head = _row_text(plain, 1)[0]
        if head:
            out[f"t:{loc.table}:1"] = head
    return out


@dataclass(frozen=True, slots=True)
class CellContext:
    """A cell finding's surroundings: its row (with the cell's place in it) and the header row."""

    row: str
    span: tuple[int, int] | None
    header: str | None


def cell_context(contexts: dict[str, str], loc: Location) -> CellContext | None:
    """The row and header around the cell at ``loc``, where they were recorded."""
    if loc.table is None or loc.row is None or loc.col is None:
        return None
    row = contexts.get(f"t:{loc.table}:{loc.row}")
    if not row:
        return None
    where = contexts.get(f"{context_key(loc)}@", "")
    span = tuple(int(n) for n in where.split(":")) if where else None
    header = contexts.get(f"t:{loc.table}:1") if loc.row > 1 else None
    return CellContext(row, span if span and span[1] <= len(row) else None, header)  # type: ignore[arg-type]


def document_contexts(doc: Document, findings: Iterable[Finding | Location],
                      branch: str | None = None) -> dict[str, str]:
    """The texts around the given findings (or locations) in ``doc``, keyed by
    :func:`context_key`: the whole paragraph, cell or row each one points at."""
    paragraphs = {p.index: p.text for p in doc.paragraphs}
    tables = {t.index: t for t in doc.tables}
    grids: dict[int, tuple[list, list]] = {}
    out: dict[str, str] = {}
    for item in findings:
        loc = item.location if isinstance(item, Finding) else item
        key = context_key(loc)
        if key is None or key in out:
            continue
        if loc.table is not None:
            table = tables.get(loc.table)
            if table is None:
                continue
            if loc.table not in grids:
                grids[loc.table] = (table.grid(), table.grid(fill=True))
            out.update((k, v) for k, v in _cell_contexts(table, grids[loc.table], loc).items() if v)
        elif paragraphs.get(loc.paragraph):
            out[key] = paragraphs[loc.paragraph]
    if branch:
        out["团支部"] = branch
    return out


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)] if needle else []


def quoted_fragments(message: str) -> list[str]:
    """The fragments a message quotes as what is wrong: “共推荐5人”与所列4个姓名不符 →
    [共推荐5人]; 半角“,”，应为全角“，” → [,] (what it should be is not the problem)."""
    return [next(g for g in m.groups() if g) for m in _QUOTED.finditer(message)
            if not _EXPECTED.search(message, 0, m.start())]


def _marked_span(text: str, finding: Finding) -> tuple[int, int] | None:
    """The span the rule marked in its excerpt, found in ``text`` (the excerpt
    itself or the paragraph/cell it was cut from)."""
    if not finding.mark:
        return None
    excerpt, (start, end) = finding.excerpt, finding.mark
    cut = 1 if excerpt.startswith("…") and start >= 1 else 0
    core = excerpt[cut:len(excerpt) - 1] if excerpt.endswith("…") and end < len(excerpt) else excerpt[cut:]
    at = text.find(core) if core else -1
    return (at + start - cut, at + end - cut) if at >= 0 and end - cut <= len(core) else None


def highlight_spans(text: str, finding: Finding) -> list[tuple[int, int]]:
    """Character spans of ``text`` to highlight for ``finding``: the place the rule
    marked, else the fragments its message quotes as wrong where they occur, else
    the excerpt, else the whole text."""
    marked = _marked_span(text, finding)
    if marked:
        return [marked]
    spans: list[tuple[int, int]] = []
    for fragment in quoted_fragments(finding.message):
        spans += _find_all(text, fragment)
    if not spans:
        core = finding.excerpt.strip(_ELLIPSIS)
        spans = _find_all(text, core)[:1] if core and core != text.strip(_ELLIPSIS) else []
    if not spans:
        return [(0, len(text))] if text else []
    spans.sort()
    merged = [spans[0]]
    for s, e in spans[1:]:
        if s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
