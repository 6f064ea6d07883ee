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
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from ..cn.segment import USERDICT, pos_tokenizer, tokenizer, words
from ..cn.text import is_cjk
from ..resources import CORPUS_DIR

# A unit (1–4 CJK characters) written twice in a row.
_DOUBLED = re.compile(r"([\u4e00-\u9fff]{1,4})\1")
# POS tags whose reduplication is grammatical (研究研究, 高高兴兴, 非常非常).
_REDUP_TAGS = ("v", "a", "d", "q", "m")
_REDUP_TAGS_LABEL = ("d", "q", "m")  # what still reduplicates outside speech (常常, 个个, 一一)
_NAME_TAGS = ("nr", "ns", "nt", "nz")

# Scoring of a confusable replacement (see _gain): the log-probability gain the
# replacement brings to the window under jieba's unigram model, by confusion type.
MIN_GAIN = {"tone": 1.0, "other": 4.0, "shape": 3.0, "near": 4.0}
MIN_WORD_FREQ = 50  # the completed word must be an established one
MAX_WINDOW = 4
# The commonest function characters (的 到 会 只 …) are left alone: as loose
# single tokens they are normal, and the unigram model over-rewards merging them.
MAX_SUSPECT_FREQ = 50_000
# Loose prepositions and numerals are normal syntax, not the debris of a broken
# word (9日至15日, 报至团委, 五是…): never suspects. Adverbs are judged in
# context instead (see _Tags.modifies_predicate): skipping them all costs recall.
_FUNCTION_TAGS = ("p", "m")
# Tags of a predicate an adverb can modify (带领, 长, 认真, 发展).
_PREDICATE_TAGS = ("v", "a")
# Result complements of a single-character verb (干好, 写完, 办成).
_RESULTS = frozenset("好 完 成 到 出 牢 实 透 清 住 掉 满 够 全".split())


@dataclass(slots=True)
class Suspect:
    start: int
    end: int
    text: str  # the suspicious span as written
    suggestion: str | None  # the corrected span, where one is proposed
    kind: str  # "doubled" | "confusable" | "usage" | "lexicon"
    reason: str = ""  # why, in Chinese, where the kind alone does not say


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
def near_sound() -> dict[str, str]:
    """corpus/near_sound.tsv: char → characters of a merged-pair sound (z/zh, n/l, in/ing …)."""
    table = {}
    with open(CORPUS_DIR / "near_sound.tsv", encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                ch, near = line.rstrip("\n").split("\t")
                table[ch] = near
    return table


@lru_cache(maxsize=1)
def _own_texts() -> tuple[str, ...]:
    """The project's own correct texts: corpus/reference, corpus/kinds.yaml and
    the lexicon's sentences with their corrections applied."""
    import yaml

    from .patterns import typos

    texts = [e.flag.replace(e.name, e.right) for e in typos().entries] + [o for e in typos().entries for o in e.ok]
    for path in sorted((CORPUS_DIR / "reference").glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            texts += [e["text"] for e in yaml.safe_load(fh)]
    with open(CORPUS_DIR / "kinds.yaml", encoding="utf-8") as fh:
        texts += [t for group in yaml.safe_load(fh).values() for t in group]
    return tuple(texts)


@lru_cache(maxsize=1)
def known_bigrams() -> frozenset[str]:
    """Character bigrams of the project's own correct texts: the field's usage
    (参学率, 逐人核对, 线上) is never a typo."""
    return frozenset(t[i:i + 2] for t in _own_texts() for i in range(len(t) - 1))


GENRE_WORDS = CORPUS_DIR / "genre_words.txt"


@lru_cache(maxsize=1)
def genre_words() -> frozenset[str]:
    """Two-character words the genre lives on (团员, 公司, 部署, 其中): seen at least
    twice in the project's own texts, in the user dictionary of the field, or listed
    in corpus/genre_words.txt."""
    seen = Counter(w for t in _own_texts() for w in tokenizer().lcut(t, HMM=False) if len(w) == 2)
    with open(USERDICT, encoding="utf-8") as fh:
        seen.update({w: 2 for w in (line.split()[0] for line in fh if line.strip()) if len(w) == 2})
    with open(GENRE_WORDS, encoding="utf-8") as fh:
        seen.update({w: 2 for line in fh if not line.startswith("#") for w in line.split() if len(w) == 2})
    return frozenset(w for w, n in seen.items() if n >= 2 and is_cjk(w[0]) and is_cjk(w[1]))


def _spans(tokens: list[str]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for t in tokens:
        out.append((pos, pos + len(t)))
        pos += len(t)
    return out


# jieba's tagger tags each run of these characters on its own (jieba.posseg's re_han_internal).
_TAG_BLOCK = re.compile("[\u4E00-\u9FD5a-zA-Z0-9+#&._]+")
_TAG_REACH = 200  # a longer run is tagged only this far around the place asked about


class _Tags:
    """jieba's part-of-speech tags of ``text``, computed only around the places asked about:
    tagging a whole megabyte-long paragraph for one suspect would cost minutes."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._done: dict[tuple[int, int], list[tuple[int, str, str]]] = {}

    def around(self, pos: int) -> list[tuple[int, str, str]]:
        """(start, word, tag) of the tagged run holding ``pos``."""
        lo, hi = max(0, pos - _TAG_REACH), min(len(self.text), pos + _TAG_REACH)
        span = next((m.span() for m in _TAG_BLOCK.finditer(self.text, lo, hi) if m.start() <= pos < m.end()), None)
        if span is None:
            return []
        if span not in self._done:
            out, at = [], span[0]
            for pair in pos_tokenizer().cut(self.text[span[0]:span[1]]):
                out.append((at, pair.word, pair.flag))
                at += len(pair.word)
            self._done[span] = out
        return self._done[span]

    def in_name(self, start: int, end: int, names: Iterable[str]) -> bool:
        """Does ``text[start:end]`` overlap a known name or a jieba-tagged proper noun?"""
        for name in names:
            n = len(name)
            if n < 2:
                continue
            i = self.text.find(name, max(0, start - n + 1), end + n - 1)
            while i != -1:
                if i < end and start < i + n:
                    return True
                i = self.text.find(name, i + 1, end + n - 1)
        return any(at < end and start < at + len(word) and tag.startswith(_NAME_TAGS)
                   for at, word, tag in self.around(start))

    def modifies_predicate(self, pos: int) -> bool:
        """Is the character at ``pos`` a one-character adverb right before a verb or adjective
        (党正带领, 时间较长)? jieba's tagger reads it with HMM, so in context."""
        pairs = self.around(pos)
        return any(at == pos and len(word) == 1 and tag == "d" and k + 1 < len(pairs)
                   and pairs[k + 1][2].startswith(_PREDICATE_TAGS) for k, (at, word, tag) in enumerate(pairs))


def doubled(text: str, names: Iterable[str] = (), speech: bool = True) -> Iterator[Suspect]:
    """``的的``, ``我们我们``: a unit written twice where the language does not double it.

    A doubled character counts only when jieba (dictionary only, no HMM) leaves
    both copies as single-character tokens: 天天 and 渐渐 are words, and 学生生活
    is 学生 + 生活. A doubled word counts unless its part of speech reduplicates
    (研究研究, 高兴高兴) — in ``speech``: a heading, label or table cell (``speech=False``)
    does not reduplicate verbs and adjectives (有效有效票数 is a slip).
    """
    if not _DOUBLED.search(text):
        return
    tokens = words(text)
    spans = _spans(tokens)
    starts = {s: i for i, (s, _) in enumerate(spans)}
    ends = {e: i for i, (_, e) in enumerate(spans)}
    context = _Tags(text)
    tags = pos_tokenizer().word_tag_tab
    for m in _DOUBLED.finditer(text):
        unit = m.group(1)
        i = starts.get(m.start())
        # A word written again after a compound that ends with it (党支部支部, 团员大会大会).
        j = ends.get(m.start() + len(unit))
        if (i is None and len(unit) >= 2 and j is not None and j + 1 < len(tokens)
                and len(tokens[j]) > len(unit) and tokens[j + 1] == unit):
            i = j
        elif i is None or i + 1 >= len(tokens) or tokens[i] != unit or tokens[i + 1] != unit:
            continue
        if len(unit) > 1 and tags.get(unit, "x").startswith(_REDUP_TAGS if speech else _REDUP_TAGS_LABEL):
            continue
        if context.in_name(m.start(), m.end(), names):
            continue
        yield Suspect(m.start(), m.end(), m.group(), unit, "doubled")
    yield from _doubled_across(text, tokens, spans, names, context)


# Loose characters that legitimately stand next to a word beginning or ending
# with themselves: prepositions, conjunctions, particles, numerals, measure
# words, pronouns (对对象, 和和谐, 的的确, 一个个), and modal verbs (要要求, 会会同).
_ACROSS_SKIP_TAGS = ("p", "c", "u", "m", "q", "r", "e", "y", "x", "f")
_MODALS = frozenset("要会能将可应想得该也")


def _doubled_across(text: str, tokens: list[str], spans: list[tuple[int, int]],
                    names: Iterable[str], context: _Tags) -> Iterator[Suspect]:
    """``是是否``, ``了了解``, ``我们们``: a character written twice where one copy
    belongs to a word and the other to nothing (a loose single character)."""
    tags = pos_tokenizer().word_tag_tab
    for i in range(len(tokens) - 1):
        a, b = tokens[i], tokens[i + 1]
        if len(a) == 1 and len(b) >= 2 and b[0] == a:
            loose, word, after = a, b, False
        elif len(b) == 1 and len(a) >= 2 and a[-1] == b:
            loose, word, after = b, a, True
        else:
            continue
        if not is_cjk(loose) or loose in _MODALS:
            continue
        loose_tag, word_tag = tags.get(loose, "x"), tags.get(word, "x")
        # After a word, a loose verb is the predicate of that word (工作作了安排, 问题有了).
        if after and loose_tag.startswith("v"):
            continue
        # Before a noun or a set phrase the loose copy is a verb and its object (问问题, 是是非分明).
        if loose_tag.startswith(_ACROSS_SKIP_TAGS) or (word_tag.startswith(("n", "i", "l"))
                                                         and not word_tag.startswith("nz")):
            continue
        start, end = spans[i][0], spans[i + 1][1]
        if not context.in_name(start, end, names):
            yield Suspect(start, end, text[start:end], word, "doubled")


# A word written must be this many times rarer than the genre's word of the same sound,
# and below SURE_RATIO the genre's word must fit the neighbours too (see _fits).
MISPLACED_RATIO = 8
SURE_RATIO = 20
# Single characters that are words of grammar on their own (被, 常, 各, 在, 和 …).
_GRAMMAR_TAGS = ("u", "p", "c", "d", "r", "m", "q", "y", "e", "f")
_ASPECT = frozenset("了着过")


def _fits(text: str, start: int, end: int, word: str) -> bool:
    """Does ``word`` in place of ``text[start:end]`` make a character bigram with a neighbour
    that the project's own texts have (体团 of 全体团员, 司团 of 公司团委)?"""
    known = known_bigrams()
    return (start > 0 and is_cjk(text[start - 1]) and text[start - 1] + word[0] in known) or \
        (end < len(text) and is_cjk(text[end]) and word[-1] + text[end] in known)


def misplaced(text: str, names: Iterable[str] = ()) -> Iterator[Suspect]:
    """A real word where the genre's word of the same sound is meant: jieba
    keeps 团圆, 公私, 创见 whole, so no word is broken, yet in a 总结 they are
    团员, 公司, 创建. Fires when a two-character word outside the genre's
    vocabulary becomes, with one same-sound-and-tone character changed, a
    genre word at least ``MISPLACED_RATIO`` times commoner in jieba's
    dictionary."""
    genre = genre_words()
    context = None
    pos = 0
    for w in words(text):
        start, pos = pos, pos + len(w)
        if len(w) != 2 or w in genre or not (is_cjk(w[0]) and is_cjk(w[1])):
            continue
        twin = _genre_twin(w)
        if twin is None:
            continue
        best, ratio = twin
        # Between the two ratios the genre's word must also fit its neighbours as in the project's
        # own texts (全体团圆 → 体团 as in 全体团员; 全家团圆 has no such neighbour).
        if ratio < MISPLACED_RATIO or ratio < SURE_RATIO and not _fits(text, start, pos, best):
            continue
        # A verb with its aspect particle (领到了团徽) is used as the verb it is.
        if text[pos:pos + 1] in _ASPECT and pos_tokenizer().word_tag_tab.get(w, "x").startswith("v"):
            continue
        context = context or _Tags(text)
        if not context.in_name(start, pos, names):
            yield Suspect(start, pos, w, best, "misplaced")


# Facts about one word or window, the same in every document: kept across documents.
_WORD_FACTS = 1 << 16


@lru_cache(maxsize=_WORD_FACTS)
def _genre_twin(word: str) -> tuple[str, float] | None:
    """The commonest genre word that ``word`` becomes with one same-sound-and-tone character changed,
    and how many times commoner it is in jieba's dictionary; None when there is none."""
    freq, table, genre = tokenizer().FREQ, confusion(), genre_words()
    tags = pos_tokenizer().word_tag_tab
    # A grammatical character joins freely (被评上, 聊家常): replacing it proves nothing.
    best = max((word[:i] + c + word[i + 1:] for i in range(2) if not tags.get(word[i], "x").startswith(_GRAMMAR_TAGS)
                for c in table.get(word[i], ("",))[0]),
               key=lambda n: freq.get(n, 0) if n in genre else 0, default=None)
    if best is None or best not in genre:
        return None
    return best, freq.get(best, 0) / max(1, freq.get(word, 0))


def _gain(new_word: str, old_tokens: list[str], freq: dict[str, int], log_total: float) -> float:
    """log P(new word) − log P(old tokens) under jieba's unigram model."""
    old = sum(math.log(freq.get(t) or 1) for t in old_tokens)
    return math.log(freq[new_word]) - old + (len(old_tokens) - 1) * log_total


def confusables(text: str, names: Iterable[str] = (), margin: float = 0.0) -> Iterator[Suspect]:
    """Characters that split the text into loose single characters where a
    confusable character (same or near sound, similar shape) would complete an
    established dictionary word: 朋唷 → 朋友, 对不气 → 对不起. ``margin`` raises
    every gain threshold (higher: fewer, surer findings)."""
    tokens = words(text)
    suspects = _suspect_characters()
    at_risk = [i for i, tok in enumerate(tokens) if tok in suspects]
    if not at_risk:
        return
    tk = tokenizer()
    freq, log_total = tk.FREQ, math.log(tk.total)
    known = known_bigrams()
    tags = pos_tokenizer().word_tag_tab
    spans = _spans(tokens)
    context = _Tags(text)
    loose = Counter(t for t in tokens if len(t) == 1)
    for i in at_risk:
        tok = tokens[i]
        # A character loose twice in one paragraph is a morpheme the writer uses on purpose
        # (推免、外推, 保研、考研): a slip is not made twice with the same character.
        if loose[tok] > 1:
            continue
        # A counted noun (两个字, 三名团员) completes its numeral: 字有 → 自有 breaks a sound phrase.
        if i and tags.get(tok, "x").startswith("n") and tags.get(tokens[i - 1], "x").startswith(("m", "q")):
            continue
        # A verb with its result complement (要干好): 要钱 being a word does not make 干 a slip.
        if tags.get(tok, "x") == "v" and text[spans[i][1]:spans[i][1] + 1] in _RESULTS:
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
                for kind, new in _completions(window, spans[i][0] - start):
                    g = _gain(new, tokens[a:b + 1], freq, log_total) - MIN_GAIN[kind] - margin
                    if g >= 0 and (best is None or g > best[0]):
                        best = (g, start, end, new)
        if best is None:
            continue
        _, start, end, new = best
        if context.in_name(start, end, names) or context.modifies_predicate(spans[i][0]):
            continue
        yield Suspect(spans[i][0], spans[i][1], tok, new[spans[i][0] - start], "confusable")


@lru_cache(maxsize=1)
def _suspect_characters() -> frozenset[str]:
    """Characters that may be a slip when loose: with confusables, not among the commonest, and
    not a preposition or numeral (see MAX_SUSPECT_FREQ, _FUNCTION_TAGS)."""
    freq, tags = tokenizer().FREQ, pos_tokenizer().word_tag_tab
    return frozenset(ch for ch in confusion() if freq.get(ch, 0) < MAX_SUSPECT_FREQ
                     and not tags.get(ch, "x").startswith(_FUNCTION_TAGS))


@lru_cache(maxsize=_WORD_FACTS)
def _completions(window: str, offset: int) -> tuple[tuple[str, str], ...]:
    """(confusion type, word) for each established dictionary word ``window`` becomes with its
    character at ``offset`` replaced by a confusable one, in the order of corpus/confusion.tsv."""
    freq, tags = tokenizer().FREQ, pos_tokenizer().word_tag_tab
    ch = window[offset]
    out = []
    for kind, cands in zip(("tone", "other", "shape", "near"), (*confusion()[ch], near_sound().get(ch, ""))):
        for c in cands:
            new = window[:offset] + c + window[offset + 1:]
            # A numeral with its measure word (多座, 三件) is a dictionary entry, not a word to complete.
            if freq.get(new, 0) >= MIN_WORD_FREQ and not tags.get(new, "x").startswith("m"):
                out.append((kind, new))
    return tuple(out)
