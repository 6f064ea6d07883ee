"""团员名册 (TW800–TW809): the roster as the round's reference (``check --roster FILE``)
and the roster's own 团员编号.

A candidate is looked up on the roster by ID number, then by branch and name
(check.league.on_roster). Only branches a roster lists are judged: a roster of
one branch says nothing about the others.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...cn.text import compact
from ...model import Document, Extraction, Location, Record
from ...config import Config
from ..engine import Hit, Round, Submission, rule
from ...cn.league import normal_status
from ..league import on_roster, roster_records
from ..people import round_branches
from ..text import record_excerpt, to_date, where, who
from .eligibility import age, application_months, league_years


def _branch(rec: Record) -> str:
    return str(rec.values.get("团支部") or "")


@rule("TW800", "register", "error", "推荐对象不在团员名册中", scope="round")
def not_on_roster(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：推荐对象（登记表或汇总表中的一行）不在 --roster 给出的团员名册中，而名册列有其所在团支部。
    按身份证号、再按团支部和姓名、再按唯一的姓名、最后按同支部内仅差一字的姓名查找。
    原因：只有团员才能被推优；本支部名册中查不到的人不是本支部团员，或登记表上的姓名、身份证号写错，或名册未更新。
    只核对名册所列的团支部：一个支部的名册不能说明其他支部的情况。
    示例：化工2201团支部的名册列有王子涵、陈雨桐，而化工2201团支部的登记表推荐了赵景行。
    依据：《共青团推优入党工作实施办法》（中青发〔2019〕9号），推优对象须为团员；团员名册以“智慧团建”系统导出为准。
    """
    for o in on_roster(rnd):
        if o.row is None and o.covered:
            path, rec = o.candidate
            yield Hit(f"{who(rec)}{_branch(rec)}的团员名册中没有此人；请核对姓名、身份证号，或其是否为本支部团员",
                      where(rec, "姓名"), record_excerpt(rec, ("团支部", "身份证号")), file=path)


@rule("TW801", "register", "warning", "推荐对象在团员名册中属于其他团支部", scope="round")
def other_branch(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：名册中此人属于另一个团支部，与登记表所写团支部不同。
    原因：推优由团员所在团支部进行；名册在别的支部，说明组织关系已转出转入而名册或登记表未更新，或填错了支部。
    团员在支部间转接较常见，故为警告。
    示例：登记表写化工2202团支部，名册中同一身份证号属于化工2201团支部。
    依据：《共青团推优入党工作实施办法》（中青发〔2019〕9号），由团员所在团支部推荐。
    """
    branches = round_branches(rnd)
    for o in on_roster(rnd):
        if o.row is None:
            continue
        (path, rec), (_, row) = o.candidate, o.row
        mine, theirs = _branch(rec), _branch(row)
        if mine and theirs and branches.key(mine) != branches.key(theirs) \
                and not branches.ambiguous(mine) and not branches.ambiguous(theirs):
            yield Hit(f"{who(rec)}登记为{mine}，团员名册中属于{theirs}", where(rec, "团支部"),
                      record_excerpt(rec, ("团支部",)), file=path)


# Each eligibility rule and the roster values it needs when the form is silent.
_FROM_ROSTER = ((age, ("出生日期", "身份证号")), (league_years, ("入团时间",)), (application_months, ("入党申请时间",)))
_KEY_CN = {"出生日期": "出生日期", "身份证号": "身份证号", "入团时间": "入团时间", "入党申请时间": "递交入党申请书时间"}


@rule("TW802", "eligibility", "error", "据团员名册，推荐对象的年龄、团龄或入党申请时间不符合推优条件", scope="round")
def roster_eligibility(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：登记表或汇总表没有写出生日期、入团时间或递交入党申请书时间时，取团员名册中的数据核对年龄、团龄和递交申请时间。
    条件与 TW351、TW353、TW354 相同。
    原因：汇总表和部分登记表常不写出生日期、入团时间，名册里有，照样可以核对推优条件。
    示例：汇总表中周以安一行没有出生日期，名册写2008-12-03，表决日期2026-10-15，时年17岁。
    依据：《中国共产主义青年团章程》；《共青团推优入党工作实施办法》（中青发〔2019〕9号）；递交入党申请书月数为各地细则。
    阈值：与 TW351/TW353/TW354 相同的配置项 [eligibility] min_age、max_age、min_league_years、min_application_months。
    """
    subs = {s.path: s for s in (*rnd.submissions, *rnd.registers)}
    for o in on_roster(rnd):
        if o.row is None or o.candidate[0] not in subs:
            continue
        (path, rec), (_, row) = o.candidate, o.row
        for check, keys in _FROM_ROSTER:
            if any(rec.values.get(k) for k in keys) or not any(row.values.get(k) for k in keys):
                continue
            merged = Record(rec.kind, {**rec.values, **{k: row.values[k] for k in keys if row.values.get(k)}},
                            rec.where, rec.location)
            src = subs[path]
            probe = Submission(path, Document(path, ""),
                               Extraction(src.extraction.kind, [merged], fields=src.extraction.fields))
            used = "、".join(_KEY_CN[k] for k in keys if row.values.get(k))
            for hit in check(probe, config):
                yield Hit(f"{hit.message}（{used}取自团员名册）", rec.location or where(rec, "姓名"),
                          record_excerpt(row, keys), file=path)


@rule("TW803", "eligibility", "warning", "推荐人数超过团员名册人数的规定比例", scope="round")
def roster_share(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：某团支部推荐人数超过团员名册中该支部（团籍正常的）团员人数的规定比例。
    原因：推优人数一般不超过支部团员数的一定比例（常见20%，各地6%–40%不等）；名册人数比会议应到人数更能说明支部规模。
    示例：名册中某支部团员10人，推荐3人，超过20%。
    依据：各地落实中青发〔2019〕9号的细则，全国无统一比例，故可配置。
    阈值：配置项 [tuiyou] max_share（默认0.2，与 TW355 相同）。
    """
    share = config.tuiyou.max_share
    key = round_branches(rnd).key
    members: dict[str, set[str]] = defaultdict(set)
    for _, row in roster_records(rnd):
        if normal_status(row.values.get("团籍状态")) and (b := key(row.values.get("团支部"))):
            members[b].add(compact(str(row.values.get("身份证号") or row.values.get("姓名") or "")))
    chosen: dict[str, list] = defaultdict(list)
    for o in on_roster(rnd):
        b = key(o.candidate[1].values.get("团支部"))
        if b in members:
            chosen[b].append(o.candidate)
    for b, cands in chosen.items():
        size = len(members[b])
        names = sorted({str(r.values.get("姓名")) for _, r in cands})
        if size and len(names) > size * share + 1e-9:
            path, rec = cands[0]
            yield Hit(f"{_branch(rec)}推荐{len(names)}人，团员名册中有团员{size}人，超过{share:.0%}（至多{int(size * share + 1e-9)}人）",
                      rec.location or Location(), f"{_branch(rec)}：{'、'.join(names)}"[:80], file=path)


@rule("TW804", "eligibility", "error", "推荐对象的团籍状态不正常", scope="round")
def roster_status(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：推荐对象在团员名册中的团籍状态不是“正常”（如满28周岁离团、自行脱团、开除团籍、停止团籍）。
    原因：只有团籍正常的团员才能推优；已离团或失去团籍的不能推荐。
    示例：名册中团籍状态为“满28周岁离团”的人出现在推荐名单中。
    依据：《中国共产主义青年团章程》（团籍）；《共青团推优入党工作实施办法》（中青发〔2019〕9号）。
    """
    for o in on_roster(rnd):
        if o.row is None:
            continue
        status = str(o.row[1].values.get("团籍状态") or "").strip()
        if not normal_status(status):
            path, rec = o.candidate
            yield Hit(f"{who(rec)}团员名册中的团籍状态为“{status}”，不能推优", where(rec, "姓名"),
                      record_excerpt(o.row[1], ("团支部", "团籍状态")), file=path)


# What a form and the roster both say about a person, compared (团支部: TW801; 团内职务 changes).
_SAME = ("姓名", "性别", "身份证号", "出生日期", "入团时间")


def _disagree(key: str, a: object, b: object) -> bool:
    """Two values of ``key`` that cannot be the same fact; dates at the precision both give
    (``2004-05`` agrees with ``2004-05-15``)."""
    if key in ("出生日期", "入团时间"):
        x, y = to_date(a), to_date(b)
        if not (x and y and x.valid and y.valid):
            return False
        return (x.year, x.month or y.month, x.day or y.day) != (y.year, y.month or x.month, y.day or x.day)
    return compact(str(a)).upper() != compact(str(b)).upper()


@rule("TW807", "register", "warning", "登记表与团员名册中的个人信息不一致", scope="round")
def roster_differs(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：推荐对象的姓名、性别、身份证号、出生日期、入团时间与团员名册中本人的记录不一致
    （日期按双方都写到的精度比较，2004年5月与2004-05-15不算不一致）。
    原因：名册来自团员信息系统，登记表是手工填写的；两者不一致，多半是登记表抄错（或名册未更新），
    以名册为准核对。姓名仅差一字时也能对上本人，此时报出姓名的差别。
    示例：登记表出生年月2004年6月，名册出生日期2004-05-15。
    依据：团员名册以“智慧团建”系统导出为准（domain.md）。
    """
    for o in on_roster(rnd):
        if o.row is None:
            continue
        (path, rec), (_, row) = o.candidate, o.row
        for key in _SAME:
            mine, theirs = rec.values.get(key), row.values.get(key)
            if mine not in (None, "") and theirs not in (None, "") and _disagree(key, mine, theirs):
                yield Hit(f"{who(rec)}{key}为“{mine}”，团员名册中为“{theirs}”", where(rec, key),
                          record_excerpt(rec, (key,)), file=path)


@rule("TW806", "id-number", "warning", "团员编号位数不对或前四位与入团年份不符")
def member_number(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：团员编号不是规定位数的数字；或2017年（含）以后入团的团员，团员编号前四位不是入团年份。
    原因：“智慧团建”系统的团员编号为12位，2017年起入团的团员编号前四位为入团年份；不符说明编号或入团时间抄错。
    示例：入团年月2019-05，团员编号202032010601。
    依据：domain.md 所述“智慧团建”编号规则（未见公开标准，故可配置）。
    阈值：配置项 [roster] number_digits（默认12）、numbered_from（默认2017）。
    """
    digits, since = config.roster.number_digits, config.roster.numbered_from
    for rec in sub.extraction.records:
        number = compact(str(rec.values.get("团员编号") or ""))
        if not number:
            continue
        loc, text = where(rec, "团员编号"), record_excerpt(rec, ("团员编号", "入团时间"))
        if not number.isdigit() or len(number) != digits:
            yield Hit(f"{who(rec)}团员编号“{number}”应为{digits}位数字", loc, text)
            continue
        joined = to_date(rec.values.get("入团时间"))
        if joined and joined.valid and joined.year >= since and number[:4] != str(joined.year):
            yield Hit(f"{who(rec)}团员编号“{number}”前四位应为入团年份{joined.year}", loc, text)
