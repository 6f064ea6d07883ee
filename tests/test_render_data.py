"""Data loading and validation: encodings, header detection, table fields, coercion."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from toolkit.errors import UsageError
from toolkit.render.catalog import workbook_bytes
from toolkit.render.data import load_records
from toolkit.render.schema import parse_schema, validate

TALLY = parse_schema({
    "name": "tally", "title": "推优汇总表",
    "fields": [
        {"name": "org", "label": "填报单位", "type": "text", "required": True, "example": "化工学院团委"},
        {"name": "date", "label": "填报日期", "type": "date", "example": "2026-11-22"},
        {"name": "candidates", "label": "推荐对象", "type": "table", "required": True,
         "columns": [{"name": "name", "label": "姓名", "required": True},
                     {"name": "votes_for", "label": "赞成票", "type": "int"}],
         "example": [{"name": "王子涵", "votes_for": 27}, {"name": "李四", "votes_for": 25}]},
    ],
})


def test_flat_csv_groups_rows_into_records(tmp_path: Path):
    csv = tmp_path / "t.csv"
    csv.write_text("填报单位,姓名,赞成票\n化工学院团委,王子涵,27\n,李四,25\n生物学院团委,赵六,20\n", encoding="gbk")
    records = load_records(csv, TALLY)
    assert [r["org"] for r in records] == ["化工学院团委", "生物学院团委"]
    assert records[0]["candidates"] == [{"name": "王子涵", "votes_for": "27"}, {"name": "李四", "votes_for": "25"}]
    coerced, errors = validate(TALLY, records)
    assert not errors and coerced[0]["candidates"][1]["votes_for"] == 25


def test_sheet_per_table_field_round_trip(tmp_path: Path):
    path = tmp_path / "ex.xlsx"
    path.write_bytes(workbook_bytes(TALLY, filled=True))
    assert load_workbook(path).sheetnames == ["推优汇总表", "推荐对象"]
    records = load_records(path, TALLY)
    coerced, errors = validate(TALLY, records)
    assert not errors
    assert coerced == [{"org": "化工学院团委", "date": "2026-11-22",
                        "candidates": [{"name": "王子涵", "votes_for": 27}, {"name": "李四", "votes_for": 25}]}]


def test_blank_sheet_example_row_is_skipped(tmp_path: Path):
    path = tmp_path / "blank.xlsx"
    path.write_bytes(workbook_bytes(TALLY, filled=False))
    records = load_records(path, TALLY)
    _, errors = validate(TALLY, records)
    assert "第1条记录：缺少必填字段“填报单位”(org)" in errors


def test_header_with_spaces_and_fullwidth(tmp_path: Path):
    wb = Workbook()
    wb.active.append(["推优汇总"])
    wb.active.append(["填 报 单 位", "姓　名", "ＶＯＴＥＳ_ＦＯＲ"])
    wb.active.append(["化工学院团委", "王子涵", 27])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    records = load_records(path, TALLY)
    assert records == [{"org": "化工学院团委", "candidates": [{"name": "王子涵", "votes_for": 27}]}]


def test_validation_coercions_and_messages():
    schema = parse_schema({"fields": [
        {"name": "n", "label": "人数", "type": "int", "required": True},
        {"name": "d", "label": "日期", "type": "date"},
        {"name": "l", "label": "名单", "type": "list"},
    ]})
    good, errors = validate(schema, [{"人数": "三十二", "d": "2004.05", "l": "甲、乙，丙;丁"},
                                     {"n": "32人", "d": 38000}, {"n": "32.5", "d": "2026年9月31日"}])
    assert good[0] == {"n": 32, "d": "2004-05", "l": ["甲", "乙", "丙", "丁"]}
    sentences, _ = validate(schema, [{"n": 1, "l": "第一项，带逗号。\n第二项"}, {"n": 1, "l": "只有一句，带逗号。"}])
    assert [r["l"] for r in sentences] == [["第一项，带逗号。", "第二项"], ["只有一句，带逗号。"]]
    assert good[1]["n"] == 32 and good[1]["d"] == "2004-01-14" and good[1]["l"] == []
    assert errors == ["第3条记录：字段“人数”(n) 应为整数，如 32，实际为“32.5”",
                      "第3条记录：字段“日期”(d) 应为日期，如 2004-05，实际为“2026年9月31日”"]


def test_unsupported_and_empty(tmp_path: Path):
    with pytest.raises(UsageError, match="应为 .yaml、.json、.csv、.xlsx、.xls 或 .ods"):
        load_records(tmp_path / "x.numbers", TALLY)
    empty = tmp_path / "e.json"
    empty.write_text("[]", encoding="utf-8")
    with pytest.raises(UsageError, match="没有任何记录"):
        load_records(empty, TALLY)
    noheader = tmp_path / "n.csv"
    noheader.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(UsageError, match="找不到表头行"):
        load_records(noheader, TALLY)
