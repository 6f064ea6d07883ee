"""Dates as branches write them: ``2004.05``, ``2004年5月``, ``2004-05``, ``二〇〇四年五月``.

Parsed into ``PartialDate`` (year, month and day as precise as the source) and
normalised to ``YYYY-MM`` or ``YYYY-MM-DD`` (contract: convert output).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .numbers import cn_to_int, to_halfwidth_digits

_CN = "零〇一二两三四五六七八九十"
_NUM = rf"(\d{{1,4}}|[{_CN}]{{1,4}})"
_DATE_RE = re.compile(
    rf"(?P<y>\d{{4}}|[{_CN}]{{4}})\s*(?:年|[.\-/．])\s*"
    rf"(?:(?P<m>\d{{1,2}}|[{_CN}]{{1,3}})\s*(?:月|[.\-/．])?\s*"
    rf"(?:(?P<d>\d{{1,2}}|[{_CN}]{{1,3}})\s*(?:日|号)?)?)?"
)
_COMPACT_RE = re.compile(r"(?<!\d)(\d{4})(\d{2})(\d{2})?(?!\d)")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, month or day. ``valid`` is False for 9月31日."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def valid(self) -> bool:
        if self.month is None:
            return True
        if not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        try:
            dt.date(self.year, self.month, self.day)
        except ValueError:
            return False
        return True

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self, default_day: int = 1) -> dt.date:
        """The date, with a missing month/day taken as the first (for ages and order)."""
        return dt.date(self.year, self.month or 1, self.day or default_day)

    def __str__(self) -> str:
        return self.iso()


def parse_date(text: object) -> PartialDate | None:
    """Parse the first date in ``text``; ``None`` when there is none.

    Accepts ``datetime.date``/``datetime``, ``2004.05``, ``2004年5月``,
    ``2004-05-03``, ``2004/5/3``, ``20040503``, ``二〇〇四年五月``.
    Invalid calendar dates (``2026年9月31日``) are returned with ``valid`` False.
    """
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        return PartialDate(text.year, text.month, text.day)
    if isinstance(text, dt.date):
        return PartialDate(text.year, text.month, text.day)
    s = to_halfwidth_digits(str(text)).strip()
    if not s:
        return None
    m = _DATE_RE.search(s)
    if m:
        year = cn_to_int(m.group("y"))
        month = cn_to_int(m.group("m")) if m.group("m") else None
        day = cn_to_int(m.group("d")) if m.group("d") else None
        if year is not None and 1900 <= year <= 2100:
            if month is not None and not 1 <= month <= 12 and day is None:
                month = None  # "2004.5" style decimals that are not months
            return PartialDate(year, month, day)
    m = _COMPACT_RE.search(s)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        day = int(m.group(3)) if m.group(3) else None
        if 1900 <= year <= 2100 and 1 <= month <= 12:
            return PartialDate(year, month, day)
    return None


def full_dates(text: str) -> list[PartialDate]:
    """Every date given to the day in ``text``, in any spelling parse_date reads
    (``2025年10月22日``, ``2025.10.22``, ``二〇二五年十月二十二日``, full-width digits)."""
    s = to_halfwidth_digits(text or "")
    out = []
    for m in _DATE_RE.finditer(s):
        if not m.group("d") or (m.start() and s[m.start() - 1].isdigit()):
            continue
        year, month, day = cn_to_int(m.group("y")), cn_to_int(m.group("m")), cn_to_int(m.group("d"))
        if year is not None and 1900 <= year <= 2100 and month is not None and day is not None:
            d = PartialDate(year, month, day)
            if d.valid:
                out.append(d)
    return out


def normalize_date(text: object) -> str | None:
    """``'2004年5月'`` → ``'2004-05'``; ``None`` when ``text`` holds no date."""
    d = parse_date(text)
    return d.iso() if d else None


def format_cn_date(value: object) -> str:
    """``2026-11-22`` → ``2026年11月22日`` (GB/T 9704: Arabic numerals, no leading zeros)."""
    d = parse_date(value)
    if d is None:
        return str(value)
    out = f"{d.year}年"
    if d.month:
        out += f"{d.month}月"
        if d.day:
            out += f"{d.day}日"
    return out


def age_at(birth: object, when: object) -> int | None:
    """Whole years from ``birth`` to ``when``; with month precision the birthday
    is taken as the first of the month. ``None`` when either is unknown."""
    b, w = parse_date(birth), parse_date(when)
    if b is None or w is None or not b.valid or not w.valid:
        return None
    bd, wd = b.as_date(), w.as_date()
    return wd.year - bd.year - ((wd.month, wd.day) < (bd.month, bd.day))
