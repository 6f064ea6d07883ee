"""积分表 (points): clean sheets in several layouts give no finding; each rule
TW850–TW856 finds its planted mistake, on the right cell."""

from __future__ import annotations

import pytest

from league.sheets import item_rows, member_rows, write_docx, write_xlsx
from rounds.helpers import CONFIG, check
from toolkit.config import Config
from toolkit.extract import extract
from toolkit.read import read

ITEM_TITLE = ["2026年度团员“三亮三比”积分表", "团支部：化工2201团支部　　姓名：王子涵　　满分：100分"]
ITEM_TAIL = ["等次：优秀　　是否推优：是"]
MEMBER_TITLE = "化工2201团支部2026年度团员积分汇总表"


def _item_sheet(tmp_path, rows=None, tail=ITEM_TAIL, name="积分表.docx"):
    return write_docx(tmp_path / name, ITEM_TITLE, rows or item_rows(), tail)


def _member_sheet(tmp_path, rows=None, layout="xlsx"):
    rows = rows or member_rows()
    if layout == "xlsx":
        return write_xlsx(tmp_path / "积分汇总.xlsx", MEMBER_TITLE, rows, ["注：满分100分，加分不超过10分。"])
    return write_docx(tmp_path / "积分汇总.docx", [MEMBER_TITLE, "满分100分"], rows)


def _found(paths, select="TW85", config=CONFIG):
    return {f.rule: f for f in check(paths, select, config=config)}


def test_kind_and_records(tmp_path):
    ex = extract(read(str(_item_sheet(tmp_path))))
    assert ex.kind == "points"
    items = [r for r in ex.records if r.kind == "points_item"]
    assert len(items) == 8 and items[2].values["评价"] == "B" and items[2].values["得分"] == 12
    assert ex.total.values["得分"] == 90
    sheet = next(r for r in ex.records if r.kind == "points_sheet")
    assert sheet.values["等次"] == "优秀" and sheet.values["姓名"] == "王子涵"
    ex = extract(read(str(_member_sheet(tmp_path))))
    assert ex.kind == "points" and ex.fields["满分"] == 100
    assert [r.values["姓名"] for r in ex.records if r.kind == "points_member"][:2] == ["王子涵", "陈雨桐"]


@pytest.mark.parametrize("layout", ["xlsx", "docx"])
def test_clean_member_sheets_pass(tmp_path, layout):
    assert not _found([_member_sheet(tmp_path, layout=layout)], "TW8,arithmetic,eligibility")


def test_clean_item_sheet_passes(tmp_path):
    assert not _found([_item_sheet(tmp_path)], "TW8,arithmetic,eligibility")


def test_synonym_headers_and_separate_total_column_pass(tmp_path):
    """Another branch's export: 一季度…四季度, 年度积分 of the quarters alone and a 总分 with the 加分,
    名次 instead of 排名, 考核等次, dense ranking of a tie."""
    rows = [["编号", "团员姓名", "一季度", "二季度", "三季度", "四季度", "年度积分", "加分", "总分", "负面清单情况", "考核等次", "名次"],
            [1, "甲一", 20, 20, 20, 20, 80, 5, 85, "无", "良好", 1],
            [2, "乙二", 20, 20, 20, 20, 80, 5, 85, "无", "良好", 1],
            [3, "丙三", 20, 20, 15, 15, 70, 0, 70, "无", "合格", 2]]
    assert not _found([write_xlsx(tmp_path / "积分.xlsx", "2026年团员积分排名表", rows)])


def test_unknown_grade_words_and_other_scale_are_not_judged(tmp_path):
    rows = [["序号", "姓名", "第一季度", "第二季度", "第三季度", "第四季度", "年度积分", "等次"],
            [1, "甲一", 50, 50, 50, 40, 190, "好"],
            [2, "乙二", 30, 40, 30, 40, 140, "优秀"]]  # a 200-point sheet that does not say so
    assert "TW854" not in _found([write_xlsx(tmp_path / "积分.xlsx", "团员积分汇总表", rows)])


def _with(rows, r, c, value):
    rows[r][c] = value
    return rows


ITEM_FAIL = [
    ("TW850", lambda: _with(item_rows(), 1, 6, 12), "得分12分，超出该项分值0–10分"),
    ("TW851", lambda: _with(item_rows(), 3, 6, 14), "应得12分，表中为14分"),
    ("TW851", lambda: _with(item_rows(), 2, 6, 5), "应得10分"),
    ("TW852", lambda: _with(item_rows(), 9, 6, 95), "合计得分95分，各项得分之和为90分"),
    ("TW853", lambda: _with(item_rows(), 8, 6, 14), "加分14分，超过上限10分"),
]


@pytest.mark.parametrize("code,rows,message", ITEM_FAIL, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(ITEM_FAIL)])
def test_item_sheet_must_fail(tmp_path, code, rows, message):
    found = _found([_item_sheet(tmp_path, rows())], code)
    assert code in found, found
    assert message in found[code].message
    assert found[code].location.table == 1 and found[code].location.row


def test_negative_item_on_excellent_member(tmp_path):
    rows = _with(_with(item_rows(), 7, 5, "否"), 7, 6, 0)
    rows[9][6] = 80
    found = _found([_item_sheet(tmp_path, rows)], "TW856")
    assert "TW856" in found and "列入推优" in found["TW856"].message
    # graded 合格 and not recommended: nothing to report
    clean = _found([_item_sheet(tmp_path, rows, ["等次：合格　　是否推优：否"], "b.docx")], "TW856")
    assert not clean


def test_item_sheet_grade_band(tmp_path):
    rows = _with(_with(item_rows(), 3, 5, "D"), 3, 6, 0)
    rows[9][6] = 78
    found = _found([_item_sheet(tmp_path, rows)], "TW854")
    assert "应为“良好”，表中写“优秀”" in found["TW854"].message


MEMBER_FAIL = [
    ("TW852", lambda: _with(member_rows(), 3, 7, 82), "年度积分82分，四个季度之和为80分"),
    ("TW853", lambda: _with(_with(member_rows(), 1, 6, 12), 1, 7, 105), "加分12分，超过上限10分"),
    ("TW854", lambda: _with(member_rows(), 3, 9, "优秀"), "应为“良好”，表中写“优秀”"),
    ("TW855", lambda: _with(_with(member_rows(), 3, 10, 4), 4, 10, 3), "人积分更高，排名却为第"),
    ("TW856", lambda: _with(member_rows(), 5, 11, "是"), "孙若溪触及负面清单（受到警告处分）"),
    ("TW856", lambda: _with(member_rows(), 2, 8, "无故缺席组织生活3次"), "却等次为“优秀”、列入推优"),
]


@pytest.mark.parametrize("layout", ["xlsx", "docx"])
@pytest.mark.parametrize("code,rows,message", MEMBER_FAIL, ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(MEMBER_FAIL)])
def test_member_sheet_must_fail(tmp_path, code, rows, message, layout):
    found = _found([_member_sheet(tmp_path, rows(), layout)], code)
    assert code in found, found
    assert message in found[code].message
    assert found[code].location.row


def test_bands_and_shares_are_configurable(tmp_path):
    rows = _with(member_rows(), 3, 9, "优秀")  # 80 points
    path = _member_sheet(tmp_path, rows)
    assert "TW854" in _found([path], "TW854")
    lenient = Config.from_dict({"date": {"today": "2026-11-22"}, "points": {"bands": ["优秀:80", "良好:70", "合格:60", "不合格:0"]}})
    assert not _found([path], "TW854", lenient)  # 80 is 优秀 there
    shares = Config.from_dict({"points": {"grade_b": 0.7}})
    assert "TW851" in _found([_item_sheet(tmp_path)], "TW851", shares)


def test_extra_without_approval_is_a_warning(tmp_path):
    rows = member_rows()
    for row in rows:
        row.insert(7, "加分审批")
    rows[0][7] = "加分审批"
    rows[1][7] = ""
    for row in rows[2:]:
        row[7] = "同意"
    found = _found([_member_sheet(tmp_path, rows)], "TW853")
    assert found["TW853"].severity == "warning" and "王子涵" in found["TW853"].message
