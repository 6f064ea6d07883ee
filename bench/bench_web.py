"""Benchmark: what the web page adds to ``tuanwen check`` on a round of about 300 submissions.

Generates a round (tests/rounds/build_round.py: two registration forms and a summary per branch,
plus the office's tally and hand-out log, with planted mistakes), then times

- the command: ``python cli.py check FILES… --register TALLY --register LOG --format xlsx -o 审查报告.xlsx
  --annotate 批注`` as a whole process, start-up included;
- the page: ``tuanwen serve`` already running (started once, as a user leaves it open), the time from
  sending the upload of the same files to having the xlsx report downloaded: upload, the job's process,
  the check, the reports (xlsx, html and json: two more than the command writes), the annotated copies
  zipped by branch, the polling.

Each runs ``--repeat`` times, alternating; the best wall time of each counts (as ``timeit`` does).
Prints both times and the ratio page / command (target: under 1.10). No assertion: speed is measured
here, never in the tests.

    python bench/bench_web.py [--files 300] [--repeat 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from rounds.build_round import build_round  # noqa: E402

TARGET = 1.10
OFFICE = ("推优汇总表", "分表领取登记表")  # the office's own files in a built round


def split(folder: Path) -> tuple[list[Path], list[Path]]:
    """The round's submissions and the office's register files."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    registers = [p for p in files if p.stem in OFFICE]
    return [p for p in files if p not in registers], registers


def time_command(files: list[Path], registers: list[Path], out: Path) -> float:
    cmd = [sys.executable, str(ROOT / "cli.py"), "check", *map(str, files),
           *[a for r in registers for a in ("--register", str(r))],
           "--format", "xlsx", "-o", str(out / "审查报告.xlsx"), "--annotate", str(out / "批注"), "--quiet"]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"命令失败：{done.stderr}")
    return elapsed


def time_page(address: str, files: list[Path], registers: list[Path]) -> float:
    import httpx

    with httpx.Client(base_url=address, headers={"Origin": address}, timeout=600) as client:
        client.get("/")
        parts = [("files", (p.name, p.read_bytes())) for p in files]
        parts += [("registers", (p.name, p.read_bytes())) for p in registers]
        start = time.perf_counter()
        job = client.post("/check", files=parts).headers["location"]  # 303 to the job's page
        while (state := client.get(f"{job}/status").json()["state"]) not in ("done", "failed"):
            time.sleep(0.2)
        if state != "done":
            raise SystemExit(f"网页任务失败：{client.get(f'{job}/status').json()['error']}")
        report = client.get(f"{job}/files/审查报告.xlsx")
        elapsed = time.perf_counter() - start
        assert report.status_code == 200
        client.post(f"{job}/delete")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the round here and reuse it next time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp) / "round"
        if not folder.is_dir() or not any(folder.iterdir()):
            build_round(folder, n_branches=max(8, (args.files - 3) // 3), plant=True)
        files, registers = split(folder)
        print(f"一轮材料：{len(files)} 份提交，{len(registers)} 份团委登记表")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "serve", "--no-browser", "--port", str(port)],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            print(server.stdout.readline().strip())
            address = f"http://127.0.0.1:{port}"
            command, page = [], []
            for n in range(args.repeat):
                out = Path(tmp) / f"cli{n}"
                out.mkdir()
                command.append(time_command(files, registers, out))
                page.append(time_page(address, files, registers))
                print(f"第 {n + 1} 次：命令 {command[-1]:.1f} s，网页 {page[-1]:.1f} s")
        finally:
            server.terminate()
            server.wait(timeout=60)
    ratio = min(page) / min(command)
    print(f"最好成绩：命令 {min(command):.1f} s，网页 {min(page):.1f} s；网页 / 命令 = {ratio:.2f}"
          f"（目标 < {TARGET:.2f}：{'达到' if ratio < TARGET else '未达到'}）")


if __name__ == "__main__":
    main()
