"""``tuanwen convert`` on a small real round: forms, a tally, a broken and an
empty file, plain text; every output format; every file accounted for."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as Docx

from cli import main
from test_extract_layouts import EXPECTED, label_lines, six_column


def tally(path: Path) -> Path:
    d = Docx()
    d.add_heading("化工学院推优汇总表", level=1)
    rows = [["序号", "团支部", "姓名", "表决情况", "", "", "", "", "备注"],
            ["", "", "", "应到", "实到", "赞成", "反对", "弃权", ""],
            ["1", "化工2201团支部", "张三", "32", "30", "27", "2", "1", ""],
            ["2", "化工2202团支部", "李四", "28", "28", "二十", "5", "3", ""],
            ["合计", "", "", "60", "58", "47", "7", "4", ""]]
    t = d.add_table(rows=len(rows), cols=9)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).text = text
    for c in (0, 1, 2, 8):
        t.cell(0, c).merge(t.cell(1, c))
    t.cell(0, 3).merge(t.cell(0, 7))
    d.save(path)
    return path


@pytest.fixture
def round_dir(tmp_path) -> Path:
    folder = tmp_path / "提交"
    (folder / "子目录").mkdir(parents=True)
    six_column(folder / "登记表_张三.docx")
    label_lines(folder / "子目录" / "登记表_张三_无表格.docx")
    tally(folder / "汇总表.docx")
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 this is not a zip")
    (folder / "空白.pdf").write_bytes(b"")
    (folder / "总结.txt").write_bytes("化工2201团支部工作总结\n一、基本情况\n二、主要做法\n".encode("gbk"))
    return folder


def run(*args: str):
    return CliRunner().invoke(main, ["convert", *args], catch_exceptions=False)


def test_json_lists_every_file_and_record(round_dir, tmp_path):
    out = tmp_path / "out.json"
    result = run(str(round_dir), "-o", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert {Path(e["文件"]).name for e in data} == {"登记表_张三.docx", "登记表_张三_无表格.docx", "汇总表.docx", "损坏.docx",
                                                    "空白.pdf", "总结.txt"}  # every input file accounted for
    status = {Path(e["文件"]).name: e for e in data if "status" in e}
    assert status["损坏.docx"]["status"] == "error" and status["损坏.docx"]["error"]
    assert status["空白.pdf"]["status"] in ("error", "skipped")
    assert status["总结.txt"] == {"文件": status["总结.txt"]["文件"], "类型": "summary", "status": "ok"}
    records = [e for e in data if "status" not in e]
    forms = [r for r in records if r["类型"] == "registration_form"]
    assert len(forms) == 2
    for rec in forms:
        assert {k: rec[k] for k in EXPECTED} == EXPECTED
    rows = [r for r in records if r["类型"] == "tally"]
    assert [(r["姓名"], r["赞成票"]) for r in rows] == [("张三", 27), ("李四", 20)]
    assert "共 6 个文件，提取 4 条记录，2 个文件无法读取" in result.output


def test_xlsx_has_records_and_file_status_sheets(round_dir, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "汇总.xlsx"
    assert run(str(round_dir), "-o", str(out), "--jobs", "1").exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["记录", "文件状态"]
    rows = list(wb["记录"].values)
    assert rows[0][:18] == ("文件", "类型", "类型名称", *EXPECTED)
    assert len(rows) == 5
    assert {r[1:3] for r in rows[1:]} == {("registration_form", "推优登记表"), ("tally", "推优汇总表")}
    assert wb["记录"].auto_filter.ref
    status = list(wb["文件状态"].values)
    assert status[0] == ("文件", "类型名称", "状态", "记录数", "说明", "类型", "状态代码")
    assert len(status) == 7
    assert {r[2] for r in status[1:]} >= {"已读取", "无法读取"}
    assert all(re.fullmatch("[\u4e00-\u9fff]+", v) for r in status[1:] for v in r[1:3])  # people read Chinese
    assert {(r[2], r[6]) for r in status[1:]} <= {("已读取", "ok"), ("无法读取", "error"), ("已跳过", "skipped")}


def test_xlsx_from_the_writer_process_is_the_same(round_dir, tmp_path):
    """With several jobs the .xlsx is written by a process of its own."""
    from openpyxl import load_workbook

    one, two = tmp_path / "一.xlsx", tmp_path / "二.xlsx"
    assert run(str(round_dir), "-o", str(one), "--jobs", "1").exit_code == 0
    assert run(str(round_dir), "-o", str(two), "--jobs", "2").exit_code == 0
    a, b = load_workbook(one), load_workbook(two)
    assert a.sheetnames == b.sheetnames
    for name in a.sheetnames:
        assert list(a[name].values) == list(b[name].values)
        assert a[name].freeze_panes == b[name].freeze_panes == "A2"
    blocked = tmp_path / "文件"
    blocked.write_text("")
    failed = run(str(round_dir), "-o", str(blocked / "汇总.xlsx"), "--jobs", "2")
    assert failed.exit_code == 2  # the writer's error reaches the command, in Chinese
    assert "无法读写文件" in failed.output and "Traceback" not in failed.output


def test_csv_has_bom_and_unreadable_rows(round_dir, tmp_path):
    out = tmp_path / "out.csv"
    assert run(str(round_dir), "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert sum(r["状态"] == "已读取" for r in rows) == 5  # 4 records, and the summary that gave none
    assert any(r["文件"].endswith("损坏.docx") and r["状态"] == "无法读取" and r["状态代码"] == "error" for r in rows)
    assert {(r["类型"], r["类型名称"]) for r in rows if r["文件"].endswith("总结.txt")} == {("summary", "工作总结")}
    assert len({r["文件"] for r in rows}) == 6  # every input file, records or not
    assert {r["身份证号"] for r in rows if r["类型"] == "registration_form"} == {"11010120040506109X"}


def test_jsonl_one_record_per_line(round_dir, tmp_path):
    out = tmp_path / "out.jsonl"
    assert run(str(round_dir), "-o", str(out)).exit_code == 0
    lines = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert sum("status" not in line for line in lines) == 4
    assert sum(line.get("status") in ("error", "skipped") for line in lines) == 2


def test_text_dir_writes_markdown(round_dir, tmp_path):
    text_dir = tmp_path / "文字"
    assert run(str(round_dir / "汇总表.docx"), str(round_dir / "总结.txt"), "--text", str(text_dir)).exit_code == 0
    md = (text_dir / "汇总表.md").read_text("utf-8")
    assert md.startswith("# 化工学院推优汇总表")
    assert "| 1 | 化工2201团支部 | 张三 |" in md
    assert (text_dir / "总结.md").read_text("utf-8").startswith("化工2201团支部工作总结")


def test_unknown_output_format_is_a_usage_error(round_dir, tmp_path):
    result = CliRunner().invoke(main, ["convert", str(round_dir), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert "不支持的输出格式" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_realdocs_convert_lists_every_file(realdocs, tmp_path):
    from toolkit.read import collect

    out = tmp_path / "real.json"
    result = run(str(realdocs), "-o", str(out), "--jobs", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text("utf-8"))
    assert {e["文件"] for e in data} == set(collect([str(realdocs)]))  # every file accounted for
    assert all(e["status"] == "ok" or e.get("error") for e in data if "status" in e)
