"""Benchmark: scans and phone photos (needs the [ocr] extra and LibreOffice).

Makes scans of the project's own forms (``tests/scans.py``: the built-in
推优登记表 for three people and three branch layouts) at 150/200/300 dpi with
every kind of damage, as .jpg, image-only .pdf, .png, .tif and picture-in-.docx,
reads each in this process, and prints the time per page (CPU seconds of this
process, and wall-clock), the accuracy per field, and the recognition
confidence of the values read right and of those misread, against the line
below which a value is never the basis of an error (``ocr.LOW_CONF``).

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
    read_right: list[tuple[float, str, str]] = []  # (confidence, scan, field) of each value read right
    misread: list[tuple[float, str, str]] = []
    chosen = sweep()[: args.limit or None]
    for scan in chosen:
        path, (want,) = scans.make(scan, srcs, work)
        c0, w0 = time.process_time(), time.perf_counter()
        values, conf = {}, {}
        try:
            doc = read(path, timeout=None)
            got = (extract(doc).records or [None])[0]
            if got:
                values, known = got.values, ocr.confidences(doc)
                conf = {k: known.get(ocr.place(loc)) for k, loc in got.where.items()}
        except Exception as exc:  # noqa: BLE001 - a bench reports, it does not stop
            print(f"  {scan.name}: {exc}")
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        cpu_times.append(cpu)
        wall_times.append(wall)
        wrong = [k for k in FORM_KEYS if values.get(k) != want[k]]
        for k in FORM_KEYS:
            right[k] += k not in wrong
            if conf.get(k) is not None:
                (misread if k in wrong else read_right).append((conf[k], scan.name, k))
        print(f"{scan.name:32} CPU {cpu:5.2f} s  墙钟 {wall:5.2f} s  "
              + ("全对" if not wrong else "错：" + "、".join(f"{k}={values.get(k)!r}" for k in wrong)))
    n = len(chosen)
    print(f"\n{n} 页：每页 CPU 中位数 {statistics.median(cpu_times):.2f} s，最长 {max(cpu_times):.2f} s；"
          f"墙钟中位数 {statistics.median(wall_times):.2f} s")
    print("逐字段准确率：")
    for k in FORM_KEYS:
        print(f"  {k:6} {right[k] / n:6.1%}")
    print(f"全部字段：{sum(right.values()) / (n * len(FORM_KEYS)):.1%}")
    calibrate(read_right, misread)


def calibrate(read_right: list[tuple[float, str, str]], misread: list[tuple[float, str, str]]) -> None:
    """How well LOW_CONF splits the values read right (which it must not turn
    into "please verify") from the misread ones (which must never be errors)."""
    print(f"\n置信度（低于 {ocr.LOW_CONF} 的值只作提醒核对，不作错误依据）：")
    if read_right:
        demoted = [r for r in read_right if r[0] < ocr.LOW_CONF]
        print(f"  读对的值 {len(read_right)} 个：最低 {min(read_right)[0]:.3f}，"
              f"5% 分位 {statistics.quantiles([c for c, _, _ in read_right], n=20)[0]:.3f}；"
              f"其中 {len(demoted)} 个低于阈值（会被降为提醒）")
        for c, name, key in sorted(read_right)[:5]:
            print(f"    {c:.3f}  {name} {key}")
    trusted = [r for r in misread if r[0] >= ocr.LOW_CONF]
    print(f"  读错的值 {len(misread)} 个，其中 {len(trusted)} 个不低于阈值（可能成为错误依据）")
    for c, name, key in sorted(misread, reverse=True):
        print(f"    {c:.3f}  {name} {key}")


if __name__ == "__main__":
    main()
