"""A batch's per-file work on a Dask cluster (``--cluster``), for rounds one PC cannot carry.

The cluster is one more executor of ``pipeline.run``: the same per-file function over the same
tasks, results in input order, and the round work stays with the caller, in this process. So a
round checked on a cluster gives the findings and the table of a run on one machine.

- Work goes out in chunks of files (``chunk_size``), not one task per file: a task costs the
  scheduler about a millisecond, a typed form about as much to read and check.
- Workers read the files from a path they share with this machine, or, with ``upload``, from the
  bytes sent with the chunk (written to a temporary folder on the worker and removed after).
- A worker that dies mid-chunk (out of memory, a crash in a native library): the scheduler runs the
  chunk again elsewhere (``ALLOWED_FAILURES``). A chunk that kills workers that often is split into
  single files run one after another, and a file that kills its worker twice is the caller's
  ``lost(task)``: reported as unreadable, the round goes on. A cluster left with no worker at all
  (none could be restarted) ends the run with an error after ``NO_WORKERS_GRACE`` seconds.

``dask.distributed`` is the ``[cluster]`` extra; without ``--cluster`` it is never imported.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tempfile
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence, TypeVar

from ..errors import UsageError
from ..resources import installed

T = TypeVar("T", bound=tuple)
R = TypeVar("R")

MISSING = ('在集群上运行需要安装集群组件：pip install "tuanwen[cluster]"'
           '（在源码目录中为 pip install -e ".[cluster]"）')
LOCAL = "local"
# Times a task may be on a worker that dies before the scheduler gives up on it (dask's
# ``allowed-failures``): once retried elsewhere, then the chunk is split up.
ALLOWED_FAILURES = 1
DEFAULT_CHUNK = 32  # files per task; fewer when that would leave a worker idle
NO_WORKERS_GRACE = 120.0  # seconds without any worker before the run gives up
_POLL = 5.0


@dataclass(frozen=True, slots=True)
class Cluster:
    """Where the per-file work runs: ``address`` ``local`` (a cluster of ``--jobs`` worker
    processes on this machine) or ``tcp://host:port`` (an existing scheduler); ``upload``: send the
    files' bytes to the workers instead of letting them read a shared path."""

    address: str
    upload: bool = False
    chunk_size: int = DEFAULT_CHUNK

    def __post_init__(self) -> None:
        if self.address != LOCAL and "://" not in self.address:
            raise UsageError(f"--cluster 的值“{self.address}”不对：写 local（本机），"
                             "或调度器地址，如 tcp://10.0.0.5:8786")
        if self.chunk_size < 1:
            raise UsageError("每批文件数必须是正整数")


def available() -> bool:
    """Is the ``[cluster]`` extra installed?"""
    return installed("distributed")


def require() -> None:
    if not available():
        raise UsageError(MISSING)


@contextmanager
def client(cluster: Cluster, jobs: int | None) -> Iterator[object]:
    """A ``distributed.Client`` for ``cluster`` (a ``LocalCluster`` of ``jobs`` single-threaded
    worker processes for ``local``), closed afterwards."""
    require()
    import dask
    from distributed import Client, LocalCluster

    from ..batch import default_jobs

    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                          "distributed.admin.tick.limit": "1h",  # no "event loop was unresponsive" noise
                          # The workers' statistical profiler samples the task thread's stack every 10 ms
                          # for a dashboard nobody opens: a third of the cluster's extra CPU (docs/scale.md).
                          "distributed.worker.profile.enabled": False}):
        if cluster.address == LOCAL:
            # The scheduler's HTTP server (not the dashboard) falls back to a free port when 8787
            # is taken, with an English warning meant for dask users, not ours.
            warnings.filterwarnings("ignore", message=r"Port \d+ is already in use", category=UserWarning)
            with LocalCluster(n_workers=jobs or default_jobs(), threads_per_worker=1, processes=True,
                              dashboard_address=None, silence_logs=logging.CRITICAL) as local, Client(local) as c:
                yield c
            return
        try:
            c = Client(cluster.address)  # waits distributed.comm.timeouts.connect (30 s unless configured)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"连接不上集群调度器“{cluster.address}”（{type(exc).__name__}）：请确认地址和端口，"
                             "以及调度器已经启动（dask scheduler）") from None
        with c:
            yield c


def chunks(n: int, workers: int, size: int) -> list[range]:
    """Index ranges of ``n`` tasks in chunks of at most ``size``, about two per worker or more
    (a worker that finishes early takes another; a short round still reaches every worker)."""
    per = max(1, min(size, -(-n // (2 * max(1, workers)))))
    return [range(i, min(n, i + per)) for i in range(0, n, per)]


def _files(task: tuple) -> list[str]:
    source = task[0]
    return [f for f in (source.file, source.converted) if f]


def _shipped(task: tuple) -> dict[str, bytes]:
    """The bytes of the files a task reads (``upload``); a file that cannot be read here is left
    to the worker, whose reader says why."""
    out = {}
    for path in _files(task):
        try:
            with open(path, "rb") as fh:
                out[path] = fh.read()
        except OSError:
            pass
    return out


def _landed(task: tuple, blobs: dict[str, bytes], folder: str) -> tuple:
    """``task`` with its files replaced by copies written into ``folder`` (same base names, so
    formats are told as before; the user's name for the file is kept)."""
    source = task[0]
    where = {}
    for k, (path, data) in enumerate(blobs.items()):
        os.makedirs(os.path.join(folder, str(k)))
        where[path] = os.path.join(folder, str(k), os.path.basename(path))
        with open(where[path], "wb") as fh:
            fh.write(data)
    moved = dataclasses.replace(source, unpacked=where.get(source.file, source.unpacked),
                                converted=where.get(source.converted, source.converted))
    return (moved, *task[1:])


def run_chunk(work: Callable[[T], R], tasks: list[T], blobs: list[dict[str, bytes]] | None) -> list[R]:
    """On a worker: ``work`` over one chunk of tasks (their files' bytes in ``blobs`` with ``upload``)."""
    if blobs is None:
        return [work(task) for task in tasks]
    out = []
    for task, files in zip(tasks, blobs):
        with tempfile.TemporaryDirectory(prefix="tuanwen-cluster-") as folder:
            out.append(work(_landed(task, files, folder)))
    return out


def run(work: Callable[[T], R], tasks: Sequence[T], cluster: Cluster, *, jobs: int | None,
        lost: Callable[[T], R]) -> Iterator[R]:
    """``work`` over ``tasks`` on ``cluster``, results in input order (see the module's doc)."""
    if not tasks:
        return
    from distributed import KilledWorker

    with client(cluster, jobs) as c:
        workers = max(1, len(c.scheduler_info().get("workers", {})))

        def submit(indexes: range | list[int]):
            part = [tasks[i] for i in indexes]
            blobs = [_shipped(t) for t in part] if cluster.upload else None
            return c.submit(run_chunk, work, part, blobs, pure=False)

        pending = [(r, submit(r)) for r in chunks(len(tasks), workers, cluster.chunk_size)]
        for indexes, future in pending:
            try:
                results = _result(c, future)
            except KilledWorker:  # a file in it kills workers: each alone now, the culprit is lost
                results = []
                for i in indexes:  # one after another: a worker's death counts against every task
                    try:           # queued on it, so files sent together would be lost together
                        results.extend(_result(c, submit([i])))
                    except KilledWorker:
                        results.append(lost(tasks[i]))
            yield from results


def _result(c, future) -> list:
    """The chunk's results; a clear error instead of waiting for ever when the cluster has had
    no worker for ``NO_WORKERS_GRACE`` seconds (workers that could not be restarted)."""
    seen = time.monotonic()
    while True:
        try:
            return future.result(timeout=_POLL)
        except TimeoutError:
            if c.scheduler_info().get("workers"):
                seen = time.monotonic()
            elif time.monotonic() - seen > NO_WORKERS_GRACE:
                raise UsageError(f"集群上已没有工作进程（{NO_WORKERS_GRACE:.0f} 秒内一个也没有）："
                                 "本机集群请重新运行，远程集群请先启动工作进程（dask worker）") from None
