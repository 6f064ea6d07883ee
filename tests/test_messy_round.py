"""A messy inbox (tests/rounds/messy.py), given as a folder twice and once more by a subfolder: every file
is listed exactly once in every output, with a Chinese reason when it is not read; mislabelled files are
read as what they are and reported; forms and tally rows convert column by column; no false error;
no input is modified."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re

import openpyxl
import pytest
from click.testing import CliRunner

from cli import main
from rounds.messy import PEOPLE, build

GIVEN = [".", "./", "护理部"]  # the folder twice, then a folder inside it
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _fingerprint(folder) -> dict[str, str]:
    return {os.path.relpath(os.path.join(r, f), folder): hashlib.sha256(open(os.path.join(r, f), "rb").read()).hexdigest()
            for r, _, fs in os.walk(folder) for f in fs}


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("messy") / "收到的材料"
    folder.mkdir()
    m = build(folder)
    before = _fingerprint(folder)
    out = tmp_path_factory.mktemp("out")
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        runs = {"check": CliRunner().invoke(main, ["check", *GIVEN, "--format", "json", "-o", str(out / "r.json"),
                                                   "--jobs", "1"])}
        for ext in ("json", "xlsx", "csv"):
            runs[ext] = CliRunner().invoke(main, ["convert", *GIVEN, "-o", str(out / f"汇总.{ext}"), "--jobs", "1"])
    finally:
        os.chdir(cwd)
    assert runs["check"].exit_code == 0, runs["check"].output  # nothing certainly wrong in this round
    for ext in ("json", "xlsx", "csv"):
        assert runs[ext].exit_code == 0, runs[ext].output
    assert _fingerprint(folder) == before
    return m, out


def _rel(path: str) -> str:
    return os.path.normpath(path)


def test_check_lists_every_file_once_with_a_reason(messy):
    m, out = messy
    files = json.loads((out / "r.json").read_text("utf-8"))["files"]
    names = [_rel(f["file"]) for f in files]
    assert sorted(names) == sorted(m.files) and len(names) == len(set(names))
    for f in files:
        expect = m.files[_rel(f["file"])]
        assert f["status"] == expect.status, f
        if expect.status != "ok":
            assert _CJK.search(f["error"]) and expect.says in f["error"], f


def test_mislabelled_files_are_read_and_reported_only_they(messy):
    m, out = messy
    findings = json.loads((out / "r.json").read_text("utf-8"))["findings"]
    loud = {(_rel(x["file"]), x["rule"]) for x in findings if x["severity"] != "info"}
    assert loud == {(rel, "TW620") for rel, e in m.files.items() if e.mislabelled}
    for x in findings:
        if x["rule"] == "TW620":
            assert m.files[_rel(x["file"])].says in x["message"]
    photo = next(f for f in json.loads((out / "r.json").read_text("utf-8"))["files"] if f["file"].endswith("扫描件.pdf"))
    assert photo["error"].startswith("文件扩展名为 .pdf，但内容是图片")


def _records(out) -> list[dict]:
    return json.loads((out / "汇总.json").read_text("utf-8"))


def test_convert_json_accounts_for_every_file_once(messy):
    m, out = messy
    entries = _records(out)
    status = [e for e in entries if "status" in e]
    records = [e for e in entries if "status" not in e]
    assert {_rel(e["文件"]) for e in entries} == set(m.files)
    for rel, expect in m.files.items():
        mine = [e for e in status if _rel(e["文件"]) == rel]
        if expect.status != "ok":
            assert [e["status"] for e in mine] == [expect.status] and expect.says in mine[0]["error"], rel
            assert not [e for e in records if _rel(e["文件"]) == rel]
        else:
            assert len(mine) <= 1 and [e for e in records if _rel(e["文件"]) == rel], rel


def test_forms_convert_column_by_column(messy):
    m, out = messy
    forms = {_rel(e["文件"]): e for e in _records(out) if e.get("类型") == "registration_form" and "status" not in e}
    expected = {rel: e.person for rel, e in m.files.items() if e.person}
    assert set(forms) == set(expected)
    for rel, p in expected.items():
        r = forms[rel]
        assert r["姓名"] == p.name.replace(" ", "") and r["团支部"] == p.branch and r["身份证号"] == p.id_number, rel
        assert r["出生日期"] == f"{p.birth[:4]}-{p.birth[4:6]}" and r["性别"] == p.gender, rel
        assert [r[k] for k in ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")] == [
            p.total, p.present, p.yes, p.no, p.abstain], rel


def test_every_tally_spelling_gives_the_same_rows(messy):
    m, out = messy
    tallies = [rel for rel in m.files if "汇总表" in rel]
    rows = [e for e in _records(out) if e.get("类型") == "tally" and "status" not in e]
    for rel in tallies:
        mine = [r for r in rows if _rel(r["文件"]) == rel]
        assert [(r["姓名"], r["团支部"], r["赞成票"], r["弃权票"]) for r in mine] == [
            (p.name.replace(" ", ""), p.branch, p.yes, p.abstain) for p in PEOPLE], rel


def test_xlsx_and_csv_list_every_unread_file_once(messy):
    m, out = messy
    wb = openpyxl.load_workbook(out / "汇总.xlsx", read_only=True)
    state = list(wb.worksheets[1].iter_rows(values_only=True))
    wb.close()
    header, rows = state[0], state[1:]
    listed = [_rel(r[header.index("文件")]) for r in rows]
    assert sorted(listed) == sorted(m.files)  # the status sheet names each file once
    code = header.index("状态代码")
    assert {_rel(r[0]): r[code] for r in rows} == {rel: e.status for rel, e in m.files.items()}
    with open(out / "汇总.csv", encoding="utf-8-sig", newline="") as fh:
        lines = list(csv.DictReader(fh))
    unread = [r for r in lines if r["状态代码"] in ("error", "skipped")]
    assert sorted(_rel(r["文件"]) for r in unread) == sorted(rel for rel, e in m.files.items() if e.status != "ok")
