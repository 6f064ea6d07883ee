"""Plain text submissions: one paragraph per line, in the encoding ``cn.encoding`` tells; a table
saved as text (.csv, or an office system's .xls) is one table (``read.delimited``)."""

from __future__ import annotations

from ..cn.encoding import NAMES, detect_text
from ..errors import ReadError
from ..model import Document, Paragraph
from .delimited import is_table_name, split_rows, table_of

UNREADABLE = "无法识别文本编码，读出的会是乱码（支持 UTF-8、UTF-16、UTF-32、GBK/GB18030、Big5、Shift_JIS）；请另存为 UTF-8 后重新提交"


def read_txt(path: str) -> Document:
    with open(path, "rb") as fh:
        data = fh.read()
    found = detect_text(data)
    if found is None:
        raise ReadError(UNREADABLE)
    text, encoding = found
    notes = [f"文件是{NAMES[encoding]}编码，已按该编码读取"] if encoding in ("big5", "shift_jis") else []
    if is_table_name(path) and (rows := split_rows(text)):
        return Document(path=path, format="txt", tables=[table_of(rows)], notes=notes)
    lines = [line.strip() for line in text.splitlines()]
    # One paragraph per line, numbered by line: a blank line keeps its number.
    paragraphs = [Paragraph(index=i, text=t) for i, t in enumerate(lines, start=1) if t]
    return Document(path=path, format="txt", paragraphs=paragraphs, notes=notes)
