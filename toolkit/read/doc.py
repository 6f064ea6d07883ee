"""Legacy Word (.doc, and RTF) through LibreOffice: all files of a batch in one run.

Starting LibreOffice costs seconds, so ``read_many`` converts every .doc of a
round with one call of ``toolkit.office.soffice_convert`` and then reads
the results as .docx. Inputs are copied to numbered names first: LibreOffice
names its outputs by stem, and ``登记表.doc`` from two branch folders must not
collide (nor cost a second run).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Sequence

from ..errors import ReadError, TuanwenError

INSTALL_HINT = "需要安装 LibreOffice 才能读取 .doc：sudo apt-get install libreoffice-writer-nogui"
CONVERT_FAILED = "LibreOffice 无法转换此文件，可能已损坏；请用 Word 另存为 .docx 后重新提交"


def convert_docs(paths: Sequence[str], outdir: str | os.PathLike, timeout: float | None = None) -> dict[str, str]:
    """Convert legacy Word files to .docx in ``outdir``; map each input to its
    converted file (inputs LibreOffice could not convert are left out).
    Raises ReadError when LibreOffice is missing, fails or times out."""
    from ..office import SofficeMissing, soffice_convert

    with tempfile.TemporaryDirectory(prefix="tw-doc-in-") as stage:
        staged = []
        for i, p in enumerate(paths):
            target = Path(stage, f"{i:05d}{Path(p).suffix.lower() or '.doc'}")
            shutil.copyfile(p, target)
            staged.append(target.resolve())
        try:
            done = soffice_convert(staged, Path(outdir), "docx", timeout, label="用 LibreOffice 转换 .doc")
        except SofficeMissing as exc:
            raise ReadError(INSTALL_HINT) from exc
        except TuanwenError as exc:
            raise ReadError(exc.message, detail=exc.detail) from exc
    return {p: str(done[s]) for p, s in zip(paths, staged) if s in done}
