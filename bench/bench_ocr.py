"""Benchmark: scans and phone photos (needs the [ocr] extra and LibreOffice).

Makes scans of the project's own forms (``tests/scans.py``: the built-in
推优登记表 for three people and three branch layouts) at 150/200/300 dpi with
every kind of damage, as .jpg, image-only .pdf, .png, .tif and picture-in-.docx,
reads each in this process, and prints the time per page (CPU seconds of this
process, and wall-clock) and the accuracy per field.

    python bench/bench_ocr.py [--limit N] [--keep DIR]

Issue 9's target is ≤ 2 s of one core per page including preparation; the
models load once per process (not counted per page; printed apart).
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import scans  # noqa: E402
from scans import Scan, Spoil  # noqa: E402

from toolkit.extract import FORM_KEYS, extract  # noqa: E402
from toolkit.read import ocr, read  # noqa: E402

DAMAGE = {
    "clean": Spoil(),
    "+3°": Spoil(angle=3),
    "-3°": Spoil(angle=-3, noise=5),
    "blur": Spoil(blur=5),
    "noise": Spoil(noise=14),
    "pale": Spoil(pale=True),
    "photo": Spoil(photo=True, noise=4),
    "stamp+sign": Spoil(stamp=True, scribble=True),
    "turned": Spoil(quarter=3),
}
CONTAINERS = (".jpg", ".pdf", ".png", ".tif", ".docx")


def sweep() -> list[Scan]:
    out = []
    for n, (source, dpi, (label, damage)) in enumerate(itertools.product(range(6), (150, 200, 300), DAMAGE.items())):
        ext = CONTAINERS[n % len(CONTAINERS)]
        out.append(Scan(f"{n:03d}_{source}_{dpi}_{label}{ext}", source, dpi, damage))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="read only the first N scans")
    ap.add_argument("--keep", type=Path, help="keep the scans in this folder")
    args = ap.parse_args()
    if not ocr.available():
        sys.exit('需要图片识别组件：pip install -e ".[ocr]"')
    work = args.keep or Path(tempfile.mkdtemp(prefix="tw-bench-ocr-"))
    work.mkdir(parents=True, exist_ok=True)
    srcs = scans.sources(work)
    t0 = time.perf_counter()
    ocr.engine()
    print(f"模型加载：{time.perf_counter() - t0:.2f} s（每个进程一次）")
    right = dict.fromkeys(FORM_KEYS, 0)
    cpu_times, wall_times = [], []
    chosen = sweep()[: args.limit or None]
    for scan in chosen:
        path, (want,) = scans.make(scan, srcs, work)
        c0, w0 = time.process_time(), time.perf_counter()
        try:
            got = (extract(read(path, timeout=None)).records or [None])[0]
            values = got.values if got else {}
        except Exception as exc:  # noqa: BLE001 - a bench reports, it does not stop
            values = {}
            print(f"  {scan.name}: {exc}")
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        cpu_times.append(cpu)
        wall_times.append(wall)
        wrong = [k for k in FORM_KEYS if values.get(k) != want[k]]
        for k in FORM_KEYS:
            right[k] += k not in wrong
        print(f"{scan.name:32} CPU {cpu:5.2f} s  墙钟 {wall:5.2f} s  "
              + ("全对" if not wrong else "错：" + "、".join(f"{k}={values.get(k)!r}" for k in wrong)))
    n = len(chosen)
    print(f"\n{n} 页：每页 CPU 中位数 {statistics.median(cpu_times):.2f} s，最长 {max(cpu_times):.2f} s；"
          f"墙钟中位数 {statistics.median(wall_times):.2f} s")
    print("逐字段准确率：")
    for k in FORM_KEYS:
        print(f"  {k:6} {right[k] / n:6.1%}")
    print(f"全部字段：{sum(right.values()) / (n * len(FORM_KEYS)):.1%}")


if __name__ == "__main__":
    main()
