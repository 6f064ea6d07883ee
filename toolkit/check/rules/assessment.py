"""百分考核表 of a branch, TW860–TW869: 分值 adding up to 100, scores within
分值, totals, the grade band and a failing branch's 推优."""

from __future__ import annotations

from typing import Iterator

from ...cn.scoring import TOLERANCE, band_of, parse_bands, shown, to_score
from ...cn.text import compact
from ...extract import assessment
from ...extract.sheet import has_subtotals
from ...kinds import ASSESSMENT, CANDIDATES, scope_names
from ...model import Location, Record
from ...config import Config
from ..engine import Hit, Round, Submission, rule
from ..text import record_excerpt, where

_RECOMMENDING = scope_names(CANDIDATES)  # kinds whose records name 推优 candidates
_SCORES = ("自查得分", "检查得分")
_KEYS = ("项目", "分值", *_SCORES)


def _items(sub: Submission) -> list[Record]:
    if sub.extraction.kind != ASSESSMENT:
        return []
    return [r for r in sub.extraction.records if r.kind == assessment.ITEM]


def _sheet(sub: Submission) -> Record | None:
    return next((r for r in sub.extraction.records if r.kind == assessment.SHEET), None)


def _name(rec: Record) -> str:
    return str(rec.values.get("项目") or rec.values.get("要求") or rec.values.get("序号") or "")[:20]


def _counted(sub: Submission) -> list[Record]:
    """The items that count toward the total: rows with a 分值 and, when the sheet has
    scores, a score (a category heading row carries its 分值 but is scored in its items)."""
    items = [r for r in _items(sub) if to_score(r.values.get("分值")) is not None]
    scored = [r for r in items if any(to_score(r.values.get(k)) is not None for k in _SCORES)]
    return scored or items


def _sum(items: list[Record], key: str) -> float | None:
    scores = [to_score(r.values.get(key)) for r in items]
    return sum(scores) if scores and None not in scores else None  # type: ignore[arg-type]


@rule("TW860", "arithmetic", "error", "各项分值之和不是100分")
def maxima_total(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：各考核项目的分值之和不等于满分（百分考核为100分）。
    原因：漏了一项或分值录错，各团支部的得分就无法相互比较。没有分值的行、
    只有分值没有得分的类别标题行不计。
    示例：九个考核项目的分值加起来是95分。
    依据：各地团委百分考核办法；阈值：配置项 [assessment] total（默认100）。
    """
    items = _counted(sub)
    if len(items) < 2:
        return
    got, want = _sum(items, "分值"), config.assessment.total
    if got is not None and abs(got - want) > TOLERANCE:
        total = sub.extraction.total
        loc = where(total, "分值") if total is not None else items[0].location or Location()
        yield Hit(f"各考核项目分值之和为{shown(got)}分，应为{shown(want)}分", loc,
                  "、".join(f"{_name(r)}{shown(to_score(r.values['分值']))}分" for r in items)[:80])


@rule("TW861", "arithmetic", "error", "自查或检查得分超过该项分值或为负数")
def score_within_maximum(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：自查得分或检查得分超过该项分值，或为负数。
    原因：得分超过该项的分值会抬高总分和等次。
    示例：“组织生活 | 分值 15 | 检查得分 18”。
    依据：百分考核（每项得分在0到该项分值之间）。
    """
    for rec in _items(sub):
        top = to_score(rec.values.get("分值"))
        for key in _SCORES:
            got = to_score(rec.values.get(key))
            if top is not None and got is not None and (got > top + TOLERANCE or got < -TOLERANCE):
                yield Hit(f"“{_name(rec)}”{key}{shown(got)}分，超出该项分值0–{shown(top)}分的范围", where(rec, key),
                          record_excerpt(rec, _KEYS))


@rule("TW862", "arithmetic", "error", "考核合计得分与各项之和不符")
def totals(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：合计行的分值、自查得分、检查得分与各项之和不符。
    原因：等次按总分评定，合计不等于各项之和，等次就会评错。
    示例：各项加起来78分，合计写“83”。
    依据：通用事理（算术），精确到两位小数。
    """
    items = _counted(sub)
    total = sub.extraction.total
    if has_subtotals(sub.doc):
        return
    for key in ("分值", *_SCORES):
        stated = to_score(total.values.get(key)) if total is not None else None
        got = _sum([r for r in items if r.values.get(key) not in (None, "")], key)
        if stated is not None and got is not None and abs(got - stated) > TOLERANCE:
            yield Hit(f"合计行{key}{shown(stated)}分，各项之和为{shown(got)}分", where(total, key),
                      record_excerpt(total, (key,)))


def scored_total(sub: Submission) -> tuple[float, str] | None:
    """(the branch's total, which score it is): the 检查得分 where the sheet has them, else the 自查得分."""
    items = _counted(sub)
    for key in ("检查得分", "自查得分"):
        got = _sum(items, key)
        if got is not None:
            return got, key
    sheet = _sheet(sub)
    stated = to_score(sheet.values.get("总分")) if sheet is not None else None
    return (stated, "总分") if stated is not None else None


@rule("TW863", "arithmetic", "error", "考核等次与得分所在分数段不符")
def grade(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：考核等次与总分（有检查得分用检查得分，否则用自查得分）所在分数段不符。
    原因：“76分”属于合格而非优秀（优秀须80分以上）；等次写错会误导给各团支部排序的团委。
    只比对配置中列出的等次名称。
    示例：检查得分合计76分，“考核等次：优秀”。
    依据：各地团委考核办法的常见做法（无全国统一标准，可配置）；阈值：
    配置项 [assessment] bands（默认 优秀≥80、合格≥60、不合格<60）。
    """
    sheet = _sheet(sub)
    got = scored_total(sub)
    if sheet is None or got is None or not sheet.values.get("等次"):
        return
    bands = parse_bands(config.assessment.bands)
    stated = compact(str(sheet.values["等次"]))
    computed = band_of(got[0], config.assessment.total, bands)
    if stated in {b.name for b in bands} and computed and stated != computed:
        yield Hit(f"{got[1]}合计{shown(got[0])}分，应为“{computed}”，表中写“{stated}”", where(sheet, "等次"),
                  record_excerpt(sheet, ("总分", "等次")))


def failing(sub: Submission, config: Config) -> bool:
    """Whether the branch's own sheet grades or scores it as failing."""
    name = config.assessment.failing
    sheet = _sheet(sub)
    if sheet is not None and compact(str(sheet.values.get("等次", ""))) == name:
        return True
    got = scored_total(sub)
    bands = parse_bands(config.assessment.bands)
    return got is not None and band_of(got[0], config.assessment.total, bands) == name


def _same_branch(a: str, b: str) -> bool:
    a, b = compact(a), compact(b)
    return bool(a and b) and (a == b or a.endswith(b) or b.endswith(a))


@rule("TW864", "eligibility", "error", "百分考核不合格的团支部仍推荐了人选", scope="round")
def failing_branch_recommends(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：百分考核不合格的团支部仍推荐了人选：考核表本身填有推优人数，或本轮中有该团支部的推优登记表、汇总表行。
    报告在推荐的那份文件上。
    原因：许多地方的考核办法规定，年度考核不合格的团支部当年失去推优资格，其推荐应暂缓。
    示例：“考核等次：不合格”，同一轮中有该团支部的推优登记表。
    依据：各地团委考核办法（地方规定，无全国统一标准）；阈值：
    配置项 [assessment] failing（不合格等次的名称，默认“不合格”）和 bands；
    本地不作此要求时用 --ignore TW864。
    """
    failed = [(s, s.extraction.fields.get("团支部")) for s in rnd.submissions
              if s.status == "ok" and s.extraction.kind == ASSESSMENT and failing(s, config)]
    for sub, branch in failed:
        sheet = _sheet(sub)
        count = sheet.values.get("推优人数") if sheet is not None else None
        if isinstance(count, (int, float)) and count > 0:
            yield Hit(f"{branch or '该团支部'}百分考核不合格，本表仍填写推优人数{shown(count)}人", where(sheet, "推优人数"),
                      record_excerpt(sheet, ("等次", "推优人数")), file=sub.path)
        if not branch:
            continue
        for other in rnd.submissions:
            if other.status != "ok" or other.extraction.kind not in _RECOMMENDING:
                continue
            for rec in other.extraction.records:
                if _same_branch(str(rec.values.get("团支部") or other.extraction.fields.get("团支部") or ""), branch):
                    yield Hit(f"{branch}在百分考核中不合格（{sub.path}），仍推荐{rec.values.get('姓名', '')}",
                              where(rec, "团支部", "姓名"), record_excerpt(rec, ("团支部",)), file=other.path)
