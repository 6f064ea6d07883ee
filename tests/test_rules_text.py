"""Text rules end to end: real .docx files read back through the whole check (locations,
messages, documents of several paragraphs and tables)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rounds.helpers import check_text, write_docx, check

TITLE = "化工2201团支部2026年推优工作总结"


def _fires(tmp_path, text: str, code: str) -> list:
    return [f for f in check_text(tmp_path, [TITLE, text], code) if f.rule == code]


# Each rule's must-fail and must-pass sentences are in tests/rules/fixtures (run in memory);
# these are end-to-end: real .docx files read back through the whole check.


def test_numbered_points(tmp_path):
    bad = [TITLE, "存在以下三点不足：", "1.学习不够深入。", "2.活动形式单一。", "二、下一步打算"]
    good = [TITLE, "存在以下两点不足：", "1.学习不够深入。", "2.活动形式单一。", "二、下一步打算", "1.加强学习。"]
    inline = [TITLE, "主要有三个方面：一是加强学习，二是规范程序。"]
    found = [f for f in check_text(tmp_path, bad, "TW202") if f.rule == "TW202"]
    assert found and found[0].location.paragraph == 2 and "3点" in found[0].message and "2点" in found[0].message
    assert not [f for f in check_text(tmp_path, good, "TW202", name="g.docx") if f.rule == "TW202"]
    assert [f for f in check_text(tmp_path, inline, "TW202", name="i.docx") if f.rule == "TW202"]


def test_count_message_matches_contract(tmp_path):
    text = "经团支部大会表决，最终确定刘一诺、陈佳琪、杨明轩、黄若曦4人为推荐对象，上报学院团委，共推荐5人。"
    (f,) = _fires(tmp_path, text, "TW201")
    assert f.message == "“共推荐5人”与所列4个姓名不符"
    assert f.category == "count" and f.severity == "error"


def test_heading_full_stop(tmp_path):
    found = check_text(tmp_path, [TITLE, "一、基本情况。", "本支部共有团员30人。", "二、主要做法", "（一）加强学习，提高认识。"],
                       "TW555")
    assert [f.location.paragraph for f in found] == [2]


def test_total_against_a_list_in_another_paragraph(tmp_path):
    head = [TITLE, "经支部大会无记名投票，刘一诺、陈佳琪、杨明轩当选推荐人选。", "一、主要做法", "（一）规范程序。当场唱票、计票。",
            "二、取得成效"]
    found = check_text(tmp_path, head + ["本次共推荐4名优秀团员，结果已公示。"], "TW203")
    assert [(f.location.paragraph, f.severity) for f in found] == [(6, "warning")]
    assert "3人（刘一诺、陈佳琪、杨明轩）" in found[0].message
    for i, good in enumerate(["本次共推荐3名优秀团员，结果已公示。", "学院各团支部共推荐28人。",  # agrees; wider scope
                              "本次推荐工作顺利完成。"]):
        assert not check_text(tmp_path, head + [good], "TW203", name=f"ok{i}.docx")
    two_lists = head + ["王子涵、李思远当选候补人选。", "本次共推荐4名优秀团员。"]
    assert not check_text(tmp_path, two_lists, "TW203", name="two.docx")  # which list? do not guess


def test_table_total_row_and_column(tmp_path):
    rows = [["团支部", "主题团日", "志愿服务", "合计"], ["化工2201", "3", "4", "7"], ["生物2201", "2", "5", "8"],
            ["合计", "5", "9", "15"]]
    found = check_text(tmp_path, [TITLE, "活动统计如下。"], "TW254", tables=[rows])
    assert {(f.location.row, f.location.col) for f in found} == {(3, 4), (4, 4)}
    rows[2][3], rows[3][3] = "7", "14"
    assert not check_text(tmp_path, [TITLE, "活动统计如下。"], "TW254", name="ok.docx", tables=[rows])


def test_dash_in_total_row_means_not_totalled(tmp_path):
    rows = [["团支部", "应到人数", "赞成票"], ["化工2201", "32", "27"], ["生物2201", "34", "30"], ["合计", "—", "57"]]
    assert not check_text(tmp_path, [TITLE, "推优情况如下。"], "TW254", tables=[rows])
    rows[3][2] = "58"
    assert [(f.location.row, f.location.col) for f in check_text(tmp_path, [TITLE, "推优情况如下。"], "TW254",
                                                                  name="bad.docx", tables=[rows])] == [(4, 3)]


def test_cell_placeholders_and_signature(tmp_path):
    rows = [["姓名", "王子涵", "性别", "男"], ["所在团支部", "××团支部", "团内职务", "团员"],
            ["出生年月", "2004年5月", "入团时间", "2019年5月"], ["团支部书记签字", "", "日期", "    年  月  日"]]
    found = check_text(tmp_path, ["推优登记表"], "placeholder", tables=[rows])
    by_rule = {f.rule: f for f in found}
    assert by_rule["TW102"].location.table == 1 and by_rule["TW102"].location.row == 2
    assert by_rule["TW104"].severity == "warning"  # a printed form's date line
    assert by_rule["TW105"].severity == "warning" and by_rule["TW105"].location.col == 1


TEXT_FORMAT = "TW601,TW602,TW603,TW604,TW605,TW606"  # the layout rules (TW607–) judge the .docx itself


def test_notice_format(tmp_path):
    bad = ["共青团化学工程学院委员会文件", "院团发〔2026〕第07号", "关于开展推优工作的通知", "各团支部：",
           "现将有关事项通知如下。", "一、推荐范围。", "年满18周岁的团员。", "三、工作程序", "附件：推优登记表。",
           "共青团化学工程学院委员会", "2026年10月09日"]
    found = {f.rule for f in check_text(tmp_path, bad, TEXT_FORMAT, name="通知.docx")}
    assert {"TW602", "TW603", "TW604", "TW605", "TW606"} <= found
    good = ["共青团化学工程学院委员会文件", "院团发〔2026〕7号", "关于开展推优工作的通知", "各团支部：",
            "现将有关事项通知如下。", "一、推荐范围", "年满18周岁的团员。", "二、工作程序", "（一）支部大会",
            "1.会议要求", "（二）材料报送", "附件：1.推优登记表", "2.推优工作汇总表", "共青团化学工程学院委员会", "2026年10月9日"]
    assert not check_text(tmp_path, good, TEXT_FORMAT, name="通知2.docx")
    cn_date = [*good[:-1], "二〇二六年十月九日"]
    assert {f.rule for f in check_text(tmp_path, cn_date, TEXT_FORMAT, name="通知3.docx")} == {"TW603"}


def test_notice_brackets(tmp_path):
    paras = ["共青团化学工程学院委员会文件", "院团发[2026]7号", "关于开展推优工作的通知", "各团支部：", "现将有关事项通知如下。",
             "共青团化学工程学院委员会", "2026年10月9日"]
    (f,) = check_text(tmp_path, paras, "TW601", name="通知.docx")
    assert "院团发〔2026〕7号" in f.message and f.location.paragraph == 2


def test_real_prose_has_no_false_alarms_in_numbers(realdocs):
    """The Tsinghua branch summary (LaTeX source) is real, correct prose: the
    number, date and punctuation rules must stay silent on it."""
    import tempfile

    lines = []
    for tex in sorted((realdocs / "league_branch_thu").glob("*.tex")):
        lines += [s.strip() for s in tex.read_text(encoding="utf-8").splitlines() if s.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        path = write_docx(Path(tmp) / "thu.docx", lines[:1500])
        found = check([path], "count,arithmetic,date,punctuation,format")
    assert not found, [(f.rule, f.excerpt) for f in found]


def test_seeds_findings_are_real(tmp_path):
    """Seeds hold real mistakes (xx, half-width commas); nothing else may fire."""
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip("../shared/seeds 不存在")
    for seed in sorted(seeds.glob("*.txt")):
        lines = [s.strip() for s in seed.read_text(encoding="utf-8").splitlines() if s.strip()]
        path = write_docx(tmp_path / f"{seed.stem}.docx", lines)
        found = check([path], "count,arithmetic,date,format,TW553,TW554,TW555")
        assert not found, [(f.rule, f.excerpt) for f in found]


SIGNED = ["化工2201团支部", "2026年1月10日"]
TEXT_DATE_FAIL = [
    [TITLE, "本总结于2026年3月5日撰写完成。"],
    [TITLE, "一、主要做法", "支部于2026年3月5日召开了团支部大会。"],
    ["化工2201团支部大会会议记录", "会议时间：2026年1月8日", "会议于2026年2月8日表决通过推荐人选。"],
    ["关于做好推优工作的通知", "各团支部：", "学院团委已于2026年3月印发实施细则。"],
]
TEXT_DATE_PASS = [
    [TITLE, "下一步，支部将于2026年5月开展主题团日活动。"],
    [TITLE, "二、下一步打算", "2026年3月至5月开展志愿服务。", "2026年3月召开专题组织生活会。"],
    [TITLE, "支部计划于2026年3月召开团支部大会。", "2026年3月—6月开展青马学习。"],
    [TITLE, "支部于2025年12月5日召开了团支部大会。", "为了做好2026年3月的推优工作，支部开展了学习。"],
    ["关于做好推优工作的通知", "各团支部：", "请于2026年3月20日前报送材料。", "学院定于2026年3月25日召开推优大会。"],
]


@pytest.mark.parametrize("paras", TEXT_DATE_FAIL)
def test_text_date_after_signature_must_fail(tmp_path, paras):
    found = check_text(tmp_path, [*paras, *SIGNED], "TW453")
    assert [f.location.paragraph for f in found] == [len(paras)], found
    assert "晚于文档落款日期2026-01-10" in found[0].message and found[0].severity == "warning"


@pytest.mark.parametrize("paras", TEXT_DATE_PASS)
def test_text_date_after_signature_must_pass(tmp_path, paras):
    assert not check_text(tmp_path, [*paras, *SIGNED], "TW453")


def test_log_dates_without_year(tmp_path):
    """A log's date columns hold month-day dates (10.9, 10月10日): an impossible
    one is found at its cell; numbers in other columns are not dates."""
    rows = [["团支部", "领取", "领取", "上交", "上交", "服务时长"],
            ["团支部", "份数", "日期", "份数", "日期", "小时"],
            ["化工2201", "5", "10.9", "5", "9.31", "3.75"],
            ["生物2201", "4", "2月30日", "4", "10月10日", "2.5"],
            ["材料2201", "3", "2.29", "3", "—", "12.40"]]
    found = check_text(tmp_path, ["分表领取及上交登记"], "TW451", tables=[rows])
    assert sorted((f.location.row, f.location.col, f.message) for f in found) == [
        (3, 5, "日期“9.31”不存在（9月没有31日）"), (4, 3, "日期“2月30日”不存在（2月没有30日）")]
    rows[2][4], rows[3][2] = "9.30", "2月28日"
    assert not check_text(tmp_path, ["分表领取及上交登记"], "TW451", name="ok.docx", tables=[rows])


def test_log_date_column_single_header(tmp_path):
    rows = [["团支部", "领取份数", "领取日期", "得分"], ["化工2201", "5", "13.5", "9.31"], ["生物2201", "4", "9月31", "8.5"]]
    found = check_text(tmp_path, ["分表领取登记"], "TW451", tables=[rows])
    assert sorted((f.location.row, f.location.col) for f in found) == [(2, 3), (3, 3)]
    assert "没有13月" in min(found, key=lambda f: f.location.row).message
