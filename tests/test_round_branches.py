"""Round-level generalisation: one branch in many spellings, findings on the
document the evidence points to, the same form twice as one submission."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rounds.build_round import Person, form, handout_log, minutes, tally
from rounds.helpers import check
from toolkit.check.branches import Branches, abbreviates, core

# (full name as the office writes it, the spellings branches use), from every kind of organisation.
SPELLINGS = [
    ("共青团经济管理学院会计2302团支部", ["经济管理学院会计2302团支部", "会计2302团支部"]),
    ("滨海新区管委会机关团支部", ["管委会机关团支部", "滨海新区管委会机关团支部"]),
    ("恒达机械制造有限公司第一团支部", ["恒达机械制造公司第一团支部", "恒达机械制造有限公司第一团支部"]),
    ("青石镇柳湾村团支部", ["柳湾村团支部", "青石镇柳湾村团支部"]),
    ("市第一人民医院护理部团支部", ["第一人民医院护理部团支部", "护理部团支部"]),
    ("城关中学高二（3）班团支部", ["高二（3）班团支部", "城关中学高二（3）团支部"]),
    ("信息工程学院计算机科学与技术2201班团支部", ["计算机科学与技术2201团支部", "信息工程学院计算机科学与技术2201团支部"]),
]
OTHER = "共青团东岭街道社区团支部"  # a second branch in every round


def _people(branch: str, names: list[str], total: int = 31, present: int = 29) -> list[Person]:
    births = ["20030412", "20021103", "20040721", "20011230"]
    return [Person(n, "女" if i % 2 else "男", births[i], f"{2016 + i}年5月", branch, total, present,
                   present - 3, 2, 1, "团员") for i, n in enumerate(names)]


def _forms(tmp_path, people: list[Person], spellings: list[str] | None = None) -> list:
    paths = []
    for i, p in enumerate(people):
        written = replace(p, branch=spellings[i % len(spellings)]) if spellings else p
        path = tmp_path / f"推优登记表_{written.branch}_{p.name}.docx"
        form(path, written, i % 3)
        paths.append(path)
    return paths


def _rules_by_file(findings, severity: str | None = None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in findings:
        if severity is None or f.severity == severity:
            out.setdefault(f.file.rsplit("/", 1)[-1], set()).add(f.rule)
    return out


@pytest.mark.parametrize("full,spellings", SPELLINGS, ids=[s[0][:8] for s in SPELLINGS])
def test_one_branch_many_spellings_is_clean(tmp_path, full, spellings):
    ours = _people(full, ["林晓雯", "欧阳志远", "覃海燕"])
    theirs = _people(OTHER, ["郑佳怡"], total=18, present=18)
    forms = _forms(tmp_path, ours, spellings) + _forms(tmp_path, theirs)
    minutes(tmp_path / f"会议记录_{spellings[-1]}.docx", spellings[-1], [replace(p, branch=spellings[-1]) for p in ours])
    tally(tmp_path / "汇总表.docx", ours + theirs)
    handout_log(tmp_path / "领取登记.docx", {spellings[0]: (4, 3), "东岭街道社区团支部": (2, 1)})
    findings = check([*forms, tmp_path / f"会议记录_{spellings[-1]}.docx"], "register",
                     registers=[tmp_path / "汇总表.docx", tmp_path / "领取登记.docx"])
    assert findings == [], [(f.rule, f.file, f.message) for f in findings]


@pytest.mark.parametrize("full,spellings", SPELLINGS[:4], ids=[s[0][:8] for s in SPELLINGS[:4]])
def test_mistakes_are_still_found_across_spellings(tmp_path, full, spellings):
    ours = _people(full, ["林晓雯", "欧阳志远", "覃海燕"])
    forms = _forms(tmp_path, ours, spellings)
    # The tally retypes one vote wrongly; the log counts one form too many.
    tally(tmp_path / "汇总表.docx", [ours[0], replace(ours[1], yes=ours[1].yes - 2, no=ours[1].no + 2), ours[2]])
    handout_log(tmp_path / "领取登记.docx", {spellings[-1]: (5, 4)})
    findings = check(forms, "register", registers=[tmp_path / "汇总表.docx", tmp_path / "领取登记.docx"])
    assert _rules_by_file(findings) == {"汇总表.docx": {"TW703"}, "领取登记.docx": {"TW705"}}
    assert "实际收到该支部登记表3份" in next(f.message for f in findings if f.rule == "TW705")


def test_two_readings_are_a_warning_never_an_error(tmp_path):
    """``机关团支部`` in a round with two 机关 branches: the office is asked, not told."""
    a = _people("共青团县财政局机关团支部", ["韦丽娟", "蒙志刚"])
    b = _people("共青团县卫健局机关团支部", ["黄秋萍"])
    short = _people("机关团支部", ["莫小川"])
    forms = _forms(tmp_path, a + b + short)
    tally(tmp_path / "汇总表.docx", a + b + short)
    handout_log(tmp_path / "领取登记.docx", {"县财政局机关团支部": (3, 2), "县卫健局机关团支部": (2, 1)})
    findings = check(forms, "register", registers=[tmp_path / "汇总表.docx", tmp_path / "领取登记.docx"])
    assert not [f for f in findings if f.severity == "error"], [(f.rule, f.message) for f in findings]
    ambiguous = [f for f in findings if f.rule == "TW710"]
    assert ambiguous and {"县财政局机关团支部", "县卫健局机关团支部"} <= set(ambiguous[0].message.split("可能是")[1].split("，")[0].split("或"))


@pytest.mark.parametrize("short_in", ["tally", "form"])
def test_a_name_with_two_readings_matches_either(tmp_path, short_in):
    """莫小川 of 县卫健局机关团支部, written ``机关团支部`` on the tally or on the form, in a round with two
    机关 branches: one person matched by name (TW710 asks which branch), no missing row or form."""
    a = _people("共青团县财政局机关团支部", ["韦丽娟", "蒙志刚"])
    b = _people("共青团县卫健局机关团支部", ["黄秋萍", "莫小川"])
    short = replace(b[1], branch="机关团支部")
    forms = _forms(tmp_path, a + b[:1] + ([b[1]] if short_in == "tally" else [short]))
    tally(tmp_path / "汇总表.docx", a + b[:1] + ([short] if short_in == "tally" else [b[1]]))
    findings = check(forms, "register", registers=[tmp_path / "汇总表.docx"])
    assert {f.rule for f in findings} == {"TW710"}, [(f.rule, f.message) for f in findings]


def test_another_branch_is_still_another_branch(tmp_path):
    """A row that gives the other 机关 branch in full contradicts the form: that is still an error."""
    a = _people("共青团县财政局机关团支部", ["韦丽娟"])
    b = _people("共青团县卫健局机关团支部", ["黄秋萍", "莫小川"])
    forms = _forms(tmp_path, a + b)
    tally(tmp_path / "汇总表.docx", a + b[:1] + [replace(b[1], branch="共青团县财政局机关团支部")])
    findings = check(forms, "register", registers=[tmp_path / "汇总表.docx"])
    assert {f.rule for f in findings if f.severity == "error"} & {"TW701", "TW702", "TW703"}, \
        [(f.rule, f.message) for f in findings]


def test_branches_listed_apart_stay_apart():
    """A log that lists 生物2201 and 生物工程2201 in rows of their own says they are two branches."""
    b = Branches(["生物2201团支部", "生物工程2201团支部"], [["生物2201团支部", "生物工程2201团支部"]])
    assert b.key("生物2201团支部") != b.key("生物工程2201团支部")
    assert Branches(["生物2201团支部", "生物工程2201团支部"]).key("生物2201") == "生物工程2201"


@pytest.mark.parametrize("short,long,same", [
    ("会计2302", "经济管理学院会计2302", True),
    ("管委会机关", "滨海新区管委会机关", True),
    ("恒达公司第一", "恒达有限公司第一", True),
    ("经管学院会计2302", "经济管理学院会计2302", True),
    ("2023级1", "计算机学院2023级1", True),
    ("化工2201", "化工2202", False),
    ("化工2201", "化工22201", False),
    ("201", "2201", False),
    ("1", "2023级1", False),  # too short to stand for a branch
    ("会计2302", "会计2302审计", False),  # another ending
    ("机械2201", "机械1班2201", False),  # a number left out inside
])
def test_abbreviation(short, long, same):
    assert abbreviates(core(short), core(long)) is same


CJK = st.text(alphabet="经济管理学院城关镇柳湾村卫健局医院护理部信息工程公司有限第一机关", min_size=1, max_size=8)


@given(prefix=CJK, stem=CJK, number=st.integers(1, 9999))
def test_a_prefix_never_splits_a_branch(prefix, stem, number):
    name = f"{stem}{number}"
    b = Branches([f"{prefix}{name}团支部", f"{name}团支部", f"共青团{prefix}{name}团支部"])
    assert b.key(f"{name}团支部") == b.key(f"{prefix}{name}团支部")


@given(stem=CJK, a=st.integers(1, 9999), b=st.integers(1, 9999))
def test_different_numbers_are_different_branches(stem, a, b):
    branches = Branches([f"{stem}{a}团支部", f"{stem}{b}团支部"])
    assert (branches.key(f"{stem}{a}团支部") == branches.key(f"{stem}{b}团支部")) is (a == b)


@given(names=st.lists(st.builds(lambda a, n, b: f"{a}{n or ''}{b}团支部", CJK, st.integers(0, 30), CJK),
                        min_size=1, max_size=12),
       listed=st.lists(st.integers(0, 11), max_size=6))
def test_the_indexed_readings_are_the_definition_over_every_pair(names, listed):
    """Branches looks each spelling up in an index of its tokens (a province round has thousands
    of 村 and 机关): the readings and the branches a title names are those of comparing every
    pair of spellings, as the module doc defines them."""
    log = [names[k] for k in listed if k < len(names)]
    b = Branches(names, [log])
    cores = {core(n) for n in names + log if core(n)}
    apart = {(core(x), core(y)) for x in log for y in log}
    longer = {c: sorted(d for d in cores if (c, d) not in apart and abbreviates(c, d)) for c in cores}
    full = {c for c in cores if not longer[c]}
    for c in cores:
        readings = [d for d in longer[c] if d in full]
        readings = [d for d in readings if d.endswith(c)] or readings  # one it ends wins (module doc, 4.)
        assert b.readings(c) == (readings if longer[c] else [c])
    for n in names:
        named = b.named_in(f"{n}2026年工作总结")
        assert all(k in full or b.readings(k) == [k] for k in named)
        if core(n) in full:
            assert core(n) in named


# --- blame the document the evidence points to -------------------------------------------------


def test_a_correct_form_is_never_blamed_for_the_tally(tmp_path):
    ours = _people("共青团柳湾村团支部", ["罗春花", "石建国", "潘晓燕"])
    forms = _forms(tmp_path, ours)
    # The tally: one 实到 retyped (the meeting's three forms agree on 29), one name mistyped.
    tally(tmp_path / "汇总表.docx", [replace(ours[0], present=28, yes=24), replace(ours[1], name="石建图"), ours[2]])
    findings = check(forms, "register", registers=[tmp_path / "汇总表.docx"])
    assert _rules_by_file(findings) == {"汇总表.docx": {"TW703"}}
    assert all("汇总表应按登记表更正" in f.message for f in findings)


def test_the_minority_form_of_a_meeting_is_blamed(tmp_path):
    ours = _people("共青团人民医院急诊科团支部", ["蓝海峰", "廖丽萍", "戴文博"])
    wrong = replace(ours[2], present=30)  # the others say 29, and so does the tally
    forms = _forms(tmp_path, [ours[0], ours[1], wrong])
    tally(tmp_path / "汇总表.docx", ours)
    findings = check(forms, "register", registers=[tmp_path / "汇总表.docx"])
    assert _rules_by_file(findings) == {forms[2].name: {"TW703", "TW707"}}
    # Once the evidence shows the form wrong, a figure nothing else decides goes on both.
    tally(tmp_path / "汇总表.docx", [*ours[:2], replace(ours[2], yes=ours[2].yes - 1, no=ours[2].no + 1)])
    findings = check(forms, "TW703", registers=[tmp_path / "汇总表.docx"])
    assert _rules_by_file(findings) == {forms[2].name: {"TW703"}, "汇总表.docx": {"TW703"}}


def test_an_impossible_form_is_blamed(tmp_path):
    ours = _people("共青团恒达公司第二团支部", ["甘志明", "谭雪梅"])
    wrong = replace(ours[1], present=35)  # 实到 35 of 31: impossible on the form itself
    forms = _forms(tmp_path, [ours[0], wrong])
    tally(tmp_path / "汇总表.docx", ours)
    findings = check(forms, "TW703,TW707", registers=[tmp_path / "汇总表.docx"])
    assert _rules_by_file(findings) == {forms[1].name: {"TW703", "TW707"}}


def test_impossible_tally_votes_are_blamed_on_the_tally(tmp_path):
    ours = _people("共青团城关中学高一（2）班团支部", ["骆晨阳"])
    forms = _forms(tmp_path, ours)
    tally(tmp_path / "汇总表.docx", [replace(ours[0], abstain=6)])  # 26+2+6 > 29 on the tally only
    findings = check(forms, "TW703", registers=[tmp_path / "汇总表.docx"])
    assert _rules_by_file(findings) == {"汇总表.docx": {"TW703"}}


def test_balanced_evidence_goes_on_both(tmp_path):
    """Two forms of one meeting say 29 and 28; the minutes say 28 and the tally copies 29 for the second."""
    ours = _people("共青团管委会机关团支部", ["卢思琪", "符海涛"])
    forms = _forms(tmp_path, [ours[0], replace(ours[1], present=28, yes=25)])
    minutes(tmp_path / "会议记录_管委会机关团支部.docx", "管委会机关团支部", [replace(ours[1], present=28, yes=25)])
    tally(tmp_path / "汇总表.docx", ours)
    findings = check([*forms, tmp_path / "会议记录_管委会机关团支部.docx"], "TW703",
                     registers=[tmp_path / "汇总表.docx"])
    assert _rules_by_file(findings) == {"汇总表.docx": {"TW703"}, forms[1].name: {"TW703"}}


# --- the same form twice -----------------------------------------------------------------------


def test_a_form_sent_twice_is_one_submission(tmp_path):
    ours = _people("共青团青石镇团委机关团支部", ["陆子昂", "农美玲"])
    forms = _forms(tmp_path, ours)
    again = tmp_path / f"{forms[1].stem}(1).docx"
    shutil.copy(forms[1], again)
    tally(tmp_path / "汇总表.docx", ours)
    handout_log(tmp_path / "领取登记.docx", {"青石镇团委机关团支部": (3, 2)})
    findings = check([*forms, again], "register,TW355", registers=[tmp_path / "汇总表.docx", tmp_path / "领取登记.docx"])
    assert [(f.rule, f.severity, f.file) for f in findings] == [("TW708", "info", str(again))]


def test_two_different_forms_for_one_person_are_a_conflict(tmp_path):
    ours = _people("共青团经济管理学院审计2301团支部", ["龙晓峰", "麦嘉欣"])
    forms = _forms(tmp_path, ours)
    other = tmp_path / "推优登记表_审计2301团支部_麦嘉欣_修改版.docx"
    form(other, replace(ours[1], yes=ours[1].yes - 1, no=ours[1].no + 1), 1)
    tally(tmp_path / "汇总表.docx", ours)  # the tally agrees with the first version
    findings = check([*forms, other], "register", registers=[tmp_path / "汇总表.docx"])
    assert _rules_by_file(findings) == {other.name: {"TW709"}}
    conflict = findings[0]
    assert conflict.severity == "error" and "内容不一致" in conflict.message and "赞成票" in conflict.message
    assert "重复" not in conflict.message

    alone = check([*forms, other], "register")  # without a tally, nothing decides: both copies
    assert _rules_by_file(alone) == {forms[1].name: {"TW709"}, other.name: {"TW709"}}


@pytest.mark.soffice
def test_a_form_and_its_pdf_are_one_submission(tmp_path):
    from toolkit.office import soffice_convert

    ours = _people("共青团滨海新区管委会机关团支部", ["岑雨萱", "米俊豪"])
    forms = _forms(tmp_path, ours)
    pdfs = list(soffice_convert(forms, tmp_path).values())
    tally(tmp_path / "汇总表.docx", ours)
    handout_log(tmp_path / "领取登记.docx", {"管委会机关团支部": (3, 2)})
    findings = check([*forms, *pdfs], "register,TW355", registers=[tmp_path / "汇总表.docx", tmp_path / "领取登记.docx"])
    assert {(f.rule, f.severity) for f in findings} <= {("TW708", "info")}
    assert {f.file for f in findings} <= {str(p) for p in pdfs}


def test_reports_count_one_branch_once_whatever_its_spelling(tmp_path):
    from toolkit.check.engine import CheckResult, FileStatus, Finding
    from toolkit.model import Location
    from toolkit.report.view import build_view

    files = ["材料/会计2302团支部_林晓雯.docx", "材料/经济管理学院会计2302团支部_覃海燕.docx", "材料/城关镇机关团支部_总结.docx"]
    result = CheckResult([FileStatus(f, "registration_form") for f in files],
                         [Finding(f, "TW402", "id-number", "error", "校验位错误", Location(table=1, row=3, col=2))
                          for f in files])
    view = build_view(result)
    assert [g.branch for g in view.groups] == ["经济管理学院会计2302团支部", "经济管理学院会计2302团支部",
                                               "城关镇机关团支部"]


def test_namesakes_in_one_branch_are_two_people(tmp_path):
    """Two 王芳 of one village branch, no ID numbers, different birth dates: two candidates, no
    conflict and no error; only a warning asking whether they are one person."""
    a, b = _people("共青团柳湾村团支部", ["王芳", "王芳"])
    paths = []
    for i, p in enumerate((a, b)):
        paths.append(tmp_path / f"推优登记表_柳湾村_{i}.docx")
        form(paths[-1], p, 2, id_number=" ")  # no ID number
    tally(tmp_path / "汇总表.docx", [a, b])
    found = check(paths, "register", registers=[tmp_path / "汇总表.docx"])
    assert {(f.rule, f.severity) for f in found} == {("TW708", "warning")}


def test_a_name_the_long_spelling_ends_with_wins_over_one_with_words_left_out():
    """``县委办公室`` ends ``桐柏县县委办公室`` and is ``桐柏县团委办公室`` only with 团 left out
    inside: a prefix dropped is the usual shortening, so there is one reading, not two."""
    b = Branches(["桐柏县县委办公室团支部", "桐柏县团委办公室团支部", "县委办公室团支部", "团委办公室团支部"])
    assert b.key("县委办公室团支部") == "桐柏县县委办公室" and not b.ambiguous("县委办公室团支部")
    assert b.key("团委办公室团支部") == "桐柏县团委办公室"
    assert b.ambiguous("机关团支部") is False  # one full spelling: no second reading to prefer
    two = Branches(["县财政局机关团支部", "县卫健局机关团支部", "机关团支部"])
    assert two.ambiguous("机关团支部")  # both end with it: still the office's question
