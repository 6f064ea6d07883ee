"""Typo detection on the prose of the genre: the usage rules (的/地/得, 在/再,
以/已), doubled characters across words, the fixed-word lexicon, and the
benchmark's held-out set with its precision and recall floors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from toolkit.lang.proofread import suspects
from toolkit.lang.typo import doubled
from toolkit.lang.usage import misuses

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import typo_genre  # noqa: E402


def fixes(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.suggestion) for s in misuses(text)]


@pytest.mark.parametrize("text, expected", [
    ("团员们认真的学习了会议精神。", [("的", "地")]),
    ("村民们积极的参与环境整治。", [("的", "地")]),
    ("志愿者们早早的来到了服务点。", [("的", "地")]),
    ("我们清醒的认识到，基层组织还有薄弱环节。", [("的", "地")]),
    ("各项工作完成的很好。", [("的", "得")]),
    ("今年的青年文明号创建活动开展的有声有色。", [("的", "得")]),
    ("比赛组织的非常成功，大家很满意。", [("的", "得")]),
    ("我们地工作还有差距。", [("地", "的")]),
    ("再活动中，大家充分展示了青年风采。", [("再", "在")]),
    ("团员大会再村委会议室召开。", [("再", "在")]),
    ("请于再2026年6月底前完成。", [("再", "在")]),
    ("高校团委再学校党委的正确领导下开展工作。", [("再", "在")]),
    ("各团支部以完成了团员信息核对。", [("以", "已")]),
    ("如有异议，请已书面形式向镇团委反映。", [("已", "以")]),
])
def test_usage_flags(text, expected):
    assert fixes(text) == expected


@pytest.mark.parametrize("text", [
    "会议进行了热烈的讨论。", "大家树立了认真的学习态度。", "活动受到了群众的热烈欢迎。",
    "他们做的很多工作值得肯定。", "他说的很对。", "对工作中出现的弄虚作假、优亲厚友等现象严肃处理。",
    "各支部取得的成效，要及时总结。", "执行规范、严格的推荐程序。", "请在网上填写简要的申请信息。",
    "青年干部们在纪念碑前举行了庄严的宣誓仪式。", "原来的指定主题改为自主申报。",
    "会后再组织团员集中学习。", "支部书记再次强调了纪律要求。", "请大家再认真核对一遍。",
    "以学习为主，以实践为辅。", "坚持以经济建设为中心。", "以完成全年任务为目标，倒排工期。",
    "此次活动已基本结束。", "材料已全部上报。", "我们将再接再厉，争取更好成绩。",
    "同学们高高兴兴地回家了。", "他们认真地学习了文件精神。", "各项工作完成得很好。",
])
def test_usage_leaves_correct_text(text):
    assert fixes(text) == []


@pytest.mark.parametrize("text, expected", [
    ("请各支部核实是是否按时完成。", "是是否"),
    ("各支部要认真组组织学习。", "组组织"),
    ("我们们的工作还有不足。", "我们们"),
    ("在防汛抗抗旱期间，突击队出动40人次。", "抗抗旱"),
    ("各团支部书记工工作交流会", "工工作"),
])
def test_doubled_across_words_flags(text, expected):
    assert [s.text for s in doubled(text)] == [expected]


@pytest.mark.parametrize("text", [
    "对对象进行考察。", "推进民主和和谐。", "他的的确确做到了。", "他是是非分明的人。", "一个个志愿者走上街头。",
    "一天天成长起来。", "人人参与，天天打卡。", "请大家问问题。", "我们要要求自己。", "会会同有关部门研究。",
    "会议对下半年的重点工作作了具体安排。", "完成了了解情况的任务。", "学习习近平新时代中国特色社会主义思想。",
    "丰富学生生活。", "全村村民参加了大会。",
])
def test_doubled_across_words_leaves_legitimate_text(text):
    assert list(doubled(text)) == []


def test_clean_genre_paragraphs_give_zero_findings():
    """False alarms matter as much as misses: every correct held-out sentence is silent."""
    noisy = [(t, suspects(t)) for t in typo_genre.prose("held-out")]
    assert [(t, s) for t, s in noisy if s] == []


def test_held_out_precision_and_recall_floors():
    data = typo_genre.dataset(typo_genre.prose("held-out"), seed=1)
    precision, recall, hits, totals, _ = typo_genre.score(data)
    assert sum(totals.values()) >= 150
    assert precision >= 0.9 and recall >= 0.6, (precision, recall)
    # the classes the rules target, each well above chance
    for cls in ("的地得", "在再", "做作", "截止截至", "重字"):
        assert hits[cls] / totals[cls] >= 0.5, cls


@pytest.mark.parametrize("seed", [2, 3])
def test_floors_hold_for_other_injections(seed):
    precision, recall, *_ = typo_genre.score(typo_genre.dataset(typo_genre.prose("held-out"), seed=seed))
    assert precision >= 0.9 and recall >= 0.6, (seed, precision, recall)


def test_misplaced_word_of_the_genre():
    from toolkit.lang.typo import genre_words, misplaced

    assert {"团员", "团支部", "推优"} & genre_words()
    # every hit the held-out homophones give proposes a genre word; correct sentences give none
    data = typo_genre.dataset(typo_genre.prose("held-out"), seed=1)
    hits = [s for t, c in data if c == "同音词" for s in misplaced(t)]
    assert hits and all(s.suggestion in genre_words() for s in hits)
    assert [t for t in typo_genre.prose() if list(misplaced(t))] == []
    assert list(misplaced("中秋节全家团圆，大家个个精神饱满，期中考试也结束了。")) == []
