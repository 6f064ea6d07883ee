"""Uploads saved into a job's folder, under limits, never outside it.

A browser sends a folder's files with their relative paths (``提交材料/化工/登记表.docx``); each
part of a name is cleaned with ``files.safe_filename``, so ``..``, absolute paths and drive letters
cannot climb out. A .zip, .7z or .rar is saved as it came: the commands read it as a folder, with their own
guards against path escapes and archive bombs (``read/archive.py``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import UploadFile

from ...files import safe_filename
from ...read.archive import MAX_MEMBERS

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What one request may send."""

    max_bytes: int = 512 * 2**20  # a round of a few hundred forms is tens of MB
    max_files: int = MAX_MEMBERS  # as many as an archive of submissions may hold

    def too_large(self) -> str:
        return f"上传的文件总共超过 {self.max_bytes // 2**20} MB，未处理；请分几次上传，或先删去不需要的文件"

    def too_many(self) -> str:
        return f"一次最多上传 {self.max_files} 个文件，未处理；请分几次上传，或打包成 .zip 后上传"


class UploadRefused(Exception):
    """An upload the page refuses, with the Chinese reason."""


def relative_parts(filename: str) -> list[str]:
    """The cleaned parts of an uploaded file's name (a folder upload keeps its subfolders)."""
    parts = [p for p in re.split(r"[\\/]+", filename or "") if p not in ("", ".", "..")]
    if parts and re.fullmatch(r"[A-Za-z]:", parts[0]):
        parts = parts[1:]
    return [safe_filename(p) for p in parts]


async def save(uploads: list[UploadFile], root: Path, folder: str = "") -> list[str]:
    """Write ``uploads`` under ``root``/``folder``; return their paths relative to ``root`` (the job's
    upload folder, where the commands run), in the order given. A name already taken gets ``_2``…"""
    saved: list[str] = []
    real_root = os.path.realpath(root)
    for upload in uploads:
        parts = relative_parts(upload.filename or "")
        if not parts:
            continue  # an empty file input sends a part without a name
        target = _free(root.joinpath(folder, *parts))
        if not os.path.realpath(target).startswith(real_root + os.sep):
            raise UploadRefused(f"文件名“{upload.filename}”不安全，未处理")
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "xb") as out:
            while chunk := await upload.read(_CHUNK):
                out.write(chunk)
        saved.append(target.relative_to(root).as_posix())
    return saved


def top_level(saved: list[str]) -> list[str]:
    """The files and folders the user chose, as the commands are given them (a folder upload's folder)."""
    return sorted({name.split("/")[0] for name in saved})


def free_name(root: Path, name: str) -> str:
    """``name``, or ``name_2``… where ``name`` is taken in ``root``."""
    return _free(root / name).name


def _free(path: Path) -> Path:
    n, candidate = 1, path
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}_{n}{path.suffix}")
    return candidate
