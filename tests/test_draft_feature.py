"""`draft` as a documented feature: its fields as a template, unknown keys refused, facts only
from the data, and drafts that `check` passes without a single finding (issue 11)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main
from toolkit.app.check import run_check
from toolkit.config import Config
from toolkit.lang.draft import TOPICS
from toolkit.read import read

TODAY = Config.from_dict({"date": {"today": "2026-12-31"}})


def _run(*args: str):
    return CliRunner().invoke(main, [*map(str, args)])


@pytest.mark.parametrize("suffix", [".yaml", ".json", ".xlsx"])
def test_example_facts_draft_as_they_are(tmp_path, suffix):
    facts = tmp_path / f"事实{suffix}"
    assert _run("templates", "draft", "--example", facts).exit_code == 0
    out = tmp_path / "总结.docx"
    result = _run("draft", facts, "-o", out)
    assert result.exit_code == 0, result.output
    text = read(out).text()
    assert "社区图书室整理" in text and "重温入团誓词" in text and "共开展各类活动2次" in text  # the activities sheet read


def test_templates_lists_draft_and_shows_its_fields(tmp_path):
    listing = _run("templates")
    assert "draft" in listing.output and "tuanwen draft" in listing.output
    shown = _run("templates", "draft").output
    for words in ("org", "落款单位", "activities", "活动名称", "必填"):
        assert words in shown
    sheet = tmp_path / "录入.xlsx"
    assert _run("templates", "draft", "--sheet", sheet).exit_code == 0
    wb = openpyxl.load_workbook(sheet)
    assert len(wb.sheetnames) == 2 and "活动名称" in [c.value for c in wb.worksheets[1][1]]


@pytest.mark.parametrize("facts, words", [
    ({"orgn": "甲团支部"}, ["“orgn”", "是不是“org”"]),
    ({"figures": {"membrs": 3}}, ["“membrs”", "是不是“members”"]),
    ({"团员数": 3}, ["“团员数”", "是不是“团员人数”"]),
    ({"activities": [{"name": "植树", "plase": "公园"}]}, ["第1项活动", "“plase”", "是不是“place”"]),
])
def test_unknown_keys_are_refused_with_the_nearest(tmp_path, facts, words):
    data = tmp_path / "f.yaml"
    data.write_text(yaml.safe_dump({"org": "共青团甲学院甲团支部", "date": "2026-06-30", **facts}, allow_unicode=True),
                    encoding="utf-8")
    result = _run("draft", data, "-o", tmp_path / "a.docx")
    assert result.exit_code == 2 and not (tmp_path / "a.docx").exists()
    assert all(w in result.output for w in words), result.output


def test_a_single_sheet_with_unknown_activity_columns_is_refused_naming_them(tmp_path):
    """The activities typed beside the facts in one sheet: a column that is no fact is not dropped."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["落款单位", "成文日期", "主题", "团员人数", "活动名称", "活动日期", "活动地址", "参加人数", "带队老师"])
    ws.append(["共青团乙学院乙2301团支部", "2026-06-30", "志愿服务", 30, "社区服务", "2026-03-15", "东湖社区", 20, "周敏"])
    ws.append([None, None, None, None, "敬老院慰问", "2026-04-15", "阳光敬老院", 12, None])
    wb.save(tmp_path / "事实.xlsx")
    result = _run("draft", tmp_path / "事实.xlsx", "-o", tmp_path / "a.docx")
    assert result.exit_code == 2 and not (tmp_path / "a.docx").exists()
    assert "“活动地址”（是不是“活动地点”？）" in result.output and "“带队老师”" in result.output
    ws["G1"], ws["I1"] = "活动地点", None  # corrected: drafted, the places written
    for row in ws.iter_rows(min_row=2, min_col=9):
        row[0].value = None
    wb.save(tmp_path / "事实.xlsx")
    result = _run("draft", tmp_path / "事实.xlsx", "-o", tmp_path / "a.docx")
    assert result.exit_code == 0, result.output
    assert "在东湖社区开展“社区服务”活动" in read(tmp_path / "a.docx").text()


def test_an_activities_sheet_with_an_unknown_column_is_refused(tmp_path):
    facts = tmp_path / "事实.xlsx"
    assert _run("templates", "draft", "--example", facts).exit_code == 0
    wb = openpyxl.load_workbook(facts)
    wb.worksheets[1].cell(1, wb.worksheets[1].max_column + 1, "活动照片")
    wb.save(facts)
    result = _run("draft", facts, "-o", tmp_path / "a.docx")
    assert result.exit_code == 2 and "“活动照片”" in result.output


def test_generate_says_which_columns_it_ignored(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["标题", "填报单位", "填表人", "填表日期", "团支部", "姓名", "性别", "出生日期", "应到人数", "实到人数",
               "赞成票", "反对票", "弃权票", "联系电话"])
    ws.append(["汇总表", "共青团乙学院委员会", "周敏", "2026-10-20", "乙2301团支部", "王小雨", "女", "2004-05",
               30, 28, 25, 2, 1, "13800000000"])
    wb.save(tmp_path / "汇总.xlsx")
    result = _run("generate", "tuiyou-tally", tmp_path / "汇总.xlsx", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "警告：数据中这些列（键）不是模板字段，已忽略：联系电话" in result.output


# --- varied facts: traceable and clean -------------------------------------------------------------

_ACTIVITIES = [("社区图书室整理", "东湖社区"), ("重温入团誓词", "市烈士陵园"), ("青春心向党知识竞答", None),
               ("敬老院志愿服务", "阳光敬老院"), ("校园环境清洁", "教学区"), ("主题团日观影", None)]
_PROBLEMS = ["个别团员参加集体活动的主动性还不够强。", "活动形式还比较单一，吸引力有待提高。",
             "团员理论学习的深度还不够。"]
_PLANS = ["进一步丰富主题团日的形式。", "加强团员日常教育管理。", "推动志愿服务常态化开展。"]


@st.composite
def facts(draw):
    major = draw(st.sampled_from(["化工", "生物", "材料", "会计", "软件", "法学"]))
    branch = f"{major}{draw(st.integers(2101, 2599))}团支部"
    date = draw(st.dates(dt.date(2026, 3, 1), dt.date(2026, 12, 20)))
    members = draw(st.integers(12, 60))
    out = {"org": f"共青团{draw(st.sampled_from(['化学工程学院', '生命科学学院', '经济管理学院']))}{branch}",
           "branch": branch, "date": date.isoformat(),
           "period": draw(st.sampled_from([f"{date.year}年", f"{date.year}年上半年", f"{date.year}年春季学期"])),
           "topic": draw(st.lists(st.sampled_from(TOPICS), min_size=1, max_size=2, unique=True)),
           "members": members}
    for key, top in (("applicants", members), ("recommended", members // 5), ("study_done", members)):
        if draw(st.booleans()):
            out[key] = draw(st.integers(0, top))
    if draw(st.booleans()):
        out["hours"] = draw(st.integers(10, 900))
    chosen = draw(st.lists(st.sampled_from(_ACTIVITIES), max_size=3, unique=True))
    out["activities"] = [{"name": n, "date": (date - dt.timedelta(days=10 * (i + 1))).isoformat(),
                          **({"place": p} if p else {}), "participants": draw(st.integers(5, members))}
                         for i, (n, p) in enumerate(chosen)]
    if draw(st.booleans()):
        out["problems"] = draw(st.lists(st.sampled_from(_PROBLEMS), min_size=1, max_size=2, unique=True))
    if draw(st.booleans()):
        out["plans"] = draw(st.lists(st.sampled_from(_PLANS), min_size=1, max_size=2, unique=True))
    return out


def _traceable_numbers(data: dict) -> set[str]:
    """The figures a draft may state: those of the data (dates without leading zeros), and shares,
    sums and differences computed from them."""
    runs = {str(int(x)) for x in re.findall(r"\d+", json.dumps(data, ensure_ascii=False))}
    ints = [int(x) for x in runs]
    acts = data.get("activities") or []
    runs |= {str(len(acts)), str(sum(a.get("participants", 0) for a in acts))}
    runs |= {f"{a / b * 100:.1f}%" for a, b in itertools.product(ints, repeat=2) if b}  # 12 of 12: 100.0%
    runs |= {str(a - b) for a, b in itertools.product(ints, repeat=2) if a > b}  # members who did not study
    return runs


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(facts())
def test_drafts_of_varied_facts_are_traceable_and_pass_check(tmp_path_factory, data):
    tmp = tmp_path_factory.mktemp("draft")
    source = tmp / "f.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp / "总结.docx"
    result = _run("draft", source, "-o", out)
    assert result.exit_code == 0, result.output
    text = read(out).text()
    allowed = _traceable_numbers(data)
    stated = re.findall(r"\d+(?:\.\d+%)?", text)
    assert [n for n in stated if n not in allowed and n.rstrip("%") not in allowed] == [], text
    checked, _ = run_check([str(out)], config=TODAY, jobs=1)
    assert checked.findings == [], [(f.rule, f.message, f.excerpt) for f in checked.findings]
