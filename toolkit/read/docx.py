"""Read a .docx by walking its XML with lxml: everything a person sees.

python-docx skips automatic numbering, text boxes, content controls and
tracked insertions; this walker keeps them, drops deleted text and field
instructions, and resolves merged cells (gridSpan, vMerge, legacy hMerge).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from typing import IO

from ..errors import ReadError, library_words
from ..model import Cell, Document, Metadata, Paragraph, Table
from ..ooxml.body import REVISIONS, UNSHOWN, BlockWalker, hidden_run, is_on, shown_content, text_boxes
from ..ooxml.ns import ALTERNATE, REL, RUN, SDT, STRICT_W, TXBX, T, W
from ..ooxml.table import grid_cells
from .limits import check_declared, parse_xml, read_member
from .numbering import Numbering

_HEADING = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
REVISION_NOTE = "含修订痕迹，已按接受修订处理"
PICTURES_ONLY = "文档中只有图片，没有可提取的文字（可能是拍照或扫描件）"  # read.__init__ then tries OCR


class Styles:
    """Paragraph styles: display name, heading level and numbering, with inheritance.

    Word files carry hundreds of styles (python-docx's template: 350 KB of
    styles.xml) while a submission uses a handful, usually the first few
    (Normal, the headings). So the part is decompressed only as far as the
    styles asked for, found by a byte search, and a style is parsed when a
    paragraph first asks for it.
    """

    _CHUNK = 16384

    def __init__(self, data: bytes | IO[bytes] | None) -> None:
        self._stream = data if data is not None and not isinstance(data, bytes) else None
        self._data = data if isinstance(data, bytes) else b""
        self._cache: dict[str, tuple[str, str | None, int | None, tuple[str, int] | None] | None] = {}
        self._tree: dict[str, object] | None = None  # full parse, when the byte search cannot be used
        self._default: str | None = None
        self._default_known = False
        self._more(4096)
        if self._data and b"<w:styles" not in self._data[:4096]:  # unusual namespace prefix: parse it all
            while self._more():
                pass
            root = parse_xml(self._data)
            self._tree = {st.get(W + "styleId"): st for st in root.iter(W + "style")}
            self._default = next((sid for sid, st in self._tree.items() if st.get(W + "type") == "paragraph"
                                  and st.get(W + "default") in ("1", "true")), None)
            self._default_known = True

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def _more(self, size: int = _CHUNK) -> bool:
        """Decompress the next piece of the part; False at its end."""
        if self._stream is None:
            return False
        chunk = self._stream.read(size)
        if not chunk:
            self.close()
            return False
        self._data += chunk
        return True

    def _find(self, marker: bytes, start: int = 0) -> int:
        """Position of ``marker`` from ``start``, reading on as far as needed; -1 if absent."""
        while True:
            pos = self._data.find(marker, start)
            if pos >= 0:
                return pos
            start = max(start, len(self._data) - len(marker))
            if not self._more():
                return -1

    def _span(self, sid: str) -> tuple[int, int] | None:
        """Where the ``<w:style>`` element with ``sid`` lies in the part."""
        pos = self._find(b'w:styleId="' + sid.encode("utf-8") + b'"')
        if pos < 0:
            return None
        start = self._data.rfind(b"<w:style", 0, pos)
        close = self._find(b">", pos)
        if start < 0 or close < 0:
            return None
        if self._data[close - 1:close] == b"/":
            return start, close + 1
        end = self._find(b"</w:style>", close)
        return (start, end + len(b"</w:style>")) if end >= 0 else None

    @property
    def default(self) -> str | None:
        """The default paragraph style (``w:default="1"`` on a paragraph style)."""
        if not self._default_known:
            self._default_known = True
            pos = 0
            while (pos := self._find(b'w:default="', pos)) >= 0:
                start, close = self._data.rfind(b"<", 0, pos), self._find(b">", pos)
                tag = self._data[start:close + 1]
                pos += 1
                if tag.startswith(b"<w:style") and b'w:type="paragraph"' in tag \
                        and re.search(rb'w:default="(1|true)"', tag):
                    sid = re.search(rb'w:styleId="([^"]*)"', tag)
                    self._default = sid.group(1).decode("utf-8", "replace") if sid else None
                    break
        return self._default

    def _entry(self, sid: str | None):
        if sid is None:
            return None
        if sid in self._cache:
            return self._cache[sid]
        st = None
        if self._tree is not None:
            st = self._tree.get(sid)
        else:
            span = self._span(sid)
            if span is not None:
                fragment = b'<w:styles xmlns:w="' + W[1:-1].encode() + b'">' + self._data[span[0]:span[1]] \
                    + b"</w:styles>"
                try:
                    st = parse_xml(fragment)[0]
                except (ReadError, IndexError):
                    st = None
        entry = None
        if st is not None:
            name_el, based = st.find(W + "name"), st.find(W + "basedOn")
            ppr = st.find(W + "pPr")
            outline = num = None
            if ppr is not None:
                ol = ppr.find(W + "outlineLvl")
                outline = int(ol.get(W + "val", "9")) if ol is not None else None
                num = _num_pr(ppr)
            entry = (name_el.get(W + "val") if name_el is not None else sid,
                     based.get(W + "val") if based is not None else None, outline, num)
        self._cache[sid] = entry
        return entry

    def _chain(self, sid: str | None):
        seen = set()
        while sid is not None and sid not in seen:
            seen.add(sid)
            entry = self._entry(sid)
            if entry is None:
                return
            yield entry
            sid = entry[1]

    def name(self, sid: str | None) -> str | None:
        entry = self._entry(sid or self.default)
        return entry[0] if entry else sid

    def level(self, sid: str | None) -> int | None:
        for name, _, outline, _ in self._chain(sid):
            if outline is not None:
                return outline + 1 if outline < 9 else None
            m = _HEADING.match(name or "")
            if m:
                return int(m.group(1))
        return None

    def numbering(self, sid: str | None) -> tuple[str, int] | None:
        for *_, num in self._chain(sid or self.default):
            if num is not None:
                return num
        return None


def _num_pr(ppr) -> tuple[str, int] | None:
    num_pr = ppr.find(W + "numPr")
    if num_pr is None:
        return None
    num_id, ilvl = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
    return (num_id.get(W + "val") if num_id is not None else "",
            int(ilvl.get(W + "val", "0")) if ilvl is not None else 0)


class _Walker(BlockWalker):
    """Walks one story (body, header, footer) into paragraphs, tables and lines."""

    def __init__(self, styles: Styles, numbering: Numbering | _LazyNumbering, breaks: str | None = None) -> None:
        """``breaks``: which page breaks to count: ``"rendered"`` (Word's
        lastRenderedPageBreak marks), ``"hard"`` (explicit breaks) or None."""
        self.styles, self.numbering = styles, numbering
        self.paragraphs: list[Paragraph] = []
        # Body paragraphs seen, empty ones included: locations count paragraphs as
        # python-docx's ``Document.paragraphs`` does, so blank lines keep their number.
        self.seen = 0
        self.tables: list[Table] = []
        self.page: int | None = 1 if breaks else None
        self._hard = breaks == "hard"
        self.revised = False
        self._first_page: int | None = None  # page of the first visible text seen

    # -- blocks ---------------------------------------------------------------
    # ``blocks(container, cell, lines)`` (BlockWalker): into the body when ``lines`` is None, else
    # as text lines of the enclosing table cell (``cell``: table, row, column) or story.
    def table(self, tbl, cell: tuple[int, int, int] | None = None, lines: list[str] | None = None) -> None:
        table = self._table(tbl, cell)
        if lines is not None:
            lines.extend(_table_lines(table))

    def revision(self, el) -> None:
        self.revised = True

    def paragraph(self, p, cell: tuple[int, int, int] | None = None, lines: list[str] | None = None) -> None:
        ppr = p.find(W + "pPr")
        sid = num = level = None
        if ppr is not None:
            ps = ppr.find(W + "pStyle")
            sid = ps.get(W + "val") if ps is not None else None
            num = _num_pr(ppr)
            ol = ppr.find(W + "outlineLvl")
            if ol is not None:
                v = int(ol.get(W + "val", "9"))
                level = v + 1 if v < 9 else None
            if self.page is not None and is_on(ppr.find(W + "pageBreakBefore")) and self._hard:
                self.page += 1
        if num is None:
            num = self.styles.numbering(sid)
        label = self.numbering.label(*num) if num and num[0] not in ("", "0") else ""
        parts: list[str] = []
        outer_first, self._first_page = self._first_page, None
        self._runs(p, parts)
        page = self._first_page if self._first_page is not None else self.page
        self._first_page = outer_first if outer_first is not None else self._first_page
        text = "".join(parts).strip()
        if text and label:
            text = label + text
        if lines is None:
            self.seen += 1
        if text:
            if lines is not None:
                lines.append(text)
            else:
                self.paragraphs.append(Paragraph(
                    index=self.seen, text=text, style=self.styles.name(sid),
                    level=level if level is not None else self.styles.level(sid), page=page))
        for box in text_boxes(p):
            self.blocks(box, cell, lines)

    # -- runs -----------------------------------------------------------------
    def _runs(self, el, out: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == T:
                text = child.text
                if text:
                    out.append(text)
                    if self._first_page is None and not text.isspace():
                        self._first_page = self.page
            elif tag in UNSHOWN or tag == TXBX:  # a text box is walked after its paragraph
                self.revised |= tag in REVISIONS
            elif tag == RUN:
                if not hidden_run(child):
                    self._runs(child, out)
            elif tag == W + "tab" or tag == W + "ptab":
                out.append("\t")
            elif tag == W + "br":
                kind = child.get(W + "type")
                if kind == "page":
                    if self._hard and self.page is not None:
                        self.page += 1
                elif kind != "column":
                    out.append("\n")
            elif tag == W + "cr":
                out.append("\n")
            elif tag == W + "lastRenderedPageBreak":
                if not self._hard and self.page is not None:
                    self.page += 1
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "sym":
                out.append(_symbol(child))
            elif tag == W + "fldChar":
                out.append(_check_box(child))
            elif tag in (SDT, ALTERNATE):
                content = shown_content(child)
                if content is not None:
                    self._runs(content, out)
            elif isinstance(tag, str):
                self.revised |= tag in REVISIONS
                self._runs(child, out)

    # -- tables ---------------------------------------------------------------
    def _table(self, tbl, parent: tuple[int, int, int] | None) -> Table:
        table = Table(index=len(self.tables) + 1, cells=[], page=self.page,
                      position=self.seen, parent=parent)
        self.tables.append(table)
        outer_first, self._first_page = self._first_page, None
        for gc in grid_cells(tbl):
            lines: list[str] = []
            self.blocks(gc.tc, (table.index, gc.row, gc.col), lines)
            table.cells.append(Cell(row=gc.row, col=gc.col, text="\n".join(lines), colspan=gc.colspan,
                                    rowspan=gc.rowspan))
        if self._first_page is not None:
            table.page = self._first_page
        self._first_page = outer_first if outer_first is not None else self._first_page
        return table


# Check boxes inserted as symbol-font characters (Insert ▸ Symbol), by font and code.
_SYMBOLS = {("wingdings", 0xA8): "□", ("wingdings", 0x6F): "□", ("wingdings", 0xFE): "☑",
            ("wingdings", 0xFD): "☒", ("wingdings", 0x78): "☒", ("wingdings 2", 0xA3): "□",
            ("wingdings 2", 0x52): "☑", ("wingdings 2", 0x54): "☒"}


def _symbol(sym) -> str:
    """The visible character of a ``w:sym``: symbol-font codes (U+F0xx) only
    where known, since they are not the Unicode characters they look like."""
    try:
        code = int(sym.get(W + "char", ""), 16)
    except ValueError:
        return ""
    if code < 0xE000 or code > 0xF8FF:
        return chr(code)
    return _SYMBOLS.get(((sym.get(W + "font") or "").lower(), code & 0xFF), "")


def _check_box(fld_char) -> str:
    """A legacy form check box (FORMCHECKBOX) shows ☑ or □; other fields show their result."""
    box = fld_char.find(f"{W}ffData/{W}checkBox")
    if box is None:
        return ""
    state = box.find(W + "checked")
    if state is None:
        state = box.find(W + "default")
    return "☑" if is_on(state) else "□"


def _table_lines(table: Table) -> list[str]:
    """A nested table's text inside its cell: one line per row, cells tab-separated."""
    out = []
    for row in table.rows():
        line = "\t".join(t for t in row if t)
        if line:
            out.append(line)
    return out


# -- package ------------------------------------------------------------------
class _Package:
    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names = set(zf.namelist())

    def raw(self, name: str | None) -> bytes | None:
        """The part's bytes (see ``read_member``: never more than its header declares)."""
        if not name or name not in self.names:
            return None
        return read_member(self.zf, self.zf.getinfo(name))

    def open(self, name: str | None) -> IO[bytes] | None:
        data = self.raw(name)
        return io.BytesIO(data) if data is not None else None

    def xml(self, name: str | None):
        data = self.raw(name)
        return parse_xml(data) if data is not None else None

    def rels(self, part: str) -> list[tuple[str, str]]:
        """(type suffix, target part name) of the relationships of ``part``."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return []
        out = []
        for rel in root.iter(REL + "Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Type", "").rsplit("/", 1)[-1], target))
        return out


def read_docx(path: str) -> Document:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ReadError("文件已损坏，无法作为 .docx 打开") from exc
    with zf:
        check_declared(zf)  # each part read is inflated no further than it declares (read_member)
        try:
            return _read_package(path, _Package(zf))
        except (zipfile.BadZipFile, EOFError, KeyError, ValueError, zipfile.LargeZipFile) as exc:
            raise ReadError("文件已损坏，无法作为 .docx 打开", detail=library_words(exc)) from exc


def _read_package(path: str, pkg: _Package) -> Document:
    main = next((t for kind, t in pkg.rels("") if kind == "officeDocument"), "word/document.xml")
    root = pkg.xml(main)
    if root is None:
        raise ReadError("文件已损坏：找不到 Word 正文（word/document.xml）")
    if root.tag.startswith(STRICT_W):
        raise ReadError("文件是“Strict Open XML”格式，请在 Word 中另存为普通 .docx 后重新提交")
    body = root.find(W + "body")
    if body is None:
        raise ReadError("文件已损坏：Word 正文中没有内容部分（w:body）")
    rels = pkg.rels(main)
    part = {kind: target for kind, target in rels}
    numbering = _LazyNumbering(lambda: pkg.xml(part.get("numbering")))
    rendered = next(body.iter(W + "lastRenderedPageBreak"), None) is not None
    hard = not rendered and (any(br.get(W + "type") == "page" for br in body.iter(W + "br"))
                             or any(is_on(el) for el in body.iter(W + "pageBreakBefore")))
    styles = Styles(pkg.open(part.get("styles")))
    try:
        walker = _Walker(styles, numbering, "rendered" if rendered else "hard" if hard else None)
        walker.blocks(body)
        stories = _stories(pkg, rels, styles)
    finally:
        styles.close()

    doc = Document(path=path, format="docx", paragraphs=walker.paragraphs, tables=walker.tables)
    if walker.page is not None:
        doc.pages = walker.page
    doc.headers, doc.footers = stories["header"], stories["footer"]
    if walker.revised or stories["revised"]:
        doc.notes.append(REVISION_NOTE)
    doc.metadata, pages = _core(pkg), _app_pages(pkg)
    if pages:
        doc.pages = pages
    if not doc.paragraphs and not any(c.text for t in doc.tables for c in t.cells) \
            and any(n.startswith("word/media/") for n in pkg.names):
        raise ReadError(PICTURES_ONLY)
    return doc


class _LazyNumbering:
    """The body's Numbering, parsed when a paragraph first shows a number
    (most submissions have none, yet carry the template's definitions)."""

    def __init__(self, load) -> None:
        self._load, self._numbering = load, None

    def label(self, num_id: str, ilvl: int) -> str:
        if self._numbering is None:
            self._numbering = Numbering.parse(self._load())
        return self._numbering.label(num_id, ilvl)


def _stories(pkg: _Package, rels, styles: Styles) -> dict:
    out: dict = {"header": [], "footer": [], "revised": False}
    for kind, target in sorted(rels, key=lambda kt: kt[1]):
        if kind not in ("header", "footer"):
            continue
        root = pkg.xml(target)
        if root is None:
            continue
        walker = _Walker(styles, Numbering())
        lines: list[str] = []
        walker.blocks(root, None, lines)
        text = "\n".join(lines)
        out["revised"] |= walker.revised
        if text and text not in out[kind]:
            out[kind].append(text)
    return out


_CORE = {"author": "{http://purl.org/dc/elements/1.1/}creator",
         "last_modified_by": "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy",
         "created": "{http://purl.org/dc/terms/}created",
         "modified": "{http://purl.org/dc/terms/}modified",
         "title": "{http://purl.org/dc/elements/1.1/}title"}


def _core(pkg: _Package) -> Metadata:
    target = next((t for kind, t in pkg.rels("") if kind == "core-properties"), "docProps/core.xml")
    root = pkg.xml(target)
    meta = Metadata()
    if root is not None:
        for attr, tag in _CORE.items():
            el = root.find(tag)
            if el is not None and el.text and el.text.strip():
                setattr(meta, attr, el.text.strip())
    return meta


def _app_pages(pkg: _Package) -> int | None:
    root = pkg.xml("docProps/app.xml")
    if root is None:
        return None
    el = root.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Pages")
    try:
        return int(el.text) if el is not None and el.text else None
    except ValueError:
        return None
