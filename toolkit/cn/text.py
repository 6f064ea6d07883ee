"""Text clean-up shared by the readers and extractors."""

from __future__ import annotations

import re
import unicodedata

# Kangxi radicals (U+2F00–U+2FD5) and CJK radicals supplement (U+2E80–U+2EF3)
# are look-alikes that PDF exports emit for ordinary characters (⽣ for 生).
# NFKC maps them; we apply it to those code points only, because NFKC would
# also turn full-width punctuation into half-width, which the checks must see.
_RADICALS = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5]")
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff00-\uffef"
# A space between two CJK characters, or between CJK and a digit (PDF artefact).
_SPURIOUS_SPACE = re.compile(
    rf"(?<=[{CJK}{_CJK_PUNCT}])[ \t\u00a0\u3000]+(?=[{CJK}{_CJK_PUNCT}0-9])"
    rf"|(?<=[0-9{_CJK_PUNCT}])[ \t\u00a0\u3000]+(?=[{CJK}{_CJK_PUNCT}])"
)
_WS = re.compile(r"[ \t\u00a0\u3000]+")
_CJK_CHAR = re.compile(f"[{CJK}]")


def map_radicals(text: str) -> str:
    """``⽣活`` → ``生活``."""
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def squeeze_cjk_spaces(text: str) -> str:
    """Drop spaces a PDF export put between CJK characters or CJK and digits."""
    return _SPURIOUS_SPACE.sub("", text)


def compact(text: str) -> str:
    """Remove all whitespace: for comparing labels such as ``姓 名`` with ``姓名``."""
    return _WS.sub("", text).replace("\n", "").replace("\r", "")


def is_cjk(ch: str) -> bool:
    return _CJK_CHAR.match(ch) is not None


def display_width(text: str) -> int:
    """Columns a terminal uses for ``text``: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal columns."""
    return text + " " * max(0, width - display_width(text))


def listing(items: list[str], limit: int = 10, unit: str = "个") -> str:
    """``甲、乙、丙`` — or, beyond ``limit`` items, ``甲、乙 … 等25个``: a message stays readable
    however many names a hostile file holds."""
    shown = "、".join(items[:limit])
    return f"{shown} 等{len(items)}{unit}" if len(items) > limit else shown
