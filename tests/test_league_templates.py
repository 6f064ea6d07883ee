"""The League sheet templates (points, assessment, build-progress): the example and the
filled --sheet workbook render through ``generate``; what they render is read back as its
kind with the computed figures, and the inspector finds nothing wrong in it."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli import main
from rounds.helpers import CONFIG, check
from toolkit.extract import extract
from toolkit.read import read
from toolkit.render.prepare import prepare_context
from toolkit.render.schema import load_schema

KINDS = {"points": "points", "assessment": "assessment", "build-progress": "build_progress"}


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", KINDS)
@pytest.mark.parametrize("data", ["example.yaml", "example.xlsx"])
def test_generated_sheet_reads_back_clean(tmp_path, name, data):
    src = tmp_path / data
    _run("templates", name, "--example", str(src))
    _run("generate", name, str(src), "-o", str(tmp_path / "out"))
    [doc] = list((tmp_path / "out").glob("*.docx"))
    ex = extract(read(str(doc)))
    assert ex.kind == KINDS[name]
    assert ex.records
    assert not [f for f in check([doc], "TW,") if f.severity == "error"]


@pytest.mark.parametrize("name", KINDS)
def test_sheet_and_schema_in_chinese(tmp_path, name):
    from openpyxl import load_workbook

    _run("templates", name, "--sheet", str(tmp_path / "s.xlsx"))
    headers = {c.value for ws in load_workbook(tmp_path / "s.xlsx") for row in ws.iter_rows(max_row=3) for c in row}
    assert {f.label for f in load_schema(name).fields} & headers
    assert "类型" in _run("templates", name) or "必填" in _run("templates", name)


def test_points_context_grades_ranks_and_the_negative_list():
    schema = load_schema("points")
    ctx = prepare_context("points", schema, schema.example_record())
    rows = {r["name"]: r for r in ctx["members"]}
    assert rows["王子涵"]["total"] == "96" and rows["王子涵"]["grade"] == "优秀" and rows["王子涵"]["rank"] == 1
    assert rows["孙若溪"]["grade"] == "合格"
    top = {"name": "甲", "q1": 25, "q2": 25, "q3": 25, "q4": 24, "negative": "受到团内警告处分"}
    ctx = prepare_context("points", schema, {"members": [top]})
    assert ctx["members"][0]["grade"] == "良好"  # 99 points, but the 负面清单 rules out 优秀


def test_assessment_context_totals_and_grade():
    schema = load_schema("assessment")
    ctx = prepare_context("assessment", schema, schema.example_record())
    assert ctx["total"]["max_score"] == "100" and ctx["score"] == "90" and ctx["grade"] == "优秀"
    low = {"items": [{"max_score": 100, "self_score": 55, "check_score": ""}]}
    ctx = prepare_context("assessment", schema, low)
    assert ctx["score"] == "55" and ctx["grade"] == "不合格"


def test_build_progress_context_is_the_weekly_report():
    schema = load_schema("build-progress")
    ctx = prepare_context("build-progress", schema, schema.example_record())
    assert ctx["report"].startswith("本周新建1个，累计建成4个，完成目标任务的20%，距目标还差16个，进度正常")
    assert ctx["checkpoints_text"].startswith("2026年10月30日前完成50%（10个）")


def test_decimal_scores_are_accepted_and_kept(tmp_path):
    import yaml

    data = tmp_path / "d.yaml"
    rec = load_schema("points").example_record()
    rec["members"] = [{"name": "甲", "q1": 22.5, "q2": "23分", "q3": 21, "q4": 20.5}]
    data.write_text(yaml.safe_dump(rec, allow_unicode=True), encoding="utf-8")
    _run("generate", "points", str(data), "-o", str(tmp_path / "out"))
    [doc] = list((tmp_path / "out").glob("*.docx"))
    member = next(r for r in extract(read(str(doc))).records if r.kind == "points_member")
    assert member.values["第一季度"] == 22.5 and member.values["年度积分"] == 87
    bad = tmp_path / "bad.yaml"
    rec["members"][0]["q1"] = "优"
    bad.write_text(yaml.safe_dump(rec, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", "points", str(bad), "-o", str(tmp_path / "out2")])
    assert result.exit_code == 2 and "应为数字" in result.output


@pytest.mark.soffice
def test_pdf_exports_read_back_clean(tmp_path):
    """Each sheet generated, exported to PDF by LibreOffice in one run, read back as its kind with
    its rows, and checked clean."""
    for name in KINDS:
        _run("templates", name, "--example", str(tmp_path / f"{name}.yaml"))
        _run("generate", name, str(tmp_path / f"{name}.yaml"), "-o", str(tmp_path / "out"), "--pdf")
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(pdfs) == 3
    for pdf in pdfs:
        ex = extract(read(str(pdf)))
        docx_ex = extract(read(str(pdf.with_suffix(".docx"))))
        assert ex.kind == docx_ex.kind
        assert [r.values for r in ex.records if r.kind != "progress_stated"] == \
            [r.values for r in docx_ex.records if r.kind != "progress_stated"]
    assert not [f for f in check(pdfs, "TW,") if f.severity == "error"]
