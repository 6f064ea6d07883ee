"""PDF pages through pdfium (C, via pypdfium2), as pdfplumber-style objects.

pdfminer spends most of a PDF's reading time interpreting content streams in
Python; pdfium does it in C about five times faster. This module turns a
pdfium page into what the reader needs: character dicts (text, x0, x1,
top, bottom, size) and ruling-line edges, shaped as pdfplumber's, in which
``ruling.py`` finds tables the way pdfplumber does.
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


def load_page(page: pdfium.PdfPage) -> PageData:
    left, bottom, right, top = page.get_bbox()
    data = PageData(width=right - left, height=top - bottom)
    textpage = page.get_textpage()
    try:
        _chars(textpage, data, left, top)
    finally:
        textpage.close()
    _objects(page.raw, data, left, top)
    return data


def _objects(parent, data: PageData, left: float, top: float, in_form: bool = False) -> None:
    """Images counted and path edges collected, on the page and one level into
    its Form XObjects. (Raw calls: pypdfium2's ``get_objects`` wraps every
    object, text included, in a Python object first.)"""
    count, get = (raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject) if in_form \
        else (raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject)
    for i in range(count(parent)):
        obj = get(parent, i)
        if not obj:
            continue
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            _edges(obj, data, left, top)
        elif kind == raw.FPDF_PAGEOBJ_IMAGE:
            data.images += 1
        elif kind == raw.FPDF_PAGEOBJ_FORM and not in_form:
            _objects(obj, data, left, top, True)


def _chars(textpage, data: PageData, left: float, top: float) -> None:
    tp = textpage.raw
    # Local names for the per-character calls: a page has hundreds of glyphs.
    is_generated, get_unicode, map_error = raw.FPDFText_IsGenerated, raw.FPDFText_GetUnicode, \
        raw.FPDFText_HasUnicodeMapError
    loose_box, char_box, font_size = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharBox, raw.FPDFText_GetFontSize
    l, r, b, t = (ctypes.c_double() for _ in range(4))
    rect = raw.FS_RECTF()
    append = data.chars.append
    for i in range(raw.FPDFText_CountChars(tp)):
        if is_generated(tp, i):  # spaces and breaks pdfium inferred
            continue
        code = get_unicode(tp, i)
        if map_error(tp, i) == 1:
            data.unmapped += 1
        if code in (0, 0xFFFE, 0xFFFF) or code in (10, 13):
            continue
        # The loose box spans the font's ascent to descent, the same for every
        # glyph of a line, as pdfminer's boxes do; the tight box would not.
        if loose_box(tp, i, rect):
            x0, x1, y0, y1 = rect.left, rect.right, rect.bottom, rect.top
        else:
            char_box(tp, i, l, r, b, t)
            x0, x1, y0, y1 = l.value, r.value, b.value, t.value
        if y0 > y1:
            y0, y1 = y1, y0
        append({"text": chr(code), "x0": x0 - left, "x1": x1 - left, "top": top - y1, "bottom": top - y0,
                "size": font_size(tp, i)})


def _edges(handle, data: PageData, left: float, top: float) -> None:
    """Horizontal and vertical straight segments of a path, as pdfplumber edges."""
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(handle, m):
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    start = prev = None
    for k in range(raw.FPDFPath_CountSegments(handle)):
        seg = raw.FPDFPath_GetPathSegment(handle, k)
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f
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
