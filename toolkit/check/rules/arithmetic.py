"""Arithmetic in text and tables (TW250–TW299): parts, percentages, per-head
figures and 合计 rows/columns, recomputed."""

from __future__ import annotations

import re
from typing import Iterator

from ...cn.numbers import UNIT, cn_to_int
from ...cn.text import compact
from ...kinds import OWN_TOTALS, scope_names
from ...model import Location, Table
from ...config import Config
from ..engine import Hit, Submission, rule
from ..text import NUM, excerpt, prose_units, sentences

_APPROX = r"(?:余|多|左右|以上|近|约|超过|逾)"
_TOTAL = re.compile(rf"(?:共|总计|累计|合计|一共)[^，。；、其]{{0,12}}?(?<![0-9.])(?P<n>{NUM})(?P<u>{UNIT})(?!{_APPROX})")
_PART = re.compile(rf"(?<![0-9.])(?P<n>{NUM})(?P<u>{UNIT})(?!{_APPROX})")
_PERCENT = re.compile(rf"(?<![0-9.])(?P<a>\d+)(?P<u1>{UNIT})[^。；]{{0,16}}?占(?:[^，。；0-9]{{0,10}}?)(?P<b>\d+)(?![\d.])(?P<u2>{UNIT})?"
                      rf"[^，。；0-9.]{{0,6}}?(?<![\d.])(?P<p>\d+(?:\.\d+)?)[%％]")
# "团员40名，其中入党积极分子12名，占团员总数的30%": the base stated before 其中.
# The part may come before its noun (其中12名已递交入党申请书，占…), and "40名团员中，有12名…"
# states the base the same way; 占 must then point at the whole (占45%, 占总数的45%), not at another base.
_SHARE = re.compile(rf"(?<![0-9.])(?P<b>\d+)(?P<u2>{UNIT})(?:[，,]\s*其中|[^，。；0-9]{{0,8}}中[，,]?\s*(?:共?有)?)"
                    rf"[^，。；0-9]{{0,16}}?(?<![0-9.])(?P<a>\d+)(?P<u1>{UNIT})[^。；0-9%％]{{0,20}}?[，,]?\s*"
                    rf"占(?:[^，。；0-9]{{0,8}}?(?:总数|总人数|人数|全体|全部|总量|支部|团员|成员|青年)的?)?(?P<p>\d+(?:\.\d+)?)[%％]")
_PER_HEAD = re.compile(rf"人均[^，。；0-9]{{0,6}}(?P<p>\d+(?:\.\d+)?)(?P<u>{UNIT})")
_PEOPLE = re.compile(r"(?<![0-9.])(?P<n>\d+)(?:名|人|位)(?![次均])")
_TOTAL_LABELS = ("合计", "总计", "共计", "总数", "合计人数")


@rule("TW251", "arithmetic", "error", "“其中”各分项之和与总数不符")
def parts_vs_total(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：总数与“其中”后列出的分项之和不符。
    三个及以上用“、”连接的分项视为完整的分解（和必须等于总数，报错误）；分项较少或用“，”连接时，
    可能只列了一部分或有重叠（“其中党员3人、积极分子10人”），只在分项之和大于总数时报警告。
    约数（“20余次”）不比较。
    原因：一个数字写错了。
    示例：“共开展活动12次，其中主题团日4次、志愿服务5次、理论学习2次”，分项之和为11。
    依据：通用事理（算术）；阈值：和完全相等。
    """
    for u in prose_units(sub.doc):
        for s, e in sentences(u.text):
            sent = u.text[s:e]
            for m in _TOTAL.finditer(sent):
                k = sent.find("其中", m.end())
                if k < 0 or k - m.end() > 6:
                    continue
                tail = re.split(r"[。；;]", sent[k:])[0]
                parts = [p for p in _PART.finditer(tail) if p.group("u") == m.group("u")]
                if len(parts) < 2:
                    continue
                total, values = cn_to_int(m.group("n")), [cn_to_int(p.group("n")) for p in parts]
                if total is None or None in values:
                    continue
                seps = tail[parts[0].end():parts[-1].start()]
                complete = len(parts) >= 3 and "、" in seps and "，" not in seps and "," not in seps
                got = sum(values)
                if got == total or (not complete and got < total):
                    continue
                listed = "、".join(f"{v}" for v in values)
                yield Hit(f"总数“{m.group()}”与“其中”各项{listed}之和{got}{m.group('u')}不符", u.location,
                          excerpt(u.text, s + m.start(), s + k + len(tail)),
                          severity=None if complete else "warning")


@rule("TW252", "arithmetic", "error", "百分比与所给人数算出的比例不符")
def percentages(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：百分比与同句给出的两个数算出的比例不符；基数可以在前
    （“团员40名，其中积极分子12名，占团员总数的35%”）。
    原因：比例算错会误导读者。
    示例：“8名团员……占全支部40名的25%”，实际为20%。
    依据：通用事理（算术）；阈值：配置项 [arithmetic] percent_tolerance 个百分点（默认 0.5，
    四舍五入到整数百分比不会误报）。
    """
    tol = config.arithmetic.percent_tolerance
    for u in prose_units(sub.doc):
        for m in [*_PERCENT.finditer(u.text), *_SHARE.finditer(u.text)]:
            a, b, p = int(m.group("a")), int(m.group("b")), float(m.group("p"))
            if b == 0 or a > b or (m.group("u2") and m.group("u2") != m.group("u1")):
                continue
            real = a * 100 / b
            if abs(real - p) > tol:
                yield Hit(f"{a}{m.group('u1')}占{b}{m.group('u2') or m.group('u1')}的比例应为{real:.1f}%，文中写作{m.group('p')}%",
                          u.location, excerpt(u.text, m.start(), m.end()))


# The head count of a paragraph: 团员40名 / 40名团员 / 共有团员40人.
_MEMBERS = re.compile(r"(?:团员|成员|同学|青年|志愿者)(?:共|有|共有)?(?<![0-9.])(?P<n>\d+)(?:名|人|位)(?![次均])"
                      r"|(?<![0-9.])(?P<m>\d+)(?:名|人|位)(?:团员|成员|同学|青年|志愿者)")


def _paragraph_head_count(text: str) -> int | None:
    """The one head count a paragraph states before its 人均 sentence, when it
    states exactly one people figure and that figure names the members."""
    if len(list(_PEOPLE.finditer(text))) != 1:
        return None
    found = list(_MEMBERS.finditer(text))
    return int(found[0].group("n") or found[0].group("m")) if len(found) == 1 else None


@rule("TW253", "arithmetic", "warning", "人均数与总数、人数算出的不符")
def per_head(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：“人均”数与同句的总数、人数算出的不符；同句没有人数时，取本段唯一的人数。
    从本段只取“人均”句之前唯一一个指明成员的人数（“团员40名”“40名团员”）。
    原因：人均数算错；报警告，因为人数不一定就是除数。
    示例：“40名团员累计服务320小时，人均10小时”，应为8小时；“支部共有团员40名。……共服务320小时，
    人均10小时”同样报。
    依据：通用事理（算术）；阈值：按所写人均数自身的小数位四舍五入（“人均7.5”允许7.45–7.55）。
    """
    for u in prose_units(sub.doc):
        for s, e in sentences(u.text):
            sent = u.text[s:e]
            ph = _PER_HEAD.search(sent)
            if not ph:
                continue
            totals = [t for t in _TOTAL.finditer(sent[:ph.start()]) if t.group("u") == ph.group("u")]
            people = [int(p.group("n")) for p in _PEOPLE.finditer(sent[:ph.start()])]
            if not people and not _PEOPLE.search(sent):  # else the sentence's own count may be the divisor
                people = [n] if (n := _paragraph_head_count(u.text[:s])) else []
            if len(totals) != 1 or len(people) != 1:
                continue
            total, n = cn_to_int(totals[0].group("n")), people[0]
            stated = ph.group("p")
            if not total or not n:
                continue
            decimals = len(stated.split(".")[1]) if "." in stated else 0
            real = total / n
            if abs(real - float(stated)) > 0.5 * 10 ** -decimals + 1e-9:
                yield Hit(f"{total}{ph.group('u')}÷{n}人={real:.2f}{ph.group('u')}，与“人均{stated}{ph.group('u')}”不符",
                          u.location, excerpt(u.text, s, e))


_NO_VALUE = ("", "—", "-", "/", "无")


def _number(text: str | None) -> float | None:
    """A numeric cell: ``30``, ``30人``, ``5份``, ``1,200``, ``-2``; empty/—/无 count as 0."""
    if text is None:
        return None
    s = compact(text).replace(",", "").replace("，", "")
    if s in _NO_VALUE or s == "0":
        return 0.0
    # A negative figure is read (and then disagrees with the sum) rather than passed over.
    m = re.fullmatch(rf"([-−－]?\d+(?:\.\d+)?)(?:{UNIT}|h)?", s)
    return float(m.group(1).replace("−", "-").replace("－", "-")) if m else None


def _is_total(text: str | None) -> bool:
    return bool(text) and compact(text).replace(":", "").replace("：", "") in _TOTAL_LABELS


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


# Heads of columns that number the rows (序号; 行次 and 栏次 of a statistical report), never summed.
_NUMBERING_HEADS = ("序号", "行次", "栏次", "栏号")


def _numbered(head: str) -> bool:
    return any(w in head for w in _NUMBERING_HEADS)


NUMBERED_LINES = 4  # a column counting 1, 2, 3, 4 … has at least this many lines to be line numbers


def _numbering(values: list[float], total: float) -> bool:
    """Line numbers under any head (a report's 栏次 row names its columns 甲, A, B …): 1, 2, 3 …
    down to the 合计 row, which carries the next number. Fewer lines are counts (弃权 0, 1 and a
    合计 of 2 is a wrong sum)."""
    seq = [*values, total]
    return len(values) >= NUMBERED_LINES and seq[0] == 1 and all(b - a == 1 for a, b in zip(seq, seq[1:]))


def _table_totals(t: Table) -> Iterator[tuple[str, Location, str]]:
    grid = t.grid(fill=False)
    filled = t.grid(fill=True)
    if len(grid) < 3:
        return
    # The header is every row above the first row holding a number: a title row,
    # a group header (表决情况 over 应到/实到/赞成…) and the column labels.
    first_data = next((r for r, row in enumerate(grid)
                       if any(x and compact(x) not in _NO_VALUE and _number(x) is not None for x in row)), 0)
    if first_data == 0:
        return
    header = first_data - 1
    # A column's head joins its group and its own label; a title spanning the
    # whole width is no column's head.
    groups = [i for i in range(first_data) if len({x for x in filled[i] if x}) > 1] or [header]
    heads = ["".join(dict.fromkeys(filled[i][c] or "" for i in groups)) for c in range(len(filled[header]))]
    labels = [h or "" for h in filled[header]]
    branch_col = next((k for k, h in enumerate(heads) if "支部" in h or "单位" in h), None)
    for r, row in enumerate(grid):
        if r <= header or not any(_is_total(x) for x in filled[r][:2]):
            continue
        body = [filled[i] for i in range(header + 1, r) if not any(_is_total(x) or "小计" in (x or "") for x in filled[i][:2])]
        if not body:
            continue
        for c, cell in enumerate(row):
            total = _number(cell)
            # A dash in the 合计 row means "not totalled" (应到/实到 of a tally), not 0.
            if cell is None or compact(cell) in _NO_VALUE or total is None or "%" in heads[c] or "比" in heads[c] or _numbered(heads[c]):
                continue
            values = [_number(b[c]) for b in body]
            if None in values or _numbering(values, total):
                continue
            got = sum(values)
            if abs(got - total) < 1e-6:
                continue
            if branch_col is not None:  # 应到/实到 repeat for each candidate of a branch
                seen: dict[str, float] = {}
                for b, v in zip(body, values):
                    seen.setdefault(b[branch_col] or "", v)
                if abs(sum(seen.values()) - total) < 1e-6:
                    continue
            name = compact(labels[c]) or f"第{c + 1}列"
            yield (f"合计行“{name}”为{_fmt(total)}，上面各行之和为{_fmt(got)}",
                   Location(page=t.page, table=t.index, row=r + 1, col=c + 1), f"{name} 合计：{cell.strip()}")
    total_cols = [k for k, h in enumerate(heads) if compact(h) in ("合计", "小计", "总计")]
    for k in total_cols:
        for r in range(header + 1, len(grid)):
            row = filled[r]
            total = _number(grid[r][k])
            if total is None or not (grid[r][k] or "").strip():
                continue
            parts = [_number(row[j]) for j in range(len(row)) if j != k and j not in total_cols
                     and not _numbered(heads[j]) and "%" not in heads[j] and j != branch_col]
            parts = [p for p in parts if p is not None]
            if len(parts) >= 2 and abs(sum(parts) - total) > 1e-6 and any(_number(row[j]) is None for j in range(len(row)) if j != k):
                yield (f"第{r + 1}行“合计”为{_fmt(total)}，该行各项之和为{_fmt(sum(parts))}",
                       Location(page=t.page, table=t.index, row=r + 1, col=k + 1), " | ".join(x for x in row if x)[:80])


@rule("TW254", "arithmetic", "error", "表格合计行或合计列与各项之和不符")
def table_totals(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：表格的合计行（及合计列）与它所合计的各格之和不符。
    汇总表中同一支部每位候选人都重复写应到、实到，合计等于按支部相加之和也算对；百分比列和序号列跳过；
    各行中的空格、“—”“无”按0计，合计行中的空格表示“不合计”。合计格中的负数照常读出比较。
    原因：汇总表的合计行和总结中的统计表是手工录入的，合计对不上说明有一行写错了。
    示例：赞成票一列为 28、25、30，合计行写 80。
    依据：通用事理（算术）；阈值：和完全相等。
    百分考核表的合计行由 TW862 重算（同一格不报两次）。
    """
    if sub.extraction.kind in scope_names(OWN_TOTALS):
        return
    for t in sub.doc.tables:
        for message, loc, text in _table_totals(t):
            yield Hit(message, loc, text)
