"""Typo detection beyond the lexicon: doubled characters/words and unlikely
characters (a confusable character would complete a dictionary word).

Both are statistical suspicions (warnings), tuned for precision: a finding
must be worth a person's look. Names are never flagged: the caller passes the
people and branches of the round, and jieba's name tags (``nr``/``ns``/``nt``)
protect the rest.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from ..cn.text import is_cjk
from ..resources import CORPUS_DIR
from .segment import pos_tokenizer, tokenizer

# A unit (1–4 CJK characters) written twice in a row.
_DOUBLED = re.compile(r"([\u4e00-\u9fff]{1,4})\1")
# POS tags whose reduplication is grammatical (研究研究, 高高兴兴, 非常非常).
_REDUP_TAGS = ("v", "a", "d", "q", "m")
_NAME_TAGS = ("nr", "ns", "nt", "nz")

# Scoring of a confusable replacement (see _gain): the log-probability gain the
# replacement brings to the window under jieba's unigram model, by confusion type.
MIN_GAIN = {"tone": 1.0, "other": 4.0, "shape": 3.0}
MIN_WORD_FREQ = 50  # the completed word must be an established one
MAX_WINDOW = 4
# The commonest function characters (的 到 会 只 …) are left alone: as loose
# single tokens they are normal, and the unigram model over-rewards merging them.
MAX_SUSPECT_FREQ = 50_000
# Loose prepositions and numerals are normal syntax, not the debris of a broken
# word (9日至15日, 报至团委, 五是…): never suspects. Adverbs are judged in
# context instead (see _modifies_predicate): skipping them all costs recall.
_FUNCTION_TAGS = ("p", "m")
# Tags of a predicate an adverb can modify (带领, 长, 认真, 发展).
_PREDICATE_TAGS = ("v", "a")


@dataclass(slots=True)
class Suspect:
    start: int
    end: int
    text: str  # the suspicious span as written
    suggestion: str | None  # the corrected span, where one is proposed
    kind: str  # "doubled" | "confusable"


@lru_cache(maxsize=1)
def confusion() -> dict[str, tuple[str, str, str]]:
    """corpus/confusion.tsv: char → (same sound and tone, other tone, similar shape)."""
    table = {}
    with open(CORPUS_DIR / "confusion.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            ch, *fields = line.rstrip("\n").split("\t")
            table[ch] = tuple((fields + ["", "", ""])[:3])
    return table


@lru_cache(maxsize=1)
def known_bigrams() -> frozenset[str]:
    """Character bigrams of the project's own correct texts (corpus/reference,
    corpus/kinds.yaml, the lexicon's corrected sentences): the field's usage
    (参学率, 逐人核对, 线上) is never a typo."""
    import yaml

    from .patterns import typos

    texts = [e.flag.replace(e.name, e.right) for e in typos().entries] + [o for e in typos().entries for o in e.ok]
    for path in sorted((CORPUS_DIR / "reference").glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            texts += [e["text"] for e in yaml.safe_load(fh)]
    with open(CORPUS_DIR / "kinds.yaml", encoding="utf-8") as fh:
        texts += [t for group in yaml.safe_load(fh).values() for t in group]
    return frozenset(t[i:i + 2] for t in texts for i in range(len(t) - 1))


def _spans(tokens: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for t in tokens:
        out.append((pos, pos + len(t)))
        pos += len(t)
    return out


def _name_mask(text: str, names: Iterable[str]) -> bytearray:
    """1 for every character inside a known name or a jieba-tagged proper noun."""
    mask = bytearray(len(text))
    for name in names:
        if len(name) >= 2:
            for m in re.finditer(re.escape(name), text):
                mask[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    pos = 0
    for pair in pos_tokenizer().cut(text):
        n = len(pair.word)
        if pair.flag.startswith(_NAME_TAGS):
            mask[pos:pos + n] = b"\x01" * n
        pos += n
    return mask


def doubled(text: str, names: Iterable[str] = ()) -> Iterator[Suspect]:
    """``的的``, ``我们我们``: a unit written twice where the language does not double it.

    A doubled character counts only when jieba (dictionary only, no HMM) leaves
    both copies as single-character tokens: 天天 and 渐渐 are words, and 学生生活
    is 学生 + 生活. A doubled word counts unless its part of speech reduplicates
    (研究研究, 高兴高兴).
    """
    if not _DOUBLED.search(text):
        return
    tk = tokenizer()
    tokens = tk.lcut(text, HMM=False)
    spans = _spans(tokens)
    starts = {s: i for i, (s, _) in enumerate(spans)}
    mask = None
    tags = pos_tokenizer().word_tag_tab
    for m in _DOUBLED.finditer(text):
        unit = m.group(1)
        i = starts.get(m.start())
        if i is None or i + 1 >= len(tokens) or tokens[i] != unit or tokens[i + 1] != unit:
            continue
        if len(unit) > 1 and tags.get(unit, "x").startswith(_REDUP_TAGS):
            continue
        if mask is None:
            mask = _name_mask(text, names)
        if any(mask[m.start():m.end()]):
            continue
        yield Suspect(m.start(), m.end(), m.group(), unit, "doubled")


def _adverb_positions(text: str) -> frozenset[int]:
    """Starts of single-character adverbs directly modifying a predicate, as
    jieba's tagger (with HMM, so in context) reads the sentence: 党正带领 and
    时间较长 are grammatical even though 党政 and 校长 are words; 再家 (d + n)
    is still a suspect."""
    pairs = list(pos_tokenizer().cut(text))
    out, pos = set(), 0
    for k, pair in enumerate(pairs):
        if (len(pair.word) == 1 and pair.flag == "d" and k + 1 < len(pairs)
                and pairs[k + 1].flag.startswith(_PREDICATE_TAGS)):
            out.add(pos)
        pos += len(pair.word)
    return frozenset(out)


def _gain(new_word: str, old_tokens: list[str], freq: dict[str, int], log_total: float) -> float:
    """log P(new word) − log P(old tokens) under jieba's unigram model."""
    old = sum(math.log(freq.get(t) or 1) for t in old_tokens)
    return math.log(freq[new_word]) - old + (len(old_tokens) - 1) * log_total


def confusables(text: str, names: Iterable[str] = (), margin: float = 0.0) -> Iterator[Suspect]:
    """Characters that split the text into loose single characters where a
    confusable character (same sound or similar shape) would complete an
    established dictionary word: 朋唷 → 朋友, 对不气 → 对不起. ``margin`` raises
    every gain threshold (higher: fewer, surer findings)."""
    tk = tokenizer()
    freq, log_total = tk.FREQ, math.log(tk.total)
    table = confusion()
    known = known_bigrams()
    tags = pos_tokenizer().word_tag_tab
    tokens = tk.lcut(text, HMM=False)
    spans = _spans(tokens)
    mask = adverbs = None
    for i, tok in enumerate(tokens):
        if len(tok) != 1 or tok not in table or freq.get(tok, 0) >= MAX_SUSPECT_FREQ:
            continue
        if tags.get(tok, "x").startswith(_FUNCTION_TAGS):
            continue
        at = spans[i][0]
        if text[max(0, at - 1):at + 1] in known or text[at:at + 2] in known:
            continue
        best: tuple[float, int, int, str] | None = None
        # Token-aligned windows around token i, 2..MAX_WINDOW characters long.
        for a in range(i, -1, -1):
            if spans[i][1] - spans[a][0] > MAX_WINDOW or not is_cjk(tokens[a][0]):
                break
            for b in range(i, len(tokens)):
                start, end = spans[a][0], spans[b][1]
                if end - start > MAX_WINDOW or not is_cjk(tokens[b][-1]):
                    break
                if end - start < 2:
                    continue
                window = text[start:end]
                if freq.get(window):
                    continue
                offset = spans[i][0] - start
                for kind, cands in zip(("tone", "other", "shape"), table[tok]):
                    for c in cands:
                        new = window[:offset] + c + window[offset + 1:]
                        if freq.get(new, 0) < MIN_WORD_FREQ:
                            continue
                        g = _gain(new, tokens[a:b + 1], freq, log_total) - MIN_GAIN[kind] - margin
                        if g >= 0 and (best is None or g > best[0]):
                            best = (g, start, end, new)
        if best is None:
            continue
        if mask is None:
            mask, adverbs = _name_mask(text, names), _adverb_positions(text)
        _, start, end, new = best
        if any(mask[start:end]) or spans[i][0] in adverbs:
            continue
        yield Suspect(spans[i][0], spans[i][1], tok, new[spans[i][0] - start], "confusable")
