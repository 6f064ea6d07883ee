"""Counting knows what it counts; dates of past events opening a sentence;
a summary's stated total against the branch's forms and tally rows."""

from __future__ import annotations

import pytest

from rounds.helpers import check, check_text, write_docx

TITLE = "2026年推优工作总结"

NOT_PEOPLE = [  # lists of activities, roles, grades or groups: never a list of names
    "全年参加志愿服务、社会实践的团员26名。",
    "全年参加志愿服务、社会实践团员26名。",
    "表彰优秀团干、优秀团员共12名。",
    "本次换届选举产生组织委员、宣传委员共3名。",
    "组织高一、高二学生共300余人参加升旗仪式。",
    "慰问孤寡老人、留守儿童40人。",
    "村里的种植户、养殖户18人参加了技能培训。",
    "医院护士、医生共56名参加急救技能比武。",
    "车间班组长、技术骨干15人参加青年安全生产示范岗创建。",
    "经研究，确定宣传、组织为负责部门，共有40人参加。",
    "推荐优秀团员3名，共有团员28人参加投票。",
    "经表决，推荐钮嘉树1人为入党积极分子人选，共推荐1人。",
]
MISCOUNTED = [  # names, in the genre's phrasings, whose number is wrong
    "经村团支部大会表决，确定石建国、罗春花、蒙小川为推荐对象，共推荐4人。",
    "共推荐3名：韦丽娟、莫小川。",
    "李娜、王伟2人当选，张晓东3人当选。".replace("张晓东3人当选", "唐宁、黄志勇、刘畅4人当选"),
    "欧阳志远、司马婷婷、诸葛明4人被推荐为入党积极分子人选。",
    "确定张三、李丽、王五为推优对象，共推荐4人。",
    "经支部大会表决，确定穆承1名同志为推荐人选，共推荐2人。",
]


@pytest.mark.parametrize("sentence", NOT_PEOPLE)
def test_a_list_of_things_is_not_counted_as_people(tmp_path, sentence):
    assert check_text(tmp_path, [TITLE, sentence], "TW201,TW203") == []


@pytest.mark.parametrize("sentence", MISCOUNTED)
def test_names_are_counted(tmp_path, sentence):
    assert [f.rule for f in check_text(tmp_path, [TITLE, sentence], "TW201")] == ["TW201"]


# --- a date opening a sentence about a past event ----------------------------------------------

SIGNED = "2026年11月12日"


@pytest.mark.parametrize("sentence", [
    "11月26日，支部组织团员到烈士陵园开展祭扫活动。",
    "11月20日上午，村团支部召开团员大会，表决推荐人选。",
    "2026年11月26日，支部组织团员参观了村史馆。",
    "于11月18日召开团支部大会，投票确定推荐人选。",
])
def test_a_past_event_after_the_documents_date(tmp_path, sentence):
    found = check_text(tmp_path, [TITLE, "一、主要做法", sentence, "城关镇机关团支部", SIGNED], "TW453")
    assert [f.location.paragraph for f in found] == [3], [f.message for f in found]


@pytest.mark.parametrize("lines", [
    ["9月26日，支部组织团员参观纪念馆。"],  # before the 成文日期
    ["11月30日前，各支部报送推荐材料。"],  # a deadline
    ["11月26日，支部将组织团员开展志愿服务。"],  # a plan
    ["二、下一步打算", "12月5日，支部组织全体团员开展学习。"],  # a plan section
    ["会议要求于11月30日召开全体团员大会。"],  # not opening a sentence, and asked for
    ["2025年工作回顾", "12月20日，支部组织团员开展冬季志愿服务。"],  # last year, written before it
])
def test_dates_that_are_not_past_events_after_it(tmp_path, lines):
    assert check_text(tmp_path, [TITLE, "一、主要做法", *lines, "城关镇机关团支部", SIGNED], "TW453") == []


def test_a_yearless_date_long_after_is_last_year(tmp_path):
    lines = ["团支部年度工作总结", "12月20日，支部组织团员开展冬季送温暖活动。", "恒达公司第一团支部", "2026年1月8日"]
    assert check_text(tmp_path, lines, "TW453") == []
    lines[1] = "1月20日，支部组织团员开展冬季送温暖活动。"  # twelve days after the summary was signed
    assert [f.location.paragraph for f in check_text(tmp_path, lines, "TW453", name="b.docx")] == [2]


# --- a summary's stated total against the branch's forms and tally -----------------------------

from dataclasses import replace  # noqa: E402

from rounds.build_round import Person, form, tally  # noqa: E402


def _branch_round(tmp_path, branch: str, names: list[str], summary_lines: list[str], with_tally: bool = True):
    people = [Person(n, "女", f"2003{i + 1:02d}15", "2018年5月", branch, 24, 22, 20, 1, 1) for i, n in enumerate(names)]
    paths = []
    for i, p in enumerate(people):
        paths.append(tmp_path / f"登记表_{p.name}.docx")
        form(paths[-1], p, i % 3)
    registers = []
    if with_tally:
        registers.append(tmp_path / "汇总表.docx")
        tally(registers[-1], people)
    paths.append(write_docx(tmp_path / "推优工作总结.docx", summary_lines))
    return paths, registers


def _summary(branch_short: str, sentence: str) -> list[str]:
    return [f"{branch_short}2026年推优工作总结", "一、基本情况", sentence, "二、主要做法",
            "支部严格按照程序开展推优工作，公示期间无异议。", branch_short, "2026年11月12日"]


@pytest.mark.parametrize("branch,short,sentence", [
    ("共青团青石镇柳湾村团支部", "柳湾村团支部", "经团员大会无记名投票，本次共推荐4名优秀团员。"),
    ("共青团经济管理学院会计2302团支部", "会计2302团支部", "最终确定石建国、罗春花、潘晓燕、韦丽娟为推荐人选。"),
    ("市第一人民医院护理部团支部", "护理部团支部", "经投票，蒙志刚、黄秋萍、莫小川、覃海燕4人当选推荐人选。"),
])
def test_a_summary_that_says_more_than_the_forms(tmp_path, branch, short, sentence):
    paths, registers = _branch_round(tmp_path, branch, ["石建国", "罗春花", "潘晓燕"], _summary(short, sentence))
    found = check(paths, "register", registers=registers)
    assert [(f.rule, f.severity, f.file.rsplit("/", 1)[-1]) for f in found] == [
        ("TW711", "error", "推优工作总结.docx")], [f.message for f in found]
    assert found[0].location.paragraph == 3 and "3份" in found[0].message


def test_only_forms_make_it_a_warning(tmp_path):
    paths, registers = _branch_round(tmp_path, "恒达有限公司第一团支部", ["石建国", "罗春花"],
                                     _summary("恒达公司第一团支部", "本次共推荐3名青年职工。"), with_tally=False)
    assert [(f.rule, f.severity) for f in check(paths, "register")] == [("TW711", "warning")]


@pytest.mark.parametrize("sentence", [
    "经团员大会无记名投票，本次共推荐3名优秀团员。",  # agrees
    "学院各团支部共推荐28人。",  # a wider scope
    "支部共推荐5名同学参加校级优秀团员评选。",  # another purpose
    "本次推优工作顺利完成。",  # no number
    "确定石建国、罗春花等为推荐人选。",  # open list
])
def test_summaries_that_agree_or_say_something_else(tmp_path, sentence):
    paths, registers = _branch_round(tmp_path, "城关中学高二（3）班团支部", ["石建国", "罗春花", "潘晓燕"],
                                     _summary("高二（3）班团支部", sentence))
    assert check(paths, "register", registers=registers) == []


def test_a_missing_form_is_not_blamed_on_the_summary(tmp_path):
    """The summary and the tally say 4, three forms came: the form is missing (TW702 on the tally)."""
    paths, registers = _branch_round(tmp_path, "管委会机关团支部", ["石建国", "罗春花", "潘晓燕"],
                                     _summary("管委会机关团支部", "本次共推荐4名优秀团员。"))
    extra = Person("韦丽娟", "女", "20030415", "2018年5月", "管委会机关团支部", 24, 22, 20, 1, 1)
    people = [Person(n, "女", f"2003{i + 1:02d}15", "2018年5月", "管委会机关团支部", 24, 22, 20, 1, 1)
              for i, n in enumerate(["石建国", "罗春花", "潘晓燕"])]
    tally(registers[0], [*people, replace(extra)])
    assert {(f.rule, f.file.rsplit("/", 1)[-1]) for f in check(paths, "register", registers=registers)} == {
        ("TW702", "汇总表.docx")}


def test_a_total_apart_from_its_list_is_compared_and_a_self_contradiction_left_to_tw201(tmp_path):
    lines = _summary("柳湾村团支部", "经无记名投票，石建国、罗春花2名同志当选推荐人选。")
    lines.insert(2, "本支部共推荐3名同志作为入党积极分子人选。")
    paths, registers = _branch_round(tmp_path, "青石镇柳湾村团支部", ["石建国", "罗春花"], lines)
    found = check(paths, "register", registers=registers)
    assert [(f.rule, f.location.paragraph) for f in found] == [("TW711", 3)]

    lines = _summary("柳湾村团支部", "经支部大会表决，确定石建国1名同志为推荐人选，共推荐2人。")
    paths, registers = _branch_round(tmp_path / "b", "青石镇柳湾村团支部", ["石建国"], lines) if (
        tmp_path / "b").mkdir() is None else None
    assert check(paths, "register", registers=registers) == []
    assert [f.rule for f in check(paths, "TW201")] == ["TW201"]
