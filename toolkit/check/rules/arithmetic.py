"""Arithmetic in prose (TW251–TW253): parts, percentages and per-head figures,
recomputed. Tables are :mod:`.table_arithmetic`'s."""

from __future__ import annotations

import re
from typing import Iterator

from ...cn.breakdown import SUBSETS, covering, part_word
from ...cn.numbers import UNIT, cn_to_int, rounds_to
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


# Where a breakdown's clause goes on after a comma: more labelled parts (，女生25名 / ，25名为女生).
_ONE_PART = rf"(?:[^\d，,、]{{1,10}}?(?<![0-9.]){NUM}{UNIT}|(?<![0-9.]){NUM}{UNIT}[^\d，,、]{{1,8}})"
_MORE_PART = re.compile(rf"^\s*{_ONE_PART}(?:、{_ONE_PART})*$")
# A clause that counts something else than the parts (覆盖青年1000名).
_OTHER_COUNT = re.compile(r"覆盖|参与|带动|累计|共(?!青)|惠及|吸引|辐射|受益|涉及")
_LABEL_NOISE = re.compile(r"^[\s、，,：:]*(?:其中|包括)?[：:]?(?:有|为|是)?|(?:为|是|的)?[\s、，,]*$")


def _breakdown(tail: str, unit: str) -> list[tuple[str, int, int, int]]:
    """The labelled parts of a 其中 clause (``tail`` starts at 其中) counted in ``unit``, with
    where each stands: ``其中男生20名、女生25名，少数民族3名`` → 男生 20, 女生 25, 少数民族 3."""
    clauses = re.split(r"[，,]", tail)
    span = clauses[0]
    for c in clauses[1:]:
        if not _MORE_PART.match(c) or _OTHER_COUNT.search(c):
            break
        span += "，" + c
    found = [p for p in _PART.finditer(span) if p.group("u") == unit]
    out = []
    for i, p in enumerate(found):
        label = _LABEL_NOISE.sub("", re.split(r"[、，,]", span[found[i - 1].end() if i else 0:p.start()])[-1])
        if not label:  # the number before its noun: 其中20名为女生
            label = _LABEL_NOISE.sub("", re.split(r"[、，,。；]", span[p.end():])[0])
        if (n := cn_to_int(p.group("n"))) is None:
            return []
        out.append((label, n, p.start(), p.end()))
    return out


@rule("TW251", "arithmetic", "error", "“其中”分项大于总数，或完整分项之和与总数不符")
def parts_vs_total(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：总数与“其中”后列出的分项不符。任何一个分项都不能大于总数（错误）。
    分项构成完整的划分（男/女，赞成/反对/弃权，团员/非团员……）时其和必须等于总数（错误）；
    女、少数民族、党员等互有重叠的子集不要求相加等于总数。其他分项：三个及以上用“、”连接的视为完整的分解
    （和必须等于总数，报错误）；较少或用“，”连接时，可能只列了一部分，只在分项之和大于总数时报警告。
    约数（“20余次”）不比较。
    原因：一个数字写错了。
    示例：“共开展活动12次，其中主题团日4次、志愿服务5次、理论学习2次”，分项之和为11；
    “共有团员45名，其中男生20名、女生26名”，男女之和为46；不写“其中”的“共有团员45名，男生20名，女生26名”同样报。
    依据：通用事理（算术）；阈值：和完全相等。
    """
    for u in prose_units(sub.doc):
        for s, e in sentences(u.text):
            sent = u.text[s:e]
            for m in _TOTAL.finditer(sent):
                k = sent.find("其中", m.end())
                said = 0 <= k - m.end() <= 6  # without 其中 only parts that cover the whole are read (，男生20名，女生25名)
                k = k if said else m.end()
                tail = re.split(r"[。；;]", sent[k:])[0]
                total, parts = cn_to_int(m.group("n")), _breakdown(tail, m.group("u"))
                if total is None or not parts or not said and covering([p[0] for p in parts]) is None:
                    continue
                where = excerpt(u.text, s + m.start(), s + k + len(tail))
                # After a comma another count may follow (，青年志愿者400名): only the first clause's parts are
                # certainly parts.
                first = len(re.split(r"[，,]", tail)[0])
                over = [(label, v) for label, v, start, _ in parts if v > total and start < first]
                for label, v in over:
                    yield Hit(f"“其中”的“{label}{v}{m.group('u')}”大于总数“{m.group()}”", u.location, where)
                labels = [p[0] for p in parts]
                cover = covering(labels)
                if over or (cover is None and any(part_word(x) in SUBSETS for x in labels)):
                    continue  # subsets may overlap and leave some out
                values = [parts[i][1] for i in (range(len(parts)) if cover is None else cover)]
                seps = tail[parts[0][3]:parts[-1][2]]
                enumerated = len(parts) >= 3 and "、" in seps and "，" not in seps and "," not in seps
                complete = cover is not None or enumerated
                got = sum(values)
                if got == total or (not complete and got < total):
                    continue
                listed = "、".join(f"{v}" for v in values)
                yield Hit(f"总数“{m.group()}”与{'“其中”' if said else '所列'}各项{listed}之和{got}{m.group('u')}不符",
                          u.location, where,
                          severity=None if complete else "warning")


@rule("TW252", "arithmetic", "error", "百分比与所给人数算出的比例不符")
def percentages(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：百分比与同句给出的两个数算出的比例不符；基数可以在前
    （“团员40名，其中积极分子12名，占团员总数的35%”）。
    原因：比例算错会误导读者。
    示例：“8名团员……占全支部40名的25%”，实际为20%。
    依据：通用事理（算术）；阈值：配置项 [arithmetic] percent_tolerance 个百分点（默认 0.5），
    按所写小数位四舍五入或截去的都算对（1/3 写作 33%、33.3%、33.33% 均可）。
    """
    tol = config.arithmetic.percent_tolerance
    for u in prose_units(sub.doc):
        for m in [*_PERCENT.finditer(u.text), *_SHARE.finditer(u.text)]:
            a, b, p = int(m.group("a")), int(m.group("b")), float(m.group("p"))
            if b == 0 or a > b or (m.group("u2") and m.group("u2") != m.group("u1")):
                continue
            real = a * 100 / b
            if abs(real - p) > tol and not rounds_to(real, m.group("p")):
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
