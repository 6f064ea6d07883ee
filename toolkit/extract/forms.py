"""Label/value pairs of a form, from any layout.

In a table a cell is a label only when its compacted text is a known label
(labels.canonical); its value is the next cell to the right or, when that is
another label or there is none, the cell below. Outside tables, label lines
(``姓名：张三    性别：男``) are split at each known label followed by a colon,
or, in a line without colons, at each known label (``姓 名张三性 别男…``); the
表决情况 sentence is split into its numbers and date (vote.parse_vote, vote_date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..kinds import FORM_RECORD
from ..model import Cell, Document, Location, Record, Table
from .labels import FORM_KEYS, canonical, find_labels, find_run_labels
from .normalize import normalize
from .vote import parse_vote, vote_date, year_for

# Text that may stand where a value is expected but is never one.
_NOT_VALUE = frozenset({"照片", "相片", "（照片）", "(照片)", "贴照片处", "一寸照片", "二寸照片"})
_MIN_BOXES = 6  # fewer one-character cells in a row are separate answers (男 | 汉)
_BOXED = re.compile(r"[0-9０-９XxＸｘ]+")
# Around a value: punctuation, blanks, a doubled colon (姓名：：张三), the next label's required mark.
_TRAILING = "，,；;。、 \t\u3000:：*＊"
# A label the table does not know (``团支部意见：``, ``推荐理由：``) after a blank still ends a value.
_OTHER_LABEL = re.compile(r"[ \t\u3000]+[\u4e00-\u9fff]{2,12}[:：]")


@dataclass(slots=True)
class Pair:
    key: str
    raw: str | None
    where: Location


def cell_map(table: Table) -> dict[tuple[int, int], Cell]:
    """(row, col) of every grid position → the (merged) cell covering it."""
    owner: dict[tuple[int, int], Cell] = {}
    for c in table.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                owner[(r, k)] = c
    return owner


def line_pairs(text: str, where: Location) -> list[Pair]:
    """``'姓名：张三    性别：男'`` → pairs; the value runs to the next label. A line
    without colons, or with only a few, may be labels and values run together
    (``姓 名张三性 别男…``): the reading that finds more labels wins."""
    labels = find_labels(text)
    run = find_run_labels(text)
    if len(run) > len(labels):  # some labels carry colons, most do not
        labels = run
    pairs = []
    for i, (_, end, key) in enumerate(labels):
        stop = labels[i + 1][0] if i + 1 < len(labels) else len(text)
        value = _OTHER_LABEL.split(text[end:stop], maxsplit=1)[0].strip(_TRAILING)
        pairs.append(Pair(key, value or None, where))
    return pairs


def text_pairs(text: str, where: Location) -> list[Pair]:
    """Label lines and the vote sentence found in one paragraph or cell."""
    pairs = line_pairs(text, where)
    have = {p.key for p in pairs}
    counts = parse_vote(text)
    pairs.extend(Pair(k, str(v), where) for k, v in counts.items() if k not in have)
    if counts and "表决日期" not in have and (date := vote_date(text)):
        year, month, day = date
        year = year or year_for(month, day, text)
        pairs.append(Pair("表决日期", f"{year}-{month:02d}-{day:02d}" if year else f"{month}月{day}日", where))
    return pairs


def table_pairs(table: Table) -> list[Pair]:
    """Label/value pairs of one table, in reading order."""
    owner = cell_map(table)
    above = label_rows(table)
    pairs: list[Pair] = []
    for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
        key = canonical(cell.text)
        where = Location(page=table.page, table=table.index, row=cell.row, col=cell.col)
        if key is None:
            if cell.text:
                pairs.extend(text_pairs(cell.text, where))
            continue
        value = _value_cell(cell, owner, cell.row in above)
        if value is None:
            pairs.append(Pair(key, None, where))
        else:
            pairs.append(Pair(key, _boxed_value(value, owner), Location(page=table.page, table=table.index,
                                                                        row=value.row, col=value.col)))
    return pairs


_MIN_SIDE_LABELS = 5  # labels down the first column before a table reads as people side by side


def side_by_side(table: Table) -> list[list[Pair]]:
    """The pairs of each person in a table laid out with its labels down the first
    column and one column per person (a branch's candidates side by side); ``[]``
    for any other table. A person's column has a cell of its own in nearly every
    labelled row (not a photo or a value merged across), at least half of them
    filled, and no label in it."""
    owner = cell_map(table)
    labelled: dict[int, str] = {}
    for c in table.cells:
        if c.col == 1 and c.colspan == 1 and (key := canonical(c.text)):
            labelled.setdefault(c.row, key)
    if len(labelled) < _MIN_SIDE_LABELS:
        return []
    ncols = max(c.col + c.colspan - 1 for c in table.cells)
    people = []
    for col in range(2, ncols + 1):
        cells = [owner.get((r, col)) for r in labelled]
        if any(c is not None and canonical(c.text) for c in cells):
            return []  # labels beside values: a form, not people side by side
        own = [c for r, c in zip(labelled, cells) if c is not None and (c.row, c.col, c.colspan) == (r, col, 1)]
        filled = [c for c in own if c.text.strip() and c.text.strip() not in _NOT_VALUE]
        if len(own) * 5 >= len(labelled) * 4 and len(filled) * 2 >= len(labelled):
            people.append(col)
    if len(people) < 2:
        return []
    return [[Pair(key, owner[(r, col)].text.strip() or None,
                  Location(page=table.page, table=table.index, row=r, col=col))
             for r, key in labelled.items() if (r, col) in owner] for col in people]


def label_rows(table: Table) -> set[int]:
    """Rows made mostly of labels (应到人数|实到人数|赞成票|…): their values sit below,
    and an unknown word beside a label there (赞成率) is another label, not a value."""
    labels: dict[int, int] = {}
    filled: dict[int, int] = {}
    for c in table.cells:
        if c.text.strip():
            filled[c.row] = filled.get(c.row, 0) + 1
            labels[c.row] = labels.get(c.row, 0) + (canonical(c.text) is not None)
    return {r for r, n in labels.items() if n >= 3 and n * 5 >= filled[r] * 3}


def _value_cell(label: Cell, owner: dict[tuple[int, int], Cell], in_label_row: bool) -> Cell | None:
    below = owner.get((label.row + label.rowspan, label.col))
    if below is label or (below is not None and canonical(below.text) is not None):
        below = None
    if in_label_row and below is not None:
        return below
    right = owner.get((label.row, label.col + label.colspan))
    if right is not None and canonical(right.text) is None:
        return None if right.text.strip() in _NOT_VALUE else right
    return below


def _boxed_value(first: Cell, owner: dict[tuple[int, int], Cell]) -> str:
    """The value of ``first``, or a number typed one character per cell (身份证号
    in 18 boxes, 联系电话 in 11): the run of one-character cells to its right, joined."""
    run, col = [], first.col
    while (cell := owner.get((first.row, col))) is not None and len(cell.text.strip()) == 1:
        run.append(cell.text.strip())
        col += cell.colspan
    joined = "".join(run)
    return joined if len(run) >= _MIN_BOXES and _BOXED.fullmatch(joined) else first.text


def extract_forms(doc: Document) -> list[Record]:
    """One registration-form record per form found in ``doc``.

    A table holding a 姓名 or 身份证号 label starts a new form (a table of people
    side by side, one form each); other tables
    (a vote table split off by a page break) and paragraphs join the form
    they follow, or the first form when they come before it.
    """
    groups: list[tuple[int, list[Pair]]] = []  # (table position, pairs)
    loose: list[tuple[int, list[Pair]]] = []
    for table in sorted(doc.tables, key=lambda t: (t.position, t.index)):
        if people := side_by_side(table):
            groups.extend((table.position, pairs) for pairs in people)
            continue
        pairs = table_pairs(table)
        if not pairs:
            continue
        keys = {p.key for p in pairs}
        if ({"姓名", "身份证号"} & keys and len(keys & set(FORM_KEYS)) >= 3) or not groups and len(keys) >= 3:
            groups.append((table.position, pairs))
        else:
            loose.append((table.position, pairs))
    for p in doc.paragraphs:
        if p.text.strip():
            pairs = text_pairs(p.text, Location(page=p.page, paragraph=p.index))
            if pairs:
                loose.append((p.index, pairs))
    if not groups:
        pairs = [pr for _, ps in loose for pr in ps]
        return [_dated(pairs_record(pairs), doc)] if len({p.key for p in pairs} & set(FORM_KEYS)) >= 3 else []
    for position, pairs in loose:
        target = max((g for g in groups if g[0] <= position), key=lambda g: g[0], default=groups[0])
        target[1].extend(pairs)
    return [_dated(pairs_record(pairs), doc) for _, pairs in groups]


_PERSONAL_DATES = ("出生日期", "入团时间", "入党申请时间")
_NO_YEAR = re.compile(r"(\d{1,2})月(\d{1,2})[日号]")


def _dated(rec: Record, doc: Document) -> Record:
    """A 表决日期 written without its year takes it from the form's own dates (its
    signatures and 填表日期), else from when the file was last saved or created.
    A year before the person's own dates (入团时间) is no answer: file dates are
    often a template's (python-docx's own template says 2013)."""
    value = rec.values.get("表决日期")
    m = _NO_YEAR.fullmatch(value) if isinstance(value, str) else None
    if m:
        month, day = int(m.group(1)), int(m.group(2))
        context = [doc.all_text(), doc.metadata.modified or "", doc.metadata.created or ""]
        personal = frozenset(str(v) for k, v in rec.values.items() if k in _PERSONAL_DATES and v)
        floor = max((int(d[:4]) for d in personal if d[:4].isdigit()), default=0)
        year = next((y for c in context if (y := year_for(month, day, c, personal)) and y >= floor), None)
        if year:
            rec.values["表决日期"] = f"{year}-{month:02d}-{day:02d}"
    return rec


def pairs_record(pairs: list[Pair], kind: str = FORM_RECORD) -> Record:
    """One record of ``pairs``: the first non-empty value of each key, with where it was found."""
    values: dict[str, object] = {}
    where: dict[str, Location] = {}
    for p in pairs:
        value = normalize(p.key, p.raw)
        if p.key not in values or (values[p.key] is None and value is not None):
            values[p.key] = value
            where[p.key] = p.where
    location = next(iter(where.values()), None)
    return Record(kind=kind, values=values, where=where, location=location)
