"""The League's records as round rules see them: the candidates of the round, the
团员名册 given with ``--roster`` (the reference of who is a member of which branch)
and each candidate's roster row, found through :func:`people.match` (ID number,
then branch and name, then a unique name, then a name one character off).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..kinds import ROSTER
from ..model import Record
from .engine import Round
from .people import Entry, KeyFunc, form_people, id_key, match, name_key, round_branches, tally_records


def records_of(subs: list, kind: str) -> list[Entry]:
    """(file, record) of every readable submission of document ``kind``. A row without a
    团支部 takes its document's own (a review sheet names its branch once, above the list)."""
    out = []
    for sub in subs:
        if sub.status != "ok" or sub.extraction.kind != kind:
            continue
        own = sub.extraction.fields.get("团支部")
        for rec in sub.extraction.records:
            if own and not rec.values.get("团支部"):
                rec = Record(rec.kind, {**rec.values, "团支部": own}, rec.where, rec.location)
            out.append((sub.path, rec))
    return out


def roster_records(rnd: Round) -> list[Entry]:
    """The reference rosters: ``--roster`` files and rosters given with ``--register``."""
    return records_of([*rnd.rosters, *rnd.registers], ROSTER)


def person_rows(person: Record, rows: list[Entry], branch: KeyFunc) -> list[Entry]:
    """The rows of a list (志愿服务时长, 教育评议) about ``person``: the same ID number, else the same
    name in the same branch (or a row naming no branch)."""
    number, name = id_key(person.values.get("身份证号")), name_key(person.values.get("姓名"))
    own = branch(person.values.get("团支部"))
    out = []
    for entry in rows:
        values = entry[1].values
        other = id_key(values.get("身份证号"))
        if number and other:
            same = number == other
        else:
            there = branch(values.get("团支部"))
            same = bool(name) and name == name_key(values.get("姓名")) and (not own or not there or own == there)
        if same:
            out.append(entry)
    return out


def candidates(rnd: Round) -> list[Entry]:
    """One entry per recommended person of the round: the original of their registration
    form, else their tally row (a tally row with no form is a candidate too)."""
    forms = [p.form for p in form_people(rnd)]
    rows = tally_records(rnd)
    if not rows:
        return forms
    return forms + match(rows, forms, round_branches(rnd)).lone_left


@dataclass(slots=True)
class OnRoster:
    """A candidate and their roster row (``None``: not on any reference roster)."""

    candidate: Entry
    row: Entry | None
    covered: bool  # a reference roster lists the candidate's branch (or lists no branches at all)


def on_roster(rnd: Round) -> list[OnRoster]:
    """Each candidate with their roster row; empty when the round has no reference roster."""
    if "on_roster" in rnd.memo:
        return rnd.memo["on_roster"]
    rows = roster_records(rnd)
    out: list[OnRoster] = []
    if rows:
        known = round_branches(rnd)
        key = known.key
        branches = {key(r.values.get("团支部")) for _, r in rows}
        everywhere = branches == {""}  # a roster that names no branch is the whole round's
        cands = candidates(rnd)
        pairs = match(cands, rows, known)
        found = {id(c[1]): row for c, row in pairs.pairs}
        for c in cands:
            branch = key(c[1].values.get("团支部"))
            out.append(OnRoster(c, found.get(id(c[1])), everywhere or bool(branch) and branch in branches))
    rnd.memo["on_roster"] = out
    return out
