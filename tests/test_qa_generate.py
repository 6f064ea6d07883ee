"""Red-team QA of the generator: data as real offices produce it, hostile names, our own output checked."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import Workbook

from cli import main
from toolkit.files import safe_filename
from toolkit.render.data import load_records


def run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def example(tmp_path: Path, name: str) -> list[dict]:
    target = tmp_path / f"{name}.json"
    assert run("templates", name, "--example", target).exit_code == 0
    raw = json.loads(target.read_text(encoding="utf-8"))
    return raw if isinstance(raw, list) else [raw]


def form_workbook(path: Path, rows: list[list], formats: dict[str, str] | None = None) -> Path:
    """An office's sheet: a merged title row over the header, then the rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "推优名单"
    header = [" 姓　名", "性别 ", "民族", "出生日期", "身份证号", "入团时间", "团内职务", "团支部", "联系电话",
              "入党申请时间", "主要表现", "应到人数", "实到人数", "赞成票", "反对票", "弃权票", "表决日期",
              "团支部意见", "团支部书记"]
    ws.append(["化工学院推优登记信息"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    ws.append([None] * len(header))
    wb.create_sheet("Sheet2")
    wb.save(path)
    return path


def form_row(id_number: object, birth: object = "2004-05") -> list:
    return ["王子涵 ", "男", "汉族", birth, id_number, dt.datetime(2019, 5, 1), "组织委员", "化工2201团支部",
            13951234567, "2024-10", "表现突出", 32.0, "30人", "27", 2, 1, dt.datetime(2026, 11, 20), "同意",
            "张三"]


def test_id_number_excel_turned_into_a_float_is_reported_and_nothing_written(tmp_path):
    data = form_workbook(tmp_path / "名单.xlsx", [form_row(3.20106200405151e17)])
    result = run("generate", "tuiyou-form", data, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "身份证号" in result.output and "3.20106E+17" in result.output and "文本" in result.output
    assert not (tmp_path / "out").exists()


def test_id_number_in_scientific_notation_from_a_csv_is_reported(tmp_path):
    rec = example(tmp_path, "tuiyou-form")[0]
    rec["id_number"] = "3.20106E+17"
    data = tmp_path / "d.json"
    data.write_text(json.dumps([rec], ensure_ascii=False), encoding="utf-8")
    result = run("generate", "tuiyou-form", data, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "3.20106E+17" in result.output


def test_phone_number_stored_as_a_number_is_written_as_digits(tmp_path):
    data = form_workbook(tmp_path / "名单.xlsx", [form_row("320106200405150758")])
    assert run("generate", "tuiyou-form", data, "-o", tmp_path / "out").exit_code == 0
    (doc,) = (tmp_path / "out").glob("*.docx")
    cells = {c.text for t in Document(doc).tables for r in t.rows for c in r.cells}
    assert "13951234567" in cells and "320106200405150758" in cells


def test_month_formatted_excel_dates_stay_months(tmp_path):
    # Excel turns a typed "2004-05" into 2004-05-01 shown as yyyy-mm: the 出生年月 is May 2004, not the 1st
    data = form_workbook(tmp_path / "名单.xlsx",
                         [form_row("320106200405150758", dt.datetime(2004, 5, 1))],
                         {"D3": 'yyyy"年"m"月"', "F3": "yyyy-mm"})
    rec = load_records(data)[0]
    assert rec["出生日期"] == "2004-05" and rec["入团时间"] == "2019-05"
    assert rec["表决日期"] == dt.datetime(2026, 11, 20)  # a full date stays a day
    assert run("generate", "tuiyou-form", data, "-o", tmp_path / "out").exit_code == 0
    (doc,) = (tmp_path / "out").glob("*.docx")
    result = run("check", doc)
    assert "TW403" not in result.output, result.output  # 出生年月 agrees with the ID's month


def test_safe_filename_fits_the_file_system_byte_limit():
    name = safe_filename("化工" * 200 + "_王子涵.docx")
    assert name.endswith(".docx") and len(name.encode()) <= 200
    assert len(safe_filename("a" * 300)) == 150


def test_very_long_field_in_the_name_pattern_writes_every_file(tmp_path):
    recs = example(tmp_path, "tuiyou-form")
    long = dict(recs[0], branch="化工/2201:团*支部" + "很长" * 100)
    odd = dict(recs[0], branch="..", name="..\\..\\x")
    data = tmp_path / "d.json"
    data.write_text(json.dumps([recs[0], long, odd, recs[0]], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    result = run("generate", "tuiyou-form", data, "-o", out)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 4 and all(n.endswith(".docx") and len(n.encode()) <= 210 for n in names)
    assert not any(n.startswith(".") for n in names)
