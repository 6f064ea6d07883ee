"""Plain text submissions: UTF-8 (with or without BOM), UTF-16 with BOM, GBK/GB18030."""

from __future__ import annotations

from ..errors import ReadError
from ..model import Document, Paragraph

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Control characters other than tab/newline/carriage return/form feed mean binary data.
_BINARY = bytes(range(0, 9)) + b"\x0b\x0e\x0f" + bytes(range(0x10, 0x1b)) + bytes(range(0x1c, 0x20))


def decode_text(data: bytes, partial: bool = False) -> str | None:
    """Decode ``data`` as text, or return None when it does not look like text.

    ``partial`` means ``data`` is the head of a longer file, so a multi-byte
    character may be cut at the end.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                if partial:
                    return data[:-3].decode(enc, errors="ignore")
                return None
    if any(b in _BINARY for b in data[:4096]):
        return None
    for enc in ("utf-8", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError as exc:
            if partial and exc.start >= len(data) - 4:
                return data[: exc.start].decode(enc)
    return None


def read_txt(path: str) -> Document:
    with open(path, "rb") as fh:
        data = fh.read()
    text = decode_text(data)
    if text is None:
        raise ReadError("无法识别文本编码（支持 UTF-8、GBK/GB18030）")
    lines = [line.strip() for line in text.splitlines()]
    # One paragraph per line, numbered by line: a blank line keeps its number.
    paragraphs = [Paragraph(index=i, text=t) for i, t in enumerate(lines, start=1) if t]
    return Document(path=path, format="txt", paragraphs=paragraphs)
