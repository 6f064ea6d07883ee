"""Rules on extracted records (vote, eligibility, id-number, dates): forms that
must pass and forms that must fail, written as real .docx in three layouts."""

from __future__ import annotations

from dataclasses import replace

import pytest

from rounds.build_round import Person, form, minutes
from rounds.helpers import CONFIG, check
from toolkit.config import Config
from toolkit.cn.idcard import make_id

GOOD = Person("王子涵", "男", "20040506", "2019年5月", "化工2201团支部", 32, 30, 27, 2, 1)


def _form(tmp_path, p: Person, layout: int = 0, **kw):
    path = tmp_path / f"登记表_{p.name}_{layout}.docx"
    form(path, p, layout, **kw)
    return path


def _rules(tmp_path, p: Person, select: str, layout: int = 0, config=CONFIG, **kw) -> dict[str, object]:
    findings = check([_form(tmp_path, p, layout, **kw)], select, config=config)
    return {f.rule: f for f in findings}


@pytest.mark.parametrize("layout", [0, 1, 2])
def test_clean_form_passes_every_record_rule(tmp_path, layout):
    found = _rules(tmp_path, GOOD, "vote,eligibility,id-number,date,placeholder", layout)
    assert not found, found


VOTE_FAIL = [
    (replace(GOOD, abstain=4), "TW301", "赞成票27、反对票2、弃权票4合计33票，多于实到人数30人"),
    (replace(GOOD, yes=25), "TW302", "少于实到人数30人"),
    (replace(GOOD, total=28), "TW303", "实到人数30人多于应到人数28人"),
    (replace(GOOD, total=60, present=30), "TW304", "未超过应到人数60人的半数"),
    (replace(GOOD, total=56, yes=27), "TW305", "赞成票27票未超过应到人数56人的半数"),
]


@pytest.mark.parametrize("layout", [0, 2])
@pytest.mark.parametrize("person,code,message", VOTE_FAIL, ids=[c for _, c, _ in VOTE_FAIL])
def test_vote_must_fail(tmp_path, person, code, message, layout):
    found = _rules(tmp_path, person, "vote", layout)
    assert code in found, found
    assert message in found[code].message
    loc = found[code].location
    assert loc.table or loc.paragraph


def test_vote_majority_base_is_configurable(tmp_path):
    p = replace(GOOD, total=56, present=30, yes=27, no=2, abstain=1)
    assert "TW305" in _rules(tmp_path, p, "TW305")
    at_present = Config.from_dict({"vote": {"majority_base": "实到"}})
    assert "TW305" not in _rules(tmp_path, p, "TW305", config=at_present)


def test_minutes_votes_from_text(tmp_path):
    bad = replace(GOOD, abstain=5)
    path = tmp_path / "会议记录.docx"
    minutes(path, GOOD.branch, [GOOD, bad])
    found = check([path], "vote")
    assert [(f.rule, f.location.paragraph) for f in found if f.severity == "error"] == [("TW301", 5)]


@pytest.mark.parametrize("total,present,code", [(32, 34, "TW303"), (60, 30, "TW304")])
def test_minutes_attendance_reported_where_stated(tmp_path, total, present, code):
    """实到 > 应到 and quorum point at the paragraph stating 应到/实到 (once), not
    at each candidate's vote line; ballot sums stay at the vote line."""
    people = [replace(GOOD, total=total, present=present, yes=28, no=1, abstain=1),
              replace(GOOD, name="李明轩", total=total, present=present, yes=29, no=1, abstain=0)]
    path = tmp_path / "会议记录.docx"
    minutes(path, GOOD.branch, people)
    found = check([path], "vote")
    assert [(f.location.paragraph, f.excerpt) for f in found if f.rule == code] == [(3, f"应到{total}人，实到{present}人。")]
    assert all(f.location.paragraph in (4, 5) for f in found if f.rule in ("TW301", "TW302", "TW305"))


def test_minutes_clean_attendance_is_silent(tmp_path):
    path = tmp_path / "会议记录.docx"
    minutes(path, GOOD.branch, [GOOD, replace(GOOD, name="李明轩", yes=28, no=1, abstain=1)])
    assert not [f for f in check([path], "vote") if f.rule in ("TW303", "TW304")]


ELIGIBILITY_FAIL = [
    (replace(GOOD, birth="20081215", joined="2023年3月"), "TW351", "未满18周岁"),
    (replace(GOOD, birth="19970101", joined="2012年3月"), "TW351", "超过28周岁"),
    (replace(GOOD, birth="20040506", joined="2017年9月"), "TW352", "未满14周岁"),
    (replace(GOOD, joined="2026年3月"), "TW353", "团龄不足1年"),
]


@pytest.mark.parametrize("person,code,message", ELIGIBILITY_FAIL, ids=[c for _, c, _ in ELIGIBILITY_FAIL])
def test_eligibility_must_fail(tmp_path, person, code, message):
    found = _rules(tmp_path, person, "eligibility", layout=1)
    assert code in found, found
    assert message in found[code].message


def test_eligibility_boundaries_at_form_precision(tmp_path):
    # Born 2008年11月: 18 on any day of 11月 up to the 10th, 17 after; month precision → not certain, not reported.
    p = replace(GOOD, birth="20081105", joined="2023年3月")
    assert "TW351" not in _rules(tmp_path, p, "TW351", birth_text="2008年11月")
    # Exactly 18 on the meeting day passes.
    assert "TW351" not in _rules(tmp_path, replace(GOOD, birth="20081110", joined="2023年3月"), "TW351",
                                 birth_text="2008年11月10日")


def test_eligibility_thresholds_from_config(tmp_path):
    strict = Config.from_dict({"eligibility": {"min_league_years": 3}, "date": {"today": "2026-11-22"}})
    p = replace(GOOD, joined="2024年3月")
    assert "TW353" not in _rules(tmp_path, p, "TW353")
    assert "TW353" in _rules(tmp_path, p, "TW353", config=strict)


def test_id_number_rules(tmp_path):
    good = GOOD.id_number
    wrong_check = good[:17] + ("1" if good[17] != "1" else "2")
    assert "TW402" in _rules(tmp_path, GOOD, "id-number", id_number=wrong_check)
    assert "TW401" in _rules(tmp_path, GOOD, "id-number", id_number=good[:17])
    other_birth = make_id("110108", "20040607", 12, True)
    found = _rules(tmp_path, GOOD, "id-number", id_number=other_birth)
    assert set(found) == {"TW403"} and "2004-06-07" in found["TW403"].message
    woman = make_id("110108", "20040506", 12, False)
    assert set(_rules(tmp_path, GOOD, "id-number", id_number=woman)) == {"TW404"}
    nowhere = make_id("990108", "20040506", 12, True)
    found = _rules(tmp_path, GOOD, "id-number", id_number=nowhere)
    assert set(found) == {"TW405"} and found["TW405"].severity == "warning"


def test_id_birth_compared_at_form_precision(tmp_path):
    # 出生年月 2004年5月 agrees with 20040506; a lowercase x is accepted.
    number = GOOD.id_number
    assert not _rules(tmp_path, GOOD, "id-number", id_number=number.lower())


def test_dates_order_and_future(tmp_path):
    found = _rules(tmp_path, replace(GOOD, joined="2027年3月"), "date", layout=1)
    assert {"TW452", "TW454"} <= set(found)
    assert "表决日期早于入团时间" in found["TW452"].message


@pytest.mark.soffice
def test_form_and_summary_as_pdf(tmp_path):
    """A form with a bad vote and a summary with a bad total, exported to PDF."""
    from rounds.build_round import summary
    from toolkit.office import soffice_convert

    bad = replace(GOOD, abstain=4)
    src = _form(tmp_path, bad, 0)
    summary(tmp_path / "总结.docx", GOOD.branch, [GOOD], [
        "化工2201团支部2026年推优工作总结", "本学期共开展活动12次，其中主题团日4次、志愿服务5次、理论学习2次。",
        "化工2201团支部", "2026年11月12日"])
    soffice_convert([src, tmp_path / "总结.docx"], tmp_path / "pdf", timeout=180)
    found = check(sorted((tmp_path / "pdf").glob("*.pdf")), "vote,arithmetic")
    rules = {(f.file.rsplit("/", 1)[-1], f.rule) for f in found}
    assert ("总结.pdf", "TW251") in rules
    assert any(r == "TW301" and name.startswith("登记表") for name, r in rules)
    assert all(f.location.page == 1 for f in found if f.rule == "TW251")
