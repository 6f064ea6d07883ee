"""Document-level facts: title, 团支部, 成文日期 / 日期; for minutes the meeting's
应到/实到 and date (each candidate's votes stay in the text).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from ..cn.dates import normalize_date
from ..cn.outline import closing
from ..cn.text import compact
from ..kinds import BULLETIN, MINUTES, NOTICE
from ..model import Document, Location, Outline, Record
from .forms import table_pairs, text_pairs
from .kind import title_lines, titled_as
from .normalize import normalize

# A branch name carries a grade or class number (化工2201团支部, 2023级1班团支部).
_BRANCH = re.compile(r"([\u4e00-\u9fffA-Za-z0-9（）()]{0,20}(?:\d|级|班)[\u4e00-\u9fffA-Za-z0-9（）()]{0,12}?团支部)")
_BRANCH_PREFIX = re.compile(r"^(共青团|中国共产主义青年团|关于|各)")
_MEETING_KEYS = ("应到人数", "实到人数", "表决日期", "团支部")
_MINUTES_WHEN = re.compile(r"^(?:时间|日期|开会日期)[:：]((?:\d{4}|[〇零一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日)")
# The issuer named by a label (编印单位：化工2201团支部, 发文机关：…).
_ISSUER_LABEL = re.compile(r"^(?:编印单位|编印|主办单位|主办|发文机关|发文单位|报送单位|填报单位|单位)[:：]")
_TRAILING_DATE = re.compile(r"(?:\d{4}|[〇零一二三四五六七八九]{4})年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日$")


def branch_of(text: str) -> str | None:
    m = _BRANCH.search(compact(text))
    return _BRANCH_PREFIX.sub("", m.group(1)) if m else None


def _signature_branch(line: str, labelled_only: bool = False) -> str | None:
    """The branch of a 落款 or issuer line: the line is the branch's name alone
    (共青团…化工2201团支部, a date may follow) or an issuer label's value; a
    sentence that merely names a branch is not a signature."""
    line = _TRAILING_DATE.sub("", compact(line))
    labelled = _ISSUER_LABEL.match(line)
    if labelled:
        line = line[labelled.end():]
    elif labelled_only:
        return None
    m = _BRANCH.fullmatch(line)
    return _BRANCH_PREFIX.sub("", m.group(1)) if m else None


def _own_branch(doc: Document, kind: str, titles: list[str]) -> str | None:
    """The branch whose own document this is. A bulletin or notice from a
    团委 names branches in its news headlines and lists; its issuer is its
    masthead/title, its 编印单位/发文机关 or (notice) its 落款."""
    if kind in (BULLETIN, NOTICE):
        heads = [t for t in titles if titled_as(t, kind)]
    else:
        heads = titles
    for line in heads:
        if name := branch_of(line):
            return name
    tail = [p.text for p in closing(doc.paragraphs)]
    if kind == BULLETIN:  # a standalone branch name there may be a news item's byline
        tail = [p.text for p in doc.paragraphs[:4]] + tail
    for line in reversed(tail):
        if name := _signature_branch(line, labelled_only=kind == BULLETIN):
            return name
    return None


def document_fields(doc: Document, kind: str, records: list[Record], outline: Outline) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    titles = title_lines(doc, 2)
    if outline.title is not None:
        fields["title"] = compact(outline.title.text)
    branches = Counter(r.values["团支部"] for r in records if r.values.get("团支部"))
    if len(branches) == 1:
        fields["团支部"] = next(iter(branches))
    elif name := _own_branch(doc, kind, titles):
        fields["团支部"] = name
    if outline.date is not None:
        fields["成文日期"] = normalize_date(outline.date.text)
        fields["日期"] = fields["成文日期"]
    if kind == MINUTES:
        # The meeting's own figures (the first found); per-candidate votes stay in the text.
        pairs = [pr for t in doc.tables for pr in table_pairs(t)]
        pairs += [pr for p in doc.paragraphs for pr in text_pairs(p.text, Location(page=p.page, paragraph=p.index))]
        for pair in pairs:
            if pair.key in _MEETING_KEYS:
                value = normalize(pair.key, pair.raw)
                if value is not None and fields.get(pair.key) is None:
                    fields[pair.key] = value
        if fields.get("表决日期") is None:
            # Minutes open with their own 时间：/日期： line (a time of day may follow the date).
            for p in doc.paragraphs[:12]:
                m = _MINUTES_WHEN.match(compact(p.text))
                if m and (day := normalize_date(m.group(1))):
                    fields["表决日期"] = day
                    break
    return fields
