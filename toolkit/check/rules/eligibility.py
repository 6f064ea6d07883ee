"""推优 eligibility (TW350–TW399): age, 入团 age, 团龄, local conditions, share.

Dates are compared at the precision the form gives: a finding is reported
only when it holds for every day a partial date (``2004年5月``) may stand for.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...cn.idcard import parse_id
from ...cn.dates import PartialDate
from ...kinds import CANDIDATES, record_kinds
from ...model import Location, Record
from ...config import Config
from ..engine import Hit, Round, Submission, rule
from ..people import form_people, round_branches, tally_records
from ..text import record_excerpt, to_date, to_int, who, where, years_between

_CANDIDATE_KINDS = record_kinds(CANDIDATES)


def _birth(rec: Record) -> PartialDate | None:
    """The form's 出生日期; to the day from the ID number when the form gives the
    month and the number agrees with it (an age is decided on the birthday)."""
    d = to_date(rec.values.get("出生日期"))
    number = rec.values.get("身份证号")
    info = parse_id(number) if number else None
    exact = info.birth if info and info.check_ok else None
    if d and d.valid:
        agrees = exact and d.day is None and (exact.year, exact.month) == (d.year, d.month)
        return exact if agrees else d
    return exact


def _meeting(rec: Record, sub: Submission) -> PartialDate | None:
    for value in (rec.values.get("表决日期"), sub.extraction.fields.get("表决日期"),
                  sub.extraction.fields.get("日期"), sub.extraction.fields.get("成文日期")):
        d = to_date(value)
        if d and d.valid:
            return d
    return None


def _candidates(sub: Submission) -> Iterator[tuple[Record, PartialDate]]:
    for rec in sub.extraction.records:
        if rec.kind in _CANDIDATE_KINDS:
            when = _meeting(rec, sub)
            if when:
                yield rec, when


@rule("TW351", "eligibility", "error", "表决时年龄不在推优年龄范围内")
def age(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：候选人在表决时（表决日期，否则取表格日期）的年龄不在推优年龄范围内。
    出生日期取“出生日期”栏，没有时取自身份证号；该栏只写到月、身份证号与之相符时，按身份证号精确到日。
    原因：推优对象须是年满18周岁、不超过28周岁的团员，年龄不符的不能推荐。
    示例：出生2008年12月，表决2026年11月，时年17岁。
    依据：《中国共产主义青年团章程》；《共青团推优入党工作实施办法》（中青发〔2019〕9号）。
    阈值：配置项 [eligibility] min_age / max_age（默认 18 / 28）。
    """
    lo, hi = config.eligibility.min_age, config.eligibility.max_age
    for rec, when in _candidates(sub):
        birth = _birth(rec)
        if not birth:
            continue
        least, most = years_between(birth, when)
        loc, text = where(rec, "出生日期", "身份证号"), record_excerpt(rec, ("出生日期", "表决日期"))
        if most < lo:
            yield Hit(f"{who(rec)}表决时（{when}）年龄为{most}岁，未满{lo}周岁，不符合推优条件", loc, text)
        elif least > hi:
            yield Hit(f"{who(rec)}表决时（{when}）年龄为{least}岁，超过{hi}周岁，不符合推优条件", loc, text)


@rule("TW352", "eligibility", "error", "入团时未满14周岁")
def join_age(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：入团时间早于本人14周岁生日。
    原因：年满14周岁才能入团，更早的入团时间说明日期写错（或出生日期写错）。
    示例：出生2006年3月，入团2019年9月，时年13岁。
    依据：《中国共产主义青年团章程》第一条。阈值：配置项 [eligibility] min_join_age（默认 14）。
    """
    lo = config.eligibility.min_join_age
    for rec in sub.extraction.records:
        birth, joined = _birth(rec), to_date(rec.values.get("入团时间"))
        if not birth or not joined or not joined.valid:
            continue
        _, most = years_between(birth, joined)
        if 0 <= most < lo:
            yield Hit(f"{who(rec)}入团时（{joined}）年龄为{most}岁，未满{lo}周岁，请核对入团时间或出生日期",
                      where(rec, "入团时间"), record_excerpt(rec, ("出生日期", "入团时间")))


@rule("TW353", "eligibility", "error", "团龄不足")
def league_years(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：表决时团龄短于规定年限。
    只在表决日期晚于入团时间时报（表决早于入团是日期错误，归 TW452）。
    原因：各地落实推优的细则通常要求团龄满一年。
    示例：入团2026年3月，表决2026年11月。
    依据：各地推优细则（domain.md）；没有全国统一的数字。
    阈值：配置项 [eligibility] min_league_years（默认 1）。
    """
    need = config.eligibility.min_league_years
    for rec, when in _candidates(sub):
        joined = to_date(rec.values.get("入团时间"))
        if not joined or not joined.valid:
            continue
        least, most = years_between(joined, when)
        if 0 <= most < need:
            yield Hit(f"{who(rec)}入团时间{joined}，至表决时（{when}）团龄不足{need}年", where(rec, "入团时间"),
                      record_excerpt(rec, ("入团时间", "表决日期")))


@rule("TW354", "eligibility", "warning", "递交入党申请书时间不足规定月数")
def application_months(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：登记表写明入党申请时间时，到表决时递交入党申请书不足规定月数。
    原因：许多地方规定只推荐递交入党申请书满六个月的团员；这是地方条件，所以报警告。
    示例：申请2026年8月，表决2026年11月，只有3个月。
    依据：各地落实中青发〔2019〕9号的推优细则；没有全国统一的数字。
    阈值：配置项 [eligibility] min_application_months（默认 6）。
    """
    need = config.eligibility.min_application_months
    for rec, when in _candidates(sub):
        applied = to_date(rec.values.get("入党申请时间"))
        if not applied or not applied.valid or not when.month or not applied.month:
            continue
        months = (when.year - applied.year) * 12 + when.month - applied.month
        if when.day and applied.day and when.day < applied.day:
            months -= 1  # with a day missing, count the months in the applicant's favour
        if 0 <= months < need:
            yield Hit(f"{who(rec)}递交入党申请书时间{applied}，至表决时（{when}）不足{need}个月",
                      where(rec, "入党申请时间"), record_excerpt(rec, ("入党申请时间", "表决日期")))


@rule("TW355", "eligibility", "warning", "推优人数超过团支部人数的规定比例", scope="round")
def branch_share(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：一个团支部的推优人数超过其人数的规定比例。
    有汇总表时按汇总表的行计，否则按登记表计，按团支部统计，与该支部的应到人数比较。
    原因：推优人数通常不超过团支部团员人数的一定比例（常见20%），超出需要说明。
    示例：应到30人的支部推荐了7人（超过6人）。
    依据：domain.md；各地规定不一（6%–40%）。阈值：配置项 [tuiyou] max_share（默认 0.2）。
    """
    share = config.tuiyou.max_share
    rows = tally_records(rnd) or [p.form for p in form_people(rnd)]  # a form and its PDF count once
    key = round_branches(rnd).key
    groups: dict[str, list[tuple[str, Record]]] = defaultdict(list)
    for path, rec in rows:
        if rec.values.get("团支部"):
            groups[key(rec.values["团支部"])].append((path, rec))
    for members in groups.values():
        sizes = [n for _, r in members if (n := to_int(r.values.get("应到人数")))]
        if not sizes:
            continue
        size, names = max(sizes), {str(r.values.get("姓名")) for _, r in members}
        if len(names) > size * share + 1e-9:
            path, rec = members[0]
            branch = rec.values["团支部"]
            yield Hit(f"{branch}推荐{len(names)}人，超过应到人数{size}人的{share:.0%}（至多{int(size * share)}人）",
                      rec.location or Location(), f"{branch}：{'、'.join(sorted(names))}"[:80], file=path)
