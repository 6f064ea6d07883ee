"""Benchmark: near-duplicate search over 5,000 and 10,000 synthetic summaries.

Targets (issue 5): 5,000 documents in under a minute on 2 cores, and 10,000
in at most 2.5× that time (the search must not be quadratic in practice).

The synthetic summaries are ~1,200 characters of text sampled from jieba's
dictionary by word frequency (so n-gram statistics look like Chinese prose),
behind a shared template (title, headings, closing lines). One document in a
hundred is a copy of another with the names swapped: half of them whole, half
with a third of the paragraphs dropped and new ones added (the paragraph-level
search must find those); the benchmark reports how many were found.

    python bench/bench_duplicate.py [--sizes 5000 10000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit.lang import duplicate  # noqa: E402
from toolkit.cn.segment import tokenizer  # noqa: E402

TEMPLATE_HEAD = ["团支部工作总结", "一、主要做法", "本学期，团支部在学院团委的指导下，围绕中心工作，开展了以下工作。"]
TEMPLATE_TAIL = ["三、存在的不足", "四、下一步打算", "特此总结。", "2026年6月30日"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "子涵梓萱一诺佳琪明轩若曦浩然欣怡思远雨桐俊杰诗涵宇航嘉怡"


def corpus(n: int, seed: int = 7) -> tuple[list[list[tuple[int, str]]], set[tuple[int, int]], set[tuple[int, int]]]:
    """Documents, copies of whole documents (names swapped) and partial copies
    (names swapped, about a third of the paragraphs dropped or replaced)."""
    rng = np.random.default_rng(seed)
    freq = tokenizer().FREQ
    words = [w for w, f in freq.items() if f > 20 and 1 < len(w) <= 4 and "\u4e00" <= w[0] <= "\u9fff"]
    p = np.array([freq[w] for w in words], dtype=float) ** 0.75
    cum = np.cumsum(p / p.sum())

    def paragraph() -> str:
        picks = np.minimum(np.searchsorted(cum, rng.random(int(rng.integers(20, 40)))), len(words) - 1)
        name = SURNAMES[int(rng.integers(len(SURNAMES)))] + GIVEN[int(rng.integers(len(GIVEN) - 1)):][:2]
        return name + "".join(words[k] for k in picks) + "。"

    docs: list[list[tuple[int, str]]] = []
    whole, partial = set(), set()
    for d in range(n):
        if d > 10 and rng.random() < 0.01:  # a copy of an earlier original, names swapped
            src = int(rng.integers(0, d))
            while any(b == src for _, b in whole | partial):
                src = int(rng.integers(0, d))
            body = [t for _, t in docs[src]][len(TEMPLATE_HEAD):-len(TEMPLATE_TAIL)]
            name_old = body[0][:3]
            name_new = SURNAMES[int(rng.integers(len(SURNAMES)))] + GIVEN[int(rng.integers(len(GIVEN) - 1))]
            if rng.random() < 0.5:  # partial: drop some paragraphs, add new ones
                keep = sorted(rng.choice(len(body), size=8, replace=False).tolist())
                body = [body[k] for k in keep] + [paragraph() for _ in range(3)]
                partial.add((src, d))
            else:
                whole.add((src, d))
            body = [t.replace(name_old, name_new) for t in body]
            docs.append(list(enumerate(TEMPLATE_HEAD + body + TEMPLATE_TAIL, 1)))
            continue
        docs.append(list(enumerate(TEMPLATE_HEAD + [paragraph() for _ in range(12)] + TEMPLATE_TAIL, 1)))
    return docs, whole, partial


def run(n: int) -> float:
    docs, whole, partial = corpus(n)
    start, cpu = time.perf_counter(), time.process_time()
    pairs = duplicate.find_duplicates(docs, threshold=0.8)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    found = {(p.a, p.b) for p in pairs}
    print(f"{n:>6} 份：{elapsed:6.1f} 秒（CPU {cpu:.1f} 秒）；整篇抄袭 {len(whole)} 对找到 {len(found & whole)} 对，"
          f"部分段落抄袭 {len(partial)} 对找到 {len(found & partial)} 对，其他报告 {len(found - whole - partial)} 对")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs=2, default=[5000, 10000])
    args = ap.parse_args()
    tokenizer()  # load jieba outside the timing
    small, large = (run(n) for n in args.sizes)
    print(f"比值 {args.sizes[1]}/{args.sizes[0]}：{large / small:.2f}（目标 ≤ 2.5；{args.sizes[0]} 份目标 < 60 秒）")


if __name__ == "__main__":
    main()
