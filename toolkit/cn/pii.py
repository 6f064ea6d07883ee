"""Masking of ID and phone numbers in reports (shown only with ``--show-pii``).

Every common written form is masked, not only the bare one: 18- and 15-digit ID numbers, with spaces
or hyphens between their groups, glued to letters (``ID3201…``); mobile numbers as ``139-5123-4567``,
``139 5123 4567``, ``+86 139 5123 4567``; landlines with an area code (``025-8359 1234``,
``(0512)65123456``). Separators are kept, digits in the middle become ``*``.
"""

from __future__ import annotations

import re

_SEP = "[ -]?"
_DATE8 = r"(?:1[89]|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
_DATE6 = r"\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
# 18 digits as written: bare, 6-8-4, 6-4-4-4 or 4-4-4-4-2 (a separator between the groups only).
_ID18 = (r"\d{17}[\dXx]",
         rf"\d{{6}}[ -]{_DATE8}[ -]\d{{3}}[\dXx]",
         r"\d{6}[ -]\d{4}[ -]\d{4}[ -]\d{3}[\dXx]",
         r"\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}[ -]\d[\dXx]")
_ID = re.compile(r"(?<!\d)(?:" + "|".join(_ID18) + rf"|[1-8]\d{{5}}{_SEP}{_DATE6}{_SEP}\d{{3}})(?![\dXx])")
_MOBILE = re.compile(r"(?<![\d+])((?:(?:\+|00)86|\(\+?86\))[ -]?)?1[3-9]\d(?:\d{8}|([ -])\d{4}\2\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(?:0\d{2,3}-|0\d{2,3} |\(0\d{2,3}\) ?|（0\d{2,3}）)\d{3,4}[ -]?\d{4}(?!\d)")


def _keep(text: str, head: int, tail: int) -> str:
    """``text`` with every digit but the first ``head`` and the last ``tail`` characters as ``*``."""
    digits = [i for i, c in enumerate(text) if c.isdigit() or c in "Xx"]
    hidden = set(digits[head:len(digits) - tail])
    return "".join("*" if i in hidden else c for i, c in enumerate(text))


def _mobile(m: re.Match) -> str:
    prefix = m.group(1) or ""
    return prefix + _keep(m.group(0)[len(prefix):], 3, 4)


def _landline(m: re.Match) -> str:
    text = m.group(0)
    area = re.match(r"\D*0\d{2,3}\D+", text).group(0)  # type: ignore[union-attr]
    return area + _keep(text[len(area):], 0, 4)


def mask_pii(text: str) -> str:
    """``110101200405061090`` → ``110101********1090``; ``13812345678`` → ``138****5678``;
    ``139 5123 4567`` → ``139 **** 4567``; ``025-83591234`` → ``025-****1234``."""
    if not text:
        return text
    text = _ID.sub(lambda m: _keep(m.group(0), 6, 4 if len(re.sub(r"\D", "", m.group(0))) >= 17 else 3), text)
    text = _MOBILE.sub(_mobile, text)
    return _LANDLINE.sub(_landline, text)
