"""Every public test document reads, or is reported with a clear reason; known answers hold."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import REALDOCS
from toolkit.cn.text import compact
from toolkit.errors import ReadError
from toolkit.app.pipeline import read_many
from toolkit.read import collect, ocr, read

FILES = collect([REALDOCS]) if REALDOCS.is_dir() else []
# Files that must be refused, with the words the reason must contain.
REFUSED = {
    "fixtures_pdfplumber/empty.pdf": "文件为空",
    "fixtures_pdfplumber/password-example.pdf": "加密",
    "fixtures_pdfplumber/issue-297-example.pdf": "OCR",  # drawn glyphs, no text layer
    "party_org_owip/~$151110申请入党人员信息管理模块详细需求.docx": "锁定文件",
    "fixtures_python_docx/doc-no-coreprops.docx": "没有任何文字",
    "fixtures_python_docx/set-no-settings-part.docx": "没有任何文字",
    "fixtures_python_docx/sty-having-no-styles-part.docx": "没有任何文字",
    "fixtures_python_docx/tbl-having-tables.docx": "没有任何文字",  # empty tables only
}
if not ocr.available():  # its body is pictures (logos): read by OCR when the [ocr] extra is installed
    REFUSED["fixtures_python_docx/having-images.docx"] = "tuanwen[ocr]"


@lru_cache(maxsize=None)
def doc(rel: str):
    return read(REALDOCS / rel, timeout=60)


@pytest.mark.realdocs
@pytest.mark.parametrize("path", FILES, ids=[str(Path(f).relative_to(REALDOCS)) for f in FILES])
def test_every_file_reads_or_is_reported(realdocs, path):
    rel = str(Path(path).relative_to(realdocs))
    if rel.endswith(".doc"):
        pytest.skip("the .doc files are read through LibreOffice in test_doc_text")
    if rel in REFUSED:
        with pytest.raises(ReadError, match=re.escape(REFUSED[rel])):
            doc(rel)
        return
    d = doc(rel)
    assert d.paragraphs or d.tables, rel
    idx = [p.index for p in d.paragraphs]  # empty paragraphs keep their numbers: increasing, from 1
    assert all(a < b for a, b in zip(idx, idx[1:])) and (not idx or idx[0] >= 1)


@pytest.mark.realdocs
def test_issue_336_tables(realdocs):
    d = doc("fixtures_pdfplumber/issue-336-example.pdf")
    assert [t.nrows for t in d.tables] == [8, 11, 2]
    expected = [["公路技术\n等级", "车道数", "用地指标基准值", "编制条件", None],
                [None, None, None, "路段交通量Q（peu/d）", "大型车比例u（%）"],
                ["高速公路", "八", "2.5000", "60000≤Q＜80000", "20＜μ≤30"],
                [None, "六", "2.1333", "45000≤Q＜60000", "20＜μ≤30"],
                [None, "四", "1.6667", "25000≤Q＜40000", "20＜μ≤30"],
                ["一级公路", "六", "1.3333", "30000≤Q＜55000", "20＜μ≤30"],
                [None, "四", "0.6667", "15000≤Q＜30000", "20＜μ≤30"],
                ["二级公路", "二", "0.3333", "Q＜15000", "20＜μ≤30"]]
    got = d.tables[0].grid()
    # The wrapped cell comes back joined: 公路技术等级.
    assert got == [[t.replace("\n", "") if t else t for t in row] for row in expected]
    first = d.tables[0].cells[0]
    assert (first.rowspan, first.colspan) == (2, 1)
    assert "2.5000" not in d.text()  # table text is out of the paragraph flow


@pytest.mark.realdocs
def test_issue_71_fake_bold_deduplicated(realdocs):
    text = doc("fixtures_pdfplumber/issue-71-duplicate-chars.pdf").all_text()
    assert "微软培训课程：名模意义一些有意义一些" in compact(text)
    assert "微微软软" not in text


@pytest.mark.realdocs
def test_malformed_pdf_opens(realdocs):
    # pdfminer misplaces its characters below the page; pdfium reads it as drawn.
    d = doc("fixtures_pdfplumber/malformed-from-issue-932.pdf")
    assert d.text().split() == ["2021", "3", "31"]


@pytest.mark.realdocs
def test_pdf_with_junk_before_header(realdocs):
    d = doc("fixtures_pdfplumber/issue-848.pdf")
    assert d.pages == 8 and d.format == "pdf"


@pytest.mark.realdocs
def test_latex_pdf_has_its_section_titles(realdocs):
    d = doc("league_branch_thu/main.pdf")
    tex = "".join((realdocs / "league_branch_thu" / f).read_text("utf-8") for f in
                  ("overview.tex", "studying.tex", "activity.tex", "pe_and_art.tex", "thoughts.tex",
                   "connection.tex", "summary.tex"))
    titles = re.findall(r"\\section\{([^}]*)\}", tex)
    assert len(titles) >= 5
    paragraphs = {re.sub(r"^\d+", "", p.text) for p in d.paragraphs}
    for title in titles:
        assert title in paragraphs, title
    assert d.footers and all(f.isdigit() for f in d.footers)  # page numbers kept out of the text


@pytest.mark.realdocs
def test_merged_cells_in_word_tables(realdocs):
    form = doc("party_org_owip/adform_bj.docx").tables[0]
    assert form.grid()[0][:3] == ["姓  名", "某\u3000某", None]
    photo = next(c for c in form.cells if (c.row, c.col) == (1, 9))
    assert (photo.rowspan, photo.colspan) == (4, 1)  # vMerge restart + 3 continues
    d = doc("fixtures_docxtpl/horizontal_merge_tpl.docx")
    assert any(c.colspan > 1 for t in d.tables for c in t.cells)


def _similarity(reference: str, got: str) -> float:
    a, b = Counter(re.sub(r"\s", "", reference)), Counter(re.sub(r"\s", "", got))
    return sum((a & b).values()) / max(1, sum(a.values()))


@pytest.mark.realdocs
@pytest.mark.soffice
def test_doc_text(realdocs):
    docs = sorted((realdocs / "party_org_owip").glob("*.doc"))
    results = dict(read_many(docs, jobs=1))
    assert len(results) == 2
    for path, d in results.items():
        assert not isinstance(d, ReadError), d
        assert d.format == "doc" and d.path == str(path)
        reference = (realdocs / "derived_reference_text" / (Path(path).stem + ".txt")).read_text("utf-8-sig")
        assert _similarity(reference, d.all_text()) >= 0.95
        ref_lines = [ln.strip() for ln in reference.splitlines() if ln.strip()][:40]
        got_lines = [ln.strip() for ln in d.all_text().splitlines() if ln.strip()][:40]
        assert difflib.SequenceMatcher(None, ref_lines, got_lines).ratio() > 0.5


@pytest.mark.realdocs
def test_xls_workbooks(realdocs):
    """The two public Excel 97–2003 reports: every sheet, merged titles and cells with line breaks."""
    page = doc("party_org_owip/stat_party_branch_page.xls")
    assert page.format == "xls" and page.tables[0].rows()[0][7] == "全校基层党组织基本情况一览表"
    assert "入党积极分子" in page.tables[0].rows()[1]
    report = doc("party_org_owip/与党组织相关的报表.xls")
    assert len(report.tables) == 12 and report.tables[0].title == "民主评议党员情况"
    assert "社     区\n（居委会）" in report.tables[0].rows()[2]
