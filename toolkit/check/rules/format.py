"""公文 format of notices (TW600–TW649), after GB/T 9704-2012."""

from __future__ import annotations

import os
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

    # A member of a .zip exists only unpacked: its content was read as ``doc.format``.
    note = mismatch_note(sub.path, sniff(sub.path) if os.path.exists(sub.path) else sub.doc.format)
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


# --- 公文 layout read from the .docx XML (GB/T 9704-2012; numbers in toolkit.cn.gbt9704) ---

def _gongwen_layout(sub: Submission):
    """The layout of a notice that presents itself as a 公文 (a 发文字号 near the
    top) and comes as .docx; None for anything else (an informal branch notice,
    a PDF, a .doc)."""
    from ...read.docx_layout import read_layout

    if not _is_notice(sub) or sub.doc.format != "docx":
        return None
    if not any(_DOC_NO.search(p.text) for p in sub.doc.paragraphs[:12]):
        return None
    return read_layout(sub.path)


def _para_loc(sub: Submission, text: str) -> Location:
    """Where the paragraph with ``text`` is in the read document (reader numbering)."""
    for p in sub.doc.paragraphs:
        if p.text.strip() == text.strip():
            return _loc(p)
    return Location()


def _title_and_body(layout) -> tuple[object | None, list]:
    """The title (the first text after the 发文字号) and the body paragraphs after it."""
    paras = [p for p in layout.paragraphs if p.text.strip()]
    number = next((i for i, p in enumerate(paras[:12]) if _DOC_NO.search(p.text)), None)
    if number is None or number + 1 >= len(paras):
        return None, []
    return paras[number + 1], [p for p in paras[number + 2:] if not _level(p.text.strip())]


def _main_type(paras) -> tuple[str | None, float | None]:
    from collections import Counter

    total: Counter = Counter()
    for p in paras:
        total.update(p.type)
    return total.most_common(1)[0][0] if total else (None, None)


def _mm(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


@rule("TW607", "format", "warning", "公文用纸不是A4")
def page_size(sub: Submission, config: Config) -> Iterator[Hit]:
    """A 公文 (a notice with a 发文字号) whose page is not A4 portrait, as the
    .docx sets it (``w:pgSz``).

    Why: GB/T 9704-2012 5.2.1: 公文用纸 is A4 (210 mm × 297 mm). The size is read
    exactly from the file; still a warning, because the office prints on A4
    whatever the file says (python-docx and English-language Word set US Letter,
    215.9 × 279.4 mm, by default) and the text itself is not wrong.
    Example: a notice on Letter paper.
    """
    from ...cn import gbt9704

    layout = _gongwen_layout(sub)
    if layout is None or layout.page_mm is None:
        return
    (w, h), (aw, ah) = layout.page_mm, gbt9704.PAGE_MM
    if abs(w - aw) > gbt9704.PAGE_TOLERANCE_MM or abs(h - ah) > gbt9704.PAGE_TOLERANCE_MM:
        yield Hit(f"页面为{_mm(w)}×{_mm(h)}毫米，公文应使用A4纸（{_mm(aw)}×{_mm(ah)}毫米，纵向）", Location(), "")


@rule("TW608", "format", "warning", "公文页边距不符合GB/T 9704-2012")
def margins(sub: Submission, config: Config) -> Iterator[Hit]:
    """A 公文 whose margins differ from 上37 mm、下35 mm、左28 mm、右26 mm by more
    than the tolerance (1.5 mm).

    Why: GB/T 9704-2012 5.2.1 fixes the 版心 at 156 × 225 mm by these margins
    (天头 37 mm, 订口 28 mm). A warning: offices print with small adjustments.
    Example: Word's default 25.4/25.4/31.8/31.8 mm.
    """
    from ...cn import gbt9704

    layout = _gongwen_layout(sub)
    if layout is None:
        return
    names = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
    off = [(side, layout.margins_mm[side], want) for side, want in gbt9704.MARGINS_MM.items()
           if side in layout.margins_mm and abs(layout.margins_mm[side] - want) > gbt9704.MARGIN_TOLERANCE_MM]
    if off:
        got = "、".join(f"{names[s]}{_mm(v)}毫米" for s, v, _ in off)
        want = "、".join(f"{names[s]}{_mm(w)}毫米" for s, w in gbt9704.MARGINS_MM.items())
        yield Hit(f"页边距为{got}，公文页边距应为{want}", Location(), "")


def _type_problems(font: str | None, size: float | None, fonts: tuple[str, ...], points: float,
                   what: str) -> list[str]:
    from ...cn import gbt9704

    out = []
    if font and font not in fonts:
        out.append(f"{what}字体为“{font}”，应为{fonts[0].split('_')[0]}")
    if size and abs(size - points) > gbt9704.SIZE_TOLERANCE_PT:
        out.append(f"{what}字号为{size:g}磅，应为{points:g}磅")
    return out


@rule("TW609", "format", "warning", "公文正文字体、字号不符合GB/T 9704-2012（3号仿宋）")
def body_type(sub: Submission, config: Config) -> Iterator[Hit]:
    """The body of a 公文 (the text after the title, headings aside) set mostly in
    a font other than 仿宋 or at a size other than 3号 (16 pt).

    Why: GB/T 9704-2012 7.3.3: 正文 uses 3号仿宋体字. The font and size are those
    the .docx gives the most characters (run, style, document defaults); a font
    the file leaves to the theme is not judged. A warning: a substitute 仿宋 font
    name may be unknown to the toolkit.
    Example: a notice typed in 宋体 小四 (12 pt).
    """
    from ...cn import gbt9704

    layout = _gongwen_layout(sub)
    if layout is None:
        return
    _, body = _title_and_body(layout)
    if not body:
        return
    font, size = _main_type(body)
    problems = _type_problems(font, size, gbt9704.BODY_FONTS, gbt9704.BODY_PT, "正文")
    if problems:
        yield Hit("；".join(problems), _para_loc(sub, body[0].text), body[0].text[:40])


@rule("TW610", "format", "warning", "公文标题字体、字号不符合GB/T 9704-2012（2号小标宋）")
def title_type(sub: Submission, config: Config) -> Iterator[Hit]:
    """The title of a 公文 (the first text after the 发文字号) not in 小标宋 at
    2号 (22 pt).

    Why: GB/T 9704-2012 7.3.2: the title uses 2号小标宋体字. A warning: offices
    without 方正小标宋 substitute another bold 宋 font.
    Example: a title in 黑体 三号.
    """
    from ...cn import gbt9704

    layout = _gongwen_layout(sub)
    if layout is None:
        return
    title, _ = _title_and_body(layout)
    if title is None:
        return
    font, size = title.main_type()
    problems = _type_problems(font, size, gbt9704.TITLE_FONTS, gbt9704.TITLE_PT, "标题")
    if problems:
        yield Hit("；".join(problems), _para_loc(sub, title.text), title.text[:40])


@rule("TW611", "format", "warning", "公文没有页码")
def page_numbers(sub: Submission, config: Config) -> Iterator[Hit]:
    """A 公文 whose footers carry no page number field (PAGE).

    Why: GB/T 9704-2012 7.5: 公文 pages are numbered (``— 1 —`` in 4号半角宋体),
    so that a printed copy with a page missing is noticed. A warning: a page
    number typed as text instead of a field is not seen in the XML.
    Example: a notice saved without a footer.
    """
    layout = _gongwen_layout(sub)
    if layout is not None and not layout.page_numbers:
        yield Hit("页脚中没有页码，公文应编排页码（4号半角宋体，如“— 1 —”）", Location(), "")
