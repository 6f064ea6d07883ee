"""Real .7z and .rar archives for the tests, made here (no archiver is needed at test time).

    seven_zip(path, {"化工/总结.txt": b"…"})     # LZMA-compressed, written by libarchive
    rar4(path, {"化工/总结.txt": b"…"})          # RAR 4 with stored members (a .rar from WinRAR's "store")

libarchive writes 7-Zip but not RAR (a proprietary writer), so ``rar4`` writes the RAR 4 block
format itself: a marker block, an archive header, one file header (CRC-16 of the header, CRC-32 of
the data, method "store", the name in UTF-8 with the Unicode flag) before each member's bytes, and
an end-of-archive block. Names are written as given: ``..`` and absolute paths are for hostile cases.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

_MARKER = b"Rar!\x1a\x07\x00"
_END = bytes.fromhex("c43d7b00400700")
_DOS_TIME = (2025 - 1980) << 25 | 10 << 21 | 20 << 16  # 2025-10-20 00:00
_LONG_BLOCK, _UNICODE, _PASSWORD = 0x8000, 0x0200, 0x0004
_FILE_ATTR, _LINK_ATTR = 0o100644, 0o120777  # Unix modes (host OS 3)


def _block(head_type: int, flags: int, body: bytes) -> bytes:
    header = struct.pack("<BHH", head_type, flags, 7 + len(body)) + body
    return struct.pack("<H", zlib.crc32(header) & 0xFFFF) + header


def rar4(path: Path, members: dict[str, bytes], links: dict[str, str] | None = None, locked: bool = False) -> Path:
    """Write a RAR 4 archive of ``members`` (stored), plus symbolic ``links`` (name → target);
    ``locked``: members flagged as encrypted (as WinRAR marks them under a password)."""
    out = bytearray(_MARKER + _block(0x73, 0, b"\0" * 6))
    entries = [(name, data, _FILE_ATTR) for name, data in members.items()]
    entries += [(name, target.encode(), _LINK_ATTR) for name, target in (links or {}).items()]
    for name, data, attr in entries:
        raw = name.encode("utf-8")
        body = struct.pack("<IIBIIBBHI", len(data), len(data), 3, zlib.crc32(data), _DOS_TIME, 20, 0x30,
                           len(raw), attr) + raw
        out += _block(0x74, _LONG_BLOCK | _UNICODE | (_PASSWORD if locked else 0), body) + data
    out += _END
    Path(path).write_bytes(bytes(out))
    return Path(path)


def seven_zip(path: Path, members: dict[str, bytes]) -> Path:
    """Write a 7-Zip archive of ``members`` (LZMA, as 7-Zip makes it by default)."""
    import libarchive

    with libarchive.file_writer(str(path), "7zip") as archive:
        for name, data in members.items():
            archive.add_file_from_memory(name, len(data), data)
    return Path(path)
