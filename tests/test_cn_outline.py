"""The outline of a document (toolkit/cn/outline.py): heading levels, 发文字号,
title and 成文日期, located once during extraction with their places."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.cn import outline
from toolkit.cn.outline import heading, locate, number, signature_date, starts_item
from toolkit.extract import extract
from toolkit.model import Document, Location, Paragraph
from toolkit.render.prepare import outline_points


def paras(*texts: str) -> list[Paragraph]:
    return [Paragraph(i, t, page=1) for i, t in enumerate(texts, 1)]


@pytest.mark.parametrize(("text", "level", "n", "sep"), [
    ("一、基本情况", 1, 1, ""),
    ("  十二、其他", 1, 12, ""),
    ("（三）加强学习", 2, 3, ""),
    ("(三)加强学习", 2, 3, ""),
    ("2.组织生活", 3, 2, "."),
    ("2．组织生活", 3, 2, "．"),
    ("2、组织生活", 3, 2, "、"),  # a slip for 2. (TW605), still level 3
    ("（4）按时上交", 4, 4, ""),
])
def test_heading_levels_must_pass(text, level, n, sep):
    mk = heading(text)
    assert (mk.level, mk.number, mk.sep) == (level, n, sep)


@pytest.mark.parametrize("text", [
    "2026.5.1召开大会",  # a date, not a heading
    "10.5万元",  # a decimal
    "123.条目",  # three digits are no heading number
    "一是加强学习",  # an inline enumeration
    "（一加强",  # unclosed
    "第一章 总则",  # an item, not an outline level
    "团支部召开大会",
])
def test_not_headings_must_fail(text):
    assert heading(text) is None


def test_spaced_number_only_where_asked():
    assert heading("1 学习党章") is None
    assert heading("1 学习党章", spaced=True).level == 3


@given(st.integers(1, 4), st.integers(1, 99), st.text(alphabet="学习团员工作", min_size=1, max_size=8))
def test_number_reads_back_at_its_level(level, n, rest):
    """What render writes, the rules read: number() and heading() agree."""
    mk = heading(number(level, n) + rest)
    assert (mk.level, mk.number) == (level, n)


def test_render_numbering_uses_the_outline():
    points = outline_points(["学习", "-读原著", "--第一章", "-写体会", "实践"])
    assert [p["number"] for p in points] == ["（一）", "1.", "（1）", "2.", "（二）"]
    assert [heading(p["number"] + p["text"]).level for p in points] == [p["level"] for p in points]


@pytest.mark.parametrize("text", ["第一章 总则", "①学习", "附件：1.登记表", "(12)条", "2026.5"])
def test_items_the_reader_keeps_apart(text):
    assert starts_item(text)


def test_doc_number_writer():
    assert outline.doc_number("院团发", "2026", "07") == "院团发〔2026〕7号"
    m = outline.DOC_NUMBER.search("院团发【2026】第7号")
    assert (m.group("org"), m.group("open"), m.group("di"), m.group("no")) == ("院团发", "【", "第", "7")


@pytest.mark.parametrize(("lines", "want"), [
    (["正文。", "化工2201团支部", "2026年10月9日"], "2026年10月9日"),
    (["正文。", "化工2201团支部", "二〇二六年十月九日"], "二〇二六年十月九日"),
    (["正文。", "日期：2026年5月20日"], "2026年5月20日"),
    (["正文。", "2026年5月1日", "团支部", "2026年5月20日", ""], "2026年5月20日"),  # the last one
])
def test_signature_date_must_pass(lines, want):
    assert signature_date(paras(*lines)).text == want


@pytest.mark.parametrize("lines", [
    ["2026年10月9日，支部召开大会。"],  # a date in a sentence
    ["2026年10月9日"] + ["正文。"] * outline.CLOSING_LINES,  # too far from the end
    ["2026年10月"],  # no day: not a 成文日期
])
def test_signature_date_must_fail(lines):
    assert signature_date(paras(*lines)) is None


def test_locate_places_every_part():
    body = paras("共青团某某学院委员会文件", "", "院团发〔2026〕7号", "关于开展推优工作的通知", "各团支部：",
                 "一、工作目标", "（一）总体要求", "1.按时上交", "院团委", "2026年10月9日")
    found = locate(body)
    assert found.doc_number.text == "院团发〔2026〕7号" and found.doc_number.location == Location(1, 3)
    assert found.title.text == "关于开展推优工作的通知" and found.title.location.paragraph == 4
    assert [(h.level, h.location.paragraph) for h in found.headings] == [(1, 6), (2, 7), (3, 8)]
    assert found.date.text == "2026年10月9日" and found.date.location.paragraph == 10
    assert found.by_paragraph()[7].number == 1


def test_extraction_carries_the_outline():
    doc = Document("x.docx", "docx", paragraphs=paras("化工2201团支部推优工作总结", "一、基本情况", "正文。",
                                                      "二、下一步打算", "化工2201团支部", "2026年6月1日"))
    ex = extract(doc)
    assert ex.outline.title.text == "化工2201团支部推优工作总结"  # no 发文字号: the first title line
    assert [h.number for h in ex.outline.headings] == [1, 2]
    assert ex.outline.date.location.paragraph == 6 and ex.fields["成文日期"] == "2026-06-01"
