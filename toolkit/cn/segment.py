"""One jieba tokenizer per process, with the field's user dictionary.

jieba takes about a second to build its prefix dictionary, so it is built
lazily and once. Its cache file goes to the user's cache folder (never into
site-packages) and its logging is silenced.
"""

from __future__ import annotations

import logging
import math
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from ..resources import CORPUS_DIR

if TYPE_CHECKING:
    import jieba
    import jieba.posseg

USERDICT = CORPUS_DIR / "userdict.txt"
T = TypeVar("T")


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/tuanwen`` (``~/.cache/tuanwen``), created on demand."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "tuanwen"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:  # read-only home: fall back to the system temp folder
        import tempfile

        path = Path(tempfile.gettempdir())
    return path


@lru_cache(maxsize=1)
def tokenizer() -> "jieba.Tokenizer":
    """The shared jieba tokenizer, initialised with the user dictionary."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.tmp_dir = str(cache_dir())
    tk.initialize()
    tk.load_userdict(str(USERDICT))
    return tk


@lru_cache(maxsize=1)
def pos_tokenizer() -> "jieba.posseg.POSTokenizer":
    """Part-of-speech tagger over the shared tokenizer (for person names, ``nr``)."""
    import jieba.posseg

    pos = jieba.posseg.POSTokenizer(tokenizer())
    # The user dictionary's tags join the table on the tagger's first cut; rules read the table
    # directly, so they join now (else the first document of a process would miss them).
    pos.makesure_userdict_loaded()
    return pos


# Sentences cut, tagged and scanned, kept for the rules that ask again: the typo and usage checks
# each cut every sentence of a summary, and jieba's cut is most of the CPU a narrative document costs.
CACHED_SENTENCES = 4096
_SENTENCE_CACHES: list = []


def sentence_cache(func: Callable[[str], T]) -> Callable[[str], T]:
    """``func`` of one sentence, its last :data:`CACHED_SENTENCES` results kept."""
    cached = lru_cache(maxsize=CACHED_SENTENCES)(func)
    _SENTENCE_CACHES.append(cached)
    return cached


def forget_sentences() -> None:
    """Empty every sentence cache (benchmarks: one document's sentences must not help the next)."""
    for cached in _SENTENCE_CACHES:
        cached.cache_clear()


# jieba's runs of words (jieba.re_han_default) and the whitespace it keeps whole (re_skip_default).
_HAN = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]+)")
_SKIP = re.compile("(\r\n|\\s)")
_ASCII_CHAR = re.compile("[a-zA-Z0-9]")


@sentence_cache
def words(text: str) -> tuple[str, ...]:
    """``text`` cut into the dictionary's words (no HMM: a slip is not glued to its neighbour):
    exactly ``tokenizer().lcut(text, HMM=False)``, in less than half its time (see :func:`_best_path`)."""
    tk = tokenizer()
    freq, log_total = tk.FREQ, math.log(tk.total)
    out: list[str] = []
    for block in _HAN.split(text):
        if not block:
            continue
        if _HAN.match(block):
            _best_path(block, freq, log_total, out)
        else:  # jieba's way outside its runs: whitespace whole, anything else character by character
            for part in _SKIP.split(block):
                if _SKIP.match(part):
                    out.append(part)
                else:
                    out.extend(part)
    return tuple(out)


def _best_path(block: str, freq: dict[str, int], log_total: float, out: list[str]) -> None:
    """jieba's dictionary-only cut of one run (``Tokenizer.get_DAG``, ``calc``, ``__cut_DAG_NO_HMM``)
    in one backward pass with no DAG, generator or tuples: the same sums in the same order, so
    the same floating-point scores, and ties to the longer word as jieba's ``max`` of tuples."""
    n = len(block)
    score = [0.0] * (n + 1)  # the best path's log-probability from each position to the end
    after = list(range(1, n + 1))  # where that path's first word ends
    get, log = freq.get, math.log
    for k in range(n - 1, -1, -1):
        best, i, f = None, k + 1, get(block[k])
        while f is not None:  # jieba's FREQ holds every word's prefixes (with 0), so it stops early
            if f:
                s = log(f) - log_total + score[i]
                if best is None or s >= best:
                    best, after[k] = s, i
            if i >= n:
                break
            i += 1
            f = get(block[k:i])
        # No word starts here: the character alone, at jieba's frequency 1.
        score[k] = log(get(block[k]) or 1) - log_total + score[k + 1] if best is None else best
    # Consecutive single letters or digits are joined (jieba's ``buf``).
    k, buf = 0, ""
    while k < n:
        word = block[k:after[k]]
        if len(word) == 1 and _ASCII_CHAR.match(word):
            buf += word
        else:
            if buf:
                out.append(buf)
                buf = ""
            out.append(word)
        k = after[k]
    if buf:
        out.append(buf)


# What jieba's tagger reads as a run of words (outside it every character is tagged x), and the
# letters and digits it joins into one token tagged eng.
_TAGGER_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._]+")
_LATIN = re.compile(r"[a-zA-Z0-9]+")


@sentence_cache
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """``text`` as (word, part of speech) pairs, dictionary words only (no HMM): the pairs jieba's
    tagger gives, tagged from the table over ``words(text)``, so a sentence is segmented once for
    both (the tagger's own pass is the same dictionary segmentation again)."""
    return tuple((w, _tag(w)) for w in words(text))


@lru_cache(maxsize=1 << 16)
def _tag(word: str) -> str:
    """The tagger's part of speech for a word of the dictionary's cut (the same in every sentence)."""
    if _LATIN.fullmatch(word):
        return "eng"
    return pos_tokenizer().word_tag_tab.get(word, "x") if _TAGGER_RUN.fullmatch(word) else "x"


def cut(text: str, hmm: bool = True) -> list[str]:
    return tokenizer().lcut(text, HMM=hmm)


def word_freq(word: str) -> int:
    """Frequency of ``word`` in jieba's dictionary (0 when absent or a mere prefix)."""
    return tokenizer().FREQ.get(word, 0)


@lru_cache(maxsize=1)
def analyser():
    """``jieba.analyse`` TF-IDF keyword extractor over the shared tokenizer."""
    import jieba.analyse

    extractor = jieba.analyse.TFIDF()
    extractor.tokenizer = tokenizer()
    extractor.postokenizer = pos_tokenizer()
    return extractor
