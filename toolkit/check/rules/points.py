"""积分表 (三亮三比 / 团员先进性评价), TW850–TW859: item scores against their
maximum and method, sums, 加分, grade bands, ranks and the 负面清单."""

from __future__ import annotations

from typing import Iterator

from ...cn.scoring import (TOLERANCE, band_of, item_score, letter, method_of, negative_hit, parse_bands, rank_fits,
                           shown, to_score, yes_no)
from ...cn.text import compact
from ...extract import points
from ...extract.points import QUARTERS
from ...extract.sheet import has_subtotals
from ...kinds import POINTS
from ...model import Record
from ...config import Config
from ..engine import Hit, Submission, rule
from ..text import record_excerpt, where

_ITEM_KEYS = ("项目", "负面事项", "分值", "评价", "得分")


def _items(sub: Submission) -> list[Record]:
    return [r for r in sub.extraction.records if r.kind == points.ITEM] if sub.extraction.kind == POINTS else []


def _members(sub: Submission) -> list[Record]:
    return [r for r in sub.extraction.records if r.kind == points.MEMBER] if sub.extraction.kind == POINTS else []


def _sheet(sub: Submission) -> Record | None:
    return next((r for r in sub.extraction.records if r.kind == points.SHEET), None)


def _name(rec: Record) -> str:
    return str(rec.values.get("项目") or rec.values.get("负面事项") or rec.values.get("序号") or "")


def _is_extra(rec: Record) -> bool:
    return "加分" in compact(f"{rec.values.get('项目', '')}{rec.values.get('类别', '')}")


def _full(sub: Submission, config: Config) -> tuple[float, bool]:
    """(full marks, whether the sheet states them): the stated 满分, the items' 分值, else the configured one."""
    stated = sub.extraction.fields.get("满分")
    if stated:
        return float(stated), True
    maxima = [to_score(r.values.get("分值")) for r in _items(sub) if not _is_extra(r)]
    if maxima and None not in maxima:
        return sum(maxima), True  # type: ignore[arg-type]
    return config.points.full_marks, False


@rule("TW850", "arithmetic", "error", "积分项目得分超过该项分值或为负数")
def score_over_maximum(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：积分表中某一项的得分超过该项分值，或为负数（加分行由 TW853 另查）。
    原因：每项最多得该项分值；超出分值（“分值5 得分6”）是录入或累加错误，会抬高总分，
    而排名和推优名单都以总分为依据。
    示例：“理论学习 | 分值 10 | 得分 12”。
    依据：三亮三比积分细则（各地积分管理办法）：每项设最高分值。
    """
    for rec in _items(sub):
        top, got = to_score(rec.values.get("分值")), to_score(rec.values.get("得分"))
        if top is None or got is None or _is_extra(rec):
            continue
        if got > top + TOLERANCE or got < -TOLERANCE:
            yield Hit(f"“{_name(rec)}”得分{shown(got)}分，超出该项分值0–{shown(top)}分的范围", where(rec, "得分"),
                      record_excerpt(rec, _ITEM_KEYS))


@rule("TW851", "arithmetic", "error", "是否项、A/B/C/D项的得分与评价不符")
def score_vs_method(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：是否项得分不是满分或0分；A/B/C/D 项得分不等于该档对应的比例乘以分值。
    原因：是否项只能得满分或不得分；等级项 A 档得分值的100%、B 档60%、C 档40%、D 档0%。
    “分值10 评价B 得分8”应为6分。
    示例：“按时交纳团费 | 是否 | 5 | 是 | 3”。
    依据：各地三亮三比积分细则（无全国统一标准，可配置）；阈值：配置项 [points] grade_a、
    grade_b、grade_c、grade_d（默认 1.0、0.6、0.4、0）。
    """
    shares = config.points.shares()
    for rec in _items(sub):
        top, got = to_score(rec.values.get("分值")), to_score(rec.values.get("得分"))
        if top is None or got is None or _is_extra(rec):
            continue
        mark = rec.values.get("评价")
        method = method_of(rec.values.get("评分方式"), mark)
        expected = item_score(method, mark, top, shares)
        if expected is not None and abs(got - expected) > TOLERANCE:
            how = f"评价为“{mark}”" + ("" if method == "是否" else f"（{letter(mark)}档为分值的{shares[letter(mark)]:.0%}）")
            yield Hit(f"“{_name(rec)}”{how}，应得{shown(expected)}分，表中为{shown(got)}分", where(rec, "得分"),
                      record_excerpt(rec, _ITEM_KEYS))
        elif method == "是否" and expected is None and min(abs(got), abs(got - top)) > TOLERANCE:
            yield Hit(f"“{_name(rec)}”是是否项，只能得满分{shown(top)}分或0分，表中为{shown(got)}分",
                      where(rec, "得分"), record_excerpt(rec, _ITEM_KEYS))


def _member_total(rec: Record) -> float | None:
    for key in ("总分", "年度积分"):
        if (x := to_score(rec.values.get(key))) is not None:
            return x
    return None


@rule("TW852", "arithmetic", "error", "积分合计与各项（各季度）之和不符")
def sums(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：重算合计：单人积分表的合计行与各项得分之和；汇总表中每人的年度积分（或总分）与四个季度之和（及加分）。
    原因：积分按季度通报、按年度之和评定等次；合计不等于各项之和，排名和等次就会错。年度积分可含加分也可不含，
    两种算法都认可；但与“季度积分之和”的年度积分并列的“总分”必须加上加分。
    示例：“第一季度 22 | 第二季度 23 | 第三季度 21 | 第四季度 24 | 年度积分 92”（实
    为90）。
    依据：积分管理办法（季度通报、年度考核）；精确到两位小数。
    """
    items = [r for r in _items(sub) if to_score(r.values.get("得分")) is not None]
    total = sub.extraction.total
    if items and total is not None and not has_subtotals(sub.doc) and (stated := to_score(total.values.get("得分"))) is not None:
        got = sum(to_score(r.values["得分"]) for r in items)  # type: ignore[misc]
        if abs(got - stated) > TOLERANCE:
            yield Hit(f"合计得分{shown(stated)}分，各项得分之和为{shown(got)}分", where(total, "得分"),
                      record_excerpt(total, ("得分",)))
    for rec in _members(sub):
        if not (recomputed := _quarter_sums(rec)):
            continue
        base, extra = recomputed[0], recomputed[1] - recomputed[0]
        annual = to_score(rec.values.get("年度积分"))
        for key in ("年度积分", "总分"):
            got = to_score(rec.values.get(key))
            if got is None:
                continue
            allowed = [base, base + extra]
            if key == "总分" and annual is not None and abs(annual - base) <= TOLERANCE and extra:
                allowed = [base + extra]  # 年度积分 is the quarters alone: 总分 adds the 加分
            if all(abs(got - a) > TOLERANCE for a in allowed):
                plus = f"，加上加分为{shown(base + extra)}分" if extra else ""
                yield Hit(f"{rec.values.get('姓名', '')}{key}{shown(got)}分，四个季度之和为{shown(base)}分{plus}",
                          where(rec, key), record_excerpt(rec, (*QUARTERS, "加分", key)))
                break


@rule("TW853", "arithmetic", "error", "加分超过满分的10%或未经审批")
def extra_points(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：加分超过满分的规定比例；或表中有“加分审批”一栏而该栏未写明经团支部同意（警告）。
    原因：加分用来奖励积分项目未涵盖的表现，但不能左右排名：一般不超过满分的10%，并须经团支部审批。
    示例：满分100分，“加分 15”（上限10分）。
    依据：各地积分管理办法（无全国统一标准，可配置）；阈值：
    配置项 [points] extra_cap（默认 0.1，即满分的10%），满分取表中写明的满分、
    各项分值之和或 [points] full_marks（默认100）。
    """
    full, _ = _full(sub, config)
    cap = config.points.extra_cap * full
    rows = [(r, "得分") for r in _items(sub) if _is_extra(r)] + [(r, "加分") for r in _members(sub)]
    for rec, key in rows:
        got = to_score(rec.values.get(key))
        if got is None or got <= 0:
            continue
        who = rec.values.get("姓名", "")
        if got > cap + TOLERANCE:
            yield Hit(f"{who}加分{shown(got)}分，超过上限{shown(cap)}分（满分{shown(full)}分的"
                      f"{config.points.extra_cap:.0%}）", where(rec, key), record_excerpt(rec, (key,)))
        elif "加分审批" in rec.values or any("加分审批" in r.values for r in _members(sub)):
            if yes_no(rec.values.get("加分审批")) is not True and "同意" not in str(rec.values.get("加分审批", "")):
                yield Hit(f"{who}有加分{shown(got)}分，但加分审批一栏未写明经团支部同意", where(rec, "加分审批", key),
                          record_excerpt(rec, (key, "加分审批")), severity="warning")


def _quarter_sums(rec: Record) -> tuple[float, ...]:
    """A member row's totals recomputed: the quarters' sum, and with the 加分 (none without all four)."""
    quarters = [to_score(rec.values.get(q)) for q in QUARTERS]
    if None in quarters:
        return ()
    base = sum(quarters)  # type: ignore[arg-type]
    return base, base + (to_score(rec.values.get("加分")) or 0.0)


def _graded(sub: Submission) -> list[tuple[Record, float, str]]:
    """(record, total, stated grade) for each member row and an item sheet's own result."""
    out = []
    for rec in _members(sub):
        if (total := _member_total(rec)) is None and None not in (qs := [to_score(rec.values.get(q)) for q in QUARTERS]):
            total = sum(qs) + (to_score(rec.values.get("加分")) or 0.0)  # type: ignore[arg-type]
        if total is not None and rec.values.get("等次"):
            out.append((rec, total, compact(str(rec.values["等次"]))))
    sheet = _sheet(sub)
    if sheet is not None and sheet.values.get("等次"):
        total_row = sub.extraction.total
        total = to_score(total_row.values.get("得分")) if total_row is not None else None
        if total is None and (scores := [to_score(r.values.get("得分")) for r in _items(sub)]) and None not in scores:
            total = sum(scores)  # type: ignore[arg-type]
        if total is not None:
            out.append((sheet, total, compact(str(sheet.values["等次"]))))
    return out


@rule("TW854", "arithmetic", "error", "等次与积分所在分数段不符")
def grade_bands(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：表中写的等次与总分所在分数段不符。
    原因：年度等次按积分高低评定，“92分 → 优秀”；写成其他分数段的等次，要么抄错，
    要么是表中看不出的另行评定。只比对配置中列出的等次名称（用其他说法的表不评判）；
    触及负面清单者等次降低是对的；总分超过满分的表另有计分口径，不评判。
    示例：“年度积分 72 | 等次 优秀”（优秀须90分以上）。
    依据：各地积分管理办法（无全国统一标准，可配置）；阈值：
    配置项 [points] bands（默认 优秀≥90%、良好≥75%、合格≥60% 的满分，
    满分默认 [points] full_marks = 100）。
    """
    bands = parse_bands(config.points.bands)
    names = [b.name for b in bands]
    full, _ = _full(sub, config)
    graded = _graded(sub)
    if any(t > full * (1 + config.points.extra_cap) + TOLERANCE for _, t, _ in graded):
        return
    for rec, total, stated in graded:
        computed = band_of(total, full, bands)
        if stated not in names or computed is None or stated == computed:
            continue
        if any(band_of(t, full, bands) == stated for t in _quarter_sums(rec)):
            continue  # the stated total is what is wrong (TW852): the grade fits the quarters' sum
        if names.index(stated) > names.index(computed) and _negative(sub, rec):
            continue  # the 负面清单 rules out the better grade
        yield Hit(f"{rec.values.get('姓名', '')}积分{shown(total)}分（满分{shown(full)}分）应为“{computed}”，表中写“{stated}”",
                  where(rec, "等次"), record_excerpt(rec, ("总分", "年度积分", "等次")))


@rule("TW855", "arithmetic", "warning", "排名与积分高低不符")
def ranks(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：表中写的排名与积分高低不符。
    原因：排名决定推荐谁；积分少的人排在积分多的人前面，说明是手工排的或抄错了。
    并列可以同名次（1,1,3 或 1,1,2），也可以依次排（1,2,3）。
    示例：“总分 88 排名 1”，另一人“总分 91 排名 2”。
    依据：积分管理办法（根据积分高低确定考核档次）。
    """
    rows = [(r, _member_total(r), r.values.get("排名")) for r in _members(sub)]
    rows = [(r, t, n) for r, t, n in rows if t is not None and isinstance(n, int)]
    totals = [t for _, t, _ in rows]
    for rec, total, rank in rows:
        if not rank_fits(rank, total, totals):
            better = sum(1 for t in totals if t > total + TOLERANCE)
            yield Hit(f"{rec.values.get('姓名', '')}积分{shown(total)}分，有{better}人积分更高，排名却为第{rank}名",
                      where(rec, "排名"), record_excerpt(rec, ("总分", "年度积分", "排名")))


def _negative(sub: Submission, rec: Record) -> bool:
    """Whether the member of ``rec`` (a member row, or the sheet) hit the 负面清单."""
    if rec.kind == points.MEMBER:
        return negative_hit(rec.values.get("负面清单"))
    if negative_hit(rec.values.get("负面清单")):
        return True
    return any(_item_hit(r) for r in _items(sub))


def _item_hit(rec: Record) -> bool:
    touched = rec.values.get("触及")
    if touched not in (None, ""):
        return yes_no(touched) is True or (yes_no(touched) is None and negative_hit(touched))
    name = str(rec.values.get("项目") or "")
    listed = "负面事项" in rec.values or name.startswith(("※", "*", "＊")) or "负面" in str(rec.values.get("类别", ""))
    mark = rec.values.get("评价")
    return listed and (yes_no(mark) is False or letter(mark) == "D")


def _recommended(rec: Record) -> bool:
    said = compact(str(rec.values.get("是否推优") or ""))
    if yes_no(said) is not None:
        return bool(yes_no(said))
    text = said + compact(str(rec.values.get("备注") or ""))
    return any(w in text for w in ("推优", "推荐", "列入")) and not any(w in text for w in ("不", "未", "否", "暂缓"))


@rule("TW856", "eligibility", "error", "触及负面清单者被评为优秀或列入推优")
def negative_list(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：触及负面清单的人被评为优秀或列入推优。
    原因：负面清单（※项目评为“否”或D档，或负面清单一栏记有事项，如受到处分、无故不参加组织生活）一票否决，
    当年不能评为优秀，而优秀者正是推优人选。
    示例：“负面清单 无故缺席组织生活3次 | 等次 优秀”。
    依据：团员先进性评价、三亮三比积分管理办法（负面清单一票否决），各地规定。
    """
    top = parse_bands(config.points.bands)[:1]
    best = {"优秀", *(b.name for b in top)}
    people = _members(sub) + ([s] if (s := _sheet(sub)) is not None else [])
    for rec in people:
        if not _negative(sub, rec):
            continue
        grade = compact(str(rec.values.get("等次") or ""))
        why = [f"等次为“{grade}”"] if grade in best else []
        if _recommended(rec):
            why.append("列入推优")
        if why:
            hit = rec.values.get("负面清单") or "负面清单项目未达标"
            yield Hit(f"{rec.values.get('姓名', '')}触及负面清单（{hit}），当年不能评为优秀，却{'、'.join(why)}",
                      where(rec, "等次", "是否推优", "负面清单"), record_excerpt(rec, ("负面清单", "等次", "是否推优")))
