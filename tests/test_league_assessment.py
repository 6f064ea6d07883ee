"""百分考核表 (assessment): clean sheets in .docx and .xlsx give no finding; TW860–TW864
find their planted mistakes."""

from __future__ import annotations

import pytest

from league.sheets import assessment_rows, write_docx, write_xlsx
from rounds.build_round import Person, form
from rounds.helpers import CONFIG, check
from toolkit.config import Config
from toolkit.extract import extract
from toolkit.read import read

TITLE = "化工2201团支部2026年度百分考核表"


def _sheet(tmp_path, rows=None, grade="优秀", layout="docx", extra=""):
    rows = rows or assessment_rows()
    lines = [f"考核等次：{grade}{extra}"]
    if layout == "docx":
        return write_docx(tmp_path / "考核.docx", [TITLE, "被考核单位：化工2201团支部　　考核时间：2026年12月10日"], rows, lines)
    return write_xlsx(tmp_path / "考核.xlsx", TITLE, rows, ["被考核单位：化工2201团支部", *lines])


def _found(paths, select="TW86", config=CONFIG):
    return {f.rule: f for f in check(paths, select, config=config)}


@pytest.mark.parametrize("layout", ["docx", "xlsx"])
def test_clean_sheet_passes(tmp_path, layout):
    path = _sheet(tmp_path, layout=layout)
    ex = extract(read(str(path)))
    assert ex.kind == "assessment" and len([r for r in ex.records if r.kind == "assessment_item"]) == 6
    assert not _found([path], "TW8,arithmetic,eligibility")


def test_synonym_headers_without_total_row_pass(tmp_path):
    rows = [["考核内容", "标准分", "考核标准", "自评分", "考核得分", "扣分原因"],
            ["思想政治引领", 30, "按学期计", 28, 27, "少一次学习"],
            ["组织建设", 40, "按学期计", 36, 35, ""],
            ["作用发挥", 30, "按学期计", 25, 24, ""]]
    path = write_xlsx(tmp_path / "考评.xlsx", "团支部工作考核评分表", rows, ["考核结果：优秀"])
    assert extract(read(str(path))).kind == "assessment"
    assert not _found([path])


def _with(rows, r, c, value):
    rows[r][c] = value
    return rows


FAIL = [
    ("TW860", lambda: _with(_with(assessment_rows(), 6, 3, 10), 7, 3, 95), "分值之和为95分，应为100分"),
    ("TW861", lambda: _with(assessment_rows(), 2, 6, 17), "检查得分17分，超出该项分值0–15分"),
    ("TW862", lambda: _with(assessment_rows(), 7, 5, 85), "合计行自查得分85分，各项之和为82分"),
]


@pytest.mark.parametrize("layout", ["docx", "xlsx"])
@pytest.mark.parametrize("code,rows,message", FAIL, ids=[c for c, _, _ in FAIL])
def test_must_fail(tmp_path, code, rows, message, layout):
    found = _found([_sheet(tmp_path, rows(), layout=layout)], code)
    assert code in found, found
    assert message in found[code].message
    assert found[code].location.row


def test_grade_band(tmp_path):
    rows = assessment_rows((16, 12, 15, 12, 9, 9))  # 73
    found = _found([_sheet(tmp_path, rows)], "TW863")
    assert "应为“合格”，表中写“优秀”" in found["TW863"].message
    assert not _found([_sheet(tmp_path, rows, "合格")], "TW863")
    lenient = Config.from_dict({"assessment": {"bands": ["优秀:70", "合格:60", "不合格:0"]}})
    assert not _found([_sheet(tmp_path, rows)], "TW863", lenient)


def test_failing_branch_recommending(tmp_path):
    low = assessment_rows((10, 8, 9, 7, 6, 5))  # 45
    sheet = _sheet(tmp_path, low, "不合格", extra="　　推优人数：2人")
    p = Person("王子涵", "男", "20040506", "2019年5月", "化工2201团支部", 32, 30, 27, 2, 1)
    form_path = tmp_path / "登记表_王子涵.docx"
    form(form_path, p, 0)
    found = check([sheet, form_path], "TW864")
    files = {f.file for f in found}
    assert str(form_path) in files and str(sheet) in files
    # a passing branch's forms are not touched
    assert not check([_sheet(tmp_path / ".." / tmp_path.name, assessment_rows()), form_path], "TW864")


def test_category_heading_rows_and_subtotals_pass(tmp_path):
    """A category row carrying its 分值 over scored sub-items, and 小计 rows, are not items."""
    rows = [["考核项目", "具体要求", "分值", "评分标准", "自查得分", "检查得分"],
            ["一、组织建设", "", 40, "", "", ""],
            ["换届", "按期换届", 20, "未换届扣20分", 20, 18],
            ["团籍注册", "及时注册", 20, "每漏一人扣2分", 18, 18],
            ["小计", "", 40, "", 38, 36],
            ["二、作用发挥", "", 60, "", "", ""],
            ["志愿服务", "人均20小时", 30, "每少2小时扣1分", 27, 26],
            ["主题团日", "每月一次", 30, "少一次扣3分", 27, 27],
            ["小计", "", 60, "", 54, 53]]
    path = write_docx(tmp_path / "考核.docx", [TITLE], rows, ["考核等次：优秀"])
    assert extract(read(str(path))).kind == "assessment"
    assert not _found([path])
