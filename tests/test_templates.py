"""The built-in templates: schemas, examples rendered with plain docxtpl, computed
values, the GB/T 9704 layout of the notice, and the Chinese formatting filters."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docxtpl import DocxTemplate
from lxml import etree

from toolkit.cn.idcard import parse_id
from toolkit.render import filters
from toolkit.render.prepare import outline_points, prepare_context, split_title
from toolkit.render.schema import load_schema, validate
from toolkit.resources import TEMPLATES_DIR

NAMES = ["summary", "notice", "bulletin", "tuiyou-form", "tuiyou-tally", "handout-log", "minutes",
         "points", "assessment", "build-progress"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


def raw_schema(name: str) -> dict:
    return yaml.safe_load((TEMPLATES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))


def example(name: str) -> dict:
    return {f["name"]: f["example"] for f in raw_schema(name)["fields"]}


def render(name: str, out: Path, record: dict | None = None) -> Path:
    """The plain docxtpl loop the contract promises: DocxTemplate, render, save."""
    schema = raw_schema(name)
    tpl = DocxTemplate(str(TEMPLATES_DIR / f"{name}.docx"))
    tpl.render(prepare_context(name, schema, example(name) if record is None else record))
    path = out / f"{name}.docx"
    tpl.save(str(path))
    return path


def all_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts.extend(c.text for c in row.cells)
    for box in d.element.body.iter(W + "txbxContent"):  # the notice's 版记 at the foot of the page
        parts.extend("".join(t.text or "" for t in p.iter(W + "t")) for p in box.iter(W + "p"))
    return "\n".join(parts)


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def table_rows(path: Path, index: int = 0) -> list[list[str]]:
    t = docx.Document(str(path)).tables[index]
    return [[c.text for c in row.cells] for row in t.rows]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("rendered")
    return {name: render(name, out) for name in NAMES}


# --- schemas ---------------------------------------------------------------

@pytest.mark.parametrize("name", NAMES)
def test_schema_is_complete_and_loads_in_the_generator(name):
    raw = raw_schema(name)
    assert raw["name"] == name and raw["title"] and raw["description"] and raw["filename"].endswith(".docx")
    for f in raw["fields"]:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", f["name"]), f
        assert f["label"] and f["type"] in ("text", "int", "number", "date", "list", "table")
        assert "example" in f, f"{name}.{f['name']} has no example"
        for col in f.get("columns", []):
            assert col["type"] != "table" and "example" in col
    schema = load_schema(name)
    records, errors = validate(schema, [schema.example_record()])
    assert errors == []
    # the generator's Schema object and the YAML dict give the same context
    assert prepare_context(name, schema, records[0]) == prepare_context(name, raw, records[0])


def test_form_example_is_a_consistent_eligible_candidate():
    ex = example("tuiyou-form")
    info = parse_id(ex["id_number"])
    assert info.check_ok and info.area_ok
    assert info.gender == ex["gender"]
    assert info.birth.iso().startswith(ex["birth"])
    ctx = prepare_context("tuiyou-form", raw_schema("tuiyou-form"), ex)
    assert 18 <= ctx["age"] <= 28
    assert filters.age_at(ex["birth"], ex["join_date"]) >= 14
    assert ex["votes_for"] + ex["votes_against"] + ex["votes_abstain"] <= ex["present"] <= ex["expected"]


# --- every template renders with plain docxtpl -----------------------------

@pytest.mark.parametrize("name", NAMES)
def test_example_renders_with_plain_docxtpl(name, rendered):
    path = rendered[name]
    with zipfile.ZipFile(path) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml"))
    assert "{{" not in xml and "{%" not in xml and "}}" not in xml
    text = all_text(path)
    for f in raw_schema(name)["fields"]:
        value = f["example"]
        if f["type"] == "text" and "\n" not in str(value) and f["name"] not in ("mark",):
            # A long title is broken between words (line breaks in its paragraph).
            shown = text.replace("\n", "") if f["name"] == "title" else text
            assert str(value) in shown, f"{name}: {f['name']}={value!r} missing"
        elif f["type"] == "table":
            for row in value:
                for col in f["columns"]:
                    v = row.get(col["name"])
                    if col["type"] == "text" and v and col["name"] != "name":
                        assert str(v) in text, f"{name}: {f['name']}.{col['name']}={v!r} missing"


@pytest.mark.parametrize("name", NAMES)
def test_every_run_names_its_east_asian_font(name, rendered):
    with zipfile.ZipFile(rendered[name]) as z:
        parts = [n for n in z.namelist() if re.match(r"word/(document|footer\d*)\.xml", n)]
    for n in parts:
        for r in part(rendered[name], n).iter(W + "r"):
            fonts = r.find("w:rPr/w:rFonts", NS)
            assert fonts is not None and fonts.get(W + "eastAsia"), f"{name} {n}: run without eastAsia font"


def test_templates_are_reproducible_from_build_script(tmp_path):
    """Every part of every committed template is what build.py writes, and the package carries no
    time of its build: a rebuild changes nothing unless build.py did (bytes equal where zlib is)."""
    spec = importlib.util.spec_from_file_location("tw_template_build", TEMPLATES_DIR / "build.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
        module.build(tmp_path)
    finally:
        del sys.modules[spec.name]
    for name in NAMES:
        with zipfile.ZipFile(TEMPLATES_DIR / f"{name}.docx") as a, zipfile.ZipFile(tmp_path / f"{name}.docx") as b:
            assert a.namelist() == b.namelist(), f"{name}.docx is stale: run build.py"
            for part in a.namelist():
                assert a.read(part) == b.read(part), f"{name}.docx {part} is stale: run build.py"
            assert {i.date_time for i in a.infolist() + b.infolist()} == {module.ZIP_TIME}


# --- computed values -------------------------------------------------------

def test_tally_total_row_is_computed(rendered):
    rows = table_rows(rendered["tuiyou-tally"])
    header, body, total = rows[0], rows[1:-1], rows[-1]
    assert header[:3] == ["序号", "团支部", "姓名"] and len(body) == 4
    assert [r[0] for r in body] == ["1", "2", "3", "4"]
    for col in ("赞成票", "反对票", "弃权票"):
        i = header.index(col)
        assert int(total[i]) == sum(int(r[i]) for r in body)
    assert total[0] == "合计" and total[header.index("姓名")] == "4人"
    assert "赵　欣" in [r[2] for r in body]  # two-character names padded


def test_handout_log_total_row_is_computed(rendered):
    rows = table_rows(rendered["handout-log"])
    header, body, total = rows[0], rows[1:-1], rows[-1]
    for col in ("领取份数", "上交份数"):
        i = header.index(col)
        assert int(total[i]) == sum(int(r[i]) for r in body if r[i])
    assert body[0][header.index("领取日期")] == "2026年10月10日"


def test_minutes_compute_attendance_and_result(rendered):
    text = all_text(rendered["minutes"])
    assert "93.8%" in text  # 30 of 32
    assert "会议有效" in text and "周杰（病假）和吴桐（参加学科竞赛）" in text
    votes = table_rows(rendered["minutes"], 1)
    assert votes[1][-1] == "通过" and votes[1][-2] == "84.4%"
    ctx = prepare_context("minutes", None, {"expected": 32, "present": 20, "candidates": [
        {"name": "甲乙", "votes_for": 16, "votes_against": 4, "votes_abstain": 0}]})
    # exactly half of 应到 is not a majority
    assert ctx["candidates"][0]["passed"] == "未通过" and "不予推荐" in ctx["outcome"]


def test_form_computes_age_and_vote_sentence(rendered):
    text = all_text(rendered["tuiyou-form"])
    assert "22岁" in text and "7年" in text
    assert "应到会32人，实到会30人，赞成27票，反对2票，弃权1票" in text
    assert "2004年5月" in text and "84.4%" in text
    # sign date defaults to the vote date
    ex = example("tuiyou-form") | {"sign_date": ""}
    assert prepare_context("tuiyou-form", raw_schema("tuiyou-form"), ex)["sign_date_cn"] == "2026年10月14日"


def test_summary_parts_are_numbered_and_empty_parts_skipped(rendered):
    text = all_text(rendered["summary"])
    for heading in ("一、基本情况", "二、主要做法", "三、取得成效", "四、存在不足", "五、下一步打算", "（一）坚持标准", "1.年龄"):
        assert heading in text
    ex = example("summary") | {"basics": [], "shortcomings": []}
    headings = [s["ordinal"] + s["heading"] for s in prepare_context("summary", raw_schema("summary"), ex)["outline"]]
    assert headings == ["一主要做法", "二取得成效", "三下一步打算"]


def test_bulletin_issue_and_distribution(rendered):
    text = all_text(rendered["bulletin"])
    assert "第5期" in text and "报：校团委" in text and "发：各团支部" in text and "（共印30份）" in text


def test_prepare_keeps_record_and_tolerates_draft_markers():
    record = {"candidates": [{"name": "张三", "votes_for": "【待填：赞成票】", "votes_against": 1}]}
    ctx = prepare_context("tuiyou-tally", raw_schema("tuiyou-tally"), record)
    assert ctx["total"]["votes_for"] == 0 and ctx["total"]["votes_against"] == 1
    assert "index" not in record["candidates"][0]  # input not modified
    assert ctx["title"] == "" and ctx["fill_date_cn"] == ""  # absent fields default to blank


def test_draft_markers_for_whole_lists_and_tables_render(tmp_path):
    # --draft fills a missing required list or table with one marker string
    record = example("notice") | {"sections": "【待填：正文】", "attachments": "【待填：附件】"}
    ctx = prepare_context("notice", raw_schema("notice"), record)
    assert ctx["outline"][0]["heading"] == "【待填：正文】"
    assert ctx["attachment_lines"] == [{"lead": "附件：", "text": "【待填：附件】"}]
    assert "【待填：正文】" in all_text(render("notice", tmp_path, record))


def test_unknown_template_gets_generic_values_only():
    schema = {"fields": [{"name": "d", "type": "date"}, {"name": "t", "type": "table",
                                                        "columns": [{"name": "x", "type": "date"}]}]}
    ctx = prepare_context(None, schema, {"d": "2026-10-09", "t": [{"x": "2004-05"}]})
    assert ctx["d_cn"] == "2026年10月9日" and ctx["t"][0]["x_cn"] == "2004年5月"
    assert set(ctx) == {"d", "d_cn", "t"}


def test_outline_levels_and_run_in_titles():
    pts = outline_points(["加强领导。成立工作小组", "-第一点", "-第二点", "--细目", "-第三点", "规范程序"])
    assert [p["number"] for p in pts] == ["（一）", "1.", "2.", "（1）", "3.", "（二）"]
    assert split_title("加强领导。成立工作小组") == ("加强领导。", "成立工作小组")
    assert split_title("只有标题。") == ("只有标题。", "")


# --- the notice follows GB/T 9704-2012 -----------------------------------

def test_notice_page_grid_and_fonts(rendered):
    path = rendered["notice"]
    doc = part(path, "word/document.xml")
    sect = doc.find(".//w:body/w:sectPr", NS)
    size, mar, grid = (sect.find(f"w:{t}", NS) for t in ("pgSz", "pgMar", "docGrid"))
    mm = lambda twips: int(twips) / 1440 * 25.4  # noqa: E731
    assert round(mm(size.get(W + "w"))) == 210 and round(mm(size.get(W + "h"))) == 297
    assert [round(mm(mar.get(W + s))) for s in ("top", "bottom", "left", "right")] == [37, 35, 28, 26]
    assert grid.get(W + "type") == "linesAndChars" and grid.get(W + "linePitch") == "579"
    # 28 characters of 16 pt + charSpace/4096 fit the 156 mm line, and no more
    width_pt = (int(size.get(W + "w")) - int(mar.get(W + "left")) - int(mar.get(W + "right"))) / 20
    pitch = 16 + int(grid.get(W + "charSpace")) / 4096
    assert int(width_pt // pitch) == 28

    def runs_with(text):
        return [r for r in doc.iter(W + "r") if text in "".join(r.itertext())]

    def font(r):
        rpr = r.find("w:rPr", NS)
        return rpr.find("w:rFonts", NS).get(W + "eastAsia"), int(rpr.find("w:sz", NS).get(W + "val")) / 2

    title = raw_schema("notice")["fields"][5]["example"]
    assert font(runs_with(title)[0]) == ("方正小标宋简体", 22)
    mark = runs_with("委员会文件")[0]
    assert mark.find("w:rPr/w:color", NS).get(W + "val") == "FF0000"
    assert font(runs_with("院团发〔2026〕7号")[0]) == ("仿宋_GB2312", 16)
    assert font(runs_with("一、推荐对象和条件")[0]) == ("黑体", 16)
    assert font(runs_with("（一）政治素质好。")[0]) == ("楷体_GB2312", 16)
    assert font(runs_with("认真学习党的创新理论")[0]) == ("仿宋_GB2312", 16)
    assert font(runs_with("1.到会人员逐一签到")[0]) == ("仿宋_GB2312", 16)
    # the red separator under the 发文字号
    sep = runs_with("院团发〔2026〕7号")[0].getparent().find("w:pPr/w:pBdr/w:bottom", NS)
    assert sep.get(W + "color") == "FF0000"


def test_notice_text_parts(rendered):
    text = all_text(rendered["notice"])
    for piece in ("院团发〔2026〕7号", "各团支部：", "附件：1.推优登记表", "2.推优汇总表", "2026年10月9日",
                  "抄送：学院党委，校团委组织部。", "2026年10月9日印发", "共青团化学工程学院委员会办公室"):
        assert piece in text, piece
    assert not re.search(r"附件：.*[。；，]$", text, re.M)  # no final punctuation after attachment names


def test_notice_page_numbers_odd_right_even_left(rendered):
    path = rendered["notice"]
    settings = part(path, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    doc = part(path, "word/document.xml")
    refs = {r.get(W + "type"): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in doc.iter(W + "footerReference")}
    assert set(refs) == {"default", "even"}
    rels = part(path, "word/_rels/document.xml.rels")
    target = {r.get("Id"): r.get("Target") for r in rels}
    for kind, align in (("default", "right"), ("even", "left")):
        footer = part(path, "word/" + target[refs[kind]])
        assert "PAGE" in "".join(t.text for t in footer.iter(W + "instrText"))
        assert [f.get(W + "fldCharType") for f in footer.iter(W + "fldChar")] == ["begin", "separate", "end"]
        text = "".join(t.text for t in footer.iter(W + "t"))
        assert text.startswith("— ") and text.endswith(" —")
        assert footer.find(".//w:pPr/w:jc", NS).get(W + "val") == align
        for r in footer.iter(W + "r"):
            rpr = r.find("w:rPr", NS)
            assert rpr.find("w:rFonts", NS).get(W + "eastAsia") == "宋体"
            assert rpr.find("w:sz", NS).get(W + "val") == "28"


@pytest.mark.soffice
def test_notice_pdf_is_a4_with_the_title(rendered, tmp_path):
    import shutil

    import pdfplumber

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(rendered["notice"])], check=True, capture_output=True, timeout=180)
    with pdfplumber.open(tmp_path / "notice.pdf") as pdf:
        page = pdf.pages[0]
        assert abs(page.width - 595.3) < 1 and abs(page.height - 841.9) < 1
        text = re.sub(r"\s+", "", page.extract_text())
    assert "关于做好2026年推荐优秀团员作入党积极分子人选工作的通知" in text
    assert "院团发〔2026〕7号" in text


# --- filters ---------------------------------------------------------------

def test_filters():
    assert filters.cn_ordinal(1) == "一" and filters.cn_ordinal(11) == "十一" and filters.cn_ordinal("20") == "二十"
    assert filters.cn_date("2026-11-22") == "2026年11月22日" and filters.cn_date("2004-05") == "2004年5月"
    assert filters.cn_date("") == "" and filters.cn_date(None) == ""
    assert filters.cn_join(["甲", "乙", "丙"]) == "甲、乙和丙"
    assert filters.cn_join(["甲", "乙"]) == "甲和乙" and filters.cn_join(["甲"]) == "甲" and filters.cn_join([]) == ""
    assert filters.percent(8, 32) == "25.0%" and filters.percent(1, 8) == "12.5%"
    assert filters.percent(1, 3, 2) == "33.33%" and filters.percent(2, 3, 0) == "67%"
    assert filters.percent(0.125, 1, 1) == "12.5%" and filters.percent(1, 0) == "—" and filters.percent(None, 5) == "—"
    assert filters.pad_name("张三") == "张　三" and filters.pad_name("王子涵") == "王子涵" and filters.pad_name(" 李四 ") == "李　四"
    assert filters.age_at("2004-05", "2026-10-14") == 22 and filters.age_at("2004-11-20", "2022-11-19") == 17
    assert filters.doc_number("院团发", "2026", "007") == "院团发〔2026〕7号"
    assert set(filters.FILTERS) >= {"cn_ordinal", "cn_date", "cn_join", "percent", "pad_name", "age_at"}
