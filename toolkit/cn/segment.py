"""One jieba tokenizer per process, with the field's user dictionary.

jieba takes about a second to build its prefix dictionary, so it is built
lazily and once. Its cache file goes to the user's cache folder (never into
site-packages) and its logging is silenced.
"""

from __future__ import annotations

import logging
import os
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

    return jieba.posseg.POSTokenizer(tokenizer())


# Sentences cut and tagged, kept for the rules that ask again: the typo and usage checks each cut every
# sentence of a summary, and jieba's cut is most of the CPU a narrative document costs.
CACHED_SENTENCES = 4096


@lru_cache(maxsize=CACHED_SENTENCES)
def words(text: str) -> tuple[str, ...]:
    """``text`` cut into the dictionary's words (no HMM: a slip is not glued to its neighbour)."""
    return tuple(tokenizer().lcut(text, HMM=False))


@lru_cache(maxsize=CACHED_SENTENCES)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """``text`` as (word, part of speech) pairs, dictionary words only (no HMM)."""
    return tuple((p.word, p.flag) for p in pos_tokenizer().cut(text, HMM=False))


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
