"""Tables as branches make them, as real .docx/.xlsx files: a title row, a
merged group header (表决情况 over 应到/实到/赞成/反对/弃权), 合计 rows whose
figures carry units (20人, 686人次, 12张), and the arithmetic rule reading them."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rounds.helpers import check, fill_table
from toolkit.cn.numbers import UNITS
from toolkit.extract import extract
from toolkit.read import read

HEAD = [
    ["化工学院推优汇总表", "", "", "", "", "", "", ""],
    ["序号", "团支部", "姓名", "表决情况", "", "", "", ""],
    ["", "", "", "应到", "实到", "赞成", "反对", "弃权"],
]
HEAD_MERGES = [((0, 0), (0, 7)), ((1, 0), (2, 0)), ((1, 1), (2, 1)), ((1, 2), (2, 2)), ((1, 3), (1, 7))]
BODY = [
    ["1", "化工2201团支部", "张三", "32人", "30人", "27票", "2票", "1票"],
    ["2", "化工2202团支部", "李四", "28人", "26人", "25票", "1票", "0票"],
]


def tally_docx(path: Path, total: list[str], body=BODY) -> Path:
    rows = HEAD + body + [total]
    d = docx.Document()
    table = d.add_table(rows=len(rows), cols=8)
    table.style = "Table Grid"
    fill_table(table, rows, HEAD_MERGES)
    d.save(path)
    return path


def tally_xlsx(path: Path, total: list[str], body=BODY) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in HEAD + body + [total]:
        ws.append([x or None for x in row])
    for (r1, c1), (r2, c2) in HEAD_MERGES:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(path)
    return path


GOOD_TOTAL = ["合计", "", "", "60人", "56人", "52票", "3票", "1票"]


@pytest.mark.parametrize("build", [tally_docx, tally_xlsx])
def test_two_row_header_with_units_extracts_rows_and_total(tmp_path, build):
    path = build(tmp_path / f"汇总表.{'docx' if build is tally_docx else 'xlsx'}", GOOD_TOTAL)
    ex = extract(read(str(path)))
    assert ex.kind == "tally"
    assert [r.values["姓名"] for r in ex.records] == ["张三", "李四"]
    assert ex.records[0].values == {"序号": 1, "团支部": "化工2201团支部", "姓名": "张三", "应到人数": 32,
                                         "实到人数": 30, "赞成票": 27, "反对票": 2, "弃权票": 1}
    assert ex.total.values == {"应到人数": 60, "实到人数": 56, "赞成票": 52, "反对票": 3, "弃权票": 1}


@pytest.mark.parametrize("build", [tally_docx, tally_xlsx])
def test_total_row_under_a_two_row_header_must_pass(tmp_path, build):
    path = build(tmp_path / f"ok.{'docx' if build is tally_docx else 'xlsx'}", GOOD_TOTAL)
    assert not check([path], "TW254")


@pytest.mark.parametrize("build", [tally_docx, tally_xlsx])
def test_total_row_under_a_two_row_header_must_fail(tmp_path, build):
    bad = ["合计", "", "", "60人", "56人", "53票", "3票", "1票"]
    path = build(tmp_path / f"bad.{'docx' if build is tally_docx else 'xlsx'}", bad)
    found = check([path], "TW254")
    assert [(f.location.row, f.location.col) for f in found] == [(6, 6)]
    assert "赞成" in found[0].message and "53" in found[0].message and "52" in found[0].message


@pytest.mark.parametrize("unit", ["人次", "场", "张", "份", "小时", "元", "次"])
def test_statistics_table_with_units(tmp_path, unit):
    rows = [["团支部", "活动", "参与"], ["化工2201团支部", f"3{unit}", f"120{unit}"],
            ["化工2202团支部", f"2{unit}", f"86{unit}"], ["合计", f"5{unit}", f"206{unit}"]]
    ok = tmp_path / "ok.docx"
    d = docx.Document()
    fill_table(d.add_table(rows=4, cols=3), rows)
    d.save(ok)
    assert not check([ok], "TW254")
    rows[3][2] = f"216{unit}"
    bad = tmp_path / "bad.docx"
    d = docx.Document()
    fill_table(d.add_table(rows=4, cols=3), rows)
    d.save(bad)
    assert [(f.location.row, f.location.col) for f in check([bad], "TW254")] == [(4, 3)]


def test_units_are_one_list():
    for u in ("人", "名", "张", "票", "份", "场", "次", "人次", "小时", "元"):
        assert u in UNITS


@pytest.mark.parametrize("sentence, bad", [
    ("本次大会共发出选票30张，其中有效票28张、废票1张、空白票1张。", False),
    ("本次大会共发出选票30张，其中有效票28张、废票1张、空白票2张。", True),
    ("全年共开展活动12场，其中主题团日4场、志愿服务5场、理论学习3场。", False),
    ("全年共开展活动12场，其中主题团日4场、志愿服务5场、理论学习2场。", True),
])
def test_parts_in_ballots_and_sessions(tmp_path, sentence, bad):
    d = docx.Document()
    d.add_paragraph(sentence)
    d.save(tmp_path / "a.docx")
    assert bool(check([tmp_path / "a.docx"], "TW251")) is bad


@st.composite
def tally_rows(draw):
    n = draw(st.integers(2, 5))
    unit = draw(st.sampled_from(("人", "票", "")))
    body = []
    for i in range(n):
        total = draw(st.integers(10, 60))
        present = draw(st.integers(total // 2 + 1, total))
        no, abstain = draw(st.integers(0, 3)), draw(st.integers(0, 2))
        body.append([str(i + 1), f"化工22{i:02d}团支部", f"王{'一二三四五'[i]}", total, present, present - no - abstain,
                     no, abstain])
    return body, unit, draw(st.integers(3, 7)), draw(st.sampled_from((-2, -1, 1, 3)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tally_rows(), st.booleans())
@example(([["1", "化工2200团支部", "王一", 10, 6, 6, 0, 0], ["2", "化工2201团支部", "王二", 10, 6, 6, 0, 0]], "人", 6, -2),
         False)  # a negative 合计 (-2人) is read, not passed over
def test_total_row_property(tmp_path, drawn, as_xlsx):
    body, unit, col, delta = drawn
    sums = [sum(r[c] for r in body) for c in range(3, 8)]
    text = [[*r[:3], *(f"{x}{unit}" for x in r[3:])] for r in body]
    good = ["合计", "", "", *(f"{x}{unit}" for x in sums)]
    build, ext = (tally_xlsx, "xlsx") if as_xlsx else (tally_docx, "docx")
    assert not check([build(tmp_path / f"ok.{ext}", good, text)], "TW254")
    bad = list(good)
    bad[col] = f"{sums[col - 3] + delta}{unit}"
    found = check([build(tmp_path / f"bad.{ext}", bad, text)], "TW254")
    assert [(f.location.row, f.location.col) for f in found] == [(len(HEAD) + len(body) + 1, col + 1)]
