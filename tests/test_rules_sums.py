"""Sums on statistics tables and 其中 breakdowns (TW251, TW252, TW254–TW256): the
generated statistics tables of tests/rounds/stats_tables.py, and must-pass /
must-fail cases of each layout and phrasing."""

from __future__ import annotations

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rounds.helpers import check, check_text, fill_table
from rounds.stats_tables import PLANTS, build, cn_number
from toolkit.cn.breakdown import covering
from toolkit.cn.numbers import cn_to_int, rounds_to

FEW = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TITLE = "青石镇团委2026年度工作总结"
SIGNED = ["青石镇团委", "2026年12月1日"]


def _reported(findings) -> list:
    return [f for f in findings if f.severity in ("error", "warning")]


# --- the generator ---------------------------------------------------------------

@pytest.mark.parametrize("seed", range(1, 13))
def test_clean_statistics_table_has_no_errors_or_warnings(tmp_path, seed):
    built = build(tmp_path, seed)
    assert not _reported(check([built.path], "")), built.layout


@pytest.mark.parametrize("plant", PLANTS)
@pytest.mark.parametrize("seed", range(1, 7))
def test_planted_sum_mistake_found_on_its_cell(tmp_path, seed, plant):
    built = build(tmp_path, seed, plant)
    found = _reported(check([built.path], ""))
    cells = {(f.location.table, f.location.row, f.location.col) for f in found}
    assert found and cells <= built.where, (built.layout, [(f.rule, f.location, f.message) for f in found])
    assert {f.rule for f in found} <= {"TW254", "TW255", "TW256"}


@FEW
@given(seed=st.integers(100, 10**6), plant=st.sampled_from([None, *PLANTS]))
def test_property_statistics_tables(tmp_path_factory, seed, plant):
    built = build(tmp_path_factory.mktemp("stats"), seed, plant)
    found = _reported(check([built.path], ""))
    if plant is None:
        assert not found, (built.layout, [(f.rule, f.location, f.message) for f in found])
    else:
        assert found and {(f.location.table, f.location.row, f.location.col) for f in found} <= built.where


@pytest.mark.soffice
def test_statistics_table_as_pdf(tmp_path):
    import subprocess

    clean, bad = build(tmp_path, 3, fmt="docx"), build(tmp_path, 3, "total", fmt="docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(clean.path),
                    str(bad.path)], check=True, capture_output=True, timeout=180)
    assert clean.path.with_suffix(".pdf").exists() and bad.path.with_suffix(".pdf").exists()
    assert not _reported(check([clean.path.with_suffix(".pdf")], "TW25"))
    found = _reported(check([bad.path.with_suffix(".pdf")], "TW25"))
    assert [f.rule for f in found] == ["TW254"]


def test_chinese_numerals_of_the_generator():
    assert all(cn_to_int(cn_number(n)) == n for n in range(0, 300))


# --- 其中 in prose -----------------------------------------------------------------

PROSE = [
    # (sentence, expected rule/severity or None)
    ("支部共有团员45名，其中男生20名、女生25名。", None),
    ("支部共有团员45名，男生20名，女生26名。", "error"),  # no 其中, but 男/女 cover the whole
    ("支部共有团员45名，男生20名，女生25名。", None),
    ("支部共有团员45名，党员50名。", None),  # no 其中: not said to be a part
    ("支部共有团员45名，新发展团员3名，入党积极分子9名。", None),
    ("支部共有团员45名，其中男生20名、女生26名。", "error"),
    ("支部共有团员45名，其中男生20名，女生24名。", "error"),  # exhaustive even with a comma, and short
    ("支部共有团员45名，其中20名为女生，25名为男生。", None),
    ("支部共有团员45名，其中20名为女生，26名为男生。", "error"),
    ("支部共有团员45名，其中女生20名、少数民族5名、中共党员3名。", None),  # subsets: no sum
    ("全年共发展团员12名，其中女性7名、少数民族2名。", None),
    ("支部共有团员45名，其中党员50名。", "error"),  # a part above its total
    ("全镇共有团员320名，其中村级团支部团员180名，青年志愿者400名。", "warning"),  # 400 may be no part
    ("全镇共有团员320名，其中村级团支部团员180名，覆盖青年1000名。", None),  # another count after a comma
    ("共收回选票42票，其中赞成40票、反对1票、弃权2票。", "error"),
    ("共收回选票42票，其中赞成40票、反对1票、弃权1票。", None),
    ("共开展活动12次，其中主题团日4次、志愿服务5次、理论学习2次。", "error"),
    ("共开展活动12次，其中主题团日4次、志愿服务5次、理论学习2次，覆盖团员100人次。", "error"),
    ("共开展活动12次，其中主题团日4次，志愿服务5次。", None),  # perhaps not all listed
    ("共开展活动12次，其中主题团日8次，志愿服务5次。", "warning"),
]


@pytest.mark.parametrize("sentence,expected", PROSE)
def test_prose_breakdowns(tmp_path, sentence, expected):
    found = check_text(tmp_path, [TITLE, sentence, *SIGNED], "TW251")
    assert [f.severity for f in found] == ([expected] if expected else [])


@pytest.mark.parametrize("sentence,bad", [
    ("共有团员3名，其中入党积极分子1名，占33%。", False),
    ("共有团员3名，其中入党积极分子1名，占33.3%。", False),
    ("共有团员3名，其中入党积极分子1名，占33.33%。", False),
    ("共有团员3名，其中入党积极分子2名，占66.7%。", False),
    ("共有团员3名，其中入党积极分子2名，占66%。", False),  # cut off, not rounded: still 2/3
    ("共有团员3名，其中入党积极分子2名，占62%。", True),
])
def test_prose_percentages_rounded_or_cut_off(tmp_path, sentence, bad):
    assert bool(check_text(tmp_path, [TITLE, sentence, *SIGNED], "TW252")) is bad


@given(a=st.integers(0, 400), b=st.integers(1, 400), places=st.integers(0, 3))
def test_property_rounded_and_cut_off_figures_are_right(a, b, places):
    real = a * 100 / b
    assert rounds_to(real, f"{real:.{places}f}")
    assert rounds_to(real, f"{int(real * 10 ** places) / 10 ** places:.{places}f}")
    assert not rounds_to(real, f"{real + 2:.{places}f}")


@given(st.permutations(["男生", "女生", "少数民族", "中共党员"]))
def test_property_covering_finds_the_sexes_among_subsets(labels):
    cover = covering(labels)
    assert cover is not None and sorted(labels[i] for i in cover) == ["女生", "男生"]


def test_votes_under_those_present_need_not_add_up():
    assert covering(["赞成", "反对", "弃权"], "实到人数") is None
    assert covering(["赞成票", "反对票", "弃权票"], "收回票数") == [0, 1, 2]


# --- 其中 in tables ----------------------------------------------------------------

def _table(tmp_path, rows, merges=(), name="t.docx", split_at=None):
    d = docx.Document()
    d.add_paragraph("团员情况统计表")
    parts = [rows] if split_at is None else [rows[:split_at], rows[split_at:]]
    for i, part in enumerate(parts):
        if i:
            d.add_paragraph("续表")
        t = d.add_table(rows=len(part), cols=len(part[0]))
        t.style = "Table Grid"
        fill_table(t, part, merges if i == 0 else ())
    d.save(tmp_path / name)
    return tmp_path / name


HEAD = [["单位", "团员数", "其中", "", ""], ["", "", "男", "女", "少数民族"]]
HEAD_MERGES = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 4))]


def _cells(found):
    return sorted((f.rule, f.location.table, f.location.row, f.location.col) for f in found)


def test_other_columns_under_a_merged_head_must_pass(tmp_path):
    rows = HEAD + [["一村", "12", "5", "7", "3"], ["二村", "8", "8", "—", ""], ["合计", "20", "13", "7", "3"]]
    assert not _reported(check([_table(tmp_path, rows, HEAD_MERGES)], "TW25"))


def test_other_columns_under_a_merged_head_must_fail(tmp_path):
    rows = HEAD + [["一村", "12", "5", "8", "13"], ["二村", "8", "8", "—", ""], ["合计", "20", "13", "8", "13"]]
    found = _reported(check([_table(tmp_path, rows, HEAD_MERGES)], "TW25"))
    # 男+女 = 13 ≠ 12 (named on the whole); 少数民族 13 > 12 (named on the part); the 合计 follows from them
    assert _cells(found) == [("TW255", 1, 3, 2), ("TW255", 1, 3, 5)]


def test_flat_head_with_qizhong_label(tmp_path):
    ok = [["单位", "团员总数", "其中：女", "中共党员", "参加人数"], ["一村", "十二", "5人", "1人", "10"],
          ["二村", "八", "3人", "0", "8"], ["合计", "20", "8", "1", "18"]]
    assert not _reported(check([_table(tmp_path, ok, name="ok.docx")], "TW25"))
    bad = [row[:] for row in ok]
    bad[2][3] = "9人"  # 党员 9 in a village of 8 members
    bad[3][3] = "10"
    found = _reported(check([_table(tmp_path, bad, name="bad.docx")], "TW25"))
    assert _cells(found) == [("TW255", 1, 3, 4)]


def test_qizhong_rows_in_a_table_laid_across(tmp_path):
    ok = [["项目", "一村", "二村", "三村", "合计"], ["团员数", "12", "8", "10", "30"],
          ["其中：男", "5", "4", "6", "15"], ["女", "7", "4", "4", "15"], ["少数民族", "2", "0", "1", "3"]]
    assert not _reported(check([_table(tmp_path, ok, name="ok.docx")], "TW25"))
    bad = [row[:] for row in ok]
    bad[3][2] = "5"  # 二村: 男 4 + 女 5 ≠ 8
    bad[3][4] = "16"
    found = _reported(check([_table(tmp_path, bad, name="bad.docx")], "TW25"))
    assert _cells(found) == [("TW255", 1, 2, 3)]


def test_qizhong_rows_are_not_summed_into_the_total(tmp_path):
    rows = [["单位", "团员数", "活动次数"], ["一村", "12", "3"], ["其中：女", "7", "2"], ["二村", "8", "2"],
            ["其中：女", "4", "1"], ["合计", "20", "5"]]
    assert not _reported(check([_table(tmp_path, rows)], "TW25"))


# --- 小计, 合计 and 续表 -------------------------------------------------------------

GROUPED = [["片区", "单位", "团员数", "活动次数"],
           ["东片", "一村", "12", "3"], ["东片", "二村", "8", "2"], ["东片", "小计", "20", "5"],
           ["西片", "三村", "10", "4"], ["西片", "四村", "6", "1"], ["西片", "小计", "16", "5"],
           ["合计", "", "36", "10"]]
GROUP_MERGES = [((1, 0), (3, 0)), ((4, 0), (6, 0)), ((7, 0), (7, 1))]


def test_subtotals_and_total_must_pass(tmp_path):
    assert not _reported(check([_table(tmp_path, GROUPED, GROUP_MERGES)], "TW25"))


@pytest.mark.parametrize("row,col,value", [(3, 2, "21"), (6, 3, "6"), (7, 2, "37")])
def test_subtotals_and_total_must_fail(tmp_path, row, col, value):
    rows = [r[:] for r in GROUPED]
    rows[row][col] = value
    found = _reported(check([_table(tmp_path, rows, GROUP_MERGES)], "TW25"))
    assert _cells(found) == [("TW254", 1, row + 1, col + 1)]


@pytest.mark.parametrize("repeat", [False, True])
def test_total_of_a_table_split_in_two(tmp_path, repeat):
    rows = [r[:] for r in GROUPED]
    cut = 4
    split = rows[:cut] + ([rows[0]] if repeat else []) + rows[cut:]
    path = _table(tmp_path, split, GROUP_MERGES[:1], split_at=cut)
    assert not _reported(check([path], "TW25"))
    split[-1][2] = "35"
    found = _reported(check([_table(tmp_path, split, GROUP_MERGES[:1], name="bad.docx", split_at=cut)], "TW25"))
    assert _cells(found) == [("TW254", 2, len(split) - cut, 3)]


def test_two_tables_each_with_its_own_total(tmp_path):
    one = [["单位", "团员数"], ["一村", "12"], ["二村", "8"], ["合计", "20"]]
    two = [["单位", "团员数"], ["三村", "10"], ["四村", "6"], ["合计", "16"]]
    assert not _reported(check([_table(tmp_path, one + two, split_at=len(one))], "TW25"))


# --- percentage columns -------------------------------------------------------------

RATES = [["单位", "团员数", "参加人数", "参与率"], ["一村", "3", "1", "33.3%"], ["二村", "3", "2", "67%"],
         ["三村", "6", "2", "33.33%"], ["四村", "8", "6", "75%"], ["合计", "20", "11", "55%"]]


def test_percentage_column_rounded_any_way_must_pass(tmp_path):
    assert not _reported(check([_table(tmp_path, RATES)], "TW25"))


def test_percentage_column_must_fail(tmp_path):
    rows = [r[:] for r in RATES]
    rows[4][3] = "80%"
    found = _reported(check([_table(tmp_path, rows)], "TW25"))
    assert _cells(found) == [("TW256", 1, 5, 4)]
    assert "75.0%" in found[0].message


def test_share_of_the_total_as_a_fraction(tmp_path):
    rows = [["单位", "团员数", "占比"], ["一村", "10", "0.25"], ["二村", "14", "0.35"], ["三村", "6", "0.15"],
            ["四村", "10", "0.25"], ["合计", "40", "1"]]
    assert not _reported(check([_table(tmp_path, rows)], "TW25"))
    rows[2][2] = "0.45"
    assert _cells(_reported(check([_table(tmp_path, rows, name="bad.docx")], "TW25"))) == [("TW256", 1, 3, 3)]


def test_groups_own_lines_above_their_members(tmp_path):
    rows = [["单位", "团员数"], ["一、东片", "20"], ["一村", "12"], ["二村", "8"], ["二、西片", "16"], ["三村", "10"],
            ["四村", "6"], ["合计（人）", "36"]]
    assert not _reported(check([_table(tmp_path, rows)], "TW25"))
    rows[-1][1] = "38"
    assert _cells(_reported(check([_table(tmp_path, rows, name="bad.docx")], "TW25"))) == [("TW254", 1, 8, 2)]


def test_doubled_word_in_a_column_head(tmp_path):
    found = check_text(tmp_path, [TITLE, "我们研究研究一下这个问题。"], "TW502",
                       tables=[[["单位", "有效有效票数", "男"], ["一村", "12", "男男"]]])
    assert [(f.location.table, f.location.row, f.location.col) for f in found] == [(1, 1, 2)]


ACROSS_GROUPS = [["项目", "一村", "二村", "东片小计", "三村", "四村", "西片小计", "合计"],
                 ["团员数", "12", "8", "20", "10", "6", "16", "36"],
                 ["活动次数", "3", "2", "5", "4", "1", "5", "10"]]


def test_subtotal_columns_of_a_table_laid_across(tmp_path):
    assert not _reported(check([_table(tmp_path, ACROSS_GROUPS)], "TW25"))
    rows = [r[:] for r in ACROSS_GROUPS]
    rows[1][6] = "17"  # 西片小计 wrong; 合计 still the sum of the villages
    found = _reported(check([_table(tmp_path, rows, name="bad.docx")], "TW25"))
    assert _cells(found) == [("TW254", 1, 2, 7)]


def test_subtotal_first_in_each_group(tmp_path):
    rows = [["片区", "单位", "团员数"], ["东片", "小计", "20"], ["东片", "一村", "12"], ["东片", "二村", "8"],
            ["西片", "小计", "16"], ["西片", "三村", "10"], ["西片", "四村", "6"], ["合计", "", "36"]]
    assert not _reported(check([_table(tmp_path, rows)], "TW25"))
    rows[4][2] = "20"  # what the group above adds up to: still wrong for its own group
    rows[7][2] = "40"
    assert _cells(_reported(check([_table(tmp_path, rows, name="bad.docx")], "TW25"))) == [("TW254", 1, 5, 3)]


def test_total_rate_as_the_mean_of_the_rates(tmp_path):
    rows = [r[:] for r in RATES]
    rows[5][3] = "52.2%"  # (33.3 + 67 + 33.33 + 75) / 4, not 11/20
    assert not _reported(check([_table(tmp_path, rows)], "TW25"))


# --- a statistical report's numbering and nested heads (public reports, realdocs) -------------

def _report(tmp_path, rows, merges=()):
    from rounds.helpers import table_docx
    return table_docx(tmp_path / "统计报表.docx", rows, merges, title="党员和入党积极分子情况统计表")


def test_numbering_row_and_line_numbers_are_not_figures(tmp_path):
    """A 栏次 row (甲 | 乙 | 1 | 2 …) names the columns and a column under any head counting 1, 2, 3 …
    numbers the lines: neither is added up nor taken for a 其中 part."""
    rows = [["项目", "代码", "人数", "女", "少数民族", "35岁以下"],
            ["甲", "乙", "1", "2", "3", "4"],
            ["入党申请人", "1", "12", "7", "2", "10"],
            ["其中：上半年申请入党的", "2", "5", "3", "1", "4"],
            ["入党积极分子", "3", "9", "5", "1", "8"],
            ["其中：上半年成为积极分子的", "4", "4", "2", "0", "3"],
            ["发展对象", "5", "6", "3", "1", "5"],
            ["合计", "6", "27", "15", "4", "23"]]
    assert not _reported(check([_report(tmp_path, rows)], "")), rows


def test_parts_above_the_whole_on_most_lines_are_a_misread_head(tmp_path):
    """Nested heads read as one 其中 group (其他 taken for the whole of 总数/教授…): a part above its
    whole on every line is the reading's, not the writer's; one line wrong among many is still found."""
    good = [["单位", "教师", "其中", None, None],
            [None, None, "教授", "副教授", "讲师"],
            ["文学院", "30", "5", "10", "12"],
            ["理学院", "40", "8", "12", "15"],
            ["工学院", "50", "9", "15", "20"]]
    merges = [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 4))]
    assert not _reported(check([_report(tmp_path, good, merges)], ""))
    bad = [row[:] for row in good]
    bad[3][3] = "45"  # 副教授 45 in a 理学院 of 40 teachers
    found = _reported(check([_report(tmp_path, bad, merges)], ""))
    assert [(f.rule, f.location.row, f.location.col) for f in found] == [("TW255", 4, 4)], \
        [(f.rule, f.location, f.message) for f in found]
