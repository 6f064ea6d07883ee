"""Near-duplicate documents in a round: one branch's text copied from another's.

1. Text most submissions share (the common template: headings, set phrases
   handed down by the 团委) is discounted first: a paragraph found in many
   documents of the round is dropped before comparing.
2. Each document becomes a TF-IDF vector of character 3-grams (no segmentation
   needed, robust to swapped names). Very common n-grams are pruned: they say
   nothing about copying and make the products dense.
3. Pairs above the threshold are found with sparse matrix products in row
   blocks (never a dense all-pairs matrix).
4. For each pair, the copied paragraphs are aligned side by side with
   rapidfuzz, so the report can show them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

_WS = re.compile(r"\s+")
MIN_PARAGRAPH = 16  # shorter paragraphs (headings, dates, signatures) are not compared
_SENTENCE = re.compile("[，。；！？,;]")  # titles and headings have no punctuation: not compared
COMMON_SHARE = 0.3  # a paragraph in ≥ 30% of the documents (and ≥ 3) is template text
MAX_DF = 0.2  # n-grams in more than 20% of the documents are pruned (large rounds only)
BLOCK = 512
PARAGRAPH_MATCH = 80  # rapidfuzz ratio (0–100) for two paragraphs to count as copied


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
    similarity: float
    copied: list[Copied] = field(default_factory=list)


def _norm(text: str) -> str:
    return _WS.sub("", text)


def _distinctive(docs: Sequence[Sequence[tuple[int, str]]]) -> list[list[tuple[int, str]]]:
    """Each document's paragraphs minus short ones and the round's common template."""
    normed = [[(i, n) for i, n in ((i, _norm(t)) for i, t in d) if len(n) >= MIN_PARAGRAPH and _SENTENCE.search(n)]
              for d in docs]
    df = Counter(t for d in normed for t in {t for _, t in d})
    limit = max(3, COMMON_SHARE * len(docs))
    return [[(i, t) for i, t in d if df[t] < limit] for d in normed]


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


def similar_pairs(texts: list[str], threshold: float) -> list[tuple[int, int, float]]:
    """(i, j, cosine) for every pair i < j with cosine ≥ threshold."""
    X = _vectors(texts)
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
    """Near-duplicate pairs among ``docs``, each a list of (paragraph number, text).

    Only the distinctive text counts (see module doc). A pair is reported when
    its cosine similarity reaches ``threshold`` and at least one distinctive
    paragraph is copied.
    """
    kept = _distinctive(docs)
    texts = ["\n".join(t for _, t in d) for d in kept]
    pairs = []
    for i, j, sim in similar_pairs(texts, threshold):
        copied = align(kept[i], kept[j])
        if copied:
            pairs.append(Pair(i, j, sim, copied))
    return pairs


# Documents whose text is written by the branch (forms and tallies are not).
NARRATIVE_KINDS = frozenset({"summary", "bulletin", "notice", "minutes", "unknown"})
