"""PDF pages through pdfium (C, via pypdfium2), as pdfplumber-style objects.

pdfminer spends most of a PDF's reading time interpreting content streams in
Python; pdfium does it in C about five times faster. This module turns a
pdfium page into what pdfplumber's own geometry needs — character dicts
(text, x0, x1, top, bottom, size) and ruling-line edges — so that
pdfplumber's tried algorithms (dedupe, line clustering, table finding) run on
them unchanged: ``PageData`` stands in for a pdfplumber page.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

_MIN_EDGE = 3.0  # shorter strokes are glyph parts, not rules


@dataclass
class PageData:
    """The parts of a page the reader uses. Coordinates as pdfplumber's: points
    from the top-left corner of the visible page."""

    width: float
    height: float
    chars: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    images: int = 0
    unmapped: int = 0  # glyphs without a Unicode mapping, pdfminer's "(cid:…)"

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


def load_page(page: pdfium.PdfPage) -> PageData:
    left, bottom, right, top = page.get_bbox()
    data = PageData(width=right - left, height=top - bottom)
    textpage = page.get_textpage()
    try:
        _chars(textpage, data, left, top)
    finally:
        textpage.close()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            data.images += 1
        else:
            _edges(obj, data, left, top)
    return data


def _chars(textpage, data: PageData, left: float, top: float) -> None:
    tp = textpage.raw
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    rect = raw.FS_RECTF()
    for i in range(raw.FPDFText_CountChars(tp)):
        if raw.FPDFText_IsGenerated(tp, i):  # spaces and breaks pdfium inferred
            continue
        code = raw.FPDFText_GetUnicode(tp, i)
        if raw.FPDFText_HasUnicodeMapError(tp, i) == 1:
            data.unmapped += 1
        if code in (0, 0xFFFE, 0xFFFF) or code in (10, 13):
            continue
        # The loose box spans the font's ascent to descent, the same for every
        # glyph of a line, as pdfminer's boxes do; the tight box would not.
        if raw.FPDFText_GetLooseCharBox(tp, i, rect):
            x0, x1, y0, y1 = rect.left, rect.right, rect.bottom, rect.top
        else:
            raw.FPDFText_GetCharBox(tp, i, l, r, b, t)
            x0, x1, y0, y1 = l.value, r.value, b.value, t.value
        if y0 > y1:
            y0, y1 = y1, y0
        text = chr(code)
        data.chars.append({
            "object_type": "char", "text": text, "x0": x0 - left, "x1": x1 - left,
            "top": top - y1, "bottom": top - y0, "doctop": top - y1, "width": x1 - x0,
            "height": y1 - y0, "size": raw.FPDFText_GetFontSize(tp, i), "upright": True,
            "fontname": "",
        })


def _edges(obj, data: PageData, left: float, top: float) -> None:
    """Horizontal and vertical straight segments of a path, as pdfplumber edges."""
    handle = obj.raw
    matrix = obj.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for k in range(raw.FPDFPath_CountSegments(handle)):
        seg = raw.FPDFPath_GetPathSegment(handle, k)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = matrix.on_point(x.value, y.value)
        point = (px - left, top - py)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            _add_edge(data, prev, point)
        if raw.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_edge(data, point, start)
        prev = point


def _add_edge(data: PageData, a: tuple[float, float], b: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = a, b
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    if abs(y1 - y0) < 1 and x1 - x0 >= _MIN_EDGE:
        orientation = "h"
    elif abs(x1 - x0) < 1 and y1 - y0 >= _MIN_EDGE:
        orientation = "v"
    else:
        return
    data.edges.append({"object_type": "line", "orientation": orientation, "x0": x0, "x1": x1,
                       "top": y0, "bottom": y1, "width": x1 - x0, "height": y1 - y0, "doctop": y0})
