"""Score and progress sheets (积分表, 百分考核表, 建团进度表): lists whose
columns each kind names with its own labels, and the ``标签：值`` lines around them.

A kind gives its labels as ``{canonical key: (synonyms…)}``; a table belongs
to the first list whose header it carries, a table with no header of its own
continues the list before it (a PDF page break). Values stay as cleaned text
except the keys a kind declares as scores, counts or dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..cn.dates import normalize_date
from ..cn.numbers import cn_to_int
from ..cn.scoring import to_score
from ..cn.text import compact
from ..model import Document, Location, Record, Table
from .labels import clean_label
from .normalize import clean_text
from .tables import find_header, table_rows

Synonyms = dict[str, tuple[str, ...]]


def lookup(synonyms: Synonyms) -> Callable[[str, bool], str | None]:
    """A label → key function over ``synonyms`` (exact match after cleaning, like labels.canonical);
    made once per table of synonyms (the classifier asks for each kind's on every table)."""
    made = _LOOKUPS.get(id(synonyms))
    if made is None or made[0] is not synonyms:
        made = _LOOKUPS[id(synonyms)] = (synonyms, _lookup(synonyms))
    return made[1]


_LOOKUPS: dict[int, tuple[Synonyms, Callable[[str, bool], str | None]]] = {}


def _lookup(synonyms: Synonyms) -> Callable[[str, bool], str | None]:
    table = {compact(s): key for key, syns in synonyms.items() for s in syns}

    @lru_cache(maxsize=4096)  # as labels.canonical: a round repeats its labels
    def canon(text: str, header: bool = False) -> str | None:
        if not text or len(text) > 40:
            return None
        s = clean_label(text)
        # A unit or maximum in brackets: 分值（分）, 得分(满分10分).
        return table.get(s) or table.get(re.sub(r"[（(][^（）()]*[)）]", "", s))

    return canon


@dataclass(frozen=True, slots=True)
class ListSpec:
    """One kind of list in a sheet: its labels, the keys one of which its header must
    carry, the records' kind and how its values are typed."""

    synonyms: Synonyms
    anchors: frozenset[str]
    kind: str
    scores: frozenset[str] = frozenset()
    counts: frozenset[str] = frozenset()
    dates: frozenset[str] = frozenset()


def _typed(spec: ListSpec, records: list[Record]) -> list[Record]:
    for rec in records:
        for key, value in list(rec.values.items()):
            if key in spec.scores:
                rec.values[key] = _number(value)
            elif key in spec.counts:
                n = cn_to_int(str(value)) if not isinstance(value, (int, float)) else value
                rec.values[key] = value if n is None else n
            elif key in spec.dates:
                rec.values[key] = normalize_date(value) or value
    return records


def _number(value: object) -> object:
    x = to_score(value)
    if x is None:
        return value
    return int(x) if x.is_integer() else x


def header_keys(table: Table, spec: ListSpec) -> set[str]:
    """The keys of ``table``'s header under ``spec`` (empty when it has none)."""
    found = find_header(table, canon=lookup(spec.synonyms), anchors=spec.anchors)
    return set(found[1].values()) if found else set()


def has_subtotals(doc: Document) -> bool:
    """Whether a sheet has 小计 rows: its last total row may then be one of them."""
    return any(compact(c.text).rstrip(":：") == "小计" for t in doc.tables for c in t.cells)


def list_tables(doc: Document, specs: list[ListSpec]) -> list[list[Table]]:
    """The tables of each list of ``specs``, in reading order."""
    groups: list[list[Table]] = [[] for _ in specs]
    current: int | None = None
    for table in sorted(doc.tables, key=lambda t: (t.position, t.index)):
        own = next((i for i, s in enumerate(specs) if header_keys(table, s)), None)
        current = own if own is not None else current
        if current is not None:
            groups[current].append(table)
    return groups


def read_lists(doc: Document, specs: Iterable[ListSpec]) -> tuple[list[Record], list[Record]]:
    """(records of every list, in the order of ``specs``; the 合计 rows)."""
    specs = list(specs)
    groups = list_tables(doc, specs)
    records: list[Record] = []
    totals: list[Record] = []
    for i, spec in enumerate(specs):
        rows, total = table_rows(groups[i], lookup(spec.synonyms), spec.anchors, spec.kind)
        records += _typed(spec, rows)
        if total is not None:
            totals += _typed(spec, [total])
    return records, totals


_LABEL_LINE = re.compile(r"([\u4e00-\u9fff][\u4e00-\u9fff\s（）()]{0,14}?)\s*[:：]\s*([^:：]*?)(?=\s{2,}|\s*$|\s+[\u4e00-\u9fff（）()]{2,12}\s*[:：])")


def labelled(doc: Document, synonyms: Synonyms, lists: Iterable[ListSpec] = ()) -> dict[str, tuple[str, Location]]:
    """``标签：值`` found in paragraphs and table cells (the first of each key), with where;
    a table of ``lists`` is not read as label cell beside value cell."""
    canon = lookup(synonyms)
    found: dict[str, tuple[str, Location]] = {}
    places = [(p.text, Location(page=p.page, paragraph=p.index)) for p in doc.paragraphs]
    places += [(c.text, Location(page=t.page, table=t.index, row=c.row, col=c.col))
               for t in doc.tables for c in t.cells]
    for text, where in places:
        for m in _LABEL_LINE.finditer(text or ""):
            key = canon(m[1])
            value = clean_text(m[2]).strip("，,；;。")
            if key and value and key not in found:
                found[key] = (value, where)
    # A form row: label cell, value cell.
    claimed = {t.index for group in list_tables(doc, list(lists)) for t in group}
    for t in doc.tables:
        if t.index in claimed:
            continue
        for row in t.rows():
            for a, b in zip(row, row[1:]):
                key = canon(a)
                if key and b.strip() and key not in found and canon(b) is None:
                    found[key] = (clean_text(b), Location(page=t.page, table=t.index))
    return found
