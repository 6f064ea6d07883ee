"""Build the built-in templates (``NAME.docx``) with python-docx and lxml.

The templates are code so that they can be reviewed and rebuilt exactly:
``python templates/build.py [OUTDIR]`` (default: this folder).

Each template is a docxtpl template that a plain docxtpl loop renders with
the context of ``toolkit.render.prepare.prepare_context``: only stock Jinja,
every Jinja tag inside one run, and every run names its East-Asian font as
well as its Latin one (Word otherwise falls back to a Japanese or Latin font
for Chinese text).
"""

from __future__ import annotations

import copy
import io
import math
import sys
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable

from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.table import Table, _Cell

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a script: the toolkit beside this folder
    sys.path.insert(0, str(HERE.parent))

from toolkit.cn import gbt9704  # noqa: E402  (the GB/T 9704-2012 numbers, shared with check)
from toolkit.fonts import ALT_NAMES  # noqa: E402  (the 公文 fonts' Windows fallbacks)
from toolkit.render import page as form_page  # noqa: E402  (the forms' page, shared with prepare)

XBS = gbt9704.TITLE_FONTS[0]
HEI = "黑体"
KAI = "楷体_GB2312"
FANG = gbt9704.BODY_FONTS[0]
SONG = "宋体"
RED = "FF0000"


@dataclass(frozen=True)
class Font:
    name: str
    size: float  # points
    bold: bool = False
    color: str | None = None
    scale: int | None = None  # horizontal scale in percent (w:w)
    underline: bool = False
    condense: int = 0  # character spacing in 1/20 pt (negative: condensed)


# 三号 (16 pt) condensed by 0.3 pt: 28 characters fill the 156 mm line (see doc_grid).
BODY = Font(FANG, gbt9704.BODY_PT, condense=-6)
TITLE = Font(XBS, gbt9704.TITLE_PT)  # 二号小标宋
H1, H2 = Font(HEI, gbt9704.BODY_PT, condense=-6), Font(KAI, gbt9704.BODY_PT, condense=-6)
GRID_LINE = 28.95  # points: 225 mm / 22 lines
FORM = Font(SONG, 10.5)  # 五号宋体
FORM_TITLE = Font(XBS, form_page.FORM_TITLE_PT)

Run = tuple[str, Font]


# --- low-level XML --------------------------------------------------------

def _el(tag: str, **attrs: object):
    el = OxmlElement(f"w:{tag}")
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _rpr(font: Font):
    """A w:rPr in schema order; the East-Asian font is always named."""
    rpr = _el("rPr")
    rpr.append(_el("rFonts", ascii=font.name, hAnsi=font.name, eastAsia=font.name, cs=font.name))
    if font.bold:
        rpr.append(_el("b"))
        rpr.append(_el("bCs"))
    if font.color:
        rpr.append(_el("color", val=font.color))
    if font.condense:
        rpr.append(_el("spacing", val=font.condense))
    if font.scale:
        rpr.append(_el("w", val=font.scale))
    half_points = round(font.size * 2)
    rpr.append(_el("sz", val=half_points))
    rpr.append(_el("szCs", val=half_points))
    if font.underline:
        rpr.append(_el("u", val="single"))
    return rpr


def _run(p, text: str, font: Font):
    r = p.add_run(text)
    r._r.insert(0, _rpr(font))
    return r


def _field_runs(p, instr: str, shown: str, font: Font) -> None:
    """A complex field (PAGE) as Word writes it: begin, instruction, separate, result, end."""
    for kind, text in (("begin", None), (None, f" {instr} "), ("separate", None), (None, shown), ("end", None)):
        r = OxmlElement("w:r")
        r.append(_rpr(font))
        if kind:
            r.append(_el("fldChar", fldCharType=kind))
        else:
            t = OxmlElement("w:instrText" if text.strip() == instr else "w:t")
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            t.text = text
            r.append(t)
        p._p.append(r)


def _border(side: str, size: int = 12, color: str = "000000", space: int = 1):
    return _el(side, val="single", sz=size, space=space, color=color)


def _chars(n: float, font: Font) -> dict:
    """Indent of ``n`` characters: Word reads the *Chars value, others the twips."""
    return {"chars": round(n * 100), "twips": round(n * font.size * 20)}


# --- paragraphs -----------------------------------------------------------

def para(container, runs: Run | Iterable[Run] = (), *, align: str | None = None, first: float = 0,
         left: float = 0, right: float = 0, hanging: float = 0, before: float = 0, after: float = 0,
         line: float | str | None = None, mark: Font | None = None, bottom=None, top=None,
         tabs: Iterable[tuple] = (), keep_next: bool = False):
    """Add a paragraph of ``runs``; indents are in characters of the first run's font,
    spacing in points, ``line`` an exact line height in points, ``"auto"`` for single
    spacing, or None to keep the document default; ``tabs`` as (kind, mm) or
    (kind, mm, leader)."""
    runs = [runs] if runs and isinstance(runs[0], str) else list(runs)
    font = mark or (runs[0][1] if runs else BODY)
    p = _reuse_blank(container) or container.add_paragraph()
    ppr = p._p.get_or_add_pPr()
    if keep_next:
        ppr.append(_el("keepNext"))
    if top is not None or bottom is not None:
        bdr = _el("pBdr")
        for side, spec in (("top", top), ("bottom", bottom)):
            if spec is not None:
                bdr.append(spec if not isinstance(spec, dict) else _border(side, **spec))
        ppr.append(bdr)
    if tabs:
        tab_el = _el("tabs")
        for kind, mm, *leader in tabs:
            attrs = {"leader": leader[0]} if leader else {}
            tab_el.append(_el("tab", val=kind, pos=round(mm / 25.4 * 1440), **attrs))
        ppr.append(tab_el)
    spacing = {"before": round(before * 20), "after": round(after * 20)}
    if line == "auto":
        spacing |= {"line": 240, "lineRule": "auto"}
    elif line:
        spacing |= {"line": round(line * 20), "lineRule": "exact"}
    ppr.append(_el("spacing", **spacing))
    ind = {}
    for key, n in (("first", first), ("left", left), ("right", right), ("hanging", hanging)):
        if n:
            c = _chars(n, font)
            attr = {"first": "firstLine"}.get(key, key)
            ind |= {attr: c["twips"], f"{attr}Chars": c["chars"]}
    if ind:
        ppr.append(_el("ind", **ind))
    if align:
        ppr.append(_el("jc", val=align))
    ppr.append(_rpr(font))
    for text, f in runs:
        _run(p, text, f)
    return p


def _reuse_blank(container):
    """A new table cell already holds one empty paragraph: fill that one first."""
    if isinstance(container, _Cell):
        ps = container.paragraphs
        if len(ps) == 1 and ps[0]._p.pPr is None and not ps[0].runs:
            return ps[0]
    return None


def tag(container, text: str, font: Font = BODY):
    """A paragraph that holds only a docxtpl paragraph tag (``{%p … %}``)."""
    return para(container, (text, font))


def blank(container, font: Font = BODY, n: int = 1, keep_next: bool = False) -> None:
    for _ in range(n):
        para(container, mark=font, keep_next=keep_next)


def kept_if(doc, condition: str | None, runs: Iterable[Run], **kw) -> None:
    """A paragraph kept with the next one (the 落款 below it) when the Jinja
    ``condition`` holds, e.g. ``loop.last``: a page break never falls between the
    last paragraph of the text and the 落款 and 成文日期 (GB/T 9704-2012 7.3.5)."""
    if condition is None:
        para(doc, runs, **kw)
        return
    tag(doc, f"{{%p if {condition} %}}")
    para(doc, runs, keep_next=True, **kw)
    tag(doc, "{%p else %}")
    para(doc, runs, **kw)
    tag(doc, "{%p endif %}")


# --- page set-up ----------------------------------------------------------

def new_document(font: Font, line: float | None = None) -> Document:
    """A document whose defaults (docDefaults and Normal) use ``font`` with the
    East-Asian language set to Chinese; ``line`` an exact default line height."""
    doc = Document()
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    defaults.getparent().remove(defaults)
    defaults = _el("docDefaults")
    rpr_default = _el("rPrDefault")
    rpr = _rpr(font)
    rpr.append(_el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    rpr_default.append(rpr)
    ppr_default = _el("pPrDefault")
    ppr = _el("pPr")
    if line:
        ppr.append(_el("spacing", before=0, after=0, line=round(line * 20), lineRule="exact"))
    else:
        ppr.append(_el("spacing", before=0, after=0, line=240, lineRule="auto"))
    ppr_default.append(ppr)
    defaults.extend([rpr_default, ppr_default])
    styles.insert(0, defaults)
    normal = doc.styles["Normal"].element
    for child in list(normal):
        if child.tag in (qn("w:rPr"), qn("w:pPr")):
            normal.remove(child)
    normal.append(_rpr(font))
    settings = doc.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    doc.core_properties.author = "tuanwen"
    return doc


def page(doc, *, top: float, bottom: float, left: float, right: float, landscape: bool = False,
         header: float = 15, footer: float = 15) -> None:
    s = doc.sections[0]
    width, height = gbt9704.PAGE_MM[::-1] if landscape else gbt9704.PAGE_MM
    s.page_width, s.page_height = Mm(width), Mm(height)
    if landscape:
        s._sectPr.find(qn("w:pgSz")).set(qn("w:orient"), "landscape")
    s.top_margin, s.bottom_margin = Mm(top), Mm(bottom)
    s.left_margin, s.right_margin = Mm(left), Mm(right)
    s.header_distance, s.footer_distance = Mm(header), Mm(footer)


def doc_grid(doc, lines: int, chars: int, font_size: float) -> None:
    """The 公文 grid (GB/T 9704-2012 5.2.2): ``lines`` × ``chars`` over the 版心.

    ``linePitch`` is the line height in twips; ``charSpace`` is the character
    pitch minus the default font size, in 1/4096 pt. Both are rounded down so
    that the full number of lines and characters fits.

    LibreOffice lays a "lines and chars" grid out with cells as wide as the
    line pitch (two-thirds empty lines of text in our PDFs), so the paragraphs
    do not snap to it (Normal: snapToGrid off); they keep the grid's geometry
    by themselves: exact 28.95 pt lines and body text condensed by 0.3 pt,
    which gives 22 × 28 in Word, WPS and LibreOffice alike.
    """
    s = doc.sections[0]
    text_w = (s.page_width - s.left_margin - s.right_margin) / 12700  # EMU → pt
    text_h = (s.page_height - s.top_margin - s.bottom_margin) / 12700
    grid = s._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(math.floor(text_h / lines * 20)))
    grid.set(qn("w:charSpace"), str(math.floor((text_w / chars - font_size) * 4096)))
    normal_ppr = doc.styles["Normal"].element.get_or_add_pPr()
    normal_ppr.append(_el("snapToGrid", val=0))


def page_number_footers(doc) -> None:
    """``— 1 —`` in 四号半角宋体; odd pages right, even pages left, one character in
    from the edge of the 版心 (GB/T 9704-2012 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    s = doc.sections[0]
    font = Font(SONG, gbt9704.PAGE_NUMBER_PT)
    for footer, align, side in ((s.footer, "right", "right"), (s.even_page_footer, "left", "left")):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        ppr = p._p.get_or_add_pPr()
        c = _chars(1, font)
        ppr.append(_el("ind", **{side: c["twips"], f"{side}Chars": c["chars"]}))
        ppr.append(_el("jc", val=align))
        ppr.append(_rpr(font))
        _run(p, "— ", font)
        _field_runs(p, "PAGE", "1", font)
        _run(p, " —", font)


# --- tables ---------------------------------------------------------------

def table(doc, widths_mm: list[float], rows: int, *, borders: dict | None = None, align: str = "center",
          cell_margin_mm: float = 1.0) -> Table:
    """A fixed-layout table with exact column widths, centred, bordered like a printed form."""
    t = doc.add_table(rows=rows, cols=len(widths_mm))
    tbl_pr = t._tbl.tblPr
    for child in list(tbl_pr):
        if child.tag in (qn("w:tblW"), qn("w:tblLook"), qn("w:tblStyle")):
            tbl_pr.remove(child)
    tbl_pr.append(_el("tblW", w=round(sum(widths_mm) / 25.4 * 1440), type="dxa"))
    tbl_pr.append(_el("jc", val=align))
    edges = _el("tblBorders")
    spec = borders or {side: 8 for side in ("top", "left", "bottom", "right", "insideH", "insideV")}
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        size = spec.get(side)
        edges.append(_border(side, size=size, space=0) if size else _el(side, val="nil"))
    tbl_pr.append(edges)
    tbl_pr.append(_el("tblLayout", type="fixed"))
    margins = _el("tblCellMar")
    twips = round(cell_margin_mm / 25.4 * 1440)
    for side in ("left", "right"):
        margins.append(_el(side, w=twips, type="dxa"))
    tbl_pr.append(margins)
    for i, w in enumerate(widths_mm):
        t.columns[i].width = Mm(w)
        for cell in t.columns[i].cells:
            cell.width = Mm(w)
    return t


def cell(t: Table, r: int, c: int, runs: Run | Iterable[Run] = (), *, to: tuple[int, int] | None = None,
         align: str = "center", valign: str = "center", **kw) -> _Cell:
    """Write into cell (r, c), merged with cell ``to`` first when given."""
    target = t.cell(r, c)
    if to:
        target = target.merge(t.cell(*to))
    tc_pr = target._tc.get_or_add_tcPr()
    tc_pr.append(_el("vAlign", val=valign))
    if runs:
        para(target, runs, align=align, **kw)
    return target


def row_height(t: Table, r: int, mm: float, rule: str = "atLeast") -> None:
    tr_pr = t.rows[r]._tr.get_or_add_trPr()
    tr_pr.append(_el("trHeight", val=round(mm / 25.4 * 1440), hRule=rule))


def no_split(t: Table) -> None:
    for row in t.rows:
        row._tr.get_or_add_trPr().insert(0, _el("cantSplit"))  # schema order: before trHeight


_VML = ('xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w10="urn:schemas-microsoft-com:office:word"')


def at_foot_of_page(p, t: Table, width_mm: float, height_pt: str) -> None:
    """Move table ``t`` into a borderless text box anchored to paragraph ``p``, at the bottom of
    the 版心 of ``p``'s page (the 版记 at the foot of the last page, GB/T 9704-2012 7.4).

    A text box is the position both Word and LibreOffice honour: LibreOffice 7.4 lays a floating
    table (w:tblpPr) as wide as the text area out inline, and a frame (w:framePr) in the flow of
    text. Text keeps above and below the box, so a 落款 it would meet moves to the next page with
    it. The box is as tall as its table, ``height_pt`` a Jinja expression (a box that grows with
    its text stands a few points above the foot in LibreOffice). It is a VML shape because a
    Jinja size is at home in VML's style string: the template itself still opens in Word."""
    style = (f"position:absolute;margin-left:0;margin-top:0;width:{width_mm / 25.4 * 72:.1f}pt;"
             f"height:{{{{ {height_pt} }}}}pt;z-index:1;mso-position-horizontal:center;"
             "mso-position-horizontal-relative:margin;mso-position-vertical:bottom;"
             "mso-position-vertical-relative:margin;v-text-anchor:bottom")
    pict = parse_xml(
        f'<w:pict {nsdecls("w")} {_VML}><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
        'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" '
        'o:connecttype="rect"/></v:shapetype>'
        '<v:shape id="imprint" o:spid="_x0000_s1025" type="#_x0000_t202" stroked="f" filled="f" '
        f'style="{style}"><v:textbox inset="0,0,0,0"><w:txbxContent/></v:textbox>'
        '<w10:wrap type="topAndBottom" anchorx="margin" anchory="margin"/></v:shape></w:pict>')
    content = pict.find(".//" + qn("w:txbxContent"))
    content.append(t._tbl)  # moved out of the body
    end = _el("p")  # a text box's story ends with a paragraph: one of no height
    end.append(_el("pPr"))
    end[0].append(_el("spacing", before=0, after=0, line=20, lineRule="exact"))
    content.append(end)
    run = OxmlElement("w:r")
    run.append(copy.deepcopy(p._p.pPr.find(qn("w:rPr"))))  # the paragraph mark's fonts
    run.append(pict)
    p._p.append(run)


# --- shared blocks --------------------------------------------------------

def outline(doc, keep_last: str | None = None) -> None:
    """Headings 一、（一）1.（1）from ``outline`` (prepare.outline_section):
    黑体, 楷体_GB2312, then 仿宋_GB2312 (GB/T 9704-2012 7.3.3); each level is
    indented two characters like the body. With ``keep_last`` (a Jinja condition:
    nothing follows the outline before the 落款), its last paragraph is kept
    with the 落款."""
    last = None if keep_last is None else f"last_section and ({keep_last})"
    tag(doc, "{%p for sec in outline %}")
    if last:
        tag(doc, "{%p set last_section = loop.last %}")
    para(doc, ("{{ sec.ordinal }}、{{ sec.heading }}", H1), first=2, keep_next=True)
    tag(doc, "{%p for text in sec.paragraphs %}")
    kept_if(doc, last and f"loop.last and not sec.points and {last}", ("{{ text }}", BODY), first=2, align="both")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for it in sec.points %}")
    tag(doc, "{%p if it.level == 2 %}")
    kept_if(doc, last and f"loop.last and {last}", [("{{ it.number }}{{ it.title }}", H2), ("{{ it.body }}", BODY)],
            first=2, align="both")
    tag(doc, "{%p else %}")
    kept_if(doc, last and f"loop.last and {last}", [("{{ it.number }}{{ it.title }}", BODY), ("{{ it.body }}", BODY)],
            first=2, align="both")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")


# The lines ``title_lines`` gives (broken between words, balanced: GB/T 9704-2012 7.3.2) in one
# run: the line break (w:br) between its two w:t stands inside the {% if %}.
TITLE_LINES = "{% for line in title_lines %}{% if not loop.first %}\n{% endif %}{{ line }}{% endfor %}"


def title(doc) -> None:
    """The 标题 in balanced lines, one paragraph with line breaks."""
    para(doc, (TITLE_LINES, TITLE), align="center")


def paragraphs(doc, var: str, font: Font = BODY, keep_last: str | None = None) -> None:
    """One body paragraph per item of the list ``var``, indented two characters;
    with ``keep_last`` (a Jinja condition) the last one is kept with the 落款."""
    tag(doc, f"{{%p for text in {var} %}}")
    kept_if(doc, keep_last and f"loop.last and ({keep_last})", ("{{ text }}", font), first=2, align="both")
    tag(doc, "{%p endfor %}")


def gongwen_page(doc) -> None:
    """A4 with the GB/T 9704-2012 5.2.1 margins and the 22 × 28 grid."""
    page(doc, **gbt9704.MARGINS_MM, header=15, footer=23)
    doc_grid(doc, lines=gbt9704.LINES, chars=gbt9704.CHARS, font_size=BODY.size)
    page_number_footers(doc)


# --- the templates --------------------------------------------------------

def notice() -> Document:
    doc = new_document(BODY, line=GRID_LINE)
    gongwen_page(doc)
    # 版头: red 发文机关标志 35 mm below the top of the 版心, 发文字号 two lines lower,
    # the red separator 4 mm under it (7.2).
    para(doc, ("{{ mark }}", Font(XBS, 36, color=RED, scale=85)), align="center", before=70, line="auto")
    blank(doc, n=2)
    para(doc, ("{{ doc_number }}", BODY), align="center",
         bottom=_border("bottom", size=18, color=RED, space=11))
    blank(doc, n=2)
    # 主体 (7.3)
    title(doc)
    blank(doc)
    para(doc, ("{{ recipients_line }}", BODY))
    paragraphs(doc, "intro", keep_last="not outline and not closing and not attachment_lines")
    outline(doc, keep_last="not closing and not attachment_lines")
    paragraphs(doc, "closing", keep_last="not attachment_lines")
    tag(doc, "{%p if attachment_lines %}")
    blank(doc)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for a in attachment_lines %}")
    kept_if(doc, "loop.last", [("{{ a.lead }}", BODY), ("{{ a.text }}", BODY)], left=5, hanging=3)
    tag(doc, "{%p endfor %}")
    # 落款: 署名右空二字, 成文日期右空四字 (7.3.5), on the page of the text's last lines
    blank(doc, n=2, keep_next=True)
    para(doc, ("{{ signer }}", BODY), align="right", right=2, keep_next=True)
    para(doc, ("{{ date_cn }}", BODY), align="right", right=4)
    # 版记 at the foot of the last page: 抄送 and 印发 between rules, 四号仿宋 (7.4)
    rule = Font(FANG, 14)
    t = table(doc, [96, 60], 4, borders={"top": 8, "bottom": 8, "insideH": 6})
    cell(t, 0, 0, ("{%tr if cc_line %}", rule), to=(0, 1), align="left")
    # a 抄送 line that runs over continues under the first name after "抄送：" (7.4.2)
    cell(t, 1, 0, ("{{ cc_line }}", rule), to=(1, 1), align="left", left=4, hanging=3, right=1)
    cell(t, 2, 0, ("{%tr endif %}", rule), to=(2, 1), align="left")
    cell(t, 3, 0, ("{{ printer }}", rule), align="left", left=1)
    cell(t, 3, 1, ("{{ print_date_line }}", rule), align="right", right=1)
    # the box's height: lines at the document's line height, the rules under each row and above
    height = f"(imprint_lines * {GRID_LINE} + (2 if cc_line else 1) * 0.8 + 1.2) | round(1)"
    at_foot_of_page(para(doc, mark=rule, line=1), t, 156, height)
    return doc


def summary() -> Document:
    doc = new_document(BODY, line=GRID_LINE)
    gongwen_page(doc)
    title(doc)
    blank(doc)
    paragraphs(doc, "intro", keep_last="not outline")
    outline(doc, keep_last="true")
    blank(doc, n=2, keep_next=True)
    para(doc, ("{{ org }}", BODY), align="right", right=2, keep_next=True)
    para(doc, ("{{ date_cn }}", BODY), align="right", right=4)
    return doc


def bulletin() -> Document:
    doc = new_document(BODY)
    page(doc, top=30, bottom=30, left=28, right=26, footer=20)
    page_number_footers(doc)
    para(doc, ("{{ masthead }}", Font(XBS, 48, color=RED)), align="center", before=12, line="auto")
    para(doc, ("{{ issue_label }}", BODY), align="center", before=6, after=6)
    para(doc, [("{{ publisher }}编", BODY), ("\t", BODY), ("{{ date_cn }}", BODY)],
         tabs=[("right", 156)], bottom=_border("bottom", size=24, color=RED, space=4))
    blank(doc)
    tag(doc, "{%p for item in items %}")
    para(doc, ("{{ item.heading }}", Font(XBS, 18)), align="center", before=6, after=12, keep_next=True)
    tag(doc, "{%p for text in item.paragraphs %}")
    para(doc, ("{{ text }}", BODY), first=2, align="both", line=28)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if item.source %}")
    para(doc, ("（{{ item.source }}）", Font(KAI, 14)), align="right", right=2)
    tag(doc, "{%p endif %}")
    blank(doc)
    tag(doc, "{%p endfor %}")
    # 分送: 报/送/发 between rules at the end
    small = Font(FANG, 14)
    t = table(doc, [156], 4, borders={"top": 12, "bottom": 12, "insideH": 6})
    cell(t, 0, 0, ("{%tr for d in distribution %}", small), align="left")
    cell(t, 1, 0, ("{{ d.label }}：{{ d.text }}", small), align="left", left=1, keep_next=True)
    cell(t, 2, 0, ("{%tr endfor %}", small), align="left")
    cell(t, 3, 0, ("{{ copies_line }}", small), align="right", right=1)
    for r in (1, 3):
        row_height(t, r, 8)
    no_split(t)
    para(doc, mark=small)
    return doc


def _form_page(doc, landscape: bool = False) -> None:
    m = form_page.FORM_MARGINS_MM
    page(doc, top=m["top"], bottom=m["bottom"], left=form_page.FORM_LANDSCAPE_LEFT_MM if landscape else m["left"],
         right=m["right"], landscape=landscape, footer=10)


def _title(doc, text: str, after: float = 12) -> None:
    para(doc, (text, FORM_TITLE), align="center", after=after)


def tuiyou_form() -> Document:
    f = Font(SONG, 10)  # digits and CJK dates fit the narrow cells in Word and LibreOffice
    doc = new_document(f)
    _form_page(doc)
    _title(doc, "推荐优秀团员入党登记表")
    t = table(doc, [21, 24, 17, 17, 25, 26, 30], 12)
    labels = [
        ("姓名", "{{ name }}", "性别", "{{ gender }}", "民族", "{{ ethnicity }}"),
        ("出生年月", "{{ birth_cn }}", "年龄", "{{ age }}岁", "入团时间", "{{ join_date_cn }}"),
        ("团内职务", "{{ post }}", "团龄", "{{ league_years }}年", "入党申请时间", "{{ apply_date_cn }}"),
    ]
    for r, row in enumerate(labels):
        for c, text in enumerate(row):
            cell(t, r, c, (text, f))
    cell(t, 0, 6, ("照片", f), to=(3, 6))
    cell(t, 3, 0, ("所在团支部", f))
    cell(t, 3, 1, ("{{ branch }}", f), to=(3, 2))
    cell(t, 3, 3, ("联系电话", f))
    cell(t, 3, 4, ("{{ phone }}", f), to=(3, 5))
    for r in range(4):
        row_height(t, r, 11)
    cell(t, 4, 0, ("身份证号", f))
    cell(t, 4, 1, ("{{ id_number }}", f), to=(4, 6), align="left", left=1)
    row_height(t, 4, 10)
    cell(t, 5, 0, ("主要表现", f))
    perf = cell(t, 5, 1, to=(5, 6), valign="top")
    tag(perf, "{%p for line in performance_lines %}", f)
    para(perf, ("{{ line }}", f), align="both", first=2, line=18)
    tag(perf, "{%p endfor %}", f)
    row_height(t, 5, 60)
    cell(t, 6, 0, ("奖惩情况", f))
    cell(t, 6, 1, ("{{ awards }}", f), to=(6, 6), align="both", valign="top", first=2, line=18)
    row_height(t, 6, 20)
    cell(t, 7, 0, ("团支部大会表决情况", f), to=(9, 0))
    votes = (("应到人数", "{{ expected }}"), ("实到人数", "{{ present }}"), ("赞成票", "{{ votes_for }}"),
             ("反对票", "{{ votes_against }}"), ("弃权票", "{{ votes_abstain }}"), ("赞成率", "{{ vote_rate }}"))
    for c, (label, value) in enumerate(votes, 1):
        cell(t, 7, c, (label, f))
        cell(t, 8, c, (value, f))
    cell(t, 9, 1, ("表决日期", f))
    cell(t, 9, 2, ("{{ vote_date_cn }}", f), to=(9, 6), align="left", left=1)
    for r in (7, 8, 9):
        row_height(t, r, 9)
    cell(t, 10, 0, ("团支部意见", f), to=(11, 0))
    opinion = cell(t, 10, 1, to=(10, 6), valign="top")
    para(opinion, [("经团支部大会表决，{{ vote_sentence }}。", f), ("{{ opinion }}", f)],
         align="both", first=2, before=6, line=18)
    row_height(t, 10, 28)
    sign = cell(t, 11, 1, to=(11, 6), valign="bottom")
    para(sign, ("团支部书记（签字）：{{ secretary }}", f), align="right", right=8)
    para(sign, ("{{ sign_date_cn }}", f), align="right", right=4, before=6, after=6)
    row_height(t, 11, 20)
    no_split(t)
    para(doc, ("注：本表由团支部填写，表决情况须与会议记录一致；赞成率为赞成票占应到人数的比例。", Font(SONG, 9)), before=4)
    return doc


def _register_table(doc, head: list[tuple[str, float]], row_cells: list[str], loop: str,
                    total_cells: Callable[[Table, int], None] | None, font: Font = FORM) -> Table:
    """A register: header row, one ``{%tr for %}`` row per record, a computed 合计 row
    (none when ``total_cells`` is None: a list such as a roster has no totals)."""
    t = table(doc, [w for _, w in head], 5 if total_cells else 4)
    bold = replace(font, bold=True)
    for c, (label, _) in enumerate(head):
        cell(t, 0, c, (label, bold))
    row_height(t, 0, 10)
    cell(t, 1, 0, (f"{{%tr for r in {loop} %}}", font))
    for c, text in enumerate(row_cells):
        cell(t, 2, c, (text, font), align="left" if c == len(row_cells) - 1 else "center")
    row_height(t, 2, 9)
    cell(t, 3, 0, ("{%tr endfor %}", font))
    if total_cells:
        total_cells(t, 4)
        row_height(t, 4, 9)
    header = t.rows[0]._tr.get_or_add_trPr()
    header.append(_el("tblHeader"))  # repeat the header on every page
    return t


def tuiyou_tally() -> Document:
    doc = new_document(FORM)
    _form_page(doc, landscape=True)
    page_number_footers(doc)
    _title(doc, "{{ title }}", after=6)
    para(doc, [("填报单位（盖章）：{{ unit }}", Font(SONG, 12))], after=4)
    head = [("序号", 12), ("团支部", 38), ("姓名", 22), ("性别", 12), ("出生年月", 30), ("应到人数", 18),
            ("实到人数", 18), ("赞成票", 18), ("反对票", 18), ("弃权票", 18), ("备注", 53)]
    cells = ["{{ r.index }}", "{{ r.branch }}", "{{ r.name_padded }}", "{{ r.gender }}", "{{ r.birth_cn }}",
             "{{ r.expected }}", "{{ r.present }}", "{{ r.votes_for }}", "{{ r.votes_against }}",
             "{{ r.votes_abstain }}", "{{ r.note }}"]

    def totals(t: Table, r: int) -> None:
        bold = replace(FORM, bold=True)
        cell(t, r, 0, ("合计", bold), to=(r, 1))
        cell(t, r, 2, ("{{ total.count }}人", bold))
        for c in (3, 4, 5, 6, 10):
            cell(t, r, c, ("—" if c in (5, 6) else "", FORM))
        for c, key in ((7, "votes_for"), (8, "votes_against"), (9, "votes_abstain")):
            cell(t, r, c, (f"{{{{ total.{key} }}}}", bold))

    _register_table(doc, head, cells, "candidates", totals)
    para(doc, [("填表人：{{ filler }}", Font(SONG, 12)), ("\t", FORM), ("填表日期：{{ fill_date_cn }}", Font(SONG, 12))],
         tabs=[("right", 257)], before=8)
    return doc


def handout_log() -> Document:
    doc = new_document(FORM)
    _form_page(doc, landscape=True)
    page_number_footers(doc)
    _title(doc, "{{ title }}", after=6)
    para(doc, [("登记单位：{{ unit }}", Font(SONG, 12))], after=4)
    head = [("序号", 12), ("团支部", 42), ("领取份数", 22), ("领取人", 25), ("领取日期", 36), ("上交份数", 22),
            ("上交日期", 36), ("备注", 62)]
    cells = ["{{ r.index }}", "{{ r.branch }}", "{{ r.received }}", "{{ r.receiver }}", "{{ r.receive_date_cn }}",
             "{{ r.returned }}", "{{ r.return_date_cn }}", "{{ r.note }}"]

    def totals(t: Table, r: int) -> None:
        bold = replace(FORM, bold=True)
        cell(t, r, 0, ("合计", bold), to=(r, 1))
        cell(t, r, 2, ("{{ total.received }}", bold))
        cell(t, r, 5, ("{{ total.returned }}", bold))
        for c in (3, 4, 6, 7):
            cell(t, r, c, ("", FORM))

    _register_table(doc, head, cells, "rows", totals)
    para(doc, [("登记人：{{ keeper }}", Font(SONG, 12)), ("\t", FORM), ("登记日期：{{ date_cn }}", Font(SONG, 12))],
         tabs=[("right", 257)], before=8)
    return doc


def minutes() -> Document:
    doc = new_document(FORM)
    _form_page(doc)
    f = Font(SONG, 12)
    _title(doc, "团支部大会推优会议记录")
    t = table(doc, [22, 58, 22, 58], 7)
    rows = [
        ("团支部", "{{ branch }}", None, None),
        ("会议时间", "{{ meeting_date_cn }} {{ meeting_time }}", "会议地点", "{{ place }}"),
        ("主持人", "{{ host }}", "记录人", "{{ recorder }}"),
        ("应到人数", "{{ expected }}人", "实到人数", "{{ present }}人"),
        ("到会率", "{{ attendance }}", "缺席人员", "{{ absentees_text }}"),
    ]
    for r, (a, b, c, d) in enumerate(rows):
        cell(t, r, 0, (a, f))
        if c is None:
            cell(t, r, 1, (b, f), to=(r, 3))
        else:
            cell(t, r, 1, (b, f))
            cell(t, r, 2, (c, f))
            cell(t, r, 3, (d, f))
        row_height(t, r, 10)
    cell(t, 5, 0, ("会议议程", f))
    agenda = cell(t, 5, 1, to=(5, 3), valign="top")
    tag(agenda, "{%p for a in agenda_lines %}", f)
    para(agenda, ("{{ a }}", f), align="left", left=0.5, before=3, after=3)
    tag(agenda, "{%p endfor %}", f)
    row_height(t, 5, 30)
    cell(t, 6, 0, ("会议情况", f))
    cell(t, 6, 1, ("{{ quorum_text }}。", f), to=(6, 3), align="left", left=0.5)
    row_height(t, 6, 10)
    no_split(t)
    para(doc, ("推优表决情况（无记名投票）", replace(f, bold=True)), before=12, after=6, keep_next=True)
    head = [("序号", 14), ("推荐对象", 30), ("赞成票", 22), ("反对票", 22), ("弃权票", 22), ("赞成票占应到人数", 28),
            ("表决结果", 22)]
    cells = ["{{ r.index }}", "{{ r.name_padded }}", "{{ r.votes_for }}", "{{ r.votes_against }}",
             "{{ r.votes_abstain }}", "{{ r.rate }}", "{{ r.passed }}"]
    v = table(doc, [w for _, w in head], 4)
    for c, (label, _) in enumerate(head):
        cell(v, 0, c, (label, replace(f, bold=True)))
    cell(v, 1, 0, ("{%tr for r in candidates %}", f))
    for c, text in enumerate(cells):
        cell(v, 2, c, (text, f))
    cell(v, 3, 0, ("{%tr endfor %}", f))
    row_height(v, 0, 10)
    row_height(v, 2, 9)
    # the result, any remarks and the signature lines stay on one page
    para(doc, ("会议结果：{{ outcome }}", f), first=2, align="both", before=12, line=22, keep_next=True)
    tag(doc, "{%p if remarks %}", f)
    para(doc, ("其他事项：{{ remarks }}", f), first=2, align="both", line=22, keep_next=True)
    tag(doc, "{%p endif %}", f)
    blank(doc, f, 2, keep_next=True)
    # Signature lines as tab leaders: they print in Word and LibreOffice alike (an underlined
    # space at the end of a line is not drawn), and the name written on them never moves them.
    para(doc, [("\t主持人（签字）：\t\t记录人（签字）：\t", f)],
         tabs=[("left", 50), ("left", 100, "underscore"), ("left", 110), ("left", 160, "underscore")])
    return doc


# --- the League's own records (issue 12) -----------------------------------

def _list_page(title: str, info: str, landscape: bool = True) -> Document:
    """A League list's or sheet's page: A4 form page, page numbers, title, one line of facts
    (who and when), then the table."""
    doc = new_document(FORM)
    _form_page(doc, landscape=landscape)
    page_number_footers(doc)
    _title(doc, title, after=6)
    para(doc, [(info, Font(SONG, 12))], after=4)
    return doc


def _sign_off(doc, left: str, right: str, width: float = 257) -> None:
    """``left`` at the margin, ``right`` against the right one (``width``: the text width in mm)."""
    para(doc, [(left, Font(SONG, 12)), ("\t", FORM), (right, Font(SONG, 12))], tabs=[("right", width)], before=8)


def roster() -> Document:
    small = Font(SONG, 8)
    doc = _list_page("{{ title }}", "所属组织：{{ unit }}")
    head = [("序号", 8), ("姓名", 15), ("性别", 8), ("民族", 10), ("身份证号", 34), ("出生日期", 17),
            ("入团年月", 15), ("团员编号", 21), ("所在团支部", 28), ("团内职务", 14), ("政治面貌", 14),
            ("是否递交入党申请书", 12), ("递交时间", 15), ("最近一次教育评议等次", 12), ("团籍状态", 12), ("联系电话", 22)]
    cells = ["{{ r.index }}", "{{ r.name }}", "{{ r.gender }}", "{{ r.ethnicity }}", "{{ r.id_number }}",
             "{{ r.birth }}", "{{ r.join_date }}", "{{ r.member_no }}", "{{ r.branch }}", "{{ r.post }}",
             "{{ r.politics }}", "{{ r.applied }}", "{{ r.apply_date }}", "{{ r.review_grade }}", "{{ r.status }}",
             "{{ r.phone }}"]
    _register_table(doc, head, cells, "members", None, small)
    _sign_off(doc, "导出人：{{ exporter }}", "导出日期：{{ export_date_cn }}")
    return doc


def review() -> Document:
    # two lines on the portrait page: one would break inside 实到人数
    doc = _list_page(TITLE_LINES, "团支部：{{ branch }}　　评议日期：{{ meeting_date_cn }}\n"
                     "应到人数：{{ expected }}　　实到人数：{{ present }}", landscape=False)
    head = [("序号", 12), ("姓名", 26), ("性别", 14), ("政治面貌", 30), ("评议等次", 28), ("备注", 50)]
    cells = ["{{ r.index }}", "{{ r.name }}", "{{ r.gender }}", "{{ r.politics }}", "{{ r.grade_shown }}", "{{ r.note }}"]
    _register_table(doc, head, cells, "members", None)
    # the signature and its date stay with the statistics above them
    para(doc, ("{{ statistics }}", Font(SONG, 12)), first=2, align="both", before=8, line=22, keep_next=True)
    para(doc, ("团支部书记（签字）：{{ secretary }}", Font(SONG, 12)), align="right", right=2, before=12,
         keep_next=True)
    para(doc, ("{{ date_cn }}", Font(SONG, 12)), align="right", right=2, before=6)
    return doc


def tuiyou_steps() -> Document:
    f = Font(SONG, 10.5)
    doc = new_document(f)
    _form_page(doc)
    _title(doc, "推优“3+1+1”过程记录表")
    t = table(doc, [30, 36, 34, 60], 15)
    for c, text in enumerate(("姓名", "{{ name }}", "所在团支部", "{{ branch }}")):
        cell(t, 0, c, (text, f))
    for c, text in enumerate(("阶段", "环节", "完成时间", "内容及佐证")):
        cell(t, 1, c, (text, replace(f, bold=True)))
    steps = [  # (row, stage label or None, step label, date, evidence)
        (2, "提出入党申请前（“3”）", "理想信念教育", "{{ ideal_date_cn }}", "{{ ideal_content }}"),
        (3, None, "统一考试", "{{ exam_date_cn }}", "{{ exam_score_line }}"),
        (4, None, "团员教育评议", "{{ review_date_cn }}", "{{ review_grade_line }}"),
        (5, "推荐", "推优表决", "{{ vote_date_cn }}", "{{ vote_result }}"),
        (6, None, "确定为入党积极分子", "{{ activist_date_cn }}", ""),
        (7, "发展对象前（“1”）", "集中培训", "{{ training_date_cn }}", "{{ training_hours_line }}"),
        (8, None, "确定为发展对象", "{{ candidate_date_cn }}", ""),
        (9, "预备党员前（“1”）", "主题团课", "{{ lecture_date_cn }}", "{{ lecture_title_line }}"),
        (10, None, "接收为预备党员", "{{ probation_date_cn }}", ""),
    ]
    spans = {2: 4, 5: 6, 7: 8, 9: 10}
    for r, stage, label, date, evidence in steps:
        if stage:
            cell(t, r, 0, (stage, f), to=(spans[r], 0))
        cell(t, r, 1, (label, f))
        cell(t, r, 2, (date, f))
        cell(t, r, 3, (evidence, f), align="left", left=0.5)
        row_height(t, r, 10)
    cell(t, 11, 0, ("团支部意见", f), to=(14, 0))
    opinion = cell(t, 11, 1, to=(14, 3), valign="top")
    para(opinion, ("{{ opinion }}", f), align="both", first=2, before=6, line=18)
    para(opinion, ("团支部书记（签字）：{{ secretary }}", f), align="right", right=8, before=12)
    para(opinion, ("{{ date_cn }}", f), align="right", right=4, before=6, after=6)
    no_split(t)
    para(doc, ("注：“3+1+1”指申请入党前的理想信念教育、统一考试、团员教育评议，发展对象前的集中培训，"
               "预备党员前的主题团课；各环节应在推优表决之前或相应阶段内完成。", Font(SONG, 9)), before=4)
    return doc


def volunteer_hours() -> Document:
    doc = _list_page("{{ title }}", "填报单位：{{ unit }}")
    head = [("序号", 10), ("姓名", 18), ("身份证号", 40), ("志愿者编号", 32), ("服务项目", 46), ("服务日期", 36),
            ("服务时长（小时）", 22), ("认证单位", 53)]
    cells = ["{{ r.index }}", "{{ r.name }}", "{{ r.id_number }}", "{{ r.volunteer_no }}", "{{ r.service }}",
             "{{ r.date_cn }}", "{{ r.hours }}", "{{ r.certifier }}"]

    def totals(t: Table, r: int) -> None:
        bold = replace(FORM, bold=True)
        cell(t, r, 0, ("合计", bold), to=(r, 1))
        cell(t, r, 6, ("{{ total.hours }}", bold))
        for c in (2, 3, 4, 5, 7):
            cell(t, r, c, ("", FORM))

    _register_table(doc, head, cells, "rows", totals)
    _sign_off(doc, "填表人：{{ filler }}", "填表日期：{{ date_cn }}")
    return doc


def points() -> Document:
    doc = _list_page("{{ title }}", "团支部：{{ branch }}　　年度：{{ year }}年　　满分：{{ full_marks_text }}分")
    head = [("序号", 12), ("姓名", 22), ("第一季度", 19), ("第二季度", 19), ("第三季度", 19), ("第四季度", 19),
            ("加分", 15), ("年度积分", 20), ("负面清单", 42), ("等次", 16), ("排名", 14), ("是否推优", 20)]
    cells = ["{{ r.index }}", "{{ r.name_padded }}", "{{ r.q1 }}", "{{ r.q2 }}", "{{ r.q3 }}", "{{ r.q4 }}",
             "{{ r.extra_text }}", "{{ r.total }}", "{{ r.negative_text }}", "{{ r.grade }}", "{{ r.rank }}",
             "{{ r.recommended }}"]
    _register_table(doc, head, cells, "members", None)
    para(doc, ("说明：年度积分为四个季度积分与加分之和，加分不超过{{ extra_cap_text }}分并经团支部审批；"
               "等次按年度积分评定（{{ bands_text }}）；触及负面清单者当年不评为优秀。", Font(SONG, 9)), before=4)
    _sign_off(doc, "填表人：{{ filler }}", "填表日期：{{ fill_date_cn }}")
    return doc


def assessment() -> Document:
    doc = _list_page("{{ title }}", "被考核单位：{{ branch }}　　考核时间：{{ date_cn }}")
    head = [("序号", 12), ("考核项目", 30), ("具体要求", 70), ("分值", 14), ("评分标准", 70), ("自查得分", 20),
            ("检查得分", 20)]
    cells = ["{{ r.index }}", "{{ r.project }}", "{{ r.requirement }}", "{{ r.max_score }}", "{{ r.criteria }}",
             "{{ r.self_score }}", "{{ r.check_score }}"]

    def totals(t: Table, r: int) -> None:
        bold = replace(FORM, bold=True)
        cell(t, r, 0, ("合计", bold), to=(r, 2))
        cell(t, r, 3, ("{{ total.max_score }}", bold))
        cell(t, r, 4, ("", FORM))
        cell(t, r, 5, ("{{ total.self_score }}", bold))
        cell(t, r, 6, ("{{ total.check_score }}", bold))

    _register_table(doc, head, cells, "items", totals)
    para(doc, ("考核总分：{{ score }}分　　考核等次：{{ grade }}", Font(SONG, 12)), before=8)
    tag(doc, "{%p if recommend_count != '' %}", FORM)
    para(doc, ("推优人数：{{ recommend_count }}人", Font(SONG, 12)))
    tag(doc, "{%p endif %}", FORM)
    _sign_off(doc, "考核人：{{ assessor }}", "填表日期：{{ date_cn }}")
    return doc


def build_progress() -> Document:
    doc = _list_page(TITLE_LINES, "乡镇：{{ town }}　　目标任务：{{ target }}个　　统计截至：{{ week_end_cn }}",
                      landscape=False)
    tag(doc, "{%p if checkpoints_text %}", FORM)
    para(doc, ("节点要求：{{ checkpoints_text }}。", Font(SONG, 12)), after=4)
    tag(doc, "{%p endif %}", FORM)
    head = [("序号", 12), ("团组织名称", 62), ("组织类型", 30), ("成立时间", 30), ("团员人数", 18), ("书记", 22)]
    cells = ["{{ r.index }}", "{{ r.name }}", "{{ r.type }}", "{{ r.founded }}", "{{ r.members }}", "{{ r.secretary }}"]
    _register_table(doc, head, cells, "orgs", None)
    para(doc, ("本周进展：{{ report }}", Font(SONG, 12)), first=2, align="both", before=8, line=22)
    _sign_off(doc, "填报人：{{ filler }}", "填报日期：{{ date_cn }}", width=165)
    return doc


BUILDERS: dict[str, Callable[[], Document]] = {
    "notice": notice,
    "summary": summary,
    "bulletin": bulletin,
    "tuiyou-form": tuiyou_form,
    "tuiyou-tally": tuiyou_tally,
    "handout-log": handout_log,
    "minutes": minutes,
    "roster": roster,
    "review": review,
    "tuiyou-steps": tuiyou_steps,
    "volunteer-hours": volunteer_hours,
    "points": points,
    "assessment": assessment,
    "build-progress": build_progress,
}


# Font table entries (w:family, w:pitch) of the 公文 fonts, as Word writes them.
_FONT_CLASS = {XBS: ("roman", "variable"), FANG: ("modern", "fixed"), KAI: ("modern", "fixed"),
               HEI: ("modern", "fixed"), SONG: ("auto", "variable")}


def font_table(doc) -> None:
    """Name each 公文 font in word/fontTable.xml with a GB2312 character set and the
    Windows font Word and WPS use where it is missing (``w:altName``), and drop the
    Japanese fonts of python-docx's default table, so no fallback has Japanese forms."""
    part = next(r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable"))
    entries = []
    for name, (family, pitch) in _FONT_CLASS.items():
        entries.append(f'<w:font w:name="{name}"><w:altName w:val="{ALT_NAMES[name]}"/><w:charset w:val="86"/>'
                       f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>')
    entries.append('<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
                   '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>')
    part._blob = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="'
                  'http://schemas.openxmlformats.org/wordprocessingml/2006/main">' + "".join(entries)
                  + "</w:fonts>").encode("utf-8")


# Every zip entry carries this time (the zip format's first), not the time of the build: the same
# build.py gives the same bytes, so a rebuild changes a .docx only where its content changed.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def reproducible(data: bytes) -> bytes:
    """The package ``data`` with fixed entry times and attributes (python-docx stamps the save time).
    The core properties need nothing: python-docx keeps its default template's fixed dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            dst.writestr(info, src.read(item))
    return out.getvalue()


def build(outdir: Path = HERE) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, builder in BUILDERS.items():
        path = outdir / f"{name}.docx"
        doc = builder()
        font_table(doc)
        buf = io.BytesIO()
        doc.save(buf)
        path.write_bytes(reproducible(buf.getvalue()))
        written.append(path)
    return written


if __name__ == "__main__":
    for p in build(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(p)
