"""Errors that carry a message for the user, in Chinese.

A message is Chinese only. What a library said about the failure (``BadZipFile: …``, a parser's
complaint) goes in ``detail`` and is shown, on a line of its own, only with ``--verbose``.
"""

import errno
import os

VERBOSE_ENV = "TUANWEN_VERBOSE"  # set by ``--verbose``; worker processes inherit it


def verbose() -> bool:
    return os.environ.get(VERBOSE_ENV) == "1"


def library_words(exc: BaseException) -> str:
    """A library's own (English) description of ``exc``, for ``detail``."""
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class TuanwenError(Exception):
    """An error whose message is shown to the user as it is (Chinese); ``detail``, the library's
    words, follows on a line of its own with ``--verbose``."""

    def __init__(self, message: str = "", *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.message}\n详情：{self.detail}" if self.detail and verbose() else self.message


class UsageError(TuanwenError):
    """Bad input from the user: the CLI exits with status 2."""


class ReadError(TuanwenError):
    """A submission could not be read; the batch goes on.

    ``status`` is ``"error"`` for an unreadable file and ``"skipped"`` for a
    file type the toolkit does not read (contract: files[].status).
    """

    def __init__(self, message: str, status: str = "error", *, detail: str | None = None) -> None:
        super().__init__(message, detail=detail)
        self.status = status

    def __reduce__(self):  # keep ``status`` and ``detail`` when sent back from a batch worker process
        return (_read_error, (type(self), self.message, self.status, self.detail))


def _read_error(cls: type, message: str, status: str, detail: str | None) -> ReadError:
    return cls(message, status, detail=detail)


# An output that failed (a full disk) is the output's problem, never a property of a submission.
OUTPUT_INCOMPLETE = "输出未能全部写出（见上）；提交的材料没有问题，请解决上面所说的问题（如磁盘已满）后重试"

_OS_ERRORS = {
    errno.ENOENT: "路径不存在",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "所在位置只读，不能写入",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EEXIST: "已有同名的文件或文件夹",
    errno.ELOOP: "符号链接形成了循环",
    errno.ENAMETOOLONG: "文件名或路径过长",
    errno.EIO: "读写设备出错（磁盘或网络盘可能有故障）",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EFBIG: "文件过大",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EMFILE: "同时打开的文件过多",
    errno.EINVAL: "文件名或参数无效",
}


def describe_os_error(exc: OSError) -> str:
    """A Chinese sentence for a failed file operation: which file and why."""
    reason = _OS_ERRORS.get(exc.errno or -1, f"操作系统报告错误（代码 {exc.errno}）" if exc.errno else "操作系统报告错误")
    where = f"“{exc.filename}”" if exc.filename else ""
    return f"无法读写文件{where}：{reason}" + (f"\n详情：{library_words(exc)}" if verbose() else "")


def unexpected(exc: BaseException, doing: str) -> "ReadError":
    """A ReadError for a failure no reader foresaw, while ``doing`` (读取, 读取或提取 …): what kind
    of trouble in Chinese, the library's words as the detail."""
    if isinstance(exc, MemoryError):
        message = f"{doing}时内存不足（文件内容展开后过大），已跳过此文件"
    elif isinstance(exc, RecursionError):
        message = f"{doing}时出错：文件内容嵌套层次过深，已跳过此文件"
    else:
        message = f"{doing}时出错，文件内容可能已损坏或不规范，已跳过此文件；请用 Word/WPS/Excel 另存后重新提交"
    return ReadError(message, detail=library_words(exc))
