"""PDFs exported by LibreOffice from Word documents: text unspaced, lines rejoined, tables back."""

from __future__ import annotations

import docx
import pytest
from docx.shared import Pt

from toolkit.errors import ReadError
from toolkit.read import read
from toolkit.read.pdf import _cell_text, clean, dedupe

LONG = ("本学期团支部围绕思想引领、学风建设和志愿服务三项重点工作，共组织主题团日活动6次，"
        "参与团员累计达到180人次，其中志愿服务时长合计420小时，较上学期增长百分之二十五，"
        "团员的参与热情和组织认同感明显提高。")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    from toolkit.office import soffice_convert

    folder = tmp_path_factory.mktemp("pdf")
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.size = Pt(12)
    style.font.name = "Noto Serif CJK SC"
    d.add_paragraph("化工学院团委工作总结")
    d.add_paragraph("一、基本情况")
    d.add_paragraph(LONG).paragraph_format.first_line_indent = Pt(24)
    d.add_paragraph("二、推荐对象")
    t = d.add_table(rows=3, cols=3)
    t.style = "Table Grid"
    for (r, c), text in {(0, 0): "姓名", (0, 1): "团支部", (0, 2): "得票",
                         (1, 0): "王子涵", (1, 1): "化工2201团支部", (1, 2): "27",
                         (2, 0): "陈佳琪", (2, 2): "25"}.items():
        t.cell(r, c).text = text
    t.cell(1, 1).merge(t.cell(2, 1))
    d.add_paragraph("三、下一步打算")
    src = folder / "总结.docx"
    d.save(src)
    return read(soffice_convert([src], folder, "pdf")[src.resolve()])


@pytest.mark.soffice
def test_paragraphs_unspaced_and_rejoined(exported):
    texts = [p.text for p in exported.paragraphs]
    assert texts == ["化工学院团委工作总结", "一、基本情况", LONG, "二、推荐对象", "三、下一步打算"]
    assert all(p.page == 1 for p in exported.paragraphs) and exported.pages == 1


@pytest.mark.soffice
def test_table_recovered(exported):
    (table,) = exported.tables
    assert table.grid() == [["姓名", "团支部", "得票"], ["王子涵", "化工2201团支部", "27"],
                            ["陈佳琪", None, "25"]]
    assert next(c for c in table.cells if c.text == "化工2201团支部").rowspan == 2
    assert table.position == 4 and table.page == 1


def test_clean_maps_radicals_and_spaces():
    assert clean("\uf0b7⽣ 活 委 员 2026 年") == "生活委员2026年"


def test_cell_lines_joined_only_where_wrapped():
    def line(text, top, x0=2.0):
        return [{"text": ch, "x0": x0 + 10 * i, "x1": x0 + 10 * (i + 1), "top": top, "bottom": top + 10,
                 "size": 10} for i, ch in enumerate(text)]

    bbox = (0, 0, 44, 100)
    assert _cell_text(line("公路技术", 0) + line("等级", 12), bbox) == "公路技术等级"  # ran to the edge
    assert _cell_text(line("张三", 0) + line("李四", 12), bbox) == "张三\n李四"  # equal short lines: a list
    assert _cell_text(line("完成。", 0) + line("下一项", 12), bbox) == "完成。\n下一项"
    assert _cell_text(line("一、学习", 0) + line("二、实践", 12), bbox) == "一、学习\n二、实践"


def test_fake_bold_dedupe():
    chars = [{"text": t, "x0": x, "top": 5.0} for t, x in (("微", 0.0), ("微", 0.4), ("软", 10.0), ("软", 10.9),
                                                           ("软", 30.0))]
    assert [(c["text"], c["x0"]) for c in dedupe(chars)] == [("微", 0.0), ("软", 10.0), ("软", 30.0)]


def _blank_pdf(path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    pdf.save(path)
    return str(path)


def test_no_text_layer_needs_ocr(tmp_path):
    with pytest.raises(ReadError, match="需要OCR"):
        read(_blank_pdf(tmp_path / "扫描件.pdf"))


def test_unmapped_glyphs_need_ocr(tmp_path, monkeypatch):
    import toolkit.read.pdfium as pdfium_pages

    def glyphs_without_unicode(page):
        data = pdfium_pages.PageData(width=595, height=842, unmapped=10)
        data.chars = [{"text": "\ufffd", "x0": 10.0 * i, "x1": 10.0 * i + 9, "top": 50.0, "bottom": 60.0,
                       "size": 10.0} for i in range(10)]
        return data

    monkeypatch.setattr(pdfium_pages, "load_page", glyphs_without_unicode)
    with pytest.raises(ReadError, match="cid"):
        read(_blank_pdf(tmp_path / "乱码.pdf"))


def test_not_a_pdf_inside(tmp_path):
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage without objects")
    with pytest.raises(ReadError) as exc:
        read(path)
    assert exc.value.status == "error" and "PDF" in str(exc.value)


def test_ruling_finds_the_tables_pdfplumber_finds(realdocs):
    """``ruling.find_tables`` stands in for pdfplumber's TableFinder (lines
    strategy, default settings): same cells, same tables, on every page."""
    import pypdfium2 as pdfium
    from pdfplumber.table import TableFinder

    from toolkit.read.pdfium import load_page
    from toolkit.read.ruling import find_tables

    class Page:  # what TableFinder reads of a page
        def __init__(self, data):
            self.edges, self.bbox = data.edges, (0.0, 0.0, data.width, data.height)

    def rounded(tables):
        return [([tuple(round(v, 6) for v in c) for c in cells], tuple(round(v, 6) for v in bbox))
                for cells, bbox in tables]

    compared = 0
    for path in sorted(realdocs.rglob("*.pdf")):
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue
        for i in range(len(pdf)):
            data = load_page(pdf[i])
            theirs = [([c for row in t.rows for c in row.cells if c], t.bbox)
                      for t in TableFinder(Page(data), {}).tables]
            ours = [(t.cells, t.bbox) for t in find_tables(data.edges)]
            assert rounded(ours) == rounded(theirs), f"{path.name} 第{i + 1}页"
            compared += bool(theirs)
        pdf.close()
    assert compared >= 10
