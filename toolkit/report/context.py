"""Flagged text in its context: where a finding points, and what to highlight.

``contexts`` (an optional argument of ``write_report``) maps each file to the
full texts around its findings, keyed by :func:`context_key`::

    {"submissions/总结_生物2201团支部.docx": {
        "p:4": "……共推荐5人。",          # body paragraph 4
        "t:1:3:2": "王子涵",             # table 1, row 3, column 2
        "t:1:3": "3 | 化工2201团支部 | …",  # a whole table row
        "团支部": "生物2201团支部"}}       # optional: the file's branch

The check command builds it in its workers with :func:`document_contexts`.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..check.engine import Finding
from ..model import Document, Location

# Fragments a message quotes are what the finding is about: “共推荐5人”, 「××」, ‘xx’.
_QUOTED = re.compile(r"“([^“”]{1,60})”|「([^「」]{1,60})」|‘([^‘’]{1,60})’")
_ELLIPSIS = "…. \u3000\t\n"


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


def _cell_text(grids: dict[int, tuple[list, list]], loc: Location) -> str | None:
    """A cell's text (a merged cell's for every position it covers), or a row's
    cells joined, each merged cell once."""
    if loc.table not in grids or loc.row is None or not 1 <= loc.row <= len(grids[loc.table][0]):
        return None
    plain, filled = grids[loc.table]
    if loc.col is None:
        return " | ".join(t for t in plain[loc.row - 1] if t)
    row = filled[loc.row - 1]
    return row[loc.col - 1] if 1 <= loc.col <= len(row) else None


def document_contexts(doc: Document, findings: Iterable[Finding | Location],
                      branch: str | None = None) -> dict[str, str]:
    """The texts around the given findings (or locations) in ``doc``, keyed by
    :func:`context_key`: the whole paragraph, cell or row each one points at."""
    paragraphs = {p.index: p.text for p in doc.paragraphs}
    grids: dict[int, tuple[list, list]] = {}
    out: dict[str, str] = {}
    for item in findings:
        loc = item.location if isinstance(item, Finding) else item
        key = context_key(loc)
        if key is None or key in out:
            continue
        if loc.table is not None:
            if loc.table not in grids:
                table = next((t for t in doc.tables if t.index == loc.table), None)
                if table is None:
                    continue
                grids[loc.table] = (table.grid(), table.grid(fill=True))
            text = _cell_text(grids, loc)
        else:
            text = paragraphs.get(loc.paragraph)
        if text:
            out[key] = text
    if branch:
        out["团支部"] = branch
    return out


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)] if needle else []


def quoted_fragments(message: str) -> list[str]:
    """The fragments a message quotes: “共推荐5人”与所列4个姓名不符 → [共推荐5人]."""
    return [next(g for g in m.groups() if g) for m in _QUOTED.finditer(message)]


def highlight_spans(text: str, finding: Finding) -> list[tuple[int, int]]:
    """Character spans of ``text`` to highlight for ``finding``: the fragments its
    message quotes where they occur, else the excerpt, else the whole text."""
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
