"""The page and type of a .docx as Word lays it out, read from its XML: page
size and margins (the first section), each body paragraph's text with the
East-Asian font and size its characters get (run → character style →
paragraph style chain → document defaults), and whether a footer carries a
PAGE field. Used by the 公文 layout rules (GB/T 9704-2012).
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from ..errors import ReadError
from ..ooxml.body import hidden, hidden_run
from ..ooxml.ns import REL, RUN, T, W
from ..ooxml.places import Places
from .limits import MAX_PART, XML_PARSER, check_declared, read_member

TWIP_MM = 25.4 / 1440


@dataclass(slots=True)
class Para:
    """A body paragraph: its text and the characters per (font, points) it shows them in."""

    text: str
    type: Counter = field(default_factory=Counter)  # (font or None, size or None) → characters

    def main_type(self) -> tuple[str | None, float | None]:
        return self.type.most_common(1)[0][0] if self.type else (None, None)


@dataclass(slots=True)
class Layout:
    page_mm: tuple[float, float] | None
    margins_mm: dict[str, float]
    paragraphs: list[Para]  # paragraphs[i] is the reader's paragraph i + 1 (toolkit.ooxml.places)
    page_numbers: bool


def _xml(zf: zipfile.ZipFile, name: str):
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART:
        return None
    return etree.fromstring(read_member(zf, info), XML_PARSER)


def _val(el, tag: str, attr: str = "val") -> str | None:
    child = el.find(W + tag) if el is not None else None
    return child.get(W + attr) if child is not None else None


_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _theme_fonts(root, lang: str | None) -> dict[str, str]:
    """``minorEastAsia``/``majorEastAsia`` → the typeface the theme gives Chinese text: its
    ``a:ea`` font, else (when the document's East-Asian language is Chinese or unset, as
    Word does) its font for the Simplified Chinese script; ``""`` where that is unknown."""
    out = {}
    for slot in ("minor", "major"):
        font = root.find(f".//{_A}{slot}Font") if root is not None else None
        ea = font.find(_A + "ea") if font is not None else None
        typeface = ea.get("typeface") if ea is not None else None
        if not typeface and font is not None and (lang is None or lang.lower().startswith("zh")):
            hans = next((f for f in font.iter(_A + "font") if f.get("script") == "Hans"), None)
            typeface = hans.get("typeface") if hans is not None else None
        out[slot + "EastAsia"] = typeface or ""
    return out


def _rpr_type(rpr, theme: dict[str, str]) -> tuple[str | None, float | None]:
    """(East-Asian font, size in points) a w:rPr sets; None where it sets none, a font
    of ``""`` where it leaves the font to a theme that does not say. A theme font
    overrides a named one (ECMA-376 17.3.2.26); ``w:szCs`` sizes complex scripts only."""
    if rpr is None:
        return None, None
    fonts = rpr.find(W + "rFonts")
    font = None
    if fonts is not None:
        slot = fonts.get(W + "eastAsiaTheme")
        font = theme.get(slot, "") if slot else fonts.get(W + "eastAsia")
    size = _val(rpr, "sz")
    try:
        points = int(size) / 2 if size is not None else None
    except ValueError:
        points = None
    return font, points


class _Styles:
    def __init__(self, root, theme_root) -> None:
        self.by_id = {s.get(W + "styleId"): s for s in root.iter(W + "style")} if root is not None else {}
        default = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr") if root is not None else None
        lang = default.find(W + "lang") if default is not None else None
        self.theme = _theme_fonts(theme_root, lang.get(W + "eastAsia") if lang is not None else None)
        self.default = _rpr_type(default, self.theme)
        self.default_para = next((sid for sid, s in self.by_id.items()
                                  if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true")), None)

    def chain(self, style_id: str | None) -> list[tuple[str | None, float | None]]:
        out, seen = [], set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            s = self.by_id[style_id]
            out.append(_rpr_type(s.find(W + "rPr"), self.theme))
            style_id = _val(s, "basedOn")
        return out


def _resolve(layers: list[tuple[str | None, float | None]]) -> tuple[str | None, float | None]:
    font = next((f for f, _ in layers if f is not None), None)
    size = next((z for _, z in layers if z), None)
    return font or None, size


def _paragraph(p, styles: _Styles) -> Para:
    ppr = p.find(W + "pPr")
    para_layers = styles.chain(_val(ppr, "pStyle") or styles.default_para)
    out = Para("")
    texts = []
    for r in p.iter(RUN):
        if hidden_run(r) or hidden(r, p):
            continue
        text = "".join(t.text or "" for t in r.iter(T) if not hidden(t, r))
        if not text:
            continue
        texts.append(text)
        rpr = r.find(W + "rPr")
        layers = [_rpr_type(rpr, styles.theme), *styles.chain(_val(rpr, "rStyle")), *para_layers, styles.default]
        chars = len(re.sub(r"\s", "", text))
        if chars:
            out.type[_resolve(layers)] += chars
    out.text = "".join(texts)
    return out


def _part(rels, kind: str) -> str | None:
    """The zip name of the document's first part of relationship type ``…kind``."""
    target = next((r.get("Target") for r in (rels.iter(REL + "Relationship") if rels is not None else ())
                   if (r.get("Type") or "").endswith(kind)), None)
    return "word/" + target.lstrip("/").removeprefix("word/") if target else None


def _page_numbers(zf: zipfile.ZipFile, doc_rels) -> bool:
    targets = [r.get("Target") for r in (doc_rels.iter(REL + "Relationship") if doc_rels is not None else ())
               if (r.get("Type") or "").endswith("/footer")]
    for target in targets:
        root = _xml(zf, "word/" + target.lstrip("/").removeprefix("word/"))
        if root is None:
            continue
        instr = [f.get(W + "instr") or "" for f in root.iter(W + "fldSimple")]
        instr += [t.text or "" for t in root.iter(W + "instrText")]
        if any(re.search(r"\bPAGE\b", i) for i in instr):
            return True
    return False


def read_layout(path: str) -> Layout | None:
    """The layout of the .docx at ``path``; None when its parts cannot be read."""
    try:
        with zipfile.ZipFile(path) as zf:
            check_declared(zf)  # parts are read no further than they declare (read_member)
            doc = _xml(zf, "word/document.xml")
            if doc is None:
                return None
            rels = _xml(zf, "word/_rels/document.xml.rels")
            styles = _Styles(_xml(zf, "word/styles.xml"), _xml(zf, _part(rels, "/theme") or "word/theme/theme1.xml"))
            body = doc.find(W + "body")
            paragraphs = [_paragraph(p, styles) for p in Places(body).paragraphs] if body is not None else []
            sect = body.find(W + "sectPr") if body is not None else None
            size = sect.find(W + "pgSz") if sect is not None else None
            margins = sect.find(W + "pgMar") if sect is not None else None
            page = None
            if size is not None and size.get(W + "w") and size.get(W + "h"):
                page = (int(size.get(W + "w")) * TWIP_MM, int(size.get(W + "h")) * TWIP_MM)
            mm = {}
            if margins is not None:
                for side in ("top", "bottom", "left", "right"):
                    value = margins.get(W + side)
                    if value is not None and re.fullmatch(r"-?\d+", value):
                        mm[side] = abs(int(value)) * TWIP_MM
            return Layout(page, mm, paragraphs, _page_numbers(zf, rels))
    except (OSError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError, ReadError):
        return None
