"""Benchmark: the typo check on SIGHAN-2015 test sentences (general Chinese).

The test file ships inside the pycorrector wheel (Apache License 2.0) as
``pycorrector/data/sighan2015_test.tsv`` (simplified characters, one
``wrong<TAB>correct`` pair per line, 707 sentences). The set only measures:
none of its sentences went into corpus/ (lexicon, confusion sets).

Runs every typo rule's detector (lexicon, 规范表述, doubled characters,
confusable characters, function characters in context: toolkit/lang/
proofread.py) and prints sentence-level precision and recall:

* detection: a sentence is a true positive when it has an error and the
  check flags it; a false positive when it is correct and gets flagged;
* strict: as detection, but the flagged positions must be exactly the
  erroneous ones (the SIGHAN detection-level rule).

Target (issue 5): precision ≥ 0.7 with recall ≥ 0.25.

    python bench/bench_typo.py [--wheel pycorrector-*.whl]
    (without --wheel: ``pip download --no-deps pycorrector`` into a temp folder)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.lang import typo  # noqa: E402
from toolkit.lang.proofread import suspects  # noqa: E402

MEMBER = "pycorrector/data/sighan2015_test.tsv"


def sentences(wheel: Path | None) -> list[tuple[str, str]]:
    if wheel is None:
        tmp = Path(tempfile.mkdtemp(prefix="tw-sighan-"))
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "pycorrector", "-d", str(tmp)],
                       check=True)
        wheel = next(tmp.glob("pycorrector-*.whl"))
    with zipfile.ZipFile(wheel) as zf:
        lines = zf.read(MEMBER).decode("utf-8").splitlines()
    return [tuple(line.split("\t")[:2]) for line in lines if "\t" in line]


def flagged(text: str) -> set[int]:
    """Positions the typo check flags in ``text``."""
    return {i for s in suspects(text) for i in range(s.start, s.end)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=Path, help="pycorrector wheel already downloaded")
    args = ap.parse_args()
    pairs = sentences(args.wheel)
    typo.confusables("预热")  # load jieba outside the timing
    tp = fp = fn = strict_tp = strict_fp = 0
    start = time.perf_counter()
    for src, tgt in pairs:
        gold = {i for i, (a, b) in enumerate(zip(src, tgt)) if a != b}
        found = flagged(src)
        if found and gold:
            tp += 1
            strict_tp += found == gold
            strict_fp += found != gold
        elif found:
            fp += 1
            strict_fp += 1
        elif gold:
            fn += 1
    elapsed = time.perf_counter() - start
    n_err = sum(1 for s, t in pairs if s != t)

    def pr(t: int, f: int) -> str:
        return f"精确率 {t / max(1, t + f):.3f}，召回率 {t / max(1, n_err):.3f}"

    print(f"SIGHAN-2015 测试集：{len(pairs)} 句，其中有错 {n_err} 句；用时 {elapsed:.1f} 秒")
    print(f"句级检出（detection）：{pr(tp, fp)}（报出 {tp + fp} 句，误报 {fp} 句）")
    print(f"句级严格（位置完全一致）：{pr(strict_tp, strict_fp)}")
    print("目标：精确率 ≥ 0.7，召回率 ≥ 0.25（句级检出）")


if __name__ == "__main__":
    main()
