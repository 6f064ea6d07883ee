"""Test-only fault injection, so that the hostile corpus can show what a user sees when a worker dies
or the disk fills up, without killing real processes or filling a real disk.

Switched on only by the ``TUANWEN_TEST_FAULTS`` environment variable, a comma-separated list of:

- ``die:MARK``   a batch worker reading a file whose name contains MARK kills itself (SIGKILL), as the
  kernel's OOM killer or a crash in a native library would;
- ``die-once:MARK`` the same, but only the first time such a file is read in this working folder
  (it leaves ``.tw-test-died-MARK``): a worker lost mid-batch to something other than the file;
- ``hang:MARK``  a batch worker reading such a file creates ``.tw-test-hanging`` in the working folder
  and waits for ever (a run to interrupt at a known point);
- ``enospc:MARK`` writing an output whose name contains MARK fails with "No space left on device".
"""

from __future__ import annotations

import errno
import os
import signal

_VARIABLE = "TUANWEN_TEST_FAULTS"


def _marks(kind: str) -> list[str]:
    spec = os.environ.get(_VARIABLE, "")
    return [item.split(":", 1)[1] for item in spec.split(",") if item.startswith(kind + ":")]


def worker_reading(path: str) -> None:
    """Called by a batch worker before it reads ``path``."""
    name = os.path.basename(path)
    if any(mark in name for mark in _marks("die")):
        os.kill(os.getpid(), signal.SIGKILL)
    for mark in _marks("die-once"):
        if mark in name and not os.path.exists(f".tw-test-died-{mark}"):
            open(f".tw-test-died-{mark}", "w").close()
            os.kill(os.getpid(), signal.SIGKILL)
    if any(mark in name for mark in _marks("hang")):
        open(".tw-test-hanging", "w").close()
        while True:
            signal.pause()


def writing(path: str | os.PathLike) -> None:
    """Called before an output is written to ``path``."""
    if any(mark in os.path.basename(os.fspath(path)) for mark in _marks("enospc")):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(path))
