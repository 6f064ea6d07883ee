"""Stated counts against what is listed (TW200–TW249)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ...cn.names import NAME_DOTS, looks_like_name, names_list
from ...cn.numbers import cn_to_int
from ...cn.outline import heading
from ...model import Location
from ...config import Config
from ..engine import Hit, Submission, rule
from ..text import CJK, NUM, Unit, excerpt, prose_units, sentences

# A run of 2–4-character names (or xx placeholders) joined by 、 (last one may be 和/及).
# A transliterated name joins its parts with a middle dot (阿依古丽·买买提).
_ITEM = rf"(?:[{CJK}]{{1,8}}(?:[{NAME_DOTS}][{CJK}]{{1,8}})+|(?:(?!等)[{CJK}xX×]){{2,4}})"
_NAMES = rf"{_ITEM}(?:、{_ITEM})+(?:(?:和|及|与){_ITEM})?"
# "刘一诺、陈佳琪、杨明轩4人" / "…等4人"
_LIST_THEN_NUM = re.compile(rf"(?P<list>{_NAMES})(?P<etc>等)?(?:同志|同学|团员)?(?:共|这|等)?(?P<n>{NUM})(?:名|人|位)")
# "确定穆承1名同志为推荐人选" — one name with its number, after the verb that chose it.
_CHOSEN_ONE = re.compile(rf"(?:确定|推荐|推选|选出)(?P<list>{_ITEM})(?P<etc>等)?(?:同志|同学|团员)?(?P<n>{NUM})(?:名|人|位)")
# "共推荐5人：甲、乙、丙、丁" / "推荐5名同学：…" / "评出能手3名，分别是甲、乙、丙"
_NUM_THEN_LIST = re.compile(rf"(?P<n>{NUM})(?:名|人|位)(?:[^，。；：:]{{0,12}}[：:]|[^，。；：:]{{0,6}}[，,]?\s*(?:分别是|分别为|依次是|依次为))"
                            rf"\s*(?P<list>{_NAMES})(?P<etc>等)?")
# "确定张三、李丽、王五为推优对象" — a list named by what it is chosen for, numbered elsewhere.
_CHOSEN_AS = re.compile(rf"(?:确定|推荐|推选|选出|评选出?|选举)(?P<list>{_NAMES})(?P<etc>等)?(?:同志|同学|团员)?(?:为|作为)")
# "刘一诺、陈佳琪当选推荐人选" — the list comes first, what it was chosen for after.
_LIST_CHOSEN = re.compile(rf"(?P<list>{_NAMES})(?P<etc>等)?(?:同志|同学|团员)?"
                          rf"(?:当选|被推荐为|被确定为|被推选为|确定为|为推荐人选|为推优对象|作为推荐人选)")
_LIST_PATTERNS = (_LIST_THEN_NUM, _NUM_THEN_LIST, _CHOSEN_AS, _LIST_CHOSEN, _CHOSEN_ONE)
# A total that covers more than this document's own list (a college's or a year's).
_WIDER_SCOPE = re.compile(r"全院|学院|全校|全年|各团支部|各支部|累计|历年|近\d+年|以来")
_TOTAL = re.compile(rf"共(?:(?P<verb>推荐|确定|选出|评选出|推选出|推选|评选)|有)?(?P<n>{NUM})(?:名|人|位)")

# "以下三点" / "主要有三个方面" / "如下4项"
_INTRO = re.compile(rf"(?:以下|如下|下列|主要有|包括|有)(?P<n>{NUM})(?:个)?"
                    rf"(?P<what>点|方面|项|条|个方面|(?:方面的)?(?:问题|不足|短板|措施|举措|做法|任务|特点|原因|建议))")
_INLINE = re.compile(r"(?:^|[，。；：:\s])(?:第)?(?P<k>[一二三四五六七八九十])(?:是|要|，)")


def _items(lst: str) -> list[str]:
    return [s for s in re.split(r"、|和|及|与", lst) if s]


_PLACEHOLDER = re.compile(r"[xX×]+")


def _lead(lst: str, known: set[str]) -> int:
    """How many characters the list's first item took from the verb before it
    (确定|刘一诺 → 定刘一诺: 1)."""
    first = _items(lst)[0]
    return next((k for k in range(len(first) - 1) if looks_like_name(first[k:], known)), 0)


def _people(lst: str, known: set[str]) -> bool:
    """The list names people (``参加志愿服务、社会实践的团员26名`` lists activities,
    not two people): its items are names, or placeholders for names (xx)."""
    items = _items(lst)
    if all(_PLACEHOLDER.fullmatch(w) for w in items):
        return True
    items[0] = items[0][_lead(lst, known):]
    return names_list([w for w in items if not _PLACEHOLDER.fullmatch(w)], known)


def _known_names(sub: Submission) -> set[str]:
    return {str(r.values["姓名"]) for r in sub.extraction.records if r.values.get("姓名")}


def _marker(text: str) -> tuple[int, int] | None:
    """(level, number) of the heading marker ``text`` opens with; ``1 …`` counts as ``1.``."""
    mk = heading(text, spaced=True)
    return (mk.level, mk.number) if mk else None


@rule("TW201", "count", "error", "所述人数与列出的姓名个数不符")
def listed_names(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：所述人数与同处列出的姓名个数不符。
    以“等”结尾的列举是开放的，不比较；只有列出的是人名（文中出现过的姓名，或词典不认识的“姓+名”）
    才数人数：“参加志愿服务、社会实践的团员26名”不是两个人。
    原因：“共推荐5人”却只列了4个名字，说明漏了一个名字或数字写错，而团委登记的推优结果以此为准。
    示例：“确定刘一诺、陈佳琪、杨明轩、黄若曦4人为推荐对象，共推荐5人”“共推荐5人：甲、乙、丙、丁”。
    依据：通用事理（没有国家标准条款）；阈值：数目完全相等。
    """
    known = _known_names(sub)
    for u in prose_units(sub.doc):
        for s, e in sentences(u.text):
            sent = u.text[s:e]
            lists: list[tuple[int, int, int, bool]] = []  # (start, end, items, chosen-as list)
            stated: list[tuple[int, int]] = []  # the number-and-list phrases already compared
            # Every list of names has a 、; a sentence without one can only name one person.
            for pattern in _LIST_PATTERNS if "、" in sent else (_CHOSEN_ONE,):
                for m in pattern.finditer(sent):
                    if m.group("etc") or pattern in (_CHOSEN_AS, _LIST_CHOSEN, _CHOSEN_ONE) and any(
                            a < m.end("list") and m.start("list") < b for a, b, *_ in lists):
                        continue
                    if not _people(m.group("list"), known):
                        continue
                    items = len(_items(m.group("list")))
                    n = cn_to_int(m.group("n")) if "n" in m.re.groupindex else None
                    lists.append((m.start("list"), m.end("list"), items, pattern in (_CHOSEN_AS, _LIST_CHOSEN)))
                    if n is not None:
                        stated.append((m.start(), m.end()))
                    if n is not None and n != items:
                        said = m.group()[_lead(m.group("list"), known) if m.start() == m.start("list") else 0:]
                        yield Hit(f"“{said}”中写明{n}人，实际列出{items}个姓名", u.location,
                                  excerpt(u.text, s + m.end() - len(said), s + m.end()))
            if len(lists) != 1:
                continue
            ls, le, items, chosen = lists[0]
            for m in _TOTAL.finditer(sent):
                if ls <= m.start() < le or not chosen and ls <= m.start() < le + 4 or any(
                        a <= m.start("n") < b for a, b in stated):
                    continue  # the number that belongs to the list itself
                if chosen and not m.group("verb"):
                    continue  # 确定甲、乙为负责人，共有40人参加: another count
                n = cn_to_int(m.group("n"))
                if n is not None and n != items:
                    yield Hit(f"“{m.group()}”与所列{items}个姓名不符", u.location, excerpt(u.text, s, e))


@rule("TW203", "count", "warning", "推荐总数与文中别处列出的推荐人选个数不符")
def total_against_list_elsewhere(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：文中一处所述推荐总数，与另一句话列出的推荐人选个数不符。
    从严：全文只有一处这样的名单（不以“等”结尾），只有一处带动词（共推荐、共确定、共选出）的总数，
    两者在不同句子中，且总数不是更大范围的（全院、累计、历年等）。同一句话中的不符归 TW201。
    原因：总结常在一处列出当选人（“经投票，甲、乙、丙当选推荐人选”），在另一处写总数
    （“本次共推荐4名优秀团员”），只改一处就会前后不一。
    示例：“经投票，王明、李华、张强当选推荐人选。……本次共推荐4名优秀团员。”
    依据：通用事理（没有国家标准条款）；阈值：数目完全相等；两处相隔，报警告。
    """
    lists: list[tuple[int, str]] = []
    totals: list[tuple[Unit, int, int, str]] = []
    known = _known_names(sub)
    for u in prose_units(sub.doc):
        for s, e in sentences(u.text):
            sent = u.text[s:e]
            for pattern in (_CHOSEN_AS, _LIST_CHOSEN) if "、" in sent else ():
                lists += [(len(_items(m.group("list"))), m.group("list")) for m in pattern.finditer(sent)
                          if not m.group("etc") and _people(m.group("list"), known)]
            for m in _TOTAL.finditer(sent):
                n = cn_to_int(m.group("n"))
                if m.group("verb") and n is not None and not _WIDER_SCOPE.search(sent):
                    totals.append((u, n, s, sent))
    named = {names for _, names in lists}
    if len(named) != 1 or len(totals) != 1:
        return
    items, names = lists[0]
    u, n, s, sent = totals[0]
    if n != items and names not in sent:
        yield Hit(f"此处写明共推荐{n}人，但文中列出的推荐人选为{items}人（{names}）", u.location,
                  excerpt(u.text, s, s + len(sent)))


@rule("TW202", "count", "error", "“以下几点”的数目与实际列出的条目不符")
def numbered_points(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：“以下三点”“主要有三个方面”与其后实际列出的条目个数不符。
    条目按其后同一层级序号（“一、”“（一）”“1.”“（1）”）连续的段落计数，遇到更高一级序号为止；
    也数同一段中的“一是……二是……”。
    原因：承诺的条数与正文不符，说明修改时删掉或多加了一条。
    示例：“存在以下三点不足：”后面只有“1.”和“2.”。
    依据：通用事理（没有国家标准条款）；阈值：数目完全相等。
    """
    paras = [p for p in sub.doc.paragraphs if p.text.strip()]
    for i, p in enumerate(paras):
        m = _INTRO.search(p.text)
        if not m:
            continue
        rest = p.text[m.end():]
        if not re.match(r"^[^。；]{0,20}[：:]\s*$|^[^。；]{0,20}[：:。]?\s*$", rest) and not _INLINE.search(rest):
            continue
        n = cn_to_int(m.group("n"))
        if n is None or n < 2:
            continue
        found = _count_following(paras, i)
        if found is None:
            inline = {cn_to_int(x.group("k")) for x in _INLINE.finditer(rest)}
            if len(inline) < 2 and i + 1 < len(paras) and not _marker(paras[i + 1].text):
                inline = {cn_to_int(x.group("k")) for x in _INLINE.finditer(paras[i + 1].text)}
            if len(inline) < 2 or inline != set(range(1, len(inline) + 1)):
                continue
            found = len(inline)
        if found != n:
            yield Hit(f"“{m.group()}”写明{n}{m.group('what')}，其后实际列出{found}{m.group('what')}",
                      Location(page=p.page, paragraph=p.index), excerpt(p.text, m.start(), m.end()))


def _count_following(paras: list, i: int) -> int | None:
    """Numbered points after paragraph ``i``: ``None`` when none follow."""
    if i + 1 >= len(paras):
        return None
    first = _marker(paras[i + 1].text)
    if not first or first[1] != 1:
        return None
    level, count = first[0], 1
    for q in paras[i + 2:]:
        mk = _marker(q.text)
        if mk is None or mk[0] > level:
            continue
        if mk[0] < level or mk[1] != count + 1:
            break
        count += 1
    return count


# Sentences whose recommendation is for something else than this round (评优, a contest, a course).
_OTHER_PURPOSE = re.compile(r"评优|表彰|奖|比赛|竞赛|大赛|参加|参评|候选|培训|学习班|志愿者|代表")


@dataclass(slots=True)
class Stated:
    """How many people a document says its branch recommended, and where."""

    n: int
    unit: Unit
    start: int
    end: int


def recommended(sub: Submission) -> list[Stated]:
    """Every place a summary or minutes states how many people the branch
    recommended: ``共推荐4名``, a chosen list (``确定甲、乙、丙为推荐人选`` — 3) or a
    list with its number (``甲、乙2人当选``). Totals of a wider scope (全院,
    累计 …), recommendations for something else (评优, a contest) and
    sentences that contradict themselves (TW201's) are left out."""
    known = _known_names(sub)
    out = []
    for u in prose_units(sub.doc):
        for s, e in sentences(u.text):
            sent = u.text[s:e]
            if _WIDER_SCOPE.search(sent) or _OTHER_PURPOSE.search(sent):
                continue
            said = [Stated(n, u, s + m.start(), s + m.end()) for m in _TOTAL.finditer(sent)
                    if m.group("verb") and (n := cn_to_int(m.group("n"))) is not None]
            for pattern in (_CHOSEN_AS, _LIST_CHOSEN):
                said += [Stated(len(_items(m.group("list"))), u, s + m.start(), s + m.end())
                         for m in pattern.finditer(sent) if not m.group("etc") and _people(m.group("list"), known)]
            if re.search("推荐|推优|当选|推选|确定", sent):
                for pattern in (_LIST_THEN_NUM, _CHOSEN_ONE):
                    said += [Stated(n, u, s + m.start(), s + m.end()) for m in pattern.finditer(sent)
                             if not m.group("etc") and _people(m.group("list"), known)
                             and (n := cn_to_int(m.group("n")))]
            if len({x.n for x in said}) == 1:
                out += said
    return out
