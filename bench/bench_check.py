"""Benchmark: ``tuanwen check`` on a round of 500 and of 2,000 submissions.

Generates two realistic rounds (tests/rounds/build_round.py: two registration
forms and a summary per branch, plus the tally, the hand-out log and a notice,
with planted mistakes) and times, as whole processes with start-up included,

    python cli.py check ROUND --format json -o report.json --jobs N

Cross-document matching goes through indexes, so the time should grow about
linearly: the target is t(2,000) ≤ 4.6 × t(500). Prints both times, the ratio
and the findings per round.

    python bench/bench_check.py [--small 500] [--large 2000] [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from rounds.build_round import build_round  # noqa: E402

TARGET = 4.6


def make_round(folder: Path, files: int) -> int:
    """A round of about ``files`` submissions (3 per branch, plus 3 office files)."""
    build_round(folder, n_branches=max(8, (files - 3) // 3), plant=True)
    return sum(1 for _ in folder.iterdir())


def time_check(folder: Path, jobs: int, report: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "cli.py"), "check", str(folder), "--format", "json",
                           "-o", str(report), "--jobs", str(jobs)], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"check failed ({proc.returncode}): {proc.stderr}")
    return elapsed, json.loads(report.read_text(encoding="utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", type=int, default=500)
    ap.add_argument("--large", type=int, default=2000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="build the rounds here and keep them")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tw-bench-check-") as tmp:
        base = args.keep or Path(tmp)
        times = {}
        for label, n in (("small", args.small), ("large", args.large)):
            folder = base / f"round_{n}"
            if not folder.exists():
                t0 = time.perf_counter()
                count = make_round(folder, n)
                print(f"生成 {count} 份材料：{time.perf_counter() - t0:.1f} 秒", flush=True)
            count = sum(1 for _ in folder.iterdir())
            elapsed, data = time_check(folder, args.jobs, base / f"report_{n}.json")
            times[label] = elapsed
            errors = sum(f["severity"] == "error" for f in data["findings"])
            print(f"审查 {count} 份（--jobs {args.jobs}）：{elapsed:.1f} 秒，"
                  f"{len(data['findings'])} 条问题（错误 {errors} 条）", flush=True)
    ratio = times["large"] / times["small"]
    scale = args.large / args.small
    print(f"耗时比 {args.large}/{args.small} = {ratio:.2f}（规模比 {scale:.1f}，目标 ≤ {TARGET}）："
          f"{'达标' if ratio <= TARGET else '未达标'}")


if __name__ == "__main__":
    main()
