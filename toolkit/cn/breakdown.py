"""The parts of a 其中 breakdown: which labelled parts split their total exactly.

``共有团员45名，其中男生20名、女生25名``: 男 and 女 cover every member, so the
parts must add up to 45. ``其中女生20名、少数民族5名、党员3名`` names subsets that
may overlap and leave members out: no sum is implied, only that no part exceeds
its total (true of every breakdown). Tables say the same with a 其中 header over
sub-columns or 其中 rows.
"""

from __future__ import annotations

import re

# Sets of labels that together cover the whole, one member in exactly one of them.
# A breakdown is exhaustive when its labels are exactly one of these sets.
EXHAUSTIVE: tuple[frozenset[str], ...] = (
    frozenset({"男", "女"}),
    frozenset({"赞成", "反对", "弃权"}),
    frozenset({"赞成", "反对", "弃权", "废票"}),
    frozenset({"同意", "不同意", "弃权"}),
    frozenset({"团员", "非团员"}),
    frozenset({"党员", "非党员"}),
    frozenset({"党员", "团员", "群众"}),
    frozenset({"中共党员", "共青团员", "群众"}),
    frozenset({"汉族", "少数民族"}),
    frozenset({"优秀", "合格", "基本合格", "不合格"}),
    frozenset({"已交", "未交"}),
    frozenset({"在职", "离职"}),
)

# Parts that name a subset of the whole (they may overlap and need not add up).
SUBSETS = ("少数民族", "中共党员", "党员", "预备党员", "团干部", "入党积极分子", "积极分子", "流动团员",
           "学生干部", "志愿者", "新发展团员", "大学生", "研究生", "本科", "专科", "退役军人")
KNOWN_PARTS = frozenset().union(*EXHAUSTIVE, SUBSETS)

# What a label may carry around its word: 男生, 男性, 男团员, 女（名）, 其中：赞成票.
_NOISE = re.compile(r"^(?:其中|内含|含)[:：]?|[（(][^）)]*[）)]|人数$|票数?$|人$|名$|数$")
_SEX = re.compile(r"^(男|女)(?:生|性|同志|同学|团员|青年|职工|干部)?$")
_POLITICS = {"中共党员": "中共党员", "共青团员": "共青团员"}


def part_word(label: str) -> str:
    """The breakdown word of a part's label: ``其中：男生`` → 男, ``赞成票`` → 赞成."""
    s = re.sub(r"\s+", "", label or "")
    for _ in range(3):
        s = _NOISE.sub("", s)
    m = _SEX.match(s)
    return m.group(1) if m else _POLITICS.get(s, s)


_VOTES = frozenset({"赞成", "反对", "弃权", "同意", "不同意", "废票"})
_PRESENT = re.compile(r"到|出席|参会|参加|在场")


def covering(labels: list[str], whole: str = "") -> list[int] | None:
    """Indices of the parts among ``labels`` that together cover their total exactly
    (男 and 女 in 男/女/少数民族/党员), the largest such set; ``None`` when none do.
    Votes cover the ballots, not those present (``whole`` 实到: some may not vote)."""
    words = [part_word(x) for x in labels]
    found = [s for s in EXHAUSTIVE if s <= set(words) and not (s <= _VOTES and _PRESENT.search(whole))]
    if not found:
        return None
    best = max(found, key=len)
    picked = [i for i, w in enumerate(words) if w in best]
    return picked if len(picked) == len(best) else None  # a word twice: not one breakdown
