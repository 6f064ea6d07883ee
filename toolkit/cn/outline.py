"""The outline of a Chinese document: its heading levels, 发文字号, title and
成文日期, after GB/T 9704-2012 (党政机关公文格式).

This is the one definition of those parts. Extraction locates them once per
document (:func:`locate`, into ``Extraction.outline``); the rules read them
from there, the readers and the classifier use :func:`heading` on a line, and
render numbers its outlines with :func:`number`.

>>> heading("（二）加强理论学习").level, heading("（二）加强理论学习").number
(2, 2)
>>> number(3, 4), number(1, 11)
('4.', '十一、')
"""

from __future__ import annotations

import re
from typing import Sequence

from ..model import Heading, Location, Mark, Outline, Paragraph, Table
from .gbt9704 import DOC_NUMBER_BRACKETS
from .numbers import cn_to_int, int_to_cn
from .text import CJK

_CN = "[一二三四五六七八九十]+"
# GB/T 9704-2012 7.3.3: 一、 （一） 1. （1）, in that order. ``1、`` is a common slip
# for ``1.`` (TW605 reports it), so it is read as level 3 too.
_LEVELS = (
    (1, re.compile(rf"^\s*(?P<k>{_CN})、")),
    (2, re.compile(rf"^\s*[（(](?P<k>{_CN})[）)]")),
    (3, re.compile(r"^\s*(?P<k>\d{1,2})(?P<sep>[.．、])(?!\d)")),
    (4, re.compile(r"^\s*[（(](?P<k>\d{1,2})[）)]")),
)
# Where text lost its marks (a PDF, a plain-text copy), ``1 学习`` may stand for ``1.学习``.
_SPACED_3 = re.compile(r"^\s*(?P<k>\d{1,2})\s")
# A line that starts an enumerated item without being a heading of the outline:
# 第一章, ①, 附件：, and any number with a mark (the reader must not join such a line
# to the one before it).
_OTHER_ITEM = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、]"
                         r"|第[一二三四五六七八九十百\d]+[章条节部分]|[①-⑳]|附件[:：\d])")

# 发文字号 (7.2.4): 院团发〔2026〕7号, and the wrong forms a format rule reports:
# [2026] 【2026】 (2026) （2026） ［2026］, 第7号, 07号.
DOC_NUMBER = re.compile(rf"(?P<org>[{CJK}]{{1,12}})(?P<open>[〔\[【(（［])\s*"
                        r"(?P<year>\d{4})\s*(?P<close>[〕\]】)）］])\s*(?:(?P<di>第)\s*)?(?P<no>\d+)\s*号")
DOC_NUMBER_LINES = 12  # the 发文字号 stands in the 版头, above the title
_HEAD_TABLE_ROWS = 4  # a 版头 table: the 发文机关标志, the 发文字号 and 签发人, a rule
# The 发文字号 line of the 版头 holds little else: 签发人 and a name (7.2.5), a ``文号：`` label.
# A sentence citing another document's number (根据《…》（校团发〔2026〕5号）要求) is no 版头.
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]\s*\S{0,12}")
_HEAD_LINE_REST = 8

# 成文日期 (7.3.5): a date alone on a line of the 落款, near the end; ``日期：`` may lead it.
# Numerals as written (二〇二六年十月九日 and 2026年10月09日 are reported by TW603). No two
# blank runs may meet (a long blank line would make the match quadratic).
DATE_LINE = re.compile(r"^\s*(?:(?:日期|时间)\s*(?:[:：]\s*)?|[:：]\s*)?(?P<date>(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年"
                       r"\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?P<d>\d{1,3}|[一二三四五六七八九十]{1,3})\s*日)\s*$")
CLOSING_LINES = 8  # the 落款 (signing organisation and 成文日期) is among the last non-empty paragraphs


def heading(text: str, spaced: bool = False, at: Location | None = None) -> Heading | None:
    """The heading ``text`` opens with (its marker's level, number and mark), or
    ``None``. ``spaced`` also takes ``1 学习`` (a number and a blank) for level 3;
    ``at`` is where the line is."""
    for level, pattern in _LEVELS:
        m = pattern.match(text)
        if m:
            return Heading(level, cn_to_int(m.group("k")) or 0, m.groupdict().get("sep") or "", at or Location())
    if spaced and (m := _SPACED_3.match(text)):
        return Heading(3, int(m.group("k")), "", at or Location())
    return None


def starts_item(text: str) -> bool:
    """Whether a line starts an enumerated item (a heading marker, 第一章, ①, 附件：)."""
    return heading(text) is not None or bool(_OTHER_ITEM.match(text))


def number(level: int, n: int) -> str:
    """The marker of the ``n``-th heading at ``level``: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{int_to_cn(n)}、"
    if level == 2:
        return f"（{int_to_cn(n)}）"
    return f"{n}." if level == 3 else f"（{n}）"


def doc_number(agency: object, year: object, seq: object) -> str:
    """A 发文字号 as GB/T 9704-2012 7.2.4 writes it: ``院团发〔2026〕7号`` (六角括号,
    no leading zeros, no 第)."""
    y, n = cn_to_int(str(year)), cn_to_int(str(seq))
    open_, close = DOC_NUMBER_BRACKETS
    return f"{str(agency).strip()}{open_}{y if y is not None else year}{close}{n if n is not None else seq}号"


def _at(p: Paragraph) -> Location:
    return Location(page=p.page, paragraph=p.index)


def closing(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """The last :data:`CLOSING_LINES` non-empty paragraphs, where the 落款 stands."""
    return [p for p in paragraphs if p.text.strip()][-CLOSING_LINES:]


def signature_date(paragraphs: Sequence[Paragraph]) -> Mark | None:
    """The 成文日期: the last of the :func:`closing` paragraphs that holds nothing but a date."""
    for p in reversed(closing(paragraphs)):
        m = DATE_LINE.match(p.text)
        if m:
            return Mark(m.group("date"), _at(p))
    return None


def head_number(text: str) -> re.Match[str] | None:
    """The 发文字号 of a 版头 line ``text``: a line that holds one and little else."""
    m = DOC_NUMBER.search(text)
    if m is None:
        return None
    rest = _SIGNER.sub("", text[:m.start()] + " " + text[m.end():])
    return m if len(re.sub(r"\s", "", rest)) <= _HEAD_LINE_REST else None


def _number_in_table(tables: Sequence[Table], before: int) -> Mark | None:
    """A 发文字号 in a cell of a small table standing before body paragraph ``before``
    (the 版头 laid out as a table: 发文字号 on the left, 签发人 on the right)."""
    for t in sorted(tables, key=lambda t: t.position):
        if t.parent is not None or t.position >= before or t.nrows > _HEAD_TABLE_ROWS:
            continue
        for c in sorted(t.cells, key=lambda c: (c.row, c.col)):
            if m := head_number(c.text):
                return Mark(m.group(), Location(page=t.page, table=t.index, row=c.row, col=c.col))
    return None


def locate(paragraphs: Sequence[Paragraph], tables: Sequence[Table] = ()) -> Outline:
    """The outline of a document's body paragraphs (and the ``tables`` among them): the
    发文字号 (the first in the 版头, in a paragraph or a 版头 table), the title (the first
    line after it), every heading line and the 成文日期."""
    doc_number = title = None
    lines = [p for p in paragraphs if p.text.strip()]
    for i, p in enumerate(lines[:DOC_NUMBER_LINES]):
        if found := _number_in_table(tables, p.index):
            doc_number, title = found, Mark(p.text.strip(), _at(p))
            break
        if m := head_number(p.text):
            doc_number = Mark(m.group(), _at(p))
            if i + 1 < len(lines):
                title = Mark(lines[i + 1].text.strip(), _at(lines[i + 1]))
            break
    headings = [h for p in paragraphs if (h := heading(p.text, at=_at(p)))]
    return Outline(title, doc_number, signature_date(paragraphs), headings)
