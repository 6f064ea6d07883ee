"""Scores on the League's own sheets: 三亮三比 积分 and 百分考核.

One definition of how an item is scored (yes/no items full or zero, A/B/C/D
items a share of the item), how a total falls into a grade band and how a
stated rank follows from the totals; the generator and the inspector both
use it, so a generated sheet and the check of it never disagree.

No national standard fixes the bands or the A/B/C/D shares: the defaults
below are common local practice and every one is configurable in
``tuanwen.toml`` (``[points]``, ``[assessment]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import to_halfwidth_digits
from .text import compact

# A/B/C/D items score this share of the item's maximum (三亮三比 积分细则, local practice).
GRADE_SHARES = {"A": 1.0, "B": 0.6, "C": 0.4, "D": 0.0}
# Bands as "等次:最低百分比" (share of the sheet's full marks), best first.
POINTS_BANDS = ("优秀:90", "良好:75", "合格:60", "不合格:0")
ASSESSMENT_BANDS = ("优秀:80", "合格:60", "不合格:0")
EXTRA_CAP_SHARE = 0.1  # 加分 at most 10 % of full marks, with the branch's approval
FULL_MARKS = 100
TOLERANCE = 0.01  # scores carry at most two decimals

_BAND = re.compile(r"^\s*([\u4e00-\u9fff]{1,6})\s*[:：]\s*(\d+(?:\.\d+)?)\s*%?\s*$")
_SCORE = re.compile(r"^[+＋]?(-?\d+(?:\.\d+)?)(?:分)?$")
_YES = frozenset({"是", "有", "√", "✓", "✔", "符合", "达到", "完成", "已完成", "Y", "YES"})
_NO = frozenset({"否", "无", "×", "✗", "✘", "不符合", "未达到", "未完成", "N", "NO"})
# What a 负面清单 cell says when nothing was hit.
_CLEAN = frozenset({"", "无", "否", "没有", "未触及", "无违反", "—", "-", "/", "／", "无此情况", "未发现"})


@dataclass(frozen=True, slots=True)
class Band:
    name: str
    floor: float  # lowest share of full marks, in percent


def band_spec_problem(spec: str) -> str | None:
    """Why ``spec`` is not a band (``"优秀:90"``), in Chinese; ``None`` when it is one."""
    return None if _BAND.match(spec) else f"“{spec}”应写成“等次:最低分数”，如 \"优秀:90\""


def parse_bands(specs: tuple[str, ...] | list[str]) -> list[Band]:
    """Bands from ``["优秀:90", …]``, best first."""
    bands = [Band(m[1], float(m[2])) for m in (_BAND.match(s) for s in specs) if m]
    return sorted(bands, key=lambda b: -b.floor)


def band_of(score: float, full: float, bands: list[Band]) -> str | None:
    """The band a ``score`` out of ``full`` falls into."""
    if full <= 0:
        return None
    share = score * 100 / full
    for b in bands:
        if share + TOLERANCE >= b.floor:
            return b.name
    return bands[-1].name if bands else None


def to_score(value: object) -> float | None:
    """A score as written: ``8``, ``8.5``, ``8分``, ``＋3``; ``None`` when it is no number."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    m = _SCORE.match(compact(to_halfwidth_digits(str(value))))
    return float(m[1]) if m else None


def shown(x: float) -> str:
    """``8.0`` → ``8``, ``8.50`` → ``8.5``."""
    return f"{round(x, 2):g}"


def yes_no(value: object) -> bool | None:
    """``是``/``√`` → True, ``否``/``×`` → False, anything else ``None``."""
    s = compact(str(value or "")).upper()
    return True if s in _YES else False if s in _NO else None


def letter(value: object) -> str | None:
    """The A/B/C/D grade of a cell (``B``, ``B档``, ``Ｂ``), or ``None``."""
    s = compact(str(value or "")).upper().translate(str.maketrans("ＡＢＣＤ", "ABCD"))
    m = re.fullmatch(r"([ABCD])(?:档|级|等)?", s)
    return m[1] if m else None


def item_score(method: str, mark: object, maximum: float, shares: dict[str, float] | None = None) -> float | None:
    """What an item scores under its method: ``是否`` → full or zero, ``ABCD`` → the
    grade's share of the maximum; ``None`` for items scored freely or unmarked."""
    if method == "是否":
        yes = yes_no(mark)
        return None if yes is None else maximum if yes else 0.0
    if method == "ABCD":
        g = letter(mark)
        return None if g is None else round(maximum * (shares or GRADE_SHARES)[g], 2)
    return None


def method_of(text: object, mark: object = None) -> str:
    """``是否``, ``ABCD`` or ``计分`` from the 评分方式 cell, else from the mark itself."""
    s = compact(str(text or "")).upper()
    if re.search(r"是否|是/否|是或否|有无|符合与否|达标与否", s):
        return "是否"
    if re.search(r"ABCD|A[/、,，-]?B[/、,，-]?C[/、,，-]?D|[A-D]档|等级|档次", s):
        return "ABCD"
    if not s and mark is not None:
        if letter(mark):
            return "ABCD"
        if yes_no(mark) is not None:
            return "是否"
    return "计分"


def negative_hit(value: object) -> bool:
    """Whether a 负面清单 cell records a hit (``无``/``否``/blank do not)."""
    s = compact(str(value or ""))
    return s not in _CLEAN and not re.match(r"无(?!故)", s)  # 无违纪 is clean, 无故缺席 a hit


def rank_fits(rank: int, total: float, totals: list[float]) -> bool:
    """Whether a stated rank follows from the totals, under any usual way of
    ranking ties (1,1,3 / 1,1,2 / 1,2,3)."""
    higher = sum(1 for t in totals if t > total + TOLERANCE)
    equal = sum(1 for t in totals if abs(t - total) <= TOLERANCE)
    distinct_higher = len({round(t, 2) for t in totals if t > total + TOLERANCE})
    return higher + 1 <= rank <= higher + equal or rank == distinct_higher + 1
