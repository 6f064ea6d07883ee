"""Cross-document rules: forms against the tally, the hand-out log and each other."""

from __future__ import annotations

from dataclasses import replace

from rounds.build_round import Person, form, handout_log, tally
from rounds.helpers import check
from toolkit.check.branches import core
from toolkit.check.people import match
from toolkit.model import Record

A = Person("王子涵", "男", "20040506", "2019年5月", "化工2201团支部", 32, 30, 27, 2, 1)
B = Person("李明轩", "女", "20050312", "2020年4月", "化工2201团支部", 32, 30, 26, 3, 1)
C = Person("陈佳琪", "女", "20041120", "2019年9月", "生物2201团支部", 35, 33, 30, 2, 1)


def _round(tmp_path, people, layouts=None):
    paths = []
    for i, p in enumerate(people):
        path = tmp_path / f"登记表_{p.branch}_{p.name}_{i}.docx"
        form(path, p, (layouts or [0, 1, 2])[i % len(layouts or [0, 1, 2])])
        paths.append(path)
    return paths


def _by_file(findings):
    out: dict[str, set[str]] = {}
    for f in findings:
        out.setdefault(f.file.rsplit("/", 1)[-1], set()).add(f.rule)
    return out


def test_consistent_round_is_clean(tmp_path):
    forms = _round(tmp_path, [A, B, C])
    tally(tmp_path / "汇总表.docx", [A, B, C])
    handout_log(tmp_path / "登记.docx", {A.branch: (3, 2), C.branch: (2, 1)})
    findings = check(forms, "register,TW355", registers=[tmp_path / "汇总表.docx", tmp_path / "登记.docx"])
    assert not findings, [(f.rule, f.message) for f in findings]


def test_tally_against_forms(tmp_path):
    forms = _round(tmp_path, [A, B, C])
    # B missing from the tally, C's votes retyped wrongly, a row with no form.
    ghost = replace(A, name="赵雨桐", birth="20041010")
    tally(tmp_path / "汇总表.docx", [A, replace(C, yes=29, no=3), ghost])
    findings = check(forms, "register", registers=[tmp_path / "汇总表.docx"])
    by_file = _by_file(findings)
    # The forms are correct: the tally, compiled from them, carries every finding.
    assert set(by_file) == {"汇总表.docx"}
    assert by_file["汇总表.docx"] == {"TW701", "TW702", "TW703"}
    lost = next(f for f in findings if f.rule == "TW701")
    assert "李明轩" in lost.message and forms[1].name in lost.message and lost.location.table == 1
    differ = next(f for f in findings if f.rule == "TW703" and f.file.endswith("汇总表.docx"))
    assert "赞成票（登记表30，汇总表29）" in differ.message and differ.location.table == 1
    missing = next(f for f in findings if f.rule == "TW702")
    assert "赵雨桐" in missing.message and missing.location.row == 4


def test_tally_sent_twice(tmp_path):
    """The office's tally as .docx and again as a copy: each row is matched once, the copy's rows are not
    candidates without a form; a row with no form is still reported, in each copy."""
    forms = _round(tmp_path, [A, B])
    ghost = replace(B, name="赵雨桐", birth="20041010")
    for name in ("汇总表.docx", "汇总表（重发）.docx"):
        tally(tmp_path / name, [A, B, ghost])
    findings = check(forms, "TW701,TW702", registers=[tmp_path / "汇总表.docx", tmp_path / "汇总表（重发）.docx"])
    assert sorted((f.file.rsplit("/", 1)[-1], f.rule) for f in findings) == [
        ("汇总表.docx", "TW702"), ("汇总表（重发）.docx", "TW702")]
    assert all("赵雨桐" in f.message for f in findings)


def test_messages_name_the_other_file_by_its_path(tmp_path):
    """Two branches' folders each hold a 登记表.docx: the message says which one."""
    paths = []
    for folder, p in (("一支部", A), ("二支部", C)):
        (tmp_path / folder).mkdir()
        form(tmp_path / folder / "登记表.docx", p, 0)
        paths.append(tmp_path / folder / "登记表.docx")
    tally(tmp_path / "汇总表.docx", [A])
    [lost] = check(paths, "TW701", registers=[tmp_path / "汇总表.docx"])
    assert f"{tmp_path}/二支部/登记表.docx" in lost.message


def test_name_typo_is_matched_and_reported(tmp_path):
    forms = _round(tmp_path, [A, C])
    tally(tmp_path / "汇总表.docx", [replace(A, name="王子函"), C])
    findings = check(forms, "register", registers=[tmp_path / "汇总表.docx"])
    assert [(f.rule, f.file.rsplit("/", 1)[-1]) for f in findings] == [("TW703", "汇总表.docx")]
    assert "姓名（登记表“王子涵”，汇总表“王子函”）" in findings[0].message


def test_handout_log(tmp_path):
    forms = _round(tmp_path, [A, B, C])
    handout_log(tmp_path / "登记.docx", {A.branch: (2, 3), "机械2201团支部": (2, 0)})
    findings = check(forms, "register", registers=[tmp_path / "登记.docx"])
    by_file = _by_file(findings)
    assert by_file == {"登记.docx": {"TW704", "TW705", "TW706"}}  # 生物2201 is not in the log: the log is incomplete
    missing = next(f for f in findings if f.rule == "TW706")
    assert "生物2201团支部" in missing.message and forms[2].name in missing.message
    over = next(f for f in findings if f.rule == "TW704")
    assert over.message == "化工2201团支部上交3份，多于领取的2份"


def test_one_meeting_disagrees(tmp_path):
    forms = _round(tmp_path, [A, B, replace(A, name="周书瑶", birth="20040909", present=29, yes=26)])
    findings = [f for f in check(forms, "TW707")]
    assert {f.file for f in findings} == {str(forms[2])}
    assert "此表为29人，其他登记表多为30人" in findings[0].message


def test_same_person_twice(tmp_path):
    twice = _round(tmp_path, [A, replace(A, branch="生物2201团支部")])
    findings = check(twice, "TW708")
    assert len(findings) == 2 and all(f.severity == "error" for f in findings)
    assert "同时出现在化工2201团支部、生物2201团支部的登记表中" in findings[0].message


def test_branch_share(tmp_path):
    small = [replace(A, name=n, total=10, present=10, yes=9, no=1, abstain=0) for n in ("王子涵", "李明轩", "陈佳琪")]
    findings = check(_round(tmp_path, small), "TW355")
    assert len(findings) == 1 and "推荐3人，超过应到人数10人的20%" in findings[0].message


def test_branch_key_and_match_use_indexes():
    assert core("共青团化工2201班团支部") == core("化工2201团支部") == "化工2201"

    def rec(name, branch, number=None):
        return ("f", Record("registration_form", {"姓名": name, "团支部": branch, "身份证号": number}))

    left = [rec("王子涵", "化工2201", "110108200405061234"), rec("李明轩", "化工2201"), rec("陈佳琪", "生物2201")]
    right = [rec("王子函", "化工2201团支部", "110108200405061234"), rec("李明轩", "化工2201团支部"),
             rec("陈佳琦", "生物2202团支部")]
    m = match(left, right)
    assert len(m.pairs) == 2 and [e[1].values["姓名"] for e in m.lone_left] == ["陈佳琪"]


def test_names_from_another_file_of_the_round_are_not_typos(tmp_path):
    """The summary names 何即明, whose form is a separate file: “即” is not a typo there."""
    from rounds.helpers import check, write_docx

    sentence = "会议由团支部书记主持，何即明同学介绍了本人情况。"
    summary = write_docx(tmp_path / "化工2201团支部推优工作总结.docx", ["化工2201团支部推优工作总结", sentence])
    assert [f.rule for f in check([summary], "TW503")] == ["TW503"]  # alone, the name looks like a typo
    form = write_docx(tmp_path / "化工2201团支部_何即明_推优登记表.docx", ["推优登记表"],
                      [[["姓名", "何即明", "性别", "男"], ["所在团支部", "化工2201团支部", "民族", "汉族"]]])
    assert check([summary, form], "TW503") == []


def test_records_that_cannot_be_people_are_not_missing_candidates():
    """A 姓名 misread from a document that is not a form (a label list, one character) is no missing
    candidate; a name the surname table does not know is a warning; a plain name keeps the rule's error."""
    from toolkit.check.rules.register import _person_severity
    from toolkit.model import Record

    def severity(name):
        return _person_severity(Record("registration_form", {"姓名": name}))

    assert [severity(n) for n in ("年级、姓名", "骥", "另选人姓名", "）、转出单位")] == ["skip"] * 4
    assert severity("阿依古丽·买买提") == "warning"
    assert severity("王子涵") is None and severity("欧阳娜娜") is None and severity("") is None
