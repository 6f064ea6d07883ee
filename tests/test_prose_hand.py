"""Hand-written prose of organisations and phrasings the generators do not have
(tests/prose/texts.py): each clean document gives no error and no warning, and a
mistake planted in it is found on its file and paragraph."""

from __future__ import annotations

import pytest

from prose.texts import DOCS, write
from rounds.helpers import check

# (document, text replaced, by what, the category that must be found there). Each planted
# document is checked alone: copies of one text would be TW750's business.
PLANTS = [
    ("分拣中心团支部2026年上半年工作总结.docx", "2026年7月3日", "20XX年7月3日", "placeholder"),
    ("分拣中心团支部2026年上半年工作总结.docx", "龙思远", "XXX", "placeholder"),
    ("石桥村团支部推优大会会议记录.txt", "覃雨桐", "×××", "placeholder"),
    ("税务局团支部通知.docx", "汤雨欣", "【】", "placeholder"),
    ("望江社区护绿志愿活动方案.docx", "国庆期间", "{{ date }}", "placeholder"),
    ("妇幼保健院团讯第3期.docx", "24名", "＿＿＿名", "placeholder"),
    ("妇幼保健院团讯第3期.docx", "走进马场", "走进○○村、马场", "placeholder"),
    ("主题团日活动心得体会.docx", "上周六，", "此处填写活动时间。上周六，", "placeholder"),
    ("望江社区护绿志愿活动方案.docx", "2026年10月1日", "2026年X月X日", "placeholder"),
    ("分拣中心团支部2026年上半年工作总结.docx", "把团的工作", "把团圆的工作", "typo"),
    ("分拣中心团支部2026年上半年工作总结.docx", "公司团委", "公私团委", "typo"),
    ("主题团日活动心得体会.docx", "全体团员", "全体团圆", "typo"),
    ("石桥村团支部推优大会会议记录.txt", "在场团员", "在场团员团员", "typo"),
    ("妇幼保健院团讯第3期.docx", "各团支部", "各团支部组组织", "typo"),
    ("税务局团支部通知.docx", "注意收集", "注意的的收集", "typo"),
    ("石桥村团支部推优大会会议记录.txt", "全部有效。", "全部有效,", "punctuation"),
    ("主题团日活动心得体会.docx", "“青春”这两个字", "“青春这两个字", "punctuation"),
    ("税务局团支部通知.docx", "有关事项通知如下。", "有关事项通知如下:", "punctuation"),
    ("望江社区护绿志愿活动方案.docx", "另行通知。", "另行通知。本文由范文网整理，仅供参考。", "boilerplate"),
    ("妇幼保健院团讯第3期.docx", "读书笔记56篇。", "读书笔记56篇。更多精彩内容请关注文秘写作网。", "boilerplate"),
]


def _paragraph(name: str, old: str) -> int:
    return next(i for i, p in enumerate(DOCS[name], 1) if old in p)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_clean_documents_give_no_error_and_no_warning(tmp_path, encoding):
    paths = [write(name, tmp_path, encoding=encoding) for name in DOCS]
    found = [(f.file, f.rule, f.location.paragraph, f.message) for f in check(paths, "TW")
             if f.severity in ("error", "warning")]
    assert found == []


@pytest.mark.parametrize("name, old, new, category", PLANTS, ids=[f"{p[3]}-{p[2]}" for p in PLANTS])
def test_planted_mistake_found_on_its_paragraph(tmp_path, name, old, new, category):
    paragraphs = [p.replace(old, new, 1) for p in DOCS[name]]
    path = write(name, tmp_path, paragraphs)
    found = check([path], "TW")
    assert any(f.category == category and f.location.paragraph == _paragraph(name, old) for f in found), \
        [(f.rule, f.location.paragraph, f.message) for f in found]


# Another branch's summary made from the first: names, places and a dozen phrasings changed.
PARAPHRASE = [("分拣中心", "运输调度中心"), ("分拣", "调度"), ("龙思远、韦晓彤、蒙浩然", "黎嘉欣、郭铭宇、温子涵"),
              ("紧扣", "围绕"), ("这条主线", "的工作主线"), ("现将主要情况报告如下", "现将有关情况总结如下"),
              ("半年来共开讲18次", "上半年累计开讲18次"), ("累计参学青年职工412人次", "青年职工参学累计412人次"),
              ("支部组织开展", "团支部举办了"), ("帮助9名青年", "协助9名青年"), ("准备把", "打算把"), ("同时请", "并请")]


def test_a_paraphrased_copy_of_another_branch_is_found(tmp_path):
    name = "分拣中心团支部2026年上半年工作总结.docx"
    paragraphs = []
    for p in DOCS[name]:
        for old, new in PARAPHRASE:
            p = p.replace(old, new)
        paragraphs.append(p)
    paths = [write(name, tmp_path), write("运输调度中心团支部2026年上半年工作总结.docx", tmp_path, paragraphs)]
    found = [f for f in check(paths, "TW750")]
    assert {f.file for f in found} == {str(p) for p in paths}
