"""Benchmark: how well ``tuanwen check`` and ``tuanwen convert`` do on rounds the
project's fixtures never showed (tests/rounds/varied.py: 开发区、学院、医院
organisations, random layouts and branch spellings, one planted mistake of every
category per round).

For each seed it builds a planted round and a clean round, runs the check as the
CLI does (the office's tally and log as registers) and converts every form, then
prints

- planted mistakes found on the right file, per category (target ≥ 95 % overall);
- `error` findings no plant explains, on the planted rounds and on the clean ones
  (target 0), with the rules that raised them;
- form field accuracy, per layout and overall (target ≥ 99 %).

    python bench/bench_rounds.py [--seeds 1 2 3 4 5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from rounds.varied import VARIANTS, build, run, score  # noqa: E402
from toolkit.app.convert import convert_one  # noqa: E402
from toolkit.app.pipeline import Source  # noqa: E402


def _fields(built, right: Counter, total: Counter) -> None:
    for name, expected in built.forms.items():
        result = convert_one((Source(str(built.submissions / name)), None))
        record = result["records"][0] if result["records"] else {}
        layout = built.layouts[name]
        total[layout] += len(expected)
        right[layout] += sum(record.get(k) == v for k, v in expected.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5])
    ap.add_argument("--keep", type=Path, help="keep the generated rounds in this folder")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="tw-bench-rounds-"))
    found, planted = Counter(), Counter()
    misses: list[str] = []
    false_planted: Counter = Counter()
    false_clean: Counter = Counter()
    right, total = Counter(), Counter()
    clean_files = 0
    try:
        for seed in args.seeds:
            built = build(work / f"planted-{seed}", seed)
            result = score(built, run(built))
            for plant, hits in result.found.items():
                planted[plant.category] += 1
                found[plant.category] += bool(hits)
                if not hits:
                    misses.append(f"seed {seed}: {plant.category}/{plant.variant} on {plant.file}")
            false_planted.update(f["rule"] for f in result.false_errors)
            clean = build(work / f"clean-{seed}", seed, plants={})
            clean_files += sum(1 for _ in clean.submissions.iterdir()) + len(clean.registers)
            false_clean.update(f["rule"] for f in score(clean, run(clean)).false_errors)
            _fields(clean, right, total)
            print(f"seed {seed} done", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(f"seeds: {' '.join(map(str, args.seeds))}")
    print("\nplanted mistakes found on the right file, per category")
    for cat in VARIANTS:
        print(f"  {cat:<12} {found[cat]:>3} / {planted[cat]:<3}")
    all_found, all_planted = sum(found.values()), sum(planted.values())
    print(f"  {'total':<12} {all_found:>3} / {all_planted:<3} = {all_found / max(all_planted, 1):.1%}  (target ≥ 95%)")
    for m in misses:
        print(f"    missed: {m}")
    print(f"\nerror findings no plant explains: planted rounds {sum(false_planted.values())}, "
          f"clean rounds {sum(false_clean.values())} over {clean_files} files  (target 0)")
    for label, counts in (("planted", false_planted), ("clean", false_clean)):
        if counts:
            print(f"  {label}: " + ", ".join(f"{rule}×{n}" for rule, n in counts.most_common()))
    print("\nform field accuracy (convert), per layout")
    for layout in sorted(total):
        print(f"  {layout:<10} {right[layout]:>4} / {total[layout]:<4} = {right[layout] / total[layout]:.1%}")
    acc = sum(right.values()) / max(sum(total.values()), 1)
    print(f"  {'overall':<10} {sum(right.values()):>4} / {sum(total.values()):<4} = {acc:.1%}  (target ≥ 99%)")


if __name__ == "__main__":
    main()
