"""Matching people across the documents of a round, through indexes.

Forms are matched to tally rows by ID number where both have one, else by
(branch, name), else by name alone when it is unique, else by a name one
character off within the same branch (a typo or OCR slip). Every step looks
people up in dicts, never compares all pairs: checking 2,000 forms costs
about four times 500.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from ..cn.text import compact, map_radicals
from ..model import Record
from .engine import Round

Entry = tuple[str, Record]  # (file, record)

_BRANCH_NOISE = re.compile(r"^(?:共青团)|(?:团支部|团总支|支部|团委)$")


def branch_key(name: object) -> str:
    """``共青团化工2201班团支部`` and ``化工2201团支部`` → ``化工2201``."""
    s = map_radicals(compact(str(name or "")))
    for _ in range(2):
        s = _BRANCH_NOISE.sub("", s)
    return s.removesuffix("班")


def name_key(name: object) -> str:
    return map_radicals(compact(str(name or "")))


def id_key(number: object) -> str:
    return compact(str(number or "")).upper()


def _records(subs: Iterable, doc_kind: str, rec_kind: str) -> list[Entry]:
    return [(s.path, r) for s in subs if s.status == "ok" and s.extraction.kind == doc_kind
            for r in s.extraction.records if r.kind == rec_kind]


def form_records(rnd: Round) -> list[Entry]:
    return _records(rnd.submissions, "registration_form", "registration_form")


def tally_records(rnd: Round) -> list[Entry]:
    """Tally rows from ``--register`` files and from tallies inside the round."""
    return _records([*rnd.registers, *rnd.submissions], "tally", "tally_row")


def log_records(rnd: Round) -> list[Entry]:
    return _records([*rnd.registers, *rnd.submissions], "register_log", "log_row")


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


def _by_branch_name(rec: Record) -> str:
    b, n = branch_key(rec.values.get("团支部")), name_key(rec.values.get("姓名"))
    return f"{b}\t{n}" if b and n else ""


def _by_name(rec: Record) -> str:
    return name_key(rec.values.get("姓名"))


def _by_branch(rec: Record) -> str:
    return branch_key(rec.values.get("团支部"))


def match(left: list[Entry], right: list[Entry]) -> Matching:
    """Pair each left entry with at most one right entry (see module docs)."""
    from rapidfuzz.distance import Levenshtein

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
            if key is _by_name and (len(cands) > 1 or (_by_branch(left[i][1]) and _by_branch(right[cands[0]][1])
                                                        and _by_branch(left[i][1]) != _by_branch(right[cands[0]][1]))):
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
