"""Legacy Word (.doc, and RTF) through LibreOffice: all files of a batch in one process.

Starting LibreOffice costs seconds, so ``read_many`` converts every .doc of a
round with one ``soffice --convert-to docx`` call and then reads the results
as .docx. A private profile (``-env:UserInstallation``) keeps it from
clashing with a LibreOffice the user has open.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Sequence

from ..errors import ReadError

INSTALL_HINT = "需要安装 LibreOffice 才能读取 .doc：sudo apt-get install libreoffice-writer-nogui"


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_convert(files: Sequence[str | os.PathLike], outdir: str | os.PathLike, fmt: str = "docx",
                    timeout: float | None = None) -> list[Path | None]:
    """Convert ``files`` to ``fmt`` in ONE LibreOffice run; return the output
    path for each input, in order (None where LibreOffice produced nothing).

    Inputs are linked into a staging folder under numbered names, so files of
    the same name from different folders cannot overwrite each other.
    Raises ReadError when LibreOffice is missing or the run times out.
    """
    exe = soffice_path()
    if exe is None:
        raise ReadError(INSTALL_HINT)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    if not files:
        return []
    timeout = timeout or 60 + 10 * len(files)
    with tempfile.TemporaryDirectory(prefix="tw-soffice-") as tmp:
        stage, profile = Path(tmp, "in"), Path(tmp, "profile")
        stage.mkdir()
        staged = []
        for i, f in enumerate(files):
            target = stage / f"{i:05d}{Path(f).suffix.lower() or '.bin'}"
            try:
                os.symlink(Path(f).resolve(), target)
            except OSError:
                shutil.copyfile(f, target)
            staged.append(target)
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", fmt, "--outdir", str(outdir), *map(str, staged)]
        try:
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=timeout, check=False, start_new_session=True)
        except subprocess.TimeoutExpired as exc:
            raise ReadError(f"LibreOffice 转换超时（超过 {timeout:g} 秒）") from exc
    ext = "." + fmt.split(":")[0]
    outputs = [outdir / (s.stem + ext) for s in staged]
    return [p if p.is_file() and p.stat().st_size > 0 else None for p in outputs]


def convert_docs(paths: Sequence[str], outdir: str | os.PathLike, timeout: float | None = None) -> dict[str, str]:
    """Convert legacy Word files to .docx; map each input to its converted file
    (inputs LibreOffice could not convert are left out)."""
    results = soffice_convert(paths, outdir, "docx", timeout)
    return {src: str(out) for src, out in zip(paths, results) if out is not None}


CONVERT_FAILED = "LibreOffice 无法转换此文件，可能已损坏；请用 Word 另存为 .docx 后重新提交"
