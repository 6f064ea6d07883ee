"""Copied documents in a round: one branch's text copied from another's,
whole or with paragraphs dropped, added or reworded.

1. Text most submissions share (the common template: headings, set phrases
   handed down by the 团委) is discounted first: a paragraph found in many
   documents of the round, verbatim or nearly (each branch put its own name
   in), or close to a paragraph the drafter offers every branch
   (corpus/reference), is dropped before comparing.
2. Paragraphs and documents become TF-IDF vectors of character 3-grams (no
   segmentation needed, robust to swapped names). Very common n-grams are
   pruned: they say nothing about copying and make the products dense.
3. Nearest neighbours, never all pairs: sparse matrix products in row blocks
   keep only the pairs above a threshold, for paragraphs (a summary that
   reuses most of another's paragraphs, one dropped or added) and for whole
   documents (the same text with every paragraph lightly edited).
4. For each candidate pair, the copied paragraphs are aligned with rapidfuzz,
   so the report can say which paragraphs of which file.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

_WS = re.compile(r"\s+")
MIN_PARAGRAPH = 16  # shorter paragraphs (headings, dates, signatures) are not compared
_SENTENCE = re.compile("[，。；！？,;]")  # titles and headings have no punctuation: not compared
COMMON_SHARE = 0.3  # a paragraph in ≥ 30% of the documents (and ≥ 3) is template text
MAX_DF = 0.2  # n-grams in more than 20% of the documents are pruned (large rounds only)
BLOCK = 512
PARAGRAPH_MATCH = 80  # rapidfuzz ratio (0–100) for two paragraphs to count as copied
PARAGRAPH_SIM = 0.6  # cosine of two paragraphs' vectors to be compared at all
MIN_COPIED = 2  # a pair found by its paragraphs needs this many copied paragraphs …
COPIED_SHARE = 0.5  # … making up at least this share of the shorter document's own paragraphs
NEAR_COMMON_MIN = 4  # documents holding nearly the same paragraph for it to count as template


@dataclass(slots=True)
class Copied:
    a: int  # paragraph number (document's own numbering) in the first document
    b: int
    score: float  # 0–1
    text_a: str
    text_b: str


@dataclass(slots=True)
class Pair:
    a: int  # positions in the input list, a < b
    b: int
    similarity: float  # cosine of the two documents' distinctive text
    copied: list[Copied] = field(default_factory=list)
    share: float = 0.0  # copied paragraphs / distinctive paragraphs of the shorter document


def spans(copied: Sequence[Copied]) -> list[tuple[int, int, int, int]]:
    """Runs of copied paragraphs in both documents' order, as (first a, last a,
    first b, last b): 第3–5段 ≈ 对方第2–4段."""
    out: list[list[int]] = []
    for c in sorted(copied, key=lambda c: c.a):
        if out and out[-1][1] + 1 == c.a and out[-1][3] + 1 == c.b:
            out[-1][1], out[-1][3] = c.a, c.b
        else:
            out.append([c.a, c.a, c.b, c.b])
    return [tuple(r) for r in out]


def _norm(text: str) -> str:
    return _WS.sub("", text)


def _distinctive(docs: Sequence[Sequence[tuple[int, str]]]) -> list[list[tuple[int, str]]]:
    """Each document's paragraphs minus short ones and the round's verbatim common template."""
    normed = [[(i, n) for i, n in ((i, _norm(t)) for i, t in d) if len(n) >= MIN_PARAGRAPH and _SENTENCE.search(n)]
              for d in docs]
    df = Counter(t for d in normed for t in {t for _, t in d})
    limit = _common_limit(len(docs))
    return [[(i, t) for i, t in d if df[t] < limit] for d in normed]


@lru_cache(maxsize=1)
def _reference_paragraphs() -> tuple[str, ...]:
    """corpus/reference paragraphs with their {placeholders} taken out."""
    import yaml

    from ..resources import CORPUS_DIR

    out = []
    for path in sorted((CORPUS_DIR / "reference").glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            out += [_norm(_PLACEHOLDER.sub("", e["text"])) for e in yaml.safe_load(fh)]
    return tuple(out)


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _common_limit(n_docs: int) -> float:
    return max(3, COMMON_SHARE * n_docs)


def _vectors(texts: list[str]):
    """L2-normalised TF-IDF rows of hashed character 3-grams (hashing keeps no
    vocabulary: ten times faster than a vocabulary of a million n-grams)."""
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.preprocessing import normalize

    n = len(texts)
    X = HashingVectorizer(analyzer="char", ngram_range=(3, 3), lowercase=False, alternate_sign=False,
                          norm=None, n_features=2**20, dtype=np.float32).transform(texts)
    df = np.bincount(X.indices, minlength=X.shape[1])
    idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
    if n >= 50:
        idf[df > MAX_DF * n] = 0
    X.data = 1 + np.log(X.data)  # sublinear tf
    X = X @ sparse.diags(idf)
    X.eliminate_zeros()
    return normalize(X).tocsr()


def similar_pairs(texts: list[str], threshold: float, X=None) -> list[tuple[int, int, float]]:
    """(i, j, cosine) for every pair i < j with cosine ≥ threshold."""
    X = _vectors(texts) if X is None else X
    XT = X.T.tocsr()
    out = []
    for start in range(0, X.shape[0], BLOCK):
        S = (X[start:start + BLOCK] @ XT).tocoo()
        keep = (S.data >= threshold) & (S.col > S.row + start)
        out.extend(zip((S.row[keep] + start).tolist(), S.col[keep].tolist(), S.data[keep].tolist()))
    return sorted(out)


def align(a: Sequence[tuple[int, str]], b: Sequence[tuple[int, str]]) -> list[Copied]:
    """Paragraphs of ``a`` with a near-identical paragraph in ``b``, in ``a``'s order."""
    from rapidfuzz import fuzz, process

    choices = [t for _, t in b]
    out = []
    for i, t in a:
        best = process.extractOne(t, choices, scorer=fuzz.ratio, score_cutoff=PARAGRAPH_MATCH)
        if best:
            _, score, k = best
            out.append(Copied(i, b[k][0], score / 100, t, b[k][1]))
    return out


def find_duplicates(docs: Sequence[Sequence[tuple[int, str]]], threshold: float = 0.8) -> list[Pair]:
    """Copied pairs among ``docs``, each a list of (paragraph number, text).

    Only the distinctive text counts (see module doc). A pair is reported when
    at least one distinctive paragraph is copied and either the documents'
    cosine similarity reaches ``threshold`` or the copied paragraphs (at least
    ``MIN_COPIED``) make up ``COPIED_SHARE`` of the shorter document: a copy
    with a paragraph dropped, added or rewritten is still a copy.
    """
    kept = _distinctive(docs)
    owner = [d for d, paras in enumerate(kept) for _ in paras]
    if not owner:
        return []
    # The drafter's reference paragraphs (corpus/reference) are open to every branch: template text.
    shared_source = list(_reference_paragraphs())
    n = len(owner)
    found = similar_pairs([t for paras in kept for _, t in paras] + shared_source, PARAGRAPH_SIM)
    drafted = {p for p, q, _ in found if p < n <= q}
    para_pairs = [(p, q) for p, q, _ in found if q < n and owner[p] != owner[q]]
    # Nearly the same paragraph in many documents is template text too (each branch put in its name).
    reach: dict[int, set[int]] = {}
    for p, q in para_pairs:
        reach.setdefault(p, {owner[p]}).add(owner[q])
        reach.setdefault(q, {owner[q]}).add(owner[p])
    # One more document than for verbatim text: a copy and the source it shares with a
    # third branch would otherwise make three documents look like a template.
    limit = max(NEAR_COMMON_MIN, _common_limit(len(docs)))
    common = {p for p, ds in reach.items() if len(ds) >= limit} | drafted
    if common:
        flat, k = [], 0
        for paras in kept:
            flat.append([x for j, x in enumerate(paras, k) if j not in common])
            k += len(paras)
        kept = flat
    shared = Counter((owner[p], owner[q]) if owner[p] < owner[q] else (owner[q], owner[p])
                     for p, q in para_pairs if p not in common and q not in common)
    X = _vectors(["\n".join(t for _, t in d) for d in kept])
    by_doc = {(i, j): sim for i, j, sim in similar_pairs([], threshold, X)}
    candidates = set(by_doc) | {pair for pair, n in shared.items() if n >= MIN_COPIED}
    pairs = []
    for i, j in sorted(candidates):
        copied = align(kept[i], kept[j])
        if not copied:
            continue
        share = len(copied) / max(1, min(len(kept[i]), len(kept[j])))
        if (i, j) in by_doc or (len(copied) >= MIN_COPIED and share >= COPIED_SHARE):
            sim = by_doc.get((i, j)) or float(X[i].multiply(X[j]).sum())
            pairs.append(Pair(i, j, sim, copied, min(1.0, share)))
    return pairs

