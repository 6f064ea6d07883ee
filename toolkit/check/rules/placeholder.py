"""Placeholder residue (TW100–TW149): template text nobody filled in."""

from __future__ import annotations

import re
from typing import Iterator

from ...cn.text import compact
from ...extract.forms import label_rows
from ...kinds import NOTICE, SIGNATURES, scope_names
from ...model import Location
from ...config import Config
from ..engine import Hit, Submission, rule
from ..text import CJK, excerpt, times, units

# What a template tells its user to do where content belongs (请填写, 此处粘贴 …).
_FILL = r"(?:请|待|此处|在此处?|请在此处?)(?:填写|填入|填|输入|补充|修改|插入|粘贴)"
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^{}\n]{1,40}\}"
                       rf"|[【\[［]\s*{_FILL}[^】\]］]{{0,20}}[】\]］]|[<＜]\s*请(?:填写|输入)[^>＞]{{0,20}}[>＞]"
                       r"|【\s*】|［\s*］")  # brackets left empty
# Template hints in prose (not in a form's cells, where 照片（此处粘贴） is printed on purpose):
# a sentence telling the writer what to put there (此处介绍…, （此处填写主要做法）), a field's
# name in brackets ((单位名称)团支部), an example the template gave ((示例)…, 示例：…).
_HINT = re.compile(r"(?:^|(?<=[。；！？\s]))\s*[（(【]?\s*(?:此处|在此处?|请在此处?)"
                   r"(?:填写|填入|输入|插入|粘贴|补充|介绍|概述|简述|描述|列举|写明|注明)[^。；！？）)】]{0,40}[）)】]?"
                   # (in 【】 a name is a button or a column of a screen: →【支部名称】→)
                   r"|[（(]\s*(?:单位|组织|团支部|支部|学校|学院|公司|医院|部门|科室|村|社区|活动|会议)?(?:名称|全称)\s*[）)]")
_EXAMPLE = re.compile(r"^\s*(?:[（(【\[]\s*示例\s*[）)】\]]|示例\s*[:：])\s*\S")
# xx党委, ××学院, XX同志, 某某, *年*月: letters or marks standing where a name or number belongs.
_MARKS = re.compile(rf"(?<![A-Za-zＡ-Ｚａ-ｚ0-9./_@-])(?:[xXｘＸ×]{{2,}}|[*＊]{{1,3}}(?=[年月日]))(?![A-Za-zＡ-Ｚａ-ｚ0-9.@/])"
                    # stars standing for a whole value (负责人：＊＊＊), not masking part of one (王**, 1101**1234)
                    rf"|(?:(?<=[\s：:（(，、])|^)[*＊]{{2,}}(?=[\s。，、；）)]|$)"
                    # a year, month or day written with letters: 20XX年, 2026年X月X日, x月x日前
                    rf"|(?<![A-Za-zＡ-Ｚａ-ｚ0-9.])(?:(?:19|20)[xXｘＸ]{{2}}|[xXｘＸ×])(?=[年月日号])"
                    rf"|某某+|(?<=[{CJK}：:])(?<![一二三四五六七八九十〇零])[○〇]{{2,}}(?![一二三四五六七八九十〇零年])")
_ROMAN_XX = re.compile(r"XX(?:世纪|届|次)")  # the roman numeral 20
_BLANKS = re.compile(r"[_＿]{3,}")
_RULE_LINE = re.compile(r"^\s*[_＿]{10,}\s*$")
_SIGN_LINE = re.compile(r"(?:签字|签名|盖章|签章)[)）]?\s*[:：]?\s*$")  # 签字：, （签字）：
# 年 with no year before it and 月/日 with no number: "    年  月  日"
_BLANK_DATE = re.compile(r"(?:^|(?<=[\s_＿(（:：]))[\s　_＿]*年[\s　_＿]*月[\s　_＿]*日"  # nothing filled in
                         r"|(?<!\d)(?:\d{2}|\d{4})\s*年[\s　_＿]*月[\s　_＿]*日"  # the year only
                         r"|\d\s*年\s*\d{1,2}\s*月[\s　_＿]+日")  # the day missing
# What each pattern above cannot match without (checked first: most text has none of them).
_TEMPLATE_NEEDS = re.compile(r"[{$【\[［<＜]")
_HINT_NEEDS = re.compile(r"此|名称|全称")
_MARKS_NEEDS = re.compile(r"[xXｘＸ×*＊某○〇]")
_BLANK_DATE_NEEDS = re.compile(r"月[\s　_＿]*日")
_SIGN_LABEL = re.compile(r"^(?:.*(?:签字|签名|签章|盖章)|(?:填表|表决|会议|审核|推荐)?日期)[:：]?$")


def _near_cjk(text: str, start: int, end: int) -> bool:
    """``xx`` counts as a placeholder only where it stands in Chinese text."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    return bool(re.match(f"[{CJK}、，。：（）“”]", before or "，") or re.match(f"[{CJK}、，。：（）“”]", after or "，"))


@rule("TW101", "placeholder", "error", "模板占位符未替换（{{ }}、{% %}、【请填写】等）")
def template_residue(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：提交的文件里留有模板标记，如“{{ 姓名 }}”“{% for %}”“${code}”“【请填写团支部名称】”“【】”；
    正文段落里还有模板的填写提示：“此处填写活动成效”“（此处介绍主要做法）”“（单位名称）团支部”，
    以及模板给的样例（段首的“示例：”“（示例）”，报警告；通知里教人怎样填写的示例不报）。
    表格里印好的提示（“照片（此处粘贴）”）不报。
    原因：模板标记说明有一项内容从未填写，文件还没有完成。
    示例：“{{ branch }}团支部2026年工作总结”；不报“【通知】关于开展推优工作”这类栏目标题。
    依据：通用事理（没有国家标准条款）；出现即报，无阈值。
    """
    for u in units(sub.doc):
        for m in _TEMPLATE.finditer(u.text) if _TEMPLATE_NEEDS.search(u.text) else ():
            yield Hit(f"模板占位符“{m.group()}”未替换，应填入实际内容", u.location, excerpt(u.text, m.start(), m.end()))
        if u.kind != "paragraph":
            continue
        for m in _HINT.finditer(u.text) if _HINT_NEEDS.search(u.text) else ():
            if not _TEMPLATE.search(m.group()):
                hint = m.group().strip()
                yield Hit(f"模板的填写提示“{hint}”未替换，应改为实际内容", u.location,
                          excerpt(u.text, m.start(), m.end()))
        # A 通知 may show how to fill in a form (示例：化工2201团支部_张三.docx); elsewhere it is the template's.
        if sub.extraction.kind != NOTICE and (m := _EXAMPLE.match(u.text)):
            yield Hit("“示例”是模板给出的样例，应删除或改为本单位的实际内容", u.location,
                      excerpt(u.text, 0, m.end() - 1), severity="warning")


@rule("TW102", "placeholder", "error", "占位字样未替换（xx、××、某某、*年）")
def placeholder_marks(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：代替真实名称、数字或日期的占位字样：“xx党委”“××学院”“张某某”“*年*月”。
    不报：“XX世纪”（罗马数字）、英文单词里的 xx、网址和电子邮箱、“3×4教室”。
    原因：从模板复制的草稿常留下这些字样；上交的材料必须写明真实的组织或人。
    示例：“经xx团支部推荐”。
    依据：通用事理（没有国家标准条款）；出现即报，无阈值。
    """
    for u in units(sub.doc):
        if not _MARKS_NEEDS.search(u.text):
            continue
        found: dict[str, list[re.Match]] = {}
        for m in _MARKS.finditer(u.text):
            if m.group().startswith(("x", "X", "ｘ", "Ｘ")) and not _near_cjk(u.text, m.start(), m.end()):
                continue
            if m.group()[0] in "*＊" and not u.text.strip(" *＊　"):  # a line of stars divides the text
                continue
            if _ROMAN_XX.match(u.text, m.start()):
                continue
            found.setdefault(m.group(), []).append(m)
        for mark, ms in found.items():
            yield Hit(f"占位字样“{mark}”未替换{times(u, len(ms))}，应填写实际名称、姓名或数字", u.location,
                      excerpt(u.text, ms[0].start(), ms[0].end()))


@rule("TW103", "placeholder", "error", "下划线空白未填写")
def blank_lines(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：一串下划线（“＿＿＿”“______”）留在本应填写内容的地方。
    “签字：”“盖章”后的下划线是手写签名的位置，不报（空的签字栏由 TW105 检查）。
    单独成段的一长串下划线是分隔线，不报；但紧跟在以冒号结尾的栏目（“团支部意见：”）后面的仍报。
    原因：表格和通知用下划线标出空白，上交时仍是空白，说明缺了这项内容。
    示例：“本支部共有团员＿＿＿人”。
    依据：通用事理（没有国家标准条款）；阈值：连续三个及以上下划线。
    """
    previous = ""
    for u in units(sub.doc):
        if u.kind == "paragraph":
            # A paragraph of underscores alone is a drawn line, unless a label (团支部意见：) awaits it.
            label, previous = previous, u.text
            if _RULE_LINE.match(u.text) and not label.rstrip().endswith(("：", ":")):
                continue
        for m in _BLANKS.finditer(u.text):
            if _SIGN_LINE.search(u.text[:m.start()]):
                continue
            yield Hit("此处留有下划线空白，应填写实际内容", u.location, excerpt(u.text, m.start(), m.end()))


@rule("TW104", "placeholder", "error", "日期只有“年 月 日”未填写")
def blank_date(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：日期只写了“年 月 日”，没有数字。
    在表格单元格里（印好的表格等待手写日期）报警告；在正文里（通知、总结的成文日期）报错误。
    “出生年月日”这样的栏目名不报。
    原因：落款日期或表格日期从未填写。
    示例：“    年  月  日”“落款日期：2026年  月  日”。
    依据：GB/T 9704-2012 7.3.5.1（公文须有成文日期）；出现即报，无阈值。
    """
    for u in units(sub.doc):
        for m in _BLANK_DATE.finditer(u.text) if _BLANK_DATE_NEEDS.search(u.text) else ():
            if u.text[max(0, m.start() - 2):m.start()].endswith(("出生", "生")):
                continue
            yield Hit("日期“年 月 日”未填写具体数字", u.location, excerpt(u.text, m.start(), m.end()),
                      severity="warning" if u.kind == "cell" else None)


@rule("TW105", "placeholder", "warning", "表格中签字、日期栏为空")
def blank_signature(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：表格中标为签字、签名、盖章、日期的栏目，其填写格为空。
    只检查推优登记表和会议记录（汇总表的表头不是栏目）。
    原因：推优登记表需要团支部书记签字和决定日期；空着可能说明表格在批准前就交了。
    标签排成一行、填写格在下一行的表格，看标签下面的格。
    报警告而非错误：签字可能在纸质原件上。
    示例：“| 团支部书记签字 |      |”。
    依据：《共青团推优入党工作实施办法》（中青发〔2019〕9号）要求的推荐程序；出现即报，无阈值。
    """
    if sub.extraction.kind not in scope_names(SIGNATURES):
        return
    for t in sub.doc.tables:
        grid = t.grid()
        above = label_rows(t)  # a row of labels has its values in the row below
        for r, row in enumerate(grid, 1):
            for c, text in enumerate(row, 1):
                if text is None or not _SIGN_LABEL.match(compact(text)):
                    continue
                if r in above and r < len(grid) and (grid[r][c - 1] or "").strip():
                    continue
                nxt = next((row[k] for k in range(c, len(row)) if row[k] is not None), None)
                if nxt is not None and not nxt.strip():
                    label = compact(text).rstrip(":：")
                    yield Hit(f"“{label}”一栏为空，应签字或填写日期", Location(page=t.page, table=t.index, row=r, col=c),
                              compact(text))
