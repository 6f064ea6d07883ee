"""Data about to be generated, checked with the inspector's own rules.

``generate`` must never write what ``check`` then rejects. A record of a
template's data is seen as the records ``check`` would extract from the
written document: each field whose label is a label of the one label table
(姓名, 身份证号, 应到人数 …) gives its canonical key; each row of a table field
is a record of its own that takes the record's meeting-wide figures
(应到/实到/表决日期) where it has none. The document rules of the categories
below then run on those records, with the same settings as ``check``: one rule
set, used by both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Protocol

from ..config import Config
from ..extract.labels import canonical
from ..kinds import FORM_RECORD, TALLY_ROW
from ..model import Document, Extraction, Location, Record
from .engine import Rule, Submission, all_rules

# What a record of data can get wrong; the rest (placeholders, typos, layout …) belongs to the document.
CATEGORIES = ("id-number", "vote", "eligibility", "date")


class FieldLike(Protocol):
    """A template schema's field (``toolkit.render.schema.Field``), as far as this module reads it."""

    name: str
    label: str
    type: str
    columns: list[Any]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding on the data: whose, where, what."""

    code: str
    severity: str
    summary: str  # the rule's one line, for the mark a --draft document carries
    message: str  # without the person's name: it heads the list of that person's problems
    name: str  # the person's 姓名, or ""
    field: str | None  # the data field the finding is about (a schema name), for --draft marks
    row: int | None  # the row (from 1) of the table field the person is in, None: the record itself
    table: str | None = None  # that table field (a schema name)


def _keys(fields: Iterable[FieldLike]) -> dict[str, str]:
    """Field name → canonical key, for the plain fields whose labels are labels of the label table
    (the first field for a key wins: 会议日期 before 会议时间)."""
    out: dict[str, str] = {}
    for f in fields:
        key = canonical(f.label) if f.type not in ("list", "table") else None
        if key and key not in out.values() and (f.type == "date") == key.endswith(("日期", "时间")):
            out[f.name] = key
    return out


def _record(kind: str, values: dict[str, Any], keys: dict[str, str], row: int | None,
            inherited: Record | None = None) -> Record:
    """A record as ``check`` extracts it. ``where`` points each key at its field: ``col`` is the
    field's index in ``keys``, ``row`` the table row (None: a field of the record itself, which
    is where a row's inherited figures point)."""
    rec = Record(kind, {}, location=Location(row=row))
    if inherited is not None:
        taken = set(keys.values()) | {"姓名"}
        rec.values.update({k: v for k, v in inherited.values.items() if k not in taken})
        rec.where.update({k: v for k, v in inherited.where.items() if k not in taken})
    for i, name in enumerate(keys):
        value = values.get(name)
        if value not in (None, "", []):
            rec.values[keys[name]] = value
            rec.where[keys[name]] = Location(row=row, col=i)
    return rec


def _rules(verdict_stated: bool) -> list[Rule]:
    from .rules.vote import majority

    return [r for r in all_rules() if r.scope == "document" and r.category in CATEGORIES
            and not (verdict_stated and r.func is majority)]


def inspect_record(fields: list[FieldLike], record: dict[str, Any], config: Config,
                   verdict_stated: bool = False) -> list[Problem]:
    """Every problem ``check`` would report on the records of the document ``record`` renders to.
    ``verdict_stated``: the document states each candidate's verdict (minutes), so a candidate short
    of the majority is recorded as 未通过, not wrongly recommended."""
    keys = _keys(fields)
    top = _record(FORM_RECORD, record, keys, None)
    people: list[tuple[Record, list[str], str | None]] = [(top, list(keys), None)] if "姓名" in top.values else []
    for f in fields:
        if f.type != "table" or not isinstance(record.get(f.name), list):
            continue
        row_keys = _keys(f.columns)
        people += [(_record(TALLY_ROW, row, row_keys, i, top), list(row_keys), f.name)
                   for i, row in enumerate(record[f.name], 1) if isinstance(row, dict)]
    problems: list[Problem] = []
    rules = _rules(verdict_stated)
    for rec, names, table in people:
        sub = Submission("", Document(path="", format="data"), Extraction(kind="unknown", records=[rec]))
        name = str(rec.values.get("姓名") or "")
        for r in rules:
            for finding in r.run(sub, config):
                loc, row = finding.location, rec.location.row
                message = finding.message.removeprefix(f"{name}：") if name else finding.message
                if loc.row is None and row is not None:  # the meeting's figures a row took over: said once
                    field = list(keys)[loc.col] if loc.col is not None else None
                    problem = Problem(r.code, finding.severity, r.summary, message, "", field, None)
                else:
                    field = names[loc.col] if loc.col is not None else None
                    problem = Problem(r.code, finding.severity, r.summary, message, name, field, row, table)
                if problem not in problems:
                    problems.append(problem)
    return problems
