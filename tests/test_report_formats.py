"""Report writers: text, json, xlsx and html from a hand-built CheckResult."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser

import openpyxl
import pytest

from toolkit.check.engine import CheckResult, FileStatus, Finding, Rule
from toolkit.errors import UsageError
from toolkit.model import Document, Location, Paragraph, Table, Cell
from toolkit.report import context_key, document_contexts, render, write_report
from toolkit.report.context import highlight_spans
from toolkit.report.labels import CATEGORY_LABELS
from toolkit.report.view import branch_of, build_view

ID = "110101200405061090"
PHONE = "13812345678"
FORM = f"submissions/登记表_化工2201团支部_{ID}.docx"
SUMMARY = "submissions/总结_生物2201团支部.docx"
BROKEN = "submissions/登记表_损坏.docx"
CLEAN = "submissions/登记表_机械2301团支部_李四.docx"


@pytest.fixture
def result() -> CheckResult:
    return CheckResult(
        files=[
            FileStatus(SUMMARY, "summary"),
            FileStatus(FORM, "registration_form"),
            FileStatus(BROKEN, "unknown", "error", "文件已损坏，无法作为 .docx 打开"),
            FileStatus(CLEAN, "registration_form"),
        ],
        findings=[
            Finding(FORM, "TW401", "id-number", "error", f"身份证号{ID}的校验位应为X",
                    Location(table=1, row=2, col=4), ID),
            Finding(SUMMARY, "TW551", "punctuation", "warning", "中文里用了半角逗号“,”",
                    Location(paragraph=7), "我们开展了活动,效果良好"),
            Finding(SUMMARY, "TW201", "count", "error", "“共推荐5人”与所列4个姓名不符",
                    Location(paragraph=4), "…黄若曦4人为推荐对象，共推荐5人。"),
            Finding(FORM, "TW101", "placeholder", "info", "疑似占位符 <img src=x>“某某”",
                    Location(paragraph=2), f"联系电话{PHONE}，推荐人某某"),
        ],
    )


CONTEXTS = {SUMMARY: {"p:4": "经团支部大会表决，最终确定刘一诺、陈佳琪、杨明轩、黄若曦4人为推荐对象，共推荐5人。"}}


def test_json_is_the_contract(result, tmp_path):
    out = tmp_path / "r.json"
    write_report(result, "json", out)
    text = out.read_text("utf-8")
    assert "\\u" not in text and "团支部" in text  # ensure_ascii=False
    data = json.loads(text)
    assert set(data) == {"files", "findings"}
    assert [f["file"] for f in data["files"]][:3] == [SUMMARY, FORM.replace(ID, "110101********1090"), BROKEN]
    assert data["files"][2] == {"file": BROKEN, "kind": "unknown", "status": "error",
                                "error": "文件已损坏，无法作为 .docx 打开"}
    assert data["files"][0] == {"file": SUMMARY, "kind": "summary", "status": "ok"}
    for f in data["findings"]:
        assert list(f) == ["file", "rule", "category", "severity", "message", "location", "excerpt"]
        assert list(f["location"]) == ["page", "paragraph", "table", "row", "col"]
    assert ID not in text and PHONE not in text
    assert "110101********1090" in text and "138****5678" in text
    # Grouped by file in input order, then by place.
    assert [(f["file"], f["rule"]) for f in data["findings"]][:2] == [(SUMMARY, "TW201"), (SUMMARY, "TW551")]


def test_show_pii_keeps_numbers(result):
    text = render(result, "json", show_pii=True)
    assert ID in text and PHONE in text
    assert json.loads(text)["findings"][-1]["file"] == FORM


def test_json_to_stdout(result, capsys):
    write_report(result, "json", None)
    assert json.loads(capsys.readouterr().out)["files"][0]["file"] == SUMMARY


def test_text_report_plain_when_not_a_terminal(result, capsys):
    write_report(result, "text", None)
    out = capsys.readouterr().out
    assert "\x1b[" not in out
    lines = out.splitlines()
    assert lines[0] == f"{SUMMARY}（工作总结）"
    assert any(line.startswith("  第4段") and "TW201 [错误] 数量不符  “共推荐5人”与所列4个姓名不符" in line
               for line in lines)
    assert any("第1表 第2行 第4列" in line and "身份证号110101********1090" in line for line in lines)
    assert "…黄若曦4人为推荐对象，共推荐5人。" in out  # the excerpt line
    assert "共 4 份文件：已审查 3 份，无法读取 1 份，跳过 0 份；2 份发现问题。" in out
    assert "问题共 4 处：错误 2 处，警告 1 处，提示 1 处。" in out
    assert f"{BROKEN}：文件已损坏" in out
    assert ID not in out and PHONE not in out
    assert f"未发现问题的文件（1 份）：{CLEAN}" in out  # every input is listed (issue 17), clean ones on one line


def test_text_colours_on_a_terminal(result):
    assert "\x1b[31" in render(result, "text", color=True)


def test_text_without_findings():
    out = render(CheckResult([FileStatus("a.docx", "summary")], []), "text")
    assert "未发现问题。" in out and "共 1 份文件" in out
    nothing_read = render(CheckResult([FileStatus("b.docx", "unknown", "error", "文件为空")], []), "text")
    assert "未发现问题。" not in nothing_read and "文件为空" in nothing_read  # not a clean round: nothing was read


def test_xlsx_and_html_need_an_output(result):
    for fmt in ("xlsx", "html"):
        with pytest.raises(UsageError, match="-o"):
            write_report(result, fmt, None)
    with pytest.raises(UsageError):
        write_report(result, "pdf", None)


def test_output_that_is_a_folder(result, tmp_path):
    with pytest.raises(UsageError, match="文件夹"):
        write_report(result, "json", tmp_path)


def test_xlsx_report(result, tmp_path):
    rule = Rule("TW201", "count", "error", "所述人数与列出的姓名数不符", lambda *a: [], "document")
    out = tmp_path / "sub" / "报告.xlsx"
    write_report(result, "xlsx", out, rules={"TW201": rule})
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".~tw-")]  # atomic, no leftovers
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not the temp file's owner-only mode
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["问题清单", "汇总", "文件", "规则", "审查信息"]
    ws = wb["问题清单"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("文件", "团支部", "位置", "类别", "严重程度", "规则", "说明", "摘录")
    assert len(rows) == 5
    assert rows[1] == (SUMMARY, "生物2201团支部", "第4段", "数量不符", "错误", "TW201",
                       "“共推荐5人”与所列4个姓名不符", "…黄若曦4人为推荐对象，共推荐5人。")
    id_row = next(r for r in rows if r[5] == "TW401")
    assert id_row[1] == "化工2201团支部" and id_row[2] == "第1表 第2行 第4列" and id_row[3] == "身份证号"
    assert ws.auto_filter.ref == "A1:H5" and ws.freeze_panes == "A2"
    assert ws.column_dimensions["G"].width >= 40
    assert all(ID not in str(v) and PHONE not in str(v) for r in rows for v in r)

    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert summary[0] == ("类别", "错误", "警告", "提示", "合计")
    by_cat = {r[0]: r[1:] for r in summary if r and r[0]}
    assert set(CATEGORY_LABELS.values()) <= set(by_cat)
    assert by_cat["数量不符"] == (1, 0, 0, 1) and by_cat["标点"] == (0, 1, 0, 1)
    assert by_cat["合计"] == (2, 1, 1, 4)
    assert by_cat["化工2201团支部"] == (1, 0, 1, 2)  # per branch
    assert by_cat[SUMMARY] == (1, 1, 0, 2)  # per file

    files = list(wb["文件"].iter_rows(values_only=True))
    assert files[0] == ("文件", "团支部", "类型", "状态", "问题数", "说明")
    assert (BROKEN, None, "未识别", "无法读取", 0, "文件已损坏，无法作为 .docx 打开") in files
    assert (CLEAN, "机械2301团支部", "推优登记表", "已审查", 0, None) in files
    assert list(wb["规则"].iter_rows(values_only=True))[1] == ("TW201", "数量不符", "错误", "所述人数与列出的姓名数不符", 1)


def test_xlsx_prints_and_links(tmp_path):
    """Landscape A4, one page wide, header row on every page, rows tall enough for
    long messages, each existing file linked relative to the report; a masked name
    (it holds an ID number) or a missing file gets no link."""
    folder = tmp_path / "交上来"
    folder.mkdir()
    real = folder / "总结_生物2201团支部.docx"
    real.write_bytes(b"x")
    masked = folder / f"登记表_{ID}.docx"
    masked.write_bytes(b"x")
    long = "“共推荐5人”与所列4个姓名不符；" * 12
    res = CheckResult([FileStatus(str(real), "summary"), FileStatus(str(masked), "registration_form"),
                       FileStatus(str(folder / "不存在.docx"), "summary")],
                      [Finding(str(real), "TW201", "count", "error", long, Location(paragraph=4), "共推荐5人。"),
                       Finding(str(real), "TW551", "punctuation", "warning", "半角“,”", Location(paragraph=5), ",")])
    out = tmp_path / "报告" / "审查报告.xlsx"
    write_report(res, "xlsx", out)
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
    assert wb["问题清单"].print_title_rows == "$1:$1" and wb["文件"].print_title_rows == "$1:$1"
    ws = wb["问题清单"]
    # 12 × 17 CJK characters in a 50-wide column: about 9 lines.
    assert ws.row_dimensions[2].height >= 8 * 15 and ws.cell(2, 7).alignment.wrap_text
    assert (ws.row_dimensions[3].height or 15) < ws.row_dimensions[2].height / 2  # a short message: a lower row
    links = {c.value: c.hyperlink.target for c in wb["文件"]["A"][1:] if c.hyperlink}
    assert links == {str(real): "../交上来/总结_生物2201团支部.docx"}
    assert ws["A2"].hyperlink.target == "../交上来/总结_生物2201团支部.docx"
    info = dict(list(wb["审查信息"].iter_rows(values_only=True))[1:])
    assert info["判断标准"].startswith("内置默认设置") and "审查时间" in info and "团文版本" in info


class _Page(HTMLParser):
    """Collects what the tests assert about a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.marks: list[str] = []
        self.lang = None
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        for key in ("src", "href", "action", "data"):
            if a.get(key):
                self.urls.append(a[key])
        if tag == "link" or (tag == "script" and a.get("src")):
            self.urls.append(a.get("href") or a.get("src"))
        self._in_mark = tag == "mark"

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data):
        if self._in_mark:
            self.marks.append(data)


def test_html_report(result, tmp_path):
    out = tmp_path / "报告.html"
    write_report(result, "html", out, contexts=CONTEXTS)
    page = out.read_text("utf-8")
    parser = _Page()
    parser.feed(page)
    assert parser.lang == "zh-CN"
    assert not [u for u in parser.urls if not u.startswith("#")]  # self-contained
    assert "http://" not in page and "https://" not in page and "url(" not in page and "@import" not in page
    assert parser.tags.count("section") == 2  # files with findings
    # The flagged text is highlighted inside the whole paragraph given as context.
    assert "共推荐5人" in parser.marks and "," in parser.marks
    assert "经团支部大会表决，最终确定刘一诺" in page
    # Document text is escaped: the message's markup is shown, never interpreted.
    assert "<img" not in page and "&lt;img src=x&gt;" in page
    assert ID not in page and PHONE not in page and "110101********1090" in page
    for needle in (">4</b><span>份文件", ">2</b><span>错误", ">1</b><span>警告", ">1</b><span>提示",
                   ">1</b><span>无法读取", "文件已损坏，无法作为 .docx 打开", "未发现问题的文件（1 份）"):
        assert needle in page


def test_html_screenshot(result, tmp_path):
    """Render the page in headless Chromium (skipped where it is not installed)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("未安装 chromium")
    page, png = tmp_path / "r.html", tmp_path / "r.png"
    write_report(result, "html", page, contexts=CONTEXTS)
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1200,1600",
                    page.as_uri()], capture_output=True, timeout=90, check=False)
    assert png.is_file() and png.stat().st_size > 10_000


def test_context_keys_and_document_contexts():
    doc = Document("a.docx", "docx", paragraphs=[Paragraph(1, "标题"), Paragraph(2, "第二段全文")],
                   tables=[Table(1, [Cell(1, 1, "姓名"), Cell(1, 2, "王子涵", colspan=2), Cell(2, 1, "性别")])])
    locs = [Location(paragraph=2), Location(table=1, row=1, col=3), Location(table=1, row=1), Location(page=3),
            Location(table=1)]
    assert [context_key(loc) for loc in locs] == ["p:2", "t:1:1:3", "t:1:1", None, "t:1"]
    ctx = document_contexts(doc, locs, branch="化工2201团支部")
    # A position covered by a merged cell shows the merged cell's text.
    assert ctx == {"p:2": "第二段全文", "t:1:1:3": "王子涵", "t:1:1": "姓名 | 王子涵", "t:1:1:3@": "5:8",
                   "团支部": "化工2201团支部"}


def test_branch_from_context_or_path():
    assert branch_of("x/化工2201团支部/登记表.docx") == "化工2201团支部"
    assert branch_of("登记表_生物2201团支部_王子涵.docx") == "生物2201团支部"
    assert branch_of("总结.docx") is None
    assert branch_of("总结.docx", {"团支部": "机械2301团支部"}) == "机械2301团支部"
    # The office's tally covers every branch: it belongs to none.
    res = CheckResult([FileStatus("推优汇总表.docx", "tally"), FileStatus("总结.docx", "summary")], [])
    view = build_view(res, contexts={"推优汇总表.docx": {"团支部": "化工2201团支部"},
                                     "总结.docx": {"团支部": "化工2201团支部"}})
    assert [g.branch for g in view.groups] == [None, "化工2201团支部"]


def test_highlight_prefers_quoted_fragment_then_excerpt():
    f = Finding("a", "TW1", "count", "error", "“共推荐5人”不符", Location(paragraph=1), "…共推荐5人。")
    assert highlight_spans("上报学院团委，共推荐5人。", f) == [(7, 12)]
    g = Finding("a", "TW1", "count", "error", "数字不符", Location(paragraph=1), "…合计32票…")
    assert highlight_spans("赞成27票，合计32票。", g) == [(6, 11)]
    assert highlight_spans("合计32票", g) == [(0, 5)]  # context is the excerpt: all of it


def test_findings_of_files_not_in_the_inputs_are_shown_but_not_counted():
    res = CheckResult([FileStatus("a.docx", "summary")],
                      [Finding("登记/汇总表.xlsx", "TW701", "register", "warning", "汇总表有此行而无登记表",
                               Location(table=1, row=3), "王五")])
    view = build_view(res)
    assert [s.file for s in view.files] == ["a.docx"]
    data = json.loads(render(res, "json"))
    assert [f["file"] for f in data["files"]] == ["a.docx"] and data["findings"][0]["file"] == "登记/汇总表.xlsx"
    assert "登记/汇总表.xlsx\n" in render(res, "text")


def test_rows_of_the_office_tally_are_counted_per_branch(tmp_path):
    tally = "登记/推优汇总表.docx"
    res = CheckResult([FileStatus(tally, "tally")],
                      [Finding(tally, "TW703", "register", "error", "汇总表与登记表票数不一致",
                               Location(table=1, row=3, col=6), "25")])
    contexts = {tally: {"t:1:3": "2 | 生物2201团支部 | 王五 | 32 | 30 | 25", "团支部": "化工2201团支部"}}
    out = tmp_path / "r.xlsx"
    write_report(res, "xlsx", out, contexts=contexts)
    wb = openpyxl.load_workbook(out)
    assert list(wb["问题清单"].iter_rows(values_only=True))[1][1] == "生物2201团支部"
    assert ("生物2201团支部", 1, 0, 0, 1) in list(wb["汇总"].iter_rows(values_only=True))
    assert "第1表 第3行 第6列<br>生物2201团支部" in render(res, "html", contexts=contexts)
