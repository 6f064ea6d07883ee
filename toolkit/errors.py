"""Errors that carry a message for the user, in Chinese."""

import errno


class TuanwenError(Exception):
    """An error whose message is shown to the user as it is (Chinese)."""


class UsageError(TuanwenError):
    """Bad input from the user: the CLI exits with status 2."""


class ReadError(TuanwenError):
    """A submission could not be read; the batch goes on.

    ``status`` is ``"error"`` for an unreadable file and ``"skipped"`` for a
    file type the toolkit does not read (contract: files[].status).
    """

    def __init__(self, message: str, status: str = "error") -> None:
        super().__init__(message)
        self.status = status

    def __reduce__(self):  # keep ``status`` when sent back from a batch worker process
        return (type(self), (str(self), self.status))


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
}


def describe_os_error(exc: OSError) -> str:
    """A Chinese sentence for a failed file operation: which file and why."""
    reason = _OS_ERRORS.get(exc.errno or -1, exc.strerror or str(exc))
    where = f"“{exc.filename}”" if exc.filename else ""
    return f"无法读写文件{where}：{reason}"
