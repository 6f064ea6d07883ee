"""大团委 建团进度 (build_progress): a 乡镇's list with its weekly sentence (.docx) and a
county table (.xlsx) give no finding when right; TW870–TW875 find their planted mistakes."""

from __future__ import annotations

import datetime as dt

import pytest

from league.sheets import org_rows, town_rows, write_docx, write_xlsx
from rounds.helpers import CONFIG, check, write_docx as plain_docx
from toolkit.config import Config
from toolkit.cn.progress import Checkpoint, weekly_report
from toolkit.extract import extract
from toolkit.read import read

HEAD = ["湖坊镇大团委建团进度周报", "乡镇：湖坊镇　　目标任务：20个　　统计截至：2026年10月23日",
        "节点要求：2026年10月15日前完成50%；2026年10月31日前完成100%。"]
GOOD = "本周新建4个，累计建成12个，完成目标任务的60%，距目标还差8个，进度正常。"


def _town(tmp_path, rows=None, sentence=GOOD, head=HEAD):
    return write_docx(tmp_path / "进度.docx", head, rows or org_rows(), [sentence])


def _county(tmp_path, rows=None):
    return write_xlsx(tmp_path / "进度统计.xlsx", "青山湖区乡镇大团委建团进度统计表（截至2026年10月23日）", rows or town_rows())


def _found(paths, select="TW87", config=CONFIG):
    return {f.rule: f for f in check(paths, select, config=config)}


def test_weekly_report_from_dates():
    founded = [dt.date(2026, 10, d) for d in (9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 21)]
    cps = [Checkpoint(dt.date(2026, 10, 15), 0.5), Checkpoint(dt.date(2026, 10, 31), 1.0)]
    rep = weekly_report(founded, 20, cps, dt.date(2026, 10, 23))
    assert (rep.new_this_week, rep.total, rep.shortfall, rep.percent, rep.on_track) == (4, 12, 8, 60.0, True)
    assert rep.sentence().startswith(GOOD.removesuffix("。"))
    assert "10月31日前须达到20个，还需新建8个" in rep.sentence()
    behind = weekly_report(founded[:6], 20, cps, dt.date(2026, 10, 16))
    assert not behind.on_track and behind.status() == "进度滞后"


def test_clean_reports_pass(tmp_path):
    town, county = _town(tmp_path), _county(tmp_path)
    ex = extract(read(str(town)))
    assert ex.kind == "build_progress" and ex.fields["节点"] == ["2026-10-15:50%", "2026-10-31:100%"]
    assert extract(read(str(county))).kind == "build_progress"
    assert not _found([town, county], "TW8,arithmetic,count,date")


def test_synonym_headers_pass(tmp_path):
    rows = [["乡镇（街道）", "任务数", "本周新增", "累计", "完成比例", "缺口", "是否达到进度"],
            ["扬子洲镇", 20, 3, 10, "50%", 10, "是"],
            ["京东镇", 20, 6, 20, "100%", 0, "已完成"]]
    path = write_xlsx(tmp_path / "周报.xlsx", "乡镇实体化大团委建团工作周报", rows, sheet="第8周")
    assert extract(read(str(path))).kind == "build_progress"
    assert not _found([path])


def _with(rows, r, c, value):
    rows[r][c] = value
    return rows


COUNTY_FAIL = [
    ("TW870", lambda: _with(town_rows(), 1, 5, 13), "上周累计8个加本周新建4个应为12个，表中累计13个"),
    ("TW870", lambda: _with(town_rows(), 2, 7, 6), "差额应为5个，表中6个"),
    ("TW870", lambda: _with(town_rows(), 2, 6, "80%"), "完成率应为75%，表中80%"),
]


@pytest.mark.parametrize("code,rows,message", COUNTY_FAIL, ids=range(len(COUNTY_FAIL)))
def test_county_must_fail(tmp_path, code, rows, message):
    found = check([_county(tmp_path, rows())], code)
    assert any(message in f.message for f in found), found
    assert all(f.location.row for f in found)


TOWN_FAIL = [
    ("TW871", "本周新建4个，累计建成13个，完成目标任务的60%，距目标还差8个，进度正常。", "累计写13个，按名单应为12个"),
    ("TW871", "本周新建5个，累计建成12个，完成率60%。", "本周新建写5个，按名单应为4个"),
    ("TW871", "累计建成12个，完成率65%，还差8个。", "完成率写65%，按名单应为60%"),
]


@pytest.mark.parametrize("code,sentence,message", TOWN_FAIL, ids=range(len(TOWN_FAIL)))
def test_town_stated_must_fail(tmp_path, code, sentence, message):
    found = _found([_town(tmp_path, sentence=sentence)], code)
    assert message in found[code].message and found[code].location.paragraph


def test_pace_against_checkpoints(tmp_path):
    head = [HEAD[0], "乡镇：湖坊镇　　目标任务：20个　　统计截至：2026年10月16日", HEAD[2]]
    rows = org_rows(6)  # six by 10月15日: the 50 % checkpoint wants 10
    found = _found([_town(tmp_path, rows, "本周新建6个，累计建成6个，进度正常。", head)], "TW872")
    assert "节点要求至少10个" in found["TW872"].message and found["TW872"].severity == "error"
    silent = _found([_town(tmp_path, rows, "本周新建6个，累计建成6个。", head)], "TW872")
    assert silent["TW872"].severity == "warning"
    assert not _found([_town(tmp_path, rows, "本周新建6个，累计建成6个，进度滞后。", head)], "TW872")


def test_checkpoints_from_config(tmp_path):
    head = [HEAD[0], "乡镇：湖坊镇　　目标任务：20个　　统计截至：2026年10月16日"]
    path = _town(tmp_path, org_rows(6), "累计建成6个，进度正常。", head)
    assert not _found([path], "TW872")  # no checkpoint known
    cfg = Config.from_dict({"build_progress": {"checkpoints": ["2026-10-15:50%"]}})
    assert "TW872" in _found([path], "TW872", cfg)


def test_founded_after_report_and_repeated(tmp_path):
    rows = _with(org_rows(), 12, 3, "2026-10-28")
    found = _found([_town(tmp_path, rows, "累计建成12个。")], "TW873")
    assert "成立时间2026-10-28晚于统计截至日期2026-10-23" in found["TW873"].message
    rows = _with(org_rows(), 5, 1, org_rows()[2][1])
    assert "TW874" in _found([_town(tmp_path, rows)], "TW874")


def test_summary_figures_against_progress(tmp_path):
    town = _town(tmp_path)
    wrong = plain_docx(tmp_path / "总结.docx", ["青山湖区大团委建设工作总结",
                                               "截至10月23日，湖坊镇累计建成直属团组织15个，罗家镇累计建成15个。"])
    found = check([town, _county(tmp_path), wrong], "TW875")
    assert len(found) == 1 and found[0].file == str(wrong) and "湖坊镇累计写15个" in found[0].message
    right = plain_docx(tmp_path / "总结2.docx", ["青山湖区大团委建设工作总结",
                                               "截至10月23日，湖坊镇累计建成直属团组织12个，完成率60%。"])
    assert not check([town, right], "TW875")
