"""Correct 公文 notices built the many ways offices build them give no findings; planted
layout mistakes are found (generator: rounds.notices). Also the readers' parts that
make this hold: a 发文字号 in a 版头 table, theme fonts, font families, a PDF's
centred two-line title and its 落款."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from rounds import notices
from rounds.helpers import CONFIG
from rounds.notices import MISTAKES, Build, build_all, build_notice, covering, planted
from toolkit.app.check import run_check
from toolkit.check.engine import select_rules
from toolkit.cn import gbt9704
from toolkit.read.docx_layout import read_layout

# Every rule but the comparison of documents with each other: the notices of one topic
# share their body text on purpose (each is judged on its own).
RULES = select_rules(ignore="duplicate")


def _findings(paths: list[Path]) -> list[tuple[str, str, str]]:
    result, _ = run_check([str(p) for p in paths], [], rules=RULES, config=CONFIG, jobs=1)
    assert all(f.kind == "notice" and f.status == "ok" for f in result.files), result.files
    return [(Path(f.file).name, f.rule, f.severity) for f in result.findings]


def test_correct_notices_built_many_ways_give_nothing(tmp_path):
    builds = covering(12)
    for axis, values in (("type_via", notices.TYPE_VIA), ("head", notices.HEADS), ("closing", notices.CLOSINGS),
                         ("body_font", notices.BODY_NAMES), ("title_font", notices.TITLE_NAMES)):
        assert {getattr(b, axis) for b in builds} == set(values)
    assert _findings(build_all(tmp_path, builds)) == []


@pytest.mark.parametrize("mistake", MISTAKES)
def test_planted_mistake_is_found_and_nothing_else(tmp_path, mistake):
    build = next(b for b in planted() if b.mistake == mistake)
    path = build_notice(tmp_path / "通知.docx", build)
    assert [(rule, severity) for _, rule, severity in _findings([path])] == [MISTAKES[mistake]]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.builds(Build, org=st.integers(0, 5), topic=st.integers(0, 2),
                 type_via=st.sampled_from(notices.TYPE_VIA), body_font=st.sampled_from(notices.BODY_NAMES),
                 title_font=st.sampled_from(notices.TITLE_NAMES), head=st.sampled_from(notices.HEADS),
                 closing=st.sampled_from(notices.CLOSINGS), field=st.sampled_from(notices.FIELDS),
                 attachments=st.integers(0, 3), title_break=st.booleans(), imprint=st.booleans(),
                 seq=st.integers(1, 300), dated=st.dates(min_value=notices.date(2025, 1, 1),
                                                         max_value=notices.date(2026, 11, 22)),
                 mistake=st.none()))
def test_any_correct_notice_gives_nothing(tmp_path_factory, build):
    path = build_notice(tmp_path_factory.mktemp("n") / "通知.docx", build)
    assert _findings([path]) == []


@pytest.mark.soffice
def test_saved_by_libreoffice_and_as_pdf(tmp_path):
    """The same notices round-tripped through LibreOffice (.docx) and printed to PDF: the
    correct ones still give nothing; the planted mistakes are found in the .docx, and in
    the PDF those that show in its text (a PDF's fonts are not judged)."""
    from toolkit.office import soffice_convert

    good = build_all(tmp_path / "good", covering(6, seed=5))
    bad = build_all(tmp_path / "bad", planted(seed=6))
    docx_out = soffice_convert(good + bad, tmp_path / "docx", "docx:MS Word 2007 XML")
    pdf_out = soffice_convert(good + bad, tmp_path / "pdf", "pdf")
    assert len(docx_out) == len(pdf_out) == len(good + bad)
    assert _findings([docx_out[p] for p in good]) == []
    assert _findings([pdf_out[p] for p in good]) == []
    shown_in_text = {m for m in MISTAKES if not m.startswith(("title-", "body-"))}
    for path, build in zip(bad, planted(seed=6)):
        want = [MISTAKES[build.mistake]]
        assert [(r, s) for _, r, s in _findings([docx_out[path]])] == want, build
        assert [(r, s) for _, r, s in _findings([pdf_out[path]])] == (want if build.mistake in shown_in_text else [])


def test_number_in_a_head_table_is_located_there(tmp_path):
    from toolkit.extract import extract
    from toolkit.read import read

    build = replace(covering(1)[0], head="table", mistake="number-zero", seq=4)
    doc = read(str(build_notice(tmp_path / "通知.docx", build)))
    outline = extract(doc).outline
    assert outline.doc_number.text.endswith("〔2026〕04号")
    assert (outline.doc_number.location.table, outline.doc_number.location.row) == (1, 2)
    assert outline.title.text.startswith("关于") and outline.title.location.paragraph is not None


def test_theme_font_is_resolved_and_overrides_a_named_one(tmp_path):
    layout = read_layout(str(build_notice(tmp_path / "t.docx", replace(covering(1)[0], type_via="theme"))))
    body = [p for p in layout.paragraphs if p.text.startswith("特此通知")][0]
    assert body.main_type() == (notices.BODY_NAMES[0], gbt9704.BODY_PT)


@pytest.mark.parametrize("font, family, fits", [
    ("方正仿宋_GB18030", gbt9704.BODY_FAMILY, True), ("FangSong", gbt9704.BODY_FAMILY, True),
    ("FZFSK--GBK1-0", gbt9704.BODY_FAMILY, True), ("宋体", gbt9704.BODY_FAMILY, False),
    ("楷体_GB2312", gbt9704.BODY_FAMILY, False), ("方正小标宋_GB2312", gbt9704.TITLE_FAMILY, True),
    ("FZXiaoBiaoSong-B05S", gbt9704.TITLE_FAMILY, True), ("黑体", gbt9704.TITLE_FAMILY, False),
    ("方正大标宋简体", gbt9704.TITLE_FAMILY, False)])
def test_font_families(font, family, fits):
    assert gbt9704.in_family(font, family) is fits


@pytest.mark.parametrize("line, found", [
    ("院团发〔2026〕7号", True), ("　　院团发〔2026〕7号　　　　签发人：郑明远", True), ("文号：院团发[2026]7号", True),
    ("根据校团委《关于做好团费收缴工作的通知》（校团发[2026]5号）要求，现通知如下：", False)])
def test_head_number_is_a_line_of_its_own(line, found):
    from toolkit.cn.outline import head_number

    assert (head_number(line) is not None) is found


def test_informal_notice_citing_a_number_is_no_gongwen(tmp_path):
    """A branch's notice that cites the 团委's number in its first sentence has no 版头: its
    first sentence is not taken for the 发文字号 nor the next line for a title."""
    from rounds.helpers import write_docx

    path = write_docx(tmp_path / "通知.docx", ["关于收缴团费的通知", "各位团员：", "根据校团委《关于做好团费收缴工作的通知》（校团发[2026]5号）要求，现通知如下：",
                        "请于10月20日前交纳本年度团费。", "特此通知。", "会计2302团支部", "2026年10月9日"])
    assert _findings([path]) == []
