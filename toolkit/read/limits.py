"""Guards that keep a batch alive: file size, zip bombs, XML entities, time.

Every reader goes through these, so one hostile or broken submission costs
at most ``timeout`` seconds and ``max_bytes`` of input before it is reported.
"""

from __future__ import annotations

import signal
import threading
import zipfile
from contextlib import contextmanager
from typing import Iterator

from lxml import etree

from ..errors import ReadError

MAX_BYTES = 64 * 1024 * 1024  # a submission larger than this is not a form or a report
TIMEOUT = 60.0  # seconds per file
MAX_UNZIPPED = 256 * 1024 * 1024  # total uncompressed size of a .docx/.xlsx package
MAX_RATIO = 200  # uncompressed/compressed size of one large member
MAX_PART = 64 * 1024 * 1024  # one XML part that is parsed (document.xml, a sheet)

# No entity expansion, no DTD loading, no network, no huge trees (billion laughs, XXE).
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False, remove_comments=True)


def parse_xml(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as exc:
        raise ReadError(f"文件已损坏，其中的 XML 无法解析（{exc.msg}）") from exc


def check_zip(zf: zipfile.ZipFile) -> None:
    """Reject a package whose members would unpack to something huge."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > 4 * 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ReadError(f"文件疑似“压缩炸弹”（{info.filename} 解压后异常巨大），已拒绝处理")
    if total > MAX_UNZIPPED:
        raise ReadError(f"文件解压后超过 {MAX_UNZIPPED // 2**20} MB，疑似“压缩炸弹”，已拒绝处理")


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that library code catching
    ``Exception`` cannot swallow it."""


def _on_alarm(signum, frame):  # pragma: no cover - exercised through deadline()
    raise _Timeout


@contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise ReadError("处理超时") when the block runs longer than ``seconds``.

    Uses SIGALRM, so it only applies in a process's main thread (batch
    workers run there); elsewhere the block runs without a limit.
    """
    if not seconds or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise ReadError(f"处理超时（超过 {seconds:g} 秒），已跳过此文件") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
