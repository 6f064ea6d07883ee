"""``tuanwen convert``: a round of submissions → one table of records.

Each file is read and extracted inside a worker process, which sends back a
small plain dict (status, kind, records); the batch never stops on a bad
file. Output format follows the extension of ``-o``:

- ``.xlsx``: sheet ``记录`` (``文件``, ``类型``, ``类型名称``, canonical keys, extra keys) and
  sheet ``文件状态`` listing every input file with its kind, status and error;
- ``.csv``: the records, UTF-8 with BOM, then one row per unreadable file;
- ``.json``: an array of the records, then an entry (``status``, ``error``) per file that gave none;
- ``.jsonl``: the same, one per line.

``类型`` holds the contract's kind code (``registration_form``) and json's ``status`` the status code
(``ok``, ``error``, ``skipped``): programs read those. What people read is Chinese: the spreadsheet
outputs name the kind in ``类型名称`` (推优登记表) and the status in ``状态`` (已读取, 无法读取); the
codes follow in the last columns (``类型``, ``状态代码``) of the file list, for programs that read it.

Without ``-o`` only the summary is printed. ``--text DIR`` also writes each
document's text as Markdown (headings, paragraphs, tables).
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

import click

from ..batch import WORKER_DIED
from ..cn.text import display_width
from ..errors import OUTPUT_INCOMPLETE, ReadError, TuanwenError, UsageError, describe_os_error, unexpected
from ..files import atomic_open, atomic_write_text, safe_filename, shown
from ..kinds import FORM_RECORD, REGISTRATION_FORM, UNKNOWN
from ..model import Document, Record
from ..outputs import MARK, MD_MARK
from ..report.labels import kind_label, read_status_label
from ..sheets import as_text, csv_value, formula_like
from .cluster import Cluster
from .pipeline import Batch, Source, gather, read_source, stage
from .pipeline import run as run_tasks

FORMATS = (".xlsx", ".csv", ".json", ".jsonl")
KIND_NAME = "类型名称"  # the kind in Chinese, beside the contract's 类型 code
STATUS_CODE = "状态代码"  # json's status code, beside 状态 in words
FILE_COLUMNS = ("文件", KIND_NAME, "状态", "记录数", "说明", "类型", STATUS_CODE)
NO_RECORDS = "已读取，但没有可提取的表单或表格记录"


def convert_one(task: tuple[Source, str | None]) -> dict[str, Any]:
    """Read and extract one file (per-file work). ``task`` is (the file, Markdown target or None)."""
    source, md_target = task
    result = _result(source.name)
    try:
        doc, ex = read_source(source)
        result["kind"] = ex.kind
        result["records"] = [_record_row(result["file"], ex.kind, r) for r in ex.records]
        if doc.ocr:
            _mark_scanned(doc, ex.records, result)
        if ex.total is not None:
            result["total"] = ex.total.values
        result["fields"] = ex.fields
        if doc.notes:
            result["notes"] = list(doc.notes)
    except ReadError as exc:
        result.update(status=exc.status, error=str(exc))
        return result
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the round
        result.update(status="error", error=str(unexpected(exc, "读取或提取")))
        return result
    if md_target:
        try:
            atomic_write_text(Path(md_target), to_markdown(doc))
        except OSError as exc:  # the output failed, not the submission
            result["text_error"] = describe_os_error(exc)
    return result


def _result(path: str, status: str = "ok", error: str | None = None) -> dict[str, Any]:
    """A file's result; ``file`` is the name as it can be shown (see ``files.shown``)."""
    return {"file": shown(path), "kind": UNKNOWN, "status": status, "error": error, "records": []}


def _lost(task: tuple[Source, str | None]) -> dict[str, Any]:
    return _result(task[0].name, "error", WORKER_DIED)


def _record_row(path: str, kind: str, record: Record) -> dict[str, Any]:
    row: dict[str, Any] = {"文件": path, "类型": kind}
    row.update(record.values)
    if record.kind != FORM_RECORD and record.location is not None:  # a list's row says where it stands
        row["位置"] = record.location.describe()
    return row


def _mark_scanned(doc: Document, records: list[Record], result: dict[str, Any]) -> None:
    """Records read from pictures say so, and name the values to check against the original."""
    from ..read.ocr import to_verify

    result["ocr"] = True
    for row, rec in zip(result["records"], records):
        row["来源"] = "图片识别"
        doubtful = to_verify(doc, rec)
        if doubtful:
            row["待核对"] = "、".join(doubtful)


def to_markdown(doc: Document) -> str:
    """The document's text as Markdown: headings as ``#``, tables as pipe tables."""
    out: list[str] = []
    tables = sorted(doc.tables, key=lambda t: (t.position, t.index))
    ti = 0

    def flush(upto: int | None) -> None:
        nonlocal ti
        while ti < len(tables) and (upto is None or tables[ti].position < upto):
            out.append(_md_table(tables[ti].rows()))
            ti += 1

    for p in doc.paragraphs:
        flush(p.index)
        text = p.text.strip()
        if text:
            out.append("#" * min(p.level, 6) + " " + text if p.level else text)
    flush(None)
    return "\n\n".join([*out, MD_MARK]) + "\n"


def _md_table(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    cell = lambda t: (t or "").strip().replace("|", "\\|").replace("\n", "<br>")  # noqa: E731
    lines = ["| " + " | ".join(cell(t) for t in rows[0]) + " |", "|" + " --- |" * len(rows[0])]
    lines += ["| " + " | ".join(cell(t) for t in row) + " |" for row in rows[1:]]
    return "\n".join(lines)


def columns(records: list[dict[str, Any]]) -> list[str]:
    """``文件``, ``类型``, the canonical keys (all form keys when there are forms), then extras."""
    from ..extract import ALL_KEYS, FORM_KEYS

    seen: dict[str, None] = {}
    for r in records:
        seen.update(dict.fromkeys(r))
    keys = [k for k in ALL_KEYS if k in seen]
    if any(r["类型"] == REGISTRATION_FORM for r in records):
        keys = list(FORM_KEYS) + [k for k in keys if k not in FORM_KEYS]
    extras = [k for k in seen if k not in keys and k not in ("文件", "类型", "位置")]
    return ["文件", "类型", *keys, *extras, *(["位置"] if "位置" in seen else [])]


def shown_columns(cols: list[str]) -> list[str]:
    """The columns of a spreadsheet output: ``columns`` with ``类型名称`` after ``类型``."""
    at = cols.index("类型") + 1
    return [*cols[:at], KIND_NAME, *cols[at:]]


def shown_value(record: dict[str, Any], column: str) -> Any:
    """A record's value in a spreadsheet output's column (see ``shown_columns``)."""
    return kind_label(record["类型"]) if column == KIND_NAME else record.get(column)


def note(result: dict[str, Any]) -> str:
    """What a file's status line says: why it was not read, or the reader's notes (a name that does
    not match the content), or that a readable file gave no records."""
    if result["error"]:
        return result["error"]
    if result.get("notes"):
        return "；".join(result["notes"])
    return "" if result["records"] else NO_RECORDS


def _failed(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in results if r["status"] != "ok"]


def write_xlsx(out: Path, results: list[dict[str, Any]]) -> None:
    # write_only streams the rows straight to the file: the fastest way
    # openpyxl has, and the widths are known before the rows are written.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    records = [rec for r in results for rec in r["records"]]
    cols = shown_columns(columns(records))
    # The target is opened first: a bad path must fail before any write-only
    # sheet starts streaming, or openpyxl leaves a half-run generator behind.
    with atomic_open(out, "wb") as fh:
        wb = Workbook(write_only=True)
        wb.properties.keywords = MARK  # a later run over this folder does not take it for a submission
        sheets = [("记录", cols, [[shown_value(rec, c) for c in cols] for rec in records]),
                  ("文件状态", list(FILE_COLUMNS),
                   [[r["file"], kind_label(r["kind"]), read_status_label(r["status"]), len(r["records"]), note(r),
                     r["kind"], r["status"]] for r in results])]
        font, fill = Font(bold=True, color="FFFFFF"), PatternFill("solid", fgColor="C00000")
        align = Alignment(horizontal="center", vertical="center")
        for title, header, rows in sheets:
            ws = wb.create_sheet(title)
            widths = [len(h) * 2 + 2 for h in header]
            for row in rows:
                widths = [max(w, min(60, display_width("" if v is None else str(v)) + 2)) for w, v in zip(widths, row)]
            for i, w in enumerate(widths, 1):
                ws.column_dimensions[get_column_letter(i)].width = w
            ws.freeze_panes = "A2"
            ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
            head = []
            for h in header:
                cell = WriteOnlyCell(ws, value=h)
                cell.font, cell.fill, cell.alignment = font, fill, align
                head.append(cell)
            ws.append(head)
            for row in rows:
                ws.append([as_text(WriteOnlyCell(ws, value=v)) if formula_like(v) else v for v in row])
        wb.save(fh)


def _import_openpyxl() -> None:
    """openpyxl without numpy: it imports numpy, when installed, only to accept
    numpy numbers in cells (ours are plain Python), and that is half of its
    import time. Only for a process that does nothing else: openpyxl keeps
    the choice for the life of the process."""
    hide = "numpy" not in sys.modules and "openpyxl" not in sys.modules
    if hide:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError
    try:
        import openpyxl  # noqa: F401
    finally:
        if hide:
            del sys.modules["numpy"]


def _xlsx_process(out: Path, conn) -> None:
    """The writer process: import openpyxl while the workers read, then write.
    Ctrl-C (or the command stopping it) ends it quietly; its temporary file is removed."""
    try:
        _xlsx_write(out, conn)
    except KeyboardInterrupt:
        pass


def _xlsx_write(out: Path, conn) -> None:
    try:
        _import_openpyxl()
        from .. import extract  # noqa: F401 - for columns()
    except Exception:  # noqa: BLE001 - write_xlsx meets it again and reports it
        pass
    try:
        results = conn.recv()
    except EOFError:
        return  # the command stopped before writing
    try:
        write_xlsx(out, results)
    except Exception as exc:  # noqa: BLE001 - reported by the command
        conn.send(exc)
        return
    conn.send(None)


class _XlsxWriter:
    """``write_xlsx`` in a forked process of its own, started before the
    workers: its imports then cost no time of the command's own."""

    def __init__(self, out: Path) -> None:
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(target=_xlsx_process, args=(out, child), daemon=True)
        self._proc.start()
        child.close()
        self._answered = False

    def write(self, results: list[dict[str, Any]]) -> None:
        self._conn.send(results)
        try:
            error = self._conn.recv()
            self._answered = True
        except EOFError:
            raise TuanwenError("写出 .xlsx 的进程意外退出") from None
        if error is not None:
            raise error

    def close(self) -> None:
        """Stop the writer. When it is still running (an error, Ctrl-C), interrupt it: it may wait
        in ``recv`` for ever, since processes forked later hold the other end of the pipe too."""
        if not self._answered and self._proc.is_alive():
            os.kill(self._proc.pid, signal.SIGINT)
        self._conn.close()
        self._proc.join()


def write_csv(out: Path, results: list[dict[str, Any]]) -> None:
    """The records, then a row for every file that gave none (unreadable, skipped, no forms), each
    with its status and note; values that a spreadsheet would run as formulas are made text."""
    records = [(rec, r) for r in results for rec in r["records"]]
    cols = shown_columns(columns([rec for rec, _ in records])) + ["状态", "说明", STATUS_CODE]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for rec, r in records:
        w.writerow([csv_value("" if (v := shown_value(rec, c)) is None else v) for c in cols[:-3]]
                   + [read_status_label("ok"), csv_value(note(r)), "ok"])
    for r in results:
        if not r["records"]:
            row = dict.fromkeys(cols, "") | {"文件": r["file"], "类型": r["kind"], KIND_NAME: kind_label(r["kind"]),
                                             "状态": read_status_label(r["status"]), "说明": note(r),
                                             STATUS_CODE: r["status"]}
            w.writerow([csv_value(v) for v in row.values()])
    atomic_write_text(out, buf.getvalue(), encoding="utf-8-sig")


def entries(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What .json and .jsonl hold: every record, then a status entry for each
    file that gave none (unreadable, skipped, or a document without forms) or
    carries a note (its name does not match its content), so that every input
    file is accounted for with its status and note."""
    out: list[dict[str, Any]] = [rec for r in results for rec in r["records"]]
    for r in results:
        if not r["records"] or r.get("notes"):
            entry = {"文件": r["file"], "类型": r["kind"], "status": r["status"]}
            if r.get("error"):
                entry["error"] = r["error"]
            if r.get("notes"):
                entry["note"] = "；".join(r["notes"])
            out.append(entry)
    return out


def write_json(out: Path, results: list[dict[str, Any]]) -> None:
    atomic_write_text(out, json.dumps(entries(results), ensure_ascii=False, indent=1, default=str) + "\n")


def write_jsonl(out: Path, results: list[dict[str, Any]]) -> None:
    atomic_write_text(out, "".join(json.dumps(e, ensure_ascii=False, default=str) + "\n" for e in entries(results)))


WRITERS = {".xlsx": write_xlsx, ".csv": write_csv, ".json": write_json, ".jsonl": write_jsonl}


def markdown_targets(files: list[str], text_dir: Path, taken: Iterable[str] = ()) -> list[str]:
    """One safe, distinct ``NAME.md`` in ``text_dir`` per input file, never the name of a file in
    ``taken`` (the submissions: a text version must not replace one)."""
    folder = Path(os.path.realpath(text_dir))
    used = {os.path.realpath(t).lower() for t in taken}
    targets = []
    for f in files:
        stem = safe_filename(Path(shown(f)).stem, 140)
        name, n = f"{stem}.md", 1
        while str(folder / name).lower() in used:
            n += 1
            name = f"{stem}_{n}.md"
        used.add(str(folder / name).lower())
        targets.append(str(folder / name))
    return targets


def run(batch: Batch, jobs: int | None = None, text_dir: Path | None = None,
        progress: Callable[[int, int], None] | None = None, cluster: Cluster | None = None) -> list[dict[str, Any]]:
    """Convert the files of ``batch``; one result dict per file, in order. ``progress(done, total)``:
    called after each file. ``cluster``: the files read on a Dask cluster (``app.cluster``)."""
    with stage(batch) as staged:
        names = [s.name for s in staged.sources]
        targets: Iterable[str | None] = (markdown_targets(names, text_dir, taken=[s.name for s in staged.readable])
                                         if text_dir else [None] * len(names))
        if text_dir:
            text_dir.mkdir(parents=True, exist_ok=True)
        tasks = list(zip(staged.sources, targets))
        return list(run_tasks(convert_one, tasks, jobs=jobs, label="转换中", progress=progress, lost=_lost,
                              cluster=cluster))


def summary(results: list[dict[str, Any]]) -> str:
    n_records = sum(len(r["records"]) for r in results)
    failed = _failed(results)
    lines = [f"共 {len(results)} 个文件，提取 {n_records} 条记录，{len(failed)} 个文件无法读取或已跳过。"]
    for r in failed:
        lines.append(f"  {'跳过' if r['status'] == 'skipped' else '无法读取'}：{r['file']}：{r['error']}")
    for r in results:
        if r["status"] == "ok" and r.get("notes"):
            lines.append(f"  提示：{r['file']}：{note(r)}")
    return "\n".join(lines)


def _outputs_report(out: Path | None, out_error: str | None, text_dir: Path | None,
                    results: list[dict[str, Any]] | None) -> tuple[list[str], bool]:
    """Lines saying which outputs were written in full and which not; and whether all were."""
    lines, complete = [], True
    if out is not None:
        if out_error is None and results is not None:
            lines.append(f"结果已写入：{out}")
        else:
            complete = False
            lines.append(f"结果未写出：{out_error or f'“{out}”（转换未完成）'}；没有留下不完整的文件")
    if text_dir is not None:
        if results is None:
            complete = False
            lines.append(f"文字版未写完：{text_dir}（转换未完成，其中已有的 .md 是完整的）")
        else:
            failures = [r["text_error"] for r in results if r.get("text_error")]
            wanted = sum(r["status"] == "ok" for r in results)
            if failures:
                complete = False
                lines.append(f"文字版未能全部写出：“{text_dir}”中写出 {wanted - len(failures)} 份，"
                             f"{len(failures)} 份未写出（{failures[0]}）")
            else:
                lines.append(f"文字版（Markdown）已写入：{text_dir}（{wanted} 份）")
    return lines, complete


def convert_command(paths: list[str | Path], out: Path | None, jobs: int | None = None,
                    text_dir: Path | None = None, cluster: Cluster | None = None) -> None:
    """CLI entry: convert ``paths`` (files or folders) into ``out``.

    Every output is written atomically; an output that would replace a submission is refused. When an
    output cannot be written (a full disk) or the run is interrupted, the command says which outputs
    are complete and which are not, and fails (exit 2; Ctrl-C: the usual 已中止).
    """
    from ..batch import default_jobs
    from ..files import clean_stale, refuse_overwriting

    if out is not None and out.suffix.lower() not in WRITERS:
        raise UsageError(f"不支持的输出格式“{out.suffix or out.name}”：请用 .xlsx、.csv、.json 或 .jsonl")
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs 必须是正整数")
    batch = gather([str(p) for p in paths])
    if not batch.files:
        raise UsageError("没有找到可转换的文件")
    if out is not None:
        refuse_overwriting(out, batch.submissions, "输出文件")
    folders = {out.parent if out is not None else None, text_dir, Path(tempfile.gettempdir())} - {None}
    for folder in folders:
        clean_stale(folder)  # what runs killed hard left behind
    suffix = out.suffix.lower() if out is not None else None
    writer = None
    results: list[dict[str, Any]] | None = None
    out_error: str | None = None
    try:
        if suffix == ".xlsx" and (jobs or default_jobs(len(batch.files))) > 1 and sys.platform.startswith("linux"):
            writer = _XlsxWriter(out)  # a core is free for it while the workers start
        results = run(batch, jobs=jobs, text_dir=text_dir, cluster=cluster)
        try:
            if writer is not None:
                writer.write(results)
            elif out is not None:
                WRITERS[suffix](out, results)
        except OSError as exc:  # the output failed (a full disk), not the submissions
            out_error = describe_os_error(exc)
    except KeyboardInterrupt:
        for folder in folders:  # what the workers, stopped mid-write, left
            clean_stale(folder)
        lines, _ = _outputs_report(out, f"“{out}”（已中止）", text_dir, None)
        click.echo("\n".join(lines), err=True)
        raise
    finally:
        if writer is not None:
            writer.close()
    click.echo(summary(results))
    lines, complete = _outputs_report(out, out_error, text_dir, results)
    click.echo("\n".join(lines), err=not complete)
    if out is None:
        click.echo("（未指定 -o，只显示摘要；用 -o 结果.xlsx 写出表格）")
    if not complete:
        raise TuanwenError(OUTPUT_INCOMPLETE)
    if all(r["status"] != "ok" for r in results):
        raise TuanwenError("没有一个文件能读取")
