"""Run a function over many inputs on all cores, with a progress bar on a terminal.

Work is sent to a process pool in chunks so that per-task overhead stays
small; results come back in input order. A worker must catch its own
per-item errors and return them as data: one bad file never stops a batch.
"""

from __future__ import annotations

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


def run_parallel(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None,
                 label: str = "处理中") -> Iterator[R]:
    """``map(func, items)`` over ``jobs`` processes (default: all cores), in order.

    ``func`` must be a module-level function (it is pickled to the workers).
    With one job or one item everything runs in this process.
    """
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(items) <= 1:
        yield from _progress(map(func, items), len(items), label)
        return
    chunk = max(1, min(32, len(items) // (jobs * 4)))
    with ProcessPoolExecutor(max_workers=min(jobs, len(items))) as pool:
        yield from _progress(pool.map(func, items, chunksize=chunk), len(items), label)
