"""Benchmark: province-scale rounds — the cost of one document, and ``--cluster`` against the plain run.

1. Per-document CPU on one core (CPU time of a fresh process that imports only the toolkit, as a
   worker does; the median over the files, each checked once after a warm-up): read + extract +
   the document rules (``app.check.check_one``) of a typed 推优登记表 and of a two-page 工作总结.
   Issue 13's targets: ≤ 10 ms and ≤ 40 ms. Printed beside them: a named baseline measured in the
   same process, jieba's own dictionary cut of bench/genre_prose.txt, which no change of ours
   touches, so that figures from machines of other speeds compare as ratios.
2. Step 1 of a round (``check_one`` on every file, two processes, ``pipeline.run`` as the commands
   run it) on the largest round, twice: with the plain pool (``--jobs 2``) and on a ``LocalCluster``
   (``--cluster local --jobs 2``); wall clock and the CPU of all processes, the cluster's start-up
   included; the two results compared.
3. The client's step (``round_findings``: the round rules over their indexes) on the first blocks
   holding 5k, 10k and 20k files, to see how it grows, and the round rules that cost most.
4. The whole round (step 1 + the client's step) both ways: the cluster's overhead. The report is
   the same work both ways, so it is left out.

Rounds are made by ``tests/rounds/build_round.py`` (forms, summaries, a tally, a log and a notice
per block of eight branches, with planted mistakes), one seed and eight branches of its own per
block, so that no two blocks repeat each other and a branch stays as small as a real one.

    python bench/bench_cluster.py [--n 20000] [--sizes 5000,10000,20000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from toolkit.app.check import Checked, check_one, round_findings  # noqa: E402
from toolkit.app.cluster import LOCAL, Cluster  # noqa: E402
from toolkit.app.pipeline import Source, gather, run, stage  # noqa: E402
from toolkit.config import Config  # noqa: E402
from toolkit.check.engine import Round, all_rules  # noqa: E402
from toolkit.cn.segment import forget_sentences  # noqa: E402

PROSE = ROOT / "bench" / "genre_prose.txt"
TARGETS = {"推优登记表": 0.010, "两页工作总结": 0.040}


BRANCHES_PER_BLOCK = 8


def make_round(folder: Path, n: int) -> Path:
    """A round of at least ``n`` files: generated blocks (one seed each) side by side, each with
    branches of its own (a province's round has many small branches, not a few growing ones)."""
    from rounds.build_round import build_round  # not in the lean process of section 1

    folder.mkdir(parents=True, exist_ok=True)
    seed = 0
    files = sum(1 for _ in folder.rglob("*.*"))
    while files < n:
        block = folder / f"第{seed:04d}批"
        if not block.exists():
            build_round(block, n_branches=BRANCHES_PER_BLOCK, plant=True, seed=seed,
                        first_branch=seed * BRANCHES_PER_BLOCK)
            files += sum(1 for _ in block.iterdir())
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
        forget_sentences()  # what one document's sentences left must not help the next
        t = time.process_time()
        check_one((Source(str(path)), codes, Config()))
        times.append(time.process_time() - t)
    return statistics.median(times)


def reference() -> float:
    """CPU seconds of a fixed workload that no change of ours touches, to compare machines: jieba's
    own dictionary cut (``lcut``, no HMM) of bench/genre_prose.txt, the median of five passes."""
    import jieba

    tk = jieba.Tokenizer()
    tk.initialize()
    lines = PROSE.read_text("utf-8").splitlines()
    times = []
    for _ in range(5):
        t = time.process_time()
        for line in lines:
            tk.lcut(line, HMM=False)
        times.append(time.process_time() - t)
    return statistics.median(times)


def lean_costs(work: Path) -> dict[str, float]:
    """Section 1 in a fresh process that imports only the toolkit, as a worker does (this one has
    also built the documents, whose garbage and modules would slow it)."""
    import json
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--costs", str(work)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def _costs(work: Path) -> None:
    import json

    forms = sorted((work / "单份").rglob("登记表_*.docx"))
    summaries = sorted(work.glob("两页总结_*.docx"), key=lambda p: int(p.stem.rsplit("_", 1)[1]))
    print(json.dumps({"推优登记表": per_document(forms), "两页工作总结": per_document(summaries),
                      "参照": reference()}))


def per_file(folder: Path, cluster: Cluster | None = None) -> tuple[list[Checked], float, float]:
    """Step 1 of ``check`` on every file of ``folder`` with two processes (``pipeline.run``, as the
    command runs it: a plain pool, or ``cluster``), in input order; with its wall-clock and CPU
    seconds (this process and its workers, the cluster's start-up included)."""
    codes = tuple(r.code for r in all_rules() if r.scope == "document")
    with stage(gather([str(folder)])) as staged:
        tasks = [(source, codes, Config()) for source in staged.sources]
        cpu, t = _cpu(), time.perf_counter()
        checked = [c for c in run(check_one, tasks, jobs=2, lost=lambda task: None, cluster=cluster) if c is not None]
        return checked, time.perf_counter() - t, _cpu() - cpu


def _cpu() -> float:
    """CPU seconds of this process and of its ended children."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def reduce_step(checked: list[Checked]) -> dict[str, float]:
    """CPU seconds of the client's step (``round_findings``) over ``checked``, by round rule, and
    the whole step under ``""``."""
    spent: dict[str, float] = {}
    timed = []
    for rule in all_rules():
        def func(target, config, _f=rule.func, _code=rule.code):
            t = time.process_time()
            out = list(_f(target, config))
            spent[_code] = time.process_time() - t
            return out

        timed.append(dataclasses.replace(rule, func=func) if rule.scope == "round" else rule)
    t = time.process_time()
    round_ = Round([c.submission for c in checked if c.status.status == "ok"], [], [])
    round_findings(checked, round_, timed, Config())
    spent[""] = time.process_time() - t
    return spent


def blocks_of(checked: list[Checked], folder: Path, size: int) -> list[Checked]:
    """The results of the first blocks of ``folder`` that hold ``size`` files or more."""
    taken, files = set(), 0
    for block in sorted(folder.iterdir()):
        if files >= size:
            break
        taken.add(block.name)
        files += sum(1 for _ in block.iterdir())
    return [c for c in checked if Path(c.status.file).relative_to(folder).parts[0] in taken]


def main() -> None:
    if sys.argv[1:2] == ["--costs"]:
        return _costs(Path(sys.argv[2]))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20_000, help="files in the largest round")
    ap.add_argument("--sizes", default="5000,10000,20000", help="round sizes for the reduce step")
    ap.add_argument("--keep", type=Path, help="keep the rounds in this folder (and reuse them)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="tw-bench-cluster-"))
    work.mkdir(parents=True, exist_ok=True)

    print("一、单份文档的 CPU 时间（一个核心，读取 + 提取 + 单份规则，中位数；只载入本工具的新进程）")
    one = make_round(work / "单份", 1)
    for k in range(20):
        two_page_summary(work / f"两页总结_{k}.docx", seed=k)
    costs = lean_costs(work)
    for label in TARGETS:
        print(f"  {label:8} {costs[label] * 1000:7.1f} ms（目标 ≤ {TARGETS[label] * 1000:.0f} ms；"
              f"参照的 {costs[label] / costs['参照']:.2f} 倍）")
    print(f"  参照：jieba 自带切分（lcut，不用 HMM）切完 bench/genre_prose.txt 一遍 {costs['参照'] * 1000:.1f} ms"
          "（与本工具无关的固定工作量，用来比较不同机器）")

    print(f"\n二、第一步（单份处理）：--jobs 2 与 --cluster local --jobs 2")
    biggest = make_round(work / f"轮次_{args.n}", args.n)
    per_file(one)  # warm-up: the rule modules, dictionaries and files of this process
    checked, plain_wall, plain_cpu = per_file(biggest)
    dask, dask_wall, dask_cpu = per_file(biggest, Cluster(LOCAL))
    same = [(c.status, c.findings) for c in checked] == [(c.status, c.findings) for c in dask]
    for label, wall, cpu in (("--jobs 2", plain_wall, plain_cpu), ("--cluster local", dask_wall, dask_cpu)):
        print(f"  {label:16} {len(checked)} 个文件：墙钟 {wall:7.1f} s，CPU {cpu:7.1f} s（每份 {cpu / len(checked) * 1000:.1f} ms）")
    print(f"  集群与单机结果{'相同' if same else '不同！'}")

    print("\n三、汇总步骤（客户端：跨文档规则等）随轮次规模的增长")
    sizes = sorted({min(int(s), args.n) for s in args.sizes.split(",")} | {args.n})
    reduce_step(per_file(one)[0])  # warm-up: the round rules' modules
    base = None
    for size in sizes:
        part = blocks_of(checked, biggest, size)
        spent = reduce_step(part)
        base = base or spent[""] / len(part)
        print(f"  {len(part):6} 个文件：{spent[''] :7.2f} s，每份 {spent[''] / len(part) * 1000:6.2f} ms"
              f"（与最小规模之比 {spent[''] / len(part) / base:4.2f}）")
    top = sorted(((v, k) for k, v in spent.items() if k), reverse=True)[:5]
    print("  其中耗时最多的规则：" + "，".join(f"{k} {v:.2f} s" for v, k in top))

    print(f"\n四、整轮（第一步 + 汇总步骤，墙钟）：--jobs 2 {plain_wall + spent[''] :.1f} s，"
          f"--cluster local {dask_wall + spent[''] :.1f} s，开销 {(dask_wall - plain_wall) / (plain_wall + spent['']):+.1%}"
          "（目标 ≤ 15 %）")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
