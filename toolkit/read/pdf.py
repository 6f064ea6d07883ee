"""PDF submissions: paragraphs rebuilt from lines, tables recovered.

Pages are parsed by pdfium (``pdfium.py``, fast C); pdfplumber's ruling-line
table finding, as ``ruling.py``, locates the tables; characters are grouped
into lines and cells here, in one pass each.

Word/WPS exports break Chinese text into positioned lines, insert spaces
between CJK characters, double glyphs for fake bold and use Kangxi-radical
look-alikes. This reader undoes each: ``dedupe_chars``, ``map_radicals``,
``squeeze_cjk_spaces``, and joins wrapped lines back into paragraphs by
position (a wrapped line runs to the right margin and the next one is not
indented). Table areas come out of the text flow and become Tables.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..cn.outline import DATE_LINE, starts_item
from ..cn.text import map_radicals, squeeze_cjk_spaces
from ..errors import ReadError
from ..model import Cell, Document, Metadata, Paragraph, Table
from .limits import MAX_PAGES, too_many_pages
from .ruling import Found, find_tables

ENCRYPTED = "文件已加密，请提交未加密版本"
NO_TEXT = "PDF 没有可提取的文字（可能是扫描件），需要OCR或重新提交"
CID_TEXT = "PDF 中的文字编码无法识别（(cid:…) 字形），需要OCR或重新提交"

_END = tuple("。！？：；!?;…")  # a line ending with these ends its paragraph
_PAGE_NO = re.compile(r"^[-—–－\s]*(?:第?\s*\d+\s*页?(?:\s*[/／共]\s*\d+\s*页?)?|[IVXLCivxlc]+)[-—–－\s]*$")
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…{2,}|(?:\s?[.·]){3,})\s*\d+$")  # 目录 line: title …… 12
_ASCII_END = re.compile(r"[A-Za-z0-9,.]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9(]")
_LABEL = re.compile(r"^[\u4e00-\u9fff\s]{1,8}[：:]\S")  # a form's label line: 手机：138…
_SUBTITLE = re.compile(r"^\s*[—–（(]")  # ——在…上的讲话, （2026年10月9日）: a line of its own under a title


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")  # symbol-font bullets (Wingdings), not text


def clean(text: str) -> str:
    return squeeze_cjk_spaces(map_radicals(_PRIVATE_USE.sub("", text))).strip()


def line_text(chars: list[dict]) -> str:
    """A line's text from its characters. A gap of a character or more is a
    separator a person sees (``姓名：张三    性别：男``) and stays as two spaces;
    narrower gaps are word spaces, dropped between CJK characters by ``clean``."""
    segments: list[list[str]] = [[]]
    prev = None
    for c in chars:
        if c["text"].isspace():
            continue
        if prev is not None:
            gap = c["x0"] - prev["x1"]
            if gap >= 1.2 * max(c["size"], prev["size"], 1.0):
                segments.append([])
            elif gap > max(3.0, 0.25 * c["size"]):  # pdfplumber's x_tolerance, or a quarter em
                segments[-1].append(" ")
        segments[-1].append(c["text"])
        prev = c
    return "  ".join(t for t in (clean("".join(seg)) for seg in segments) if t)


def dedupe(chars: list[dict]) -> list[dict]:
    """Drop a glyph drawn again within 1 pt of the same glyph: Word/WPS fake
    bold. (pdfplumber's ``dedupe_chars`` does the same by sorting and
    clustering; a grid of 1-pt buckets does it in one pass.)"""
    if len({(c["text"], int(c["x0"]), int(c["top"])) for c in chars}) == len(chars):
        return chars  # no two alike glyphs share even a 1-pt cell: nothing doubled (the usual case)
    seen: dict[tuple, list[tuple[float, float]]] = {}
    out = []
    for c in chars:
        x, y, text = c["x0"], c["top"], c["text"]
        kx, ky = int(x), int(y)
        if any(abs(px - x) <= 1 and abs(py - y) <= 1
               for dx in (-1, 0, 1) for dy in (-1, 0, 1)
               for px, py in seen.get((text, kx + dx, ky + dy), ())):
            continue
        seen.setdefault((text, kx, ky), []).append((x, y))
        out.append(c)
    return out


def text_lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines (each top within 3 pt of the previous, as
    pdfplumber clusters them), top to bottom, each left to right. Where a font
    gives glyph-tight boxes (a 楷体 or 仿宋 substitute), a comma's top lies well
    below its line's: a character whose middle is above the line's bottom stays on it."""
    lines: list[list[dict]] = []
    top = bottom = None
    for c in sorted(chars, key=lambda c: c["top"]):
        if top is None or c["top"] - top > 3.0 and (c["top"] + c["bottom"]) / 2 > bottom:
            lines.append([])  # chained, like pdfplumber's cluster_objects
            bottom = c["bottom"]
        lines[-1].append(c)
        top, bottom = c["top"], max(bottom, c["bottom"])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


@dataclass(slots=True)
class _Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    conf: float | None = None


def conf(chars: list[dict]) -> float | None:
    """The lowest recognition confidence among ``chars`` (None for a text layer)."""
    return min((c["conf"] for c in chars if "conf" in c), default=None)


def read_pdf(path: str) -> Document:
    import pypdfium2 as pdfium

    from .pdfium import load_page

    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(ENCRYPTED) from exc
        raise ReadError("文件已损坏，无法作为 PDF 打开") from exc
    if len(pdf) > MAX_PAGES:
        pages = len(pdf)
        pdf.close()
        raise too_many_pages(pages)
    try:
        doc = Document(path=path, format="pdf", pages=len(pdf), metadata=_metadata(pdf.get_metadata_dict()))
        pages = Pages()
        for pno in range(len(pdf)):
            page = pdf[pno]
            try:
                data = load_page(page)
                if not data.chars and data.images:  # a scanned page: read the picture
                    data = _scanned(page, data, doc)
            finally:
                page.close()  # one page in memory at a time
            pages.add(data, pno + 1)
    finally:
        pdf.close()
    if not pages.chars:
        raise ReadError(_missing_ocr(NO_TEXT) if pages.blank else NO_TEXT)
    if pages.unmapped > 0.3 * pages.chars:
        raise ReadError(CID_TEXT)
    if pages.blank:
        doc.notes.append(_missing_ocr(f"第{'、'.join(map(str, pages.blank))}页没有文字层（可能是扫描页），其内容未读取"))
    if doc.ocr:
        _scan_note(doc, pages)
    return assemble(doc, pages)


def _scanned(page, data, doc: Document):
    """The page's picture read by OCR (``ocr.py``), or ``data`` unchanged when
    the ``[ocr]`` extra is not installed."""
    from . import ocr

    if not ocr.available():
        return data
    doc.ocr = True
    return ocr.read_pdf_page(page, data)


def _scan_note(doc: Document, pages: "Pages") -> None:
    from .ocr import note

    scanned = [pno for pno, ocr_read in pages.recognised.items() if ocr_read]
    doc.notes.append(note(scanned if len(scanned) < (doc.pages or 0) else None))


def _missing_ocr(message: str) -> str:
    from .ocr import MISSING, available

    return message if available() else f"{message}；{MISSING}"


def assemble(doc: Document, pages: "Pages") -> Document:
    """Fill ``doc`` with the paragraphs and tables of the pages gathered."""
    body, doc.headers, doc.footers = _split_margins(pages.lines, pages.heights)
    doc.paragraphs, starts = _paragraphs(body)
    doc.tables = pages.tables
    for table, where in zip(doc.tables, pages.table_tops):
        table.position = sum(1 for ln in starts if (ln.page, ln.top) < where)
    return doc


class Pages:
    """What the pages yield, gathered page by page. A page is a
    ``pdfium.PageData``: from the text layer, or from OCR of its picture (chars
    then carry a ``conf``)."""

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self.tables: list[Table] = []
        self.table_tops: list[tuple[int, float]] = []  # (page, top) of each table
        self.heights: dict[int, float] = {}
        self.chars = self.unmapped = 0
        self.blank: list[int] = []  # pages with images and no text: scanned
        self.recognised: dict[int, bool] = {}  # page → its text came from OCR

    def add(self, page, pno: int) -> None:
        page.chars = dedupe(page.chars)
        self.recognised[pno] = bool(page.chars) and "conf" in page.chars[0]
        self.heights[pno] = page.height
        self.chars += len(page.chars)
        self.unmapped += page.unmapped
        if not page.chars:
            if page.images:
                self.blank.append(pno)
            return
        boxes = []
        if page.edges:  # ruled tables only; skip the search on pages without lines
            for found in find_tables(page.edges):
                table = _table(found, page.chars, pno, len(self.tables) + 1)
                if table is not None:
                    self.tables.append(table)
                    self.table_tops.append((pno, found.bbox[1]))
                    boxes.append(found.bbox)
        chars = [c for c in page.chars if not _inside(c, boxes)] if boxes else page.chars
        for line in text_lines(chars):
            text = line_text(line)
            if text:
                self.lines.append(_Line(pno, text, min(c["x0"] for c in line), max(c["x1"] for c in line),
                                        min(c["top"] for c in line), max(c["bottom"] for c in line),
                                        line[0]["size"], conf(line)))


def _inside(char: dict, boxes) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


# -- tables -------------------------------------------------------------------
def _table(found: Found, chars: list[dict], pno: int, index: int) -> Table | None:
    """A Table from the cell boxes found: spans from the grid lines each box
    covers, text from the characters whose centres fall inside it."""
    from bisect import bisect_right

    boxes = found.cells
    xs = sorted({round(c[0], 1) for c in boxes})
    ys = sorted({round(c[1], 1) for c in boxes})
    if len(xs) < 2:
        return None  # one column: a frame around text, not a table
    owner: dict[tuple[int, int], int] = {}  # grid slot → index of the box covering it
    spans = []
    for k, (x0, top, x1, bottom) in enumerate(boxes):
        c0, r0 = bisect_right(xs, x0 + 0.5) - 1, bisect_right(ys, top + 0.5) - 1
        c1, r1 = bisect_right(xs, x1 - 0.5), bisect_right(ys, bottom - 0.5)
        spans.append((r0 + 1, c0 + 1, max(1, r1 - r0), max(1, c1 - c0)))
        owner.update(((r, c), k) for r in range(r0, r1) for c in range(c0, c1))
    inside: list[list[dict]] = [[] for _ in boxes]
    x_min, y_min, x_max, y_max = found.bbox
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        if x_min <= cx < x_max and y_min <= cy < y_max:
            k = owner.get((bisect_right(ys, cy) - 1, bisect_right(xs, cx) - 1))
            if k is not None:
                inside[k].append(ch)
    cells = [Cell(row=r, col=c, text=_cell_text(inside[k], boxes[k]), rowspan=rs, colspan=cs, conf=conf(inside[k]))
             for k, (r, c, rs, cs) in enumerate(spans)]
    if sum(1 for c in cells if c.text) < 2:
        return None  # a frame or layout box around text: leave the text in the flow
    cells.sort(key=lambda c: (c.row, c.col))
    return Table(index=index, cells=cells, page=pno)


def _cell_text(chars: list[dict], bbox) -> str:
    """A cell's lines, joined back where the text wrapped at the cell's right
    edge; kept apart where a line stops short, ends a sentence or the next
    starts a list item, and where all lines are equally long (a list of names
    in a column sized to fit them, not wrapped text)."""
    lines = [(line_text(ln), max(c["x1"] for c in ln), max(c["size"] for c in ln)) for ln in text_lines(chars)]
    lines = [ln for ln in lines if ln[0]]
    if len(lines) < 2:
        return lines[0][0] if lines else ""
    size = max(s for _, _, s in lines)
    if max(x for _, x, _ in lines) - min(x for _, x, _ in lines) < size:
        return "\n".join(t for t, _, _ in lines)
    out: list[str] = []
    wrapped = False
    for text, x1, _ in lines:
        if out and wrapped and not starts_item(text):
            sep = " " if _ASCII_END.search(out[-1]) and _ASCII_START.match(text) else ""
            out[-1] += sep + text
        else:
            out.append(text)
        wrapped = x1 >= bbox[2] - 2 * size and not text.endswith(_END)
    return "\n".join(out)


# -- running heads, page numbers, paragraphs -----------------------------------
def _split_margins(lines: list[_Line], heights: dict[int, float]) -> tuple[list[_Line], list[str], list[str]]:
    """Take page numbers and running heads/feet (the same line near the top or
    bottom of most pages) out of the body."""
    def key(ln: _Line) -> str:
        return re.sub(r"\d+", "#", ln.text)

    def zone(ln: _Line, share: float) -> str | None:
        h = heights[ln.page]
        return "top" if ln.bottom < h * share else "bottom" if ln.top > h * (1 - share) else None

    npages = len({ln.page for ln in lines})
    counts = Counter(key(ln) for ln in lines if zone(ln, 0.15))
    repeated = {k for k, n in counts.items() if npages >= 2 and n >= max(2, npages / 2)}
    headers: list[str] = []
    footers: list[str] = []
    body = []
    for ln in lines:
        where = zone(ln, 0.15)
        if where and (key(ln) in repeated or (zone(ln, 0.1) and _PAGE_NO.match(ln.text))):
            sink = headers if where == "top" else footers
            if ln.text not in sink:
                sink.append(ln.text)
        else:
            body.append(ln)
    return body, headers, footers


def _mode(values) -> float:
    counts = Counter(round(v) for v in values)
    return counts.most_common(1)[0][0] if counts else 0.0


def _paragraphs(lines: list[_Line]) -> tuple[list[Paragraph], list[_Line]]:
    """Join wrapped lines; return the paragraphs and the line each starts with."""
    if not lines:
        return [], []
    left = _mode(ln.x0 for ln in lines)
    right = sorted(ln.x1 for ln in lines)[int(len(lines) * 0.9)]
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and b.top > a.bottom]
    gap = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    body = _mode(ln.size for ln in lines for _ in ln.text)
    paragraphs: list[Paragraph] = []
    starts: list[_Line] = []
    for i, ln in enumerate(lines):
        prev = lines[i - 1] if i else None
        if prev is not None and _continues(prev, ln, left, right, gap, body):
            p = paragraphs[-1]
            sep = " " if _ASCII_END.search(p.text) and _ASCII_START.match(ln.text) else ""
            p.text += sep + ln.text
            if ln.conf is not None:
                p.conf = min(ln.conf, p.conf if p.conf is not None else 1.0)
            continue
        paragraphs.append(Paragraph(index=len(paragraphs) + 1, text=ln.text, page=ln.page, conf=ln.conf))
        starts.append(ln)
    _heading_levels(paragraphs, starts, lines)
    return paragraphs, starts


def _heading_levels(paragraphs: list[Paragraph], starts: list[_Line], lines: list[_Line]) -> None:
    """Short paragraphs set larger than the body text are headings; the
    largest size is level 1. (Same-size bold headings stay unknown.)"""
    weight = Counter()
    for ln in lines:
        weight[round(ln.size)] += len(ln.text)
    if not weight:
        return
    body = weight.most_common(1)[0][0]
    sizes = sorted({round(s.size) for p, s in zip(paragraphs, starts)
                    if round(s.size) >= body + 2 and len(p.text) <= 40}, reverse=True)[:4]
    for p, s in zip(paragraphs, starts):
        if round(s.size) in sizes and len(p.text) <= 40:
            p.level = sizes.index(round(s.size)) + 1


def _continues(a: _Line, b: _Line, left: float, right: float, gap: float, body: float) -> bool:
    """Is ``b`` the wrapped continuation of ``a``? (``body``: the size most text is set in.)"""
    w = max(a.size, 1.0)
    if a.text.endswith(_END) or starts_item(b.text) or abs(a.size - b.size) > 1 or _TOC_ENTRY.search(a.text):
        return False
    if _LABEL.match(a.text) and _LABEL.match(b.text):  # label lines of a form, each its own
        return False
    if DATE_LINE.match(b.text):  # a date alone on its line: the 成文日期 under the 落款, a form's date
        return False
    if a.page == b.page and b.top - a.bottom > gap * 1.8 + w * 0.3:
        return False
    if a.size >= body + 2 and b.x0 > left + w and abs((a.x0 + a.x1) - (b.x0 + b.x1)) / 2 <= w:
        return not _SUBTITLE.match(b.text)  # a title or 版头 set large, centred over two lines
    if a.x1 < right - 2 * w:  # a stopped short of the margin: its paragraph ended
        return False
    return b.x0 <= min(a.x0, left) + w * 0.6  # b is indented: a new paragraph


def _metadata(info: dict) -> Metadata:  # the PDF Info dictionary
    def text(key: str) -> str | None:
        v = info.get(key)
        if isinstance(v, bytes):
            v = v.decode("utf-8", "ignore")
        return v.strip() if isinstance(v, str) and v.strip() else None

    return Metadata(author=text("Author"), created=_pdf_date(text("CreationDate")),
                    modified=_pdf_date(text("ModDate")), title=text("Title"))


def _pdf_date(value: str | None) -> str | None:
    """``D:20240105093000+08'00'`` → ``2024-01-05T09:30:00``."""
    m = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?", value or "")
    if not m:
        return None
    y, mo, d, h, mi, s = (g or dflt for g, dflt in zip(m.groups(), ("", "01", "01", "00", "00", "00")))
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}"
