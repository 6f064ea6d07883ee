"""Canonical keys and the labels branches write for them (the table itself is
``toolkit.kinds.SYNONYMS``; each kind's record schema names its keys).

A label in a submission (``姓 名``, ``出生年月：``, ``公民身份号码``) is looked up
by its compacted text; only an exact match counts, so that a value such as
``团支部书记`` is never taken for the label ``团支部``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..cn.numbers import UNIT
from ..cn.text import compact, map_radicals
from ..kinds import REGISTRATION_FORM, SYNONYMS, all_keys, kind

# Canonical keys of a registration form, in output order (contract: convert).
FORM_KEYS = kind(REGISTRATION_FORM).keys
# Keys beyond the contract that forms often carry.
EXTRA_KEYS = kind(REGISTRATION_FORM).extras
# Every key in the order convert writes columns.
ALL_KEYS = all_keys()

# Words that are labels only as a column header: in a form they are answers (意见：同意), or
# name something else (a form's 单位 is the employer; a log's 单位 column lists the branches).
HEADER_ONLY = {"同意": "赞成票", "不同意": "反对票", "单位": "团支部", "单位名称": "团支部", "领表单位": "团支部"}

_LOOKUP = {syn: key for key, syns in SYNONYMS.items() for syn in syns}
# Trailing colon, a parenthesised hint such as ``（手机）`` or ``(签字)``, a ``*`` required mark.
_DECOR = re.compile(r"^[*＊]+|[:：]+$|[（(][^（）()]{0,12}[）)]$|[*＊]+$")
# The English a bilingual form prints beside its label (``姓名 Name``, ``出生年月 Date of Birth``,
# ``ID No./身份证号``): letters, dots, slashes and hyphens before or after the Chinese.
_GLOSS = re.compile(r"^[A-Za-z][A-Za-z.'/&\-]*|[/|｜]?[A-Za-z][A-Za-z.'/&\-]*$")


def clean_label(text: str) -> str:
    """The compacted label text without decoration: ``'姓　名：'`` → ``'姓名'``."""
    s = compact(map_radicals(text or ""))
    prev = None
    while s != prev:
        prev, s = s, _DECOR.sub("", s)
    return s


@lru_cache(maxsize=4096)
def canonical(text: str, header: bool = False) -> str | None:
    """The canonical key a label stands for, or ``None`` when it is not a label.
    ``header`` also accepts words that are labels only as column headers."""
    if not text or len(text) > 40:
        return None
    s = clean_label(text)
    if s not in _LOOKUP and not s.isascii() and (bare := clean_label(_GLOSS.sub("", s))) != s:
        s = bare  # a bilingual label: the Chinese is the label
    return _LOOKUP.get(s) or (HEADER_ONLY.get(s) if header else None)


_COLON = re.compile(r"[:：]")
_BLANK = " \t\u3000\u00a0"
# A label in running text starts the line or follows a blank or punctuation.
_BOUNDARY = frozenset(_BLANK + "\n，,；;。、:：|｜（(")
_MAX_LABEL = max(map(len, _LOOKUP)) * 3  # room for spaced-out letters


def _after_figure(text: str, start: int) -> bool:
    """A label may follow a value's last figure with nothing between them
    (``2004.05公民身份号码：``), as text recognised from a scan or copied from a
    PDF often reads: figures are never the first letters of a label."""
    return text[start - 1].isascii() and text[start - 1].isalnum() and not text[start].isascii()


def _label_key(text: str) -> str | None:
    return _LOOKUP.get(compact(text)) or canonical(text)  # canonical: 出生年月（岁）


def find_labels(text: str) -> list[tuple[int, int, str]]:
    """Known labels followed by a colon in running text, as (start, end after
    the colon, key). Letters may be spaced out (``姓　　名：``); at each colon the
    longest label that starts at a boundary wins (所在团支部 over 团支部). After a
    first label, one glued to the value before it counts too (所在团支部：东风村团支部团内职务：团员):
    the longest label ending at the colon."""
    found = []
    for m in _COLON.finditer(text):
        end = m.start()
        while end > 0 and text[end - 1] in _BLANK:
            end -= 1
        best = stuck = None
        for start in range(end - 1, max(-1, end - _MAX_LABEL), -1):
            if start == 0 or text[start - 1] in _BOUNDARY or _after_figure(text, start):
                if key := _label_key(text[start:end]):
                    best = (start, m.end(), key)
        if best is None and found:  # a label glued to the value before it, after a first label
            for start in range(end - 1, max(found[-1][1], end - _MAX_LABEL), -1):
                if key := _label_key(text[start:end]):
                    stuck = (start, m.end(), key)
        if stuck and not any(c in _BLANK for c in text[found[-1][1]:stuck[0]].strip(_BLANK)):
            best = stuck  # the value before runs straight into it: no blank between them
        if best and (not found or best[0] >= found[-1][1]):
            found.append(best)
    return found


# Labels and values run together without colons (``姓 名王某性 别男出生日期2005.03``), as a
# .doc converted through several programs comes out: only a form's own field labels, each
# letter possibly followed by blanks, longest first.
_PERSON_KEYS = frozenset(FORM_KEYS[:9] + EXTRA_KEYS)
_RUN_KEYS = _PERSON_KEYS | frozenset(FORM_KEYS)
_RUN_LABEL = re.compile("|".join(
    f"[{_BLANK}]*".join(map(re.escape, syn))
    for syn in sorted((s for s, k in _LOOKUP.items() if k in _RUN_KEYS and len(s) >= 2), key=len, reverse=True)))
_CLAUSE = re.compile(r"[，。；！？,;!?]")
_MIN_RUN = 3  # person fields (or vote counts) needed before a line is read as run-together labels
_COUNT_KEYS = frozenset(("应到人数", "实到人数", "赞成票", "反对票", "弃权票"))
_BARE_COUNT = re.compile(rf"\d+{UNIT}?")


def _after_own_word(text: str, start: int, end: int, prev_key: str) -> tuple[int, int]:
    """Where a glued label really is when its longest spelling begins with a label
    of the field before it: in ``临床医学2301团支部推优时间`` the value of 团支部
    keeps its own ``团支部`` and the label is ``推优时间`` (the same key), unless
    the value already ends with that word."""
    key = _LOOKUP[compact(text[start:end])]
    for cut in range(start + 1, end):
        word = compact(text[start:cut])
        if text[cut - 1] in _BLANK or _LOOKUP.get(word) != prev_key \
                or text[:start].rstrip(_BLANK).endswith(word):
            continue
        m = _RUN_LABEL.match(text, cut)
        if m and _LOOKUP[compact(m.group())] == key:
            return m.start(), m.end()
    return start, end


def find_run_labels(text: str) -> list[tuple[int, int, str]]:
    """Known labels with their values glued between them, as (start, end, key).
    A key is a label once: a later match is part of a value (``团支部书记`` after
    ``团支部``); a match that would leave the label before it without a value is
    taken as that value when the key comes again further on. ``[]`` unless at
    least three person fields (姓名, 性别, 出生日期 …) with word values, or three
    vote counts with bare numbers, are found."""
    spans = [(m.start(), m.end(), _LOOKUP[compact(m.group())]) for m in _RUN_LABEL.finditer(text)]
    found: list[tuple[int, int, str]] = []
    for i, (start, end, key) in enumerate(spans):
        if any(key == k for _, _, k in found):
            continue
        if found:
            start, end = _after_own_word(text, start, end, found[-1][2])
        glued = found and not text[found[-1][1]:start].strip(_BLANK)
        if glued and any(k == key for _, _, k in spans[i + 1:]):
            continue
        found.append((start, end, key))
    stops = [s for s, _, _ in found[1:]] + [len(text)]
    values = [(k, text[e:stop].strip(_BLANK)) for (_, e, k), stop in zip(found, stops)]
    # A person field's value is a word or a number, never a clause: prose is not a form.
    people = {k for k, _ in values if k in _PERSON_KEYS}
    if len(people) >= _MIN_RUN and not any(k in people and _CLAUSE.search(v) for k, v in values):
        return found
    # The vote's own line (表决日期…应到人数16实到人数14赞成票12…): every figure a bare count.
    counts = [v.strip("，,；;。、") for k, v in values if k in _COUNT_KEYS]
    if len(counts) >= _MIN_RUN and all(_BARE_COUNT.fullmatch(v) for v in counts):
        return found
    return []
