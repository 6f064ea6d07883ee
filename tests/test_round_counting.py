"""Counting knows what it counts; dates of past events opening a sentence;
a summary's stated total against the branch's forms and tally rows."""

from __future__ import annotations

import pytest

from rounds.helpers import check, check_text

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
]
MISCOUNTED = [  # names, in the genre's phrasings, whose number is wrong
    "经村团支部大会表决，确定石建国、罗春花、蒙小川为推荐对象，共推荐4人。",
    "共推荐3名：韦丽娟、莫小川。",
    "李娜、王伟2人当选，张晓东3人当选。".replace("张晓东3人当选", "唐宁、黄志勇、刘畅4人当选"),
    "欧阳志远、司马婷婷、诸葛明4人被推荐为入党积极分子人选。",
    "确定张三、李丽、王五为推优对象，共推荐4人。",
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
