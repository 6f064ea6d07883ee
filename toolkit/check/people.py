"""Matching people across the documents of a round, through indexes.

Forms are matched to tally rows by ID number where both have one, else by
(branch, name), else by name alone when it is unique, else by a name one
character off within the same branch (a typo or OCR slip). Every step looks
people up in dicts, never compares all pairs: checking 2,000 forms costs
about four times 500.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ..cn.dates import normalize_date
from ..cn.text import compact, map_radicals
from ..kinds import REGISTER_LOG, REGISTRATION_FORM, ROSTER, TALLY, kind
from ..model import Record
from .branches import Branches, core
from .engine import Round
from .text import to_int

Entry = tuple[str, Record]  # (file, record)
KeyFunc = Callable[[object], str]

# What a registration form says about its candidate, compared between two copies.
FORM_FACTS = ("姓名", "性别", "出生日期", "身份证号", "入团时间", "团支部", "团内职务",
              "应到人数", "实到人数", "赞成票", "反对票", "弃权票", "表决日期")
_COUNTS = frozenset({"应到人数", "实到人数", "赞成票", "反对票", "弃权票"})
_DATES = frozenset({"出生日期", "入团时间", "表决日期"})


def name_key(name: object) -> str:
    return map_radicals(compact(str(name or "")))


def id_key(number: object) -> str:
    return compact(str(number or "")).upper()


def records_of(subs: Iterable, name: str) -> list[Entry]:
    """The records of kind ``name``'s own record kind in documents of that kind."""
    record = kind(name).record
    return [(s.path, r) for s in subs if s.status == "ok" and s.extraction.kind == name
            for r in s.extraction.records if r.kind == record]


def form_records(rnd: Round) -> list[Entry]:
    """Every registration form of the round, copies included (see :func:`form_people`)."""
    return records_of(rnd.submissions, REGISTRATION_FORM)


def tally_records(rnd: Round) -> list[Entry]:
    """Tally rows from ``--register`` files and from tallies inside the round."""
    return records_of([*rnd.registers, *rnd.submissions], TALLY)


def log_records(rnd: Round) -> list[Entry]:
    return records_of([*rnd.registers, *rnd.submissions], REGISTER_LOG)


def round_branches(rnd: Round) -> Branches:
    """The branch key of every spelling the round uses (computed once per round)."""
    if "branches" not in rnd.memo:
        lists = defaultdict(list)  # a log has one row per branch; a tally copies each form's spelling
        for path, rec in log_records(rnd):
            lists[path].append(rec.values.get("团支部"))
        names = [r.values.get("团支部") for _, r in [*form_records(rnd), *tally_records(rnd)]]
        names += [s.extraction.fields.get("团支部") for s in (*rnd.submissions, *rnd.registers, *rnd.rosters)
                  if s.status == "ok"]
        names += [r.values.get("团支部") for s in (*rnd.rosters, *rnd.registers)
                  if s.status == "ok" and s.extraction.kind == ROSTER for r in s.extraction.records]
        rnd.memo["branches"] = Branches(names, lists.values())
    return rnd.memo["branches"]


def fact(rec: Record, key: str) -> object:
    """A form's value in a comparable shape: counts as integers, dates
    normalised, text without spaces; ``None`` when blank."""
    value = rec.values.get(key)
    if value in (None, ""):
        return None
    if key in _COUNTS:
        return to_int(value)
    if key in _DATES:
        return normalize_date(value) or compact(str(value))
    return name_key(value).upper()


def differences(a: Record, b: Record, branches: Branches | None = None) -> list[str]:
    """The facts two forms both state and state differently (branches as the round reads them)."""
    out = []
    for key in FORM_FACTS:
        x, y = fact(a, key), fact(b, key)
        if key == "团支部" and x is not None and y is not None:
            if not same_branch(a.values[key], b.values[key], branches):
                out.append(key)
        elif x is not None and y is not None and x != y:
            out.append(key)
    return out


def same_branch(a: object, b: object, branches: Branches | None = None) -> bool:
    """Two spellings may name one branch of the round (without the round's branches: one core)."""
    return branches.same(a, b) if branches else core(a) == core(b)


@dataclass(slots=True)
class Person:
    """One candidate and every form the round holds for them: a .docx and
    its PDF, or a form sent twice, is one submission."""

    forms: list[Entry]

    @property
    def form(self) -> Entry:
        return self.forms[0]

    def conflicting(self, branches: Branches | None = None) -> bool:
        """The copies state different facts (TW709 decides which is wrong)."""
        return any(differences(self.form[1], c[1], branches) for c in self.forms[1:])


def form_people(rnd: Round) -> list[Person]:
    """The round's forms grouped by candidate: the same ID number, else the
    same name in the same branch (unless the forms give different ID
    numbers or birth dates: namesakes). The original comes first in each group: the .docx
    before its PDF, ``王子涵.docx`` before ``王子涵(1).docx``."""
    if "people" not in rnd.memo:
        key = round_branches(rnd).key
        groups: list[list[Entry]] = []
        numbers: list[set[str]] = []
        index: dict[str, int] = {}
        # The .docx before its PDF, the first name before a copy's (王子涵.docx before 王子涵(1).docx).
        for entry in sorted(form_records(rnd), key=lambda e: (e[0].lower().endswith(".pdf"), len(e[0]), e[0])):
            values = entry[1].values
            number, name = id_key(values.get("身份证号")), name_key(values.get("姓名"))
            by_name = f"{key(values.get('团支部'))}\t{name}" if name else ""
            g = index.get(number) if number else None
            if g is None and by_name in index and not (number and numbers[index[by_name]]):
                born = {fact(e[1], "出生日期") for e in (groups[index[by_name]][0], entry)} - {None}
                g = index[by_name] if len(born) < 2 else None  # two birth dates: namesakes
            if g is None:
                g = len(groups)
                groups.append([])
                numbers.append(set())
            groups[g].append(entry)
            numbers[g].update({number} - {""})
            for k in (number, by_name):
                if k:
                    index.setdefault(k, g)
        rnd.memo["people"] = sorted((Person(g) for g in groups), key=lambda p: p.form[0])
    return rnd.memo["people"]


@dataclass(slots=True)
class Matching:
    pairs: list[tuple[Entry, Entry]] = field(default_factory=list)
    lone_left: list[Entry] = field(default_factory=list)
    lone_right: list[Entry] = field(default_factory=list)


def _index(entries: list[Entry], key) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, (_, rec) in enumerate(entries):
        k = key(rec)
        if k:
            out[k].append(i)
    return out


def _by_id(rec: Record) -> str:
    return id_key(rec.values.get("身份证号"))


def _by_name(rec: Record) -> str:
    return name_key(rec.values.get("姓名"))


def match(left: list[Entry], right: list[Entry], branches: Branches | None = None) -> Matching:
    """Pair each left entry with at most one right entry (see module docs); ``branches`` are
    the round's (:func:`round_branches`), without them a branch is its own core."""
    from rapidfuzz.distance import Levenshtein

    branch = branches.key if branches else core

    def _by_branch(rec: Record) -> str:
        return branch(rec.values.get("团支部"))

    def _contradict(a: Record, b: Record) -> bool:
        """Both name a branch and not one that may be the same (see Branches.same)."""
        x, y = a.values.get("团支部"), b.values.get("团支部")
        return bool(branch(x) and branch(y)) and not same_branch(x, y, branches)

    def _by_branch_name(rec: Record) -> str:
        b, n = _by_branch(rec), name_key(rec.values.get("姓名"))
        return f"{b}\t{n}" if b and n else ""

    free_l, free_r = set(range(len(left))), set(range(len(right)))
    result = Matching()

    def pair(i: int, j: int) -> None:
        free_l.discard(i)
        free_r.discard(j)
        result.pairs.append((left[i], right[j]))

    for key in (_by_id, _by_branch_name, _by_name):
        idx = _index([right[j] if j in free_r else ("", Record("", {})) for j in range(len(right))], key)
        for i in sorted(free_l):
            k = key(left[i][1])
            cands = [j for j in idx.get(k, ()) if j in free_r]
            if not cands:
                continue
            if key is _by_name and (len(cands) > 1 or _contradict(left[i][1], right[cands[0]][1])):
                continue  # a bare name must be unique and not contradict the branch
            pair(i, cands[0])
    # One character off within a branch: a typo or OCR slip in the name.
    by_branch = _index([right[j] if j in free_r else ("", Record("", {})) for j in range(len(right))], _by_branch)
    for i in sorted(free_l):
        name = name_key(left[i][1].values.get("姓名"))
        if len(name) < 2:
            continue
        cands = [j for j in by_branch.get(_by_branch(left[i][1]), ()) if j in free_r
                 and len(n2 := name_key(right[j][1].values.get("姓名"))) == len(name)
                 and Levenshtein.distance(name, n2) == 1]
        if len(cands) == 1:
            pair(i, cands[0])
    result.lone_left = [left[i] for i in sorted(free_l)]
    result.lone_right = [right[j] for j in sorted(free_r)]
    return result
