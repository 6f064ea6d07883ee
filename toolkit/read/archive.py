"""A .zip of submissions, read as a folder.

    expand(paths, refused, tmp, sources) -> paths   # each .zip replaced by its members

Members are unpacked into a private folder under ``tmp`` and named as the user sees
them: the archive's path as given plus the member's path (``收到的材料.zip/化工/登记表.docx``);
``sources`` maps that name to the unpacked file. Hostile archives cost nothing: members
with absolute paths, ``..`` or symbolic links are listed and refused, and the member
count and the bytes they really inflate to are capped before anything is written.
Names are decoded as GBK where the archive does not flag UTF-8 (zips made by QQ, WeChat
and Windows Explorer on Chinese systems store GBK bytes that ``zipfile`` shows as CP437).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import zipfile

from ..errors import ReadError
from .detect import sniff
from .limits import MAX_UNZIPPED, check_zip

MAX_MEMBERS = 2000  # a round is tens to a few hundred files
_FOLDER_MARK = "tw-unzipped-"  # unpacked folders: tmp/tw-unzipped-XXXX/
UNSAFE = "压缩包中的这一项路径不安全（{why}），出于安全未解压"
TOO_MANY = f"压缩包中的文件过多（超过 {MAX_MEMBERS} 个），不像一轮提交材料，已拒绝处理"
BROKEN = "压缩包已损坏，无法打开"


def is_archive(path: str) -> bool:
    """A plain .zip (by content; a .docx or .xlsx is a zip too, but not an archive of submissions)."""
    try:
        return os.path.isfile(path) and sniff(path) == "zip"
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


def _unsafe(info: zipfile.ZipInfo, name: str) -> str | None:
    if stat.S_ISLNK(info.external_attr >> 16):
        return UNSAFE.format(why="符号链接")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return UNSAFE.format(why="绝对路径")
    if ".." in name.split("/"):
        return UNSAFE.format(why="含“..”，会写到解压文件夹之外")
    return None


def _unpack(path: str, refused: dict[str, ReadError], tmp: str, sources: dict[str, str]) -> list[str]:
    from . import HIDDEN
    from ..files import TEMP_PREFIX
    from ..outputs import not_a_submission

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
                raise ReadError("压缩包设置了密码，无法解压；请提交未加密的压缩包")
            check_zip(zf)  # what members really inflate to, counted while inflating, before writing any
        except ReadError as exc:
            refused[path] = exc
            return [path]
        folder = tempfile.mkdtemp(prefix=_FOLDER_MARK, dir=tmp)
        written = 0
        for info in sorted(infos, key=lambda i: member_name(i).split("/")):
            name = member_name(info)
            shown = f"{path.rstrip('/' + os.sep)}/{name.strip('/')}"
            parts = [p for p in name.split("/") if p not in ("", ".")]
            base = parts[-1] if parts else ""
            if base.startswith(TEMP_PREFIX) or not base:
                continue
            reason = _unsafe(info, name) or (HIDDEN if any(p.startswith(".") or p == "__MACOSX" for p in parts)
                                              else not_a_submission(base))
            if reason:
                out.append(shown)
                refused[shown] = ReadError(reason, "skipped")
                continue
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
