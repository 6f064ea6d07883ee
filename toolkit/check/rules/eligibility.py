"""推优 eligibility (TW350–TW399): age, 入团 age, 团龄, local conditions, share.

Dates are compared at the precision the form gives: a finding is reported
only when it holds for every day a partial date (``2004年5月``) may stand for.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...cn.idcard import parse_id
from ...cn.dates import PartialDate
from ...model import Location, Record
from ..config import Config
from ..engine import Hit, Round, Submission, rule
from ..people import form_people, round_branches, tally_records
from ..text import record_excerpt, to_date, to_int, who, where, years_between

_CANDIDATE_KINDS = ("registration_form", "tally_row")


def _birth(rec: Record) -> PartialDate | None:
    d = to_date(rec.values.get("出生日期"))
    if d and d.valid:
        return d
    number = rec.values.get("身份证号")
    info = parse_id(number) if number else None
    return info.birth if info and info.check_ok else None


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
    """The candidate's age at the meeting (表决日期, else the form's date) outside
    the 推优 range.

    Why: 推优 is for 团员 aged 18 or over and 28 or under; a younger or older
    candidate cannot be recommended. Example: born 2008年12月, meeting
    2026年11月 → 17. The birth date comes from 出生日期, else from the ID number.
    Threshold: ``[eligibility] min_age``/``max_age`` (18/28). Source: 团章;
    《共青团推优入党工作实施办法》(中青发〔2019〕9号).
    """
    lo, hi = int(config["eligibility"]["min_age"]), int(config["eligibility"]["max_age"])
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
    """入团时间 earlier than the member's 14th birthday.

    Why: one joins the League at 14 or older; an earlier 入团时间 is a mistyped
    date (or a birth date that is wrong). Example: born 2006年3月, 入团 2019年9月
    → 13. Threshold: ``[eligibility] min_join_age`` (14). Source: 团章.
    """
    lo = int(config["eligibility"]["min_join_age"])
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
    """团龄 at the meeting shorter than required.

    Why: local rules implementing 推优 commonly require at least one year of
    membership. Example: 入团 2026年3月, meeting 2026年11月. Only reported when the
    meeting is after 入团 (an earlier meeting is a date error, TW452).
    Threshold: ``[eligibility] min_league_years`` (1). Source: domain.md, local rules.
    """
    need = int(config["eligibility"]["min_league_years"])
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
    """入党申请时间 (when a form gives it) held for less than the configured months.

    Why: many local rules recommend only members whose 入党申请书 has been held
    for at least six months. A warning: it is a local condition.
    Example: 申请 2026年8月, meeting 2026年11月. Threshold: ``[eligibility]
    min_application_months`` (6). Source: local rules implementing 中青发〔2019〕9号.
    """
    need = int(config.get("eligibility", "min_application_months", 6))
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
    """More candidates from one branch than the configured share of its members.

    Why: recommended members are usually capped at a share of the branch
    (20% is common); more candidates than that needs an explanation. Counted
    over the tally rows when there is a tally, else over the forms, per branch,
    against the branch's 应到人数. Threshold: ``[tuiyou] max_share`` (0.2).
    Source: domain.md; local rules vary.
    """
    share = float(config["tuiyou"]["max_share"])
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
