"""File-system helpers: atomic writes and safe output names.

Outputs are written to a temporary file in the target folder and renamed
into place, so a crash never leaves half a document behind. Temporary names
(``.~tw-<pid>-…``) carry the writer's process id, so that a later run can
remove those a killed run left behind. Names built from data are cleaned so
that they cannot leave the output folder.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterable, Iterator

from . import faults
from .errors import UsageError

# Characters Windows forbids in file names, plus control characters.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
# mkstemp creates files readable by the owner only; outputs get the usual mode.
_UMASK = os.umask(0)
os.umask(_UMASK)
_MAX_BYTES = 200
TEMP_PREFIX = ".~tw-"
_STALE = re.compile(r"^\.~tw-(\d+)-")
# Unicode categories of characters that are not seen: format controls (bidi overrides and
# isolates, zero-width spaces and joiners, the BOM, the soft hyphen), controls, line and paragraph
# separators, lone surrogates.
_INVISIBLE = {"Cf", "Cc", "Zl", "Zp", "Cs"}
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def temp_prefix() -> str:
    """The prefix of this process's temporary files and folders: ``.~tw-<pid>-``."""
    return f"{TEMP_PREFIX}{os.getpid()}-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def clean_stale(folder: str | os.PathLike) -> list[str]:
    """Remove the temporary files and folders of ours in ``folder`` whose writer is gone (a run killed
    hard, a power cut); return their names. Those of a run still going are left alone."""
    import shutil

    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _STALE.match(entry.name)
        if not m or int(m.group(1)) == os.getpid() or _alive(int(m.group(1))):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(entry.name)
        except OSError:
            pass
    return removed


LOCK_NAME = ".~tw-lock"


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder`` for this run, so that two runs writing into one folder cannot overwrite each
    other's files while both report success. The lock file names its owner's process id; the lock
    itself is the operating system's (``flock``), released when the owner ends however it ends, so
    a lock left by a run killed hard is simply taken over."""
    path = Path(folder) / LOCK_NAME
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _lock(fd):
                owner = os.read(fd, 32).decode("ascii", "replace").strip()
                raise UsageError(f"输出文件夹 {folder} 正由另一个 tuanwen 进程（进程号 {owner or '未知'}）写入，"
                                 "本次未写入任何文件；请等它结束后再运行")
            if os.path.samestat(os.fstat(fd), os.stat(path)):
                break
        except FileNotFoundError:
            pass  # the run before unlinked the file we locked: lock the new one
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        try:
            os.unlink(path)
        finally:
            os.close(fd)


def _lock(fd: int) -> bool:
    """Take the lock on ``fd`` without waiting; False when another process holds it."""
    try:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    except (ImportError, OSError):  # no flock here (Windows, some network drives): the owner's pid tells
        owner = os.read(fd, 32).decode("ascii", "replace").strip()
        os.lseek(fd, 0, os.SEEK_SET)
        return not (owner.isdigit() and int(owner) != os.getpid() and _alive(int(owner)))


# An undecodable byte (a lone surrogate after surrogateescape) shown as %XX, as in a web address:
# unambiguous, and free of the backslash that Windows paths use as a separator.
_ESCAPES = {0xDC00 + b: f"%{b:02X}" for b in range(0x80, 0x100)}


def _component(raw: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    return raw.decode("utf-8", "surrogateescape").translate(_ESCAPES)


def shown(path: str) -> str:
    """``path`` as it can be shown and written: a name that is not valid UTF-8 (GBK bytes from a .zip
    packed on Chinese Windows) decoded as GB18030 where that works, its odd bytes escaped (``%FF``)
    otherwise; each part of the path on its own, so a UTF-8 folder keeps its name."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "replace").decode("utf-8")
    return "/".join(_component(part) for part in raw.split(b"/"))


def safe_filename(name: str, max_len: int = 150) -> str:
    """Return ``name`` cleaned for use as one file name on any system.

    Path separators and characters Windows forbids become ``_``; invisible
    characters are dropped (a right-to-left override makes ``xcod.exe`` show
    as ``exe.docx``); leading dots and trailing dots/spaces of the name before
    its extension are dropped (so ``..`` cannot climb, and ``....docx`` is not
    a file called ``docx``); an empty name becomes ``_``; reserved device
    names get a ``_`` prefix.

    >>> safe_filename('../团支部/张三?.docx')
    '_团支部_张三_.docx'
    >>> safe_filename('...docx'), safe_filename('\u202e张三xcod.exe')
    ('_.docx', '张三xcod.exe')
    """
    cleaned = "".join(c for c in _FORBIDDEN.sub("_", name) if unicodedata.category(c) not in _INVISIBLE).strip()
    root, dot, ext = cleaned.rpartition(".")
    if not (dot and ext.strip() and len(ext) <= 8):
        root, dot, ext = cleaned, "", ""
    root = root.strip().lstrip(". ").rstrip(". ") or "_"
    if root.split(".")[0].upper() in _RESERVED:
        root = "_" + root
    # File systems limit a name to 255 *bytes* (a CJK character is 3 in UTF-8); keep room for a "_2".
    while len(root) > 1 and (len(root + dot + ext) > max_len or len((root + dot + ext).encode()) > _MAX_BYTES):
        root = root[:-1].rstrip(". ") or "_"
    return root + dot + ext


def inside(folder: Path, name: str) -> Path:
    """Join a cleaned ``name`` to ``folder`` and make sure it stays inside it."""
    folder = Path(os.path.realpath(folder))  # not Path.resolve: a symlink loop is an error it raises
    target = Path(os.path.realpath(folder / safe_filename(name)))
    if target.parent != folder:
        raise UsageError(f"输出文件名“{name}”会写到输出文件夹之外，已拒绝")
    return target


def refuse_overwriting(target: str | os.PathLike, inputs: Iterable[str], what: str) -> None:
    """Refuse an output ``target`` that is one of the submitted ``inputs`` (whatever the spelling or
    link that leads there): writing it would replace a submission."""
    real = os.path.realpath(target)
    for f in inputs:
        if os.path.realpath(f) == real:
            raise UsageError(f"{what}“{shown(os.fspath(target))}”就是提交的材料“{shown(f)}”，写出会覆盖它；"
                             f"请换一个输出文件名或位置")


@contextmanager
def atomic_open(path: Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it onto ``path`` on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(), suffix=path.suffix, dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            faults.writing(path)
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError) and exc.filename in (None, tmp):
            exc.filename = str(path)  # the user knows the output by its name, not by our temporary one
        raise


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_open(path, "wb") as fh:
        fh.write(data)


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    with atomic_open(path, "w", encoding=encoding) as fh:
        fh.write(text)
