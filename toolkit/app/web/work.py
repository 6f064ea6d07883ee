"""The four workflows as they run in a job's child process (see ``jobs``).

Each calls the application layer's functions, the ones its command calls, and returns what the page
shows (a JSON-able dict) and the files it offers for download ({download name: path inside the
output folder}). ``tell(label, done, total)`` reports progress. What the commands print goes to the
job's log, shown on the page.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import zipfile
from pathlib import Path
from typing import Any, Callable

Tell = Callable[..., None]  # tell(label, done=0, total=0): the step under way, for the page

REGISTERS = "团委材料"  # the folder of the office's own files among a job's uploads
CHECK_REPORT = "审查报告"
CHECK_JSON = "审查结果.json"
CONVERT_TABLE = "汇总结果.xlsx"
COPIES = "批注副本（按团支部）.zip"
SHOWN_ROWS = 500  # rows of the converted table shown in the page (the .xlsx has all)


def main(kind: str, inputs: str, outputs: str, params: dict[str, Any], conn) -> None:
    """Run workflow ``kind`` in ``inputs`` (the current folder from now on), writing into ``outputs``;
    send ("progress", label, done, total)…, then ("done", result, files, log) or ("failed", message, log)."""
    from ...errors import TuanwenError, unexpected

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal stops the server, which stops us
    os.chdir(inputs)
    log = io.StringIO()

    def tell(label: str, done: int = 0, total: int = 0) -> None:
        conn.send(("progress", label, done, total))
    try:
        with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
            result, files = WORKFLOWS[kind](Path(outputs), tell, **params)
        conn.send(("done", result, files, _lines(log, outputs)))
    except TuanwenError as exc:
        conn.send(("failed", str(exc), _lines(log, outputs)))
    except Exception as exc:  # noqa: BLE001 - the page says what happened instead of hanging
        conn.send(("failed", str(unexpected(exc, "处理")), _lines(log, outputs)))
    finally:
        conn.close()


def _lines(log: io.StringIO, outputs: str) -> list[str]:
    """What the commands printed, without the job's temporary folders (the page offers the files)."""
    text = log.getvalue().replace(outputs + os.sep, "").replace(outputs, "结果")
    return [line for line in text.splitlines() if line.strip()]


def _cluster(address: str | None):
    """The settings page's cluster: the job's files sit in a private temporary folder that another
    computer's workers cannot see, so a remote cluster gets their bytes (``--upload``)."""
    from ..cluster import LOCAL, Cluster

    return None if address is None else Cluster(address, upload=address != LOCAL)


def _config(config: str | None):
    from ...config import load_config

    return load_config(Path(config) if config else None)


def check(out: Path, tell: Tell, files: list[str], registers: list[str], config: str | None = None,
          cluster: str | None = None) -> tuple[dict, dict]:
    """审查: ``tuanwen check``'s driver writing the reports (xlsx, html, json) and the annotated copies in
    one folder per branch, zipped. ``cluster``: the per-file work on that Dask cluster (settings page)."""
    from ..check import Outputs, check_round

    tell("读取文件")
    reports = {"xlsx": out / f"{CHECK_REPORT}.xlsx", "html": out / f"{CHECK_REPORT}.html", "json": out / CHECK_JSON}
    staging = out / ".copies"
    result = check_round(files, registers, config=_config(config), quiet=True, cluster=_cluster(cluster),
                         progress=lambda done, total: tell("审查中", done, total),
                         outputs=Outputs(reports, annotate=staging, by_branch=True, echo=False))
    names = {path.name: path.name for path in reports.values()}
    tell("打包批注副本")
    if _zip_folder(staging, out / COPIES):
        names[COPIES] = COPIES
    counts = {s: sum(f.severity == s for f in result.findings) for s in ("error", "warning", "info")}
    return {"files": len(result.files), "readable": sum(s.status == "ok" for s in result.files),
            "unreadable": sum(s.status != "ok" for s in result.files), "copies": COPIES in names, **counts}, names


def _zip_folder(folder: Path, target: Path) -> bool:
    """The .docx files under ``folder`` zipped into ``target`` by their paths there, then ``folder``
    removed; False when there were none."""
    written = sorted(folder.rglob("*.docx")) if folder.is_dir() else []
    if written:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in written:
                zf.write(path, path.relative_to(folder).as_posix())
    shutil.rmtree(folder, ignore_errors=True)
    return bool(written)


def convert(out: Path, tell: Tell, files: list[str], config: str | None = None, cluster: str | None = None
            ) -> tuple[dict, dict]:
    """汇总: the table ``tuanwen convert`` writes, and its rows for the page."""
    from ...errors import UsageError
    from ...report.labels import kind_label
    from ..convert import columns, note, run, write_xlsx
    from ..pipeline import gather

    tell("读取文件")
    batch = gather(files)
    if not batch.files:
        raise UsageError("没有找到可转换的文件")
    results = run(batch, progress=lambda done, total: tell("转换中", done, total), cluster=_cluster(cluster))
    write_xlsx(out / CONVERT_TABLE, results)
    records = [rec for r in results for rec in r["records"]]
    heads = columns(records)
    rows = [[kind_label(rec[h]) if h == "类型" else _cell(rec.get(h)) for h in heads]  # kinds named in Chinese
            for rec in records[:SHOWN_ROWS]]
    failed = [{"file": r["file"], "status": r["status"], "error": r.get("error") or ""}
              for r in results if r["status"] != "ok"]
    notes = [{"file": r["file"], "note": note(r)} for r in results if r["status"] == "ok" and r.get("notes")]
    return {"files": len(results), "records": len(records), "columns": heads, "rows": rows,
            "failed": failed, "notes": notes}, {CONVERT_TABLE: CONVERT_TABLE}


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def generate(out: Path, tell: Tell, template: str, data: str, pdf: bool = True, config: str | None = None
             ) -> tuple[dict, dict]:
    """生成: ``tuanwen generate`` into a folder, zipped (with PDFs where LibreOffice is present)."""
    from ..generate import generate_command

    tell("检查数据并生成文档")
    docs = out / "文档"
    soffice = bool(shutil.which("soffice") or shutil.which("libreoffice"))
    paths = generate_command(template, Path(data), docs, pdf=pdf and soffice)
    name = f"{Path(data).stem}_生成的文档.zip"
    made = sorted(p for p in docs.iterdir() if p.is_file())
    with zipfile.ZipFile(out / name, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in made:
            zf.write(path, path.name)
    return {"documents": len(paths), "pdfs": sum(p.suffix.lower() == ".pdf" for p in made), "pdf_wanted": pdf,
            "soffice": soffice, "names": [p.name for p in paths]}, {name: name}


def draft(out: Path, tell: Tell, facts: dict[str, Any], config: str | None = None) -> tuple[dict, dict]:
    """起草: ``tuanwen draft`` on the facts of the form, then ``tuanwen check`` on the draft."""
    from ...check.engine import all_rules
    from ...files import safe_filename
    from ..check import run_check
    from ..draft import draft_command

    tell("起草中")
    data = Path("事实.json")
    data.write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    name = safe_filename(f"{facts.get('branch') or facts.get('org') or '工作总结'}_工作总结草稿.docx")
    draft_command(data, out / name)
    shutil.copy(out / name, name)  # checked under its own name, as a user would check it
    tell("审查初稿")
    rules = all_rules()
    result, _ = run_check([name], rules=rules, config=_config(config), quiet=True)
    findings = [{"rule": f.rule, "severity": f.severity, "message": f.message, "where": f.location.describe()}
                for f in result.findings]
    return {"rules": len(rules), "findings": findings, "name": name}, {name: name}


WORKFLOWS: dict[str, Callable[..., tuple[dict, dict]]] = {
    "check": check, "convert": convert, "generate": generate, "draft": draft}
