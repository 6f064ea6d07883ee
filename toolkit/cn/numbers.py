"""Chinese numerals: parse ``三十二`` → 32, format 1 → ``一``."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_CN_NUM_CHARS = "零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟"
CN_NUMBER = re.compile(f"[{_CN_NUM_CHARS}]+")
_SIMPLE = {c: i for i, c in enumerate(_DIGITS)} | {"〇": 0, "两": 2}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def to_halfwidth_digits(text: str) -> str:
    return text.translate(_FULLWIDTH)


def cn_to_int(text: str) -> int | None:
    """Parse an integer written in Arabic, full-width or Chinese numerals.

    ``'32'`` → 32, ``'３２'`` → 32, ``'三十二'`` → 32, ``'二〇二六'`` → 2026,
    ``'五名'`` → 5 (a trailing measure word is ignored). ``None`` if no number.
    """
    s = to_halfwidth_digits(str(text)).strip()
    m = re.match(r"\d+", s)
    if m:
        return int(m.group())
    m = CN_NUMBER.match(s)
    if not m:
        return None
    token = m.group()
    if all(c in _SIMPLE for c in token) and len(token) > 1:
        # digit-by-digit form used for years: 二〇二六
        return int("".join(str(_SIMPLE[c]) for c in token))
    try:
        import cn2an

        return int(cn2an.cn2an(token, "smart"))
    except (ValueError, KeyError):
        return None


def int_to_cn(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (for headings and ordinals)."""
    if n < 0:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    import cn2an

    return cn2an.an2cn(n)


# Measure words that follow a count in the genre's tables and prose (20人, 3场,
# 150人次, 12.5小时, 1,200元). The one list: rules and extraction build on ``UNIT``.
UNITS = ("人次", "人", "名", "位", "个", "张", "票", "份", "场", "次", "项", "篇", "期", "本", "条", "支",
         "所", "家", "小时", "天", "课时", "学时", "万元", "元")
# Longest first, so that ``20人次`` is read as 人次, not 人.
UNIT = "(?:" + "|".join(sorted(UNITS, key=len, reverse=True)) + ")"


def rounds_to(real: float, stated: str) -> bool:
    """Whether ``stated`` (a figure as written: ``33``, ``33.3``, ``33.33``) is ``real``
    rounded or cut off to the places it is written with (1/3 is 33 %, 33.3 % and 33.33 %)."""
    places = len(stated.split(".")[1]) if "." in stated else 0
    step = 10 ** -places
    return abs(real - float(stated)) <= step / 2 + 1e-9 or 0 <= real - float(stated) < step + 1e-9
