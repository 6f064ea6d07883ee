"""Typo lexicon, 规范表述, doubled characters and confusable characters."""

from __future__ import annotations

import pytest
from docx import Document as DocxDocument

from toolkit.config import Config
from toolkit.check.engine import REGISTRY, Submission, all_rules
from toolkit.extract import extract
from toolkit.lang import patterns
from toolkit.lang.typo import confusables, doubled
from toolkit.model import Document, Extraction, Paragraph, Record
from toolkit.read import read

TYPOS = patterns.typos().entries
FORMULATIONS = patterns.formulations().entries


def names(ps: patterns.PatternSet, text: str) -> list[str]:
    return [e.name for e, _ in ps.finditer(text)]


@pytest.mark.parametrize("entry", TYPOS, ids=[e.name for e in TYPOS])
def test_typo_entry_specs(entry):
    ps = patterns.typos()
    assert names(ps, entry.flag) == [entry.name]
    assert names(ps, entry.flag.replace(entry.name, entry.right)) == []
    for ok in entry.ok:
        assert names(ps, ok) == [], ok


@pytest.mark.parametrize("entry", FORMULATIONS, ids=[f"{e.name}:{e.regex}" for e in FORMULATIONS])
def test_formulation_entry_specs(entry):
    ps = patterns.formulations()
    assert entry.name in names(ps, entry.flag)
    for ok in entry.ok:
        assert names(ps, ok) == [], ok


def test_lexicon_is_large_and_unique():
    wrong = [e.name for e in TYPOS]
    assert len(wrong) >= 200 and len(set(wrong)) == len(wrong)
    assert all(e.name != e.right for e in TYPOS)


@pytest.mark.parametrize("text, expected", [
    ("这是我们的的工作总结。", ["的的"]),
    ("我们我们要认真学习。", ["我们我们"]),
    ("他来了了，大家很高兴。", ["了了"]),
])
def test_doubled_flags(text, expected):
    assert [s.text for s in doubled(text)] == expected


@pytest.mark.parametrize("text", [
    "谢谢大家，我们常常一起学习。", "人人参与，天天打卡，渐渐形成习惯。", "夜空中星星闪烁，我们看看再说。",
    "大家认认真真学习，高高兴兴回家。", "丰富学生生活，推进人民民主。", "请大家研究研究这个方案。",
    "这件事情最后不了了之。", "一个个志愿者走上街头。", "王丽丽同学表现突出。",
])
def test_doubled_leaves_legitimate_doublings(text):
    assert list(doubled(text, names={"王丽丽"})) == []


@pytest.mark.parametrize("text, wrong, right", [
    ("团支部组织开展志愿服雾活动。", "雾", "务"),
    ("本次活动得到了学院领导的大力支待。", "待", "持"),
    ("会议由团支书主侍。", "侍", "持"),
])
def test_confusable_flags(text, wrong, right):
    hits = list(confusables(text))
    assert [(h.text, h.suggestion) for h in hits] == [(wrong, right)]


@pytest.mark.parametrize("text", [
    "经团支部大会表决，同意推荐王子涵同学为入党积极分子。",
    "本学期团支部共开展主题团日活动4次，参与团员120人次。",
    "化工2201团支部组织全体团员参加青年大学习，完成率达到百分之百。",
    "欧阳娜娜和李思远两名同学在志愿服务中表现突出。",
])
def test_confusable_quiet_on_clean_official_text(text):
    assert list(confusables(text)) == []


def test_confusable_skips_names_of_the_round():
    # 唐艺昕: an unusual name must never be "corrected"
    assert list(confusables("唐艺昕和王梓萱负责会议记录。", names={"唐艺昕", "王梓萱"})) == []


def _run(code: str, doc: Document, ex: Extraction | None = None):
    all_rules()
    sub = Submission(doc.path, doc, ex or Extraction("summary"))
    return list(REGISTRY[code].run(sub, Config()))


def test_rules_on_a_real_docx(tmp_path):
    path = tmp_path / "总结.docx"
    d = DocxDocument()
    d.add_paragraph("化工2201团支部工作总结")
    d.add_paragraph("现将本学期工作总结如一下几点：")
    d.add_paragraph("一是认真做好推优对彖的考察，深入学习习近平新时代特色社会主义思想。")
    d.add_paragraph("二是组织的的主题团日活动，同学们反响热烈。")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "入党申清书"
    table.cell(0, 1).text = "已提交"
    d.save(path)
    doc = read(path)
    ex = extract(doc)
    lex = _run("TW500", doc, ex)
    assert [(f.message, f.location.paragraph) for f in lex if f.location.paragraph] == [
        ("错别字：“一下几点”应为“以下几点”", 2), ("错别字：“对彖”应为“对象”", 3)]
    cell = [f for f in lex if f.location.table]
    assert cell and cell[0].location.row == 1 and cell[0].location.col == 1
    assert all(f.severity == "error" and f.file == str(path) for f in lex)
    form = _run("TW501", doc, ex)
    assert len(form) == 1 and "习近平新时代中国特色社会主义思想" in form[0].message
    dbl = _run("TW502", doc, ex)
    assert [(f.location.paragraph, f.severity) for f in dbl] == [(4, "warning")]
    assert "的的" in dbl[0].excerpt


def test_names_in_extraction_protect_doubled_names():
    doc = Document("a.docx", "docx", [Paragraph(1, "推荐对象：张晶晶，经支部大会表决通过。")])
    ex = Extraction("registration_form", [Record("registration_form", {"姓名": "张晶晶"})])
    assert _run("TW502", doc, ex) == []


@pytest.mark.parametrize("text", [
    "当前，我们的党正带领全国人民团结奋斗。",   # 正 modifies 带领: not 党政
    "如果活动持续时间较长，可以分组轮换。",     # 较 modifies 长: not 校长
    "志愿服务时间较长的团员将优先推荐。",
])
def test_confusable_leaves_an_adverb_modifying_its_predicate(text):
    assert list(confusables(text)) == []


def test_confusable_still_flags_a_broken_word_next_to_an_adverb():
    hits = list(confusables("本次活动得到了学院领导的大力支待。"))
    assert [(h.text, h.suggestion) for h in hits] == [("待", "持")]


def _reference_paragraphs():
    import yaml

    from toolkit.resources import CORPUS_DIR

    for path in sorted((CORPUS_DIR / "reference").glob("*.yaml")):
        with open(path, encoding="utf-8") as fh:
            yield from (e["text"] for e in yaml.safe_load(fh))


def test_confusable_is_silent_on_every_corpus_reference_paragraph():
    # The reference paragraphs are written correctly: any TW503 suspicion there is a false alarm.
    found = [(s.text, s.suggestion, t) for t in _reference_paragraphs() for s in confusables(t)]
    assert found == []


def test_confusable_rule_only_in_the_prose_of_the_genre_and_not_for_repeated_usage(tmp_path):
    from rounds.helpers import check, write_docx

    slip = "会议由团支部书记主持，何即明同学介绍了本人情况。"
    summary = write_docx(tmp_path / "化工2201团支部推优工作总结.docx", ["化工2201团支部推优工作总结", slip])
    assert [f.rule for f in check([summary], "TW503")] == ["TW503"]
    manual = write_docx(tmp_path / "系统操作手册.docx", ["系统操作手册", "第三章 数据维护", slip])
    assert check([manual], "TW503") == []  # not a document of the genre
    repeated = write_docx(tmp_path / "化工2202团支部推优工作总结.docx",
                          ["化工2202团支部推优工作总结", slip, "会后，何即明同学又补充了材料。"])
    assert check([repeated], "TW503") == []  # the same suspect twice is usage, not a slip
