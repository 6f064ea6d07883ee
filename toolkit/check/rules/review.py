"""团员教育评议 (TW810–TW819): the result sheet's share of 优秀, the meeting's
attendance, party members graded, the stated counts, and candidates graded 不合格.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Iterator

from ...kinds import REVIEW
from ...model import Location
from ...config import Config
from ..engine import Hit, Round, Submission, rule
from ...cn.league import FAILED, grade, is_party_member
from ..league import candidates, on_roster, person_rows, records_of
from ..people import round_branches
from ..text import excerpt, record_excerpt, to_int, units, where, who


def _graded(sub: Submission) -> list:
    if sub.extraction.kind != REVIEW:
        return []
    return [r for r in sub.extraction.records if grade(r.values.get("评议等次"))]


@rule("TW810", "eligibility", "error", "教育评议“优秀”比例超过规定")
def excellent_share(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：教育评议中评为“优秀”的人数超过评定等次人数的规定比例。
    允许人数为评定等次人数乘比例后四舍五入（3人评定时可有1名优秀）。
    原因：团员教育评议对优秀比例有上限，超出的评议结果会被退回。
    示例：评定等次10人，其中优秀4人（40%）。
    依据：各地团员教育评议办法的通行做法（优秀一般不超过30%）；全国统一比例未知，故可配置。
    阈值：配置项 [review] max_excellent_share（默认0.3）。
    """
    cap = config.review.max_excellent_share
    rows = _graded(sub)
    best = [r for r in rows if grade(r.values.get("评议等次")) == "优秀"]
    allowed = int(len(rows) * cap + 0.5 + 1e-9)
    if rows and len(best) > allowed:
        names = "、".join(str(r.values.get("姓名") or "") for r in best)
        yield Hit(f"评议为优秀的{len(best)}人，占参加评议{len(rows)}人的{len(best) / len(rows):.0%}，"
                  f"超过{cap:.0%}（至多{allowed}人）", best[0].location or Location(),
                  f"优秀：{names}"[:80])


@rule("TW811", "vote", "error", "教育评议会议到会人数未超过规定比例")
def review_attendance(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：评议会议实到人数未超过应到人数的规定比例（表中写明的应到人数、实到人数）。
    原因：团员教育评议在团员大会上进行，须有超过三分之二的团员到会，否则评议结果无效。
    示例：应到30人，实到20人（恰为三分之二，未超过）。
    依据：各地团员教育评议办法的通行做法；全国统一比例未知，故可配置。
    阈值：配置项 [review] min_attendance（默认0.6667，即须超过三分之二）。
    """
    if sub.extraction.kind != REVIEW:
        return
    need = config.review.min_attendance
    expected, present = to_int(sub.extraction.fields.get("应到人数")), to_int(sub.extraction.fields.get("实到人数"))
    if expected and present is not None and present <= expected * need + 1e-9:
        line = next((u for u in units(sub.doc) if "实到" in u.text), None)
        yield Hit(f"评议会议应到{expected}人、实到{present}人，未超过应到人数的{need:.0%}，评议结果无效",
                  line.location if line else Location(), excerpt(line.text) if line else f"应到{expected}人，实到{present}人")


@rule("TW812", "eligibility", "error", "保留团籍的党员不应评定教育评议等次")
def party_graded(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：政治面貌为中共党员或中共预备党员的人在评议表中评定了等次。
    原因：保留团籍的党员参加团员教育评议，但不评定等次。
    示例：周子墨，中共预备党员，评议等次“合格”。
    依据：团员教育评议的通行做法（domain.md）；各地细则。
    """
    for rec in _graded(sub):
        if is_party_member(rec.values.get("政治面貌")):
            yield Hit(f"{who(rec)}为{rec.values['政治面貌']}，保留团籍的党员不评定等次，却评为“{rec.values['评议等次']}”",
                      where(rec, "评议等次"), record_excerpt(rec, ("政治面貌", "评议等次")))


_STATED = re.compile(r"(优秀|基本合格|(?<![本不])合格|不合格)\s*(\d+)\s*[人名]")
_TOTAL = re.compile(r"参加(?:教育)?评议(?:的)?(?:团员)?(?:共)?\s*(\d+)\s*[人名]")
_SHARE = re.compile(r"优秀\s*\d+\s*[人名]\s*[（(，,]?\s*占[^\d]{0,8}(\d+(?:\.\d+)?)\s*[%％]")


@rule("TW813", "arithmetic", "error", "教育评议的统计人数或比例与名单不符")
def review_counts(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：评议表自己写的统计（参加评议N人，优秀a人（占x%），合格b人……）与名单中的等次不符。
    原因：统计行是名单填好后手工写的，人数或比例对不上，说明有人的等次改过而统计没改，或统计写错。
    示例：名单中优秀3人，统计写“优秀4人”。
    依据：按名单计算；百分比的容差为配置项 [arithmetic] percent_tolerance（默认0.5个百分点）。
    """
    rows = _graded(sub)
    if not rows:
        return
    counts = Counter(grade(r.values.get("评议等次")) for r in rows)
    tolerance = config.arithmetic.percent_tolerance
    for u in units(sub.doc, cells=False):
        for m in _STATED.finditer(u.text):
            if int(m.group(2)) != counts[m.group(1)]:
                yield Hit(f"文中“{m.group()}”，名单中评为{m.group(1)}的是{counts[m.group(1)]}人", u.location,
                          excerpt(u.text, m.start(), m.end()))
        for m in _TOTAL.finditer(u.text):
            if int(m.group(1)) != len(rows):
                yield Hit(f"文中“{m.group()}”，名单中评定等次的是{len(rows)}人", u.location, excerpt(u.text, m.start(), m.end()))
        for m in _SHARE.finditer(u.text):
            real = 100 * counts["优秀"] / len(rows)
            if abs(real - float(m.group(1))) > tolerance:
                yield Hit(f"文中优秀占{m.group(1)}%，按名单为{counts['优秀']}÷{len(rows)}={real:.1f}%", u.location,
                          excerpt(u.text, m.start(), m.end()))


@rule("TW805", "eligibility", "error", "推荐对象最近一次教育评议为不合格", scope="round")
def failed_review(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：推荐对象最近一次团员教育评议为“不合格”（见 --roster 名册或本轮的教育评议结果表）。
    原因：教育评议不合格的团员不能推优。
    示例：化工2202团支部的评议表中赵景行为不合格，而本轮有他的推优登记表。
    依据：《共青团推优入党工作实施办法》（中青发〔2019〕9号）及各地细则。
    """
    branch = round_branches(rnd).key
    sheets = records_of([*rnd.submissions, *rnd.registers], REVIEW)
    seen: set[int] = set()
    sources = [(o.candidate, [o.row] if o.row else []) for o in on_roster(rnd)]
    sources += [(c, person_rows(c[1], sheets, branch)) for c in candidates(rnd)] if sheets else []
    for (path, rec), rows in sources:
        bad = next(((p, r) for p, r in rows if grade(r.values.get("评议等次")) == FAILED), None)
        if bad and id(rec) not in seen:
            seen.add(id(rec))
            yield Hit(f"{who(rec)}在“{Path(bad[0]).name}”中的教育评议等次为不合格，不能推优", where(rec, "姓名"),
                      record_excerpt(bad[1], ("团支部", "评议等次")), file=path)

