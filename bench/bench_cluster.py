"""Benchmark: province-scale rounds — the cost of one document, and ``--cluster`` against the plain run.

1. Per-document CPU on one core (this process's CPU time, median of repeated runs after a warm-up):
   read + extract + the document rules (``app.check.check_one``) of a typed 推优登记表 and of a
   two-page 工作总结. Issue 13's targets: ≤ 10 ms and ≤ 40 ms.
2. The reduce step (round rules on the client) at several round sizes, to see how it grows.
3. ``check --jobs 2`` against ``check --cluster local --jobs 2`` on the largest round, whole
   processes with start-up (wall-clock, both in this run): the cluster's overhead as a ratio.

Rounds are made by ``tests/rounds/build_round.py`` (forms, summaries, a tally, a log and a notice
per round of eight branches, with planted mistakes), one seed per block of files, so that no two
blocks repeat each other.

    python bench/bench_cluster.py [--n 20000] [--sizes 5000,10000,20000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from rounds.build_round import build_round  # noqa: E402

from toolkit.app.check import check_one, run_check  # noqa: E402
from toolkit.app.pipeline import Source  # noqa: E402
from toolkit.config import Config  # noqa: E402
from toolkit.check.engine import all_rules  # noqa: E402
from toolkit.cn.segment import tagged, words  # noqa: E402

PROSE = ROOT / "bench" / "genre_prose.txt"
TARGETS = {"推优登记表": 0.010, "两页工作总结": 0.040}


def make_round(folder: Path, n: int) -> Path:
    """A round of at least ``n`` files: generated blocks (one seed each) side by side."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = 0
    while sum(1 for _ in folder.rglob("*.*")) < n:
        build_round(folder / f"第{seed:04d}批", n_branches=8, plant=True, seed=seed)
        seed += 1
    return folder


def two_page_summary(path: Path, seed: int = 0) -> Path:
    """A 工作总结 of about two pages (≈ 2,400 characters) in the genre's shape; each ``seed`` picks
    other sentences (no cache of one document's sentences helps the next)."""
    import random

    import docx

    lines = [s for s in PROSE.read_text("utf-8").splitlines() if len(s) > 20]
    random.Random(seed).shuffle(lines)
    d = docx.Document()
    d.add_paragraph("某某团支部2026年度工作总结")
    heads = ["一、思想引领", "二、组织建设", "三、志愿服务", "四、存在的不足", "五、下一步打算"]
    text, k = 0, 0
    while text < 2400:
        if k % 4 == 0 and k // 4 < len(heads):
            d.add_paragraph(heads[k // 4])
        d.add_paragraph(lines[k % len(lines)])
        text += len(lines[k % len(lines)])
        k += 1
    d.add_paragraph("某某团支部")
    d.add_paragraph("2026年12月1日")
    d.save(path)
    return path


def per_document(paths: list[Path]) -> float:
    """Median CPU seconds of ``check_one`` over ``paths``, each checked once after a warm-up on
    another file (modules, dictionaries), with the sentence caches emptied before each."""
    codes = tuple(r.code for r in all_rules() if r.scope == "document")
    check_one((Source(str(paths[0])), codes, Config()))
    times = []
    for path in paths[1:]:
        words.cache_clear()  # what one document's sentences left must not help the next
        tagged.cache_clear()
        t = time.process_time()
        check_one((Source(str(path)), codes, Config()))
        times.append(time.process_time() - t)
    return statistics.median(times)


def reduce_step(folder: Path) -> tuple[int, float]:
    """Files checked and the CPU seconds of the round rules (this process) on ``folder``."""
    spent = [0.0]
    rules = all_rules()
    timed = []
    for rule in rules:
        if rule.scope != "round":
            timed.append(rule)
            continue

        def func(target, config, _f=rule.func):
            t = time.process_time()
            out = list(_f(target, config))
            spent[0] += time.process_time() - t
            return out

        timed.append(dataclasses.replace(rule, func=func))
    result, _ = run_check([str(folder)], rules=timed, jobs=2, quiet=True)
    return len(result.files), spent[0]


def wall(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], capture_output=True, check=False)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000, help="files in the largest round")
    ap.add_argument("--sizes", default="5000,10000,20000", help="round sizes for the reduce step")
    ap.add_argument("--keep", type=Path, help="keep the rounds in this folder (and reuse them)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="tw-bench-cluster-"))
    work.mkdir(parents=True, exist_ok=True)

    print("一、单份文档的 CPU 时间（一个核心，读取 + 提取 + 单份规则，中位数）")
    one = make_round(work / "单份", 1)
    forms = sorted(one.rglob("登记表_*.docx"))
    summaries = [two_page_summary(work / f"两页总结_{k}.docx", seed=k) for k in range(20)]
    for label, paths in (("推优登记表", forms), ("两页工作总结", summaries)):
        cost = per_document(paths)
        print(f"  {label:8} {cost * 1000:7.1f} ms（目标 ≤ {TARGETS[label] * 1000:.0f} ms）")

    print("\n二、汇总步骤（客户端上的跨文档规则）随轮次规模的增长")
    sizes = sorted({min(int(s), args.n) for s in args.sizes.split(",")} | {args.n})
    biggest = work / f"轮次_{args.n}"
    make_round(biggest, args.n)
    reduce_step(one)  # warm-up: the round rules' modules and dictionaries
    base = None
    for size in sizes:
        folder = work / f"轮次_{size}"
        if folder != biggest and not folder.exists():
            folder.mkdir()
            for block in sorted(biggest.iterdir())[: -(-size // 40)]:
                shutil.copytree(block, folder / block.name)
        files, spent = reduce_step(folder)
        base = base or spent / files
        print(f"  {files:6} 个文件：{spent:7.2f} s，每份 {spent / files * 1000:6.2f} ms（与最小规模之比 "
              f"{spent / files / base:4.2f}）")

    print(f"\n三、{args.n} 个文件：--jobs 2 与 --cluster local --jobs 2（墙钟，含启动）")
    report = work / "报告.json"
    plain = wall(["check", str(biggest), "--format", "json", "-o", str(report), "--jobs", "2", "-q"])
    dask = wall(["check", str(biggest), "--format", "json", "-o", str(report), "--jobs", "2", "-q",
                 "--cluster", "local"])
    print(f"  --jobs 2：{plain:8.1f} s\n  --cluster local：{dask:8.1f} s\n  开销：{dask / plain - 1:+.1%}（目标 ≤ 15 %）")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
