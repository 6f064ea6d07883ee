"""Conformance with ../shared/contract.md, driven only through the command line:
exit codes, Chinese messages, the ``check --format json`` shape and vocabularies,
``convert`` outputs, ``templates``, ``rules``, ``python cli.py`` and the progress bar.

One small round (built once per module) is checked and converted once; the tests read
those results."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from cli import main
from rounds.build_round import Person, form, tally

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = {"placeholder", "count", "arithmetic", "vote", "eligibility", "id-number", "date", "typo",
              "punctuation", "boilerplate", "duplicate", "register", "format"}
SEVERITIES = {"error", "warning", "info"}
KINDS = {"registration_form", "tally", "register_log", "summary", "notice", "bulletin", "minutes", "roster", "review",
         "points", "tuiyou_steps", "volunteer_hours", "assessment", "build_progress", "unknown"}
TEMPLATES = ["summary", "notice", "bulletin", "tuiyou-form", "tuiyou-tally", "handout-log", "minutes", "roster", "review",
             "points", "tuiyou-steps", "volunteer-hours", "assessment", "build-progress"]
CANONICAL = ["姓名", "性别", "民族", "出生日期", "身份证号", "入团时间", "团支部", "团内职务", "联系电话",
             "应到人数", "实到人数", "赞成票", "反对票", "弃权票", "表决日期"]
NAMES = ["刘一诺", "陈佳琪", "杨明轩", "黄若曦"]
COUNT_LINE = f"经团支部大会表决，最终确定{'、'.join(NAMES)}4人为推荐对象，上报学院团委，共推荐5人。"
SUMMARY = ["生物2201团支部推优工作总结",
           "根据院团委的通知要求，支部于2026年11月10日召开团支部大会，开展推优工作。",
           "一、基本情况",
           COUNT_LINE,
           "生物2201团支部",
           "2026年11月12日"]
WANG = Person("王子涵", "男", "20040515", "2019年5月", "化工2201团支部", 33, 32, 30, 1, 1)
LI = Person("李欣怡", "女", "20031108", "2018年9月", "化工2201团支部", 33, 32, 29, 2, 1)


def invoke(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def _summary_docx(path: Path, lines: list[str]) -> None:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(path)


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """``submissions/`` with good, bad, mislabelled and differently encoded files; the
    tests run from its parent so that ``file`` is the relative path as given."""
    base = tmp_path_factory.mktemp("contract")
    sub = base / "submissions"
    sub.mkdir()
    form(sub / "登记表_化工2201团支部_王子涵.docx", WANG, 0)
    form(sub / "登记表_化工2201团支部_李欣怡.docx", LI, 1)  # spaced labels, synonyms
    tally(sub / "推优汇总表.docx", [WANG, LI])
    _summary_docx(sub / "总结_生物2201团支部.docx", SUMMARY)
    (sub / "登记表_损坏.docx").write_bytes(b"PK\x03\x04 not really a zip archive")
    (sub / "空.pdf").write_bytes(b"")
    (sub / "图片.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    text = "\n".join(SUMMARY).replace("生物2201", "物理2201").replace("刘一诺", "赵𠮷祥")
    (sub / "总结_物理2201团支部.txt").write_bytes(text.encode("gb18030"))
    (sub / "总结_GBK.txt").write_bytes("\r\n".join(["数学2201团支部简要情况", COUNT_LINE]).encode("gbk"))
    (sub / "总结_BOM.txt").write_bytes("\ufeff".encode() + "\n".join(["外语2201团支部简要情况", COUNT_LINE]).encode())
    (sub / "总结_其实是文本.docx").write_bytes("\n".join(["机械2201团支部简要情况", "支部组织团员参加志愿服务。"])
                                           .encode("utf-8"))
    wb = openpyxl.Workbook()  # a workbook that says it is a Word file
    wb.active.append(["团支部", "领取份数", "领取人", "上交份数", "备注"])
    wb.active.append(["化工2201团支部", 3, "李老师", 2, None])
    wb.save(sub / "领取登记_其实是表格.docx")
    cwd = os.getcwd()
    os.chdir(base)
    try:
        check = invoke("check", "submissions", "--format", "json", "--jobs", "1")
        outs = {}
        for ext in ("xlsx", "csv", "json", "jsonl"):
            outs[ext] = invoke("convert", "submissions", "-o", f"out.{ext}", "--jobs", "1")
    finally:
        os.chdir(cwd)
    base.joinpath("check.exit").write_text(str(check.exit_code))
    base.joinpath("check.json").write_text(check.stdout, encoding="utf-8")
    for ext, result in outs.items():
        assert result.exit_code == 0, result.output
    return base


@pytest.fixture(scope="module")
def report(work) -> dict:
    return json.loads((work / "check.json").read_text("utf-8"))


def _file(report: dict, name: str) -> dict:
    return next(f for f in report["files"] if f["file"] == f"submissions/{name}")


def _findings(report: dict, name: str) -> list[dict]:
    return [x for x in report["findings"] if x["file"] == f"submissions/{name}"]


# --- check --format json ----------------------------------------------------------------------

def test_check_json_shape(work, report):
    assert (work / "check.exit").read_text() == "1"  # errors found
    assert set(report) == {"files", "findings"}
    for f in report["files"]:
        assert set(f) == ({"file", "kind", "status"} if f["status"] == "ok" else {"file", "kind", "status", "error"})
        assert f["kind"] in KINDS and f["status"] in {"ok", "error", "skipped"}
    assert report["findings"]
    for x in report["findings"]:
        assert list(x) == ["file", "rule", "category", "severity", "message", "location", "excerpt"]
        assert list(x["location"]) == ["page", "paragraph", "table", "row", "col"]
        assert x["category"] in CATEGORIES and x["severity"] in SEVERITIES
        assert re.fullmatch(r"TW\d{3}", x["rule"])
        assert all(v is None or (isinstance(v, int) and v >= 1) for v in x["location"].values())
        assert x["location"]["page"] is None  # no source here has pages
        assert re.search(r"[\u4e00-\u9fff]", x["message"])


def test_file_is_the_path_under_the_given_folder(report):
    names = {f["file"] for f in report["files"]}
    assert "submissions/登记表_化工2201团支部_王子涵.docx" in names
    assert all(n.startswith("submissions/") and "//" not in n for n in names)
    assert {x["file"] for x in report["findings"]} <= names
    assert len(names) == 12


def test_file_is_the_path_as_given(work, monkeypatch):
    monkeypatch.chdir(work)
    given = "./submissions/总结_生物2201团支部.docx"
    result = invoke("check", given, "submissions/", "--format", "json", "--select", "TW201")
    data = json.loads(result.stdout)
    files = [f["file"] for f in data["files"]]
    assert files[0] == given and len(files) == len(set(files)) == 12  # read once, under the first spelling
    assert "submissions/总结_GBK.txt" in files
    assert given in {x["file"] for x in data["findings"]}


def test_a_register_inside_a_given_folder_is_listed_once(work, monkeypatch):
    monkeypatch.chdir(work)
    for register in ("./submissions/推优汇总表.docx", str(work / "submissions" / "推优汇总表.docx")):
        data = json.loads(invoke("check", "submissions", "--register", register, "--format", "json").stdout)
        files = [f["file"] for f in data["files"]]
        assert len(files) == len(set(files)) == 12 and "submissions/推优汇总表.docx" in files, register
        assert all(x["file"] in files for x in data["findings"])


def test_kinds_recognised(report):
    assert _file(report, "登记表_化工2201团支部_王子涵.docx")["kind"] == "registration_form"
    assert _file(report, "登记表_化工2201团支部_李欣怡.docx")["kind"] == "registration_form"
    assert _file(report, "推优汇总表.docx")["kind"] == "tally"
    assert _file(report, "总结_生物2201团支部.docx")["kind"] == "summary"


def test_count_finding_as_in_the_contract(report):
    hits = [x for x in _findings(report, "总结_生物2201团支部.docx") if x["rule"] == "TW201"]
    assert hits, report["findings"]
    x = hits[0]
    assert x["category"] == "count" and x["severity"] == "error"
    assert x["location"] == {"page": None, "paragraph": 4, "table": None, "row": None, "col": None}
    assert "共推荐5人" in x["excerpt"]


def test_bad_files_reported_batch_goes_on(report):
    broken = _file(report, "登记表_损坏.docx")
    assert broken["status"] == "error" and broken["kind"] == "unknown"
    assert re.search(r"[\u4e00-\u9fff]", broken["error"])
    assert _file(report, "空.pdf")["status"] == "error"
    assert _file(report, "图片.png")["status"] == "error"  # pictures are read by OCR; this one is broken
    assert sum(f["status"] == "ok" for f in report["files"]) == 9


def test_txt_encodings(report):
    for name in ("总结_物理2201团支部.txt", "总结_GBK.txt", "总结_BOM.txt"):
        assert _file(report, name)["status"] == "ok", name
        hits = [x for x in _findings(report, name) if x["rule"] == "TW201" and "共推荐5人" in x["excerpt"]]
        assert hits, name
    # one paragraph per line; a GB18030-only character survives
    para = {x["location"]["paragraph"] for x in _findings(report, "总结_物理2201团支部.txt") if x["rule"] == "TW201"}
    assert para == {4}
    assert any("赵𠮷祥" in x["excerpt"] for x in _findings(report, "总结_物理2201团支部.txt"))
    assert {x["location"]["paragraph"] for x in _findings(report, "总结_GBK.txt") if x["rule"] == "TW201"} == {2}


def test_mislabelled_file_is_reported(report):
    assert _file(report, "总结_其实是文本.docx")["status"] == "ok"
    hits = _findings(report, "总结_其实是文本.docx")
    assert any(x["category"] == "format" and ".docx" in x["message"] and "纯文本" in x["message"] for x in hits)
    assert _file(report, "领取登记_其实是表格.docx")["status"] == "ok"
    hits = _findings(report, "领取登记_其实是表格.docx")
    assert any(x["category"] == "format" and ".docx" in x["message"] and ".xlsx" in x["message"] for x in hits)


def test_tally_total_is_a_table_finding(report):
    hits = [x for x in _findings(report, "推优汇总表.docx") if x["category"] == "arithmetic"]
    assert not hits  # the tally's 合计 row is right
    assert not [x for x in report["findings"] if x["file"].endswith("王子涵.docx") and x["severity"] == "error"]


def test_every_kind_the_toolkit_gives_is_in_the_contract():
    from toolkit.kinds import KINDS as TOOLKIT_KINDS

    assert {k.name for k in TOOLKIT_KINDS} | {"unknown"} <= KINDS


# --- check options ----------------------------------------------------------------------------

def _json(result) -> dict:
    return json.loads(result.stdout)


def test_select_and_ignore_take_codes_prefixes_and_categories(work, monkeypatch):
    monkeypatch.chdir(work)
    every = {x["rule"] for x in _json(invoke("check", "submissions", "--format", "json"))["findings"]}
    assert "TW201" in every and len(every) > 1
    for select in ("TW201", "TW2", "count"):
        rules = {x["rule"] for x in _json(invoke("check", "submissions", "--format", "json", "--select", select))["findings"]}
        assert "TW201" in rules and all(r.startswith("TW2") for r in rules), select
    rules = {x["rule"] for x in _json(invoke("check", "submissions", "--format", "json", "--ignore", "TW201"))["findings"]}
    assert rules == every - {"TW201"}


def test_exit_zero_fail_on_and_quiet(work, monkeypatch):
    monkeypatch.chdir(work)
    summary = "submissions/总结_生物2201团支部.docx"
    assert invoke("check", summary, "--exit-zero").exit_code == 0
    only_warnings = "submissions/总结_其实是文本.docx"  # a mislabelled file: TW620 is a warning
    data = _json(invoke("check", only_warnings, "--format", "json"))
    assert data["findings"] and {x["severity"] for x in data["findings"]} == {"warning"}
    assert invoke("check", only_warnings).exit_code == 0
    assert invoke("check", only_warnings, "--fail-on", "warning").exit_code == 1
    assert invoke("check", only_warnings, "--fail-on", "error").exit_code == 0
    quiet = invoke("check", summary, "--quiet")
    assert quiet.exit_code == 1 and "TW201" in quiet.output


def test_report_formats_and_annotate(work, tmp_path, monkeypatch):
    monkeypatch.chdir(work)
    summary = "submissions/总结_生物2201团支部.docx"
    text = invoke("check", summary)
    assert text.exit_code == 1 and "总结_生物2201团支部.docx" in text.output and "共推荐5人" in text.output
    assert invoke("check", summary, "--format", "xlsx", "-o", tmp_path / "r.xlsx").exit_code == 1
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx", read_only=True)
    cells = [v for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v]
    wb.close()
    assert any("TW201" == v for v in cells) and any("共推荐5人" in str(v) for v in cells)
    assert invoke("check", summary, "--format", "html", "-o", tmp_path / "r.html").exit_code == 1
    assert "TW201" in (tmp_path / "r.html").read_text("utf-8")
    before = (work / summary).read_bytes()
    assert invoke("check", summary, "--annotate", tmp_path / "批注").exit_code == 1
    [copy] = (tmp_path / "批注").rglob("*.docx")
    assert b"comments" in copy.read_bytes() and (work / summary).read_bytes() == before  # input untouched


def test_register_files_are_checked_against_the_forms(work, monkeypatch, tmp_path):
    monkeypatch.chdir(work)
    tally(tmp_path / "团委汇总表.docx", [WANG])  # the office's tally lacks 李欣怡
    forms = ["submissions/登记表_化工2201团支部_王子涵.docx", "submissions/登记表_化工2201团支部_李欣怡.docx"]
    data = _json(invoke("check", *forms, "--register", tmp_path / "团委汇总表.docx", "--format", "json"))
    hits = [x for x in data["findings"] if x["category"] == "register"]
    assert hits and all("李欣怡" in x["message"] for x in hits)
    result = invoke("check", *forms, "--roster", tmp_path / "团委汇总表.docx", "--format", "json")
    assert result.exit_code in (0, 1) and _json(result)["files"]


def test_a_zip_is_read_as_a_folder(work, tmp_path):
    import zipfile

    archive = tmp_path / "收到的材料.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(work / "submissions" / "总结_生物2201团支部.docx", "生物2201/总结.docx")
        zf.write(work / "submissions" / "登记表_化工2201团支部_王子涵.docx", "化工2201/登记表.docx")
    data = _json(invoke("check", archive, "--format", "json"))
    assert sorted(f["file"] for f in data["files"]) == [f"{archive}/化工2201/登记表.docx", f"{archive}/生物2201/总结.docx"]
    assert any(x["rule"] == "TW201" and x["file"] == f"{archive}/生物2201/总结.docx" for x in data["findings"])
    out = tmp_path / "汇总.json"
    assert invoke("convert", archive, "-o", out).exit_code == 0
    assert [r["姓名"] for r in json.loads(out.read_text("utf-8")) if r.get("类型") == "registration_form"] == ["王子涵"]


def test_nothing_could_be_done_exits_2(work, tmp_path):
    broken = work / "submissions" / "登记表_损坏.docx"
    result = invoke("convert", broken, "-o", tmp_path / "out.json")
    assert result.exit_code == 2 and "错误" in result.output
    data = json.loads((tmp_path / "out.json").read_text("utf-8"))  # still written: the file is listed
    assert [e["status"] for e in data] == ["error"]
    assert invoke("check", broken, "--exit-zero").exit_code == 2


# --- exit codes and messages ------------------------------------------------------------------

def test_exit_codes(work, tmp_path):
    clean = work / "submissions" / "登记表_化工2201团支部_王子涵.docx"
    result = invoke("check", clean, "--format", "json")
    assert result.exit_code == 0, result.output
    result = invoke("check", work / "submissions" / "登记表_损坏.docx")
    assert result.exit_code == 2 and "错误" in result.output
    out = tmp_path / "r.json"
    result = invoke("check", work / "submissions" / "总结_生物2201团支部.docx", "--format", "json", "-o", out)
    assert result.exit_code == 1
    assert json.loads(out.read_text("utf-8"))["findings"]


@pytest.mark.parametrize("args", [
    ["check"], ["check", "没有这个文件.docx"], ["check", ".", "--format", "yaml"], ["nosuch"],
    ["generate", "summary"], ["convert", ".", "--jobs", "x"], ["check", ".", "--formt", "json"],
    ["templates", "不存在的模板"], ["convert", ".", "-o", "out.txt"], ["rules", "多余"],
])
def test_usage_errors_exit_2_in_chinese(args):
    result = invoke(*args)
    assert result.exit_code == 2, result.output
    assert result.output.startswith("错误：") and re.search(r"[\u4e00-\u9fff]", result.output.splitlines()[0][3:])
    assert "Error:" not in result.output and "Usage:" not in result.output and "Traceback" not in result.output


# --- convert ----------------------------------------------------------------------------------

def _check_records(records: list[dict]) -> None:
    forms = {r["姓名"]: r for r in records if r["类型"] == "registration_form"}
    assert set(forms) == {"王子涵", "李欣怡"}
    for r in forms.values():
        assert r["文件"].startswith("submissions/登记表_化工2201团支部_")
        assert set(CANONICAL) <= set(r) | {"联系电话"}
        assert re.fullmatch(r"\d{4}-\d{2}", r["出生日期"]) and re.fullmatch(r"\d{4}-\d{2}", r["入团时间"])
        assert r["表决日期"] == "2026-11-10"
        for key in ("应到人数", "实到人数", "赞成票", "反对票", "弃权票"):
            assert type(r[key]) is int, key
    assert forms["王子涵"]["出生日期"] == "2004-05" and forms["王子涵"]["入团时间"] == "2019-05"
    assert forms["李欣怡"]["身份证号"] == LI.id_number and forms["李欣怡"]["赞成票"] == 29
    rows = [r for r in records if r["类型"] == "tally"]
    assert [r["姓名"] for r in rows] == ["王子涵", "李欣怡"] and rows[0]["文件"] == "submissions/推优汇总表.docx"


def test_convert_json(work):
    data = json.loads((work / "out.json").read_text("utf-8"))
    assert isinstance(data, list)  # the same entries as .jsonl, as one array
    errors = {e["文件"] for e in data if e.get("status") == "error"}
    assert errors == {"submissions/登记表_损坏.docx", "submissions/空.pdf", "submissions/图片.png"}  # a broken picture
    _check_records([e for e in data if "status" not in e])


def test_convert_jsonl(work):
    lines = [json.loads(line) for line in (work / "out.jsonl").read_text("utf-8").splitlines()]
    errors = {r["文件"] for r in lines if r.get("status") == "error"}
    assert errors == {"submissions/登记表_损坏.docx", "submissions/空.pdf", "submissions/图片.png"}  # a broken picture
    _check_records([r for r in lines if "status" not in r])


def test_convert_csv(work):
    with open(work / "out.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:2] == ["文件", "类型"] and set(CANONICAL) <= set(rows[0])
    forms = [r for r in rows if r["类型"] == "registration_form"]
    assert {r["出生日期"] for r in forms} == {"2004-05", "2003-11"} and {r["应到人数"] for r in forms} == {"33"}
    assert any(r["文件"] == "submissions/登记表_损坏.docx" for r in rows)  # unreadable, not dropped


def test_convert_xlsx(work):
    wb = openpyxl.load_workbook(work / "out.xlsx", read_only=True)
    assert len(wb.sheetnames) == 2
    records = list(wb.worksheets[0].iter_rows(values_only=True))
    header = list(records[0])
    assert header[:2] == ["文件", "类型"] and set(CANONICAL) <= set(header)
    rows = [dict(zip(header, r)) for r in records[1:]]
    _check_records([{k: v for k, v in r.items() if v is not None} for r in rows])
    second = [list(r) for r in wb.worksheets[1].iter_rows(values_only=True)]
    broken = [r for r in second if "submissions/登记表_损坏.docx" in r]
    assert broken and "error" in broken[0]
    wb.close()


# --- templates, generate, rules ----------------------------------------------------------------

def test_templates_list_and_fields():
    result = invoke("templates")
    assert result.exit_code == 0
    for name in TEMPLATES:
        assert re.search(rf"^\s*{re.escape(name)}\s", result.output, re.M), name
    result = invoke("templates", "tuiyou-form")
    assert result.exit_code == 0
    for word in ("姓名", "必填", "王子涵"):
        assert word in result.output


def test_templates_sheet_and_example_render(tmp_path):
    sheet = tmp_path / "录入表.xlsx"
    assert invoke("templates", "tuiyou-form", "--sheet", sheet).exit_code == 0
    ws = openpyxl.load_workbook(sheet).worksheets[0]
    header = [c.value for c in ws[1]]
    assert "姓名" in header and all(re.search(r"[\u4e00-\u9fff]", h) for h in header if h)
    assert ws.max_row >= 2 and any(c.value for c in ws[2])  # an example row
    for ext in ("yaml", "json", "xlsx"):
        example = tmp_path / f"例.{ext}"
        assert invoke("templates", "tuiyou-form", "--example", example).exit_code == 0
        if ext == "yaml":
            assert yaml.safe_load(example.read_text("utf-8"))
        out = tmp_path / f"out_{ext}"
        result = invoke("generate", "tuiyou-form", example, "-o", out, "--name", "{团支部}_{姓名}.docx")
        assert result.exit_code == 0, result.output
        [made] = out.glob("*.docx")
        assert made.name == "化工2201团支部_王子涵.docx"
    result = invoke("generate", "tuiyou-form", tmp_path / "例.yaml", "-o", tmp_path / "草稿", "--draft")
    assert result.exit_code == 0, result.output


def test_generate_from_docx_path(tmp_path):
    tpl = ROOT / "templates" / "summary.docx"
    example = tmp_path / "总结.yaml"
    assert invoke("templates", "summary", "--example", example).exit_code == 0
    result = invoke("generate", tpl, example, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "out").glob("*.docx"))


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_template_lists_fields_and_its_example_renders(name, tmp_path):
    assert (ROOT / "templates" / f"{name}.docx").is_file() and (ROOT / "templates" / f"{name}.yaml").is_file()
    shown = invoke("templates", name)
    assert shown.exit_code == 0 and "必填" in shown.output
    example = tmp_path / "例.json"
    assert invoke("templates", name, "--example", example).exit_code == 0
    result = invoke("generate", name, example, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "out").glob("*.docx"))
    assert invoke("templates", name, "--sheet", tmp_path / "录入.xlsx").exit_code == 0


def test_generate_reads_csv_data(tmp_path):
    data = tmp_path / "登记表.csv"
    sheet = tmp_path / "录入.xlsx"
    assert invoke("templates", "tuiyou-form", "--sheet", sheet).exit_code == 0
    rows = list(openpyxl.load_workbook(sheet).worksheets[0].iter_rows(values_only=True))
    with open(data, "w", encoding="gbk", newline="") as fh:  # as Excel on Chinese Windows saves it
        csv.writer(fh).writerows([rows[0], [str(v or "").removeprefix("例：") for v in rows[1]]])  # the example, filled in
    result = invoke("generate", "tuiyou-form", data, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "out").glob("*.docx"))) == 1


def test_rules_listing():
    result = invoke("rules")
    assert result.exit_code == 0
    rows = [line.split(None, 3) for line in result.output.splitlines() if re.match(r"TW\d{3}\s", line)]
    assert len(rows) > 30
    for code, category, severity, description in rows:
        assert category in CATEGORIES and severity in SEVERITIES, (code, category, severity)
        assert re.search(r"[\u4e00-\u9fff]", description)
    for code, *_ in rows:  # with a code: that rule explained in Chinese
        one = invoke("rules", code)
        assert one.exit_code == 0 and code in one.output and len(re.findall(r"[\u4e00-\u9fff]", one.output)) > 20, code


# --- python cli.py and the progress bar ------------------------------------------------------

def _run(args: list[str], cwd: Path, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, **kw)


def test_python_cli_py_from_the_repository_root():
    result = subprocess.run([sys.executable, "cli.py", "templates"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "tuiyou-form" in result.stdout


def test_progress_bar_only_on_a_terminal(work):
    piped = _run(["check", "submissions", "--jobs", "1", "--select", "TW201"], work)
    assert piped.returncode == 1
    assert "%" not in piped.stderr and "\r" not in piped.stderr

    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", "submissions", "--jobs", "1",
                               "--select", "TW201"], cwd=work, stdout=follower, stderr=follower, timeout=120)
        os.close(follower)
        follower = -1
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO once the terminal is drained
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        if follower >= 0:
            os.close(follower)
        os.close(leader)
    seen = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 1
    assert "100%" in seen


# --- PDF: findings carry the page -------------------------------------------------------------

@pytest.mark.soffice
def test_pdf_findings_carry_the_page(tmp_path):
    from toolkit.office import soffice_convert

    d = docx.Document()
    d.add_paragraph("化工2201团支部推优工作总结")
    d.add_paragraph("支部于2026年11月10日召开团支部大会，开展推优工作。")
    d.add_page_break()
    d.add_paragraph(COUNT_LINE)
    d.add_paragraph("化工2201团支部")
    d.add_paragraph("2026年11月12日")
    source = tmp_path / "src" / "总结.docx"
    source.parent.mkdir()
    d.save(source)
    pdf_dir = tmp_path / "pdf"
    soffice_convert([source], pdf_dir)
    [pdf] = pdf_dir.glob("*.pdf")
    result = invoke("check", pdf, "--format", "json", "--select", "TW201")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["files"][0]["file"] == str(pdf)
    assert data["findings"] and all(x["location"]["page"] == 2 for x in data["findings"])
    assert all(x["location"]["paragraph"] for x in data["findings"])
    renamed = tmp_path / "总结_改名.docx"  # a PDF named .docx: reported, and with a page too
    renamed.write_bytes(pdf.read_bytes())
    data = json.loads(invoke("check", renamed, "--format", "json", "--select", "TW201,TW620").stdout)
    assert {x["rule"] for x in data["findings"]} == {"TW201", "TW620"}
    assert all(x["location"]["page"] for x in data["findings"])
