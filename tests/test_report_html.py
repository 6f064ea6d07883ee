"""The html report people read: context around a flagged cell, highlights on the
wrong mark only, what the run used, and the search and filters (in Chromium)."""

from __future__ import annotations

import datetime as dt
import shutil
from html.parser import HTMLParser

import pytest

from toolkit.config import Config
from toolkit.check.engine import REGISTRY, CheckResult, FileStatus, Finding, Submission, all_rules
from toolkit.extract import extract
from toolkit.model import Cell, Document, Location, Paragraph, Table
from toolkit.report import document_contexts, render, run_info, write_report


class _Marks(HTMLParser):
    """Texts inside <mark>, and the text of each context box."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[str] = []
        self.ctx: list[str] = []
        self._mark = self._ctx = 0

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self._mark += 1
        if tag == "div" and ("class", "ctx") in attrs:
            self._ctx += 1
            self.ctx.append("")
        elif tag == "div" and self._ctx:
            self._ctx += 1

    def handle_endtag(self, tag):
        if tag == "mark":
            self._mark -= 1
        if tag == "div" and self._ctx:
            self._ctx -= 1

    def handle_data(self, data):
        if self._mark:
            self.marks.append(data)
        if self._ctx:
            self.ctx[-1] += data


def _page(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    return parser


def _run_rule(code: str, doc: Document) -> tuple[CheckResult, dict]:
    all_rules()
    sub = Submission(doc.path, doc, extract(doc))
    findings = list(REGISTRY[code].run(sub, Config()))
    return (CheckResult([FileStatus(doc.path, sub.extraction.kind)], findings),
            {doc.path: document_contexts(doc, findings)})


def test_a_cell_is_shown_in_its_row_under_the_header():
    header = ["序号", "团支部", "姓名", "应到人数", "实到人数"]
    row = ["1", "化工2201团支部", "王子涵", "20", "20"]
    table = Table(1, [Cell(r, c, text) for r, cells in enumerate([header, row], 1) for c, text in enumerate(cells, 1)])
    doc = Document("汇总表.docx", "docx", tables=[table])
    finding = Finding(doc.path, "TW301", "vote", "error", "实到人数多于应到人数", Location(table=1, row=2, col=5), "20")
    contexts = {doc.path: document_contexts(doc, [finding])}
    page = _page(render(CheckResult([FileStatus(doc.path, "tally")], [finding]), "html", contexts=contexts))
    assert page.ctx == ["第1行：序号 | 团支部 | 姓名 | 应到人数 | 实到人数1 | 化工2201团支部 | 王子涵 | 20 | 20"]
    html = render(CheckResult([FileStatus(doc.path, "tally")], [finding]), "html", contexts=contexts)
    assert "王子涵 | 20 | <mark>20</mark>" in html  # the flagged cell, not the equal one beside it


def test_a_merged_cell_is_marked_where_it_starts():
    cells = [Cell(1, 1, "姓名"), Cell(1, 2, "王子涵", colspan=2), Cell(1, 4, "王子涵")]
    doc = Document("表.docx", "docx", tables=[Table(1, cells)])
    finding = Finding(doc.path, "TW1", "typo", "warning", "“王子涵”重复", Location(table=1, row=1, col=3), "王子涵")
    html = render(CheckResult([FileStatus(doc.path, "registration_form")], [finding]), "html",
                  contexts={doc.path: document_contexts(doc, [finding])})
    assert "姓名 | <mark>王子涵</mark> | 王子涵" in html


def test_punctuation_highlights_only_the_wrong_mark():
    text = "本学期共开展团日活动3次，参加人数累计1,200人次,活动效果良好，大家收获很大。"
    doc = Document("总结_化工2201团支部.docx", "docx", paragraphs=[Paragraph(1, text)])
    result, contexts = _run_rule("TW551", doc)
    assert [f.message for f in result.findings] == ["中文中使用了半角“,”，应为全角“，”"]
    page = _page(render(result, "html", contexts=contexts))
    assert page.marks == [","]  # neither the correct “，” nor the comma of 1,200
    assert "1,200人次<mark>,</mark>活动效果良好" in render(result, "html", contexts=contexts)


def test_unpaired_bracket_marks_the_open_one():
    text = "团支部（学生会）召开了“青春（五四）主题团日活动，（邀请了校友参加。"
    doc = Document("总结_化工2201团支部.docx", "docx", paragraphs=[Paragraph(1, text)])
    result, contexts = _run_rule("TW552", doc)
    html = render(result, "html", contexts=contexts)
    page = _page(html)
    assert len(page.marks) == len(result.findings) >= 1
    assert all(m in "“（" for m in page.marks)
    assert "团支部（学生会）" in html  # the paired brackets stay unmarked


def test_the_correction_a_message_quotes_is_not_highlighted():
    f = Finding("a.docx", "TW553", "punctuation", "warning", "省略号“...”不规范，应为“……”", Location(paragraph=1), "")
    html = render(CheckResult([FileStatus("a.docx", "summary")], [f]), "html",
                  contexts={"a.docx": {"p:1": "活动包括讲座、观影……以及参观..."}})
    assert _page(html).marks == ["..."]


def test_run_date_version_and_settings():
    cfg = Config.from_dict({"eligibility": {"min_age": 16}}, source="tuanwen.toml")
    run = run_info(cfg.to_dict(), cfg.source, when=dt.datetime(2026, 11, 30, 8, 5))
    html = render(CheckResult([FileStatus("a.docx", "summary")], []), "html", run=run)
    from toolkit import __version__

    assert "2026年11月30日 08:05" in html and f"tuanwen {__version__}" in html
    assert "配置文件 tuanwen.toml" in html
    assert "<td>eligibility.min_age</td><td>16</td>" in html
    assert "<td>tuiyou.max_share</td><td>0.2</td>" in html
    plain = render(CheckResult([FileStatus("a.docx", "summary")], []), "html")
    assert "内置默认设置" in plain and f"tuanwen {__version__}" in plain


def _round() -> tuple[CheckResult, dict]:
    a, b, c = "交上来/总结_化工2201团支部.docx", "交上来/登记表_生物2201团支部_王五.docx", "交上来/登记表_生物2201团支部_赵六.docx"
    findings = [
        Finding(a, "TW201", "count", "error", "“共推荐5人”与所列4个姓名不符", Location(paragraph=4), "共推荐5人。"),
        Finding(a, "TW551", "punctuation", "warning", "中文中使用了半角“,”，应为全角“，”", Location(paragraph=7), "活动,效果"),
        Finding(b, "TW401", "id-number", "error", "身份证号的校验位应为X", Location(table=1, row=2, col=4), "1101"),
        Finding(c, "TW503", "typo", "warning", "“对彖”疑为“对象”", Location(paragraph=2), "推荐对彖"),
        Finding(c, "TW551", "punctuation", "warning", "中文中使用了半角“:”，应为全角“：”", Location(paragraph=3), "时间:"),
    ]
    files = [FileStatus(a, "summary"), FileStatus(b, "registration_form"), FileStatus(c, "registration_form")]
    return CheckResult(files, findings), {}


def _chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not shutil.which(path):
        pytest.skip("未安装 chromium")
    return sync_api, path


def test_search_and_filters_in_chromium(tmp_path):
    sync_api, chromium = _chromium()
    result, contexts = _round()
    out = tmp_path / "审查报告.html"
    write_report(result, "html", out, contexts=contexts)
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.as_uri())

        def visible() -> list[str]:
            return page.eval_on_selector_all(".finding:not([hidden]) .rule", "els => els.map(e => e.textContent)")

        def sections() -> int:
            return page.eval_on_selector_all("section.file:not([hidden])", "els => els.length")

        assert len(visible()) == 5 and page.inner_text("#shown") == "显示 5 / 5 处"
        page.fill("#q", "对彖")
        assert visible() == ["TW503"] and sections() == 1
        page.fill("#q", "生物2201 tw551")  # words anywhere in the file name and the finding, any case
        assert visible() == ["TW551"]
        page.fill("#q", "")
        page.uncheck("input[name=cat][value=punctuation]")
        assert sorted(visible()) == ["TW201", "TW401", "TW503"]
        page.uncheck("input[name=sev][value=error]")
        assert visible() == ["TW503"] and page.inner_text("#shown") == "显示 1 / 5 处"
        page.check("input[name=sev][value=error]")
        page.check("input[name=cat][value=punctuation]")
        page.select_option("#branch", "化工2201团支部")
        assert sorted(visible()) == ["TW201", "TW551"] and sections() == 1
        assert page.eval_on_selector_all("tr[data-section]:not([hidden])", "els => els.length") == 1
        page.select_option("#branch", "")
        page.click("a[data-branch='生物2201团支部']")  # the per-branch table narrows the list to one branch
        assert page.input_value("#branch") == "生物2201团支部" and sorted(visible()) == ["TW401", "TW503", "TW551"]
        # On paper the tools are hidden and every finding of the current view prints.
        page.emulate_media(media="print")
        assert not page.is_visible(".tools")
        browser.close()
    assert not errors
    assert all(u.startswith("file://") for u in requests)  # nothing fetched from the network


def test_escaped_and_masked_everywhere():
    evil = '交上来/<script>alert(1)</script>"_化工2201团支部.docx'
    pid = "110101200405061090"
    f = Finding(evil, "TW101", "placeholder", "warning", f"疑似占位符“<b>{pid}</b>”", Location(paragraph=1), pid)
    html = render(CheckResult([FileStatus(evil, "summary")], [f]), "html",
                  contexts={evil: {"p:1": f"身份证号 <i>{pid}</i>"}})
    assert "<script>alert" not in html and "<b>110" not in html and "<i>" not in html
    assert "&lt;b&gt;110101********1090&lt;/b&gt;" in html and "&lt;i&gt;" in html
    assert pid not in html and "110101********1090" in html
    assert 'data-file="交上来/&lt;script&gt;alert(1)&lt;/script&gt;&quot;_化工2201团支部.docx"' in html
