"""Telling the encoding of Chinese text: UTF-8, UTF-16/UTF-32 (with or without BOM), GBK/GB18030, Big5, Shift_JIS."""

from __future__ import annotations

import re

# UTF-32 before UTF-16: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Control characters other than tab/newline/carriage return/form feed mean binary data.
_BINARY = bytes(range(0, 9)) + b"\x0b\x0e\x0f" + bytes(range(0x10, 0x1b)) + bytes(range(0x1c, 0x20))
_PRIVATE = re.compile("[\ue000-\uf8ff]")  # what GB18030 gives for its user-defined byte areas
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
# Legacy multi-byte encodings, tried in this order; GB18030 accepts almost any byte pair, so a Big5
# or Shift_JIS file also "decodes" as GB18030 (into rare characters and kana: invented text).
LEGACY_ENCODINGS = ("gb18030", "big5", "shift_jis")
NAMES = {"big5": "繁体中文 Big5", "shift_jis": "日文 Shift_JIS", "utf-32": "UTF-32"}
_COMMON = 0.8  # share of an encoding's everyday characters in real text (measured: 0.95+; garbled: < 0.6)
_SAMPLE = 20000  # characters judged: enough to tell, cheap on a 50 MB file
_MIN_JUDGED = 4  # fewer telling characters than this: too little to judge, keep GB18030


def _frequent(enc: str, ch: str) -> bool | None:
    """Is ``ch`` one of ``enc``'s everyday characters (True), a rare one (False), or punctuation that
    tells nothing (None)? Everyday: GB2312 level 1, Big5 level 1, kana and JIS level 1 kanji."""
    try:
        code = int.from_bytes(ch.encode("gb2312" if enc == "gb18030" else enc), "big")
    except UnicodeEncodeError:
        return False
    if enc == "gb18030":
        return None if code < 0xB0A1 else code <= 0xD7F9
    if enc == "big5":
        return None if code < 0xA440 else code <= 0xC67E
    return None if code < 0x829F else (code <= 0x8396 or 0x889F <= code <= 0x9872)  # shift_jis


def plausibility(text: str, enc: str) -> tuple[float, int]:
    """Share of ``enc``'s everyday characters among the telling (non-ASCII, non-punctuation) ones in a
    sample of ``text``, and how many were judged."""
    judged = common = 0
    for ch in text[:_SAMPLE]:
        if ch < "\x80" or ch.isspace():
            continue
        verdict = _frequent(enc, ch)
        if verdict is not None:
            judged += 1
            common += verdict
    return (common / judged if judged else 1.0), judged


def _strict(data: bytes, enc: str, partial: bool) -> str | None:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        if partial and exc.start >= len(data) - 4:
            return data[: exc.start].decode(enc, errors="ignore")
    return None


def _legacy(data: bytes, partial: bool) -> tuple[str, str] | None:
    """GB18030 unless the text reads as garbage there (rare characters, kana, private-use code
    points) and as everyday text in Big5 or Shift_JIS; None when it reads as garbage in all."""
    text = _strict(data, "gb18030", partial)
    score, judged = plausibility(text, "gb18030") if text is not None else (0.0, _MIN_JUDGED)
    private = text is not None and bool(_PRIVATE.search(text[:_SAMPLE]))
    if text is not None and not private and (score >= _COMMON or judged < _MIN_JUDGED):
        return text, "gb18030"
    for enc in LEGACY_ENCODINGS[1:]:
        other = _strict(data, enc, partial)
        if other is not None and not _PRIVATE.search(other[:_SAMPLE]):
            other_score, other_judged = plausibility(other, enc)
            if other_score >= _COMMON and other_judged >= min(judged, _MIN_JUDGED):
                return other, enc
    return None if text is None or private or score < 0.5 else (text, "gb18030")


def _without_bom(data: bytes, partial: bool) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 without a byte order mark (NUL bytes in text): accepted only when it
    decodes to text without control characters that reads as everyday Chinese or ASCII."""
    for enc in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        unit = 4 if "32" in enc else 2
        chunk = data[: len(data) - len(data) % unit] if partial else data
        try:
            text = chunk.decode(enc)
        except UnicodeDecodeError:
            continue
        if text and not _CONTROL.search(text[:_SAMPLE]) and plausibility(text, "gb18030")[0] >= _COMMON:
            return text, enc[:6]
    return None


def is_binary(data: bytes) -> bool:
    """Control bytes near the start: binary data, not text in any encoding (UTF-16/32 aside)."""
    return any(b in _BINARY for b in data[:4096])


def detect_text(data: bytes, partial: bool = False) -> tuple[str, str] | None:
    """Decode ``data`` as text: (text, encoding), or None when it is not text or its encoding
    cannot be told (never a guess that invents characters).

    ``partial`` means ``data`` is the head of a longer file, so a multi-byte
    character may be cut at the end.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc.split("-sig")[0]
            except UnicodeDecodeError:
                if partial:
                    unit = 4 if enc == "utf-32" else 2
                    return data[: len(data) - len(data) % unit - unit].decode(enc, errors="ignore"), enc
                return None
    if is_binary(data):
        return _without_bom(data, partial) if b"\x00" in data[:4096] else None
    text = _strict(data, "utf-8", partial)
    return (text, "utf-8") if text is not None else _legacy(data, partial)


def decode_text(data: bytes, partial: bool = False) -> str | None:
    """The text of ``data`` (see ``detect_text``), or None."""
    found = detect_text(data, partial)
    return found[0] if found else None
