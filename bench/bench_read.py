"""Benchmark: the readers against the plain way, per format, in one process.

Builds a small round with ``bench_convert.make_round`` (registration forms and
tallies as .docx, a third as PDF made by LibreOffice) and times reading every
file twice over:

- baseline: python-docx paragraphs and tables; pdfplumber text and tables per page;
- tuanwen:  ``toolkit.read.read`` (full Document: paragraphs, tables, spans, headers).

Prints milliseconds per file and the ratio for .docx and for PDF.

    python bench/bench_read.py [--files 60] [--keep DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_convert import make_round  # noqa: E402


def baseline(path: Path) -> None:
    if path.suffix == ".docx":
        import docx

        d = docx.Document(str(path))
        [p.text for p in d.paragraphs]
        [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]
    else:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.extract_tables()


def tuanwen(path: Path) -> None:
    from toolkit.read import read

    read(path)


def per_file(func, files: list[Path], rounds: int = 2) -> float:
    func(files[0])  # imports and first-use costs are not per file
    t = time.perf_counter()
    for _ in range(rounds):
        for f in files:
            func(f)
    return (time.perf_counter() - t) / (rounds * len(files)) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--keep", type=Path, help="keep the generated round in this folder")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "round"
        if not folder.is_dir() or not any(folder.iterdir()):
            make_round(folder, args.files)
        for ext in (".docx", ".pdf"):
            files = sorted(folder.glob("*" + ext))
            if not files:
                continue
            base, ours = per_file(baseline, files), per_file(tuanwen, files)
            print(f"{ext:6} {len(files):4d} 个文件  基线 {base:7.2f} ms/个  团文 {ours:7.2f} ms/个  "
                  f"快 {base / ours:4.1f} 倍")


if __name__ == "__main__":
    main()
