"""Benchmark: 400 推优登记表 with `tuanwen generate` vs. a plain docxtpl loop.

Both run as fresh subprocesses over the same template and the same records
(one JSON data file), so start-up and imports are included. The baseline is
what a user would write: ``DocxTemplate(path)``, ``render``, ``save`` per
record, with the same contexts (``prepare_context``) the generator uses.

    python bench/bench_generate.py [--n 400] [--jobs N]

Prints both times and the ratio (target: ≥ 10×).
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

from toolkit.render.schema import load_schema  # noqa: E402
from toolkit.resources import TEMPLATES_DIR  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["子涵", "一诺", "佳琪", "明轩", "若曦", "思远", "浩然", "欣怡", "雨桐", "梓萱"]

BASELINE = r"""
import json, sys
from pathlib import Path
from docxtpl import DocxTemplate
sys.path.insert(0, {root!r})
from toolkit.render.prepare import prepare_context
from toolkit.render.schema import load_schema, validate

schema = load_schema("tuiyou-form")
records, errors = validate(schema, json.loads(Path({data!r}).read_text(encoding="utf-8")))
assert not errors, errors
out = Path({out!r})
out.mkdir(parents=True, exist_ok=True)
for i, record in enumerate(records, 1):
    tpl = DocxTemplate({template!r})
    tpl.render(prepare_context("tuiyou-form", schema, record))
    tpl.save(out / f"{{i}}.docx")
"""


def make_records(n: int) -> list[dict]:
    base = load_schema("tuiyou-form").example_record()
    records = []
    for i in range(n):
        rec = dict(base)
        rec["name"] = SURNAMES[i % len(SURNAMES)] + GIVEN[(i // len(SURNAMES)) % len(GIVEN)]
        if "branch" in rec:
            rec["branch"] = f"化工{2201 + i % 40}团支部"
        records.append(rec)
    return records


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    res = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if res.returncode != 0:
        sys.exit(f"命令失败：{' '.join(cmd)}\n{res.stdout}\n{res.stderr}")
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args()
    template = TEMPLATES_DIR / "tuiyou-form.docx"
    if not template.is_file():
        sys.exit(f"缺少 {template}：请先运行 python templates/build.py")
    with tempfile.TemporaryDirectory(prefix="tw-bench-") as tmp:
        tmp = Path(tmp)
        data = tmp / "records.json"
        data.write_text(json.dumps(make_records(args.n), ensure_ascii=False), encoding="utf-8")
        cmd = [sys.executable, str(ROOT / "cli.py"), "generate", "tuiyou-form", str(data), "-o", str(tmp / "ours"),
               "--name", "{序号}"]
        if args.jobs:
            cmd += ["--jobs", str(args.jobs)]
        ours = timed(cmd)
        script = BASELINE.format(root=str(ROOT), data=str(data), out=str(tmp / "docxtpl"), template=str(template))
        baseline = timed([sys.executable, "-c", script])
        assert len(list((tmp / "ours").glob("*.docx"))) == args.n
    print(f"{args.n} 份推优登记表（整个进程，含启动）")
    print(f"  docxtpl 逐条循环：{baseline:7.2f} s")
    print(f"  tuanwen generate：{ours:7.2f} s")
    print(f"  倍数：{baseline / ours:.1f}×（目标 ≥ 10×）")


if __name__ == "__main__":
    main()
