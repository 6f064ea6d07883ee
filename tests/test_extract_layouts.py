"""Registration forms typed in the layouts branches use, as real .docx files
(python-docx) and a PDF made from one by LibreOffice: every canonical field
comes back with the same value."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document as Docx

from rounds.helpers import fill_table, table_docx
from toolkit.extract import FORM_KEYS, extract

from toolkit.read import read

EXPECTED = {
    "姓名": "张三", "性别": "男", "民族": "汉族", "出生日期": "2004-05", "身份证号": "11010120040506109X",
    "入团时间": "2018-05", "团支部": "化工2201团支部", "团内职务": "组织委员", "联系电话": "13812345678",
    "应到人数": 32, "实到人数": 30, "赞成票": 27, "反对票": 2, "弃权票": 1, "表决日期": "2026-05-12",
}
VOTE = "应到会32人，实到会30人，赞成27票，反对2票，弃权1票"


def six_column(path: Path) -> Path:
    rows = [
        ["姓  名", "张三", "性　别", "男", "民  族", "汉族"],
        ["出生年月", "2004.05", "入团年月", "2018年5月", "团内职务", "组织委员"],
        ["公民身份号码", "110101200405061 09x", "", "联系电话", "138 1234 5678", ""],
        ["所在团支部", "化工2201团支部", "", "表决日期", "2026年5月12日", ""],
        ["团支部大会表决情况", VOTE, "", "", "", ""],
        ["团支部意见", "同意", "", "", "", ""],
    ]
    merges = [((2, 1), (2, 2)), ((2, 4), (2, 5)), ((3, 1), (3, 2)), ((3, 4), (3, 5)), ((4, 1), (4, 5)),
              ((5, 1), (5, 5))]
    return table_docx(path, rows, merges)


def four_column(path: Path) -> Path:
    rows = [
        ["姓名：", "张三", "性别：", "男"],
        ["民族：", "汉", "出生日期：", "2004-05"],
        ["身份证号码：", "11010120040506109X", "入团时间：", "2018.05"],
        ["团支部：", "化工2201团支部", "现任职务：", "组织委员"],
        ["手机号码：", "13812345678", "会议日期：", "2026.5.12"],
        ["应到人数", "三十二", "实到人数", "三十"],
        ["赞成票数", "27", "反对票数", "2"],
        ["弃权票数", "1", "", ""],
    ]
    return table_docx(path, rows)


def below_labels(path: Path) -> Path:
    rows = [
        ["姓名", "性别", "民族", "出生年月", "身份证号"],
        ["张三", "男", "汉族", "2004年5月", "11010120040506109X"],
        ["入团年月", "所在支部", "职务", "联系方式", "表决时间"],
        ["二〇一八年五月", "化工2201团支部", "组织委员", "13812345678", "2026-05-12"],
        ["应到", "实到", "赞成", "反对", "弃权"],
        ["32人", "30人", "27票", "2票", "1票"],
    ]
    return table_docx(path, rows)


def label_lines(path: Path) -> Path:
    d = Docx()
    d.add_heading("推优登记表", level=1)
    for line in [
        "姓　　名：张三        性　　别：男        民　　族：汉族",
        "出生年月：2004.05        公民身份号码：11010120040506109X",
        "入团年月：2018年5月        所在团支部：化工2201团支部        团内职务：组织委员",
        "手机：13812345678        表决日期：2026年5月12日",
        f"团支部大会表决情况：{VOTE}。",
    ]:
        d.add_paragraph(line)
    d.save(path)
    return path


def split_tables(path: Path) -> Path:
    """Personal data in one table, the vote in a second one (a page break between)."""
    d = Docx()
    d.add_heading("推优登记表", level=1)
    t1 = d.add_table(rows=5, cols=4)
    fill_table(t1, [["姓名", "张三", "性别", "男"], ["民族", "汉族", "出生年月", "2004.05"],
               ["身份证号", "11010120040506109X", "入团时间", "2018.05"],
               ["团支部", "化工2201团支部", "团内职务", "组织委员"], ["联系电话", "13812345678", "", ""]])
    d.add_page_break()
    d.add_paragraph("表决日期：2026年5月12日")
    t2 = d.add_table(rows=2, cols=5)
    fill_table(t2, [["应到人数", "实到人数", "赞成票", "反对票", "弃权票"], ["32", "30", "27", "2", "1"]])
    d.save(path)
    return path


LAYOUTS = {"six_column": six_column, "four_column": four_column, "below_labels": below_labels,
           "label_lines": label_lines, "split_tables": split_tables}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layout_gives_every_canonical_field(tmp_path, layout):
    path = LAYOUTS[layout](tmp_path / f"{layout}.docx")
    ex = extract(read(str(path)))
    assert ex.kind == "registration_form"
    assert len(ex.records) == 1
    values = ex.records[0].values
    assert set(FORM_KEYS) <= set(values)
    want = dict(EXPECTED, 民族="汉" if layout == "four_column" else "汉族")
    assert {k: values[k] for k in FORM_KEYS} == want


@pytest.mark.soffice
def test_pdf_form_made_by_libreoffice(tmp_path):
    from toolkit.office import soffice_convert

    src = six_column(tmp_path / "form.docx")
    pdf = soffice_convert([src], tmp_path / "pdf", "pdf")[src.resolve()]
    ex = extract(read(str(pdf)))
    assert ex.kind == "registration_form"
    assert {k: ex.records[0].values.get(k) for k in FORM_KEYS} == EXPECTED


@pytest.mark.parametrize("blank_first_row", [False, True])
def test_xlsx_merged_title_row_is_the_document_title(tmp_path, blank_first_row):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active  # named "Sheet": not a title
    top = 2 if blank_first_row else 1
    ws.cell(top, 1, "推优登记表")
    ws.merge_cells(start_row=top, start_column=1, end_row=top, end_column=4)
    for r, row in enumerate([["姓名", "张三", "性别", "男"], ["出生年月", "2004.05", "民族", "汉族"],
                             ["入团时间", "2019.05", "团支部", "化工2201团支部"]], start=top + 1):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    path = tmp_path / "form.xlsx"
    wb.save(path)
    ex = extract(read(path))
    assert ex.fields["title"] == "推优登记表"
    assert ex.kind == "registration_form"
