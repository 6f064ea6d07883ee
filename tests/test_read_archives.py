""".7z and .rar archives of submissions, read as folders like a .zip: names kept (also under the C
locale), unsafe members refused, expansion and member count bounded, broken and locked archives said."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from archives import rar4, seven_zip
from cli import main
from toolkit.read import archive
from toolkit.read.detect import sniff

ROOT = Path(__file__).resolve().parents[1]
SUMMARY = "关于开展主题团日活动的工作总结\n希望全体团员再接再励，争取更好成绩。\n".encode()  # TW500: 再接再厉
MAKERS = {"7z": seven_zip, "rar": rar4}


def _check(*paths) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["check", *map(str, paths), "--format", "json", "--jobs", "1"])
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.parametrize("kind", MAKERS)
def test_members_are_read_as_a_folder(tmp_path, kind):
    sub = MAKERS[kind](tmp_path / f"收到的材料.{kind}", {"化工2201团支部/总结.txt": SUMMARY,
                                                       "__MACOSX/化工2201团支部/._总结.txt": b"\0"})
    assert sniff(str(sub)) == kind and archive.is_archive(str(sub))
    code, data = _check(sub)
    files = {f["file"]: f for f in data["files"]}
    member = f"{sub}/化工2201团支部/总结.txt"
    assert files[member]["status"] == "ok" and files[member]["kind"] == "summary"
    assert files[f"{sub}/__MACOSX/化工2201团支部/._总结.txt"]["status"] == "skipped"
    assert code == 1 and {f["file"] for f in data["findings"]} == {member}


@pytest.mark.parametrize("kind", MAKERS)
def test_unsafe_members_are_refused_and_nothing_lands_outside(tmp_path, kind):
    (tmp_path / "in").mkdir()
    members = {"../../逃逸.txt": SUMMARY, "/tmp/绝对.txt": SUMMARY, "正常.txt": SUMMARY}
    sub = (rar4(tmp_path / "in/evil.rar", members, links={"链接.txt": "/etc/passwd"}) if kind == "rar"
           else seven_zip(tmp_path / "in/evil.7z", members))
    _, data = _check(sub)
    status = {f["file"].removeprefix(f"{sub}/"): f for f in data["files"]}
    assert status["正常.txt"]["status"] == "ok"
    unsafe = [n for n in status if n != "正常.txt"]
    assert len(unsafe) == (3 if kind == "rar" else 2)
    assert all(status[n]["status"] == "skipped" and "不安全" in status[n]["error"] for n in unsafe), status
    assert not list(tmp_path.rglob("逃逸.txt")) and not Path("/tmp/绝对.txt").exists()


def test_a_7z_bomb_is_refused_whole_and_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "_SMALL", 2**20)
    bomb = seven_zip(tmp_path / "炸弹.7z", {"a.txt": SUMMARY, "b.txt": b"0" * (4 * 2**20)})
    assert os.path.getsize(bomb) * archive.MAX_RATIO < 4 * 2**20
    refused: dict = {}
    sources: dict = {}
    (tmp_path / "tmp").mkdir()
    assert archive.expand([str(bomb)], refused, str(tmp_path / "tmp"), sources) == [str(bomb)]
    assert "压缩炸弹" in str(refused[str(bomb)]) and sources == {}
    assert not list((tmp_path / "tmp").rglob("*.txt"))  # what was unpacked before the cap is gone


def test_a_large_honest_7z_of_documents_is_unpacked(tmp_path):
    # Office files hardly compress: a few MB of them in a .7z of about the same size is no bomb.
    data = os.urandom(6 * 2**20)
    sub = seven_zip(tmp_path / "大.7z", {"一/附件.txt": data})
    sources: dict = {}
    names = archive.expand([str(sub)], {}, str(tmp_path), sources)
    assert names == [f"{sub}/一/附件.txt"] and Path(sources[names[0]]).read_bytes() == data


@pytest.mark.parametrize("kind", MAKERS)
def test_too_many_members_refused(tmp_path, kind, monkeypatch):
    monkeypatch.setattr(archive, "MAX_MEMBERS", 5)
    sub = MAKERS[kind](tmp_path / f"多.{kind}", {f"{i}.txt": SUMMARY for i in range(6)})
    refused: dict = {}
    assert archive.expand([str(sub)], refused, str(tmp_path), {}) == [str(sub)]
    assert refused[str(sub)].status == "error"


@pytest.mark.parametrize("kind", MAKERS)
def test_a_truncated_archive_is_reported_and_the_batch_goes_on(tmp_path, kind):
    whole = MAKERS[kind](tmp_path / f"whole.{kind}", {"总结.txt": os.urandom(50_000)})
    broken = tmp_path / f"损坏.{kind}"
    broken.write_bytes(whole.read_bytes()[:len(whole.read_bytes()) // 2])
    whole.unlink()
    (tmp_path / "ok.txt").write_bytes(SUMMARY)
    _, data = _check(tmp_path)
    status = {Path(f["file"]).name: f for f in data["files"]}
    assert status[broken.name]["status"] == "error" and "损坏" in status[broken.name]["error"]
    assert status["ok.txt"]["status"] == "ok"


def test_chinese_names_survive_the_c_locale(tmp_path):
    sub = seven_zip(tmp_path / "in.7z", {"化工2201团支部/总结.txt": SUMMARY})
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(sub), "--format", "json", "--jobs", "1"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=tmp_path)
    assert [f["file"] for f in json.loads(proc.stdout)["files"]] == [f"{sub}/化工2201团支部/总结.txt"], proc.stderr


def test_without_libarchive_the_archive_is_listed_with_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "libarchive", None)  # import fails as without the package
    sub = rar4(tmp_path / "材料.rar", {"总结.txt": SUMMARY})
    refused: dict = {}
    assert archive.expand([str(sub)], refused, str(tmp_path), {}) == [str(sub)]
    assert "libarchive" in str(refused[str(sub)]) and ".zip" in str(refused[str(sub)])


def test_convert_reads_7z_and_rar_members(tmp_path):
    subs = [seven_zip(tmp_path / "a.7z", {"一/总结.txt": SUMMARY}), rar4(tmp_path / "b.rar", {"二/总结.txt": SUMMARY})]
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["convert", *map(str, subs), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert [r["文件"] for r in json.loads(out.read_text(encoding="utf-8"))] == [f"{subs[0]}/一/总结.txt",
                                                                               f"{subs[1]}/二/总结.txt"]


def test_a_locked_rar_is_refused_with_the_reason(tmp_path):
    sub = rar4(tmp_path / "加密.rar", {"总结.txt": SUMMARY}, locked=True)
    refused: dict = {}
    sources: dict = {}
    assert archive.expand([str(sub)], refused, str(tmp_path), sources) == [str(sub)]
    assert "密码" in str(refused[str(sub)]) and sources == {}


@pytest.mark.parametrize("kind", ["zip", "7z", "rar"])
def test_members_get_annotated_copies_like_loose_files(tmp_path, kind):
    import io
    import zipfile

    import docx

    doc = docx.Document()
    for line in SUMMARY.decode().splitlines():
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    members = {"化工2201团支部/总结.docx": buf.getvalue()}
    sub = tmp_path / f"收到的材料.{kind}"
    if kind == "zip":
        with zipfile.ZipFile(sub, "w") as zf:
            zf.writestr(*next(iter(members.items())))
    else:
        MAKERS[kind](sub, members)
    out = tmp_path / "批注"
    result = CliRunner().invoke(main, ["check", str(sub), "--annotate", str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    (copy,) = out.iterdir()
    assert copy.name == "总结_批注.docx"
    with zipfile.ZipFile(copy) as zf:
        assert "再接再励" in zf.read("word/comments.xml").decode() or "再接再厉" in zf.read("word/comments.xml").decode()
    assert not list(tmp_path.glob("**/tw-unzipped-*"))
