"""The web page's safety, through its HTTP interface: limits, hostile archives and names, other
sites, other people's jobs, temporary folders."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from toolkit.app.web.uploads import Limits, relative_parts

from .conftest import ADDRESS, make_client, wait

TEXT = "化工2201团支部2026年推优工作总结\n本支部共有团员32名，召开支部大会1次。\n".encode("utf-8")


def start(client, files, url: str = "/check") -> str:
    response = client.post(url, files=files, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


def report(client, job: str) -> dict:
    return json.loads(client.get(f"{job}/files/审查结果.json").content)


def zipped(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_pages_are_chinese_and_give_a_session(client):
    client.cookies.clear()
    response = client.get("/check")
    assert response.status_code == 200 and "开始审查" in response.text
    assert 'name="files" multiple' in response.text and 'name="registers" multiple' in response.text
    assert "tuanwen_session" in response.cookies
    assert "SameSite=strict" in response.headers["set-cookie"] or "samesite=strict" in response.headers["set-cookie"]
    for page in ("/", "/convert", "/generate", "/generate/tuiyou-form", "/draft"):
        assert client.get(page).status_code == 200, page
    missing = client.get("/generate/没有这个模板", headers={"Accept": "text/html"})
    assert missing.status_code == 404 and "没有名为“没有这个模板”的模板" in missing.text


def test_a_check_job_writes_the_reports_and_deletes_the_uploads(client, tmp_path):
    job = start(client, [("files", ("化工2201团支部2026年推优工作总结.txt", TEXT))])
    assert wait(client, job)["state"] == "done"
    data = report(client, job)
    assert [f["file"] for f in data["files"]] == ["化工2201团支部2026年推优工作总结.txt"]  # as uploaded
    page = client.get(job).text
    assert 'id="errors"' in page and 'id="warnings"' in page and '.xlsx"' in page
    assert client.get(f"{job}/files/审查报告.xlsx").content[:2] == b"PK"
    folder = tmp_path / "jobs" / job.rsplit("/", 1)[1]
    assert not (folder / "in").exists(), "uploads stay after the job"
    client.post(f"{job}/delete")
    assert not folder.exists()
    assert client.get(f"{job}/status").status_code == 404


def test_the_server_removes_every_job_folder_when_it_stops(tmp_path):
    with make_client(tmp_path / "jobs") as c:
        c.get("/")
        job = start(c, [("files", ("总结.txt", TEXT))])
        wait(c, job)
        assert any((tmp_path / "jobs").iterdir())
    assert not (tmp_path / "jobs").exists()


def test_oversized_upload_refused_in_chinese(tmp_path):
    with make_client(tmp_path / "jobs", Limits(max_bytes=50_000)) as c:
        c.get("/")
        response = c.post("/check", files=[("files", ("大文件.txt", b"x" * 60_000))])
        assert response.status_code == 413 and "超过" in response.json()["error"]

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b"y" * 10_000
        response = c.post("/check", content=chunks(),
                          headers={"Content-Type": "multipart/form-data; boundary=xyz"})
        assert response.status_code == 413
        assert not any((tmp_path / "jobs").iterdir()), "a refused upload left a job folder"


def test_too_many_files_refused(tmp_path):
    with make_client(tmp_path / "jobs", Limits(max_files=3)) as c:
        c.get("/")
        response = c.post("/check", files=[("files", (f"{i}.txt", TEXT)) for i in range(4)],
                          headers={"Accept": "text/html"})
        assert response.status_code in (400, 413) and "最多" in response.text


def test_zip_slip_members_are_refused_and_nothing_lands_outside(client, tmp_path):
    archive = zipped({"../../逃出.txt": TEXT, "/绝对路径.txt": TEXT, "化工2201团支部/总结.txt": TEXT})
    job = start(client, [("files", ("收到的材料.zip", archive))])
    assert wait(client, job)["state"] == "done"
    files = {f["file"]: f for f in report(client, job)["files"]}
    assert files["收到的材料.zip/化工2201团支部/总结.txt"]["status"] == "ok"
    unsafe = [f for name, f in files.items() if "逃出" in name or "绝对路径" in name]
    assert len(unsafe) == 2 and all(f["status"] == "skipped" and "不安全" in f["error"] for f in unsafe)
    assert not list(tmp_path.rglob("逃出.txt")) and not Path("/绝对路径.txt").exists()


def test_zip_bomb_is_refused(client):
    bomb = zipped({"总结.txt": b"0" * (8 * 2**20)})  # 8 MB of zeros in a few KB
    assert len(bomb) < 100_000
    job = start(client, [("files", ("炸弹.zip", bomb))])
    assert wait(client, job)["state"] == "done"
    (entry,) = report(client, job)["files"]
    assert entry["status"] == "error" and "压缩炸弹" in entry["error"]


@pytest.mark.parametrize("kind", ["7z", "rar"])
def test_7z_and_rar_uploads_are_read_as_folders_and_unsafe_members_refused(client, tmp_path, kind):
    from archives import rar4, seven_zip

    made = (seven_zip if kind == "7z" else rar4)(tmp_path / f"a.{kind}", {
        "化工2201团支部/总结.txt": TEXT, "../../逃出.txt": TEXT})
    job = start(client, [("files", (f"收到的材料.{kind}", made.read_bytes()))])
    assert wait(client, job)["state"] == "done"
    files = {f["file"]: f for f in report(client, job)["files"]}
    assert files[f"收到的材料.{kind}/化工2201团支部/总结.txt"]["status"] == "ok"
    (escaped,) = [f for name, f in files.items() if "逃出" in name]
    assert escaped["status"] == "skipped" and "不安全" in escaped["error"]
    assert not list(tmp_path.rglob("逃出.txt"))


def test_hostile_upload_names_stay_inside_the_job(client, tmp_path):
    job = start(client, [("files", ("../../../逃出.txt", TEXT)), ("files", ("C:\\Windows\\总结.txt", TEXT)),
                         ("files", ("化工/../../2201/总结.txt", TEXT))])  # a folder upload keeps its subfolders
    assert wait(client, job)["state"] == "done"
    names = sorted(f["file"] for f in report(client, job)["files"])
    assert names == ["化工/2201/总结.txt", "总结.txt", "逃出.txt"]
    assert not list(tmp_path.rglob("逃出.txt"))  # the uploads are gone; nothing was written elsewhere


@pytest.mark.parametrize("name, parts", [("../a/../b.docx", ["a", "b.docx"]), ("/etc/passwd", ["etc", "passwd"]),
                                         ("D:\\x\\..\\y.txt", ["x", "y.txt"]), ("..", []), ("", [])])
def test_relative_parts(name, parts):
    assert relative_parts(name) == parts


def test_another_origin_is_refused(client):
    evil = {"Origin": "http://evil.example"}
    assert client.post("/check", files=[("files", ("a.txt", TEXT))], headers=evil).status_code == 403
    assert "其他网站" in client.post("/draft", data={"org": "x"}, headers=evil).json()["error"]
    cross = {"Origin": ADDRESS, "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"}
    assert client.get("/", headers=cross).status_code == 403
    navigate = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}
    assert client.get("/", headers={**navigate, "Origin": ""}).status_code in (200, 403)
    # DNS rebinding: a name that points here but is not this machine's own
    assert client.get("/", headers={"Host": "evil.example:8730"}).status_code == 403


def test_a_post_without_the_session_is_refused(client):
    client.cookies.clear()
    response = client.post("/check", files=[("files", ("a.txt", TEXT))], headers={"Accept": "text/html"})
    assert response.status_code == 403 and "刷新" in response.text


def test_someone_elses_job_and_files_are_not_reachable(client):
    job = start(client, [("files", ("总结.txt", TEXT))])
    wait(client, job)
    assert client.get(f"{job}/files/审查报告.xlsx").status_code == 200
    for bad in ("../in/总结.txt", "%2e%2e/%2e%2e/etc/passwd", "审查报告.xlsx/../../x", "/etc/passwd"):
        assert client.get(f"{job}/files/{bad}").status_code == 404, bad
    assert client.get(f"{job}/files/总结.txt").status_code == 404  # an upload is not a result
    mine = dict(client.cookies)
    client.cookies.clear()
    client.get("/")  # another browser: another session
    for url in (job, f"{job}/status", f"{job}/files/审查报告.xlsx"):
        response = client.get(url)
        assert response.status_code == 404 and "找不到" in response.json()["error"], url
    assert client.post(f"{job}/delete").status_code == 404
    client.cookies.clear()
    client.cookies.update(mine)
    assert client.get(f"{job}/status").status_code == 200
    assert client.get("/jobs/不存在的任务/status").status_code == 404
