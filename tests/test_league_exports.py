"""The League's lists as other offices export them (tests/league/exports.py): organisations,
column names, layouts and file types unlike the templates' and tests/league/sheets.py.

Properties: a clean round in random layouts gives no error, and every row of every list is
read; each planted mistake of each kind is found on its file, in the row of its person.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from league.exports import PLANTS, build
from toolkit.app.check import run_check
from toolkit.config import Config
from toolkit.extract import assessment, extract, points
from toolkit.kinds import TALLY_ROW, HOURS_ROW, REVIEW_ROW, ROSTER_ROW, STEPS_RECORD
from toolkit.extract.tables import table_rows
from toolkit.model import Cell, Table
from toolkit.read import read

TODAY = Config.from_dict({"date": {"today": "2026-11-30"}})
KIND = {"roster": "roster", "tally": "tally", "review": "review", "points": "points", "assessment": "assessment",
        "hours": "volunteer_hours", "steps": "tuiyou_steps"}
ROWS = {TALLY_ROW: "姓名", ROSTER_ROW: "姓名", REVIEW_ROW: "姓名", HOURS_ROW: "姓名", STEPS_RECORD: "姓名", points.MEMBER: "姓名",
        assessment.ITEM: "项目"}


def _check(built) -> list[dict]:
    """The round checked with its 团员名册 as the reference (``--roster``)."""
    roster = built.files["roster"]
    result, _ = run_check([str(p) for p in built.files.values() if p != roster], rosters=[str(roster)], config=TODAY,
                          quiet=True)
    assert all(f.status == "ok" for f in result.files), [f.to_dict() for f in result.files]
    return [f.to_dict() for f in result.findings]


def _clean(folder: Path, seed: int, pdf: bool = False) -> None:
    built = build(folder, seed, pdf=pdf)
    for kind, path in built.files.items():
        ex = extract(read(str(path)))
        assert ex.kind == KIND[kind], (path.name, ex.kind)
        read_names = [r.values.get(ROWS[r.kind]) for r in ex.records if r.kind in ROWS]
        assert read_names == built.names[kind], path.name
    errors = [f for f in _check(built) if f["severity"] == "error"]
    assert errors == []


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6))
def test_a_clean_round_in_random_layouts_gives_no_error_and_every_row_is_read(tmp_path_factory, seed):
    _clean(tmp_path_factory.mktemp("round"), seed)


def test_a_clean_round_with_pdf_lists(tmp_path):
    _clean(tmp_path, 2, pdf=True)  # the review, 积分 and 3+1+1 lists come as PDF in this round


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_each_planted_mistake_is_found_on_its_file_and_row(tmp_path, plant):
    seed = sorted(PLANTS).index(plant) * 7 + 1
    built = build(tmp_path, seed, plant)
    rule, path, who = built.expected
    findings = _check(built)
    hits = [f for f in findings if f["rule"] == rule and Path(f["file"]) == path]
    assert hits, (path.name, [(f["rule"], f["message"]) for f in findings])
    others = [(f["rule"], f["file"]) for f in findings if f["severity"] == "error" and f["rule"] != rule]
    assert others == []
    if who is None:  # a mistake of the whole sheet
        return
    doc = read(str(path))
    for hit in hits:
        loc = hit["location"]
        assert loc["table"] and loc["row"], hit
        table = doc.tables[loc["table"] - 1]
        assert who in [c.text for c in table.cells if c.row == loc["row"]], hit


# --- a row that Word broke across two pages of a PDF ---------------------------------------------
def _table(index: int, rows: list[list[str]], page: int) -> Table:
    return Table(index, [Cell(r, c, t) for r, row in enumerate(rows, 1) for c, t in enumerate(row, 1)], page=page)


HEAD = ["姓名", "团支部", "主题团课时间", "团课题目"]


def test_the_rest_of_a_row_broken_across_pages_is_glued_to_it():
    first = _table(1, [HEAD, ["刘一诺", "护理部团支部", "2026-10-11", "青春心向党，建功"]], 1)
    rest = _table(2, [["", "", "", "新时代"], ["孙若溪", "急诊科团支部", "2026-10-12", "传承五四精神"]], 2)
    records, _ = table_rows([first, rest])
    assert [(r.values["姓名"], r.values["团课题目"]) for r in records] == [
        ("刘一诺", "青春心向党，建功新时代"), ("孙若溪", "传承五四精神")]


def test_a_page_that_starts_with_a_person_under_a_merged_branch_is_not_glued():
    head = ["团支部", "姓名", "应到人数", "赞成票"]
    first = _table(1, [head, ["护理部团支部", "刘一诺", "30", "26"]], 1)
    rest = _table(2, [["", "孙若溪", "30", "25"]], 2)  # 团支部 merged down from the page before
    records, _ = table_rows([first, rest])
    assert [r.values["姓名"] for r in records] == ["刘一诺", "孙若溪"]


# --- .csv lists ----------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_a_csv_list_is_read_as_one_table(tmp_path, encoding):
    path = tmp_path / "团员名册.csv"
    path.write_text("青龙镇红星村团支部团员名册\n姓名,性别,入团年月,团员编号,团籍状态\n"
                    "黄晓东,男,2019.05,201933010201,正常\n何秀英,女,2020年5月,202033010202,正常\n", encoding)
    doc = read(str(path))
    assert not doc.paragraphs and len(doc.tables) == 1
    assert [c.text for c in doc.tables[0].cells if c.row == 3] == ["黄晓东", "男", "2019.05", "201933010201", "正常"]
    ex = extract(doc)
    assert ex.kind == "roster" and [r.values["入团时间"] for r in ex.records] == ["2019-05", "2020-05"]


def test_a_csv_of_lines_that_do_not_split_stays_text(tmp_path):
    path = tmp_path / "心得.csv"
    path.write_text("学习心得\n通过这次学习，我深受教育。\n今后要继续努力\n", "utf-8")
    doc = read(str(path))
    assert not doc.tables and [p.text for p in doc.paragraphs][0] == "学习心得"
