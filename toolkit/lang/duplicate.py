"""Copied documents in a round: one branch's text copied from another's,
whole or with paragraphs dropped, added or reworded.

1. Text most submissions share (the common template: headings, set phrases
   handed down by the 团委, a notice sent to every branch) is discounted
   first: a paragraph found in many documents of the round (30 % of them, or
   ``TEMPLATE_DOCS`` in a large round), verbatim or nearly (each branch put
   its own name in), or close to a paragraph the drafter offers every branch
   (corpus/reference), is dropped before comparing. A large round finds most
   of it against a fixed sample of its documents first, so that the search
   never holds the pairs of a template's thousands of copies.
2. Paragraphs and documents become TF-IDF vectors of character 3-grams (no
   segmentation needed, robust to swapped names). Very common n-grams are
   pruned: they say nothing about copying and make the products dense.
3. Nearest neighbours, never all pairs: sparse matrix products in row blocks
   keep only the pairs above a threshold, for paragraphs (a summary that
   reuses most of another's paragraphs, one dropped or added) and for whole
   documents (the same text with every paragraph lightly edited). A paragraph
   with neighbours in more documents than the template limit is template
   text and keeps none of its pairs, so the pairs kept grow with the round,
   not with its square.
4. For each candidate pair, the copied paragraphs are aligned with rapidfuzz,
   so the report can say which paragraphs of which file.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from ..cn.numbers import CN_NUMBER, UNIT

_WS = re.compile(r"\s+")
MIN_PARAGRAPH = 16  # shorter paragraphs (headings, dates, signatures) are not compared
_SENTENCE = re.compile("[，。；！？,;]")  # titles and headings have no punctuation: not compared
COMMON_SHARE = 0.3  # a paragraph in ≥ 30% of the documents (and ≥ 3) is template text …
TEMPLATE_DOCS = 50  # … and in a large round one in this many documents: text handed to every branch, not a copy
SAMPLE_DOCS = 1000  # a round with more documents first looks for its template text in a sample of this many
MAX_DF = 0.2  # n-grams in more than 20% of the documents are pruned (large rounds only)
BLOCK = 512
PARAGRAPH_MATCH = 80  # rapidfuzz ratio (0–100) for two paragraphs to count as copied
PARAGRAPH_SIM = 0.6  # cosine of two paragraphs' vectors to be compared at all
MIN_COPIED = 2  # a pair found by its paragraphs needs this many copied paragraphs …
COPIED_SHARE = 0.5  # … making up at least this share of the shorter document's own paragraphs
NEAR_COMMON_MIN = 4  # documents holding nearly the same paragraph for it to count as template
SKELETON_SHARE = 0.5  # a paragraph with this share of its 3-grams in template-many documents …
SKELETON_SIM = 0.6  # … and unweighted cosine ≥ this with theirs was filled in from one skeleton


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
    return max(3, min(COMMON_SHARE * n_docs, TEMPLATE_DOCS))


def _counts(texts: list[str]):
    """Counts of hashed character 3-grams, one row per text (hashing keeps no
    vocabulary: ten times faster than a vocabulary of a million n-grams)."""
    import numpy as np
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer="char", ngram_range=(3, 3), lowercase=False, alternate_sign=False,
                             norm=None, n_features=2**20, dtype=np.float32).transform(texts).tocsr()


def _vectors(counts):
    """L2-normalised TF-IDF rows of 3-gram ``counts``."""
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    X = counts.copy()
    n = X.shape[0]
    df = np.bincount(X.indices, minlength=X.shape[1])
    idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
    if n >= 50:
        idf[df > MAX_DF * n] = 0
    X.data = 1 + np.log(X.data)  # sublinear tf
    X = X @ sparse.diags(idf)
    X.eliminate_zeros()
    return normalize(X).tocsr()


def _neighbours(X, Y, threshold: float):
    """(row of X, row of Y, cosine) arrays of every pair with cosine ≥ threshold, one block of
    X's rows at a time (a block's products, not the whole matrix, are held)."""
    YT = Y.T.tocsr()
    for start in range(0, X.shape[0], BLOCK):
        S = (X[start:start + BLOCK] @ YT).tocoo()
        keep = S.data >= threshold
        yield S.row[keep] + start, S.col[keep], S.data[keep]


def similar_pairs(texts: list[str], threshold: float, X=None) -> list[tuple[int, int, float]]:
    """(i, j, cosine) for every pair i < j with cosine ≥ threshold."""
    X = _vectors(_counts(texts)) if X is None else X
    out = []
    for i, j, sim in _neighbours(X, X, threshold):
        keep = j > i
        out.extend(zip(i[keep].tolist(), j[keep].tolist(), sim[keep].tolist()))
    return sorted(out)


def _reach(rows, docs, n_docs: int):
    """(row, number of distinct documents) for the neighbours' documents ``docs`` of ``rows``."""
    import numpy as np

    keys = np.unique(rows.astype(np.int64) * n_docs + docs)
    return np.unique(keys // n_docs, return_counts=True)


def _sampled(n_docs: int):
    """``SAMPLE_DOCS`` of the documents, drawn once (the same draw every run), as a mask."""
    import numpy as np

    chosen = np.zeros(n_docs, dtype=bool)
    chosen[random.Random(0).sample(range(n_docs), SAMPLE_DOCS)] = True
    return chosen


def _sampled_template(P, owner, n_docs: int, limit):
    """Paragraphs whose near copies are in about ``limit`` documents or more (``limit`` per
    paragraph), judged against
    the paragraphs of ``SAMPLE_DOCS`` documents drawn once (the same draw every run): each
    paragraph is compared with a fixed number of others, however large the round."""
    import numpy as np

    common = np.zeros(P.shape[0], dtype=bool)
    cols = np.flatnonzero(_sampled(n_docs)[owner])
    for rows, j, _ in _neighbours(P, P[cols], PARAGRAPH_SIM):
        rows, counts = _reach(rows, owner[cols[j]], n_docs)
        common[rows[counts * n_docs / SAMPLE_DOCS >= limit[rows]]] = True
    return common


def _paragraph_pairs(P, owner, n_docs: int, limit: float, common):
    """Pairs (p, q), p < q, of near-identical paragraphs of different documents, among those
    not yet ``common``; a paragraph with neighbours in ``limit`` documents or more (its own
    counted) is marked common in place and keeps no pair."""
    import numpy as np

    live = np.flatnonzero(~common)
    Q = P[live]
    found_p, found_q = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    for i, j, _ in _neighbours(Q, Q, PARAGRAPH_SIM):
        p, q = live[i], live[j]
        rows, counts = _reach(p, owner[q], n_docs)
        common[rows[counts >= limit[rows]]] = True
        keep = (q > p) & (owner[p] != owner[q]) & ~common[p]
        found_p.append(p[keep])
        found_q.append(q[keep])
    return np.concatenate(found_p), np.concatenate(found_q)


_DIGITS = re.compile(r"[0-9０-９]+")


def _skeleton(text: str) -> str:
    """A paragraph with its figures masked: 应到22名 and 应到222名 read the same."""
    return CN_NUMBER.sub("#", _DIGITS.sub("#", text))


def _skeleton_template(counts, owner, n_docs: int, limit):
    """Paragraphs filled in from one skeleton in ``limit`` documents or more (``limit`` per
    paragraph), from the 3-gram ``counts`` of their skeletons. Candidates are the paragraphs
    most of whose 3-grams are that common (cheap, and few in a round of free prose); a
    candidate is template text when its neighbours among the candidates, every 3-gram
    weighing the same, reach that many documents. A large round counts them in a fixed
    sample of its documents."""
    import numpy as np
    from scipy import sparse
    from sklearn.preprocessing import normalize

    S = counts.copy()
    S.data[:] = 1
    n = S.shape[0]
    in_doc = sparse.csr_matrix((np.ones(n, dtype=np.float32), (owner, np.arange(n))), shape=(n_docs, n)) @ S
    df = np.bincount(in_doc.indices, minlength=S.shape[1])
    rows = np.repeat(np.arange(n), np.diff(S.indptr))
    common_grams = np.bincount(rows, weights=df[S.indices] >= limit[rows], minlength=n)
    template = np.zeros(n, dtype=bool)
    candidates = np.flatnonzero(common_grams >= SKELETON_SHARE * np.maximum(1, np.diff(S.indptr)))
    if not candidates.size:
        return template
    C = normalize(S[candidates])
    sample, scale = np.arange(candidates.size), 1.0
    if n_docs > SAMPLE_DOCS:
        sample, scale = np.flatnonzero(_sampled(n_docs)[owner[candidates]]), n_docs / SAMPLE_DOCS
    for i, j, _ in _neighbours(C, C[sample], SKELETON_SIM):
        found, counts = _reach(i, owner[candidates[sample[j]]], n_docs)
        template[candidates[found[counts * scale >= limit[candidates[found]]]]] = True
    return template


def _near_any(P, R):
    """Rows of P with a neighbour among the rows of R."""
    import numpy as np

    near = np.zeros(P.shape[0], dtype=bool)
    for i, _, _ in _neighbours(P, R, PARAGRAPH_SIM):
        near[i] = True
    return near


def _covered(a: list[str], b: list[str]) -> float:
    """Share of ``a``'s characters in clauses with a near-identical clause in ``b`` (ratio 0–100)."""
    from rapidfuzz import fuzz, process

    best = [process.extractOne(c, b, scorer=fuzz.ratio)[1] for c in a]
    return sum(len(c) * s for c, s in zip(a, best)) / max(1, sum(map(len, a)))


def _clause_ratio(a: str, b: str, score_cutoff: float = 0) -> float:
    """How much of two paragraphs is the same clauses in any order (0–100): a copier who
    swapped two sentences around kept the text, though not its order."""
    ca, cb = [c for c in _SENTENCE.split(a) if c], [c for c in _SENTENCE.split(b) if c]
    if len(ca) < 2 or len(cb) < 2:
        return 0.0
    score = min(_covered(ca, cb), _covered(cb, ca))
    return score if score >= score_cutoff else 0.0


# A count or a share (32名, 48人次, 37.5%): a fact of the branch's, not part of a name (化工2201团支部).
_FIGURE = re.compile(rf"\d+(?:\.\d+)?(?=\s*(?:{UNIT}|[%％]))")


def _same_figures(a: str, b: str) -> bool:
    """Two near-identical paragraphs state mostly the same counts, or one has none: a copier
    keeps the source's figures, while a set sentence each branch filled in with its own
    (共有团员32名…占37.5% and 共有团员28名…占32.1%) is a shared frame, not a copy."""
    fa, fb = _FIGURE.findall(a), _FIGURE.findall(b)
    if not fa or not fb:
        return True
    return 2 * sum((Counter(fa) & Counter(fb)).values()) >= min(len(fa), len(fb))


def align(a: Sequence[tuple[int, str]], b: Sequence[tuple[int, str]]) -> list[Copied]:
    """Paragraphs of ``a`` with a near-identical paragraph in ``b`` stating the same
    figures, in ``a``'s order: the same characters in order, or the same clauses reordered."""
    from rapidfuzz import fuzz, process

    choices = [t for _, t in b]
    out = []
    for i, t in a:
        best = (process.extractOne(t, choices, scorer=fuzz.ratio, score_cutoff=PARAGRAPH_MATCH)
                or process.extractOne(t, choices, scorer=_clause_ratio, score_cutoff=PARAGRAPH_MATCH))
        if best and _same_figures(t, best[0]):
            _, score, k = best
            out.append(Copied(i, b[k][0], score / 100, t, b[k][1]))
    return out


def find_duplicates(docs: Sequence[Sequence[tuple[int, str]]], threshold: float = 0.8,
                    kinds: Sequence[str] | None = None) -> list[Pair]:
    """Copied pairs among ``docs``, each a list of (paragraph number, text).

    Only the distinctive text counts (see module doc). ``kinds`` (one per
    document: 会议记录, 总结 …) sets how many documents make a paragraph
    template text by the documents of its own kind: five minutes filled from
    one template in a round of forty summaries are still five of five. A pair is reported when
    at least one distinctive paragraph is copied and either the documents'
    cosine similarity reaches ``threshold`` or the copied paragraphs (at least
    ``MIN_COPIED``) make up ``COPIED_SHARE`` of the shorter document: a copy
    with a paragraph dropped, added or rewritten is still a copy.
    """
    import numpy as np

    kept = _distinctive(docs)
    owner = np.array([d for d, paras in enumerate(kept) for _ in paras], dtype=np.int64)
    if not owner.size:
        return []
    n, n_docs = owner.size, len(docs)
    # The drafter's reference paragraphs (corpus/reference) are open to every branch: template text.
    shared_source = list(_reference_paragraphs())
    # Figures masked: 应到22名 and 应到222名 are one text to the search (the alignment reads them).
    counts = _counts([_skeleton(t) for paras in kept for _, t in paras] + [_skeleton(t) for t in shared_source])
    X = _vectors(counts)
    P = X[:n]
    # Nearly the same paragraph in many documents is template text too (each branch put in its name),
    # one more document than for verbatim text: a copy and the source it shares with a third
    # branch would otherwise make three documents look like a template.
    group = Counter(kinds or [""] * n_docs)
    per_doc = np.array([max(NEAR_COMMON_MIN, _common_limit(group[k])) for k in (kinds or [""] * n_docs)])
    limit = per_doc[owner]
    common = _skeleton_template(counts[:n], owner, n_docs, limit)
    if n_docs > SAMPLE_DOCS:
        common |= _sampled_template(P, owner, n_docs, limit)
    p, q = _paragraph_pairs(P, owner, n_docs, limit, common)
    common |= _near_any(P, X[n:])
    keep = ~common[p] & ~common[q]
    p, q = p[keep], q[keep]
    if common.any():
        flat, k = [], 0
        for paras in kept:
            flat.append([x for j, x in enumerate(paras, k) if not common[j]])
            k += len(paras)
        kept = flat
    a, b = np.minimum(owner[p], owner[q]), np.maximum(owner[p], owner[q])
    doc_pairs, counts = np.unique(a * n_docs + b, return_counts=True)
    shared = {(int(k // n_docs), int(k % n_docs)): int(c) for k, c in zip(doc_pairs, counts)}
    X = _vectors(_counts(["\n".join(t for _, t in d) for d in kept]))
    by_doc = {(i, j): sim for i, j, sim in similar_pairs([], threshold, X)}
    candidates = set(by_doc) | {pair for pair, c in shared.items() if c >= MIN_COPIED}
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

