"""Run a function over many inputs on all cores, with a progress bar on a terminal.

Work is sent to a process pool in small chunks, so that per-task overhead
stays small and no worker is left with a long tail; results come back in
input order. A worker must catch its own per-item errors and return them as
data: one bad file never stops a batch. A worker that dies (killed by the
kernel, a crash in a native library) costs only the item it was on: that item
is retried once alone, then handed to the caller's ``lost``.

Where the platform allows, workers are forked: modules the caller imported
beforehand (``preload``) are then already loaded in every worker instead of
being imported again by each.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import click

from .errors import TuanwenError

T = TypeVar("T")
R = TypeVar("R")


# Items a worker must have before one more process pays off: a worker's start-up (fork, the rule
# modules and dictionaries it loads, its first pickles) costs about what checking a dozen files does,
# so a 15-file round on 2 cores ran twice as slow in two processes as in one.
MIN_PER_WORKER = 16


def default_jobs(items: int | None = None) -> int:
    """Processes for a batch of ``items``: one per core, but no more than one per
    ``MIN_PER_WORKER`` items (a small round runs in this process). Without ``items``: the cores."""
    cores = max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
    return cores if items is None else max(1, min(cores, items // MIN_PER_WORKER))


def progress_bar(items: Iterable[R], total: int, label: str | None) -> Iterator[R]:
    """``items`` passed through, with a progress bar labelled ``label`` on a terminal."""
    if label is None or not sys.stderr.isatty() or total < 2:
        yield from items
        return
    with click.progressbar(items, length=total, label=label, file=sys.stderr) as bar:
        yield from bar


def _context():
    # fork is cheap and shares what the parent imported; elsewhere (macOS,
    # Windows) it is unsafe or missing, so keep the platform's default there.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return None


# The reason given for an item whose worker died twice (see ``run_parallel``'s ``lost``).
WORKER_DIED = "处理这份文件的进程两次意外终止（可能是文件使内存耗尽，或读取程序崩溃），已跳过"
_STARTED, _FINISHED = 1, 2
_progress_flags = None  # per item, in a worker: shared memory the parent reads after a worker died


def _worker_init(flags) -> None:
    global _progress_flags
    _progress_flags = flags
    # Ctrl-C reaches the whole process group: the command stops its workers itself, quietly.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):  # and a worker never outlives a command killed hard
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _run_chunk(func: Callable[[T], R], chunk: list[tuple[int, T]]) -> list[R]:
    out = []
    for index, item in chunk:
        _progress_flags[index] = _STARTED
        out.append(func(item))
        _progress_flags[index] = _FINISHED
    return out


def _stop(pool: ProcessPoolExecutor) -> None:
    """Shut ``pool`` down now: cancel what is queued and kill the workers (Ctrl-C, an error)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        proc.kill()
    for proc in processes:
        proc.join()
    if manager is not None:
        # Let the pool's own thread finish now: left running, it races the interpreter's exit hook,
        # which then prints a traceback (Python 3.11).
        manager.join()


def _pooled(func: Callable[[T], R], items: Sequence[T], workers: int, chunk: int,
            lost: Callable[[T], R]) -> Iterator[R]:
    """``map(func, items)`` in order over a pool that survives the death of a worker.

    Each worker marks the item it starts and finishes in shared memory. When a worker is killed (the
    OOM killer, a crash in a native library), the pool breaks: items not started go back to a fresh
    pool; items that were in progress are retried once, each alone in a fresh worker, and an item
    that kills that worker too becomes ``lost(item)``.
    """
    ctx = _context() or multiprocessing
    flags = ctx.RawArray("b", len(items))
    done: dict[int, R] = {}  # results not yet yielded (those before ``nxt`` were)
    suspects: list[int] = []
    todo = list(range(len(items)))
    fruitless = 0  # breaks in a row where no item was in progress
    nxt = 0
    while todo:
        pool = ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=_context(),
                                   initializer=_worker_init, initargs=(flags,))
        try:
            batches = [todo[i:i + chunk] for i in range(0, len(todo), chunk)]
            futures = [(b, pool.submit(_run_chunk, func, [(i, items[i]) for i in b])) for b in batches]
            broken = False
            for batch, future in futures:
                try:
                    done.update(zip(batch, future.result()))
                except BrokenProcessPool:
                    broken = True
                    break
                while nxt in done:
                    yield done.pop(nxt)
                    nxt += 1
            if broken:
                for batch, future in futures:
                    if future.done() and not future.cancelled() and future.exception() is None:
                        done.update(zip(batch, future.result()))
            pool.shutdown(wait=True)
        except BaseException:
            _stop(pool)
            raise
        todo = [i for i in todo if i >= nxt and i not in done]  # a pool that did not break leaves none
        in_progress = [i for i in todo if flags[i] == _STARTED]
        fruitless = 0 if in_progress or not broken else fruitless + 1
        if fruitless >= 3:  # workers die between items: give every remaining item its own worker
            in_progress = todo
        suspects += in_progress
        todo = [i for i in todo if i not in in_progress]
    for index in sorted(suspects):
        done[index] = _alone(func, items[index], index, flags, lost)
    while nxt in done:
        yield done.pop(nxt)
        nxt += 1


def _alone(func: Callable[[T], R], item: T, index: int, flags, lost: Callable[[T], R]) -> R:
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_context(), initializer=_worker_init, initargs=(flags,))
    try:
        return pool.submit(_run_chunk, func, [(index, item)]).result()[0]
    except BrokenProcessPool:
        return lost(item)
    finally:
        _stop(pool)


def _no_survivor(item: object) -> R:
    raise TuanwenError("处理进程意外退出（可能是内存不足），本次未能完成")


def run_parallel(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None,
                 label: str | None = "处理中", *, preload: Iterable[str] = (),
                 lost: Callable[[T], R] = _no_survivor) -> Iterator[R]:
    """``map(func, items)`` over ``jobs`` processes (default: ``default_jobs(len(items))``), in order.

    ``func`` must be a module-level function (it is pickled to the workers).
    With one job or one item everything runs in this process. ``label``: the progress
    bar's (shown on a terminal); None: no progress bar.
    ``preload``: names of modules ``func`` will need, imported here before the
    workers start.
    ``lost(item)``: the result for an item whose worker was killed twice (first
    in the pool, then alone in a fresh worker); by default the batch stops.
    """
    jobs = jobs or default_jobs(len(items))
    if jobs <= 1 or len(items) <= 1:
        yield from progress_bar(map(func, items), len(items), label)
        return
    for name in preload:
        importlib.import_module(name)
    workers = min(jobs, len(items))
    # Chunks of ~1/16 of a worker's share: few round trips, a short tail.
    chunk = max(1, min(32, len(items) // (workers * 16)))
    yield from progress_bar(_pooled(func, items, workers, chunk, lost), len(items), label)
