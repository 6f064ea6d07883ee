"""One jieba tokenizer per process, with the field's user dictionary.

jieba takes about a second to build its prefix dictionary, so it is built
lazily and once. Its cache file goes to the user's cache folder (never into
site-packages) and its logging is silenced.
"""

from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..resources import CORPUS_DIR

if TYPE_CHECKING:
    import jieba
    import jieba.posseg

USERDICT = CORPUS_DIR / "userdict.txt"


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


# Sentences cut and tagged, kept for the rules that ask again: the typo and usage checks each cut every
# sentence of a summary, and jieba's cut is most of the CPU a narrative document costs.
CACHED_SENTENCES = 4096


@lru_cache(maxsize=CACHED_SENTENCES)
def words(text: str) -> tuple[str, ...]:
    """``text`` cut into the dictionary's words (no HMM: a slip is not glued to its neighbour)."""
    return tuple(tokenizer().lcut(text, HMM=False))


# What jieba's tagger reads as a run of words (outside it every character is tagged x), and the
# letters and digits it joins into one token tagged eng.
_TAGGER_RUN = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._]+")
_LATIN = re.compile(r"[a-zA-Z0-9]+")


@lru_cache(maxsize=CACHED_SENTENCES)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """``text`` as (word, part of speech) pairs, dictionary words only (no HMM): the pairs jieba's
    tagger gives, tagged from the table over ``words(text)``, so a sentence is segmented once for
    both (the tagger's own pass is the same dictionary segmentation again)."""
    table = pos_tokenizer().word_tag_tab
    return tuple((w, "eng" if _LATIN.fullmatch(w) else table.get(w, "x") if _TAGGER_RUN.fullmatch(w) else "x")
                 for w in words(text))


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
