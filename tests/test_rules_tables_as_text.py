"""Minutes and summaries laid out as tables: the cells are text too. The vote,
arithmetic and count rules read a cell's prose lines, and the minutes' 应到/实到
come from their label cells. Real .docx files; must-pass and must-fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from rounds.helpers import check, table_docx
from toolkit.extract import classify
from toolkit.read import read


def minutes(path: Path, present: str = "29", votes: str = "张三赞成25票，反对3票，弃权1票。",
            recommended: str = "共推荐2人：王子涵、陈佳琪。", activities: str = "本学期共开展活动6场，其中主题团日2场、志愿服务2场、理论学习2场。",
            title: str = "化工2201团支部推优大会会议记录") -> Path:
    rows = [
        ["会议时间", "2025年10月20日", "会议地点", "302教室"],
        ["主持人", "李明", "记录人", "王芳"],
        ["应到人数", "31", "实到人数", present],
        ["会议内容", "\n".join(["一、支部书记介绍推优程序和候选人情况。", activities,
                              "二、无记名投票表决：", votes, "李四赞成26票，反对2票，弃权1票。", recommended]), "", ""],
    ]
    return table_docx(path, rows, merges=[((3, 1), (3, 3))], title=title)


@pytest.mark.parametrize("title", ["化工2201团支部推优大会会议记录", "团支部大会记录表", "推优入党团员大会"])
def test_minutes_as_table_is_minutes(tmp_path, title):
    assert classify(read(str(minutes(tmp_path / "m.docx", title=title))))[0] == "minutes"


def test_clean_minutes_table_passes(tmp_path):
    assert not check([minutes(tmp_path / "m.docx")], "TW2,TW3")


@pytest.mark.parametrize("kwargs, code, where", [
    ({"votes": "张三赞成27票，反对3票，弃权1票。"}, "TW301", (4, 2)),
    ({"present": "33"}, "TW303", (3, 3)),
    ({"present": "15", "votes": "张三赞成12票，反对2票，弃权1票。"}, "TW304", (3, 3)),
    ({"votes": "张三赞成14票，反对14票，弃权1票。"}, "TW305", (4, 2)),
    ({"recommended": "共推荐3人：王子涵、陈佳琪。"}, "TW201", (4, 2)),
    ({"activities": "本学期共开展活动6场，其中主题团日2场、志愿服务2场、理论学习3场。"}, "TW251", (4, 2)),
])
def test_minutes_table_must_fail(tmp_path, kwargs, code, where):
    found = [f for f in check([minutes(tmp_path / "m.docx", **kwargs)], "TW2,TW3") if f.rule == code]
    assert {(f.location.table, f.location.row, f.location.col) for f in found} == {(1, *where)}, found


def test_summary_statistics_cell(tmp_path):
    rows = [["项目", "情况"], ["志愿服务", "全年共组织志愿服务8次，其中社区服务3次、助老服务3次、环保行动3次。"]]
    found = check([table_docx(tmp_path / "s.docx", rows, title="2025年度团支部工作总结")], "TW251")
    assert [(f.location.row, f.location.col) for f in found] == [(2, 2)]
    rows[1][1] = "全年共组织志愿服务9次，其中社区服务3次、助老服务3次、环保行动3次。"
    assert not check([table_docx(tmp_path / "ok.docx", rows, title="2025年度团支部工作总结")], "TW251")


def minutes_with_vote_table(path: Path, rows: list[list[str]], present: str = "29") -> Path:
    import docx

    from rounds.helpers import fill_table

    d = docx.Document()
    for line in ["化工2201团支部推优大会会议记录", "会议时间：2025年10月20日", "主持人：李明", "记录人：王芳",
                 f"应到会31人，实到会{present}人。", "表决结果如下："]:
        d.add_paragraph(line)
    head = ["候选人", "赞成票", "反对票", "弃权票", "结果"]
    fill_table(d.add_table(rows=len(rows) + 1, cols=5), [head] + rows)
    d.save(path)
    return path


def test_minutes_vote_table_must_pass(tmp_path):
    rows = [["张三", "25", "3", "1", "通过"], ["李四", "10", "15", "4", "未通过"]]
    assert not check([minutes_with_vote_table(tmp_path / "m.docx", rows)], "TW3")


@pytest.mark.parametrize("row, code", [
    (["张三", "27", "3", "1", "通过"], "TW301"),
    (["张三", "15", "10", "4", "通过"], "TW305"),
])
def test_minutes_vote_table_must_fail(tmp_path, row, code):
    found = check([minutes_with_vote_table(tmp_path / "m.docx", [row])], "TW3")
    assert [(f.rule, f.location.table, f.location.row) for f in found] == [(code, 1, 2)], found
