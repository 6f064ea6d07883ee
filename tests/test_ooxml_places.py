"""The annotator's paragraph N, table T and cell (row, col) are the reader's: both walk a .docx with
toolkit.ooxml. Checked on hand-made bodies with every construct the walker treats specially, on the
documents the test builders make (every form layout, a whole round, the templates) and on every
.docx among the public documents (skipped when absent)."""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from rounds.build_round import build_round
from rounds.form_layouts import LAYOUTS, random_form
from test_read_docx import make_docx, p, r, tc

from toolkit.errors import ReadError
from toolkit.ooxml.ns import W
from toolkit.read.docx import read_docx
from toolkit.report.annotate import _Layout, _text
from toolkit.resources import TEMPLATES_DIR


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def assert_same_places(path: str | Path) -> None:
    """Every paragraph and table cell the reader reports is where the annotator would comment."""
    try:
        doc = read_docx(str(path))
    except ReadError:
        return  # refused by the reader: nothing is reported on it, nothing annotated
    with zipfile.ZipFile(path) as zf:  # the body the annotator gets from python-docx
        body = etree.fromstring(zf.read("word/document.xml")).find(W + "body")
    layout = _Layout(body)
    for para in doc.paragraphs:
        assert para.index <= len(layout.paragraphs), (path, para.index, para.text)
        # The annotator sees the runs' text; the reader adds numbering labels, tabs, symbols and check boxes.
        seen = _squeeze(_text(layout.paragraphs[para.index - 1]))
        assert seen and _subsequence(seen, _squeeze(para.text)), (path, para.index, para.text, seen)
    assert len(doc.tables) == len(layout.grids), path
    for table, grid in zip(doc.tables, layout.grids):
        covered = {(c.row + i, c.col + j) for c in table.cells for i in range(c.rowspan) for j in range(c.colspan)}
        assert covered == set(grid), (path, table.index)
        for cell in table.cells:
            seen = _squeeze(_text(grid[(cell.row, cell.col)]))
            assert _subsequence(seen, _squeeze(cell.text)), (path, table.index, cell.row, cell.col, cell.text)


def test_hand_made_bodies(tmp_path):
    inner_box = f"<w:txbxContent>{p('框中框')}</w:txbxContent>"
    box = f"<w:txbxContent>{p('文本框标题')}{p(runs=r('框内') + '<w:r><w:pict>' + inner_box + '</w:pict></w:r>')}</w:txbxContent>"
    alternate = ("<w:r><mc:AlternateContent>"
                 f"<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing></mc:Choice>"
                 f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
                 "</mc:AlternateContent></w:r>")
    hidden_box = f"<w:r><w:rPr><w:vanish/></w:rPr><w:pict>{inner_box}</w:pict></w:r>"
    deleted_box = f'<w:del w:id="3" w:author="a"><w:r><w:pict>{inner_box}</w:pict></w:r></w:del>'
    placeholder = (f"<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>{p('请输入')}</w:sdtContent></w:sdt>")
    control = f"<w:sdt><w:sdtContent>{p('控件中的段落')}</w:sdtContent></w:sdt>"
    moved = f'<w:moveTo w:id="4" w:author="a">{p("移入的段落")}</w:moveTo>'
    gone = f'<w:del w:id="5" w:author="a">{p("删去的段落")}</w:del>'
    nested = f"<w:tbl>{'<w:tr>' + tc('内1') + tc('内2') + '</w:tr>'}</w:tbl>"
    rows = ("<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" + tc("姓名") + tc("张三", '<w:gridSpan w:val="2"/>')
            + tc("照片", '<w:vMerge w:val="restart"/>') + "</w:tr>"
            + "<w:tr>" + tc("性别") + tc("男") + tc("民族") + tc("汉") + tc("", "<w:vMerge/>") + "</w:tr>"
            + "<w:tr>" + tc("旧式") + tc("横向", '<w:hMerge w:val="restart"/>') + tc("", "<w:hMerge/>")
            + f"<w:tc>{p('外')}{nested}</w:tc>" + "</w:tr>"
            + "<w:tr><w:trPr><w:gridBefore w:val=\"99999999\"/></w:trPr>" + tc("越界") + "</w:tr>")
    body = (p("标题") + p() + p(runs=r("正文") + alternate + hidden_box + deleted_box) + placeholder + control
            + moved + gone + f"<w:tbl>{rows}</w:tbl>" + p("落款"))
    assert_same_places(make_docx(tmp_path / "hand.docx", body))


def test_builder_documents(tmp_path):
    rng = random.Random(5)
    for k, layout in enumerate(LAYOUTS):
        path, _, _ = random_form(rng, tmp_path, k, layout)
        if str(path).endswith(".docx"):
            assert_same_places(path)
    build_round(tmp_path / "round", n_branches=3)
    made = sorted((tmp_path / "round").rglob("*.docx"))
    assert made
    for path in [*made, *sorted(TEMPLATES_DIR.glob("*.docx"))]:
        assert_same_places(path)


@pytest.mark.realdocs
def test_public_documents(realdocs):
    paths = sorted(realdocs.rglob("*.docx"))
    assert paths
    for path in paths:
        assert_same_places(path)
