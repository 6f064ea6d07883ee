"""Masking of ID and phone numbers in reports (shown only with ``--show-pii``)."""

from __future__ import annotations

import re

_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])")
_PHONE = re.compile(r"(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)")


def mask_pii(text: str) -> str:
    """``110101200405061090`` → ``110101********1090``; ``13812345678`` → ``138****5678``."""
    if not text:
        return text
    text = _ID.sub(lambda m: m.group(1) + "*" * 8 + m.group(2), text)
    return _PHONE.sub(lambda m: m.group(1) + "****" + m.group(2), text)
