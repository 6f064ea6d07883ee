"""Batch and output faults: a worker killed mid-batch, stale temporary files, names that are not UTF-8."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys

import pytest

from toolkit.batch import run_parallel
from toolkit.errors import TuanwenError
from toolkit.files import TEMP_PREFIX, atomic_write_text, clean_stale, shown, temp_prefix


def _square_or_die(n: int) -> int:
    if n in (3, 11):
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    return n * n


def test_a_killed_worker_costs_only_its_item():
    items = list(range(20))
    got = list(run_parallel(_square_or_die, items, jobs=2, lost=lambda n: -n))
    assert got == [-n if n in (3, 11) else n * n for n in items]


def _logged_square(item: tuple[str, int]) -> int:
    log, n = item
    with open(log, "a", encoding="utf-8") as fh:  # one short append per call: lines do not interleave
        fh.write(f"{n}\n")
    return n * n


def test_each_item_is_worked_once(tmp_path):
    # The pool once took the items it had already handed back for unfinished ones and ran the whole
    # batch a second time (twice the CPU, the results thrown away).
    log = str(tmp_path / "calls.txt")
    items = [(log, n) for n in range(200)]
    assert list(run_parallel(_logged_square, items, jobs=2, label=None)) == [n * n for n in range(200)]
    assert sorted(map(int, (tmp_path / "calls.txt").read_text().split())) == list(range(200))


def test_after_a_killed_worker_finished_items_are_not_worked_again(tmp_path):
    log = str(tmp_path / "calls.txt")
    items = [(log, n) for n in range(40)]
    got = list(run_parallel(_logged_or_die, items, jobs=2, label=None, lost=lambda item: -item[1]))
    assert got == [-n if n == 30 else n * n for n in range(40)]
    calls = sorted(map(int, (tmp_path / "calls.txt").read_text().split()))
    assert calls.count(30) == 2 and len(calls) < 40 + 2 * 2  # the killer twice, at most its neighbour again


def _logged_or_die(item: tuple[str, int]) -> int:
    if item[1] == 30:
        _logged_square(item)
        os.kill(os.getpid(), signal.SIGKILL)
    return _logged_square(item)


def test_a_killed_worker_without_a_fallback_stops_the_batch_in_chinese():
    with pytest.raises(TuanwenError, match="意外"):
        list(run_parallel(_square_or_die, list(range(6)), jobs=2))


def test_stale_temporary_files_of_dead_runs_are_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    (tmp_path / f"{TEMP_PREFIX}{dead}-abc.xlsx").write_text("half")
    (tmp_path / f"{TEMP_PREFIX}{dead}-dir").mkdir()
    (tmp_path / f"{temp_prefix()}mine.xlsx").write_text("being written")
    (tmp_path / f"{TEMP_PREFIX}1-init.xlsx").write_text("pid 1 is alive")
    (tmp_path / "提交.docx").write_text("not ours")
    assert sorted(clean_stale(tmp_path)) == [f"{TEMP_PREFIX}{dead}-abc.xlsx", f"{TEMP_PREFIX}{dead}-dir"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [f"{temp_prefix()}mine.xlsx", f"{TEMP_PREFIX}1-init.xlsx", "提交.docx"])


def test_a_failed_write_leaves_nothing_and_names_the_output(tmp_path, monkeypatch):
    monkeypatch.setenv("TUANWEN_TEST_FAULTS", "enospc:汇总")
    with pytest.raises(OSError) as info:
        atomic_write_text(tmp_path / "汇总.csv", "x")
    assert info.value.errno == errno.ENOSPC and info.value.filename == str(tmp_path / "汇总.csv")
    assert list(tmp_path.iterdir()) == []


def test_names_that_are_not_utf8_are_shown_decoded_or_escaped():
    gbk = os.fsdecode("提交/".encode() + "登记表_张三.docx".encode("gbk"))
    assert shown(gbk) == "提交/登记表_张三.docx"
    assert shown(os.fsdecode(b"in/\xff\xfe.txt")) == "in/%FF%FE.txt"
    assert shown("in/正常.docx") == "in/正常.docx"
    for name in (gbk, os.fsdecode(b"\x80\xff\x81")):
        shown(name).encode("utf-8")  # never raises


# --- what a run reads and writes: links, hidden names, closed folders, our own outputs -------------

import json  # noqa: E402

import docx  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from cli import main  # noqa: E402
from toolkit.read import collect  # noqa: E402


def _form(path, name="王子涵"):
    d = docx.Document()
    d.add_paragraph("推优登记表")
    d.add_paragraph(f"姓名：{name}")
    d.save(path)


def _cli(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def test_links_leaving_the_folder_are_listed_not_followed(tmp_path):
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    _form(src / "a.docx")
    secret = tmp_path / "secret.txt"
    secret.write_text("总结\n机密内容 13951234567")
    (src / "etc_passwd.txt").symlink_to(secret)
    (src / "outside").symlink_to(tmp_path)
    (src / "loop.docx").symlink_to(src / "loop.docx")
    (src / "dangling.docx").symlink_to(tmp_path / "gone.docx")
    (src / "sub" / "inside.docx").symlink_to(src / "a.docx")  # inside the folder: the same file, read once
    refused = {}
    files = collect([src], refused)
    assert sorted(os.path.basename(f) for f in files) == ["a.docx", "dangling.docx", "etc_passwd.txt", "loop.docx",
                                                          "outside"]
    assert "之外" in str(refused[str(src / "etc_passwd.txt")]) and "循环" in str(refused[str(src / "loop.docx")])
    assert "失效" in str(refused[str(src / "dangling.docx")])
    out = tmp_path / "out.json"
    assert _cli("convert", src, "-o", out, "--jobs", "1").exit_code == 0
    text = out.read_text("utf-8")
    assert "机密内容" not in text and all(n in text for n in ("etc_passwd.txt", "loop.docx", "dangling.docx", "outside"))
    report = _cli("check", src, "--format", "json", "--annotate", tmp_path / "批注", "--jobs", "1")
    assert report.exit_code in (0, 1) and "Traceback" not in report.output


def test_a_folder_that_cannot_be_entered_is_listed(tmp_path, monkeypatch):
    src = tmp_path / "in"
    (src / "closed").mkdir(parents=True)
    _form(src / "a.docx")
    _form(src / "closed" / "b.docx")
    real_scandir = os.scandir

    def scandir(path="."):  # as for a folder without permission (root enters every folder)
        if os.fspath(path) == str(src / "closed"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    refused = {}
    assert collect([src], refused) == [str(src / "a.docx"), str(src / "closed")]
    assert "无法打开这个文件夹（没有权限）" in str(refused[str(src / "closed")])
    assert refused[str(src / "closed")].status == "error"


def test_outputs_that_would_replace_a_submission_are_refused(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _form(src / "a.docx")
    (src / "汇总.xlsx").write_bytes(b"submitted by a branch")
    for args in (["convert", src, "-o", src / "汇总.xlsx"], ["check", src, "-o", src / "a.docx", "--format", "text"],
                 ["convert", src / "a.docx", "-o", tmp_path / "." / "in" / "a.docx.json"]):
        before = {p.name: p.read_bytes() for p in src.iterdir()}
        result = _cli(*args)
        if args[-1] != tmp_path / "." / "in" / "a.docx.json":
            assert result.exit_code == 2 and "会覆盖" in result.output, result.output
        assert {p.name: p.read_bytes() for p in src.iterdir() if p.name in before} == before


def test_our_own_outputs_in_the_input_folder_are_not_read_back(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    _form(src / "a.docx")
    (src / "tuanwen.toml").write_text("[check]\n")
    for _ in range(2):  # the second run meets the first run's outputs in the folder
        assert _cli("convert", src, "-o", src / "汇总.xlsx", "--text", src, "--jobs", "1").exit_code == 0
        assert _cli("convert", src, "-o", src / "汇总.csv", "--jobs", "1").exit_code == 0
        assert _cli("check", src, "--format", "json", "-o", src / "报告.json", "--jobs", "1").exit_code in (0, 1)
    assert (src / "a.docx").exists() and (src / "a.md").exists()
    data = json.loads((src / "报告.json").read_text("utf-8"))
    status = {os.path.basename(f["file"]): f for f in data["files"]}
    assert status["a.docx"]["status"] == "ok"
    for name in ("汇总.xlsx", "汇总.csv", "a.md", "tuanwen.toml"):
        assert status[name]["status"] == "skipped" and "不是提交材料" in status[name]["error"], name


def test_a_full_disk_is_an_output_failure_not_a_property_of_the_submissions(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(4):
        _form(src / f"{i}.docx", f"王{i}")
    env = {"TUANWEN_TEST_FAULTS": "enospc:2.md,enospc:汇总,enospc:报告"}
    result = _cli("convert", src, "-o", tmp_path / "汇总.xlsx", "--text", tmp_path / "md", "--jobs", "2", env=env)
    assert result.exit_code == 2
    assert "无法读取：" not in result.output and "磁盘空间不足" in result.output
    assert "结果未写出" in result.output and "写出 3 份，1 份未写出" in result.output
    assert not (tmp_path / "汇总.xlsx").exists() and sorted(p.name for p in (tmp_path / "md").iterdir()) == [
        "0.md", "1.md", "3.md"]
    result = _cli("check", src, "--format", "xlsx", "-o", tmp_path / "报告.xlsx", env=env)
    assert result.exit_code == 2 and "未写出：报告" in result.output and "磁盘空间不足" in result.output
    assert list(tmp_path.glob(".~tw-*")) == []


def test_a_real_full_disk(tmp_path):
    """The same on a real 64 KB file system, where one can be mounted (root on Linux)."""
    import shutil

    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount") or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("no small file system can be mounted here")
    try:
        src = tmp_path / "in"
        src.mkdir()
        for i in range(12):
            d = docx.Document()
            d.add_paragraph("化工2201团支部工作总结")
            d.add_paragraph("本学期组织开展主题团日活动，团员积极参与。" * 150)
            d.save(src / f"{i:02d}.docx")
        result = _cli("convert", src, "-o", disk / "汇总.json", "--text", disk / "文字版", "--jobs", "2")
        assert result.exit_code == 2, result.output
        assert "磁盘空间不足" in result.output and "无法读取：" not in result.output
        assert "文字版未能全部写出" in result.output and "文字版（Markdown）已写入" not in result.output
        assert list(disk.rglob(".~tw-*")) == []
    finally:
        subprocess.run(["umount", str(disk)])
