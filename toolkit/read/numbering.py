"""Automatic list numbering of a .docx, computed as Word shows it.

Word stores ``一、`` ``（一）`` ``1.`` not as text but as a numbering
definition (numbering.xml: ``w:abstractNum`` levels with ``w:numFmt`` and
``w:lvlText``) plus a counter that advances with each numbered paragraph.
python-docx drops it; a reader that misses it loses the headings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..cn.numbers import int_to_cn
from ..ooxml.ns import W
_CJK_PUNCT_END = tuple("、．）」】〕：")  # no gap after these; ASCII "1." keeps one

_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def _roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz.
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word ``w:numFmt``."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "chineseLegalSimplified", "ideographLegalTraditional"):
        return int_to_cn(n)
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


@dataclass(slots=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = "tab"
    legal: bool = False  # isLgl: show all levels as decimal


@dataclass
class Numbering:
    """Numbering definitions plus the running counters of one document part."""

    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int], dict[int, Level]]] = field(default_factory=dict)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def parse(cls, root) -> "Numbering":
        self = cls()
        if root is None:
            return self
        for an in root.iter(W + "abstractNum"):
            self.abstract[an.get(W + "abstractNumId")] = {
                int(lvl.get(W + "ilvl", "0")): _level(lvl) for lvl in an.iter(W + "lvl")}
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            starts: dict[int, int] = {}
            overrides: dict[int, Level] = {}
            for ov in num.iter(W + "lvlOverride"):
                ilvl = int(ov.get(W + "ilvl", "0"))
                so = ov.find(W + "startOverride")
                if so is not None:
                    starts[ilvl] = int(so.get(W + "val", "1"))
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    overrides[ilvl] = _level(lvl)
            self.nums[num.get(W + "numId")] = (ref.get(W + "val") if ref is not None else "", starts, overrides)
        return self

    def _levels(self, num_id: str) -> tuple[dict[int, Level], dict[int, int]] | None:
        entry = self.nums.get(num_id)
        if entry is None:
            return None
        abstract_id, starts, overrides = entry
        levels = dict(self.abstract.get(abstract_id, {}))
        levels.update(overrides)
        return levels, starts

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the visible label,
        with the separator Word puts before the paragraph text."""
        found = self._levels(num_id)
        if found is None:
            return ""
        levels, starts = found
        level = levels.get(ilvl)
        if level is None:
            return ""
        # Word continues one list across the w:num instances of an abstractNum;
        # only an instance that restarts (startOverride) counts on its own.
        key = num_id if starts else "abstract:" + self.nums[num_id][0]
        counters = self.counters.setdefault(key, [None] * 9)
        ilvl = min(ilvl, 8)
        counters[ilvl] = (starts.get(ilvl, level.start) if counters[ilvl] is None else counters[ilvl] + 1)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        if level.fmt == "bullet":
            return ""  # bullet glyphs are symbol-font characters, not text
        text = level.text
        for k in range(ilvl, -1, -1):
            if f"%{k + 1}" not in text:
                continue
            lv = levels.get(k, Level())
            value = counters[k] if counters[k] is not None else starts.get(k, lv.start)
            fmt = "decimal" if level.legal and k < ilvl else lv.fmt
            text = text.replace(f"%{k + 1}", format_number(value, fmt))
        if not text:
            return ""
        if level.suffix == "space":
            return text + " "
        if level.suffix == "nothing" or text.endswith(_CJK_PUNCT_END):
            return text
        return text + " "


def _level(lvl) -> Level:
    def val(tag: str, default: str | None = None) -> str | None:
        el = lvl.find(W + tag)
        return el.get(W + "val", default) if el is not None else default

    return Level(fmt=val("numFmt", "decimal") or "decimal", text=val("lvlText", "") or "",
                 start=int(val("start", "1") or 1), suffix=val("suff", "tab") or "tab",
                 legal=lvl.find(W + "isLgl") is not None)
