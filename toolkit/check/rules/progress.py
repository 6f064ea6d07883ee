"""大团委 建团进度, TW870–TW879: the weekly figures (本周新建, 累计, 完成率, 差额)
recomputed from the list of organisations or the county's table, the pace
against the checkpoints, founding dates, and a summary's stated figures."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterator

from ...cn.progress import WeekReport, parse_checkpoints, percent_text, stated_status, weekly_report
from ...cn.scoring import to_score
from ...cn.text import compact
from ...extract.progress import ORG, STATED, STATED_ROW, TOWN, stated_figures
from ...kinds import BUILD_PROGRESS, KINDS, UNKNOWN
from ...model import Location, Record
from ...config import Config
from ..engine import Hit, Round, Submission, rule
from ..text import excerpt, record_excerpt, to_date, to_int, where

_NARRATIVE = frozenset(k.name for k in KINDS if k.narrative) | {UNKNOWN}


def _records(sub: Submission, kind: str) -> list[Record]:
    if sub.extraction.kind != BUILD_PROGRESS:
        return []
    return [r for r in sub.extraction.records if r.kind == kind]


def _as_of(sub: Submission) -> dt.date | None:
    for key in ("截至日期", "成文日期", "日期"):
        d = to_date(sub.extraction.fields.get(key))
        if d and d.valid and d.day:
            return d.as_date()
    return None


def _percent(value: object) -> float | None:
    """``60%``, ``60``, ``0.6`` (an Excel percentage cell) → 60."""
    if value in (None, ""):
        return None
    text = str(value).strip().rstrip("%％")
    x = to_score(text)
    if x is None:
        return None
    return x * 100 if isinstance(value, float) and x <= 1.5 and "%" not in str(value) else x


def _tol(config: Config) -> float:
    return config.arithmetic.percent_tolerance


def report_of(sub: Submission, config: Config) -> WeekReport | None:
    """The weekly report recomputed from a 乡镇's list of organisations, as of the report's date."""
    orgs = _records(sub, ORG)
    as_of = _as_of(sub)
    if not orgs or as_of is None:
        return None
    founded = [d.as_date() for r in orgs if (d := to_date(r.values.get("成立时间"))) and d.valid and d.day]
    if len(founded) < len(orgs):
        return None  # a founding date missing or only to the month: the week cannot be told
    section = config.build_progress
    target = to_int(sub.extraction.fields.get("目标")) or section.target
    points = parse_checkpoints(sub.extraction.fields.get("节点") or section.checkpoints)
    return weekly_report(founded, target, points, as_of, section.week_days)


def _mismatches(values: dict, rep: WeekReport, tol: float) -> list[str]:
    """What a report states against what its data give."""
    computed = {"本周新建": rep.new_this_week, "累计": rep.total, "差额": rep.shortfall}
    out = []
    for key, want in computed.items():
        got = to_int(values.get(key))
        if got is not None and got != want:
            out.append(f"{key}写{got}个，按名单应为{want}个")
    p = _percent(values.get("完成率"))
    if p is not None and abs(p - rep.percent) > tol:
        out.append(f"完成率写{percent_text(p)}，按名单应为{percent_text(rep.percent)}")
    return out


@rule("TW870", "arithmetic", "error", "建团进度表中本周新建、累计、完成率或差额算错")
def town_rows(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：逐个乡镇重算周报表：累计 = 上周累计 + 本周新建，差额 = 目标 − 累计，
    完成率 = 累计 ÷ 目标。
    原因：每周五交账时县（区）团委把各乡镇的行加总；一行算错，全县的进度就报错了。
    示例：“目标 20 | 累计 12 | 完成率 65%”（实为60%）。
    依据：乡镇实体化“大团委”建设（每个乡镇至少新建20个直属团组织）；阈值：行内的目标数，
    否则配置项 [build_progress] target（默认20）；
    百分比误差在 [arithmetic] percent_tolerance 个百分点以内不报。
    """
    default = config.build_progress.target
    for rec in _records(sub, TOWN):
        v = rec.values
        target, total = to_int(v.get("目标")) or default, to_int(v.get("累计"))
        last, new = to_int(v.get("上周累计")), to_int(v.get("本周新建"))
        town = v.get("乡镇", "")
        if total is None:
            continue
        if last is not None and new is not None and last + new != total:
            yield Hit(f"{town}上周累计{last}个加本周新建{new}个应为{last + new}个，表中累计{total}个", where(rec, "累计"),
                      record_excerpt(rec, ("乡镇", "上周累计", "本周新建", "累计")))
        gap = to_int(v.get("差额"))
        if gap is not None and gap != max(target - total, 0):
            yield Hit(f"{town}目标{target}个、累计{total}个，差额应为{max(target - total, 0)}个，表中{gap}个",
                      where(rec, "差额"), record_excerpt(rec, ("乡镇", "目标", "累计", "差额")))
        p = _percent(v.get("完成率"))
        if p is not None and target and abs(p - total * 100 / target) > _tol(config):
            yield Hit(f"{town}累计{total}个、目标{target}个，完成率应为{percent_text(total * 100 / target)}，"
                      f"表中{percent_text(p)}", where(rec, "完成率"), record_excerpt(rec, ("乡镇", "目标", "累计", "完成率")))


@rule("TW871", "arithmetic", "error", "进度周报所述数字与团组织名单不符")
def stated_vs_list(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：乡镇周报中写的本周新建、累计建成、完成率、差额与本表所列新建团组织名单（按成立时间数到统计截至日期）
    不符。
    原因：上级看的是周报里的数字而不是名单；名单支持不了的数字就是多报或少报。
    示例：名单列了11个团组织，周报写“累计建成12个”。
    依据：大团委建设工作交账制度（各地）；“本周”为截至日期前 [build_progress] week_da
    ys 天（默认7天）。
    """
    rep = report_of(sub, config)
    if rep is None:
        return
    for rec in _records(sub, STATED_ROW):
        for problem in _mismatches(rec.values, rep, _tol(config)):
            yield Hit(f"截至{rep.week_end.month}月{rep.week_end.day}日：{problem}", rec.location or Location(),
                      excerpt(rec.values["原文"]))


@rule("TW872", "date", "error", "进度表述与时间节点要求不符")
def pace(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：周报自称“进度正常”“已达标”，而按截至日期前已过的时间节点（如第一个节点前完成50%、
    第二个节点前完成100%）计算并未达到；未写进度、却已错过节点的，给出警告。
    原因：“时间倒排”规定了各节点须完成的比例；落后却称正常，会掩盖延误。
    示例：目标20个，“10月15日前完成50%”，10月16日只建成8个，却写“进度正常”。
    依据：周报中写明的节点，否则配置项 [build_progress] checkpoints（默认无：
    由团区委、团县委按每次工作部署设定）。
    """
    rep = report_of(sub, config)
    if rep is None:
        return
    stated = [(r, stated_status(r.values["原文"])) for r in _records(sub, STATED_ROW)]
    claims = [(r, s) for r, s in stated if s is not None]
    for rec, on_track in claims:
        if on_track and not rep.on_track:
            yield Hit(f"称进度正常，但截至{rep.week_end.month}月{rep.week_end.day}日只建成{rep.total}个，"
                      f"节点要求至少{rep.required_now}个", rec.location or Location(), excerpt(rec.values["原文"]))
    if not claims and not rep.on_track:
        yield Hit(f"截至{rep.week_end.month}月{rep.week_end.day}日建成{rep.total}个，未达到节点要求的{rep.required_now}个",
                  Location(), "", severity="warning")


@rule("TW873", "date", "error", "团组织成立时间晚于统计截至日期")
def founded_after_report(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：新建团组织的成立时间晚于周报的统计截至日期（或成文日期）。
    原因：周报只统计截至日期前已建成的组织；更晚的日期是录错了，或把尚未成立的组织提前算上了。
    示例：“统计截至：2026年10月23日”，名单中“成立时间 2026-10-28”。
    依据：周报本身的截至日期。
    """
    as_of = _as_of(sub)
    if as_of is None:
        return
    for rec in _records(sub, ORG):
        d = to_date(rec.values.get("成立时间"))
        if d and d.valid and d.day and d.as_date() > as_of:
            yield Hit(f"“{rec.values.get('名称', '')}”成立时间{d.iso()}晚于统计截至日期{as_of.isoformat()}",
                      where(rec, "成立时间"), record_excerpt(rec, ("名称", "成立时间")))


@rule("TW874", "count", "warning", "同一团组织在名单中重复出现")
def repeated_org(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：同一乡镇的名单中同一个团组织出现两次。
    原因：重复列出会把一个组织算成两个，虚增完成数。
    示例：“××村团支部”在第3行和第9行各出现一次。
    依据：通用事理（计数）。
    """
    seen: dict[str, Record] = {}
    for rec in _records(sub, ORG):
        name = compact(str(rec.values.get("名称") or ""))
        if not name:
            continue
        if name in seen:
            first = seen[name]
            row = first.location.row if first.location else None
            yield Hit(f"“{name}”重复列出（第{row}行已有），累计数多算了一个", where(rec, "名称"),
                      record_excerpt(rec, ("名称", "类型", "成立时间")))
        else:
            seen[name] = rec


def _town_facts(rnd: Round, config: Config) -> dict[str, dict]:
    """乡镇 → its figures (本周新建, 累计, 完成率, 差额) from the progress data of the round."""
    facts: dict[str, dict] = {}
    for sub in rnd.submissions:
        if sub.status != "ok" or sub.extraction.kind != BUILD_PROGRESS:
            continue
        rep = report_of(sub, config)
        town = sub.extraction.fields.get("乡镇")
        if rep is not None and town:
            facts[compact(str(town))] = {"本周新建": rep.new_this_week, "累计": rep.total, "差额": rep.shortfall,
                                         "完成率": rep.percent, "_file": sub.path}
        for rec in _records(sub, TOWN):
            v = rec.values
            if v.get("乡镇") and to_int(v.get("累计")) is not None:
                target = to_int(v.get("目标")) or config.build_progress.target
                total = to_int(v["累计"])
                facts.setdefault(compact(str(v["乡镇"])), {
                    "本周新建": to_int(v.get("本周新建")), "累计": total, "差额": max(target - total, 0),
                    "完成率": total * 100 / target if target else None, "_file": sub.path})
    return facts


@rule("TW875", "count", "error", "总结中的建团数字与进度数据不符", scope="round")
def summary_vs_progress(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：同一轮中的工作总结、简报或通知写到某乡镇的建团数字（“××镇累计建成直属团组织15个”“完成率75%”
    ），与该乡镇的建团进度数据不符。只比对写明乡镇名称、且讲团组织建设的句子。
    原因：总结常凭记忆或用旧一周的数字写；进度名单才是依据。
    示例：进度数据为建成12个，总结写“××镇已建成直属团组织15个”。
    依据：本轮的建团进度数据；百分比误差在 [arithmetic] percent_tolerance 个百分
    点以内不报。
    """
    facts = _town_facts(rnd, config)
    if not facts:
        return
    for sub in rnd.submissions:
        if sub.status != "ok" or sub.extraction.kind not in _NARRATIVE:
            continue
        for rec in stated_figures(sub.doc):
            text = compact(rec.values["原文"])
            if not re.search(r"团组织|建团|大团委", text):
                continue
            for town, known in facts.items():
                short = re.sub(r"(团委|人民政府|党委)$", "", town)
                if short not in text:
                    continue
                for key in STATED:
                    got, want = rec.values.get(key), known.get(key)
                    if got is None or want is None:
                        continue
                    wrong = abs(got - want) > _tol(config) if key == "完成率" else got != want
                    if wrong:
                        shown = percent_text(want) if key == "完成率" else f"{want}个"
                        yield Hit(f"{short}{key}写{percent_text(got) if key == '完成率' else f'{got}个'}，"
                                  f"进度数据（{known['_file']}）为{shown}", rec.location or Location(),
                                  excerpt(rec.values["原文"]), file=sub.path)
                break
