"""League kinds (issue 12): roster, review, tuiyou-steps, volunteer-hours.

Templates render, generated documents and exports with other column names
(.xlsx) are recognised and read, and clean documents give no finding.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import yaml

from toolkit.app.check import run_check
from toolkit.config import Config
from toolkit.extract import extract
from toolkit.read import read
from toolkit.app.generate import generate_command
from toolkit.render.schema import builtin_names, load_schema

LEAGUE = {"roster": "roster", "review": "review", "tuiyou-steps": "tuiyou_steps", "volunteer-hours": "volunteer_hours"}
TODAY = Config.from_dict({"date": {"today": "2026-11-30"}})


def _render(name: str, folder: Path, records: list[dict] | None = None, pdf: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = folder / f"{name}.yaml"
    data.write_text(yaml.safe_dump(records or [load_schema(name).example_record()], allow_unicode=True), "utf-8")
    made = generate_command(name, data, folder / "out", force=True, pdf=pdf)
    return made[0].with_suffix(".pdf") if pdf else made[0]


def _xlsx(path: Path, rows: list[list], title: str | None = None, merges: tuple[str, ...] = ()) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    for row in rows:
        ws.append(row)
    for span in merges:
        ws.merge_cells(span)
    wb.save(path)
    return path


@pytest.mark.parametrize("name", sorted(LEAGUE))
def test_template_renders_and_reads_back_clean(name, tmp_path):
    assert name in builtin_names()
    doc = _render(name, tmp_path)
    ex = extract(read(str(doc)))
    assert ex.kind == LEAGUE[name]
    assert ex.records
    result, _ = run_check([str(doc)], config=TODAY, quiet=True)
    assert [f.to_dict() for f in result.findings] == []


def test_roster_export_with_other_column_names(tmp_path):
    path = _xlsx(tmp_path / "名册导出.xlsx", [
        ["序号", "姓名", "性别", "公民身份号码", "出生年月", "入团时间", "团员证号", "所在团组织", "团内现任职务",
         "政治面貌", "是否已递交入党申请书", "递交入党申请书日期", "最近一次教育评议结果", "团员状态", "手机号码"],
        [1, "王子涵", "男", "320106200405150037", "2004.05", "2019年5月", "201932010601", "化工2201团支部", "组织委员",
         "共青团员", "是", "2024-10", "优秀", "正常", "13951230001"],
        [2, "陈雨桐", "女", "320106200503020041", "2005.03", "2020年5月", "202032010602", "化工2201团支部", "团支部书记",
         "共青团员", "是", "2024-10", "合格", "正常", "13951230002"],
    ], title="化工2201团支部团员信息表")
    ex = extract(read(str(path)))
    assert ex.kind == "roster"
    first = ex.records[0].values
    assert (first["身份证号"], first["入团时间"], first["团员编号"], first["团籍状态"], first["评议等次"]) == (
        "320106200405150037", "2019-05", "201932010601", "正常", "优秀")


def test_review_sheet_as_xlsx(tmp_path):
    path = _xlsx(tmp_path / "评议.xlsx", [
        ["团支部：生物2201团支部", None, None, None],
        ["序号", "姓名", "政治面貌", "评议结果"],
        [1, "杨明轩", "共青团员", "优秀"], [2, "黄若曦", "共青团员", "合格"], [3, "林书瑶", "共青团员", "合格"],
        [4, "许嘉禾", "共青团员", "基本合格"],
    ], title="生物2201团支部团员教育评议结果汇总表")
    ex = extract(read(str(path)))
    assert ex.kind == "review"
    assert [r.values["评议等次"] for r in ex.records] == ["优秀", "合格", "合格", "基本合格"]


def test_steps_wide_xlsx_with_two_row_header(tmp_path):
    path = _xlsx(tmp_path / "3+1+1.xlsx", [
        ["姓名", "团支部", "理想信念教育", "统一考试", None, "团员教育评议", None, "推优时间"],
        [None, None, "时间", "时间", "成绩", "时间", "等次", None],
        ["王子涵", "化工2201团支部", "2026-03-12", "2026-04-10", 86, "2026-09-20", "优秀", "2026-10-14"],
        ["陈雨桐", "化工2201团支部", "2026-03-12", "2026-04-10", 91, "2026-09-20", "合格", "2026-10-14"],
    ], title="推优“3+1+1”全程纪实汇总表", merges=("A2:A3", "B2:B3", "D2:E2", "F2:G2", "H2:H3"))
    ex = extract(read(str(path)))
    assert ex.kind == "tuiyou_steps"
    v = ex.records[0].values
    assert (v["统一考试日期"], v["考试成绩"], v["评议等次"], v["表决日期"]) == ("2026-04-10", 86, "优秀", "2026-10-14")


def test_volunteer_hours_xlsx_with_other_names(tmp_path):
    path = _xlsx(tmp_path / "时长.xlsx", [
        ["序号", "姓名", "证件号码", "活动名称", "活动日期", "志愿服务时长（小时）", "发证单位"],
        [1, "王子涵", "320106200405150037", "社区服务", "2026-03-15", 4.5, "区志愿服务联合会"],
        [2, "王子涵", "320106200405150037", "献血宣传", "2026-04-20", "3小时", "校青年志愿者协会"],
    ], title="化工2201团支部志愿服务时长统计表")
    ex = extract(read(str(path)))
    assert ex.kind == "volunteer_hours"
    assert [r.values["服务时长"] for r in ex.records] == [4.5, 3]
    assert ex.records[0].values["认证单位"] == "区志愿服务联合会"


@pytest.mark.soffice
def test_roster_as_pdf_reads_back(tmp_path):
    pdf = _render("roster", tmp_path, pdf=True)
    ex = extract(read(str(pdf)))
    assert ex.kind == "roster"
    assert [r.values["姓名"] for r in ex.records] == ["王子涵", "陈雨桐", "许嘉禾"]
    assert ex.records[0].values["团员编号"] == "201932010601"


def test_tally_is_still_a_tally(tmp_path):
    doc = _render("tuiyou-tally", tmp_path)
    assert extract(read(str(doc))).kind == "tally"


def test_convert_writes_league_records(tmp_path):
    from toolkit.app.convert import convert_command

    files = [_render(n, tmp_path / n) for n in LEAGUE]
    out = tmp_path / "out.json"
    convert_command([str(f) for f in files], out)
    data = json.loads(out.read_text("utf-8"))
    rows = data if isinstance(data, list) else data["records"]
    assert {r["类型"] for r in rows} == set(LEAGUE.values())
    assert any(r.get("团员编号") == "201932010601" for r in rows)
