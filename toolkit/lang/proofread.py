"""Every typo detector on one text, as the typo rules (TW500–TW504) run them.

For measuring (bench/typo_genre.py, bench/bench_typo.py) and for tests that
pin the detectors' precision on the genre: one place that says what "the typo
check" flags in a sentence.
"""

from __future__ import annotations

from typing import Iterable

from . import patterns, typo, usage
from .typo import Suspect


def suspects(text: str, names: Iterable[str] = ()) -> list[Suspect]:
    """All suspicions in ``text``, lexicon first; overlapping statistical ones dropped."""
    names = tuple(names)
    out = [Suspect(m.start(), m.end(), m.group(), e.right, "lexicon")
           for ps in (patterns.typos(), patterns.formulations()) for e, m in ps.finditer(text)]
    taken = [(s.start, s.end) for s in out]
    for s in [*usage.misuses(text, names), *typo.doubled(text, names), *typo.confusables(text, names),
              *typo.misplaced(text, names)]:
        if not any(a < s.end and s.start < b for a, b in taken):
            out.append(s)
            taken.append((s.start, s.end))
    return out
