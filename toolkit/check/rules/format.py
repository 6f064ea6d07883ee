"""公文 format of notices (TW600–TW649), after GB/T 9704-2012."""

from __future__ import annotations

import os
import re
from typing import Iterator, Sequence

from ...cn import outline
from ...cn.gbt9704 import DOC_NUMBER_BRACKETS
from ...cn.numbers import cn_to_int
from ...kinds import OFFICIAL_FORMAT, scope_names
from ...model import Location, Paragraph
from ...config import Config
from ..engine import REGISTRY, Finding, Hit, Submission, rule
from ..text import excerpt

_ATTACH = re.compile(r"^\s*附\s*件\s*[:：]\s*(?P<rest>.*)$")
_ITEM = re.compile(r"^\s*(?P<no>\d+)\s*(?P<sep>[.．、])\s*(?P<name>.+)$")


def _is_notice(sub: Submission) -> bool:
    return sub.extraction.kind in scope_names(OFFICIAL_FORMAT)


def _doc_number(sub: Submission) -> tuple[re.Match[str], str, Location] | None:
    """The 发文字号 of a notice as the outline located it (in a paragraph or a 版头 table
    cell), the text it stands in and where."""
    mark = sub.extraction.outline.doc_number
    if mark is None or not _is_notice(sub):
        return None
    at = mark.location
    if at.table is not None:
        table = next((t for t in sub.doc.tables if t.index == at.table), None)
        text = next((c.text for c in table.cells if (c.row, c.col) == (at.row, at.col)), "") if table else ""
    else:
        text = next((p.text for p in sub.doc.paragraphs if p.index == at.paragraph), "")
    m = outline.DOC_NUMBER.search(text)
    return (m, text, at) if m else None


def _right(m: re.Match[str]) -> str:
    """The 发文字号 ``m`` as it should be written."""
    return outline.doc_number(m.group("org"), m.group("year"), m.group("no"))


def _loc(p: Paragraph) -> Location:
    return Location(page=p.page, paragraph=p.index)


@rule("TW601", "format", "error", "发文字号括号不规范，应使用六角括号〔〕")
def doc_number_brackets(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：发文字号中的年份用了“[ ]”“【】”“()”或“（）”括起。只检查通知。
    原因：发文字号中的年份应使用六角括号〔〕。
    示例：“院团发[2026]7号”应为“院团发〔2026〕7号”。
    依据：GB/T 9704-2012《党政机关公文格式》7.2.4。
    """
    found = _doc_number(sub)
    if found is not None:
        m, text, at = found
        if (m.group("open"), m.group("close")) != DOC_NUMBER_BRACKETS:
            yield Hit(f"发文字号“{m.group()}”应使用六角括号，写作“{_right(m)}”", at, excerpt(text, m.start(), m.end()))


@rule("TW602", "format", "error", "发文字号不应加“第”字或在序号前补0")
def doc_number_digits(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：发文字号的序号前加了“第”字或补了0。
    原因：发文顺序号不编虚位（不补0），不加“第”字。
    示例：“院团发〔2026〕第07号”应为“院团发〔2026〕7号”。
    依据：GB/T 9704-2012《党政机关公文格式》7.2.4。
    """
    found = _doc_number(sub)
    if found is not None:
        m, text, at = found
        problems = (["加了“第”字"] if m.group("di") else []) + (["序号前补了0"] if m.group("no").startswith("0") else [])
        if problems:
            yield Hit(f"发文字号“{m.group()}”{'、'.join(problems)}，应写作“{_right(m)}”", at,
                      excerpt(text, m.start(), m.end()))


@rule("TW603", "format", "error", "成文日期应使用阿拉伯数字且不补0")
def date_style(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：成文日期（末尾附近单独成行的日期）用了汉字数字或补了0。
    原因：成文日期用阿拉伯数字将年、月、日标全，月、日不编虚位。
    示例：“二〇二六年十月九日”或“2026年10月09日”，应为“2026年10月9日”。
    依据：GB/T 9704-2012《党政机关公文格式》7.3.5.1。
    """
    mark = sub.extraction.outline.date
    m = outline.DATE_LINE.match(mark.text) if mark and _is_notice(sub) else None
    if not m:
        return
    y, mo, d, said = m.group("y"), m.group("m"), m.group("d"), mark.text.strip()
    right = f"{cn_to_int(y)}年{cn_to_int(mo)}月{cn_to_int(d)}日"
    if not (y + mo + d).isdigit():
        yield Hit(f"成文日期“{said}”应使用阿拉伯数字，写作“{right}”", mark.location, said)
    elif mo.startswith("0") or d.startswith("0"):
        yield Hit(f"成文日期“{said}”月、日不应补0，应写作“{right}”", mark.location, said)


@rule("TW604", "format", "error", "一级、二级标题末尾不应有句号")
def heading_stop(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：通知中“一、”或“（一）”标题行以句号结尾。
    原因：第一、二层标题单独成行，末尾不加标点（“1.”“（1）”两层可以与正文接排）。
    示例：“一、工作目标。”
    依据：GB/T 9704-2012《党政机关公文格式》7.3.3。阈值：标题行只有一句且不超过30个字。
    """
    if not _is_notice(sub):
        return
    headings = sub.extraction.outline.by_paragraph()
    for p in sub.doc.paragraphs:
        text = p.text.strip()
        h = headings.get(p.index)
        if h and h.level <= 2 and text.endswith("。") and "。" not in text[:-1] and len(text) <= 30:
            yield Hit("标题末尾不应加句号", _loc(p), text)


@rule("TW605", "format", "warning", "标题序号不连续或层次不规范")
def heading_order(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：标题序号跳号或重复（“一、”“二、”“四、”），先用了低层级而没有更高层级，或用“1、”代替“1.”。
    跳过一个层级（“一、”下直接用“1.”）可以容忍，不报；报警告。
    原因：层次序号依次为“一、”“（一）”“1.”“（1）”，在上一级之下按顺序编号。
    示例：“一、”“二、”之后是“四、”。
    依据：GB/T 9704-2012《党政机关公文格式》7.3.3。
    """
    if not _is_notice(sub):
        return
    last = {1: 0, 2: 0, 3: 0, 4: 0}
    headings = sub.extraction.outline.by_paragraph()
    for p in sub.doc.paragraphs:
        if _ATTACH.match(p.text):
            break  # the 附件说明 numbers attachments, not headings
        h = headings.get(p.index)
        if not h:
            continue
        level, k, sep = h.level, h.number, h.sep
        if k != last[level] + 1:
            yield Hit(f"标题序号不连续：上一个同级序号为{last[level] or '（无）'}，此处为{k}", _loc(p), excerpt(p.text, 0, 10))
        if sep == "、":
            yield Hit("阿拉伯数字序号后应使用下脚点“.”，不用顿号“、”", _loc(p), excerpt(p.text, 0, 10))
        last[level] = k
        for deeper in range(level + 1, 5):
            last[deeper] = 0


@rule("TW606", "format", "error", "附件说明不规范")
def attachments(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：通知的附件说明：附件名称后有标点，有多个附件而没有编号（警告），或附件顺序号后用了顿号（警告）。
    原因：附件说明写作“附件：1.×××”，多个附件用阿拉伯数字编号，序号后用下脚点，名称后不加标点。
    示例：“附件：推优登记表。”“附件：推优登记表、汇总表”或“附件：1、推优登记表”。
    依据：GB/T 9704-2012《党政机关公文格式》7.3.4。
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
        comma = [(q, name) for q, name in names if (item := _ITEM.match(name)) and item.group("sep") == "、"]
        if comma:  # once for the 附件说明: the numbers are written one way throughout
            q, name = comma[0]
            yield Hit("附件顺序号后应使用下脚点“.”（附件：1.×××），不用顿号“、”", _loc(q), name, severity="warning")
        if rest and not _ITEM.match(rest) and re.search(r"[、；;]", rest.rstrip("。；;，,.、")):
            yield Hit("有多个附件时应逐个编号（附件：1.××× 2.×××），不应用顿号或分号并列", _loc(p), p.text.strip(),
                      severity="warning")


@rule("TW620", "format", "warning", "文件扩展名与实际内容不符")
def mislabelled_file(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：文件内容与文件名所示不符：存成 .docx 的 PDF 或纯文本，改名为 .pdf 的 Word 文件。
    原因：本工具会按真实内容读取，但办公室的软件可能打不开；改了名的文件也常是交错了的文件
    （导出件而非可编辑的原件）。约定要求这样的文件要报告，不能悄悄猜测。
    示例：“登记表_王子涵.docx”，内容其实是 PDF。
    依据：本工具的输出约定（contract.md：按内容识别文件，名不副实的要报告）。
    """
    from ...read.detect import mismatch_note, read_as, sniff

    # A member of a .zip exists only unpacked: its content was read as ``doc.format``.
    kind = sniff(sub.path) if os.path.exists(sub.path) else sub.doc.format
    note = mismatch_note(sub.path, read_as(kind, bool(sub.doc.tables)))
    if note:
        # About the whole file; a paged source still gets a page (its first), as the contract asks.
        yield Hit(f"{note}；请核实文件，并以正确的扩展名重新提交",
                  Location(page=1 if sub.doc.format == "pdf" else None), "")


@rule("TW649", "format", "warning", "审查未完成：文档过长，部分规则超出时间预算")
def unfinished_checks(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：由审查引擎报告，不是在文字中找到的：文档超过了它的时间预算（DOC_BUDGET，读取、提取和
    单文档规则合计），后面的规则没有运行，这条问题列出这些规则。
    原因：一个巨大或异常的文件不能拖住整批审查，只审查了一部分的文件也不能显得没有问题。
    请拆分文档，或用 --select 单独审查。
    示例：一份把300页总结粘贴成一个段落的文件。
    依据：本工具的时间预算（toolkit/timelimit.py 中的 DOC_BUDGET），没有外部标准。
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

    if not _is_notice(sub) or sub.doc.format != "docx" or sub.extraction.outline.doc_number is None:
        return None
    return read_layout(sub.path)


def _at(sub: Submission, index: int) -> Location:
    """Where the reader's paragraph ``index`` is (with its page, where known)."""
    p = next((p for p in sub.doc.paragraphs if p.index == index), None)
    return _loc(p) if p is not None else Location(paragraph=index)


def _title_and_body(sub: Submission, layout) -> tuple[tuple[int, object] | None, list[tuple[int, object]]]:
    """The title (the first line after the 发文字号, as ``cn.outline.locate`` found it) and
    the body paragraphs after it (level headings left out), each with its reader paragraph
    number, among the layout's paragraphs."""
    title = sub.extraction.outline.title
    at = title.location.paragraph if title is not None else None
    if at is None or at > len(layout.paragraphs):
        return None, []
    body = [(i, p) for i, p in enumerate(layout.paragraphs[at:], at + 1)
            if p.text.strip() and not outline.heading(p.text.strip())]
    return (at, layout.paragraphs[at - 1]), body


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
    """检查：公文（带发文字号的通知）的 .docx 页面设置（w:pgSz）不是A4纵向。
    原因：公文用纸为A4（210毫米×297毫米）。尺寸从文件中精确读出；仍报警告，因为办公室总是用A4打印，
    正文本身没有错（python-docx 和英文版 Word 默认是美国信纸 215.9×279.4 毫米）。
    示例：一份用信纸（Letter）纸型保存的通知。
    依据：GB/T 9704-2012《党政机关公文格式》5.2.1。
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
    """检查：公文页边距与上37毫米、下35毫米、左28毫米、右26毫米相差超过容差（1.5毫米）。
    原因：这些页边距确定版心为156毫米×225毫米（天头37毫米，订口28毫米）。打印时常有小调整，所以报警告。
    示例：Word 默认的上下25.4毫米、左右31.8毫米。
    依据：GB/T 9704-2012《党政机关公文格式》5.2.1。
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


def _type_problems(font: str | None, size: float | None, family: tuple[str, ...], named: str, points: float,
                   what: str) -> list[str]:
    from ...cn import gbt9704

    out = []
    if font and not gbt9704.in_family(font, family):
        out.append(f"{what}字体为“{font}”，应为{named.split('_')[0]}")
    if size and abs(size - points) > gbt9704.SIZE_TOLERANCE_PT:
        out.append(f"{what}字号为{gbt9704.size_name(size)}，应为{gbt9704.size_name(points)}")
    return out


@rule("TW609", "format", "warning", "公文正文字体、字号不符合GB/T 9704-2012（3号仿宋）")
def body_type(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：公文正文（标题之后的文字，层次标题除外）主要不是仿宋，或字号不是3号（16磅）。
    字体字号取 .docx 中字符数最多的设置（文字、样式、文档默认值、主题中的中文字体；
    主题没有给出中文字体的不判断）；字体按家族判断（仿宋_GB2312、FangSong、方正仿宋_GBK 都是仿宋）。
    原因：正文用3号仿宋体字。替代的仿宋字体名本工具可能不认识，所以报警告。
    示例：用宋体小四（12磅）打的通知。
    依据：GB/T 9704-2012《党政机关公文格式》7.3.3。
    """
    from ...cn import gbt9704

    layout = _gongwen_layout(sub)
    if layout is None:
        return
    _, body = _title_and_body(sub, layout)
    if not body:
        return
    font, size = _main_type(p for _, p in body)
    problems = _type_problems(font, size, gbt9704.BODY_FAMILY, gbt9704.BODY_FONTS[0], gbt9704.BODY_PT, "正文")
    if problems:
        at, first = body[0]
        yield Hit("；".join(problems), _at(sub, at), first.text[:40])


@rule("TW610", "format", "warning", "公文标题字体、字号不符合GB/T 9704-2012（2号小标宋）")
def title_type(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：公文标题（发文字号后的第一段文字）不是2号（22磅）小标宋。
    原因：标题用2号小标宋体字。字体按家族判断（方正小标宋_GBK、FZXiaoBiaoSong、华文中宋都可以）。
    没有方正小标宋的办公室常用别的加粗宋体代替，所以报警告。
    示例：黑体三号的标题。
    依据：GB/T 9704-2012《党政机关公文格式》7.3.2。
    """
    from ...cn import gbt9704

    layout = _gongwen_layout(sub)
    if layout is None:
        return
    title, _ = _title_and_body(sub, layout)
    if title is None:
        return
    at, para = title
    font, size = para.main_type()
    problems = _type_problems(font, size, gbt9704.TITLE_FAMILY, gbt9704.TITLE_FONTS[0], gbt9704.TITLE_PT, "标题")
    if problems:
        yield Hit("；".join(problems), _at(sub, at), para.text[:40])


@rule("TW611", "format", "warning", "公文没有页码")
def page_numbers(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：公文的页脚中没有页码域（PAGE）。
    原因：公文须标注页码（4号半角宋体“— 1 —”），打印件缺页时才能发现。
    页码如果是手打的文字而不是域，XML 中看不出，所以报警告。
    示例：一份没有页脚就保存的通知。
    依据：GB/T 9704-2012《党政机关公文格式》7.5。
    """
    layout = _gongwen_layout(sub)
    if layout is not None and not layout.page_numbers:
        yield Hit("页脚中没有页码，公文应编排页码（4号半角宋体，如“— 1 —”）", Location(), "")
