"""Typo rules (TW500–549): the lexicon, canonical formulations, doubled
characters, confusable characters and function characters in context. Data:
corpus/typos.yaml, corpus/formulations.yaml, corpus/confusion.tsv,
corpus/near_sound.tsv (see toolkit/lang)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from ...lang import patterns, typo, usage
from ..config import Config
from ..engine import Finding, Hit, Round, Submission, rule
from ..text import excerpt, units


def names_in(sub: Submission) -> set[str]:
    """People and branches a submission names: never typos."""
    keys = ("姓名", "团支部", "组织", "单位", "发文机关")
    names = {str(r.values[k]) for r in sub.extraction.records for k in keys if r.values.get(k)}
    names.update(str(sub.extraction.fields[k]) for k in keys if sub.extraction.fields.get(k))
    return names


@rule("TW500", "typo", "error", "错别字（词库）：如“对彖”“一下几点”“再接再励”")
def lexicon(sub: Submission, config: Config) -> Iterator[Hit]:
    """Misspellings from the project's lexicon (corpus/typos.yaml), each entry with
    a context that must be flagged and one that must not (textlint prh ``specs``).

    Example: ``经支部大会表决，确定推优对彖三名`` → “对彖”应为“对象”.
    """
    for unit in units(sub.doc):
        for entry, m in patterns.typos().finditer(unit.text):
            yield Hit(f"错别字：“{entry.name}”应为“{entry.right}”", unit.location,
                      excerpt(unit.text, m.start(), m.end()))


@rule("TW501", "typo", "error", "不规范表述：如“习近平新时代特色社会主义思想”缺“中国”")
def formulation(sub: Submission, config: Config) -> Iterator[Hit]:
    """Wrong variants of canonical official formulations (规范表述, corpus/
    formulations.yaml): 两学一作 → 两学一做, 三会二制一课 → 三会两制一课.
    Certain variants are errors; discouraged short forms (共产主义青年团 without
    中国) are warnings."""
    for unit in units(sub.doc):
        for entry, m in patterns.formulations().finditer(unit.text):
            yield Hit(f"“{m.group()}”不是规范表述，应为“{entry.right}”", unit.location,
                      excerpt(unit.text, m.start(), m.end()), entry.severity)


@rule("TW502", "typo", "warning", "字词重复：如“的的”“我们我们”“是是否”")
def doubled(sub: Submission, config: Config) -> Iterator[Hit]:
    """A character or word written twice by mistake (``的的``, ``我们我们``), also
    where the two copies fall into different words (``是是否``, ``了了解``, ``我们们``:
    one copy belongs to a word, the other to nothing).
    Legitimate doublings are not flagged: dictionary words (谢谢, 常常, 天天),
    word boundaries (学生生活 = 学生 + 生活), reduplicated verbs and adjectives
    (研究研究, 高高兴兴), and names."""
    names = names_in(sub)
    for unit in units(sub.doc, cells=False):
        for s in typo.doubled(unit.text, names):
            yield Hit(f"“{s.text}”疑似重复，应为“{s.suggestion}”", unit.location,
                      excerpt(unit.text, s.start, s.end))


# Documents whose prose the confusion statistics were tuned for.
_GENRE_PROSE = frozenset({"summary", "notice", "bulletin", "minutes"})


@rule("TW503", "typo", "warning", "疑似错别字：同音或形近字使词语不完整，如“朋唷”")
def confusable(sub: Submission, config: Config) -> Iterator[Hit]:
    """A character that leaves loose single characters where a same-sound or
    similar-shape character (confusion sets from pycorrector's data, corpus/
    confusion.tsv) would complete an established word of jieba's dictionary,
    with a clear gain in the word model's probability. Precision first: the
    commonest function characters are never suspects; names of the
    submission's people and branches and jieba-tagged proper names are skipped.
    Also a real word where the genre's word of the same sound is meant (a
    word outside the genre's vocabulary, 20 times rarer than the genre word
    one same-sound character away: 公私 for 公司).
    Only in the prose of the genre (工作总结, 通知, 简报, 会议记录): in manuals,
    specifications and financial reports the jargon defeats the statistics. A
    suspect repeated in the same surroundings within one document is taken
    as deliberate usage. Measured on SIGHAN-2015 by bench/bench_typo.py.
    ``[typo] confusable_margin`` (default 0) raises the evidence needed: 2–4
    for fewer, surer findings."""
    if sub.extraction.kind not in _GENRE_PROSE:
        return
    names = names_in(sub)
    margin = float(config.get("typo", "confusable_margin", 0.0))
    hits: list[tuple[str, Hit]] = []
    for unit in units(sub.doc, cells=False):
        taken = [(m.start(), m.end()) for _, m in patterns.typos().finditer(unit.text)]
        for s in [*typo.confusables(unit.text, names, margin), *typo.misplaced(unit.text, names)]:
            if any(a < s.end and s.start < b for a, b in taken):
                continue
            hits.append((unit.text[max(0, s.start - 1):s.end + 1] + s.suggestion,
                         Hit(f"“{s.text}”疑为错别字，可能应为“{s.suggestion}”", unit.location,
                             excerpt(unit.text, s.start, s.end))))
    # The same suspect in the same surroundings twice is a usage (京内, 推研), not a slip.
    seen = Counter(key for key, _ in hits)
    yield from (hit for key, hit in hits if seen[key] == 1)


@rule("TW504", "typo", "warning", "的/地/得、在/再、以/已用错：如“认真的学习”“完成的很好”“再活动中”")
def function_characters(sub: Submission, config: Config) -> Iterator[Hit]:
    """A function character where the construction needs its sound-alike:
    的 for the adverbial 地 (``认真的学习了``) or the complement 得 (``完成的很好``),
    地 for the possessive 的 (``我们地工作``), the adverb 再 for the preposition 在
    (``再活动中``, ``再学校礼堂召开``), 以 for 已 (``以完成了``) and 已 for 以
    (``已书面形式向…``). Judged from jieba's parts of speech around the
    character; ambiguous constructions (``热烈的讨论`` may be a noun phrase) are
    left alone. Word-level slips (以经, 既将, 工做, 截止2026年) are TW500. Only in
    the prose of the genre, like TW503. Measured by bench/typo_genre.py."""
    if sub.extraction.kind not in _GENRE_PROSE:
        return
    for unit in units(sub.doc):
        taken = [(m.start(), m.end()) for _, m in patterns.typos().finditer(unit.text)]
        for s in usage.misuses(unit.text):
            if not any(a < s.end and s.start < b for a, b in taken):
                yield Hit(f"“{s.text}”用字有误：{s.reason}，应为“{s.suggestion}”", unit.location,
                          excerpt(unit.text, s.start, s.end))


_QUOTED = re.compile(r"“([^”]+)”")
# Statistical rules whose suspicion a name from another file of the round can explain.
_NAME_SENSITIVE = ("TW502", "TW503")


def spare_round_names(findings: list[Finding], rnd: Round) -> list[Finding]:
    """Drop statistical typo findings inside a name found anywhere in the round.

    Document rules run file by file and know only their own file's names; a
    summary naming 李逐川 must not get “逐” flagged because his form came in a
    different file. A finding is dropped when its flagged text lies in a name
    of the round that occurs in its excerpt (precision first)."""
    names = {n for sub in (*rnd.submissions, *rnd.registers) for n in names_in(sub) if len(n) >= 2}
    if not names:
        return findings

    def inside_name(f: Finding) -> bool:
        m = _QUOTED.search(f.message)
        return bool(m) and any(m.group(1) in n and n in f.excerpt for n in names)

    return [f for f in findings if not (f.rule in _NAME_SENSITIVE and inside_name(f))]
