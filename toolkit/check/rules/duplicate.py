"""Duplicate rules (TW750–799): submissions copied from one another."""

from __future__ import annotations

from typing import Iterator

from ...lang.duplicate import NARRATIVE_KINDS, Copied, find_duplicates
from ...model import Location
from ..config import Config
from ..engine import Hit, Round, rule

SHOWN = 30  # characters of each copied paragraph shown side by side


def _clip(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


@rule("TW750", "duplicate", "warning", "两份材料高度雷同（疑似互相抄袭、只改了名字）", scope="round")
def near_duplicate(round_: Round, config: Config) -> Iterator[Hit]:
    """Narrative submissions (总结, 简报, 通知, 会议记录) of the round that are
    near-duplicates of each other: one branch's text copied from another's,
    often with the names changed.

    Text most submissions share (the template handed down, in ≥ 30% of the
    documents) is discounted first; the rest is compared as TF-IDF vectors of
    character 3-grams (cosine similarity ≥ ``[duplicate] threshold``, 0.8 by
    default), and the copied paragraphs are shown side by side. Which of the
    two copied cannot be told from the files, so both are reported; ≥ 0.95 is
    an error. Two branches writing independently about the same activity stay
    well below the threshold.
    """
    subs = [s for s in round_.submissions if s.extraction.kind in NARRATIVE_KINDS and s.doc.paragraphs]
    if len(subs) < 2:
        return
    threshold = float(config.get("duplicate", "threshold", 0.8))
    docs = [[(p.index, p.text) for p in s.doc.paragraphs] for s in subs]
    for pair in find_duplicates(docs, threshold):
        severity = "error" if pair.similarity >= 0.95 else None
        for me, other, flip in ((pair.a, pair.b, False), (pair.b, pair.a, True)):
            sub = subs[me]
            copied = [Copied(c.b, c.a, c.score, c.text_b, c.text_a) if flip else c for c in pair.copied]
            copied.sort(key=lambda c: c.a)
            first = copied[0]
            pages = {p.index: p.page for p in sub.doc.paragraphs}
            numbers = "、".join(f"第{c.a}段≈对方第{c.b}段" for c in copied[:5]) + ("等" if len(copied) > 5 else "")
            yield Hit(
                f"与“{subs[other].path}”高度雷同（相似度{pair.similarity:.0%}），{len(copied)}段内容几乎相同："
                f"{numbers}；请核实是否抄袭或套用他人材料",
                Location(page=pages.get(first.a), paragraph=first.a),
                f"本文：{_clip(first.text_a)} ｜ 对方：{_clip(first.text_b)}",
                severity, sub.path,
            )
