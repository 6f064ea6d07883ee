"""Document kind (the names of ``toolkit.kinds``) from titles, labels and structure.

Each kind collects points from cues; :func:`classify` returns the best kind
with a confidence in [0, 1] so that a statistical classifier can take over
where the rules are unsure.
"""

from __future__ import annotations

import re
from collections import Counter

from ..cn.outline import DOC_NUMBER, heading
from ..cn.text import compact
from ..kinds import (ASSESSMENT, BUILD_PROGRESS, BULLETIN, KINDS, MINUTES, NOTICE, POINTS, REGISTRATION_FORM, SUMMARY,
                     UNKNOWN, kind, list_kind)
from ..model import SHEET_STYLE, Document, Location
from . import assessment, points, progress
from .forms import line_pairs, table_pairs
from .labels import FORM_KEYS
from .sheet import header_keys
from .tables import find_header

_ISSUE = re.compile(r"第[0-9一二三四五六七八九十百]+期")
# A bulletin's own furniture: its 期号 line (``2025年第4期（总第18期）``), who compiles it near
# the top (编印单位：…, 主办：…, ``…团委编``), and where it goes at the end (报送：…, 分送：…).
_ISSUE_LINE = re.compile(r"^[（(]?(?:\d{4}年)?第[0-9一二三四五六七八九十百]+期[）)]?(?:[（(]总第\d+期[）)])?")
_COMPILER = re.compile(r"^(?:编印单位|编印|主办单位|主办|承办|编辑部|编)[:：]|(?:委员会|团委|团工委|办公室|宣传部|编辑部)编印?(?:\s|$)")
_DISTRIBUTION = re.compile(r"^(?:报送|分送|报|送|发送)[:：]")
# The 期号 after a title: ``团情要讯（第5期）``.
_TITLE_ISSUE = re.compile(r"[（(]?(?:\d{4}年)?第[0-9一二三四五六七八九十百]+期[）)]?$")
_MINUTES_CUES = ("主持人", "记录人", "会议时间", "会议地点", "参会人员", "出席人员", "缺席人员")
_FORM = frozenset(FORM_KEYS)
_PERSON = frozenset(("姓名", "性别", "民族", "出生日期", "身份证号", "入团时间", "团内职务"))
# A body sentence among the first lines (开展志愿服务6次，累计服务时长180小时。) names no kind; a
# title may hold a comma (青春心向党，建功新时代——…工作总结) but not a full stop after one.
_SENTENCE = re.compile(r"。.|[，；].*[。；！？]$")


# The League's score and progress sheets: (kind, its reader module with ``looks_like``, its lists).
_SHEETS = ((POINTS, points, (points.ITEMS, points.MEMBERS)), (ASSESSMENT, assessment, (assessment.ITEMS,)),
           (BUILD_PROGRESS, progress, (progress.TOWNS, progress.ORGS)))


def _title_text(line: str) -> str:
    return _TITLE_ISSUE.sub("", line.rstrip("。.：:"))


def titled_as(line: str, name: str) -> bool:
    """Whether ``line`` is a title naming kind ``name`` (…工作总结, …的通知, 团情简报（第5期）)."""
    line = _title_text(line)
    cue = kind(name).titles
    return len(line) <= 60 and cue is not None and bool(cue.search(line))


def title_lines(doc: Document, n: int = 4) -> list[str]:
    """The first few non-empty lines: paragraphs, or the top rows of the first table."""
    paras = [p for p in doc.paragraphs[:12] if p.text.strip()]
    # A worksheet's name ranks after the sheet's own title rows (推优登记表 over A1:D1).
    lines = [compact(p.text) for p in paras if p.style != SHEET_STYLE][:n]
    if doc.tables and (not lines or doc.tables[0].position == 0):
        first = sorted(doc.tables, key=lambda t: t.position)[0]
        heads = []
        for row in first.rows():
            cells = [c for c in row if c.strip()]
            if len(cells) != 1:  # a title row holds one (merged or single) cell; the header more
                if cells:
                    break
                continue  # blank rows above the title
            heads.append(compact(cells[0]))
            if len(heads) == 2:
                break
        lines[:0] = heads
    lines += [compact(p.text) for p in paras if p.style == SHEET_STYLE][:1]
    if doc.metadata.title:
        lines.append(compact(doc.metadata.title))
    return lines


def scores(doc: Document) -> Counter[str]:
    """Points per kind."""
    pts: Counter[str] = Counter()
    for line in title_lines(doc):
        if len(line) > 60 or _SENTENCE.search(line):
            continue
        line = _title_text(line)
        for k in KINDS:
            if k.titles and k.titles.search(line):
                pts[k.name] += k.title_points
    _structure(doc, pts)
    head = "\n".join(p.text for p in doc.paragraphs[:15])
    if DOC_NUMBER.search(head):
        pts[NOTICE] += 2
    if re.search(r"^\s*(各|全体)[^\n，。]{0,20}[:：]\s*$", head, re.M):
        pts[NOTICE] += 2
    _bulletin(doc, pts)
    body = doc.all_text()  # minutes laid out as a table name 主持人, 记录人 … in cells
    pts[MINUTES] += 2 * sum(1 for w in _MINUTES_CUES if w in body) // 2
    if sum(1 for p in doc.paragraphs if (h := heading(p.text)) and h.level == 1) >= 2:
        pts[SUMMARY] += 1
    return pts


def _bulletin(doc: Document, pts: Counter[str]) -> None:
    """期号, compiler and distribution lines: a 简报/团讯 whatever its masthead says."""
    top = title_lines(doc, 6) + [compact(p.text) for p in doc.paragraphs[:6]]
    if any(_ISSUE_LINE.match(line) or len(line) <= 40 and _ISSUE.search(line) for line in top):
        pts[BULLETIN] += 2
    if any(_COMPILER.search(line) for line in top):
        pts[BULLETIN] += 1
    tail = [compact(p.text) for p in doc.paragraphs[-6:]]
    if any(_DISTRIBUTION.match(line) for line in tail):
        pts[BULLETIN] += 2


def _structure(doc: Document, pts: Counter[str]) -> None:
    pairs = []
    for table in doc.tables:
        sheet = next((name for name, module, specs in _SHEETS
                      if any(module.looks_like(header_keys(table, spec)) for spec in specs)), None)
        if sheet:
            pts[sheet] += 4
            continue
        header = find_header(table)
        if header is not None and table.nrows - header[0] >= 2:  # a list, not a form
            if listed := list_kind(set(header[1].values())):
                pts[listed.name] += listed.header_points
            continue
        pairs.extend(table_pairs(table))
    if len({p.key for p in pairs} & _FORM) < 5:  # label lines with no table
        pairs.extend(p for para in doc.paragraphs for p in line_pairs(para.text, Location()))
    found = {p.key for p in pairs}
    for k in KINDS:  # a kind whose records also come as forms (a "3+1+1" record per candidate)
        if len(found & k.form_keys) >= 2:
            pts[k.name] += k.form_points
    keys = found & _FORM
    # A form is about a person: meeting figures alone (minutes as a table) are not one.
    if len(keys) >= 5 and len(keys & _PERSON) >= 2:
        # A blank form is still a form, but a table that only names the fields
        # (a specification) must not look like one: filled values count double.
        filled = {p.key for p in pairs if p.raw and p.raw.strip()} & _FORM
        pts[REGISTRATION_FORM] += 2 + (len(filled) >= 3) * 2


def classify(doc: Document) -> tuple[str, float]:
    """(kind, confidence). ``unknown`` with 0 when nothing points anywhere."""
    pts = scores(doc)
    if not pts or max(pts.values()) <= 0:
        return UNKNOWN, 0.0
    ranked = pts.most_common()
    best, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0
    if top < 3:
        return _statistical(doc) or (UNKNOWN, top / 10)
    return best, round(min(1.0, top / 8) * (top - second) / top, 3)


def _statistical(doc: Document) -> tuple[str, float] | None:
    """Where no rule is sure, the classifier trained on corpus/ (toolkit.lang.classify)
    decides, if it is itself confident; the confidence stays modest."""
    text = doc.all_text().strip()
    if len(text) < 30:
        return None
    from ..lang.classify import classify_text

    kind, p = classify_text(text)
    return (kind, round(p / 2, 3)) if p >= 0.6 else None
