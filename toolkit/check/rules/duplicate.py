"""Duplicate rules (TW750–799): submissions copied from one another."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Iterator

from ...kinds import COPIES, scope_names
from ...lang.duplicate import Copied, find_duplicates, spans
from ...model import Location
from ...config import Config
from ..engine import Hit, Round, rule

SHOWN = 30  # characters of each copied paragraph shown side by side


def _clip(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN] + "…"


# A copy's name as file managers and browsers make it: 总结(1).docx, 总结 - 副本.docx.
_COPY_SUFFIX = re.compile(r"\s*(?:[（(]\d+[)）]|[-_ ]*副本(?:\s*[（(]?\d+[)）]?)?)$")


def _submission_key(path: str) -> tuple[PurePath, str]:
    """总结.docx, 总结.pdf and 总结(1).docx in one folder are one submission sent
    twice or with its PDF, not one branch copying another."""
    p = PurePath(path)
    return p.parent, _COPY_SUFFIX.sub("", p.stem)


# Formats a submission is usually exported to, after the file it was made from.
_DERIVED = {".txt": 1, ".pdf": 2}


def _letters(sub) -> str:
    """A submission's words and figures only: an export writes list bullets and marks its
    own way (the .txt made from a .doc carries the • its lists showed)."""
    return "".join(ch for ch in "".join(p.text for p in sub.doc.paragraphs) if ch.isalnum())


def _originals(subs: list) -> list:
    """One file per submission: the .docx before its PDF, 总结.docx before 总结(1).docx,
    and a file before the same text under its name in another format elsewhere
    (总结.doc and the 总结.txt made from it in another folder: a copy changes names)."""
    seen, formats, out = set(), {}, []
    for sub in sorted(subs, key=lambda s: (_DERIVED.get(PurePath(s.path).suffix.lower(), 0), len(s.path), s.path)):
        key = _submission_key(sub.path)
        text = (key[1], _letters(sub))
        suffix, other = PurePath(sub.path).suffix.lower(), formats.setdefault(text, set())
        if key in seen or (other and suffix not in other):
            continue
        seen.add(key)
        other.add(suffix)
        out.append(sub)
    order = {id(s): k for k, s in enumerate(subs)}
    return sorted(out, key=lambda s: order[id(s)])


def _runs(copied: list[Copied]) -> str:
    """第3–5段≈对方第2–4段、第8段≈对方第9段 (at most five runs)."""
    def part(x: int, y: int) -> str:
        return f"第{x}段" if x == y else f"第{x}–{y}段"

    runs = spans(copied)
    return "、".join(f"{part(a0, a1)}≈对方{part(b0, b1)}" for a0, a1, b0, b1 in runs[:5]) + ("等" if len(runs) > 5 else "")


@rule("TW750", "duplicate", "warning", "两份材料高度雷同（疑似互相抄袭、只改了名字）", scope="round")
def near_duplicate(round_: Round, config: Config) -> Iterator[Hit]:
    """检查：本轮的叙述性材料（总结、简报、通知、会议记录）互相抄袭：整篇照搬另一支部的文字（常只改了名字），
    或沿用了对方大部分段落、只删掉或加了一段。
    先剔除多数材料共有的文字（下发的模板，出现在同类材料的30%及以上中，或在大的轮次中出现在50份及以上的材料中，
    原样或各自填了支部名；例如发给每个支部的同一份通知）。按同一模板填写的段落（会议由…主持。会议应到…名，
    实到…名）只是名称、人名、数字不同，也算模板文字，不算抄袭；会议记录、总结等各按本类材料的份数计。
    其余部分按段落和全文，用字符3元组的 TF-IDF 向量做近邻检索（从不两两全比）。
    全文余弦相似度达到配置项 [duplicate] threshold（默认 0.8），或至少两个抄来的段落占较短材料自身段落的一半，
    即报告；消息列出抄袭的段落（第3–5段≈对方第2–4段），并并排显示第一处。
    从文件看不出谁抄谁，所以两份都报；相似度 ≥ 0.95 报错误。同一文件发了两次或连同它的 PDF
    （同名、同一文件夹）算一份，不算抄袭；另一文件夹里同名、文字完全相同的另一种格式
    （.doc 和由它转出的 .txt）也算一份（抄别人的总是要改名字的）。两个支部各自写同一活动不会有相同的段落。
    原因：抄袭其他支部的材料说明工作没有如实总结。
    示例：生物2201团支部的总结与化工2201团支部的总结只有支部名和人名不同。
    依据：通用事理（没有国家标准条款）；阈值见上。
    """
    subs = _originals([s for s in round_.submissions if s.extraction.kind in scope_names(COPIES) and s.doc.paragraphs])
    if len(subs) < 2:
        return
    threshold = config.duplicate.threshold
    docs = [[(p.index, p.text) for p in s.doc.paragraphs] for s in subs]
    for pair in find_duplicates(docs, threshold, [s.extraction.kind for s in subs]):
        severity = "error" if pair.similarity >= 0.95 else None
        for me, other, flip in ((pair.a, pair.b, False), (pair.b, pair.a, True)):
            sub = subs[me]
            copied = [Copied(c.b, c.a, c.score, c.text_b, c.text_a) if flip else c for c in pair.copied]
            copied.sort(key=lambda c: c.a)
            first = copied[0]
            pages = {p.index: p.page for p in sub.doc.paragraphs}
            yield Hit(
                f"与“{subs[other].path}”雷同：{len(copied)}段内容几乎相同（{_runs(copied)}），"
                f"全文相似度{pair.similarity:.0%}；请核实是否抄袭或套用他人材料",
                Location(page=pages.get(first.a), paragraph=first.a),
                f"本文：{_clip(first.text_a)} ｜ 对方：{_clip(first.text_b)}",
                severity, sub.path,
            )
