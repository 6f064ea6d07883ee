"""Benchmark: form field accuracy of extraction on random forms in every layout.

Writes N random registration forms (tests/rounds/form_layouts.py: random
people, branches and votes; label spellings, spacings, date styles and layouts
of real forms; the vote in cells or as one sentence in the 团支部意见 cell), reads
and extracts each, and compares every canonical field with what was written.
Prints the accuracy overall, per layout and per field, and the first misses.
Target: at least 99 %.

    python bench/bench_extract_fields.py [--forms 300] [--seed 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from rounds.form_layouts import random_form  # noqa: E402
from toolkit.extract import extract  # noqa: E402
from toolkit.read import read  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--forms", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        right, total = Counter(), Counter()
        misses = []
        for i in range(args.forms):
            path, layout, truth = random_form(rng, folder, i)
            records = extract(read(str(path))).records
            got = records[0].values if len(records) == 1 else {}
            for key, want in truth.items():
                ok = got.get(key) == want
                for bucket in ("全部", layout, key):
                    right[bucket] += ok
                    total[bucket] += 1
                if not ok:
                    misses.append((path.name, layout, key, want, got.get(key)))
    for bucket in total:
        print(f"{bucket:10s} {right[bucket] / total[bucket]:7.2%}  ({right[bucket]}/{total[bucket]})")
    for miss in misses[:30]:
        print("MISS", *miss)


if __name__ == "__main__":
    main()
