"""The four workflows in real Chromium (the system's /usr/bin/chromium, driven by Playwright; no
browser is downloaded), on the demo round: uploads of files, a folder and a .zip, a damaged file,
every download, and what the page shows compared with the commands' own output.

Screenshots of the four pages go to ``docs/`` when ``TUANWEN_SCREENSHOTS=1`` (else to a temporary
folder, so that running the tests leaves the repository as it was)."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from toolkit.app.web import create_app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LONG = 300_000  # ms: a bound for a job on a busy machine, not a speed claim

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="未安装 chromium")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The application on a free port of 127.0.0.1, in a thread of this process."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(tmp_path_factory.mktemp("jobs") / "jobs"), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        assert thread.is_alive(), "服务未能启动"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def round_dir(demo_round, tmp_path_factory) -> Path:
    """The demo round as an office receives it: some forms loose, the rest in a .zip from QQ, the
    damaged form among them; the office's tally and log beside."""
    folder = tmp_path_factory.mktemp("round")
    subs = sorted((demo_round / "提交材料").iterdir())
    zipped = [f for i, f in enumerate(subs) if i % 2 or "损坏" in f.name]
    assert any("损坏" in f.name for f in zipped)
    with zipfile.ZipFile(folder / "QQ收到的材料.zip", "w") as zf:
        for f in zipped:
            zf.write(f, f"生物与化工/{f.name}")
    for f in subs:
        if f not in zipped:
            shutil.copy(f, folder / f.name)
    shutil.copytree(demo_round / "团委材料", folder / "团委材料")
    return folder


def shot(page, name: str, tmp_path: Path) -> None:
    folder = ROOT / "docs" if os.environ.get("TUANWEN_SCREENSHOTS") else tmp_path
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(folder / f"web-{name}.png"))


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, capture_output=True, text=True)


def downloads(page, folder: Path) -> dict[str, Path]:
    """Click every download link of the job's page; the files by name."""
    got = {}
    for link in page.locator("ul.downloads a").all():
        with page.expect_download() as info:
            link.click()
        download = info.value
        got[download.suggested_filename] = folder / download.suggested_filename
        download.save_as(got[download.suggested_filename])
    return got


def test_check_workflow_equals_the_command(page, base, round_dir, tmp_path):
    page.goto(f"{base}/check")
    submissions = sorted(p.name for p in round_dir.iterdir() if p.name != "团委材料")
    page.set_input_files('input[name="files"]', [str(round_dir / name) for name in submissions])
    registers = sorted((round_dir / "团委材料").iterdir())
    page.set_input_files('input[name="registers"]', [str(p) for p in registers])
    page.get_by_role("button", name="开始审查").click()
    page.wait_for_selector("#errors", timeout=LONG)

    expected = cli("check", *submissions, *[a for r in registers for a in ("--register", f"团委材料/{r.name}")],
                   "--format", "json", cwd=round_dir)
    assert expected.returncode in (0, 1), expected.stderr
    want = json.loads(expected.stdout)
    severities = [f["severity"] for f in want["findings"]]
    assert page.inner_text("#errors") == str(severities.count("error")) != "0"
    assert page.inner_text("#warnings") == str(severities.count("warning"))
    damaged = [f for f in want["files"] if "损坏" in f["file"]]
    assert damaged and damaged[0]["status"] == "error" and damaged[0]["file"].startswith("QQ收到的材料.zip/")
    assert page.locator('a[href$=".xlsx"]').count() >= 1

    report = page.frame_locator("iframe.report")
    report.locator(".finding").first.wait_for()
    shown = sorted((f.locator(".rule").inner_text(), f.locator(".msg").inner_text())
                   for f in report.locator(".finding").all())
    assert shown == sorted((f["rule"], f["message"]) for f in want["findings"])
    shot(page, "check", tmp_path)

    got = downloads(page, tmp_path)
    assert set(got) == {"审查报告.xlsx", "审查报告.html", "审查结果.json", "批注副本（按团支部）.zip"}
    assert json.loads(got["审查结果.json"].read_text(encoding="utf-8")) == want
    from openpyxl import load_workbook

    assert load_workbook(got["审查报告.xlsx"]).sheetnames
    assert "团文审查报告" in got["审查报告.html"].read_text(encoding="utf-8")
    with zipfile.ZipFile(got["批注副本（按团支部）.zip"]) as zf:
        folders = {n.split("/")[0] for n in zf.namelist()}
        assert all(n.endswith(".docx") and n.count("/") == 1 for n in zf.namelist())
    flagged_branches = {f.split("/")[-1].split("_")[0] for f in (x["file"] for x in want["findings"])} & {
        "化工2201团支部", "化工2202团支部", "生物2201团支部"}
    assert flagged_branches <= folders and "团委材料" in folders


def test_convert_workflow_from_a_folder(page, base, demo_round, tmp_path):
    page.goto(f"{base}/convert")
    page.set_input_files('input[name="folder"]', str(demo_round / "提交材料"))
    page.get_by_role("button", name="开始汇总").click()
    page.wait_for_selector("#records", timeout=LONG)

    out = tmp_path / "汇总.json"
    done = cli("convert", "提交材料", "-o", str(out), cwd=demo_round)
    assert done.returncode == 0, done.stderr
    entries = json.loads(out.read_text(encoding="utf-8"))
    records = [e for e in entries if "status" not in e]  # then one status entry per file without records
    assert page.inner_text("#records") == str(len(records))
    failed = page.locator("table.failed tr").all_inner_texts()
    assert any("损坏" in row and "已损坏" in row for row in failed)
    names = page.locator("table.records tr td:first-child").all_inner_texts()
    assert sorted(names) == sorted(r["文件"] for r in records)
    shot(page, "convert", tmp_path)
    got = downloads(page, tmp_path)
    from openpyxl import load_workbook

    sheet = load_workbook(got["汇总结果.xlsx"]).worksheets[0]
    assert sheet.max_row - 1 == len(records)


def test_generate_workflow(page, base, tmp_path):
    page.goto(f"{base}/generate")
    page.get_by_role("link", name="推优登记表").first.click()
    assert "身份证号" in page.inner_text("table.list")
    shot(page, "generate", tmp_path)  # the template's page: its fields, the blank sheet, the upload
    with page.expect_download() as info:
        page.get_by_role("link", name="下载空白录入表（.xlsx）").click()
    blank = tmp_path / info.value.suggested_filename
    info.value.save_as(blank)
    from openpyxl import load_workbook

    wb = load_workbook(blank)
    sheet = wb.worksheets[0]
    heads = [c.value for c in sheet[1]]
    assert "姓名" in heads and str(sheet.cell(2, 1).value).startswith("例：")

    # A sheet with a mistake: the problems are listed and nothing is generated.
    from toolkit.render.catalog import workbook_bytes
    from toolkit.render.schema import load_schema

    filled = load_workbook(io.BytesIO(workbook_bytes(load_schema("tuiyou-form"), filled=True)))
    ws = filled.worksheets[0]
    for col, cell in enumerate(ws[2], 1):  # a second person below the example
        ws.cell(3, col).value = cell.value
    ws.cell(3, 1).value = "李四"
    ws.cell(3, heads.index("团支部") + 1).value = None
    bad = tmp_path / "填错的录入表.xlsx"
    filled.save(bad)
    page.set_input_files('input[name="data"]', str(bad))
    page.get_by_role("button", name="开始生成").click()
    page.wait_for_selector(".failure", timeout=LONG)
    assert "团支部" in page.inner_text(".failure")
    assert page.locator("ul.downloads a").count() == 0

    # The same sheet put right: the documents, with PDFs where LibreOffice is present.
    ws.cell(3, heads.index("团支部") + 1).value = "化工2201团支部"
    good = tmp_path / "录入表.xlsx"
    filled.save(good)
    page.goto(f"{base}/generate/tuiyou-form")
    page.set_input_files('input[name="data"]', str(good))
    page.get_by_role("button", name="开始生成").click()
    page.wait_for_selector("ul.downloads a", timeout=LONG)
    (archive,) = downloads(page, tmp_path).values()
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
    docx = [n for n in names if n.endswith(".docx")]
    assert len(docx) == 2 and any("李四" in n for n in docx)
    if shutil.which("soffice"):
        assert sum(n.endswith(".pdf") for n in names) == 2
    else:
        assert "没有找到 LibreOffice" in page.inner_text("main")


def test_draft_workflow_and_its_checks(page, base, tmp_path):
    page.goto(f"{base}/draft")
    page.fill('input[name="org"]', "共青团示范学院软件2301团支部")
    page.fill('input[name="branch"]', "软件2301团支部")
    page.fill('input[name="date"]', "2026-06-30")
    page.fill('input[name="period"]', "2026年上半年")
    page.check('input[name="topic"][value="志愿服务"]')
    page.check('input[name="topic"][value="主题团日"]')
    page.fill('input[name="members"]', "36")
    page.fill('input[name="activities"]', "5")
    page.fill('input[name="hours"]', "260")
    page.fill('textarea[name="events"]', "社区义务清扫，2026-04-18，阳光社区，28\n参观校史馆，2026-05-04，校史馆，34")
    page.fill('textarea[name="plans"]', "每月开展一次志愿服务\n加强团员理论学习")
    shot(page, "draft", tmp_path)
    page.get_by_role("button", name="开始起草").click()
    page.wait_for_selector("ul.downloads a", timeout=LONG)
    (draft,) = downloads(page, tmp_path).values()
    assert draft.suffix == ".docx"
    from toolkit.read import read

    text = "\n".join(p.text for p in read(str(draft)).paragraphs)
    assert "36" in text and "社区义务清扫" in text and "共青团示范学院软件2301团支部" in text

    checked = cli("check", draft.name, "--format", "json", cwd=draft.parent)
    want = json.loads(checked.stdout)["findings"]
    if want:
        rows = page.locator("table.findings tr").all_inner_texts()[1:]
        assert len(rows) == len(want)
        assert all(any(f["rule"] in row and f["message"] in row for row in rows) for f in want)
    else:
        assert page.locator("#passed").count() == 1


def test_pages_open_without_scripts_errors(page, base):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    for path in ("/", "/check", "/convert", "/generate", "/generate/summary", "/draft", "/settings"):
        page.goto(f"{base}{path}")
        assert page.locator("nav").inner_text().split() == ["审查", "汇总", "生成", "起草", "设置"]
    assert not errors


def test_settings_page_sets_a_cluster_and_says_where_files_go(page, base):
    page.goto(f"{base}/settings")
    assert page.locator('input[name="cluster"][value="off"]').is_checked()
    page.locator('input[name="cluster"][value="remote"]').check()
    page.fill('input[name="address"]', "10.0.0.5:8786")
    page.get_by_role("button", name="保存设置").click()
    assert "tcp://" in page.locator("p.error").inner_text()
    page.fill('input[name="address"]', "tcp://10.0.0.5:8786")
    page.get_by_role("button", name="保存设置").click()
    assert page.locator("p.saved").is_visible()
    page.goto(f"{base}/check")
    assert "tcp://10.0.0.5:8786" in page.locator("header .local").inner_text()
    page.goto(f"{base}/settings")
    page.locator('input[name="cluster"][value="off"]').check()
    page.get_by_role("button", name="保存设置").click()
    assert "不会发送" in page.locator("header .local").inner_text()


def test_a_broken_template_does_not_break_the_generate_page(page, base, tmp_path, monkeypatch):
    from toolkit.render import schema

    folder = tmp_path / "templates"
    shutil.copytree(schema.TEMPLATES_DIR, folder)
    (folder / "bulletin.yaml").write_text("fields:\n  - name: 标题\n    type: 不存在的类型\n", encoding="utf-8")
    monkeypatch.setattr(schema, "TEMPLATES_DIR", folder)
    page.goto(f"{base}/generate")
    broken = page.locator("li.broken")
    assert broken.count() == 1 and "bulletin" in broken.inner_text() and "暂时无法使用" in broken.inner_text()
    page.locator('a[href="/generate/summary"]').click()
    assert page.locator("h1").count() == 1 and page.url.endswith("/generate/summary")


def test_7z_and_rar_uploads_in_the_check_page_equal_the_command(page, base, demo_round, tmp_path):
    from archives import rar4, seven_zip

    subs = sorted((demo_round / "提交材料").iterdir())
    chem = {f"化工/{f.name}": f.read_bytes() for f in subs if f.name.startswith("化工")}
    bio = {f"生物/{f.name}": f.read_bytes() for f in subs if f.name.startswith(("生物", "损坏"))}
    made = [seven_zip(tmp_path / "化工.7z", chem), rar4(tmp_path / "生物.rar", bio)]
    page.goto(f"{base}/check")
    page.set_input_files('input[name="files"]', [str(p) for p in made])
    page.get_by_role("button", name="开始审查").click()
    page.wait_for_selector("#errors", timeout=LONG)

    expected = cli("check", "化工.7z", "生物.rar", "--format", "json", cwd=tmp_path)
    want = json.loads(expected.stdout)
    assert {f["file"] for f in want["files"]} == {f"化工.7z/{n}" for n in chem} | {f"生物.rar/{n}" for n in bio}
    severities = [f["severity"] for f in want["findings"]]
    assert page.inner_text("#errors") == str(severities.count("error")) != "0"
    assert page.inner_text("#warnings") == str(severities.count("warning"))
    (tmp_path / "下载").mkdir()
    got = downloads(page, tmp_path / "下载")  # the json report: the same files and findings as the command
    assert json.loads(got["审查结果.json"].read_text(encoding="utf-8")) == want
    with zipfile.ZipFile(got["批注副本（按团支部）.zip"]) as zf:  # archive members get copies too
        assert {n.split("/")[0] for n in zf.namelist()} >= {"化工2201团支部", "生物2201团支部"}
