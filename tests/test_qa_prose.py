"""Generalisation of the prose rules: 工作总结, 会议记录, 通知 and 简报 from a 县医院,
a 乡镇, 县直机关, a company and a 中学 (tests/rounds/prose.py), phrased unlike the
other tests. A clean round gets no error and no warning; each planted mistake is
found on its file, at its paragraph, under its category, and nothing else errs.
Also the public documents' known false alarms (../shared/realdocs)."""

from __future__ import annotations

import re

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rounds.helpers import CONFIG, check_text
from rounds.prose import CATEGORIES, ORGS, TEXT_CATEGORIES, build
from toolkit.app.check import run_check


def _check(folder: Path):
    result, _ = run_check([str(folder)], config=CONFIG, jobs=1)
    return result


def _assert_found(built, result) -> None:
    by_file = {}
    for f in result.findings:
        by_file.setdefault(Path(f.file).name, []).append(f)
    planted = {(p.file, p.category) for p in built.plants}
    for p in built.plants:
        hits = [f for f in by_file.get(p.file, []) if f.category == p.category]
        assert hits, (p, [(f.file, f.rule, f.message) for f in result.findings])
        if p.paragraph:
            assert p.paragraph in {f.location.paragraph for f in hits}, (p, hits)
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in f.message) for f in hits)
    copies = {p.file for p in built.plants if p.category == "duplicate"}
    # Both sides of a copy are reported; any other error is a false alarm.
    false = [(Path(f.file).name, f.rule, f.message) for f in result.findings if f.severity == "error"
             and (Path(f.file).name, f.category) not in planted and not (copies and f.category == "duplicate")]
    assert not false, false


@pytest.mark.parametrize("kind", sorted(ORGS))
def test_clean_round_gets_no_findings(tmp_path, kind):
    built = build(tmp_path, seed=11, org_kind=kind)
    result = _check(tmp_path)
    kinds = {Path(s.file).name: s.kind for s in result.files}
    assert {k for name, k in kinds.items() if "工作总结" in name} == {"summary"}
    assert {k for name, k in kinds.items() if "会议记录" in name} == {"minutes"}
    assert (kinds["通知.docx"], kinds["简报.docx"]) == ("notice", "bulletin")
    assert [(Path(f.file).name, f.rule, f.message) for f in result.findings] == [], built.files


PLANT_SETS = [("typo", "punctuation", "placeholder", "vote", "format"),
              ("count", "arithmetic", "boilerplate", "date", "duplicate")]


@pytest.mark.parametrize("kind", sorted(ORGS))
@pytest.mark.parametrize("plants", PLANT_SETS, ids=["text-vote-format", "figures-residue-copy"])
def test_planted_mistakes_are_found(tmp_path, kind, plants):
    built = build(tmp_path, seed=3, plants=plants, org_kind=kind)
    _assert_found(built, _check(tmp_path))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), kind=st.sampled_from(sorted(ORGS)),
       plants=st.lists(st.sampled_from(CATEGORIES), min_size=1, max_size=3, unique=True))
def test_property_any_round_any_mistakes(tmp_path_factory, seed, kind, plants):
    folder = tmp_path_factory.mktemp("prose")
    built = build(folder, seed=seed, plants=tuple(plants), org_kind=kind)
    _assert_found(built, _check(folder))


def test_every_text_category_is_planted_somewhere():
    assert set(TEXT_CATEGORIES) | {"vote", "format", "duplicate"} == {c for s in PLANT_SETS for c in s}


# --- the rules' generalisations the rounds above found ---------------------------------

SIGNED = ["河东村团支部", "2026年11月2日"]


@pytest.mark.parametrize("sentence, n", [
    ("经支部大会表决，郭晓宇、潘思雨当选，共推荐3人。", 2),                 # the list before 当选
    ("郭晓宇、潘思雨当选推荐人选，共推荐3人。", 2),
    ("经支部大会表决，郭晓宇、阿依古丽·买买提当选，共推荐3人。", 2),        # a name with ·
    ("确定扎西·顿珠、热依拉·艾力、郭晓宇为推荐对象，共推荐4人。", 3),
])
def test_count_against_a_list_chosen_must_fail(tmp_path, sentence, n):
    (f,) = check_text(tmp_path, ["河东村团支部2026年度工作总结", sentence, *SIGNED], "TW201")
    assert f.location.paragraph == 2 and f"所列{n}个姓名" in f.message


@pytest.mark.parametrize("sentence", [
    "经支部大会表决，郭晓宇、阿依古丽·买买提当选，共推荐2人。",
    "郭晓宇、潘思雨当选支委，共有40人参加。",                                # another count
    "热依拉·艾力、戴婷航2名同志获得推荐。",
])
def test_count_against_a_list_chosen_must_pass(tmp_path, sentence):
    assert not check_text(tmp_path, ["河东村团支部2026年度工作总结", sentence, *SIGNED], "TW201")


@pytest.mark.parametrize("sentence", [
    "支部有团员30名，其中12名已递交入党申请书，占团员总数的45%。",          # the part before its noun
    "全支部30名团员中，有12名已递交入党申请书，占45%。",                     # 30名团员中，有12名
    "支部有团员30名，其中入党积极分子12名，占全支部团员的45%。",
])
def test_share_of_a_base_must_fail(tmp_path, sentence):
    (f,) = check_text(tmp_path, ["河东村团支部2026年度工作总结", sentence, *SIGNED], "TW252")
    assert "应为40.0%" in f.message


@pytest.mark.parametrize("sentence", [
    "全支部30名团员中，有12名已递交入党申请书，占40%。",
    "支部30名团员中，有12名参加了志愿服务，占全校志愿者的5%。",             # another base
    "支部有团员30名，其中12名参加志愿服务，服务时长占全校的45%。",
])
def test_share_of_a_base_must_pass(tmp_path, sentence):
    assert not check_text(tmp_path, ["河东村团支部2026年度工作总结", sentence, *SIGNED], "TW252")


def test_confusable_leaves_doc_number_issuer_and_site_residue(tmp_path):
    lines = ["共青团宁远县直属机关工作委员会文件", "石直团〔2026〕11号", "关于做好2026年团员发展和推优工作的通知",
             "各基层团支部：", "以上是小编为大家整理的通知，希望对你有所帮助。", "今年支部以“建强组织、服务青年”为目标。",
             "共青团宁远县直属机关工作委员会", "2026年8月20日"]
    assert not check_text(tmp_path, lines, "TW503", name="通知.docx")


# --- public documents (../shared/realdocs) --------------------------------------------


def test_dispatch_sheet_placeholders_are_placeholders_not_web_residue(realdocs):
    """A 发文稿纸 template: its ``${code}`` fields are unfilled placeholders (TW101);
    its 发文字号/成文日期 line is not a web page's article header (TW150)."""
    result, _ = run_check([str(realdocs / "party_org_owip" / "sc_dispatch_sign_ow.docx"),
                           str(realdocs / "fixtures_python_docx" / "blk-paras-and-tables.docx")], jobs=1)
    assert not [f for f in result.findings if f.rule == "TW150"]
    marks = {f.message.split("“")[1].split("”")[0] for f in result.findings if f.rule == "TW101"}
    assert {"${code}", "${date}", "${title}"} <= marks


def test_a_line_of_underscores_is_a_separator_unless_a_label_awaits_it(tmp_path):
    line = "_" * 40
    lines = ["河东村团支部2026年度工作总结", "一、主要工作", line, "全年共开展集体活动12次。", line, *SIGNED]
    assert not check_text(tmp_path, lines, "TW103")
    lines = ["河东村团支部2026年度工作总结", "团支部意见：", line, "本支部共有团员＿＿＿人。", *SIGNED]
    assert [f.location.paragraph for f in check_text(tmp_path, lines, "TW103", name="b.docx")] == [3, 4]



@pytest.mark.soffice
def test_round_as_pdf_reads_like_the_docx(tmp_path):
    """The same round exported to PDF by LibreOffice (the 通知 in 公文 fonts, which
    come out with glyph-tight boxes: a comma's box starts well below its line's top):
    every paragraph reads as in the .docx, and the planted mistakes are found."""
    import docx

    from toolkit.office import soffice_convert
    from toolkit.read import read

    src, pdfs = tmp_path / "docx", tmp_path / "pdf"
    built = build(src, seed=5, plants=("count", "arithmetic", "punctuation", "vote"), org_kind="hospital",
                  plain=0)
    pdfs.mkdir()
    soffice_convert(sorted(src.glob("*.docx")), pdfs)
    def bare(paragraphs) -> list[str]:  # a PDF keeps no ideographic spaces
        return [re.sub(r"\s+", "", p.text) for p in paragraphs]

    for name in ("通知", *{p.file[:-5] for p in built.plants}):
        assert bare(read(pdfs / f"{name}.pdf").paragraphs) == bare(docx.Document(src / f"{name}.docx").paragraphs)
    plants = [replace(p, file=p.file.replace(".docx", ".pdf")) for p in built.plants]
    _assert_found(replace(built, plants=plants), _check(pdfs))


def test_count_message_quotes_the_list_not_the_verb_before_it(tmp_path):
    (f,) = check_text(tmp_path, ["河东村团支部2026年度工作总结", "确定郭晓宇、潘思雨3人为推荐对象。", *SIGNED], "TW201")
    assert f.message == "“郭晓宇、潘思雨3人”中写明3人，实际列出2个姓名"


@pytest.mark.parametrize("sentence", ["支部组织了“研途有你”考研经验分享会。", "支部开展了“壹家人温暖重庆”分装温暖包活动。"])
def test_activity_names_in_quotes_may_pun(tmp_path, sentence):
    assert not check_text(tmp_path, ["河东村团支部2026年度工作总结", sentence, *SIGNED], "TW503")
