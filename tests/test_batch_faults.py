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
    assert shown(os.fsdecode(b"in/\xff\xfe.txt")) == "in/\\xff\\xfe.txt"
    assert shown("in/正常.docx") == "in/正常.docx"
    for name in (gbk, os.fsdecode(b"\x80\xff\x81")):
        shown(name).encode("utf-8")  # never raises
