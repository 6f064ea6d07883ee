"""Text helpers the rules share: units of text with their location, excerpts,
numbers written either way, and the values of extracted records.

A *unit* is one body paragraph or one table cell: the smallest piece of a
document a finding can point at (contract: ``location``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..cn.dates import PartialDate, parse_date
from ..cn.numbers import cn_to_int
from ..cn.text import CJK  # noqa: F401 - the rules take it from here with NUM
from ..model import Document, Extraction, Location, Record

# Arabic, full-width or Chinese numerals, as a regex group body.
NUM = r"(?:[0-9０-９]+|[零〇一二两三四五六七八九十百]+)"
_SENTENCE_END = "。！？；!?\n"


@dataclass(slots=True)
class Unit:
    text: str
    location: Location
    kind: str  # "paragraph" | "cell"


def units(doc: Document, paragraphs: bool = True, cells: bool = True) -> tuple[Unit, ...]:
    """Body paragraphs, then table cells, each with its location. Every rule walks them, so the
    last documents' units are kept (a document is not changed once read)."""
    key = (id(doc), paragraphs, cells)
    kept = _KEPT.get(key)
    if kept is not None and kept[0] is doc and kept[1] == (len(doc.paragraphs), len(doc.tables)):
        return kept[2]
    found = tuple(_units(doc, paragraphs, cells))
    if len(_KEPT) >= _KEEP:
        _KEPT.pop(next(iter(_KEPT)))
    _KEPT[key] = (doc, (len(doc.paragraphs), len(doc.tables)), found)
    return found


_KEEP = 6  # the three ways of asking, for a document and the one checked before it
_KEPT: dict[tuple[int, bool, bool], tuple[Document, tuple[int, int], tuple[Unit, ...]]] = {}


def _units(doc: Document, paragraphs: bool, cells: bool) -> Iterator[Unit]:
    if paragraphs:
        for p in doc.paragraphs:
            if p.text.strip():
                yield Unit(p.text, Location(page=p.page, paragraph=p.index), "paragraph")
    if cells:
        for t in doc.tables:
            for c in t.cells:
                if c.text.strip():
                    yield Unit(c.text, Location(page=t.page, table=t.index, row=c.row, col=c.col), "cell")


# A line of a cell that is prose, not a label or a figure: it has a clause mark.
_CLAUSE = re.compile(r"[，。；！？,;!?]")
_MIN_PROSE = 8


def prose_units(doc: Document) -> Iterator[Unit]:
    """Body paragraphs, then each prose line of a table cell (minutes or a summary
    laid out as a table: ``会议内容`` holding the whole meeting). The sentence
    rules read these; labels and single figures in cells are left to the table
    rules. A nested table's text is its parent cell's, so it is not read twice."""
    yield from units(doc, cells=False)
    for t in doc.tables:
        if t.parent is not None:
            continue
        for c in t.cells:
            for line in c.text.splitlines():
                if len(line.strip()) >= _MIN_PROSE and _CLAUSE.search(line):
                    yield Unit(line.strip(), Location(page=t.page, table=t.index, row=c.row, col=c.col), "cell")


def times(unit: Unit, n: int) -> str:
    """``（此段共3处）`` when a problem repeats within one paragraph or cell."""
    return f"（此{'段' if unit.kind == 'paragraph' else '格'}共{n}处）" if n > 1 else ""


class Excerpt(str):
    """An excerpt that knows where in it the flagged text is (``mark``: start and
    end offsets), so reports highlight that text and not its look-alikes nearby."""

    mark: tuple[int, int] | None = None


def excerpt(text: str, start: int = 0, end: int | None = None, width: int = 80) -> Excerpt:
    """The sentence around ``text[start:end]``, cut to about ``width`` characters
    with ``…`` where something was left out; ``mark`` locates ``text[start:end]``
    in it when a part of ``text`` was asked for."""
    whole = start == 0 and end is None
    end = len(text) if end is None else end
    # Look for the sentence's ends only a little beyond ``width``: past that it is cut anyway, and
    # walking to the ends of a megabyte-long line for every finding would be quadratic.
    lo, hi = max(0, start - width - 1), min(len(text), end + width + 1)
    s = start
    while s > lo and text[s - 1] not in _SENTENCE_END:
        s -= 1
    e = end
    while e < hi and text[e] not in _SENTENCE_END:
        e += 1
    if e < len(text):
        e += 1  # keep the closing mark
    if e - s > width:
        room = max(0, width - (end - start))
        s2 = max(s, start - room // 2)
        e2 = min(e, max(end, s2 + width))
        s, e, pre, post = s2, e2, s2 > s, e2 < e
    else:
        pre = post = False
    raw = text[s:e]
    out = raw.strip()
    lead = ("…" if pre else "")
    result = Excerpt(lead + out + ("…" if post else ""))
    offset = len(lead) - (len(raw) - len(raw.lstrip())) - s
    if not whole and start < end and 0 <= start + offset and end + offset <= len(result):
        result.mark = (start + offset, end + offset)
    return result


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` spans of the sentences of ``text`` (end includes the mark)."""
    start = 0
    for m in re.finditer(r"[。！？!?\n]", text):
        if m.end() - start > 1:
            yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def to_int(value: Any) -> int | None:
    """An integer from a record value: 30, '30', '30人', '三十'."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    s = str(value).strip()
    return cn_to_int(s) if s else None


def to_date(value: Any) -> PartialDate | None:
    d = parse_date(value) if value not in (None, "") else None
    return d


def record_int(rec: Record, key: str) -> int | None:
    return to_int(rec.values.get(key))


def where(rec: Record, *keys: str) -> Location:
    """Where the first of ``keys`` was found, else the record itself."""
    for k in keys:
        if k in rec.where:
            return rec.where[k]
    return rec.location or Location()


def record_excerpt(rec: Record, keys: tuple[str, ...]) -> str:
    """``姓名：王子涵；实到人数：30；赞成票：27`` — the values a finding is about."""
    parts = [f"{k}：{rec.values[k]}" for k in ("姓名", *keys) if rec.values.get(k) not in (None, "")]
    return "；".join(dict.fromkeys(parts))[:80]


def who(rec: Record) -> str:
    name = rec.values.get("姓名")
    return f"{name}：" if name else ""


def date_bounds(d: PartialDate) -> tuple[dt.date, dt.date]:
    """The earliest and latest day a partial date may stand for."""
    if d.month is None:
        return dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
    if d.day is None:
        nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return dt.date(d.year, d.month, 1), nxt - dt.timedelta(days=1)
    day = d.as_date()
    return day, day


def certainly_before(a: PartialDate, b: PartialDate) -> bool:
    """``a`` is before ``b`` whatever days the partial dates stand for."""
    return date_bounds(a)[1] < date_bounds(b)[0]


def years_between(a: PartialDate, b: PartialDate) -> tuple[int, int]:
    """Fewest and most whole years from ``a`` to ``b`` given their precision."""

    def whole(x: dt.date, y: dt.date) -> int:
        return y.year - x.year - ((y.month, y.day) < (x.month, x.day))

    (a0, a1), (b0, b1) = date_bounds(a), date_bounds(b)
    return whole(a1, b0), whole(a0, b1)


def document_date(ex: Extraction) -> tuple[PartialDate, Location] | None:
    """The document's own date (成文日期) and where it stands, as the outline located it."""
    mark = ex.outline.date
    d = parse_date(mark.text) if mark else None
    return (d, mark.location) if mark and d and d.valid and d.day else None
