"""tuanwen draft: a 工作总结 from facts, rendered with the summary template."""

from __future__ import annotations

import re
import string

import pytest
import yaml
from click.testing import CliRunner

from cli import main
from toolkit.app.check import run_check
from toolkit.errors import UsageError
from toolkit.lang.draft import QUOTA, Facts, choose, compose, reference
from toolkit.read import read

FACTS_A = """\
org: 共青团化学工程学院化工2201团支部
branch: 化工2201团支部
date: 2026-06-30
period: 2026年上半年
topic: [推优, 志愿服务]
figures: {members: 32, applicants: 12, recommended: 3, hours: 420, study_done: 31}
activities:
  - {name: 社区图书室整理, date: 2026-03-15, place: 东湖社区, participants: 18}
  - {name: 重温入团誓词, date: 2026-04-12, place: 市烈士陵园, participants: 30}
"""

FACTS_B = """\
org: 共青团生命科学学院生物2202团支部
branch: 生物2202团支部
date: 2026-07-02
period: 2026年春季学期
topic: [推优, 青年大学习]
figures: {members: 28, applicants: 9, recommended: 2, study_done: 27}
activities:
  - {name: 青春心向党知识竞答, date: 2026-05-04, participants: 26}
problems: [个别团员对学习平台操作不熟悉，完成时间偏晚。]
"""


def draft(tmp_path, name, facts, *args):
    data = tmp_path / f"{name}.yaml"
    data.write_text(facts, encoding="utf-8")
    out = tmp_path / f"{name}.docx"
    result = CliRunner().invoke(main, ["draft", str(data), "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_draft_has_the_four_parts_every_figure_and_the_signature(tmp_path):
    out, output = draft(tmp_path, "a", FACTS_A, "--keywords")
    text = read(out).text()
    for heading in ("主要做法", "取得成效", "存在不足", "下一步打算"):
        assert heading in text
    # every figure from the data, shares computed
    for fig in ("团员32名", "12名", "37.5%", "3名", "9.4%", "420小时", "96.9%", "活动2次",
                "累计48人次", "2026年3月15日", "东湖社区", "还有1名团员未完成"):
        assert fig in text, fig
    assert text.rstrip().endswith("共青团化学工程学院化工2201团支部\n2026年6月30日")
    assert "关键词：" in output and "推优" in output.split("关键词：")[1]
    assert "{" not in text and "}" not in text


def test_draft_is_deterministic(tmp_path):
    a = compose(Facts(__import__("yaml").safe_load(FACTS_A)))
    b = compose(Facts(__import__("yaml").safe_load(FACTS_A)))
    assert a == b


def test_drafts_pass_check_and_are_not_duplicates(tmp_path):
    a, _ = draft(tmp_path, "a", FACTS_A)
    b, _ = draft(tmp_path, "b", FACTS_B)
    result, _ = run_check([str(a), str(b)], jobs=1)
    assert {f.kind for f in result.files} == {"summary"}
    assert [f for f in result.findings if f.severity == "error"] == []
    assert [f for f in result.findings if f.category == "duplicate"] == []


@pytest.mark.parametrize("facts, message", [
    ("date: 2026-06-30\n", "org"),
    ("org: 甲团支部\n", "date"),
    ("org: 甲团支部\ndate: 2026-06-30\ntopic: 跑步\n", "未知的主题"),
    ("org: 甲团支部\ndate: 2026-06-30\nfigures: {members: 10, recommended: 12}\n", "不应大于"),
    ("org: 甲团支部\ndate: 2026-06-30\nfigures: {members: 十}\n", "整数"),
])
def test_bad_facts_get_a_chinese_error(facts, message):
    with pytest.raises(UsageError, match=message):
        Facts(__import__("yaml").safe_load(facts))


def test_same_topic_drafts_of_different_branches_are_not_duplicates():
    import yaml

    from toolkit.lang.duplicate import find_duplicates

    docs = []
    for k, branch in enumerate(["化工2201团支部", "化工2202团支部", "生物2201团支部", "材料2301团支部"]):
        facts = yaml.safe_load(FACTS_A)
        facts.update(org=f"共青团化学工程学院{branch}", branch=branch)
        facts["figures"].update(members=32 + k, applicants=10 + k)
        r = compose(Facts(facts))
        paras = [r["title"], *r["intro"], *r["basics"], *r["practices"], *r["results"], *r["shortcomings"], *r["plans"]]
        docs.append(list(enumerate(paras, 1)))
    assert find_duplicates(docs, 0.8) == []


def test_draft_from_a_spreadsheet_row_with_chinese_headers(tmp_path):
    data = tmp_path / "facts.csv"
    data.write_text("组织,团支部,日期,主题,团员人数,推优人数,活动次数,参与人次,不足\n"
                    "共青团材料学院材料2301团支部,材料2301团支部,2026-06-20,推优、主题团日,30,3,5,140,"
                    "部分团员参与主动性不强；活动经费较少\n", encoding="utf-8")
    out = tmp_path / "c.docx"
    result = CliRunner().invoke(main, ["draft", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = read(out).text()
    assert "3名" in text and "10.0%" in text and "活动5次" in text and "累计140人次" in text
    assert "（二）活动经费较少\n" in text and "主题团日" in text and "推优" in text  # one-sentence points: headings, no 。


# --- facts only from the data (issue 11) -----------------------------------------------------------

# What a sentence must not say unless the data do: outcomes and evaluations …
_CLAIMS = re.compile("完成了|取得|增强了|提高了|显著|明显|普遍|顺利|较好|不断增强|迈上|更加|有序推进|满意|认可|深入人心|得到")
# … or a setting only some branches have (a 医院, 乡镇 or 企业 branch drafts too).
_SETTING = re.compile("学校|院团委|专业|学期|班级|同学|公众号|老师")


def _corpus(part: str | None = None, key: bool = False) -> list[str]:
    return [e["text"] for e in reference() if (part is None or e["part"] == part) and bool(e.get("key")) == key]


def _pattern(text: str) -> re.Pattern:
    """A corpus sentence with its placeholders as wildcards."""
    parts = [re.escape(literal) + (".+?" if name else "") for literal, name, _, _ in string.Formatter().parse(text)]
    return re.compile("".join(parts) + "$")


def test_the_corpus_words_only_framing_and_intentions():
    """The paragraphs the drafter may take as wording claim nothing the data do not say."""
    wording = _corpus("intro") + _corpus("plans")
    assert set(QUOTA) == {"intro", "plans"}
    assert [t for t in _corpus("intro") + [e["text"] for e in reference() if e.get("key") == "none"]
            if _CLAIMS.search(t)] == []
    assert [t for t in wording if _SETTING.search(t) or re.search(r"\d", t)] == []
    data_sentences = [e["text"] for e in reference() if e.get("key")]
    assert [t for t in data_sentences if re.search(r"\d", re.sub(r"\{[^}]*\}", "", t))] == []  # facts: placeholders
    with pytest.raises(ValueError):
        choose(Facts(yaml.safe_load(FACTS_A)), "results", 1, 0)


@pytest.mark.parametrize("facts", [FACTS_A, FACTS_B, "org: 共青团某镇委员会某村团支部\ndate: 2026-05-01\ntopic: 团建\n",
                                   "org: 共青团某医院委员会护理团支部\ndate: 2026-12-01\nfigures: {members: 40, study_done: 40}\n"])
def test_what_happened_is_said_only_by_the_data(facts):
    """基本情况, 主要做法, 取得成效 and 存在不足: the data's sentences, the activities, the problems given."""
    data = yaml.safe_load(facts)
    r = compose(Facts(data))
    keyed = [_pattern(t) for t in _corpus(key=True)]
    given = [a["name"] for a in data.get("activities", [])]
    for part in ("basics", "results", *(() if data.get("problems") else ("shortcomings",))):
        assert all(any(p.match(t) for p in keyed) for t in r[part]), r[part]
    assert len(r["practices"]) == len(given) and all(n in t for n, t in zip(given, r["practices"]))
    assert not [t for t in r["intro"] + r["basics"] + r["results"] if _CLAIMS.search(t)]
