"""Citizen ID numbers (GB 11643-1999).

Eighteen characters: 6-digit area code, birth date YYYYMMDD, 3-digit sequence
(odd for men, even for women) and a check character from ISO 7064 MOD 11-2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import PartialDate

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
ID_PATTERN = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])")
# First two digits: province-level codes in use (GB/T 2260).
PROVINCES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83 91".split()
)


def check_char(first17: str) -> str:
    """The check character for the first 17 digits."""
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS)) % 11]


@dataclass(frozen=True, slots=True)
class IdInfo:
    number: str
    well_formed: bool  # 18 characters, digits and a final digit or X
    check_ok: bool
    birth: PartialDate | None  # None when the birth digits are not a date
    gender: str | None  # "男" / "女"
    area_ok: bool


def parse_id(number: str) -> IdInfo:
    """Decode an ID number; never raises."""
    n = str(number).strip().upper().replace(" ", "")
    if not re.fullmatch(r"\d{17}[\dX]", n):
        return IdInfo(n, False, False, None, None, False)
    birth = PartialDate(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    if not birth.valid or not 1900 <= birth.year <= 2100:
        birth = None
    return IdInfo(
        number=n,
        well_formed=True,
        check_ok=check_char(n[:17]) == n[17],
        birth=birth,
        gender="男" if int(n[16]) % 2 else "女",
        area_ok=n[:2] in PROVINCES,
    )


def make_id(area: str, birth: str, seq: int, male: bool) -> str:
    """Build a valid number (for examples and tests). ``birth`` is YYYYMMDD."""
    seq3 = seq * 2 + (1 if male else 0)
    body = f"{area}{birth}{seq3 % 1000:03d}"
    return body + check_char(body)
