"""OpenDocument spreadsheets (.ods: LibreOffice Calc, WPS and many office systems save them) parsed
straight from their XML, without LibreOffice: every sheet as rows of typed cells (``Sheet``) and
merged ranges, for the submission reader (``read.ods``) and ``generate``'s data loader. The caller
checks the package first (its size inflated, ``read.limits.check_zip`` or ``render.limits.read_zip``).

The XML is streamed: Calc writes a sheet's unused remainder as one row repeated a million times
(``table:number-rows-repeated``) and a row's as one cell repeated 16,000 times, so repeated empty
rows and cells are only counted, and materialised only when content follows them; repetition of a
filled row or cell stops one past the caller's limits, which then name the sheet as too big.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from typing import IO, Iterator

from lxml import etree

from ..errors import ReadError, library_words
from ..model import Metadata
from . import Sheet, SheetCell, typed_number

BROKEN = "文件已损坏，无法作为 OpenDocument 表格（.ods）打开"

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_NUMBER = "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
_DC = "http://purl.org/dc/elements/1.1/"


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


_SHEET, _ROW, _COLUMN = _q(_TABLE, "table"), _q(_TABLE, "table-row"), _q(_TABLE, "table-column")
_CELL, _COVERED = _q(_TABLE, "table-cell"), _q(_TABLE, "covered-table-cell")
_P, _SPACE, _TAB, _BREAK = _q(_TEXT, "p"), _q(_TEXT, "s"), _q(_TEXT, "tab"), _q(_TEXT, "line-break")
_NOTES = {_q(_OFFICE, "annotation"), _q(_TEXT, "note")}  # a comment's words are not the cell's
_DATE_STYLE, _CELL_STYLE = _q(_NUMBER, "date-style"), _q(_STYLE, "style")
_BODY = _q(_OFFICE, "body")
# A date style's parts as the letters of an Excel number format, so that ``sheets.shows_month``
# (one definition of "a date shown as year and month") judges .ods dates as it judges .xlsx ones.
_DATE_CODES = {"year": "y", "month": "m", "day": "d", "day-of-week": "d", "hours": "h", "minutes": "h",
               "seconds": "s"}


def ods_sheets(zf: zipfile.ZipFile, *, max_rows: int, max_cols: int, max_cells: int) -> Iterator[Sheet]:
    """Every sheet of the checked package ``zf`` in order. ``max_rows``/``max_cols``: repetition
    stops one past these (the caller names the sheet as too big); more than ``max_cells`` cells
    materialised in one sheet is a ReadError."""
    try:
        formats = _date_formats(_optional(zf, "styles.xml"))
    except etree.XMLSyntaxError as exc:
        raise ReadError(BROKEN, detail=library_words(exc)) from exc
    with _open(zf, "content.xml") as fh:
        yield from _parsed(fh, formats, max_rows, max_cols, max_cells)


def flat_ods_sheets(fh: IO[bytes], *, max_rows: int, max_cols: int, max_cells: int) -> Iterator[Sheet]:
    """Every sheet of a flat .fods (the package's parts in one XML file, its styles first)."""
    return _parsed(fh, {}, max_rows, max_cols, max_cells)


def _parsed(fh: IO[bytes], formats: dict[str, str], max_rows: int, max_cols: int, max_cells: int) -> Iterator[Sheet]:
    try:
        yield from _Sheets(fh, formats, max_rows, max_cols, max_cells)
    except etree.XMLSyntaxError as exc:
        raise ReadError(BROKEN, detail=library_words(exc)) from exc


def _open(zf: zipfile.ZipFile, name: str) -> IO[bytes]:
    try:
        return zf.open(name)
    except KeyError:
        raise ReadError(f"{BROKEN}（缺少 {name}）") from None


def _optional(zf: zipfile.ZipFile, name: str) -> IO[bytes] | None:
    return _open(zf, name) if name in zf.namelist() else None


def _iterparse(fh: IO[bytes], events: tuple[str, ...]):
    # No entities, no DTD, no network (billion laughs, XXE), as ``limits.XML_PARSER``.
    return etree.iterparse(fh, events=events, resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False, remove_comments=True)


def _date_formats(fh: IO[bytes] | None) -> dict[str, str]:
    """Date styles and the cell styles using them, from styles.xml: {style name: format letters}."""
    if fh is None:
        return {}
    styles = _StyleTable()
    with fh:
        for _, elem in _iterparse(fh, ("end",)):
            styles.take(elem)
    return styles.resolved()


class _StyleTable:
    """Date styles (number:date-style) and cell styles (style:style, which name a data style or
    inherit one from a parent style), resolved to number-format letters."""

    def __init__(self, known: dict[str, str] | None = None) -> None:
        self.dates: dict[str, str] = {}
        self.cells: dict[str, tuple[str | None, str | None]] = {}  # name → (data style, parent)
        self.known = known or {}

    def take(self, elem: etree._Element) -> None:
        name = elem.get(_q(_STYLE, "name"))
        if name is None:
            return
        if elem.tag == _DATE_STYLE:
            self.dates[name] = "".join(_DATE_CODES.get(etree.QName(c).localname, "") for c in elem
                                       if etree.QName(c).namespace == _NUMBER)
        elif elem.tag == _CELL_STYLE and elem.get(_q(_STYLE, "family")) == "table-cell":
            self.cells[name] = (elem.get(_q(_STYLE, "data-style-name")), elem.get(_q(_STYLE, "parent-style-name")))

    def resolved(self) -> dict[str, str]:
        out = dict(self.known)
        out.update(self.dates)
        for name in self.cells:
            seen, current = set(), name
            while current in self.cells and current not in seen:  # a parent cycle ends the walk
                seen.add(current)
                data, parent = self.cells[current]
                if data is not None:
                    if data in out:
                        out[name] = out[data]
                    break
                current = parent
            else:
                if current in self.known:
                    out[name] = self.known[current]
        return out


class _Sheets:
    """Stream content.xml: its automatic styles, then each sheet's rows."""

    def __init__(self, fh: IO[bytes], formats: dict[str, str], max_rows: int, max_cols: int, max_cells: int):
        self.fh, self.formats = fh, formats
        self.max_rows, self.max_cols, self.max_cells = max_rows, max_cols, max_cells

    def __iter__(self) -> Iterator[Sheet]:
        styles = _StyleTable(self.formats)
        sheet: Sheet | None = None
        count = 0
        depth = 0  # nesting of table:table (a sheet's sub-table is read as part of its cells' text)
        for event, elem in _iterparse(self.fh, ("start", "end")):
            if event == "start":
                if elem.tag == _BODY:
                    self.formats = styles.resolved()
                elif elem.tag == _SHEET:
                    depth += 1
                    if depth == 1:
                        count += 1
                        sheet = Sheet(elem.get(_q(_TABLE, "name")) or f"Sheet{count}")
                        self.columns: list[tuple[int, str | None]] = []  # (first column, default cell style)
                        self.next_column = 1
                        self.row = 1
                        self.empty_rows = 0
                        self.cells = 0
                continue
            if sheet is None:  # the styles before the body
                styles.take(elem)
                continue
            if elem.tag == _SHEET:
                depth -= 1
                if depth == 0:
                    yield sheet
                    sheet = None
                    elem.clear()
            elif depth == 1 and elem.tag == _COLUMN:
                if self.next_column <= self.max_cols:
                    self.columns.append((self.next_column, elem.get(_q(_TABLE, "default-cell-style-name"))))
                self.next_column += _repeat(elem, "number-columns-repeated")
            elif depth == 1 and elem.tag == _ROW:
                self._row(sheet, elem)
                elem.clear()  # the rows read so far are not kept in the tree
                while elem.getprevious() is not None:
                    del elem.getparent()[0]

    def _row(self, sheet: Sheet, elem: etree._Element) -> None:
        repeat = _repeat(elem, "number-rows-repeated")
        cells: list[SheetCell | None] = []
        col, empty_cols = 1, 0
        for child in elem:
            if child.tag not in (_CELL, _COVERED):
                continue
            times = _repeat(child, "number-columns-repeated")
            cell = self._cell(child, col) if child.tag == _CELL else None
            across = int(child.get(_q(_TABLE, "number-columns-spanned")) or 1)
            down = int(child.get(_q(_TABLE, "number-rows-spanned")) or 1)
            if (across > 1 or down > 1) and col <= self.max_cols:
                sheet.merges.append((col, self.row, col + across - 1, self.row + down - 1))
            if cell is None:
                empty_cols += times
            else:
                if len(cells) <= self.max_cols:  # a cell beyond the limit lands one past it, to be named
                    cells.extend([None] * min(empty_cols, self.max_cols - len(cells)))
                    cells.extend([cell] * min(times, self.max_cols + 1 - len(cells)))
                empty_cols = 0
            col += times
        if not cells:
            self.empty_rows += repeat
        else:
            # A row beyond the limit lands one past it (the caller names the sheet as too big).
            sheet.rows.extend([] for _ in range(max(0, min(self.empty_rows, self.max_rows - len(sheet.rows)))))
            copies = max(0, min(repeat, self.max_rows + 1 - len(sheet.rows)))
            self.cells += len(cells) * copies
            if self.cells > self.max_cells:
                raise ReadError(f"工作表“{sheet.name}”过大（超过 {self.max_cells // 10_000} 万格），"
                                "不像一份表格材料，已跳过；请删去多余的行列后重新提交")
            sheet.rows.extend(list(cells) for _ in range(copies))
            self.empty_rows = 0
        self.row += repeat

    def _cell(self, elem: etree._Element, col: int) -> SheetCell | None:
        kind = elem.get(_q(_OFFICE, "value-type"))
        if kind in ("float", "percentage", "currency"):
            raw = elem.get(_q(_OFFICE, "value")) or ""
            try:
                return SheetCell(typed_number(raw))
            except ValueError:
                pass  # a damaged number: what the cell shows
        elif kind == "date":
            value = _date(elem.get(_q(_OFFICE, "date-value")) or "")
            if value is not None:
                return SheetCell(value, self.formats.get(self._style(elem, col) or "", None))
        elif kind == "boolean":
            return SheetCell((elem.get(_q(_OFFICE, "boolean-value")) or "").lower() == "true")
        text = "\n".join(_text(p) for p in elem if p.tag == _P).strip()
        return SheetCell(text) if text else None

    def _style(self, elem: etree._Element, col: int) -> str | None:
        """A cell's style: its own, else its column's default."""
        own = elem.get(_q(_TABLE, "style-name"))
        if own is not None:
            return own
        style = None
        for first, name in self.columns:  # few entries: Calc repeats one column element per run
            if first > col:
                break
            style = name
        return style


def _repeat(elem: etree._Element, attr: str) -> int:
    try:
        return max(1, int(elem.get(_q(_TABLE, attr)) or 1))
    except ValueError:
        return 1


def _date(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text[:19])
    except ValueError:
        return None


def _text(p: etree._Element) -> str:
    """A paragraph's words: spans and links inside, ``text:s`` as its spaces, tabs and line breaks."""
    parts = [p.text or ""]
    for child in p:
        if child.tag in _NOTES:
            pass
        elif child.tag == _SPACE:
            parts.append(" " * min(_count(child), 1000))
        elif child.tag == _TAB:
            parts.append("\t")
        elif child.tag == _BREAK:
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _count(elem: etree._Element) -> int:
    try:
        return max(1, int(elem.get(_q(_TEXT, "c")) or 1))
    except ValueError:
        return 1


def ods_metadata(zf: zipfile.ZipFile) -> Metadata:
    """Author and dates from meta.xml (absent or damaged: none)."""
    fh = _optional(zf, "meta.xml")
    if fh is None:
        return Metadata()
    found: dict[str, str] = {}
    try:
        with fh:
            for _, elem in _iterparse(fh, ("end",)):
                if elem.tag in (_q(_META, "initial-creator"), _q(_DC, "creator"), _q(_META, "creation-date"),
                                _q(_DC, "date"), _q(_DC, "title")) and elem.text:
                    found[etree.QName(elem).localname] = elem.text.strip()
    except (etree.XMLSyntaxError, ReadError):
        return Metadata()
    return Metadata(author=found.get("initial-creator"), last_modified_by=found.get("creator"),
                    created=found.get("creation-date"), modified=found.get("date"), title=found.get("title"))
