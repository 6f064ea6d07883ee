"""``--cluster``: convert and check on a Dask cluster give what the plain run gives, lose no file
to a dying worker, and say in Chinese what is wrong with the setting."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from rounds.build_round import build_round
from toolkit.app import cluster
from toolkit.batch import WORKER_DIED

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not cluster.available(), reason='needs the [cluster] extra')


def tuanwen(*args, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=600)


@pytest.fixture(scope="module")
def round_dir(tmp_path_factory) -> Path:
    """A third of a generated round (its tally, log and planted mistakes included): enough for
    chunks on two workers, small enough to start four clusters in a test run."""
    import shutil

    full = tmp_path_factory.mktemp("full")
    build_round(full, n_branches=8, plant=True)
    out = tmp_path_factory.mktemp("round") / "提交材料"
    out.mkdir()
    for k, path in enumerate(sorted(full.iterdir())):
        if k % 3 == 0 or not path.name.startswith("登记表_"):
            shutil.copy(path, out / path.name)
    return out


@pytest.fixture(scope="module")
def plain(round_dir) -> dict[str, object]:
    work = round_dir.parent
    tuanwen("check", round_dir, "--format", "json", "-o", "plain.json", "--jobs", "1", "-q", cwd=work)
    tuanwen("convert", round_dir, "-o", "plain.jsonl", "--jobs", "1", cwd=work)
    return {"check": json.loads((work / "plain.json").read_text("utf-8")),
            "convert": (work / "plain.jsonl").read_text("utf-8")}


def test_check_and_convert_on_a_local_cluster_equal_the_plain_run(round_dir, plain, tmp_path):
    done = tuanwen("check", round_dir, "--format", "json", "-o", tmp_path / "c.json", "--cluster", "local",
                   "--jobs", "2", "-q", cwd=tmp_path)
    assert done.returncode == 1, done.stderr  # the round has planted errors
    assert json.loads((tmp_path / "c.json").read_text("utf-8")) == plain["check"]
    done = tuanwen("convert", round_dir, "-o", tmp_path / "c.jsonl", "--cluster", "local", "--jobs", "2",
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "c.jsonl").read_text("utf-8") == plain["convert"]


def test_files_sent_as_bytes_to_a_scheduler_by_address(round_dir, plain, tmp_path):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        done = tuanwen("check", round_dir, "--format", "json", "-o", tmp_path / "c.json", "-q",
                       "--cluster", local.scheduler_address, "--upload", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert json.loads((tmp_path / "c.json").read_text("utf-8")) == plain["check"]


def test_a_worker_killed_mid_run_costs_nothing(round_dir, plain, tmp_path):
    victim = sorted(p.name for p in round_dir.iterdir())[3]
    done = tuanwen("check", round_dir, "--format", "json", "-o", tmp_path / "c.json", "--cluster", "local",
                   "--jobs", "2", "-q", cwd=tmp_path, env={"TUANWEN_TEST_FAULTS": f"die-once:{victim}"})
    assert (tmp_path / f".tw-test-died-{victim}").exists()  # a worker did die on it
    assert json.loads((tmp_path / "c.json").read_text("utf-8")) == plain["check"]


def test_a_file_that_kills_every_worker_is_unreadable_and_the_round_goes_on(round_dir, plain, tmp_path):
    poison = next(p.name for p in sorted(round_dir.iterdir()) if p.name.startswith("总结_"))
    done = tuanwen("convert", round_dir, "-o", tmp_path / "c.json", "--cluster", "local", "--jobs", "2",
                   cwd=tmp_path, env={"TUANWEN_TEST_FAULTS": f"die:{poison}"})
    assert done.returncode == 0, done.stderr
    entries = json.loads((tmp_path / "c.json").read_text("utf-8"))
    lost = [e for e in entries if e.get("status") == "error"]
    assert [Path(e["文件"]).name for e in lost] == [poison]
    assert lost[0]["error"] == WORKER_DIED
    files = {Path(e["文件"]).name for e in entries}
    assert files == {p.name for p in round_dir.iterdir()}  # every input accounted for


@pytest.mark.parametrize("args, words", [
    (["--cluster", "10.0.0.5"], "tcp://"),
    (["--upload"], "--cluster"),
    (["--cluster", "tcp://127.0.0.1:9"], "连接不上集群调度器"),
])
def test_a_wrong_setting_is_explained_in_chinese(round_dir, tmp_path, args, words):
    done = tuanwen("convert", round_dir, "-o", tmp_path / "c.json", *args, cwd=tmp_path,
                   env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert done.returncode == 2
    assert words in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "c.json").exists()


def test_without_the_extra_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    from toolkit.errors import UsageError

    with pytest.raises(UsageError, match=r"tuanwen\[cluster\]"):
        cluster.require()


def test_chunks_cover_every_task_once_and_feed_every_worker():
    for n in (1, 2, 5, 64, 1000):
        for workers in (1, 2, 8):
            parts = cluster.chunks(n, workers, 32)
            assert [i for r in parts for i in r] == list(range(n))
            assert len(parts) >= min(n, workers) and max(map(len, parts)) <= 32


def test_a_cluster_left_without_workers_is_an_error_not_a_wait(monkeypatch):
    from distributed import LocalCluster

    from toolkit.errors import UsageError

    monkeypatch.setattr(cluster, "NO_WORKERS_GRACE", 1.0)
    monkeypatch.setattr(cluster, "_POLL", 0.2)
    with LocalCluster(n_workers=0, processes=False, dashboard_address=None) as empty:
        with pytest.raises(UsageError, match="没有工作进程"):
            list(cluster.run(len, [("x",)], cluster.Cluster(empty.scheduler_address), jobs=None, lost=len))


def test_a_taken_port_8787_prints_no_english(round_dir, tmp_path):
    import socket

    with socket.socket() as taken:
        try:
            taken.bind(("127.0.0.1", 8787))
        except OSError:
            pass  # taken already: the case itself
        done = tuanwen("convert", round_dir, "-o", tmp_path / "c.json", "--cluster", "local", "--jobs", "1",
                       cwd=tmp_path)
    assert done.returncode == 0 and "already in use" not in done.stderr, done.stderr
