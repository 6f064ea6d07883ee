"""Template-website residue (TW150)."""

from __future__ import annotations

import pytest
from docx import Document as DocxDocument

from toolkit.check.config import Config
from toolkit.check.engine import REGISTRY, Submission, all_rules
from toolkit.extract import extract
from toolkit.lang import patterns
from toolkit.read import read

ENTRIES = patterns.boilerplate().entries


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_residue_specs(entry):
    ps = patterns.boilerplate()
    assert entry.name in [e.name for e, _ in ps.finditer(entry.flag)]
    for ok in entry.ok:
        assert list(ps.finditer(ok)) == [], ok


@pytest.mark.parametrize("text", [
    "本站为你精心整理了2篇团支部工作总结范文，希望对你有所帮助。",
    "时间:2025-03-02 作者:佚名 栏目:工作总结",
    "篇二：团支部书记述职报告",
    "下载本文", "版权归原作者所有",
    "以上内容由文秘写作网整理发布",
])
def test_common_residue_is_caught(text):
    assert list(patterns.boilerplate().finditer(text))


@pytest.mark.parametrize("text", [
    "经支部大会表决，推荐3名同学为入党积极分子。",
    "时间：2026年4月12日下午  地点：学院会议室  主持人：团支书",
    "本学期共发表新闻稿件5篇，阅读量累计2000余次。",
    "团支部组织观看纪录片，精彩的画面让大家深受教育。",
])
def test_ordinary_text_is_not_residue(text):
    assert list(patterns.boilerplate().finditer(text)) == []


def test_rule_on_a_real_docx(tmp_path):
    path = tmp_path / "总结.docx"
    d = DocxDocument()
    d.sections[0].header.paragraphs[0].text = "文秘写作网 精品范文"
    d.add_paragraph("篇一：团支部工作总结")
    d.add_paragraph("本学期团支部围绕理论学习开展了三次主题团日活动。")
    d.add_paragraph("更多精彩内容，请点击查看相关推荐。")
    d.save(path)
    doc = read(path)
    all_rules()
    found = list(REGISTRY["TW150"].run(Submission(str(path), doc, extract(doc)), Config()))
    paras = sorted({f.location.paragraph for f in found if f.location.paragraph})
    assert paras == [1, 3]
    assert any("篇一" in f.message for f in found)
    assert any(f.location.paragraph is None and "文秘写作网" in f.message for f in found)
    assert all(f.category == "boilerplate" for f in found)
