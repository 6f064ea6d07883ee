"""Excel 97–2003 workbooks (.xls): read like the same sheet saved as .xlsx, converted like one.

The .xls files are written by xlwt (test dependency), the way old Excel and office systems write them."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from click.testing import CliRunner

from cli import main
from toolkit.errors import ReadError
from toolkit.read import read

xlwt = pytest.importorskip("xlwt")

TITLE = "2026年推优入党汇总表"
HEADER = ["序号", "团支部", "姓名", "性别", "出生年月", "入团时间", "赞成票", "是否推荐"]
ROWS = [
    [1, "护理部团支部", "韦晓彤", "女", dt.date(2001, 5, 3), "2016.05", 25, True],
    [2, "护理部团支部", "阿依古丽·买买提", "女", dt.date(2000, 11, 20), "2015.10", 24.0, False],
    [3, "急诊科团支部", "龙思远", "男", dt.date(1999, 1, 9), "2014.05", 27, True],
]
REMARK = "备注：赞成票\n超过应到会人数的一半"


def write_xls(path, sheets: dict[str, list[list]]) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    dates = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for name, rows in sheets.items():
        ws = book.add_sheet(name)
        ws.write_merge(0, 0, 0, len(HEADER) - 1, TITLE)  # the title across the header's width
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    ws.write(r, c, value, dates)
                else:
                    ws.write(r, c, value)
    book.save(str(path))


def write_xlsx(path, sheets: dict[str, list[list]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws.append([TITLE])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
        for row in rows:
            ws.append(row)
    wb.save(path)


SHEETS = {"汇总": [HEADER, *ROWS, [], [REMARK]], "说明": [["填表说明：请勿修改表头"]]}


def test_read_like_the_xlsx(tmp_path):
    write_xls(tmp_path / "汇总.xls", SHEETS)
    write_xlsx(tmp_path / "汇总.xlsx", SHEETS)
    old, new = read(tmp_path / "汇总.xls"), read(tmp_path / "汇总.xlsx")
    assert old.format == "xls" and not old.notes
    assert [p.text for p in old.paragraphs] == [p.text for p in new.paragraphs] == ["汇总", "说明"]
    for a, b in zip(old.tables, new.tables, strict=True):
        assert a.title == b.title and a.position == b.position
        assert [(c.row, c.col, c.text, c.rowspan, c.colspan) for c in a.cells] == \
               [(c.row, c.col, c.text, c.rowspan, c.colspan) for c in b.cells]
    grid = old.tables[0].rows()
    assert grid[0][0] == TITLE and grid[2][4] == "2001-05-03" and grid[3][6] == "24" and grid[2][7] == "是"
    assert grid[-1][0] == REMARK


def test_named_xlsx_or_et_is_read_by_its_content(tmp_path):
    write_xls(tmp_path / "a.xls", SHEETS)
    for name in ("汇总.xlsx", "汇总.et"):
        (tmp_path / name).write_bytes((tmp_path / "a.xls").read_bytes())
        doc = read(tmp_path / name)
        assert doc.format == "xls" and doc.tables[0].rows()[1] == HEADER
    assert "内容" in read(tmp_path / "汇总.xlsx").notes[0]  # the name says .xlsx: TW620's note


def test_broken_xls_is_reported(tmp_path):
    write_xls(tmp_path / "a.xls", SHEETS)
    cut = tmp_path / "坏.xls"  # the workbook stream (the first sector after the header) overwritten
    data = bytearray((tmp_path / "a.xls").read_bytes())
    data[512:1024] = b"\xff" * 512
    cut.write_bytes(bytes(data))
    with pytest.raises(ReadError, match="旧版 Excel") as exc:
        read(cut)
    assert exc.value.status == "error"


def test_convert_takes_the_rows(tmp_path):
    folder = tmp_path / "提交"
    folder.mkdir()
    write_xls(folder / "汇总表.xls", {"汇总": [HEADER, *ROWS]})
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["convert", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    rows = [r for r in data if r.get("status", "ok") == "ok"]
    assert len(rows) == len(data) == 3 and {r["类型"] for r in rows} == {"tally"}
    names = [r["姓名"] for r in rows]
    assert names == ["韦晓彤", "阿依古丽·买买提", "龙思远"]


def test_a_date_shown_as_a_month_is_a_month(tmp_path):
    """Excel stores 2016年5月 as the 1st of May: the cell's format says the day was never typed."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("登记")
    ws.write(0, 0, "入团时间")
    ws.write(0, 1, dt.date(2016, 5, 1), xlwt.easyxf(num_format_str='yyyy"年"m"月"'))
    ws.write(1, 0, "出生日期")
    ws.write(1, 1, dt.date(2001, 5, 1), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    book.save(str(tmp_path / "a.xls"))
    assert read(tmp_path / "a.xls").tables[0].rows() == [["入团时间", "2016-05"], ["出生日期", "2001-05-01"]]
