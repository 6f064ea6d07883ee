"""The settings page (a cluster for 审查 and 汇总, off by default, per browser session), the one check
driver behind every way a round is checked, and a 生成 page that survives a broken template."""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

import toolkit
from toolkit.render import schema

from .conftest import make_client, wait
from .test_web_api import report, start

TEXTS = {"化工2201团支部工作总结.txt": "化工2201团支部2026年工作总结\n希望全体团员再接再励，争取更好成绩。\n",
         "生物2201团支部工作总结.txt": "生物2201团支部2026年工作总结\n本学期团支部全体团员认真的学习了团的知识。\n"}
UPLOAD = [("files", (name, text.encode())) for name, text in TEXTS.items()]


def _findings(client, job: str) -> list[tuple]:
    return sorted((f["file"], f["rule"], f["message"]) for f in report(client, job)["findings"])


def test_the_cluster_is_off_by_default_and_the_page_says_files_stay_here(client):
    page = client.get("/settings").text
    assert 'value="off" checked' in page and "文件不会发送到任何地方" in page


def test_a_wrong_address_is_refused_in_chinese_and_nothing_changes(client):
    response = client.post("/settings", data={"cluster": "remote", "address": "10.0.0.5"})
    assert response.status_code == 400 and "tcp://" in response.text and "不对" in response.text
    assert 'value="off" checked' in client.get("/settings").text


def test_a_remote_cluster_is_this_sessions_only_and_the_header_warns(client, tmp_path):
    response = client.post("/settings", data={"cluster": "remote", "address": "tcp://10.0.0.5:8786"},
                           follow_redirects=True)
    assert response.status_code == 200 and "已保存" in response.text
    assert "会发到集群 tcp://10.0.0.5:8786" in client.get("/check").text
    with make_client(tmp_path / "other") as other:  # another browser on the same server
        assert "文件不会发送到任何地方" in other.get("/check").text
    client.post("/settings", data={"cluster": "off"})
    assert "文件不会发送到任何地方" in client.get("/check").text


def test_settings_from_another_site_are_refused(client):
    response = client.post("/settings", data={"cluster": "local"}, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    assert 'value="off" checked' in client.get("/settings").text


def test_a_check_on_the_local_cluster_finds_what_a_plain_check_finds(client):
    pytest.importorskip("distributed")
    plain = start(client, UPLOAD)
    assert wait(client, plain)["state"] == "done"
    client.post("/settings", data={"cluster": "local"})
    clustered = start(client, UPLOAD)
    assert wait(client, clustered)["state"] == "done", client.get(clustered).text
    assert _findings(client, clustered) == _findings(client, plain) and _findings(client, plain)
    converted = start(client, UPLOAD, "/convert")
    assert wait(client, converted)["state"] == "done"
    assert "汇总结果.xlsx" in client.get(converted).text


def test_a_broken_template_is_listed_with_its_error_and_the_others_work(client, tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    shutil.copytree(schema.TEMPLATES_DIR, folder)
    (folder / "notice.yaml").write_text("fields: [name: 标题\n  - 未闭合", encoding="utf-8")
    monkeypatch.setattr(schema, "TEMPLATES_DIR", folder)
    page = client.get("/generate").text
    assert "notice" in page and "暂时无法使用" in page and "无法解析" in page
    assert 'href="/generate/tuiyou-form"' in page
    broken = client.get("/generate/notice", headers={"Accept": "text/html"})
    assert broken.status_code == 500 and "暂时无法使用" in broken.text
    assert client.get("/generate/tuiyou-form").status_code == 200
    assert client.get("/generate/tuiyou-form/sheet").content[:2] == b"PK"


def test_reports_and_annotated_copies_are_written_by_one_driver():
    """``tuanwen check``, the web page's 审查 and the demo all go through ``app.check.check_round``:
    no other module of the application writes a report or annotated copies itself."""
    writers = {"write_report", "annotate", "annotate_by_branch"}
    app = Path(toolkit.__file__).parent / "app"
    callers = set()
    for path in app.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in writers:
                    callers.add(path.relative_to(app).as_posix())
    assert callers == {"check.py"}


def test_the_web_check_report_equals_the_command(client, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from cli import main

    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    job = start(client, UPLOAD)
    assert wait(client, job)["state"] == "done"
    monkeypatch.chdir(tmp_path)  # files named as uploaded, as the page names them
    command = json.loads(CliRunner().invoke(main, ["check", *TEXTS, "--format", "json", "--jobs", "1"]).stdout)
    assert _findings(client, job) == sorted((f["file"], f["rule"], f["message"]) for f in command["findings"])


def test_templates_command_lists_a_broken_template_with_its_error(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from cli import main

    folder = tmp_path / "templates"
    shutil.copytree(schema.TEMPLATES_DIR, folder)
    (folder / "minutes.yaml").write_text("fields: [name: 标题\n  - 未闭合", encoding="utf-8")
    monkeypatch.setattr(schema, "TEMPLATES_DIR", folder)
    result = CliRunner().invoke(main, ["templates"])
    assert result.exit_code == 0, result.output
    assert "tuiyou-form" in result.output and "minutes" in result.output and "无法使用" in result.output
