"""推优 "3+1+1" 过程记录 (TW820–TW829): every step done, in order, with its evidence.

"3+1+1" (团唐山市委, reported in 全团要讯2020年第5期): before applying to the
party, 1 理想信念教育, 1 统一考试 and 1 团员教育评议; after becoming an 入党积极分子
and before 发展对象, 1 集中培训; after becoming a 发展对象 and before 预备党员, 1
主题团课 given by the member. Dates are compared at the precision given: only
a step certainly after the next milestone is out of order.
"""

from __future__ import annotations

from typing import Iterator

from ...cn.league import FAILED, grade
from ...kinds import STEPS_RECORD
from ...model import Record
from ...config import Config
from ..engine import Hit, Submission, rule
from ..text import certainly_before, record_excerpt, to_date, where, who

# (step, its name, the milestone it must precede)
_BEFORE = (
    ("理想信念教育日期", "理想信念教育", "表决日期"),
    ("统一考试日期", "统一考试", "表决日期"),
    ("教育评议日期", "团员教育评议", "表决日期"),
    ("集中培训日期", "集中培训", "确定为发展对象日期"),
    ("主题团课日期", "主题团课", "接收为预备党员日期"),
)
# Milestones in their order, and the steps that must come after one of them.
_MILESTONES = (("表决日期", "推优表决"), ("确定为入党积极分子日期", "确定为入党积极分子"), ("确定为发展对象日期", "确定为发展对象"),
               ("接收为预备党员日期", "接收为预备党员"))
_AFTER = (("集中培训日期", "集中培训", "确定为入党积极分子日期"), ("主题团课日期", "主题团课", "确定为发展对象日期"))
_NAMES = {k: n for k, n, _ in _BEFORE} | dict(_MILESTONES)


def _records(sub: Submission) -> list[Record]:
    return [r for r in sub.extraction.records if r.kind == STEPS_RECORD]


def _date(rec: Record, key: str):
    d = to_date(rec.values.get(key))
    return d if d and d.valid else None


@rule("TW820", "eligibility", "error", "“3+1+1”环节缺失：推优或后续阶段之前应完成的环节没有记录")
def missing_step(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：已到某一阶段（推优表决、确定为发展对象、接收为预备党员），但之前应完成的环节没有记录：
    推优前的理想信念教育、统一考试、团员教育评议；发展对象前的集中培训；预备党员前的主题团课。
    原因：按“3+1+1”要求，漏掉环节的团员未做好进入下一阶段的准备；推优前缺环节，推优不规范。
    示例：记录了推优表决2026-10-14，统一考试一栏空白。
    依据：团唐山市委“3+1+1”做法（共青团中央《全团要讯》2020年第5期）；推优本身见中青发〔2019〕9号。
    """
    for rec in _records(sub):
        for step, name, milestone in _BEFORE:
            # A stage counts as reached by its date: a blank form's second header row or a note
            # (发展对象培训起始时间, 待定) in that column is not one.
            if _date(rec, milestone) and not rec.values.get(step):
                yield Hit(f"{who(rec)}已{_NAMES[milestone]}（{rec.values[milestone]}），但没有{name}的记录",
                          where(rec, milestone), record_excerpt(rec, (milestone,)))


@rule("TW821", "date", "error", "“3+1+1”环节顺序颠倒：环节晚于其后的阶段")
def step_order(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：环节日期晚于它应在其前完成的阶段，或早于它所属的阶段（确定为入党积极分子前就集中培训），或各阶段先后颠倒。
    日期按所写精度比较，只有确定晚于时才报。
    原因：每个环节为下一阶段做准备；推优表决后才统一考试、成为预备党员后才讲主题团课，说明没按时完成（或日期写错）。
    示例：推优表决2026-10-14，统一考试2026-10-20。
    依据：团唐山市委“3+1+1”做法（共青团中央《全团要讯》2020年第5期）。
    """
    for rec in _records(sub):
        pairs = [(s, m) for s, _, m in _BEFORE] + [(m, s) for s, _, m in _AFTER]
        pairs += [(a, b) for (a, _), (b, _) in zip(_MILESTONES, _MILESTONES[1:])]
        for first, then in pairs:
            a, b = _date(rec, first), _date(rec, then)
            if a and b and certainly_before(b, a):
                yield Hit(f"{who(rec)}{_NAMES.get(first, first)}（{a}）晚于{_NAMES.get(then, then)}（{b}）",
                          where(rec, first), record_excerpt(rec, (first, then)))


@rule("TW822", "eligibility", "error", "“3+1+1”环节的佐证不合格：考试未达及格分或评议不合格")
def step_evidence(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：已推优的人统一考试成绩低于及格分，或团员教育评议为不合格。
    原因：考试和评议是推优条件，不是形式；考试不及格或评议不合格的不应推荐。
    示例：考试成绩52分，及格分60分。
    依据：“3+1+1”做法（《全团要讯》2020年第5期）；中青发〔2019〕9号。及格分为各地规定，全国统一标准未知，故可配置。
    阈值：配置项 [steps] pass_score（默认60）。
    """
    need = config.steps.pass_score
    for rec in _records(sub):
        score = rec.values.get("考试成绩")
        if isinstance(score, (int, float)) and not isinstance(score, bool) and score < need:
            yield Hit(f"{who(rec)}统一考试成绩{score:g}分，低于及格分{need:g}分", where(rec, "考试成绩"),
                      record_excerpt(rec, ("考试成绩",)))
        if grade(rec.values.get("评议等次")) == FAILED and rec.values.get("表决日期"):
            yield Hit(f"{who(rec)}团员教育评议为不合格，却已推优", where(rec, "评议等次"), record_excerpt(rec, ("评议等次",)))
