"""What the outputs of check and convert must never do: leak a personal number in any written form,
hand Excel a formula from a submission, or crash on a file name that is not UTF-8."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import zipfile

import docx
import openpyxl
import pytest
from hypothesis import given, strategies as st

from toolkit.check.engine import CheckResult, FileStatus, Finding
from toolkit.cn.pii import mask_pii
from toolkit.app.convert import write_csv, write_json, write_jsonl, write_xlsx
from toolkit.model import Location
from toolkit.report import annotate, render

# Every common written form of one ID (18 and 15 digits) and one mobile number, and a landline.
ID = "320106200405061090"
ID15 = "320106850506123"
IDS = [ID, f"ID{ID}", "320106 20040506 1090", "3201 0620 0405 0610 90", "320106-2004-0506-1090", ID15]
PHONES = ["13951234567", "139-5123-4567", "139 5123 4567", "+86 139 5123 4567", "+8613951234567"]
LANDLINES = ["025-83591234", "(0512) 6512 3456", "（010）12345678"]
FORMS = IDS + PHONES + LANDLINES
FULL = [re.sub(r"\D", "", x) for x in (ID, ID15, "13951234567", "83591234", "65123456", "12345678")]


def _leaks(text: str) -> list[str]:
    digits = re.sub(r"\D", "", text)
    return [n for n in FULL if n in digits or n in text]


@pytest.mark.parametrize("written", FORMS)
def test_every_written_form_is_masked(written):
    masked = mask_pii(f"联系方式：{written}。")
    assert "*" in masked and not _leaks(masked), masked


@pytest.mark.parametrize("text", ["2024-05-06", "共推荐5人，应到32人，实到30人", "团发〔2024〕12号",
                                  "第12345678号文件", "13812345678901", "0.25", "2024年5月6日 08:30"])
def test_other_numbers_are_left_alone(text):
    assert mask_pii(text) == text


@given(st.from_regex(r"[1-8]\d{5}(19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d)\d{3}[\dX]", fullmatch=True),
       st.sampled_from(["", " ", "ID", "号码:", "x"]), st.sampled_from(["", "。", " ", "abc"]))
def test_an_id_in_any_surroundings_is_masked(number, before, after):
    assert number not in mask_pii(before + number + after)


def _result(path: str) -> CheckResult:
    text = "；".join(FORMS)
    return CheckResult([FileStatus(path, "registration_form")],
                       [Finding(path, "TW401", "id-number", "error", f"号码有误：{text}", Location(paragraph=1), text)])


def _xlsx_text(data: bytes) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)


@pytest.mark.parametrize("fmt", ["text", "json", "xlsx", "html"])
def test_no_full_number_in_any_report_format(fmt):
    out = render(_result(f"in/登记表_{ID}.docx"), fmt)
    text = _xlsx_text(out) if fmt == "xlsx" else out
    assert not _leaks(text) and "****" in text
    shown = render(_result("in/a.docx"), fmt, show_pii=True)
    assert ID in (_xlsx_text(shown) if fmt == "xlsx" else shown)  # --show-pii shows them


def test_no_full_number_in_annotations(tmp_path):
    path = tmp_path / "登记表.docx"
    d = docx.Document()
    d.add_paragraph("推优登记表 " + "；".join(FORMS))
    d.save(path)
    (copy,) = annotate(_result(str(path)), tmp_path / "批注", echo=False)
    with zipfile.ZipFile(copy) as z:
        comments = z.read("word/comments.xml").decode()
    assert not _leaks(comments) and "****" in comments


# Formula injection: one hostile value in each place a submission reaches a spreadsheet.
HOSTILE = ['=HYPERLINK("http://example.invalid","点我查看")', "=cmd|'/C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
           "\t=1+1", "\r=1+1"]


def _convert_results() -> list[dict]:
    records = [{"文件": "=1+1.txt", "类型": "registration_form", "姓名": h, "团支部": "=cmd|'/C calc'!A0",
                "赞成票": -3, "备注": "-12.5"} for h in HOSTILE]
    return [{"file": "=1+1.txt", "kind": "registration_form", "status": "ok", "error": None, "records": records},
            {"file": "in/@坏.docx", "kind": "unknown", "status": "error", "error": "=1+2", "records": []}]


def _no_formulas(wb) -> None:
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)


def test_convert_xlsx_writes_hostile_values_as_text(tmp_path):
    write_xlsx(tmp_path / "out.xlsx", _convert_results())
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    _no_formulas(wb)
    values = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert HOSTILE[0] in values and "=1+1.txt" in values and "in/@坏.docx" in values
    assert -3 in values  # a real negative number stays a number


def test_check_xlsx_report_writes_hostile_values_as_text():
    path = "in/=1+1.docx"
    result = CheckResult([FileStatus(path, "registration_form"), FileStatus("in/@x.docx", "unknown", "error", "-坏")],
                         [Finding(path, "TW101", "placeholder", "error", h, Location(paragraph=1), h) for h in HOSTILE])
    wb = openpyxl.load_workbook(io.BytesIO(render(result, "xlsx")))
    _no_formulas(wb)
    assert {ws.title for ws in wb.worksheets} >= {"问题清单", "汇总", "文件"}
    assert path in [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def test_convert_csv_follows_csv_injection_guidance(tmp_path):
    write_csv(tmp_path / "out.csv", _convert_results())
    rows = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text("utf-8-sig"))))
    cells = [c for row in rows[1:] for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c.startswith("-") and c not in ("-3", "-12.5"))]
    assert "'" + HOSTILE[0] in cells and "'=1+1.txt" in cells and "-3" in cells and "-12.5" in cells


@pytest.mark.parametrize("writer", [write_json, write_jsonl])
def test_convert_json_keeps_values_as_they_are(tmp_path, writer):
    # JSON is data, not a spreadsheet: nothing to neutralise, nothing altered.
    writer(tmp_path / "out", _convert_results())
    assert HOSTILE[1] in (tmp_path / "out").read_text("utf-8").replace('\\"', '"')


def test_names_that_are_not_utf8_in_every_report(tmp_path):
    path = os.fsdecode(b"in/" + "登记表_张三.docx".encode("gbk"))
    odd = os.fsdecode(b"in/\xff\xfe.docx")
    result = CheckResult([FileStatus(path, "registration_form"), FileStatus(odd, "unknown", "error", "坏")],
                         [Finding(path, "TW101", "placeholder", "error", "占位符", Location(paragraph=1), "某某")])
    for fmt in ("text", "json", "html"):
        out = render(result, fmt)
        out.encode("utf-8")
        assert "登记表_张三.docx" in out and "%FF%FE.docx" in out
    assert "in/登记表_张三.docx" in _xlsx_text(render(result, "xlsx"))
    json.loads(render(result, "json"))
