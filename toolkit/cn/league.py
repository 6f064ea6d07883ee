"""The League's own vocabulary, shared by generation and inspection: the 团员教育评议 grades,
the 政治面貌 of party members who keep 团籍, and what a 团籍状态 in good standing says."""

from __future__ import annotations

from .text import compact

# 团员教育评议 grades, best first (domain.md).
GRADES = ("优秀", "合格", "基本合格", "不合格")
FAILED = "不合格"
# 政治面貌 of a party member who keeps 团籍 (not graded in 教育评议).
PARTY = ("中共党员", "中共预备党员", "预备党员", "党员")
# 团籍状态 in good standing: the platform writes 正常; branches 正常团员, 正常（已注册）, 在册 …
_NORMAL = ("正常", "在册", "在籍", "团籍正常")


def grade(value: object) -> str | None:
    """The grade a cell states (``合格``, ``基本合格（补评）``), else ``None`` (``不评定等次``, blank)."""
    text = compact(str(value or ""))
    return next((g for g in sorted(GRADES, key=len, reverse=True) if text.startswith(g)), None)


def is_party_member(politics: object) -> bool:
    return compact(str(politics or "")).startswith(PARTY)


def normal_status(status: object) -> bool:
    """Whether a 团籍状态 cell says the member is in good standing (a blank cell says nothing else)."""
    text = compact(str(status or ""))
    return not text or text.startswith(_NORMAL)
