"""Where a long title breaks: between words, in lines of even length.

GB/T 9704-2012 7.3.2: a title that runs over one line is broken so that words
stay whole and the lines are of balanced length (a trapezoid or a diamond),
not filled to the margin with one character left over (``积极分/子``).
"""

from __future__ import annotations

import math

from ..cn.segment import cut
from ..cn.text import display_width


def balanced_lines(text: str, per_line: float) -> list[str]:
    """``text`` in as few lines of at most ``per_line`` full-width characters as
    fit, broken only between words (jieba), the lines as even as possible; a
    word longer than a line is broken inside."""
    text = text.strip()
    width = display_width(text) / 2
    if width <= per_line:
        return [text] if text else []
    words = [w for w in cut(text, hmm=True) if w]
    ends = [0.0]
    for w in words:
        ends.append(ends[-1] + display_width(w) / 2)
    for lines in range(math.ceil(width / per_line), len(words) + 1):
        split = _best_split(ends, lines, per_line, width / lines)
        if split is not None:
            return ["".join(words[a:b]) for a, b in zip(split, split[1:])]
    return [text]  # unbreakable: one word wider than a line


def _best_split(ends: list[float], lines: int, per_line: float, target: float) -> list[int] | None:
    """Word indices where ``lines`` lines start and end, each at most ``per_line``
    wide, with the least squared distance from ``target``; None if none fits."""
    n = len(ends) - 1
    best: dict[tuple[int, int], tuple[float, list[int]]] = {(0, 0): (0.0, [0])}
    for k in range(1, lines + 1):
        for j in range(1, n + 1):
            options = []
            for i in range(j):
                prev = best.get((k - 1, i))
                w = ends[j] - ends[i]
                if prev is not None and w <= per_line:
                    options.append((prev[0] + (w - target) ** 2, prev[1] + [j]))
            if options:
                best[(k, j)] = min(options)
    found = best.get((lines, n))
    return found[1] if found else None
