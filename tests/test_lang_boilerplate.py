"""Template-website residue (TW150)."""

from __future__ import annotations

import pytest
from docx import Document as DocxDocument

from toolkit.config import Config
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


# Page furniture, by shape: lines of web pages from many kinds of sites.
@pytest.mark.parametrize("text", [
    "首页 > 范文大全 > 工作总结 > 团支部工作总结",
    "当前位置：首页 » 实用文档 » 总结",
    "您的位置：网站首页 > 党团范文",
    "主页 / 工作计划 / 团委工作计划",
    "公文写作 > 总结报告 > 学校工作总结",
    "相关文章：", "【相关搜索】", "猜你喜欢", "大家都在看", "标签：团日活动 总结",
    "上一篇：2025年村团支部工作计划", "下一篇：医院团委工作总结",
    "发布时间：2025-03-02 09:12  来源：本站  浏览次数：356",
    "作者：佚名  来源：互联网  点击数：1289",
    "浏览次数：2031", "【字体：大 中 小】", "分享到：微信 QQ空间 微博", "打印本页  关闭窗口",
    "（责任编辑：李某某）", "来源：网络", "文章来源：某某文库",
    "Copyright © 2018-2025 某某网 All Rights Reserved", "苏ICP备12345678号-1",
    "http://www.xx-fanwen.cn/article/2025/0312/56789.html",
    "原文见 www.abcwenku.com/p/12345 。",
])
def test_page_furniture_is_caught(text):
    assert list(patterns.boilerplate().finditer(text)), text


@pytest.mark.parametrize("text", [
    # lines a 通知, 简报 or minutes of the genre legitimately has
    "来源：县团委", "数据来源：智慧团建系统统计", "经费来源：镇团委工作经费",
    "编印：院团委宣传部  编辑：王某  校对：李某", "作者：张明（护理部团支部）",
    "时间：2026年4月18日  地点：村委会议室  主持人：村团支部书记",
    "请各团支部登录“智慧团建”系统（https://zhtj.youth.cn），依次点击“组织管理>团员管理”核对信息。",
    "具体要求见县政府网站（http://www.xx.gov.cn/art/2026/3/1/art_123_4567.html）。",
    "报名链接：https://www.wjx.cn/vm/Q2026.aspx", "扫码或访问 https://u.wjx.cn/abc 报名。",
    "本期简报浏览量已超过两千次，相关文章被县融媒体转载。",
    "参赛作品著作权归作者所有，主办方有权展示。",
    "学习＞实践＞再学习，是青年成长的必由之路。",
    "下一步工作安排：", "上一阶段工作完成情况如下。",
])
def test_genre_lines_are_not_furniture(text):
    assert list(patterns.boilerplate().finditer(text)) == [], text


def test_related_list_is_one_finding_with_its_titles(tmp_path):
    path = tmp_path / "总结.docx"
    d = DocxDocument()
    for t in ["卫生院团支部2026年工作总结", "今年以来，团支部组织青年职工开展义诊进村活动六次。",
              "相关文章", "卫生院团支部工作计划", "医院团委年度工作总结（精选）", "青年文明号创建总结",
              "下一年，我们将继续做好青年志愿服务。"]:
        d.add_paragraph(t)
    d.save(path)
    doc = read(path)
    all_rules()
    found = list(REGISTRY["TW150"].run(Submission(str(path), doc, extract(doc)), Config()))
    heads = [f for f in found if "相关文章" in f.message]
    assert len(heads) == 1 and heads[0].location.paragraph == 3 and "其后3行" in heads[0].message
    assert {f.location.paragraph for f in found} <= {3, 5}  # 5: （精选） is a collection marker of its own
