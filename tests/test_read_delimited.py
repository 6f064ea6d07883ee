"""Tables saved as text: .csv/.tsv exports, and the .xls an office system writes as text."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings, strategies as st

from toolkit.read import read
from toolkit.read.delimited import split_rows

TALLY = [["化工学院推优汇总表", "", "", ""],
         ["序号", "姓名", "团支部", "赞成票"],
         ["1", "王子涵", "化工2201团支部", "30"],
         ["2", "阿依古丽·买买提", "护理部团支部", "27"],
         ["合计", "", "", "57"]]


def _csv(rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue()


def test_csv_is_one_table(tmp_path):
    path = tmp_path / "汇总表.csv"
    path.write_bytes(_csv(TALLY).encode("gbk"))  # Excel on Chinese Windows saves CSV as GBK
    doc = read(path)
    assert not doc.paragraphs and not doc.notes
    [table] = doc.tables
    assert table.rows() == TALLY


def test_xls_that_is_tab_separated_text_is_a_table_with_a_note(tmp_path):
    path = tmp_path / "汇总表.xls"  # what many web systems export as "Excel"
    path.write_bytes(("\ufeff" + _csv(TALLY, "\t")).encode("utf-8"))
    doc = read(path)
    assert doc.tables[0].rows() == TALLY
    assert any(".xls" in n and "CSV" in n for n in doc.notes)


def test_quoted_cells_keep_commas_and_line_breaks(tmp_path):
    rows = [["姓名", "备注"], ["李欣怡", "曾任团支书，现任组织委员\n2024年获优秀团员"], ["陈佳琪", '她说"好"']]
    path = tmp_path / "名单.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    assert read(path).tables[0].rows() == rows


def test_txt_with_half_width_commas_stays_prose(tmp_path):
    path = tmp_path / "总结.txt"
    path.write_text("支部召开大会,确定推荐对象,上报院团委。\n全年开展活动12次,参与团员300人次。\n", encoding="utf-8")
    doc = read(path)
    assert not doc.tables and [p.index for p in doc.paragraphs] == [1, 2]


def test_csv_without_delimiters_is_text(tmp_path):
    path = tmp_path / "说明.csv"
    path.write_text("本表由团支部填写\n请于11月20日前上交\n", encoding="utf-8")
    doc = read(path)
    assert not doc.tables and len(doc.paragraphs) == 2


_cell = st.text(st.sampled_from("王李张化工团支部2201男女年月，。、,;\"' 0123456789\n"), max_size=8).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_cell, min_size=2, max_size=6), min_size=2, max_size=8), st.sampled_from(",\t;"))
def test_any_sheet_written_by_csv_reads_back(rows, delimiter):
    rows = [r for r in rows if any(r)]
    rows[0:0] = [["姓名", "团支部", "票数"]]  # a header: every line of a real export has the delimiter
    text = _csv(rows, delimiter)
    got = split_rows(text)
    assert got is not None
    trimmed = [r[: max((i + 1 for i, v in enumerate(r) if v), default=0)] for r in rows]
    assert [r for r in got if r] == [r for r in trimmed if r]
