"""Boilerplate rules (TW150–199): residue of template websites (范文网站)."""

from __future__ import annotations

import re
from typing import Iterator

from ...lang import patterns
from ...model import Location
from ..config import Config
from ..engine import Hit, Submission, rule
from ..text import Unit, excerpt, units

# Entries whose line heads a list of links (related articles, searches).
_LIST_HEADS = frozenset({"为你推荐", "相关列表标题"})
# A line of such a list: a short title, no sentence inside (a 。，；！？ would make it prose).
_TITLE_LINE = re.compile(r"^[^。，；！？,;!?]{4,40}$")
_HEAD_ONLY = re.compile(r"^\s*[【\[]?[\u4e00-\u9fffA-Za-z]{2,12}[】\]]?\s*[：:]?\s*$")


def _titles_after(paragraphs: list[Unit], i: int) -> int:
    """How many title-shaped lines follow the list heading at ``paragraphs[i]``."""
    n = 0
    for unit in paragraphs[i + 1:]:
        if not _TITLE_LINE.match(unit.text.strip()):
            break
        n += 1
    return n


@rule("TW150", "boilerplate", "error", "范文网站残留：如“本站为你精心整理”“首页 > 范文”“相关文章”“浏览次数：”")
def residue(sub: Submission, config: Config) -> Iterator[Hit]:
    """Text a template website leaves behind when a summary is copied from it:
    recommendations (``本站为你精心整理``, ``为你推荐``), site names (文秘写作网),
    collection numbering (``篇一：``, ``（精选5篇）``), download prompts,
    copyright notices and 范文 markers; and the furniture of the web page,
    recognised by its shape: navigation paths (``首页 > 范文 > 工作总结``),
    lists of related articles or searches under their heading (the title
    lines that follow are counted into the finding), article header and
    footer fields (``时间: 作者: 栏目:``, ``浏览次数：``, ``责任编辑：``),
    web sources (``来源：网络``), copyright and ICP lines, and URLs of article
    pages. A 通知 citing an official platform's address, a 来源 that is an
    office, or an operating path inside a sentence is not residue.
    Patterns with must-flag and must-not-flag specs: corpus/boilerplate.yaml;
    certain residue is an error, a weaker sign (the word 范文, a lone
    责任编辑 line) a warning. Headers and footers are read too, where such
    residue often hides. (``xx``/``××`` placeholders are the placeholder
    rules' business.)"""
    paragraphs = list(units(sub.doc, cells=False))
    margins = [Unit(t, Location(), "paragraph") for t in sub.doc.headers + sub.doc.footers if t.strip()]
    cells = list(units(sub.doc, paragraphs=False))
    skip: set[int] = set()
    for i, unit in enumerate([*paragraphs, *margins, *cells]):
        if i in skip:
            continue
        for entry, m in patterns.boilerplate().finditer(unit.text):
            more = ""
            if entry.name in _LIST_HEADS and i < len(paragraphs) and _HEAD_ONLY.match(unit.text):
                n = _titles_after(paragraphs, i)
                skip.update(range(i + 1, i + 1 + n))
                more = f"（及其后{n}行文章标题）" if n else ""
            yield Hit(f"{entry.message}：“{m.group().strip()}”{more}，应删除", unit.location,
                      excerpt(unit.text, m.start(), m.end()), entry.severity)
