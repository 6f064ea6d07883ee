"""The one document model every reader returns and every later stage uses.

Plain data objects in the spirit of pdfplumber: a ``Document`` holds body
paragraphs in reading order, tables with merged spans resolved, headers and
footers, and metadata. Counting starts at 1 everywhere (contract: location).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True, unsafe_hash=True)  # not frozen: frozen makes every one cost twice to build
class Location:
    """Where something is in a document (contract: ``finding.location``); hashable, so that rules
    can key what they saw by place (a Location is never changed once made)."""

    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def to_dict(self) -> dict[str, int | None]:
        return asdict(self)

    def describe(self) -> str:
        """Chinese description: ``第2页 第3表 第4行 第2列`` / ``第12段``."""
        parts = []
        if self.page:
            parts.append(f"第{self.page}页")
        if self.table:
            parts.append(f"第{self.table}表")
            if self.row:
                parts.append(f"第{self.row}行")
            if self.col:
                parts.append(f"第{self.col}列")
        elif self.paragraph:
            parts.append(f"第{self.paragraph}段")
        return " ".join(parts) or "全文"


# ``Paragraph.style`` of the paragraph a spreadsheet reader puts before each sheet's table, naming the
# sheet (often just "Sheet1": a title only when the sheet has no title row of its own).
SHEET_STYLE = "工作表名"


@dataclass(slots=True)
class Paragraph:
    """A body paragraph. ``index`` counts body paragraphs from 1 in reading order
    (paragraphs inside tables belong to their cells, not here)."""

    index: int
    text: str
    style: str | None = None
    level: int | None = None  # heading level, 1 = top, where known
    page: int | None = None
    conf: float | None = None  # recognition confidence (0–1) of text read from a picture


@dataclass(slots=True)
class Cell:
    """A table cell at its top-left grid position; spans say how far it reaches."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    conf: float | None = None  # recognition confidence (0–1) of text read from a picture


@dataclass(slots=True)
class Table:
    """A table. ``cells`` holds each (merged) cell once. ``position`` is the number
    of body paragraphs that come before it, to place it in reading order."""

    index: int
    cells: list[Cell]
    page: int | None = None
    position: int = 0
    parent: tuple[int, int, int] | None = None  # (table, row, col) for a nested table
    title: str | None = None  # the name the source gives the table (an Excel sheet name)

    @property
    def nrows(self) -> int:
        return max((c.row + c.rowspan - 1 for c in self.cells), default=0)

    @property
    def ncols(self) -> int:
        return max((c.col + c.colspan - 1 for c in self.cells), default=0)

    def grid(self, fill: bool = False) -> list[list[str | None]]:
        """Rows of cell texts. A position covered by a merged cell is ``None``,
        or repeats the merged cell's text with ``fill=True``."""
        ncols = self.ncols  # a property over every cell: once, not per row
        g: list[list[str | None]] = [[None] * ncols for _ in range(self.nrows)]
        for c in self.cells:
            for r in range(c.row - 1, c.row - 1 + c.rowspan):
                for k in range(c.col - 1, c.col - 1 + c.colspan):
                    if fill or (r == c.row - 1 and k == c.col - 1):
                        g[r][k] = c.text
        return g

    def rows(self) -> list[list[str]]:
        """Rows with covered positions as empty strings."""
        return [[t or "" for t in row] for row in self.grid()]


@dataclass(slots=True)
class Metadata:
    author: str | None = None
    last_modified_by: str | None = None
    created: str | None = None  # ISO 8601
    modified: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Document:
    """Everything a person sees in one submission."""

    path: str
    format: str  # "docx" | "pdf" | "doc" | "xlsx" | "xls" | "ods" | "xml" | "txt" | "html"
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)
    footers: list[str] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
    pages: int | None = None
    notes: list[str] = field(default_factory=list)  # reader remarks, Chinese
    ocr: bool = False  # some of the text was read from pictures (scans, photos)

    def text(self) -> str:
        """Body paragraphs joined by newlines (tables not included)."""
        return "\n".join(p.text for p in self.paragraphs)

    def all_text(self) -> str:
        """Paragraphs and table cells, in reading order. A nested table's text is
        already in its parent cell's text, so it is not repeated."""
        out: list[str] = []
        tables = sorted((t for t in self.tables if t.parent is None), key=lambda t: t.position)
        ti = 0
        for p in self.paragraphs:
            while ti < len(tables) and tables[ti].position < p.index:
                out.extend(c.text for c in tables[ti].cells if c.text)
                ti += 1
            out.append(p.text)
        for t in tables[ti:]:
            out.extend(c.text for c in t.cells if c.text)
        return "\n".join(out)


@dataclass(slots=True)
class Record:
    """One extracted record: a registration form, or one row of a tally or log.

    ``values`` uses the canonical keys of the contract (姓名, 性别, 出生日期 …);
    ``where`` says where each value was found, for precise findings.
    """

    kind: str  # a record kind of toolkit.kinds: FORM_RECORD, TALLY_ROW, LOG_ROW (TOTAL_ROW for a 合计 row)
    values: dict[str, Any]
    where: dict[str, Location] = field(default_factory=dict)
    location: Location | None = None  # the row, or the form's table


@dataclass(slots=True)
class Mark:
    """A part of a document's outline as written, and where it is."""

    text: str
    location: Location


@dataclass(slots=True)
class Heading:
    """A numbered heading line: level 1 ``一、``, 2 ``（一）``, 3 ``1.``, 4 ``（1）``."""

    level: int
    number: int
    sep: str  # the mark after an Arabic number (``.`` ``．`` ``、``), else ""
    location: Location = field(default_factory=Location)


@dataclass(slots=True)
class Outline:
    """Where a document's 发文字号, title, headings and 成文日期 are, located once
    during extraction (``toolkit.cn.outline``) for every rule to read."""

    title: Mark | None = None  # after the 发文字号; else the first title line (location unknown)
    doc_number: Mark | None = None
    date: Mark | None = None  # the 成文日期 line of the 落款
    headings: list[Heading] = field(default_factory=list)

    def by_paragraph(self) -> dict[int | None, Heading]:
        """Body paragraph index → the heading that paragraph opens with."""
        return {h.location.paragraph: h for h in self.headings}


@dataclass(slots=True)
class Extraction:
    """What extraction found in one document."""

    kind: str  # a kind name of toolkit.kinds (the contract's kinds)
    records: list[Record] = field(default_factory=list)
    total: Record | None = None  # the 合计 row of a tally or log
    fields: dict[str, Any] = field(default_factory=dict)  # document-level facts (团支部, 日期 …)
    outline: Outline = field(default_factory=Outline)
