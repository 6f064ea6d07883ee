"""An archive of submissions (.zip, .7z, .rar), read as a folder.

    expand(paths, refused, tmp, sources) -> paths   # each archive replaced by its members

Members are unpacked into a private folder under ``tmp`` and named as the user sees
them: the archive's path as given plus the member's path (``收到的材料.zip/化工/登记表.docx``);
``sources`` maps that name to the unpacked file. Hostile archives cost nothing: members
with absolute paths, ``..`` or symbolic links are listed and refused, and the member
count and the bytes they really inflate to are capped (see ``_unpack_zip`` and
``_unpack_other`` for how each kind is bounded).
Names in a .zip are decoded as GBK where the archive does not flag UTF-8 (zips made by QQ,
WeChat and Windows Explorer on Chinese systems store GBK bytes that ``zipfile`` shows as
CP437). .7z and .rar are read with libarchive (the ``libarchive-c`` package and the
system's libarchive), whose names are Unicode in both formats.
"""

from __future__ import annotations

import locale
import os
import shutil
import stat
import tempfile
import zipfile
from contextlib import contextmanager
from typing import Iterator

from ..errors import ReadError, library_words
from .detect import ARCHIVES, sniff
from .limits import MAX_RATIO, MAX_UNZIPPED, check_zip

MAX_MEMBERS = 2000  # a round is tens to a few hundred files
_FOLDER_MARK = "tw-unzipped-"  # unpacked folders: tmp/tw-unzipped-XXXX/
UNSAFE = "压缩包中的这一项路径不安全（{why}），出于安全未解压"
TOO_MANY = f"压缩包中的文件过多（超过 {MAX_MEMBERS} 个），不像一轮提交材料，已拒绝处理"
BROKEN = "压缩包已损坏，无法打开"
PASSWORD = "压缩包设置了密码，无法解压；请提交未加密的压缩包"
BOMB = (f"压缩包解压后异常巨大（超过压缩包本身的 {MAX_RATIO} 倍或 {MAX_UNZIPPED // 2**20} MB），"
        "疑似“压缩炸弹”，已拒绝处理")
NO_LIBARCHIVE = ("无法解压 {what}：这台电脑缺少 libarchive 解压库（pip install libarchive-c，并装上系统的 "
                 "libarchive，如 Debian/Ubuntu 上 sudo apt-get install libarchive-tools）；也可以改用 .zip 压缩包提交")
_SMALL = 4 * 2**20  # below this, any archive may expand (a .7z of text files shrinks them well)


def is_archive(path: str) -> bool:
    """A .zip, .7z or .rar (by content; a .docx or .xlsx is a zip too, but not an archive of submissions)."""
    try:
        return os.path.isfile(path) and sniff(path) in ARCHIVES
    except OSError:
        return False


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's path as its maker meant it: GBK (or UTF-8 without the flag) where the
    archive does not flag UTF-8, and ``/`` for the ``\\`` of some Windows tools."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            raw = name.encode("cp437")
        except UnicodeEncodeError:
            raw = None
        if raw is not None:
            name = _utf8_cjk(raw) or _decode(raw, "gb18030") or name
    return name.replace("\\", "/")


def _decode(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def _utf8_cjk(raw: bytes) -> str | None:
    """``raw`` as UTF-8 (some tools omit the flag) only when every non-ASCII character is CJK:
    short GBK names are often valid UTF-8 too, but of Armenian or Cyrillic letters (支 → ֧)."""
    text = _decode(raw, "utf-8")
    return text if text is not None and all(c < "\x80" or c >= "\u2e80" for c in text) else None


def _unsafe(name: str, link: bool) -> str | None:
    if link:
        return UNSAFE.format(why="符号链接")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return UNSAFE.format(why="绝对路径")
    if ".." in name.split("/"):
        return UNSAFE.format(why="含“..”，会写到解压文件夹之外")
    return None


def _place(archive: str, name: str, link: bool, refused: dict[str, ReadError], out: list[str]
           ) -> tuple[str, list[str]] | None:
    """Where member ``name`` of ``archive`` is shown and unpacked (its name, its path parts), or
    None when it is not unpacked: refused members are listed in ``out`` and ``refused``."""
    from . import HIDDEN
    from ..files import TEMP_PREFIX
    from ..outputs import not_a_submission

    shown = f"{archive.rstrip('/' + os.sep)}/{name.strip('/')}"
    parts = [p for p in name.split("/") if p not in ("", ".")]
    base = parts[-1] if parts else ""
    if base.startswith(TEMP_PREFIX) or not base:
        return None
    reason = _unsafe(name, link) or (HIDDEN if any(p.startswith(".") or p == "__MACOSX" for p in parts)
                                     else not_a_submission(base))
    if reason:
        out.append(shown)
        refused[shown] = ReadError(reason, "skipped")
        return None
    return shown, parts


def _unpack_zip(path: str, refused: dict[str, ReadError], tmp: str, sources: dict[str, str]) -> list[str]:
    """A .zip: the member count, passwords and what members really inflate to are checked from the
    archive's directory before anything is written."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        refused[path] = ReadError(BROKEN)
        return [path]
    out: list[str] = []
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        try:
            if len(infos) > MAX_MEMBERS:
                raise ReadError(TOO_MANY)
            if any(i.flag_bits & 0x1 for i in infos):
                raise ReadError(PASSWORD)
            check_zip(zf)  # what members really inflate to, counted while inflating, before writing any
        except ReadError as exc:
            refused[path] = exc
            return [path]
        folder = tempfile.mkdtemp(prefix=_FOLDER_MARK, dir=tmp)
        written = 0
        for info in sorted(infos, key=lambda i: member_name(i).split("/")):
            name = member_name(info)
            placed = _place(path, name, stat.S_ISLNK(info.external_attr >> 16), refused, out)
            if placed is None:
                continue
            shown, parts = placed
            real = os.path.join(folder, *parts)
            try:
                os.makedirs(os.path.dirname(real), exist_ok=True)
                with zf.open(info) as src, open(real, "xb") as dst:
                    shutil.copyfileobj(src, dst)
                    written += dst.tell()
            except (OSError, zipfile.BadZipFile, EOFError, ValueError) as exc:
                out.append(shown)
                refused[shown] = ReadError(f"无法从压缩包中解压这个文件（{type(exc).__name__}）")
                continue
            if written > MAX_UNZIPPED:  # check_zip counted already; a second guard costs nothing
                refused[shown] = ReadError(f"压缩包解压后超过 {MAX_UNZIPPED // 2**20} MB，其余文件未解压")
                out.append(shown)
                break
            sources[shown] = real
            out.append(shown)
    return out


@contextmanager
def _unicode_names() -> Iterator[None]:
    """libarchive turns the Unicode names of .7z and .rar into text by the C locale: under
    ``LC_ALL=C`` every Chinese name would be lost, so the reading runs in C.UTF-8."""
    previous = locale.setlocale(locale.LC_CTYPE)
    if "utf" in previous.lower().replace("-", ""):
        yield
        return
    try:
        locale.setlocale(locale.LC_CTYPE, "C.UTF-8")
    except locale.Error:
        pass
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)


def _unpack_other(path: str, kind: str, refused: dict[str, ReadError], tmp: str, sources: dict[str, str]
                  ) -> list[str]:
    """A .7z or .rar, streamed member by member (a solid archive has no per-member sizes to trust):
    the count and the bytes written are counted as they come, and past ``MAX_MEMBERS``, past
    ``MAX_RATIO`` times the archive's own size (beyond ``_SMALL``) or past ``MAX_UNZIPPED`` the
    whole archive is refused and what was unpacked is deleted."""
    try:
        import libarchive
        from libarchive import ffi
        from libarchive.exception import ArchiveError
    except (ImportError, OSError, AttributeError, TypeError):  # the package, or the system library, is missing
        refused[path] = ReadError(NO_LIBARCHIVE.format(what=f".{kind}"))
        return [path]
    # libarchive-c has no wrapper for it; libarchive itself reads a locked member's bytes as they are.
    encrypted = getattr(ffi, "entry_is_encrypted", None) or ffi.ffi("entry_is_encrypted", [ffi.c_archive_entry_p],
                                                                     ffi.c_int)
    with open(path, "rb") as fh:
        # Named, not guessed: libarchive's own guess takes a .rar holding a stored .docx for that .docx's zip.
        fmt = {"7z": "7zip", "rar": "rar5" if fh.read(8) == b"Rar!\x1a\x07\x01\x00" else "rar"}[kind]
    budget = min(MAX_UNZIPPED, max(_SMALL, MAX_RATIO * os.path.getsize(path)))
    folder = tempfile.mkdtemp(prefix=_FOLDER_MARK, dir=tmp)
    out: list[str] = []
    mine: dict[str, ReadError] = {}
    found: dict[str, str] = {}
    count = written = 0
    try:
        with _unicode_names(), libarchive.file_reader(path, fmt) as entries:
            for entry in entries:
                if entry.isdir:
                    continue
                if encrypted(entry._entry_p):
                    raise ReadError(PASSWORD)
                count += 1
                if count > MAX_MEMBERS:
                    raise ReadError(TOO_MANY)
                name = (entry.pathname or "").replace("\\", "/")
                placed = _place(path, name, entry.issym or entry.islnk, mine, out)
                if placed is None:
                    continue
                shown, parts = placed
                out.append(shown)
                if not entry.isreg:
                    mine[shown] = ReadError("压缩包中的这一项不是普通文件，未解压", "skipped")
                    continue
                real = os.path.join(folder, *parts)
                try:
                    os.makedirs(os.path.dirname(real), exist_ok=True)
                    with open(real, "xb") as dst:
                        for block in entry.get_blocks():
                            written += len(block)
                            if written > budget:
                                raise ReadError(BOMB)
                            dst.write(block)
                except OSError as exc:  # a name given twice, a name the disk refuses
                    mine[shown] = ReadError(f"无法从压缩包中解压这个文件（{type(exc).__name__}）")
                    continue
                found[shown] = real
    except ReadError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        refused[path] = exc
        return [path]
    except ArchiveError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        words = str(exc).lower()
        refused[path] = (ReadError(PASSWORD) if "encrypt" in words or "passphrase" in words
                         else ReadError(BROKEN, detail=library_words(exc)))
        return [path]
    refused.update(mine)
    sources.update(found)
    return sorted(out, key=lambda shown: shown.split("/"))


def _unpack(path: str, refused: dict[str, ReadError], tmp: str, sources: dict[str, str]) -> list[str]:
    kind = sniff(path)
    if kind == "zip":
        return _unpack_zip(path, refused, tmp, sources)
    return _unpack_other(path, kind, refused, tmp, sources)


def expand(paths: list[str], refused: dict[str, ReadError], tmp: str, sources: dict[str, str]) -> list[str]:
    """``paths`` with every .zip among them replaced by its members (see the module's doc)."""
    out: list[str] = []
    for p in paths:
        if p in refused or not is_archive(p):
            out.append(p)
        else:
            out.extend(m for m in _unpack(p, refused, tmp, sources) if m not in out)
    return out


def unpacked(path: str | None) -> bool:
    """Whether ``path`` is a member unpacked by ``expand`` (read as what it is, not as a .doc conversion)."""
    return bool(path) and any(part.startswith(_FOLDER_MARK) for part in os.path.normpath(path).split(os.sep)[:-1])
