"""Time limits: a deadline on a block of work, and a document's budget spent across several steps.

One hostile or broken submission costs at most its deadline before it is reported; every document
at most ``DOC_BUDGET`` seconds of reading, extraction and checking together. Rendering a template
is bounded the same way.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

from .errors import ReadError

DOC_BUDGET = 180.0  # seconds for one document: reading, extraction and the document rules


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that library code catching
    ``Exception`` cannot swallow it."""


class OverTime(ReadError):
    """A ``deadline`` ran out (a ReadError: reading a file that takes too long makes it unreadable)."""


def _on_alarm(signum, frame):  # pragma: no cover - exercised through deadline()
    raise _Timeout


def extend(seconds: float) -> None:
    """Give the running ``deadline`` ``seconds`` more: work whose length is
    known only once it starts (OCR of each page of a scan) asks for it."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "getitimer"):
        return
    left, _ = signal.getitimer(signal.ITIMER_REAL)
    if left > 0 and signal.getsignal(signal.SIGALRM) is _on_alarm:
        signal.setitimer(signal.ITIMER_REAL, left + seconds)


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise OverTime("处理超时") when the block runs longer than ``seconds``.

    Deadlines nest: an inner one never outlives the outer one, and the outer
    one's clock keeps running through it. Uses SIGALRM, so it only applies in
    a process's main thread (batch workers run there); elsewhere the block
    runs without a limit.
    """
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return
    started = time.monotonic()
    outer, _ = signal.getitimer(signal.ITIMER_REAL)
    outer_first = bool(outer) and outer <= seconds  # when the alarm rings, it is the outer deadline's
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, outer if outer_first else seconds)
    rang = False
    try:
        yield
    except _Timeout:
        rang = True
        if outer_first:  # the outer deadline reports it
            raise
        raise OverTime(f"处理超时（超过 {seconds:g} 秒），已跳过此文件") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer and not (rang and outer_first):
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - started), 1e-3))


class Budget:
    """Time left for one document, spent across several steps (each under ``deadline(left())``)."""

    def __init__(self, seconds: float = DOC_BUDGET) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds

    def left(self) -> float:
        return max(self._end - time.monotonic(), 1e-3)
