"""Pattern lists from corpus/ (typo lexicon, 规范表述, website residue), each
compiled once into a single alternation regex with one named group per entry.

The combined regex scans a text once, whatever the number of entries; the
named group that matched says which entry it was (``Match.lastgroup``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import yaml

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


class PatternSet:
    def __init__(self, entries: list[Pattern]) -> None:
        self.entries = entries
        # Longer literal forms first so that 截止到目前 wins over a shorter prefix.
        order = sorted(range(len(entries)), key=lambda i: -len(entries[i].regex))
        self._regex = re.compile("|".join(f"(?P<e{i}>{entries[i].regex})" for i in order), re.M)

    def finditer(self, text: str) -> Iterator[tuple[Pattern, re.Match]]:
        for m in self._regex.finditer(text):
            yield self.entries[int(m.lastgroup[1:])], m

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
