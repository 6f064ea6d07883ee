"""The generator end to end: CLI `generate` / `templates` on real .docx/.csv/.xlsx files."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from cli import main
from toolkit.render.schema import builtin_names

SCHEMA = {
    "name": "mini-form",
    "title": "推优登记表",
    "description": "测试用的小模板",
    "filename": "{branch}_{name}_登记表.docx",
    "fields": [
        {"name": "name", "label": "姓名", "type": "text", "required": True, "example": "王子涵"},
        {"name": "branch", "label": "团支部", "type": "text", "required": True, "example": "化工2201团支部"},
        {"name": "birth", "label": "出生年月", "type": "date", "required": True, "example": "2004-05"},
        {"name": "expected", "label": "应到人数", "type": "int", "required": True, "example": 32},
        {"name": "awards", "label": "获奖情况", "type": "list", "example": ["国家奖学金", "优秀团员"]},
        {"name": "idno", "label": "身份证号", "type": "text", "example": "11010520040501008X"},
    ],
}


def make_template(folder: Path, with_schema: bool = True) -> Path:
    doc = Document()
    doc.add_paragraph("推优登记表")
    doc.add_paragraph("姓名：{{ name }}　团支部：{{ branch }}")
    doc.add_paragraph("出生年月：{{ birth }}　应到：{{ expected }}人")
    doc.add_paragraph("{% for a in awards %}{{ a }}；{% endfor %}")
    path = folder / "mini-form.docx"
    doc.save(path)
    if with_schema:
        (folder / "mini-form.yaml").write_text(yaml.safe_dump(SCHEMA, allow_unicode=True), encoding="utf-8")
    return path


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def texts(path: Path) -> str:
    return "\n".join(p.text for p in Document(path).paragraphs)


@pytest.fixture
def tpl(tmp_path: Path) -> Path:
    folder = tmp_path / "tpl"
    folder.mkdir()
    return make_template(folder)


def test_yaml_records_render_with_default_names(tpl, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text(yaml.safe_dump({"records": [
        {"姓名": "王子涵", "团支部": "化工2201团支部", "出生年月": "2004年5月", "应到人数": "三十二", "获奖情况": "甲、乙"},
        {"name": "李四", "branch": "生物2201团支部", "birth": "2003.11", "expected": "30人"},
    ]}, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    res = run("generate", tpl, data, "-o", out)
    assert res.exit_code == 0, res.output
    assert "已生成 2 份" in res.output
    first = out / "化工2201团支部_王子涵_登记表.docx"
    body = texts(first)
    assert "姓名：王子涵" in body and "2004-05" in body and "应到：32人" in body and "甲；乙；" in body
    assert (out / "生物2201团支部_李四_登记表.docx").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".~tw")]  # staging cleaned up


def test_missing_and_mistyped_fields_all_reported_nothing_written(tpl, tmp_path):
    data = tmp_path / "d.json"
    data.write_text(json.dumps([
        {"name": "王子涵", "branch": "化工2201团支部", "birth": "2004-05", "expected": 32},
        {"name": "张三", "birth": "去年", "expected": "很多"},
        {"branch": "x"},
    ], ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    res = run("generate", tpl, data, "-o", out)
    assert res.exit_code == 2
    msg = res.output
    assert "第2条记录（张三）：缺少必填字段“团支部”(branch)" in msg
    assert "第2条记录（张三）：字段“出生年月”(birth) 应为日期，如 2004-05，实际为“去年”" in msg
    assert "“应到人数”(expected) 应为整数" in msg
    assert "第3条记录：缺少必填字段“姓名”(name)" in msg and "第3条记录：缺少必填字段“应到人数”" in msg
    assert not out.exists() or not list(out.iterdir())


def _csv_text() -> str:
    return "姓 名,团支部,出生年月,应到人数\n王子涵,化工2201团支部,2004.05,32\n李　四,生物2201团支部,2003年11月,30\n"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig", "utf-8"])
def test_csv_encodings(tpl, tmp_path, encoding):
    data = tmp_path / "d.csv"
    data.write_bytes(_csv_text().encode(encoding))
    out = tmp_path / "out"
    res = run("generate", tpl, data, "-o", out, "--name", "{姓名}.docx")
    assert res.exit_code == 0, res.output
    assert "团支部：生物2201团支部" in texts(out / "李　四.docx")
    assert "2003-11" in texts(out / "李　四.docx")


def test_xlsx_with_title_row(tpl, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["2026年推优对象信息登记"])
    ws.append([])
    ws.append(["序号", "姓名", "团支部", "出生年月", "应到人数", "身份证号"])
    import datetime as dt
    ws.append([1, "王子涵", "化工2201团支部", dt.datetime(2004, 5, 1), 32.0, "11010520040501008X"])
    data = tmp_path / "d.xlsx"
    wb.save(data)
    out = tmp_path / "out"
    res = run("generate", tpl, data, "-o", out, "--name", "{序号}_{name}")
    assert res.exit_code == 0, res.output
    body = texts(out / "1_王子涵.docx")
    assert "2004-05-01" in body and "应到：32人" in body


def test_sandbox_escape_is_refused(tmp_path):
    doc = Document()
    doc.add_paragraph("{{ ''.__class__.__mro__ }}")
    tpl = tmp_path / "evil.docx"
    doc.save(tpl)
    data = tmp_path / "d.yaml"
    data.write_text("x: 1\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run("generate", tpl, data, "-o", out)
    assert res.exit_code == 2
    assert "不允许" in res.output
    assert not out.exists() or not list(out.iterdir())

    doc = Document()
    doc.add_paragraph("{{ cycler.__init__.__globals__ }}")
    doc.save(tpl)
    res = run("generate", tpl, data, "-o", out)
    assert res.exit_code == 2 and "不允许" in res.output


def test_values_are_xml_escaped(tpl, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("name: 'A&B <x>'\nbranch: 团支部\nbirth: 2004-05\nexpected: 3\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("generate", tpl, data, "-o", out, "--name", "a").exit_code == 0
    assert "姓名：A&B <x>" in texts(out / "a.docx")


def test_name_cannot_leave_outdir_and_duplicates_numbered(tpl, tmp_path):
    data = tmp_path / "d.yaml"
    rec = {"name": "../../evil", "branch": "../x", "birth": "2004-05", "expected": 3}
    data.write_text(yaml.safe_dump([rec, rec], allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    res = run("generate", tpl, data, "-o", out, "--name", "../{name}.docx")
    assert res.exit_code == 0, res.output
    made = sorted(p.name for p in out.iterdir())
    assert len(made) == 2 and all("/" not in n for n in made)
    assert made[0].endswith("_2.docx") or made[1].endswith("_2.docx")
    assert not list(tmp_path.glob("evil*"))


def test_no_overwrite_without_force(tpl, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("name: 王子涵\nbranch: 一支部\nbirth: 2004-05\nexpected: 3\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run("generate", tpl, data, "-o", out).exit_code == 0
    target = out / "一支部_王子涵_登记表.docx"
    target.write_bytes(b"mine")
    res = run("generate", tpl, data, "-o", out)
    assert res.exit_code == 2 and "--force" in res.output
    assert target.read_bytes() == b"mine"
    assert run("generate", tpl, data, "-o", out, "--force").exit_code == 0
    assert "王子涵" in texts(target)


def test_draft_marks_missing_fields_red(tpl, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("branch: 一支部\nbirth: 2004-05\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run("generate", tpl, data, "-o", out, "--draft", "--name", "draft")
    assert res.exit_code == 0, res.output
    xml = zipfile.ZipFile(out / "draft.docx").read("word/document.xml").decode()
    assert '<w:color w:val="FF0000"/></w:rPr><w:t xml:space="preserve">【待填：姓名】</w:t>' in xml
    assert "\ue000" not in xml
    assert "【待填：应到人数】" in texts(out / "draft.docx")


def test_user_template_variables_nested(tmp_path):
    doc = Document()
    doc.add_paragraph("{{ person.name }}（{{ person.school.name }}）")
    doc.add_paragraph("{% for c in candidates %}{{ c.name }}:{{ c.votes }} {% endfor %}{{ 团支部 }}")
    tpl = tmp_path / "mine.docx"
    doc.save(tpl)
    res = run("templates", tpl)
    assert res.exit_code == 0, res.output
    for p in ("person.name", "person.school.name", "candidates[].name", "candidates[].votes", "团支部"):
        assert p in res.output

    data = tmp_path / "d.yaml"
    data.write_text(yaml.safe_dump({"person": {"name": "王", "school": {"name": "化工学院"}},
                                    "candidates": [{"name": "甲", "votes": 3}]}, allow_unicode=True),
                    encoding="utf-8")
    out = tmp_path / "out"
    res = run("generate", tpl, data, "-o", out)
    assert res.exit_code == 2 and "“团支部”" in res.output

    csv = tmp_path / "d.csv"
    csv.write_text("person.name,person.school.name,团支部\n王,化工学院,一支部\n", encoding="utf-8")
    res = run("generate", tpl, csv, "-o", out, "--draft")
    assert res.exit_code == 0, res.output
    body = texts(out / "mine_1.docx")
    assert "王（化工学院）" in body and "一支部" in body and "【待填：candidates.name】" in body


def test_bad_data_files_give_chinese_errors(tpl, tmp_path):
    bad = tmp_path / "d.xlsx"
    bad.write_bytes(b"not a zip")
    res = run("generate", tpl, bad, "-o", tmp_path / "o")
    assert res.exit_code == 2 and "无法作为 .xlsx 打开" in res.output
    y = tmp_path / "d.yaml"
    y.write_text("a: [1,\n", encoding="utf-8")
    res = run("generate", tpl, y, "-o", tmp_path / "o")
    assert res.exit_code == 2 and "YAML" in res.output
    res = run("generate", "no-such-template", y, "-o", tmp_path / "o")
    assert res.exit_code == 2 and "找不到模板" in res.output


@pytest.mark.skipif(not builtin_names(), reason="内置模板尚未就绪")
@pytest.mark.parametrize("name", builtin_names() or ["-"])
@pytest.mark.parametrize("ext", [".yaml", ".json", ".xlsx"])
def test_builtin_example_round_trip(name, ext, tmp_path):
    example = tmp_path / f"example{ext}"
    res = run("templates", name, "--example", example)
    assert res.exit_code == 0, res.output
    out = tmp_path / "out"
    res = run("generate", name, example, "-o", out)
    assert res.exit_code == 0, res.output
    made = list(out.glob("*.docx"))
    assert len(made) == 1
    Document(made[0])  # opens


@pytest.mark.skipif(not builtin_names(), reason="内置模板尚未就绪")
def test_templates_listing_and_fields():
    res = run("templates")
    assert res.exit_code == 0
    for name in builtin_names():
        assert name in res.output
    res = run("templates", "tuiyou-form")
    assert res.exit_code == 0 and "必填" in res.output


@pytest.mark.skipif(not builtin_names(), reason="内置模板尚未就绪")
@pytest.mark.parametrize("name", builtin_names() or ["-"])
def test_blank_sheet_filled_in_round_trips(name, tmp_path):
    """The blank workbook, filled in with the example values, generates a document."""
    from openpyxl import load_workbook

    sheet, example = tmp_path / "blank.xlsx", tmp_path / "ex.xlsx"
    assert run("templates", name, "--sheet", sheet).exit_code == 0
    assert run("templates", name, "--example", example).exit_code == 0
    blank, filled = load_workbook(sheet), load_workbook(example)
    assert blank.sheetnames == filled.sheetnames
    for ws in blank.worksheets:
        src = filled[ws.title]
        header = [c.value for c in ws[1]]
        assert header == [c.value for c in src[1]] and all(header)
        assert str(ws.cell(2, 1).value or "例：").startswith("例：")  # example row
        for r, row in enumerate(src.iter_rows(min_row=2, values_only=True), 3):  # filled below the example
            for c, v in enumerate(row, 1):
                ws.cell(r, c, v)
    blank.save(sheet)
    res = run("generate", name, sheet, "-o", tmp_path / "out")
    assert res.exit_code == 0, res.output


def test_parallel_rendering_matches_serial(tpl, tmp_path, monkeypatch):
    import toolkit.app.generate as gen

    data = tmp_path / "d.yaml"
    data.write_text(yaml.safe_dump([{"name": f"成员{i}", "branch": "一支部", "birth": "2004-05", "expected": i}
                                    for i in range(1, 6)], allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(gen, "PARALLEL_AFTER", 0.0)
    res = run("generate", tpl, data, "-o", tmp_path / "par", "--jobs", "2", "--name", "{序号}")
    assert res.exit_code == 0, res.output
    for i in range(1, 6):
        assert f"应到：{i}人" in texts(tmp_path / "par" / f"{i}.docx")
