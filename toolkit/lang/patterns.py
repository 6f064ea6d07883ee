"""Pattern lists from corpus/ (typo lexicon, 规范表述, website residue), each
compiled once into a single alternation regex with one named group per entry.

A text is scanned once, whatever the number of entries; the named group that
matched says which entry it was (``Match.lastgroup``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import yaml

from ..cn.segment import sentence_cache
from ..resources import CORPUS_DIR


@dataclass(frozen=True, slots=True)
class Pattern:
    name: str  # the wrong form, the canonical form or the residue type
    regex: str
    message: str  # Chinese, for the finding
    severity: str = "error"
    right: str | None = None  # the correction, where there is one
    flag: str = ""  # spec: a text that must match
    ok: tuple[str, ...] = field(default_factory=tuple)  # specs: texts that must not


def _first_char(regex: str) -> str | None:
    """The literal character every match of ``regex`` starts with (lookbehinds skipped), if any."""
    from re import _constants as c, _parser

    for op, av in _parser.parse(regex):
        if op in (c.ASSERT, c.ASSERT_NOT) and av[0] < 0:  # a lookbehind looks before the start
            continue
        return chr(av) if op is c.LITERAL else None
    return None


class PatternSet:
    """Entries tried longest first at each position, leftmost match first, as one alternation would
    (``reference``), but fast: one alternation of hundreds of entries costs ~0.1 ms per character in
    ``re``, so entries that start with a literal character are grouped by it and tried only where
    the text has that character."""

    def __init__(self, entries: list[Pattern]) -> None:
        self.entries = entries
        # Longer literal forms first so that 截止到目前 wins over a shorter prefix.
        self.order = sorted(range(len(entries)), key=lambda i: -len(entries[i].regex))
        buckets: dict[str | None, list[int]] = {}
        for i in self.order:
            buckets.setdefault(_first_char(entries[i].regex), []).append(i)
        general = buckets.pop(None, [])
        self._general = self._alternation(general) if general else None
        self._buckets = {ch: self._alternation(ids) for ch, ids in buckets.items()}
        self._starts = re.compile("[" + "".join(map(re.escape, buckets)) + "]") if buckets else None
        self._rank = {i: r for r, i in enumerate(self.order)}
        self._found = sentence_cache(lambda text: tuple(self._scan(text)))

    def _alternation(self, ids: list[int]) -> re.Pattern:
        return re.compile("|".join(f"(?P<e{i}>{self.entries[i].regex})" for i in ids), re.M)

    def reference(self) -> re.Pattern:
        """The single alternation whose matches ``finditer`` gives (for tests)."""
        return self._alternation(self.order)

    def _literal(self, text: str, pos: int) -> re.Match | None:
        while self._starts is not None and (s := self._starts.search(text, pos)):
            if m := self._buckets[text[s.start()]].match(text, s.start()):
                return m
            pos = s.start() + 1
        return None

    def finditer(self, text: str) -> tuple[tuple[Pattern, re.Match], ...]:
        """The entries found in ``text`` with their matches, leftmost first; kept for the next
        rule that asks (the lexicon's rule and both statistical typo rules scan every sentence)."""
        return self._found(text)

    def _scan(self, text: str) -> Iterator[tuple[Pattern, re.Match]]:
        pos = 0
        lit = self._literal(text, 0)
        gen = self._general.search(text) if self._general else None
        while lit or gen:
            if lit and gen and lit.start() == gen.start():
                m = lit if self._rank[int(lit.lastgroup[1:])] < self._rank[int(gen.lastgroup[1:])] else gen
            else:
                m = min((x for x in (lit, gen) if x), key=lambda x: x.start())
            yield self.entries[int(m.lastgroup[1:])], m
            pos = m.end() if m.end() > m.start() else m.start() + 1
            if lit and lit.start() < pos:
                lit = self._literal(text, pos)
            if gen and gen.start() < pos:
                gen = self._general.search(text, pos)

    def __len__(self) -> int:
        return len(self.entries)


def _load(name: str) -> list[dict]:
    with open(CORPUS_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@lru_cache(maxsize=1)
def typos() -> PatternSet:
    """corpus/typos.yaml: misspellings, always errors."""
    return PatternSet([
        Pattern(e["wrong"], e.get("pattern") or re.escape(e["wrong"]),
                f"错别字：“{e['wrong']}”应为“{e['right']}”", "error", e["right"],
                e["flag"], tuple(e.get("ok", ())))
        for e in _load("typos.yaml")
    ])


@lru_cache(maxsize=1)
def formulations() -> PatternSet:
    """corpus/formulations.yaml: wrong variants of canonical formulations."""
    out = []
    for e in _load("formulations.yaml"):
        for variant in e["wrong"]:
            out.append(Pattern(e["right"], variant, f"不规范表述，应为“{e['right']}”",
                               e.get("severity", "error"), e["right"], e["flag"], tuple(e.get("ok", ()))))
    return PatternSet(out)


@lru_cache(maxsize=1)
def boilerplate() -> PatternSet:
    """corpus/boilerplate.yaml: residue of template websites."""
    return PatternSet([
        Pattern(e["name"], e["pattern"], e["message"], e.get("severity", "error"), None,
                e["flag"], tuple(e.get("ok", ())))
        for e in _load("boilerplate.yaml")
    ])
