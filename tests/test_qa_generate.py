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


# --- user templates ----------------------------------------------------------

def test_plain_text_in_docxtpl_r_and_p_slots_is_not_lost(tmp_path, realdocs):
    fixtures = realdocs / "fixtures_docxtpl"
    data = tmp_path / "d.json"
    data.write_text(json.dumps([{"example": "示例", "Chinese": "中文 <b>&", "simsun": "宋体"}], ensure_ascii=False),
                    encoding="utf-8")
    assert run("generate", fixtures / "richtext_eastAsia_tpl.docx", data, "-o", tmp_path / "r").exit_code == 0
    (doc,) = (tmp_path / "r").glob("*.docx")
    paras = [p.text for p in Document(doc).paragraphs]
    assert "示例" in paras and "中文 <b>&" in paras and "宋体" in paras

    data.write_text(json.dumps([{"title": "团支部通知", "company_name": "化工2201团支部", "date": "2026年11月22日",
                                 "mysubdoc": "子文档文字"}], ensure_ascii=False), encoding="utf-8")
    assert run("generate", fixtures / "header_footer_tpl_utf8.docx", data, "-o", tmp_path / "p").exit_code == 0
    (doc,) = (tmp_path / "p").glob("*.docx")
    d = Document(doc)
    assert "子文档文字" in [p.text for p in d.paragraphs]
    assert "化工2201团支部" in d.sections[0].footer.paragraphs[0].text + "".join(
        p.text for p in d.sections[0].footer.paragraphs)


def test_template_syntax_error_names_the_paragraph_in_chinese(realdocs):
    result = run("templates", realdocs / "fixtures_docxtpl" / "template_error_tpl.docx")
    assert result.exit_code == 2
    assert "正文第5段" in result.output and "I am the fifth paragraph" in result.output
    assert "多余的“endif”" in result.output


def test_unknown_filter_lists_ours(tmp_path):
    doc = Document()
    doc.add_paragraph("标题")
    doc.add_paragraph("{{ 出生|cn_datee }}")
    doc.save(tmp_path / "t.docx")
    result = run("templates", tmp_path / "t.docx")
    assert result.exit_code == 2
    assert "正文第2段" in result.output and "cn_datee" in result.output and "cn_date、" in result.output


# --- our own output passes our own inspector -----------------------------------

@pytest.mark.parametrize("name", ["summary", "notice", "bulletin", "tuiyou-form", "tuiyou-tally", "handout-log",
                                  "minutes"])
def test_example_output_has_no_findings(tmp_path, name):
    data = tmp_path / f"{name}.yaml"
    assert run("templates", name, "--example", data).exit_code == 0
    assert run("generate", name, data, "-o", tmp_path / "out").exit_code == 0
    config = tmp_path / "tuanwen.toml"  # the examples' dates lie before this fixed "today"
    config.write_text('[date]\ntoday = "2026-11-22"\n', encoding="utf-8")
    result = run("check", tmp_path / "out", "--format", "json", "--config", config)
    findings = json.loads(result.output)["findings"]
    assert findings == [], findings


@pytest.mark.parametrize("pattern", ["{标题", "标题}_{序号}", "{{标题}}"])
def test_name_pattern_with_unbalanced_braces_is_refused(tmp_path, pattern):
    data = tmp_path / "notice.yaml"
    assert run("templates", "notice", "--example", data).exit_code == 0
    result = run("generate", "notice", data, "-o", tmp_path / "out", "--name", pattern)
    assert result.exit_code == 2 and "花括号不成对" in result.output
    assert not (tmp_path / "out").exists()


def test_name_pattern_without_docx_and_with_duplicates(tmp_path):
    recs = example(tmp_path, "tuiyou-form")
    data = tmp_path / "d.json"
    data.write_text(json.dumps([recs[0], recs[0], dict(recs[0], post="")], ensure_ascii=False), encoding="utf-8")
    result = run("generate", "tuiyou-form", data, "-o", tmp_path / "out", "--name", "{姓名}_{团内职务}")
    assert result.exit_code == 0, result.output
    assert result.output and sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "王子涵_.docx", "王子涵_组织委员.docx", "王子涵_组织委员_2.docx"]


def test_a_bare_year_in_a_date_column_is_not_read_as_an_excel_serial(tmp_path):
    data = form_workbook(tmp_path / "名单.xlsx", [form_row("320106200405150758")])
    from openpyxl import load_workbook

    wb = load_workbook(data)
    wb.active["F3"] = 2019  # 入团时间 typed as a number: not the 2019th day after 1899-12-30
    wb.active["F3"].number_format = "General"
    wb.save(data)
    result = run("generate", "tuiyou-form", data, "-o", tmp_path / "out")
    assert result.exit_code == 2 and "入团时间" in result.output and "2019" in result.output
    assert "1905" not in result.output
