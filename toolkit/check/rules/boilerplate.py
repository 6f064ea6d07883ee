"""Boilerplate rules (TW150–199): residue of template websites (范文网站)."""

from __future__ import annotations

from typing import Iterator

from ...lang import patterns
from ...model import Location
from ..config import Config
from ..engine import Hit, Submission, rule
from ..text import Unit, excerpt, units


@rule("TW150", "boilerplate", "error", "范文网站残留：如“本站为你精心整理”“为你推荐”“篇一：”")
def residue(sub: Submission, config: Config) -> Iterator[Hit]:
    """Text a template website leaves behind when a summary is copied from it:
    recommendations (``本站为你精心整理``, ``为你推荐``), site names (文秘写作网),
    collection numbering (``篇一：``, ``（精选5篇）``), page headers
    (``时间: 作者: 栏目:``), source links, download prompts, copyright notices
    and 范文 markers. Patterns: corpus/boilerplate.yaml; certain residue is an
    error, a weaker sign (the word 范文) a warning. Headers and footers are read
    too, where such residue often hides. (``xx``/``××`` placeholders are the
    placeholder rules' business.)"""
    margins = [Unit(t, Location(), "paragraph") for t in sub.doc.headers + sub.doc.footers if t.strip()]
    for unit in [*units(sub.doc), *margins]:
        for entry, m in patterns.boilerplate().finditer(unit.text):
            yield Hit(f"{entry.message}：“{m.group().strip()}”，应删除", unit.location,
                      excerpt(unit.text, m.start(), m.end()), entry.severity)

