"""志愿服务时长 (TW830–TW839): impossible days, dates after the record's own date,
and candidates below the 推优 threshold. The 合计 row is TW254's.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...cn.dates import PartialDate
from ...kinds import HOURS_ROW, VOLUNTEER_HOURS
from ...model import Location, Record
from ...config import Config
from ..engine import Hit, Round, Submission, rule
from ..league import candidates, person_rows, records_of
from ..people import id_key, name_key, round_branches
from ..text import certainly_before, document_date, record_excerpt, to_date, where, who


def _hours(rec: Record) -> float | None:
    h = rec.values.get("服务时长")
    return float(h) if isinstance(h, (int, float)) and not isinstance(h, bool) else None


def _rows(sub: Submission) -> list[Record]:
    return [r for r in sub.extraction.records if r.kind == HOURS_ROW]


@rule("TW830", "arithmetic", "error", "同一人一天的志愿服务时长超过24小时")
def daily_hours(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：同一人同一天的志愿服务时长合计（该日各行相加）超过一天的上限；没有具体日期的单行超过上限也报。
    原因：一天只有24小时，超过说明时长写错（如4写成40）或把几天记成一天。
    示例：同一人2026-05-01记了6小时和20小时。
    依据：按日计算。
    阈值：配置项 [volunteer] max_daily_hours（默认24）。
    """
    most = config.volunteer.max_daily_hours
    days: dict[tuple[str, str], list[Record]] = defaultdict(list)
    for rec in _rows(sub):
        d = to_date(rec.values.get("服务日期"))
        person = id_key(rec.values.get("身份证号")) or name_key(rec.values.get("姓名"))
        if d and d.valid and d.day:
            days[(person, d.iso())].append(rec)
        elif (h := _hours(rec)) is not None and h > most:
            yield Hit(f"{who(rec)}一条记录{h:g}小时，超过{most:g}小时", where(rec, "服务时长"), record_excerpt(rec, ("服务时长",)))
    for (_, day), recs in days.items():
        total = sum(h for r in recs if (h := _hours(r)) is not None)
        if total > most:
            rec = max(recs, key=lambda r: _hours(r) or 0)
            yield Hit(f"{who(rec)}{day}共记{total:g}小时，超过一天的{most:g}小时", where(rec, "服务时长"),
                      record_excerpt(rec, ("服务日期", "服务时长")))


@rule("TW831", "date", "error", "志愿服务日期晚于记录本身的日期")
def service_after_record(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：服务日期晚于记录本身的日期（填表日期、导出日期或落款日期）。
    原因：记录不能证明填表时尚未发生的服务，说明年份或月份写错。
    示例：填表日期2026-10-12，服务日期2026-11-03。
    依据：民政部《志愿服务记录与证明出具办法》（记录的是已完成的服务）。
    """
    rows = _rows(sub)
    own = _own_date(sub) if rows else None
    for rec in rows if own else ():
        d = to_date(rec.values.get("服务日期"))
        if d and d.valid and certainly_before(own, d):
            yield Hit(f"{who(rec)}服务日期{d}晚于记录日期{own}", where(rec, "服务日期"), record_excerpt(rec, ("服务日期",)))


def _own_date(sub: Submission) -> PartialDate | None:
    """The record's date: its 落款 date, else its 填表日期/导出日期 label line."""
    found = document_date(sub.extraction)
    if found:
        return found[0]
    d = to_date(sub.extraction.fields.get("填表日期"))
    return d if d and d.valid and d.day else None


@rule("TW832", "eligibility", "error", "推荐对象的志愿服务时长不足规定小时数", scope="round")
def candidate_hours(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：推荐对象在本轮各份志愿服务时长记录中的时长合计低于规定小时数；
    本支部交了时长记录却没有此人的，按0小时报警告。
    原因：各地推优细则把志愿服务作为必备条件（常见20小时，也有按次数计的），达不到的不符合推优条件。
    示例：王子涵被推荐，他的记录合计7.5小时。
    依据：各地落实中青发〔2019〕9号的细则（全国无统一标准，故可配置）；时长记录见民政部《志愿服务记录与证明出具办法》。
    阈值：配置项 [volunteer] min_hours（默认20）。
    """
    rows = records_of([*rnd.submissions, *rnd.registers], VOLUNTEER_HOURS)
    if not rows:
        return
    need = config.volunteer.min_hours
    key = round_branches(rnd).key
    listed = {key(r.values.get("团支部")) for _, r in rows} - {""}
    for path, rec in candidates(rnd):
        mine = person_rows(rec, rows, key)
        total = sum(h for _, r in mine if (h := _hours(r)) is not None)
        if mine and total < need:
            yield Hit(f"{who(rec)}志愿服务时长合计{total:g}小时，不足{need:g}小时", where(rec, "姓名"),
                      f"{rec.values.get('姓名')}：{'、'.join(f'{_hours(r) or 0:g}' for _, r in mine)}小时"[:80], file=path)
        elif not mine and key(rec.values.get("团支部")) in listed:
            yield Hit(f"{who(rec)}本支部的志愿服务时长记录中没有此人，时长为0，不足{need:g}小时",
                      rec.location or Location(), record_excerpt(rec, ("团支部",)), file=path, severity="warning")
