"""Placeholder residue (TW100–TW149): template text nobody filled in."""

from __future__ import annotations

import re
from typing import Iterator

from ...cn.text import compact
from ...model import Location
from ..config import Config
from ..engine import Hit, Submission, rule
from ..text import CJK, excerpt, times, units

_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|[【\[［]\s*(?:请|待)(?:填写|填|输入|补充|修改)[^】\]］]{0,20}[】\]］]"
                       r"|[<＜]\s*请(?:填写|输入)[^>＞]{0,20}[>＞]")
# xx党委, ××学院, XX同志, 某某, *年*月: letters or marks standing where a name or number belongs.
_MARKS = re.compile(rf"(?<![A-Za-zＡ-Ｚａ-ｚ0-9./_@-])(?:[xXｘＸ×]{{2,}}|\*{{1,3}}(?=[年月日]))(?![A-Za-zＡ-Ｚａ-ｚ0-9.@/])"
                    rf"|某某+|(?<=[{CJK}：:])○{{2,}}")
_ROMAN_XX = re.compile(r"XX(?:世纪|届|次)")  # the roman numeral 20
_BLANKS = re.compile(r"[_＿]{3,}")
_SIGN_LINE = re.compile(r"(?:签字|签名|盖章|签章)\s*[:：]?\s*$")
# 年 with no year before it and 月/日 with no number: "    年  月  日"
_BLANK_DATE = re.compile(r"(?:^|(?<=[\s_＿(（:：]))[\s　_＿]*年[\s　_＿]*月[\s　_＿]*日"  # nothing filled in
                         r"|(?<!\d)(?:\d{2}|\d{4})\s*年[\s　_＿]*月[\s　_＿]*日"  # the year only
                         r"|\d\s*年\s*\d{1,2}\s*月[\s　_＿]+日")  # the day missing
_SIGN_LABEL = re.compile(r"^(?:.*(?:签字|签名|签章|盖章)|(?:填表|表决|会议|审核|推荐)?日期)[:：]?$")


def _near_cjk(text: str, start: int, end: int) -> bool:
    """``xx`` counts as a placeholder only where it stands in Chinese text."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return bool(re.match(f"[{CJK}、，。：（）“”]", before or "，") or re.match(f"[{CJK}、，。：（）“”]", after or "，"))


@rule("TW101", "placeholder", "error", "模板占位符未替换（{{ }}、{% %}、【请填写】等）")
def template_residue(sub: Submission, config: Config) -> Iterator[Hit]:
    """Template markup left in a submitted document.

    Why: ``{{ 姓名 }}`` or ``【请填写团支部名称】`` means a field was never filled in;
    the document is not finished. Example: ``{{ branch }}团支部2026年工作总结``.
    Threshold: none (any occurrence).
    """
    for u in units(sub.doc):
        for m in _TEMPLATE.finditer(u.text):
            yield Hit(f"模板占位符“{m.group()}”未替换，应填入实际内容", u.location, excerpt(u.text, m.start(), m.end()))


@rule("TW102", "placeholder", "error", "占位字样未替换（xx、××、某某、*年）")
def placeholder_marks(sub: Submission, config: Config) -> Iterator[Hit]:
    """Letters or marks that stand in for a real name, number or date.

    Why: drafts copied from templates keep ``xx党委``, ``××学院``, ``张某某``,
    ``*年*月``; a submitted document must name the real organisation or person.
    Example: ``经xx团支部推荐``. Not flagged: ``XX世纪`` (roman numeral), ``xx`` in
    English words, URLs and e-mail addresses. Threshold: none.
    """
    for u in units(sub.doc):
        found: dict[str, list[re.Match]] = {}
        for m in _MARKS.finditer(u.text):
            if m.group().startswith(("x", "X", "ｘ", "Ｘ")) and not _near_cjk(u.text, m.start(), m.end()):
                continue
            if _ROMAN_XX.match(u.text, m.start()):
                continue
            found.setdefault(m.group(), []).append(m)
        for mark, ms in found.items():
            yield Hit(f"占位字样“{mark}”未替换{times(u, len(ms))}，应填写实际名称、姓名或数字", u.location,
                      excerpt(u.text, ms[0].start(), ms[0].end()))


@rule("TW103", "placeholder", "error", "下划线空白未填写")
def blank_lines(sub: Submission, config: Config) -> Iterator[Hit]:
    """A run of underscores (``＿＿＿``) left where a value should have been typed.

    Why: forms and notices mark blanks with underscores; left blank in a submitted
    file, the value is missing. Example: ``本支部共有团员＿＿＿人``. A blank after
    ``签字：``/``盖章`` is a line for handwriting and is not flagged (TW105 covers
    empty signature cells). Threshold: three or more underscores.
    """
    for u in units(sub.doc):
        for m in _BLANKS.finditer(u.text):
            if _SIGN_LINE.search(u.text[:m.start()]):
                continue
            yield Hit("此处留有下划线空白，应填写实际内容", u.location, excerpt(u.text, m.start(), m.end()))


@rule("TW104", "placeholder", "error", "日期只有“年 月 日”未填写")
def blank_date(sub: Submission, config: Config) -> Iterator[Hit]:
    """A date written as ``年 月 日`` with the numbers missing.

    Why: the 落款 date or a form's date was never filled in. In a table cell
    (a printed form awaiting a handwritten date) it is a warning; in body text
    (the 成文日期 of a notice or summary) an error. Example: ``    年  月  日``.
    Labels such as ``出生年月日`` are not flagged. Threshold: none.
    """
    for u in units(sub.doc):
        for m in _BLANK_DATE.finditer(u.text):
            if u.text[max(0, m.start() - 2):m.start()].endswith(("出生", "生")):
                continue
            yield Hit("日期“年 月 日”未填写具体数字", u.location, excerpt(u.text, m.start(), m.end()),
                      severity="warning" if u.kind == "cell" else None)


@rule("TW105", "placeholder", "warning", "表格中签字、日期栏为空")
def blank_signature(sub: Submission, config: Config) -> Iterator[Hit]:
    """A form cell labelled 签字/签名/盖章/日期 whose value cell is empty.

    Why: a 推优登记表 needs the branch secretary's signature and the date of the
    decision; an empty cell may mean the form was sent before it was approved.
    A warning, not an error: the signature may be on the paper original.
    Example: ``| 团支部书记签字 |      |``. Only registration forms and minutes are
    checked (a tally's header row is not a label). Threshold: none.
    """
    if sub.extraction.kind not in ("registration_form", "minutes"):
        return
    for t in sub.doc.tables:
        grid = t.grid()
        for r, row in enumerate(grid, 1):
            for c, text in enumerate(row, 1):
                if text is None or not _SIGN_LABEL.match(compact(text)):
                    continue
                nxt = next((row[k] for k in range(c, len(row)) if row[k] is not None), None)
                if nxt is not None and not nxt.strip():
                    label = compact(text).rstrip(":：")
                    yield Hit(f"“{label}”一栏为空，应签字或填写日期", Location(page=t.page, table=t.index, row=r, col=c),
                              compact(text))
