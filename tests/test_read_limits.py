"""Limits per file: size, characters, pages, and a time budget for reading and checking together."""

from __future__ import annotations

import time

import pytest

from toolkit.errors import ReadError
from toolkit.read import read
from toolkit.timelimit import OverTime, deadline


def test_deadlines_nest():
    """An inner deadline never outlives the outer one, and the outer clock runs through it."""
    with pytest.raises(OverTime, match="0.2 秒"):
        with deadline(0.2):
            with deadline(30):
                time.sleep(2)
    with pytest.raises(OverTime, match="0.3 秒"):
        with deadline(0.3):
            with pytest.raises(OverTime, match="0.05 秒"):
                with deadline(0.05):
                    time.sleep(1)
            time.sleep(2)


def test_text_with_too_many_characters_is_refused(tmp_path, monkeypatch):
    import toolkit.read as reader

    path = tmp_path / "日志.txt"
    path.write_text("团支部工作记录。\n" * 2000, encoding="utf-8")
    monkeypatch.setattr(reader, "MAX_CHARS", 1000)
    with pytest.raises(ReadError, match="文字过多.*拆分"):
        read(path)
    monkeypatch.setattr(reader, "MAX_TEXT_BYTES", 4000)
    with pytest.raises(ReadError, match="文本文件过大"):
        read(path)


def test_pdf_with_too_many_pages_is_refused(tmp_path, monkeypatch):
    import pypdfium2 as pdfium

    from toolkit.read import pdf as pdfreader

    pdf = pdfium.PdfDocument.new()
    for _ in range(3):
        pdf.new_page(595, 842)
    pdf.save(tmp_path / "厚.pdf")
    monkeypatch.setattr(pdfreader, "MAX_PAGES", 2)
    with pytest.raises(ReadError, match="页数过多（3 页"):
        read(tmp_path / "厚.pdf")


def test_zip_whose_headers_understate_a_member_is_refused(tmp_path):
    """zipfile trusts the declared size only to cut what it inflated; the real size is counted."""
    from tests.hostile.cases_read import docx_bytes, understated_zip

    xml = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
           b'main"><w:body>' + b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 100_000 + b"</w:body></w:document>")
    path = tmp_path / "谎报.docx"
    path.write_bytes(understated_zip("word/document.xml", xml, docx_bytes()))
    with pytest.raises(ReadError, match="大小与文件头中记录的不符"):
        read(path)


def test_merges_and_grid_counts_are_bounded_by_the_cells(tmp_path):
    """A merge over the whole sheet hides what Excel hides and costs what the cells cost; a grid
    count of 99,999,999 columns is cut to the table's grid."""
    from tests.hostile.cases_read import _sheet_wide, grid_bomb_docx, xlsx_bytes

    (tmp_path / "合并.xlsx").write_bytes(xlsx_bytes(_sheet_wide))
    [table] = read(tmp_path / "合并.xlsx").tables
    assert [(c.row, c.col, c.text, c.rowspan) for c in table.cells] == [(1, 1, "姓名", 2)]
    (tmp_path / "网格.docx").write_bytes(grid_bomb_docx())
    [table] = read(tmp_path / "网格.docx").tables
    assert max(c.col + c.colspan - 1 for c in table.cells) <= 63 + 3
