"""Run a function over many inputs on all cores, with a progress bar on a terminal.

Work is sent to a process pool in small chunks, so that per-task overhead
stays small and no worker is left with a long tail; results come back in
input order. A worker must catch its own per-item errors and return them as
data: one bad file never stops a batch.

Where the platform allows, workers are forked: modules the caller imported
beforehand (``preload``) are then already loaded in every worker instead of
being imported again by each.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

import click

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def _progress(items: Iterable[R], total: int, label: str) -> Iterator[R]:
    if not sys.stderr.isatty() or total < 2:
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


def run_parallel(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None,
                 label: str = "处理中", *, preload: Iterable[str] = ()) -> Iterator[R]:
    """``map(func, items)`` over ``jobs`` processes (default: all cores), in order.

    ``func`` must be a module-level function (it is pickled to the workers).
    With one job or one item everything runs in this process.
    ``preload``: names of modules ``func`` will need, imported here before the
    workers start.
    """
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(items) <= 1:
        yield from _progress(map(func, items), len(items), label)
        return
    for name in preload:
        importlib.import_module(name)
    workers = min(jobs, len(items))
    # Chunks of ~1/16 of a worker's share: few round trips, a short tail.
    chunk = max(1, min(32, len(items) // (workers * 16)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
        yield from _progress(pool.map(func, items, chunksize=chunk), len(items), label)
