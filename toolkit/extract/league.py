"""Records of lists that also come as forms, and the facts stated beside a list.

A "3+1+1" record comes as a list (one row per candidate, read by
tables.table_rows) or as one form per candidate, each step a row of its own
(``理想信念教育 | 2026年3月12日 | 佐证``): then every table or label line that
names a 姓名 starts the next person's record. A list's own facts stand in label
lines above or below it (``团支部：化工2201团支部　应到人数：30　实到人数：26``).
"""

from __future__ import annotations

from typing import Any

from ..kinds import Kind
from ..model import Document, Location, Record
from .forms import Pair, line_pairs, pairs_record, table_pairs
from .normalize import normalize


def person_forms(doc: Document, entry: Kind) -> list[Record]:
    """One ``entry.record`` per person of forms: tables and label lines in reading order,
    a new record at each 姓名 with a value. A record must name the person and fill two of
    the kind's own labels (``entry.form_keys``)."""
    pieces: list[tuple[float, list[Pair]]] = [(t.position - 0.5, table_pairs(t))
                                              for t in doc.tables if t.parent is None]
    pieces += [(p.index, line_pairs(p.text, Location(page=p.page, paragraph=p.index))) for p in doc.paragraphs]
    groups: list[list[Pair]] = []
    for _, pairs in sorted(pieces, key=lambda x: x[0]):
        for pair in pairs:
            named = pair.key == "姓名" and pair.raw
            if not groups or named and any(p.key == "姓名" and p.raw for p in groups[-1]):
                groups.append([])
            groups[-1].append(pair)
    records = [pairs_record(g, entry.record or "") for g in groups]
    return [r for r in records if r.values.get("姓名")
            and sum(r.values.get(k) is not None for k in entry.form_keys) >= 2]


def list_facts(doc: Document, keys: tuple[str, ...]) -> dict[str, Any]:
    """The first value of each of ``keys`` in the document's label lines: its paragraphs,
    then the rows of its tables that hold one cell of text (a workbook or .csv keeps the
    lines above and below its list in rows of their own: ``应到人数：30　实到人数：26``)."""
    facts: dict[str, Any] = {}
    if not keys:
        return facts
    for text, where in label_lines(doc):
        for pair in line_pairs(text, where):
            if pair.key in keys and facts.get(pair.key) is None:
                facts[pair.key] = normalize(pair.key, pair.raw)
    return {k: v for k, v in facts.items() if v is not None}


def label_lines(doc: Document) -> list[tuple[str, Location]]:
    """The document's lines outside its lists, with where: paragraphs, then each table row
    whose only text is one cell."""
    lines = [(p.text, Location(page=p.page, paragraph=p.index)) for p in doc.paragraphs]
    for t in doc.tables:
        rows: dict[int, list] = {}
        for c in t.cells:
            if c.text.strip():
                rows.setdefault(c.row, []).append(c)
        lines += [(cells[0].text, Location(page=t.page, table=t.index, row=r, col=cells[0].col))
                  for r, cells in sorted(rows.items()) if len(cells) == 1]
    return lines
