"""Benchmark: ``tuanwen convert --jobs 2`` against the plain way.

Generates a round of branch submissions in a temp folder — registration forms
and tallies as .docx, a third of them also as PDF (one LibreOffice run) —
then times, as whole processes with start-up included:

- baseline: one process, python-docx paragraphs and tables, pdfplumber text
  and tables per page;
- tuanwen:  ``python cli.py convert ROUND -o out.xlsx --jobs 2``.

Each command runs ``--repeat`` times, alternating, and the best wall time
of each counts (as ``timeit`` does: the other runs were slowed by something
else on the machine). Prints the ratio (target: at least 4×), the CPU time
of each (all its processes: a figure other load on the machine disturbs
less), and the peak memory of the largest process for half and for the
whole round (it should stay flat).

    python bench/bench_convert.py [--files 300] [--repeat 5] [--keep DIR]

With ``--keep DIR`` the round is kept there and reused by the next run.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BASELINE = r"""
import sys
from pathlib import Path
import docx, pdfplumber
for path in sorted(Path(sys.argv[1]).rglob("*")):
    if path.suffix == ".docx":
        d = docx.Document(str(path))
        text = [p.text for p in d.paragraphs]
        tables = [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]
    elif path.suffix == ".pdf":
        with pdfplumber.open(str(path)) as pdf:
            for page in pdf.pages:
                text = page.extract_text()
                tables = page.extract_tables()
"""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "子涵浩然一诺佳琪明轩若曦欣怡宇航思远嘉怡梓萱俊杰雨桐博文"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2))))


def _form(path: Path, rng: random.Random, branch: str) -> None:
    from docx import Document

    from toolkit.cn.idcard import make_id

    male = rng.random() < 0.5
    birth = f"{rng.randint(2003, 2007)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    need = rng.randint(25, 40)
    came = need - rng.randint(0, 3)
    yes = came - rng.randint(0, 3)
    d = Document()
    d.add_heading("推优登记表", level=1)
    rows = [
        ["姓名", _name(rng), "性别", "男" if male else "女", "民族", "汉族"],
        ["出生年月", f"{birth[:4]}.{birth[4:6]}", "入团年月", f"{int(birth[:4]) + 14}年5月", "团内职务", "团员"],
        ["身份证号", make_id("110101", birth, rng.randint(1, 400), male), "", "联系电话", f"139{rng.randint(10**7, 10**8 - 1)}", ""],
        ["所在团支部", branch, "", "表决日期", "2026年5月12日", ""],
        ["表决情况", f"应到会{need}人，实到会{came}人，赞成{yes}票，反对{came - yes}票，弃权0票", "", "", "", ""],
    ]
    t = d.add_table(rows=len(rows), cols=6)
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                t.cell(r, c).text = text
    for (a, b), (e, f) in (((2, 1), (2, 2)), ((2, 4), (2, 5)), ((3, 1), (3, 2)), ((3, 4), (3, 5)), ((4, 1), (4, 5))):
        t.cell(a, b).merge(t.cell(e, f))
    d.add_paragraph("团支部意见：同意推荐。")
    d.add_paragraph("2026年5月13日")
    d.save(path)


def _tally(path: Path, rng: random.Random, branch: str) -> None:
    from docx import Document

    d = Document()
    d.add_heading(f"{branch}推优汇总表", level=1)
    n = rng.randint(3, 8)
    t = d.add_table(rows=n + 2, cols=8)
    t.style = "Table Grid"
    for c, h in enumerate(["序号", "团支部", "姓名", "应到", "实到", "赞成", "反对", "弃权"]):
        t.cell(0, c).text = h
    for r in range(1, n + 1):
        for c, v in enumerate([r, branch, _name(rng), 32, 30, 27, 2, 1]):
            t.cell(r, c).text = str(v)
    for c, v in enumerate(["合计", "", "", 32 * n, 30 * n, 27 * n, 2 * n, n]):
        t.cell(n + 1, c).text = str(v)
    d.save(path)


def make_round(folder: Path, n: int, seed: int = 7) -> None:
    """``n`` submissions: two thirds .docx, one third PDF made from .docx by LibreOffice."""
    from toolkit.office import soffice_convert

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    to_pdf = []
    for i in range(n):
        branch = f"化工{2201 + i % 40}团支部"
        path = folder / f"{i:04d}_{'汇总表' if i % 10 == 9 else '登记表'}.docx"
        (_tally if i % 10 == 9 else _form)(path, rng, branch)
        if i % 3 == 2:
            to_pdf.append(path)
    done = soffice_convert(to_pdf, folder, "pdf", timeout=600)
    for src in to_pdf:
        if src.resolve() in done:
            src.unlink()


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall time of ``cmd``, CPU time of it and its children, and the peak RSS
    (MB) of its largest process."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "print(time.perf_counter() - t, u.ru_utime + u.ru_stime, u.ru_maxrss, r.returncode)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
    seconds, cpu, rss_kb, code = out.split()
    if code not in ("0", "1"):
        raise SystemExit(f"命令失败（{code}）：{' '.join(cmd)}")
    return float(seconds), float(cpu), int(rss_kb) // 1024


def best(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    """Fastest wall time, least CPU time, highest peak memory over the runs."""
    return min(r[0] for r in runs), min(r[1] for r in runs), max(r[2] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="keep the generated round in this folder (reused next time)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="tw-bench-") as tmp:
        base = args.keep or Path(tmp)
        half, full = base / "half", base / "full"
        t = time.perf_counter()
        if not (full.is_dir() and sum(1 for _ in full.iterdir()) == args.files):
            for old in full.iterdir() if full.is_dir() else ():
                old.unlink()
            make_round(full, args.files)
        half.mkdir(parents=True, exist_ok=True)
        for old in half.iterdir():
            old.unlink()
        for f in sorted(full.iterdir())[: args.files // 2]:
            (half / f.name).symlink_to(f)
        print(f"round of {args.files} submissions ready in {time.perf_counter() - t:.1f}s "
              f"({sum(1 for f in full.iterdir() if f.suffix == '.pdf')} PDF)")
        ours = [sys.executable, str(ROOT / "cli.py"), "convert"]
        plain_runs, ours_runs, half_runs = [], [], []
        for _ in range(args.repeat):
            plain_runs.append(timed([sys.executable, "-c", BASELINE, str(full)]))
            ours_runs.append(timed([*ours, str(full), "-o", str(base / "full.xlsx"), "--jobs", str(args.jobs)]))
            half_runs.append(timed([*ours, str(half), "-o", str(base / "half.xlsx"), "--jobs", str(args.jobs)]))
        (plain_s, plain_cpu, plain_mb), (ours_s, ours_cpu, ours_mb) = best(plain_runs), best(ours_runs)
        half_mb = best(half_runs)[2]
        print(f"baseline (python-docx + pdfplumber, 1 process): {plain_s:7.2f}s  cpu {plain_cpu:5.2f}s  "
              f"peak {plain_mb} MB   (all runs: {' '.join(f'{r[0]:.2f}' for r in plain_runs)})")
        print(f"tuanwen convert --jobs {args.jobs}:                {ours_s:7.2f}s  cpu {ours_cpu:5.2f}s  "
              f"peak {ours_mb} MB   (all runs: {' '.join(f'{r[0]:.2f}' for r in ours_runs)})")
        print(f"speed-up: {plain_s / ours_s:.1f}x (target >= 4x); CPU time ratio {plain_cpu / ours_cpu:.1f}x")
        print(f"peak memory, largest process: {args.files // 2} files {half_mb} MB, {args.files} files {ours_mb} MB "
              f"(ratio {ours_mb / max(half_mb, 1):.2f}, flat is ~1)")


if __name__ == "__main__":
    main()
