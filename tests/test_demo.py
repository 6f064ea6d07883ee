"""``tuanwen demo``: the whole job on the embedded round, planted mistakes found."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli import main

# What the demo plants (toolkit/app/demo.py), by file name fragment → rule codes expected there.
PLANTED = {
    "王子涵_推优登记表": {"TW402"},  # mistyped ID check character
    "赵景行_推优登记表": {"TW301", "TW707", "TW805"},  # votes exceed attendance; 实到 differs; 不合格 on the roster
    "周以安_推优登记表": {"TW351"},  # 17 at the meeting
    "生物2201团支部2026年推优工作总结": {"TW102", "TW201", "TW500", "TW551"},
    "化工2202团支部2026年推优工作总结": {"TW750"},  # copied with names swapped
    "推优汇总表": {"TW301", "TW702"},  # the tally repeats the vote error; a row with no form
    "分表领取及上交登记表": {"TW704", "TW705"},
    # The League's own records (toolkit/demo_league.py), checked against the roster (--roster).
    "黄若曦_推优登记表": {"TW800", "TW832"},  # not on the roster; 12 volunteer hours
    "团员名册": {"TW352", "TW806"},  # a member 13 when joining; a 团员编号 not starting with the 入团 year
    "团员教育评议结果表": {"TW812"},  # a party member graded
    "王子涵_3+1+1过程记录": {"TW821"},  # the exam after the 推优 vote
    "志愿服务时长记录": {"TW830"},  # 26 hours on one day
    "生物2201团支部_2026年度积分表": {"TW856"},  # 负面清单 hit marked for 推优
    "化工2202团支部_刘一诺_推优登记表": {"TW864"},  # the branch failed its 百分考核
    "青石镇_建团进度": {"TW873"},  # an organisation dated after the report
}


def test_demo_generates_converts_checks_and_reports(tmp_path):
    out = tmp_path / "演示"
    result = CliRunner().invoke(main, ["demo", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("转换结果.xlsx", "审查报告.html", "审查报告.xlsx"):
        assert (out / name).stat().st_size > 0
    assert list((out / "批注版").glob("*.docx"))
    assert list((out / "通知").glob("*.docx"))
    assert "tuanwen serve" in result.output.strip().splitlines()[-1]  # it ends by pointing to the web page

    registers = [arg for p in sorted((out / "团委材料").glob("*.docx")) for arg in ("--register", str(p))]
    checked = CliRunner().invoke(main, ["check", str(out / "提交材料"), *registers, "--roster",
                                        str(out / "团委材料" / "团员名册.xlsx"), "--format", "json"])
    assert checked.exit_code == 1
    data = json.loads(checked.stdout)
    found: dict[str, set[str]] = {}
    for f in data["findings"]:
        found.setdefault(f["file"].rsplit("/", 1)[-1], set()).add(f["rule"])
    for fragment, codes in PLANTED.items():
        got = set().union(*(v for k, v in found.items() if fragment in k))
        assert codes <= got, (fragment, got)
    errors = {f["file"].rsplit("/", 1)[-1] for f in data["findings"] if f["severity"] == "error"}
    assert not any("陈雨桐" in e or "孙若溪" in e or "杨明轩" in e or "化工2201团支部2026" in e for e in errors)
    unreadable = [f for f in data["files"] if f["status"] == "error"]
    assert [f["file"].rsplit("/", 1)[-1] for f in unreadable] == ["损坏_生物2201团支部_推优登记表.docx"]


def test_demo_refuses_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "我的文件.txt").write_text("别删我", encoding="utf-8")
    result = CliRunner().invoke(main, ["demo", str(tmp_path)])
    assert result.exit_code == 2
    assert (tmp_path / "我的文件.txt").exists()
