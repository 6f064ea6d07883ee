"""Punctuation in Chinese text (TW550–TW599), after GB/T 15834-2011."""

from __future__ import annotations

import re
from typing import Iterator

from ...kinds import OFFICIAL_FORMAT, scope_names
from ...model import Location
from ...config import Config
from ..engine import Hit, Submission, rule
from ..text import CJK, excerpt, times, units

_C = f"[{CJK}]"
_CP = f"[{CJK}，。、；：？！”’）》]"  # CJK or a closing full-width mark
_URL = re.compile(r"(?:https?://|www\.)[\w./%?=&#:~+-]+|[\w.+-]+@[\w-]+\.[\w.]+", re.ASCII)
# , : ; ? ! after Chinese (not 1,000 or 10:30: a digit on both sides is a number).
_HALF = re.compile(rf"(?<={_CP})[,:;?!](?!//)|[,;?!](?={_C})|(?<![0-9A-Za-z]):(?={_C})")
# Brackets around Chinese, next to Chinese: 部门属性(实体与否)、; not 采矿业(B) or YaHei (微软雅黑) font.
_HALF_PAREN = re.compile(rf"(?<={_CP})\([^()]{{0,40}}{_C}[^()]{{0,40}}\)|\([^()]{{0,40}}{_C}[^()]{{0,40}}\)(?={_CP})")
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
# Not the dot leaders of a table of contents (a long run of dots before a page number).
_ELLIPSIS = re.compile(rf"(?<={_CP})\.{{3,8}}(?![.\d])|(?<![.])\.{{3,8}}(?={_C})|。{{2,6}}|(?<!…)…(?!…)")
_DASH = re.compile(rf"(?<={_C})(?:--+|－－+)(?={_C})")  # a single — is the 连接号 (GB/T 15834 4.13)
_LIST_MARK = re.compile(r"^\s*[0-9A-Za-z一二三四五六七八九十]{1,3}）")  # 1） a list number, not an unpaired bracket
_PAIRS = (("“", "”"), ("（", "）"), ("《", "》"), ("‘", "’"))
_PAIR_MARKS = tuple(re.compile(f"[{left}{right}]") for left, right in _PAIRS)


def _masked(text: str) -> str:
    """``text`` with URLs and e-mail addresses blanked, so their marks are not judged."""
    return _URL.sub(lambda m: " " * len(m.group()), text)


_TWO_CJK = re.compile(f"{_C}.*?{_C}", re.S)
# Every mark the TW551/TW553 patterns can find holds one of these: text without them is passed by.
_HALF_MARKS = re.compile(r"[,:;?!(]")
_ELLIPSIS_MARKS = re.compile(r"\.|。。|…")


def _chinese(text: str) -> bool:
    return _TWO_CJK.search(text) is not None


@rule("TW551", "punctuation", "warning", "中文中使用了半角标点")
def halfwidth(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：中文中使用了半角“,”“:”“;”“?”“!”“(”“)”。
    不报：数字中的（“1,000”“10:30”）、网址和电子邮箱、括住拉丁字母的括号（“采矿业(B)”）和英文短语中的括号。
    原因：中文应使用全角标点；半角标点来自英文键盘，排出来显得局促。
    示例：“我们召开了团日活动,共有30人参加”。
    依据：GB/T 15834-2011《标点符号用法》。
    """
    for u in units(sub.doc):
        if not _HALF_MARKS.search(u.text) or not _chinese(u.text):
            continue
        text = _masked(u.text)
        found: dict[str, list[re.Match]] = {}
        for m in _HALF.finditer(text):
            found.setdefault(m.group(), []).append(m)
        for ch, ms in found.items():
            yield Hit(f"中文中使用了半角“{ch}”{times(u, len(ms))}，应为全角“{_FULL[ch]}”", u.location,
                      excerpt(u.text, ms[0].start(), ms[0].end()))
        for m in _HALF_PAREN.finditer(text):
            yield Hit(f"中文中使用了半角括号“{m.group()}”，应为全角“（）”", u.location,
                      excerpt(u.text, m.start(), m.end()))


@rule("TW552", "punctuation", "warning", "引号、括号或书名号不成对")
def unpaired(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：同一段或同一单元格中，开引号、开括号或开书名号（“ （ 《 ‘）没有对应的闭合号，或反过来。
    原因：不成对的标点让读者不知道引语或插入语在哪里结束。
    示例：“开展“青春心向党主题团日活动。”（引号没有闭合）。
    依据：GB/T 15834-2011《标点符号用法》4.4、4.8、4.15。
    """
    all_units = list(units(sub.doc))
    for k, u in enumerate(all_units):
        text = _LIST_MARK.sub(lambda m: m.group()[:-1] + " ", u.text)
        for (left, right), marks in zip(_PAIRS, _PAIR_MARKS):
            opened: list[int] = []
            bad = None
            for m in marks.finditer(text):
                i, ch = m.start(), m.group()
                if ch == left:
                    if opened and left in "“‘":  # quotes of one kind do not nest
                        break
                    opened.append(i)
                elif ch == right:
                    if not opened:
                        bad = (i, f"“{right}”前没有对应的“{left}”")
                        break
                    opened.pop()
            if bad is None and opened:
                bad = (opened[0], f"“{left}”后没有对应的“{right}”")
            if bad and _split_quote(all_units, k, left, right):
                continue
            if bad:
                yield Hit(f"标点不成对：{bad[1]}", u.location, excerpt(u.text, bad[0], bad[0] + 1))
                break


def _split_quote(all_units: list, k: int, left: str, right: str) -> bool:
    """A paragraph break inside a quotation (common in pasted text): the quote opens
    unclosed at the end of one paragraph and closes at the start of the next."""

    def opens_last(text: str) -> bool:
        return text.rfind(left) > text.rfind(right)

    def closes_first(text: str) -> bool:
        i = text.find(right)
        return i >= 0 and (text.find(left) < 0 or text.find(left) > i)

    here = all_units[k].text
    prev = all_units[k - 1].text if k else ""
    nxt = all_units[k + 1].text if k + 1 < len(all_units) else ""
    return (opens_last(here) and closes_first(nxt)) or (closes_first(here) and opens_last(prev))


@rule("TW553", "punctuation", "warning", "省略号写法不规范")
def ellipsis(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：用“...”“。。。”或单个“…”代替中文省略号“……”。
    原因：省略号是两个“…”（六个点，占两个字的位置）。
    示例：“大家积极发言...”。
    依据：GB/T 15834-2011《标点符号用法》4.11。
    """
    for u in units(sub.doc):
        if not _ELLIPSIS_MARKS.search(u.text) or not _chinese(u.text):
            continue
        for m in _ELLIPSIS.finditer(_masked(u.text)):
            yield Hit(f"省略号“{m.group()}”不规范，应为“……”", u.location, excerpt(u.text, m.start(), m.end()))


@rule("TW554", "punctuation", "warning", "破折号写法不规范")
def dash(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：中文之间用“--”或“－－”代替破折号“——”。
    单个“—”是连接号（“荐才—培育—推优”，4.13），不报。
    原因：破折号是两个占一字位置的“—”，连写的短横不是破折号。
    示例：“青年--国家的未来”。
    依据：GB/T 15834-2011《标点符号用法》4.9。
    """
    for u in units(sub.doc):
        for m in _DASH.finditer(u.text):
            yield Hit(f"破折号“{m.group()}”不规范，应为“——”", u.location, excerpt(u.text, m.start(), m.end()))


@rule("TW555", "punctuation", "warning", "标题末尾不应有句号")
def heading_full_stop(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：标题（样式为标题的段落，或较短的“一、”“（一）”行）以“。”结尾。
    通知由格式规则 TW604 检查；后面接着正文的段首小标题不是标题行。
    原因：单独成行的标题末尾不加句号。
    示例：“一、基本情况。”
    依据：GB/T 15834-2011；GB/T 9704-2012 7.3.3。阈值：标题行只有一句且不超过30个字。
    """
    if sub.extraction.kind in scope_names(OFFICIAL_FORMAT):
        return
    headings = sub.extraction.outline.by_paragraph()
    for p in sub.doc.paragraphs:
        text = p.text.strip()
        if not text.endswith("。") or "。" in text[:-1] or len(text) > 30:
            continue
        styled = p.level is not None and sub.doc.format in ("docx", "doc")  # PDF levels are guesses
        marked = (h := headings.get(p.index)) is not None and h.level <= 2  # 一、 or （一）
        if styled or (marked and "，" not in text):
            yield Hit("标题末尾不应加句号", Location(page=p.page, paragraph=p.index), text)
