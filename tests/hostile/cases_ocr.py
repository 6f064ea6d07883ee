"""Pictures that would hurt the OCR path: a small file claiming a huge picture,
a truncated photo, a picture named as a document, a picture-only .docx whose
picture is broken. Each is listed; none takes the memory it claims."""

from __future__ import annotations

import io
import struct
import zlib

from .corpus import Context, Run, case


def _png(width: int, height: int, rows: int | None = None) -> bytes:
    """A grey PNG header claiming width×height; only ``rows`` rows of data (all, when None)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    comp = zlib.compressobj(9)
    row = b"\0" + b"\xff" * width
    data = b"".join(comp.compress(row) for _ in range(height if rows is None else rows)) + comp.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


@case("picture-bombs")
def picture_bombs(ctx: Context) -> Run:
    import docx

    src = ctx.dir / "in"
    src.mkdir()
    (src / "巨图.png").write_bytes(_png(60000, 60000, rows=50))  # claims 3.6 billion pixels
    (src / "截断照片.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200)
    (src / "照片当文档.docx").write_bytes(_png(300, 200))
    d = docx.Document()
    d.add_picture(io.BytesIO(_png(300, 200)))
    buf = io.BytesIO()
    d.save(buf)
    (src / "贴图.docx").write_bytes(buf.getvalue())
    names = ["巨图.png", "截断照片.jpg", "照片当文档.docx", "贴图.docx"]
    return Run(["check", "in", "--format", "json", "--jobs", "2"], listed=names)
