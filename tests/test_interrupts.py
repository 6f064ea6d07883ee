"""Ctrl-C and a hard kill of convert and check: no traceback, no temporary files, nothing half-written
under a final name, and the next run removes what a killed run left (test-only hook ``hang:`` makes
a worker wait for ever on one file, so the run is interrupted at a known point)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _round(folder: Path, n: int = 4) -> None:
    folder.mkdir()
    for i in range(n):
        d = docx.Document()
        d.add_paragraph("推优登记表")
        d.add_paragraph(f"姓名：王{i}")
        d.save(folder / f"{i}.docx")
    d.save(folder / "9_挂起.docx")


def _start(tmp_path: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "TUANWEN_TEST_FAULTS": "hang:挂起", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(ROOT / "cli.py"), *args], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_for(condition, proc: subprocess.Popen) -> None:
    """Wait until the run reaches the hanging file (a guard against a broken run, not a timing)."""
    deadline = time.monotonic() + 120
    while not condition():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the run never reached the hanging file"
        time.sleep(0.1)


def _temporary(tmp_path: Path) -> list[str]:
    return [str(p) for p in tmp_path.rglob("*") if p.name.startswith(".~tw-")]


def _group_gone(proc: subprocess.Popen) -> bool:
    """Every process of the run has exited (within a minute: a guard, not a timing)."""
    for _ in range(600):
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("command", ["convert", "check"])
def test_ctrl_c_stops_cleanly_and_says_what_was_written(tmp_path, command):
    _round(tmp_path / "in")
    if command == "convert":
        proc = _start(tmp_path, "convert", "in", "-o", "out/汇总.xlsx", "--text", "out/文字版", "--jobs", "2")
        _wait_for(lambda: len(list((tmp_path / "out" / "文字版").glob("*.md"))) == 4, proc)
    else:
        proc = _start(tmp_path, "check", "in", "--format", "xlsx", "-o", "out/报告.xlsx", "--jobs", "2")
        _wait_for(lambda: (tmp_path / ".tw-test-hanging").exists(), proc)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    out, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "已中止" in err and "未写出" in err, err
    assert not (tmp_path / "out" / ("汇总.xlsx" if command == "convert" else "报告.xlsx")).exists()
    assert _temporary(tmp_path) == []
    assert _group_gone(proc), "a worker outlived the command"


def test_a_hard_kill_leaves_no_half_output_and_the_next_run_cleans_up(tmp_path):
    _round(tmp_path / "in")
    proc = _start(tmp_path, "convert", "in", "-o", "out/汇总.json", "--text", "out/文字版", "--jobs", "2")
    _wait_for(lambda: len(list((tmp_path / "out" / "文字版").glob("*.md"))) == 4, proc)
    # what a kill in the middle of writing leaves: a temporary file of a process that is gone
    (tmp_path / "out" / f".~tw-{proc.pid}-half.json").write_text("[{")
    os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    assert not (tmp_path / "out" / "汇总.json").exists()
    assert all(p.read_text("utf-8").startswith("推优登记表") for p in (tmp_path / "out" / "文字版").glob("*.md"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    again = subprocess.run([sys.executable, str(ROOT / "cli.py"), "convert", "in", "-o", "out/汇总.json", "--text",
                            "out/文字版"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert _temporary(tmp_path) == []
