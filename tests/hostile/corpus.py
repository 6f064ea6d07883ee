"""The generated hostile corpus: broken, hostile and huge inputs, built fresh in a temporary folder.

Each case is a builder registered with ``@case``: it writes its inputs under ``ctx.dir`` and returns a
``Run`` (the command line and what must hold). ``run_case`` runs ``python cli.py …`` in a subprocess
with a time cap and records what a user would care about: a traceback, a hang, a lost input, a
modified input, a network request, an unsafe outcome, temporary files left behind, peak memory.

Cases live in ``cases_*.py`` modules beside this one (one module per area), so that adding a class of
hostile input is one function in one file; ``all_cases()`` imports them all.
"""

from __future__ import annotations

import hashlib
import http.server
import importlib
import os
import pkgutil
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TIMEOUT = 120.0  # seconds per case before it counts as a hang
MEMORY_LIMIT = 1024 * 2**20  # peak RSS of the command and its workers
_CJK = re.compile(r"[\u4e00-\u9fff]")
# What a Python traceback or an English library message looks like on stderr.
_TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\w+(Error|Exception): ", re.M)
_TEMP = re.compile(r"^\.~tw-|\.tmp$|^tw-")


@dataclass
class Context:
    """Where a builder writes: ``dir`` (empty, the command's working folder) and ``url`` (a local
    listener that counts every request: put it wherever a hostile file would make us fetch)."""

    dir: Path
    url: str


@dataclass
class Run:
    """One command over a built case and what must hold afterwards.

    ``args``: the CLI arguments after ``python cli.py`` (run in ``ctx.dir``).
    ``inputs``: files and folders that must not change (default: ``in/`` when it exists).
    ``exit_codes``: the exit codes that are acceptable.
    ``listed``: input names (as given) that must appear in ``report`` (a JSON/JSONL/CSV/XLSX output,
    or stdout when ``report`` is None): a file that vanished from the output counts as lost.
    ``outdirs``: folders that must hold no temporary files of ours when the command ends.
    ``unsafe``: extra checks; each returns a description of an unsafe outcome, or None.
    ``message``: a regex stderr must match (Chinese wording the user should see).
    ``stdin``/``env``: passed to the command.
    ``interrupt``: ``(signal, glob)``: once a path matching ``glob`` (relative to ``ctx.dir``) exists,
    the command gets the signal, as from Ctrl-C (SIGINT) or a hard kill (SIGKILL);
    a death by signal N is then an exit code 128+N the case may expect.
    """

    args: list[str]
    inputs: list[str] | None = None
    exit_codes: tuple[int, ...] = (0, 1, 2)
    listed: list[str] = field(default_factory=list)
    report: str | None = None
    outdirs: list[str] = field(default_factory=list)
    unsafe: list[Callable[[Path, "subprocess.CompletedProcess[str]"], str | None]] = field(default_factory=list)
    message: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    env: dict[str, str] = field(default_factory=dict)
    interrupt: tuple[int, str] | None = None


@dataclass
class Case:
    name: str
    area: str
    build: Callable[[Context], Run]


@dataclass
class Outcome:
    case: str
    crash: str | None = None
    hang: bool = False
    lost: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    requests: int = 0
    unsafe: list[str] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    peak_mb: float = 0.0
    seconds: float = 0.0
    stderr: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.crash or self.hang or self.lost or self.modified or self.requests or self.unsafe
                    or self.leftovers or self.peak_mb * 2**20 > MEMORY_LIMIT)


CASES: dict[str, Case] = {}


def case(name: str, area: str = "") -> Callable[[Callable[[Context], Run]], Callable[[Context], Run]]:
    """Register a builder as a hostile case (names are unique across modules)."""

    def register(build: Callable[[Context], Run]) -> Callable[[Context], Run]:
        if name in CASES:
            raise ValueError(f"hostile case {name!r} registered twice")
        CASES[name] = Case(name, area or build.__module__.rsplit(".", 1)[-1], build)
        return build

    return register


def all_cases() -> list[Case]:
    package = Path(__file__).parent
    for info in pkgutil.iter_modules([str(package)]):
        if info.name.startswith("cases_"):
            importlib.import_module(f"{__package__}.{info.name}")
    return sorted(CASES.values(), key=lambda c: (c.area, c.name))


class _Listener(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def _count(self) -> None:
        type(self).hits.append(f"{self.command} {self.path}")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = do_OPTIONS = do_POST = do_PROPFIND = _count

    def log_message(self, *args) -> None:
        pass


class Listener:
    """A local HTTP server that records every request made to it."""

    def __init__(self) -> None:
        handler = type("Handler", (_Listener,), {"hits": []})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.handler = handler
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def hits(self) -> list[str]:
        return list(self.handler.hits)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _fingerprint(paths: list[Path]) -> dict[str, str]:
    out = {}
    for root in paths:
        items = [root] if not root.is_dir() or root.is_symlink() else sorted(root.rglob("*"))
        for p in items:
            try:
                if p.is_symlink():
                    out[str(p)] = "link:" + os.readlink(p)
                elif p.is_file():
                    st = p.stat()
                    digest = hashlib.sha256(p.read_bytes()).hexdigest() if st.st_size < 256 * 2**20 else ""
                    out[str(p)] = f"{st.st_size}:{st.st_mtime_ns}:{st.st_mode:o}:{digest}"
            except OSError:
                out[str(p)] = "unreadable"
    return out


def _report_text(path: Path) -> str:
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                         for v in row if v is not None)
    return path.read_text("utf-8", errors="replace")


MACHINE_GUARD = 4 * 1024 * 2**20  # address-space cap per process, so that a runaway case cannot take the machine
_MEASURE = """
import glob, resource, subprocess, sys, time
limit, sig, pattern = int(sys.argv[1]), int(sys.argv[3]), sys.argv[4]
def guard():
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
proc = subprocess.Popen(sys.argv[5:], preexec_fn=guard)
if sig:
    while proc.poll() is None and not glob.glob(pattern):
        time.sleep(0.01)
    if proc.poll() is None:
        proc.send_signal(sig)
code = proc.wait()
with open(sys.argv[2], "w") as fh:
    fh.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code if code >= 0 else 128 - code)
"""


def _run_limited(args: list[str], cwd: Path, timeout: float, env: dict[str, str],
                 interrupt: tuple[int, str] | None = None) -> tuple[int | None, str, str, float]:
    """Run; return (exit code or None on a hang, stdout, stderr, peak RSS in MB of the whole tree).

    A small wrapper process runs the command and reads its children's peak RSS (the kernel folds
    every reaped descendant in, so worker processes count); a death by signal N comes back as 128+N.
    """
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", **env}
    rss_file = cwd / ".peak-rss"
    sig, pattern = interrupt or (0, "")
    proc = subprocess.Popen([sys.executable, "-c", _MEASURE, str(MACHINE_GUARD), str(rss_file), str(int(sig)),
                             str(cwd / pattern), sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, env=full_env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, text=True, errors="replace")
    try:
        out, err = proc.communicate(timeout=timeout)
        code: int | None = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    try:
        peak = int(rss_file.read_text()) / 1024
        rss_file.unlink()
    except (OSError, ValueError):
        peak = 0.0
    return code, out, err, peak


def run_case(c: Case, base: Path) -> Outcome:
    work = base / c.name
    work.mkdir(parents=True)
    listener = Listener()
    try:
        run = c.build(Context(work, listener.url))
        inputs = [work / p for p in (run.inputs if run.inputs is not None else (["in"] if (work / "in").exists() else []))]
        before = _fingerprint(inputs)
        started = time.monotonic()
        code, out, err, peak = _run_limited(run.args, work, run.timeout, run.env, run.interrupt)
        outcome = Outcome(c.name, seconds=time.monotonic() - started, peak_mb=peak, stderr=err[-2000:])
        time.sleep(0.05)
        outcome.requests = len(listener.hits)
    finally:
        listener.close()
    if code is None:
        outcome.hang = True
        return outcome
    if code > 128 and code not in run.exit_codes:
        outcome.crash = f"killed by signal {code - 128}"
    elif code not in run.exit_codes:
        outcome.crash = f"exit {code}, expected {run.exit_codes}"
    elif _TRACEBACK.search(err):
        outcome.crash = "traceback or English exception on stderr"
    elif code == 2 and not _CJK.search(err):
        outcome.crash = "exit 2 without a Chinese message"
    elif run.message and not re.search(run.message, err):
        outcome.crash = f"stderr does not say {run.message!r}"
    after = _fingerprint(inputs)
    outcome.modified = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if run.listed:
        text = out if run.report is None else (_report_text(work / run.report) if (work / run.report).exists() else "")
        outcome.lost = [name for name in run.listed if name not in text]
    for folder in run.outdirs:
        d = work / folder
        if d.is_dir():
            outcome.leftovers += [str(p.relative_to(work)) for p in d.rglob("*") if _TEMP.search(p.name)]
    for check in run.unsafe:
        problem = check(work, subprocess.CompletedProcess(run.args, code, out, err))
        if problem:
            outcome.unsafe.append(problem)
    return outcome


def figures(outcomes: list[Outcome]) -> dict[str, int]:
    """The numbers a user cares about (the last five must be zero)."""
    return {
        "cases tried": len(outcomes),
        "crashes": sum(bool(o.crash) for o in outcomes),
        "hangs": sum(o.hang for o in outcomes),
        "files lost": sum(len(o.lost) for o in outcomes),
        "inputs modified": sum(len(o.modified) for o in outcomes),
        "network requests": sum(o.requests for o in outcomes),
        "unsafe outcomes": sum(len(o.unsafe) + len(o.leftovers) + (o.peak_mb * 2**20 > MEMORY_LIMIT)
                               for o in outcomes),
    }
