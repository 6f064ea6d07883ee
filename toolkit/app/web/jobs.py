"""Background jobs of the web page: one child process per job, in the job's own temporary folder.

    jobs = Jobs(root)
    job = jobs.create("check", owner)          # the caller saves the uploads into job.inputs
    jobs.start(job, {"files": [...], ...})     # runs ``work.main`` in a child process
    jobs.get(job_id, owner)                    # None for an unknown id or someone else's job

The child starts in the job's upload folder, so that the commands name files as the user uploaded
them (``提交材料/化工2201团支部_王子涵.docx``), and runs in its main thread, where the readers' time
limits (SIGALRM) work; it reports progress through a pipe. When a job ends its uploads are deleted;
its results stay until the job expires, the user deletes it, or the server stops.
"""

from __future__ import annotations

import multiprocessing
import secrets
import shutil
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEEP_SECONDS = 3 * 3600  # a finished job's results stay this long
MAX_KEPT = 30  # finished jobs kept at most (the oldest go first)
CRASHED = "处理进程意外退出（可能是内存不足），这次没有完成；请减少文件后重试"
STOPPED = "服务已停止，任务未完成"


@dataclass(eq=False)
class Job:
    """One piece of work and what the page shows of it."""

    id: str
    kind: str  # check | convert | generate | draft
    owner: str  # the browser session that started it
    folder: Path
    state: str = "queued"  # queued | running | done | failed
    label: str = ""  # the step under way (审查中, 转换中 …)
    done: int = 0
    total: int = 0
    result: dict[str, Any] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # download name → path inside ``outputs``
    error: str | None = None
    messages: list[str] = field(default_factory=list)
    created: float = field(default_factory=time.time)
    finished: float | None = None
    process: Any = None

    @property
    def inputs(self) -> Path:
        return self.folder / "in"

    @property
    def outputs(self) -> Path:
        return self.folder / "out"

    @property
    def ended(self) -> bool:
        return self.state in ("done", "failed")

    def status(self) -> dict[str, Any]:
        """What the page polls."""
        return {"state": self.state, "label": self.label, "done": self.done, "total": self.total,
                "error": self.error}

    def download(self, name: str) -> Path | None:
        """The result file called ``name``, if this job wrote one (no path from a URL reaches the disk)."""
        rel = self.files.get(name)
        return self.outputs / rel if rel is not None and self.state == "done" else None


def _context():
    # forkserver: a clean single-threaded parent for every job, whatever threads the server runs.
    if sys.platform.startswith("linux"):
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["toolkit.app.web.work"])
        return ctx
    return multiprocessing.get_context("spawn")


class Jobs:
    """The jobs of one server, each in a folder under ``root`` (removed on ``close``)."""

    def __init__(self, root: Path, workers: int = 2, config: Path | None = None) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.config = config
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tw-job")
        self._closed = False

    def create(self, kind: str, owner: str) -> Job:
        self.sweep()
        job_id = secrets.token_urlsafe(16)
        job = Job(job_id, kind, owner, self.root / job_id)
        job.inputs.mkdir(parents=True)
        job.outputs.mkdir()
        with self._lock:
            self._jobs[job_id] = job
        return job

    def get(self, job_id: str, owner: str | None) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
        return job if job is not None and owner is not None and secrets.compare_digest(job.owner, owner) else None

    def start(self, job: Job, params: dict[str, Any]) -> None:
        self._pool.submit(self._run, job, {**params, "config": str(self.config) if self.config else None})

    def discard(self, job: Job) -> None:
        """Stop ``job`` if it runs and delete its folder."""
        with self._lock:
            self._jobs.pop(job.id, None)
        _kill(job)
        shutil.rmtree(job.folder, ignore_errors=True)

    def sweep(self) -> None:
        """Delete the jobs that ended long ago, and the oldest ended ones beyond ``MAX_KEPT``."""
        now = time.time()
        with self._lock:
            ended = sorted((j for j in self._jobs.values() if j.ended), key=lambda j: j.finished or 0)
        old = [j for j in ended if now - (j.finished or now) > KEEP_SECONDS]
        old += [j for j in ended[:max(0, len(ended) - MAX_KEPT)] if j not in old]
        for job in old:
            self.discard(job)

    def close(self) -> None:
        """Stop every job and delete every folder (the server stops)."""
        self._closed = True
        with self._lock:
            jobs = list(self._jobs.values())
            self._jobs.clear()
        for job in jobs:
            _kill(job)
            if not job.ended:
                job.state, job.error = "failed", STOPPED
        self._pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, job: Job, params: dict[str, Any]) -> None:
        from .work import main

        if self._closed or job.state != "queued":
            return
        ctx = _context()
        receiver, sender = ctx.Pipe(duplex=False)
        job.process = ctx.Process(target=main, args=(job.kind, str(job.inputs), str(job.outputs), params, sender),
                                  name=f"tuanwen-{job.kind}")
        job.state = "running"
        try:
            job.process.start()
            outcome = ("failed", CRASHED, [])
        except OSError as exc:
            outcome = ("failed", f"无法启动处理进程：{exc}", [])
            job.process = None
        sender.close()
        try:
            while job.process is not None:
                try:
                    if not receiver.poll(0.5):
                        if not job.process.is_alive() and not receiver.poll(0):
                            break
                        continue
                    message = receiver.recv()
                except (EOFError, OSError):
                    break
                if message[0] == "progress":
                    job.label, job.done, job.total = message[1:]
                else:
                    outcome = message
                    break
        finally:
            receiver.close()
            if job.process is not None:
                job.process.join()
            shutil.rmtree(job.inputs, ignore_errors=True)  # the uploads are not needed any more
            if not job.ended:  # stopped by close() meanwhile: left as it says
                if outcome[0] == "done":
                    job.result, job.files, job.messages = outcome[1:]
                else:
                    job.error, job.messages = outcome[1:]
                job.finished = time.time()
                job.state = outcome[0]


def _kill(job: Job) -> None:
    proc = job.process
    if proc is not None and proc.is_alive():
        proc.kill()  # its batch workers die with it (PR_SET_PDEATHSIG in batch.py)
        proc.join()
