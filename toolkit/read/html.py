"""Web pages that stand in for documents: Word's “另存为网页” (.htm, .mht, often renamed .doc) and the
“Excel” many office systems export (an HTML table named .xls).

Body text outside tables becomes paragraphs (one per block element), each outermost ``<table>`` a
Table with its row and column spans; a table inside a cell gives its text to that cell. Nothing is
fetched: scripts, styles and links are ignored, and lxml's parser never reaches the network.
"""

from __future__ import annotations

import email
import email.policy
import re

from ..cn.encoding import detect_text
from ..errors import ReadError
from ..model import Cell, Document, Paragraph, Table
from .xlsx import MAX_CELLS

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "blockquote", "address",
           "center", "title"}
_IGNORED = {"script", "style", "head", "noscript", "template", "xml"}
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([\w-]+)""", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
MAX_PAGE = 16 * 2**20  # bytes of markup: Word's page for a 100-page report is a few MB (its pictures are apart)
NO_PAGE = "网页中没有找到正文（可能只是一个框架页或链接），请在 Word/WPS 中另存为 .docx 后重新提交"


def _page_bytes(data: bytes) -> tuple[bytes, str | None]:
    """The HTML of a page and the charset it declares; an .mht is a MIME message around it."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1024].lower()
    if head.startswith(b"mime-version:") or b"multipart/related" in head:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.get_content_type() == "text/html":
                return part.get_payload(decode=True) or b"", part.get_content_charset()
        raise ReadError(NO_PAGE)
    found = _CHARSET.search(data[:4096])
    return data, found.group(1).decode("ascii", "ignore") if found else None


def _decode(data: bytes, charset: str | None) -> str:
    if charset:
        try:
            return data.decode({"gb2312": "gb18030", "gbk": "gb18030"}.get(charset.lower(), charset))
        except (LookupError, UnicodeDecodeError):
            pass
    found = detect_text(data)
    if found is None:
        raise ReadError("无法识别网页的文字编码；请在 Word/WPS 中另存为 .docx 后重新提交")
    return found[0]


def _text(el) -> str:
    return _SPACE.sub(" ", el.text_content()).strip()


def _table(el, index: int, position: int) -> Table:
    rows = [tr for tr in el.iter("tr") if next(tr.iterancestors("table"), None) is el]
    cells: list[Cell] = []
    below: set[tuple[int, int]] = set()  # positions a cell from a row above reaches down into
    across: dict[int, list[tuple[int, int]]] = {}  # row → (first column, width) of every cell over it
    claimed = 0
    for r, tr in enumerate(rows, start=1):
        c = 1
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in below:
                c += 1
            rs, cs = (max(1, min(int(v), 1000)) if (v := td.get(a, "1")).isdigit() else 1
                      for a in ("rowspan", "colspan"))
            rs = min(rs, len(rows) - r + 1)
            claimed += rs * cs
            if claimed > MAX_CELLS:  # spans can claim far more cells than the page holds
                raise ReadError(f"网页中的表格过大（超过 {MAX_CELLS // 10_000} 万格），不像一份表格材料，已跳过")
            cells.append(Cell(row=r, col=c, text=_text(td), rowspan=rs, colspan=cs))
            below.update((r + i, c + k) for i in range(1, rs) for k in range(cs))
            for i in range(rs):
                across.setdefault(r + i, []).append((c, cs))
            c += cs
    width = max((cell.col + cell.colspan - 1 for cell in cells), default=0)
    if width * len(rows) > MAX_CELLS:
        raise ReadError(f"网页中的表格过大（{len(rows)} 行 × {width} 列），不像一份表格材料，已跳过")
    for r in range(1, len(rows) + 1):  # a short row: empty cells keep the grid whole
        spans = across.get(r, [])
        if sum(cs for _, cs in spans) < width:
            covered = {c + k for c, cs in spans for k in range(cs)}
            cells += [Cell(row=r, col=c, text="") for c in range(1, width + 1) if c not in covered]
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return Table(index=index, cells=cells, position=position)


def read_html(path: str) -> Document:
    import lxml.html

    with open(path, "rb") as fh:
        data, charset = _page_bytes(fh.read())
    if len(data) > MAX_PAGE:
        raise ReadError(f"网页过大（{len(data) / 2**20:.0f} MB，上限 {MAX_PAGE // 2**20} MB），不像一份提交材料，已跳过")
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(_decode(data, charset), parser=parser)
    except Exception as exc:  # lxml raises ParserError or ValueError on an empty or broken page
        raise ReadError(NO_PAGE) from exc
    doc = Document(path=path, format="html")
    body = root.find("body")
    if body is None:
        raise ReadError(NO_PAGE)

    def add(text: str | None) -> None:
        if text := _SPACE.sub(" ", text or "").strip():
            doc.paragraphs.append(Paragraph(index=len(doc.paragraphs) + 1, text=text))

    def walk(el) -> None:
        add(el.text)
        for child in el:
            if isinstance(child.tag, str) and child.tag not in _IGNORED:
                if child.tag == "table":
                    doc.tables.append(_table(child, len(doc.tables) + 1, len(doc.paragraphs)))
                elif child.find(".//table") is None and not any(
                        isinstance(g.tag, str) and g.tag in _BLOCKS for g in child.iterdescendants()):
                    add(child.text_content())  # a paragraph, or inline text standing alone
                else:
                    walk(child)
            add(child.tail)

    walk(body)
    return doc
