"""公文 format of notices (TW600–TW649), after GB/T 9704-2012."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from ...cn.numbers import cn_to_int
from ...model import Location, Paragraph
from ..config import Config
from ..engine import REGISTRY, Finding, Hit, Submission, rule
from ..text import CJK, excerpt

# 院团发〔2026〕7号 and its wrong forms: [2026] 【2026】 (2026) （2026） ［2026］ 第7号 07号
_DOC_NO = re.compile(rf"(?P<org>[{CJK}]{{1,12}})(?P<open>[〔\[【(（［])\s*(?P<year>\d{{4}})\s*(?P<close>[〕\]】)）］])"
                     rf"\s*(?P<di>第)?\s*(?P<no>\d+)\s*号")
_DATE_LINE = re.compile(r"^\s*(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>[0-9]+|[一二三四五六七八九十]+)\s*月"
                        r"\s*(?P<d>[0-9]+|[一二三四五六七八九十]+)\s*日\s*$")
_LEVELS = [
    (1, re.compile(r"^\s*(?P<k>[一二三四五六七八九十]+)、")),
    (2, re.compile(r"^\s*[（(](?P<k>[一二三四五六七八九十]+)[）)]")),
    (3, re.compile(r"^\s*(?P<k>\d{1,2})(?P<sep>[.．、])(?!\d)")),
    (4, re.compile(r"^\s*[（(](?P<k>\d{1,2})[）)]")),
]
_ATTACH = re.compile(r"^\s*附\s*件\s*[:：]\s*(?P<rest>.*)$")
_ITEM = re.compile(r"^\s*(?P<no>\d+)\s*[.．、]\s*(?P<name>.+)$")


def _is_notice(sub: Submission) -> bool:
    return sub.extraction.kind == "notice"


def _loc(p: Paragraph) -> Location:
    return Location(page=p.page, paragraph=p.index)


@rule("TW601", "format", "error", "发文字号括号不规范，应使用六角括号〔〕")
def doc_number_brackets(sub: Submission, config: Config) -> Iterator[Hit]:
    """A 发文字号 whose year is enclosed in ``[ ]``, ``【】``, ``()`` or ``（）``.

    Why: GB/T 9704-2012 7.2.4: the year in a 发文字号 is enclosed in 六角括号 〔〕.
    Example: ``院团发[2026]7号`` → ``院团发〔2026〕7号``. Only notices are checked.
    """
    if not _is_notice(sub):
        return
    for p in sub.doc.paragraphs[:12]:
        for m in _DOC_NO.finditer(p.text):
            if m.group("open") != "〔" or m.group("close") != "〕":
                fixed = f"{m.group('org')}〔{m.group('year')}〕{int(m.group('no'))}号"
                yield Hit(f"发文字号“{m.group()}”应使用六角括号，写作“{fixed}”", _loc(p), excerpt(p.text, m.start(), m.end()))


@rule("TW602", "format", "error", "发文字号不应加“第”字或在序号前补0")
def doc_number_digits(sub: Submission, config: Config) -> Iterator[Hit]:
    """A 发文字号 with ``第`` before the number or leading zeros in it.

    Why: GB/T 9704-2012 7.2.4: 发文顺序号 takes no leading zeros and no ``第``.
    Example: ``院团发〔2026〕第07号`` → ``院团发〔2026〕7号``.
    """
    if not _is_notice(sub):
        return
    for p in sub.doc.paragraphs[:12]:
        for m in _DOC_NO.finditer(p.text):
            problems = (["加了“第”字"] if m.group("di") else []) + (["序号前补了0"] if m.group("no").startswith("0") else [])
            if problems:
                fixed = f"{m.group('org')}〔{m.group('year')}〕{int(m.group('no'))}号"
                yield Hit(f"发文字号“{m.group()}”{'、'.join(problems)}，应写作“{fixed}”", _loc(p),
                          excerpt(p.text, m.start(), m.end()))


@rule("TW603", "format", "error", "成文日期应使用阿拉伯数字且不补0")
def date_style(sub: Submission, config: Config) -> Iterator[Hit]:
    """The 成文日期 line (a date alone on a line near the end) in Chinese numerals
    or with leading zeros.

    Why: GB/T 9704-2012 7.3.5.1: the 成文日期 is written in Arabic numerals with
    year, month and day in full, without leading zeros: ``2026年10月9日``.
    Example: ``二〇二六年十月九日`` or ``2026年10月09日``.
    """
    if not _is_notice(sub):
        return
    for p in sub.doc.paragraphs[-8:]:
        m = _DATE_LINE.match(p.text)
        if not m:
            continue
        y, mo, d = m.group("y"), m.group("m"), m.group("d")
        right = f"{cn_to_int(y)}年{cn_to_int(mo)}月{cn_to_int(d)}日"
        if not (y + mo + d).isdigit():
            yield Hit(f"成文日期“{p.text.strip()}”应使用阿拉伯数字，写作“{right}”", _loc(p), p.text.strip())
        elif mo.startswith("0") or d.startswith("0"):
            yield Hit(f"成文日期“{p.text.strip()}”月、日不应补0，应写作“{right}”", _loc(p), p.text.strip())


def _level(text: str) -> tuple[int, int, str] | None:
    for level, pattern in _LEVELS:
        m = pattern.match(text)
        if m:
            return level, cn_to_int(m.group("k")) or 0, m.groupdict().get("sep") or ""
    return None


@rule("TW604", "format", "error", "一级、二级标题末尾不应有句号")
def heading_stop(sub: Submission, config: Config) -> Iterator[Hit]:
    """A ``一、`` or ``（一）`` heading line of a notice ending with a full stop.

    Why: GB/T 9704-2012 7.3.3: headings of the first two levels stand on their
    own line without final punctuation (levels ``1.`` and ``（1）`` may run on into
    the text). Threshold: a heading line holds one sentence of at most 30 characters.
    """
    if not _is_notice(sub):
        return
    for p in sub.doc.paragraphs:
        text = p.text.strip()
        lv = _level(text)
        if lv and lv[0] <= 2 and text.endswith("。") and "。" not in text[:-1] and len(text) <= 30:
            yield Hit("标题末尾不应加句号", _loc(p), text)


@rule("TW605", "format", "warning", "标题序号不连续或层次不规范")
def heading_order(sub: Submission, config: Config) -> Iterator[Hit]:
    """Heading numbers that skip or repeat (``一、`` ``二、`` ``四、``), a lower level
    used before any higher one, or ``1、`` for ``1.``.

    Why: GB/T 9704-2012 7.3.3: levels are ``一、`` ``（一）`` ``1.`` ``（1）`` in that
    order, numbered in sequence under their parent. A warning: a skipped level
    (``1.`` directly under ``一、``) is tolerated and not reported.
    """
    if not _is_notice(sub):
        return
    last = {1: 0, 2: 0, 3: 0, 4: 0}
    for p in sub.doc.paragraphs:
        if _ATTACH.match(p.text):
            break  # the 附件说明 numbers attachments, not headings
        lv = _level(p.text)
        if not lv:
            continue
        level, k, sep = lv
        if k != last[level] + 1:
            yield Hit(f"标题序号不连续：上一个同级序号为{last[level] or '（无）'}，此处为{k}", _loc(p), excerpt(p.text, 0, 10))
        if sep == "、":
            yield Hit("阿拉伯数字序号后应使用下脚点“.”，不用顿号“、”", _loc(p), excerpt(p.text, 0, 10))
        last[level] = k
        for deeper in range(level + 1, 5):
            last[deeper] = 0


@rule("TW606", "format", "error", "附件说明不规范")
def attachments(sub: Submission, config: Config) -> Iterator[Hit]:
    """The 附件说明 of a notice: a name ending with punctuation, or several
    attachments without numbers.

    Why: GB/T 9704-2012 7.3.4: ``附件：1.×××`` — several attachments are numbered
    with Arabic numerals, and names take no final punctuation.
    Example: ``附件：推优登记表。`` or ``附件：推优登记表、汇总表``.
    """
    if not _is_notice(sub):
        return
    paras = sub.doc.paragraphs
    for i, p in enumerate(paras):
        m = _ATTACH.match(p.text)
        if not m:
            continue
        rest = m.group("rest").strip()
        names = [(p, rest)] if rest else []
        for q in paras[i + 1:i + 10]:
            item = _ITEM.match(q.text)
            if not item:
                break
            names.append((q, item.group(0).strip()))
        for q, name in names:
            if name and name[-1] in "。；;，,.、":
                yield Hit(f"附件名称“{name}”末尾不应加标点", _loc(q), name)
        if rest and not _ITEM.match(rest) and re.search(r"[、；;]", rest.rstrip("。；;，,.、")):
            yield Hit("有多个附件时应逐个编号（附件：1.××× 2.×××），不应用顿号或分号并列", _loc(p), p.text.strip(),
                      severity="warning")


@rule("TW620", "format", "warning", "文件扩展名与实际内容不符")
def mislabelled_file(sub: Submission, config: Config) -> Iterator[Hit]:
    """A file whose content is not what its name says: a PDF or a plain text
    saved as ``.docx``, a Word file renamed ``.pdf``.

    Why: the toolkit reads such a file as what it really is, but the office's
    own software may not open it, and a renamed file is often the wrong one
    (an export instead of the editable original). The contract says such a
    file is reported, never guessed silently.
    Example: ``登记表_王子涵.docx`` whose content is a PDF.
    """
    from ...read.detect import mismatch_note, sniff

    note = mismatch_note(sub.path, sniff(sub.path))
    if note:
        # About the whole file; a paged source still gets a page (its first), as the contract asks.
        yield Hit(f"{note}；请核实文件，并以正确的扩展名重新提交",
                  Location(page=1 if sub.doc.format == "pdf" else None), "")


@rule("TW649", "format", "warning", "审查未完成：文档过长，部分规则超出时间预算")
def unfinished_checks(sub: Submission, config: Config) -> Iterator[Hit]:
    """Reported by the engine, not found in the text: the document took longer than its time
    budget (``DOC_BUDGET``, for reading, extraction and the document rules together), so the rules
    still to run were not run, and this finding names them.

    Why: a batch must not hang on one huge or pathological file, and a file that was only
    partly checked must not look clean. Split the document or check it alone with ``--select``.
    Example: a 300-page summary pasted into one paragraph.
    """
    return iter(())


def unfinished(path: str, codes: Sequence[str], seconds: float) -> Finding:
    """The TW649 finding for ``path``: ``codes`` were not completed within ``seconds``."""
    r = REGISTRY["TW649"]
    shown = "、".join(codes[:12]) + (f" 等 {len(codes)} 条" if len(codes) > 12 else "")
    return Finding(path, r.code, r.category, r.severity,
                   f"审查未完成：本文档的审查超出时间预算（{seconds:g} 秒），以下规则未完成：{shown}；"
                   "请拆分文档，或用 --select 只审查部分规则", Location(), "")
