"""Chinese formatting helpers for templates.

The generator registers ``FILTERS`` as Jinja filters for users' own templates;
``prepare`` calls the same functions to compute the values the built-in
templates print, so both always format alike.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Callable, Iterable

from toolkit.cn import dates
from toolkit.cn.outline import doc_number
from toolkit.cn.numbers import cn_to_int, int_to_cn

FULLWIDTH_SPACE = "\u3000"


def cn_ordinal(n: Any) -> str:
    """1 → ``一``, 11 → ``十一`` (heading numbers 一、二、)."""
    value = n if isinstance(n, int) else cn_to_int(str(n))
    if value is None:
        return str(n)
    return int_to_cn(value)


def cn_date(value: Any) -> str:
    """``2026-11-22`` → ``2026年11月22日``; ``2004-05`` → ``2004年5月``; blank stays blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return ""
    return dates.format_cn_date(value)


def cn_join(items: Iterable[Any], sep: str = "、", last: str = "和") -> str:
    """``['甲', '乙', '丙']`` → ``甲、乙和丙`` (blank items dropped)."""
    words = [str(i).strip() for i in items if i is not None and str(i).strip()]
    if len(words) < 2:
        return "".join(words)
    return sep.join(words[:-1]) + last + words[-1]


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def percent(part: Any, whole: Any, digits: int = 1) -> str:
    """``percent(8, 32)`` → ``25.0%``; rounds half up (not to even); whole 0 → ``—``."""
    p, w = _decimal(part), _decimal(whole)
    if p is None or w is None or w == 0:
        return "—"
    quantum = Decimal(1).scaleb(-digits) if digits > 0 else Decimal(1)
    return f"{(p * 100 / w).quantize(quantum, rounding=ROUND_HALF_UP)}%"


def pad_name(name: Any) -> str:
    """Two-character names padded to the width of three for forms: ``张三`` → ``张　三``."""
    s = "" if name is None else str(name).strip()
    return s[0] + FULLWIDTH_SPACE + s[1] if len(s) == 2 else s


def age_at(birth: Any, when: Any) -> int | None:
    """Whole years from ``birth`` to ``when`` (month precision counts from the 1st)."""
    return dates.age_at(birth, when)


FILTERS: dict[str, Callable[..., Any]] = {
    "cn_ordinal": cn_ordinal,
    "cn_date": cn_date,
    "cn_join": cn_join,
    "percent": percent,
    "pad_name": pad_name,
    "age_at": age_at,
    "doc_number": doc_number,
}
