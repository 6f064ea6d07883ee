"""One branch, many spellings: the branch key, built from the round.

Branches write their own name in several ways: ``共青团经济管理学院会计2302团支部``,
``经济管理学院会计2302团支部`` and ``会计2302团支部`` are one branch; so are
``滨海新区管委会机关团支部`` and ``管委会机关团支部``, ``XX有限公司第一团支部`` and
``XX公司第一团支部``. No fixed list of prefixes can know every college, town or
company, so the key is found in the round itself:

1. Each spelling is reduced to its *core*: ``共青团``, ``团支部``/``团总支``/
   ``支部`` and a final ``班`` dropped, whitespace and PDF radicals cleaned.
2. A core *abbreviates* a longer one when it is what is left after leaving out
   a prefix and words inside (``会计2302`` ⊑ ``经济管理学院会计2302``,
   ``XX公司第一`` ⊑ ``XX有限公司第一``, ``经管学院会计2302`` ⊑
   ``经济管理学院会计2302``): the same characters in the same order, the same
   ending, numbers kept whole (``2201`` never abbreviates ``22201``), and
   nothing with a digit left out after the first kept character.
3. The round's *full* spellings are the cores that abbreviate no other one,
   except one listed as a different branch in the same hand-out log (a log
   that lists ``生物2201`` and ``生物工程2201`` in rows of their own says they
   are two branches; a tally is no such evidence, it copies each form's
   spelling).
4. A spelling's key is the one full spelling it abbreviates. Of several, one
   that it ends (only a prefix left out) wins over those that need words left
   out inside: ``县委办公室`` is ``桐柏县县委办公室``, not ``桐柏县团委办公室``.
   When it abbreviates two in the same way (``机关`` in a round with ``财政局机关``
   and ``卫健局机关``), two readings remain: the spelling keeps its own key and
   :meth:`Branches.readings` says which they are, so rules warn, never err.

Every rule and report that groups by branch uses this module.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from ..cn.text import compact, map_radicals

_NOISE = re.compile(r"^(?:中国共产主义青年团|共青团)|(?:团支部|团总支|支部|团委)$")
_SUFFIX = re.compile(r"团支部|团总支")
_TOKEN = re.compile(r"\d+|[A-Za-z]+|.", re.S)
MIN_CORE = 2  # a one-character core (``1``) says too little to stand for a branch


def core(name: object) -> str:
    """``共青团化工2201班团支部`` and ``化工2201团支部`` → ``化工2201``."""
    s = map_radicals(compact(str(name or "")))
    for _ in range(2):
        s = _NOISE.sub("", s)
    return s.removesuffix("班")


def _tokens(s: str) -> list[str]:
    return _TOKEN.findall(s)


def abbreviates(short: str, long: str) -> bool:
    """``short`` is ``long`` with a prefix and words inside left out (see module doc)."""
    if len(short) < MIN_CORE or len(short) >= len(long):
        return False
    a, b = _tokens(short), _tokens(long)
    if a[-1] != b[-1]:
        return False
    # Match from the end; tokens of ``long`` skipped before the first match of
    # ``short``'s first token are the prefix and may be anything.
    i, j = len(a) - 1, len(b) - 1
    while i >= 0 and j >= 0:
        if a[i] == b[j]:
            i -= 1
        elif b[j][0].isdigit():
            return False  # a number left out inside the name: another branch
        j -= 1
    if i >= 0:
        return False
    # Digits must stay whole at the start too: 201 is not the end of 2201.
    return not (a[0][0].isdigit() and j >= 0 and b[j][:1].isdigit())


def _postings(cores: Iterable[str]) -> dict[str, set[str]]:
    """Each token → the cores holding it."""
    out: dict[str, set[str]] = defaultdict(set)
    for c in cores:
        for t in _tokens(c):
            out[t].add(c)
    return out


def _holding_all(postings: dict[str, set[str]], c: str) -> set[str]:
    """The cores holding every token of ``c``: each core ``c`` abbreviates or equals is among
    them (an abbreviation keeps each of its tokens), and a round's thousands of 村 or 机关 are not."""
    found: set[str] | None = None
    for held in sorted((postings.get(t, set()) for t in set(_tokens(c))), key=len):
        found = held if found is None else found & held
        if not found:
            return set()
    return found or set()


def _closest(short: str, fulls: list[str]) -> list[str]:
    """The readings of ``short`` among the full spellings it abbreviates: those it ends, if any."""
    ends = [d for d in fulls if d.endswith(short)]
    return sorted(ends or fulls)


class Branches:
    """The branch key of every spelling in a round.

    ``lists`` are the spellings each hand-out log names, one row per branch: spellings listed in one of them are different
    branches. ``names`` are all other spellings of the round.
    """

    def __init__(self, names: Iterable[object], lists: Iterable[Iterable[object]] = ()) -> None:
        self._shown: dict[str, str] = {}  # core → the spelling a message shows
        lists = [list(listed) for listed in lists]
        for n in sorted({str(n) for n in [*names, *(n for listed in lists for n in listed)] if n}, key=len):
            self._shown[core(n)] = _NOISE.sub("", compact(n)) + "团支部" if core(n) else n
        cores: set[str] = {c for c in self._shown if c}
        listed_in: dict[str, set[int]] = defaultdict(set)  # core → the logs listing it
        for k, listed in enumerate(lists):
            for n in listed:
                if c := core(n):
                    listed_in[c].add(k)
        postings = _postings(cores)
        longer = {c: [d for d in _holding_all(postings, c) if not listed_in[c] & listed_in[d] and abbreviates(c, d)]
                  for c in cores}
        full = {c for c in cores if not longer[c]}
        self._full = _postings(full)
        self._readings = {c: _closest(c, [d for d in longer[c] if d in full]) if longer[c] else [c] for c in cores}

    def readings(self, name: object) -> list[str]:
        """The full spellings (cores) ``name`` may stand for; two or more when ambiguous."""
        c = core(name)
        return self._readings.get(c, [c] if c else [])

    def key(self, name: object) -> str:
        """The branch key: the one full spelling, else the name's own core."""
        r = self.readings(name)
        return r[0] if len(r) == 1 else core(name)

    def ambiguous(self, name: object) -> bool:
        return len(self.readings(name)) > 1

    def same(self, a: object, b: object) -> bool:
        """Whether two spellings may name one branch: the same key, or one is a reading of the
        other, a name with several (机关团支部 may be 县卫健局机关团支部: TW710 asks which)."""
        ka, kb = self.key(a), self.key(b)
        return ka == kb or kb in self.readings(a) or ka in self.readings(b)

    def named_in(self, text: str) -> list[str]:
        """The keys of the branches ``text`` names in any spelling
        (``柳湾村团支部2026年推优工作总结`` → 青石镇柳湾村): before each ``团支部``,
        the longest stretch that is, or abbreviates, a full spelling of the round."""
        flat = map_radicals(compact(text))
        keys: list[str] = []
        for m in _SUFFIX.finditer(flat):
            for start in range(max(0, m.start() - 30), m.start() - MIN_CORE + 1):
                c = core(flat[start:m.start()])
                fits = sorted(f for f in _holding_all(self._full, c) if f == c or abbreviates(c, f))
                if fits:
                    keys += fits if len(fits) > 1 else [self.key(fits[0])]
                    break
        return list(dict.fromkeys(keys))

    def shown(self, key: str) -> str:
        """A branch key as a person reads it: ``县财政局机关团支部``."""
        return self._shown.get(key, key)
