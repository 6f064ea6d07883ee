"""A story's blocks (paragraphs and tables) in reading order, and what of them a reader sees.

Content controls are opened unless they still show their prompt; ``w:customXml``, ``w:smartTag``
and inserted or moved-in text are read through; deleted and moved-away blocks are not. A text
box's paragraphs come right after the paragraph that anchors it (``text_boxes``).
"""

from __future__ import annotations

from typing import Iterator

from .ns import ALTERNATE, MC, P, RUN, SDT, SDT_CONTENT, TBL, TXBX, W

REVISIONS = frozenset(W + t for t in ("ins", "del", "moveFrom", "moveTo"))
# Wrappers whose blocks are shown in place.
BLOCK_WRAPPERS = frozenset(W + t for t in ("customXml", "ins", "moveTo", "smartTag"))
# Elements inside a paragraph whose content is not shown as its text: properties, deleted text,
# field instructions, ruby guide text, note and comment marks.
UNSHOWN = frozenset(W + t for t in (
    "pPr", "rPr", "del", "moveFrom", "instrText", "delInstrText", "sdtPr", "sdtEndPr", "footnoteReference",
    "endnoteReference", "commentReference", "annotationRef", "rt", "tblPr", "trPr", "tcPr", "tblGrid", "fldData"))


def is_on(el) -> bool:
    """A boolean property element such as ``<w:vanish/>`` or ``<w:vanish w:val="0"/>``."""
    return el is not None and el.get(W + "val", "true") not in ("0", "false", "off")


def showing_placeholder(sdt) -> bool:
    """A content control still showing its prompt (单击或点击此处输入文字) holds no value."""
    pr = sdt.find(W + "sdtPr")
    return pr is not None and is_on(pr.find(W + "showingPlcHdr"))


def hidden_run(run) -> bool:
    """A run formatted as hidden text (``w:vanish``)."""
    rpr = run.find(W + "rPr")
    return rpr is not None and is_on(rpr.find(W + "vanish"))


def shown_content(el):
    """The child of ``el`` whose content a reader shows in its place, or None: a content control's
    content unless it shows its prompt, the first choice of alternate content."""
    if el.tag == SDT:
        content = el.find(SDT_CONTENT)
        return content if content is not None and not showing_placeholder(el) else None
    return el.find(MC + "Choice")


def hidden(el, stop) -> bool:
    """True when ``el`` (inside ``stop``) is not shown as part of ``stop``'s text: deleted, a field
    instruction, hidden, a prompt, an alternative not chosen, or inside a text box of its own."""
    child = el
    for anc in el.iterancestors():
        if anc is stop:
            return False
        if anc.tag in UNSHOWN or anc.tag == TXBX or (anc.tag == RUN and hidden_run(anc)) or (
                anc.tag in (SDT, ALTERNATE) and shown_content(anc) is not child):
            return True
        child = anc
    return False


def text_boxes(p) -> list:
    """The text boxes (``w:txbxContent``) a paragraph shows, in order; not those inside another
    text box (they come with that box's paragraphs)."""
    if next(p.iter(TXBX), None) is None:  # the common case, found in C
        return []
    return list(_boxes(p))


def _boxes(el) -> Iterator:
    for child in el:
        tag = child.tag
        if tag == TXBX:
            yield child
        elif not isinstance(tag, str) or tag in UNSHOWN or (tag == RUN and hidden_run(child)):
            continue
        elif tag in (SDT, ALTERNATE):
            content = shown_content(child)
            if content is not None:
                yield from _boxes(content)
        else:
            yield from _boxes(child)


def block_children(el, tag: str) -> Iterator:
    """Direct children with ``tag`` (rows of a table, cells of a row), looking through content
    controls and wrappers."""
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from block_children(content, tag)
        elif child.tag in BLOCK_WRAPPERS:
            yield from block_children(child, tag)


class BlockWalker:
    """Visits the paragraphs and tables of a story (body, cell, text box, header) in reading order.

    Subclasses say what a paragraph and a table are to them (``paragraph``, ``table``, called with
    the ``context`` given to ``blocks``) and may note revision marks (``revision``). A paragraph's
    text boxes are the subclass's to walk (``text_boxes``), after the paragraph itself.
    """

    def blocks(self, container, *context) -> None:
        for child in container:
            tag = child.tag
            if tag == P:
                self.paragraph(child, *context)
            elif tag == TBL:
                self.table(child, *context)
            elif tag == SDT:
                content = shown_content(child)
                if content is not None:
                    self.blocks(content, *context)
            elif tag in BLOCK_WRAPPERS or tag == SDT_CONTENT:
                if tag in REVISIONS:
                    self.revision(child)
                self.blocks(child, *context)
            elif tag in REVISIONS:  # deleted or moved-away blocks: not shown
                self.revision(child)

    def paragraph(self, p, *context) -> None:
        raise NotImplementedError

    def table(self, tbl, *context) -> None:
        raise NotImplementedError

    def revision(self, el) -> None:
        """A revision mark (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``) met between blocks."""

