"""``tuanwen generate``: one document per data record, optionally as PDF too.

Order of work, so that bad input loses nothing: resolve the template and
compile it, load and validate *all* records (every problem reported at once),
build every output name, take OUTDIR's lock (a second run into the same folder
is refused) and refuse to overwrite, then render into a hidden staging folder
inside OUTDIR and move the finished files into place. A failure at any point
before the move leaves OUTDIR as it was.

``--pdf`` without LibreOffice: the .docx files are still written, a warning
with the install command is printed, and the exit status stays 0 — the
documents the user asked for exist, only the PDF copies are missing.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import click

from toolkit.batch import default_jobs, run_parallel
from toolkit.errors import UsageError
from toolkit.files import clean_stale, folder_lock, temp_prefix

from ..check.data import inspect_record
from ..cn.text import listing
from ..config import Config
from ..kinds import MINUTES, template_kind
from ..render.data import Records, describe_record, describe_row, load_records, nest, strip_controls
from ..render.engine import CompiledTemplate, check_marker, compile_template, draft_marker
from ..render.naming import default_pattern, output_paths
from ..render.schema import Field, Schema, TemplateSpec, resolve_template, validate

# Go parallel only when rendering alone would take longer than this (seconds):
# below it, starting worker processes costs more than it saves.
PARALLEL_AFTER = 3.0


def _draft_value(f: Field) -> Any:
    if f.type == "list":
        return [draft_marker(f.label)]
    if f.type == "table":
        return [{c.name: draft_marker(c.label) for c in f.columns}]
    return draft_marker(f.label)


def _shape(suffixes: list[str], label: str) -> Any:
    """A draft value shaped like the template's uses: ``['.name', '[].x']`` → dict / list of dicts."""
    if any(x.startswith("[]") for x in suffixes):
        return [_shape([x[2:] for x in suffixes if x.startswith("[]")], label)]
    keys: dict[str, list[str]] = {}
    for x in suffixes:
        m = re.match(r"\.([^.\[]+)(.*)", x)
        if m:
            keys.setdefault(m.group(1), []).append(m.group(2))
    if not keys:
        return draft_marker(label)
    return {k: _shape(rest, f"{label}.{k}") for k, rest in keys.items()}


def _skeleton(paths: list[str], name: str) -> Any:
    """The draft value for user-template variable ``name``."""
    return _shape([p[len(name):] for p in paths if p == name or p.startswith((name + ".", name + "["))], name)


def _check_user_records(compiled: CompiledTemplate, records: list[dict], draft: bool) -> list[str]:
    """Schema-less user template: every top-level variable must have data."""
    paths = compiled.variables()
    errors = []
    for i, record in enumerate(records, 1):
        for name in compiled.top_level():
            if name in record and record[name] not in (None, ""):
                continue
            if draft:
                record[name] = _skeleton(paths, name)
            else:
                errors.append(f"第{i}条记录：缺少模板用到的字段“{name}”")
    return errors


def _unknown_keys(schema: Schema | None, records: Records) -> str:
    """The data's columns (keys) that are no field of the template, or ""."""
    if schema is None:
        return ""
    unknown = dict.fromkeys([*(str(k) for r in records for k in r if schema.field(k) is None), *records.ignored])
    return f"数据中这些列（键）不是模板字段，已忽略：{listing(list(unknown), unit='列')}" if unknown else ""


def _inspect(spec: TemplateSpec, records: list[dict], raw: Records, settings: Config, draft: bool) -> str:
    """The data checked with the inspector's own rules (``toolkit.check.data``) before anything is
    written: the errors, listed per person (name and row), or "" when there are none; with ``draft``
    each wrong value is marked 【待核：…】 in red in ``records``. Warnings are shown, and stop nothing."""
    assert spec.schema is not None
    kind = template_kind(spec.builtin) if spec.builtin else None
    lines: dict[str, list[str]] = {}
    notes = []
    for i, record in enumerate(records):
        marks: dict[tuple[str | None, int | None, str], list[str]] = {}
        for p in inspect_record(spec.schema.fields, record, settings, verdict_stated=bool(kind and kind.name == MINUTES)):
            whom = (describe_record(raw, i, spec.schema) if p.row is None
                    else describe_row(raw, i, spec.schema.field(p.table), p.row, {"姓名": p.name}))
            if p.severity != "error":
                notes.append(f"提示：{whom}：{p.message}")
                continue
            lines.setdefault(whom, []).append(f"  {p.message}")
            if draft and p.field:
                marks.setdefault((p.table, p.row, p.field), []).append(p.summary)
        for (table, row, name), notes_ in marks.items():
            target = record if table is None else record[table][row - 1]
            target[name] = check_marker(target.get(name, ""), "；".join(notes_))
    for note in notes:
        click.echo(note, err=True)
    return "\n".join(f"{whom}：\n" + "\n".join(problems) for whom, problems in lines.items())


def _render_one(item: tuple[Path, dict, Path]) -> str | None:
    """Worker: render one context into a staging file (compiled template cached per process);
    returns why it could not, or None."""
    template, context, target = item
    try:
        data = compile_template(template).render(context)
    except UsageError as exc:
        return str(exc)
    with open(target, "wb") as fh:
        fh.write(data)
    return None


def _worker_lost(item: tuple[Path, dict, Path]) -> str:
    return "生成这份文档的进程意外退出（可能是内存不足）"


def _refuse_existing(paths: list[Path], pdf: bool) -> None:
    clash = [p for p in paths if p.exists()] + ([p.with_suffix(".pdf") for p in paths if p.with_suffix(".pdf").exists()]
                                               if pdf else [])
    if clash:
        shown = listing([p.name for p in clash], 5)
        raise UsageError(f"输出文件已存在：{shown}。未写入任何文件；如要覆盖，请加 --force")


def generate_command(template: str, data: Path, outdir: Path, *, pdf: bool = False, pattern: str | None = None,
                     draft: bool = False, force: bool = False, jobs: int | None = None,
                     config: Path | None = None, check_data: bool = True) -> list[Path]:
    """Render one document per record of ``data`` into ``outdir``; returns the .docx paths.
    ``config`` (else ./tuanwen.toml) gives the settings the data is checked with and the minutes state, as
    ``check`` reads them; ``check_data=False`` skips that check (the demo plants branches' mistakes)."""
    from toolkit.config import load_config
    from toolkit.render.prepare import prepare_context

    settings = load_config(config)
    spec = resolve_template(template)
    compiled = compile_template(spec.path)
    records = raw = load_records(Path(data), spec.schema)
    for warning in strip_controls(raw, spec.schema):
        click.echo(f"警告：{warning}", err=True)
    if spec.schema:
        records, errors = validate(spec.schema, records, _draft_value if draft else None,
                                   lambda i: describe_record(raw, i, spec.schema),
                                   lambda i, table, j, row: describe_row(raw, i, table, j, row))
    else:
        records = [nest(r) for r in records]
        errors = _check_user_records(compiled, records, draft)
    ruled = _inspect(spec, records, raw, settings, draft) if spec.schema and check_data else ""
    if errors:  # the rules' problems too, so that one round of corrections fixes everything
        raise UsageError(f"数据中有 {len(errors)} 处问题，未生成任何文件：\n" + "\n".join(errors)
                         + (f"\n{unknown}" if (unknown := _unknown_keys(spec.schema, raw)) else "")
                         + (f"\n另有与审查规则不符之处：\n{ruled}" if ruled else "")
                         + ("\n（也可以加 --draft，先生成缺项处带红色【待填】标记的草稿）"
                            if not draft and any("缺少" in e for e in errors) else ""))
    if ruled and not draft:
        raise UsageError(f"数据中有与审查规则不符之处（tuanwen check 会报错），未生成任何文件：\n{ruled}"
                         "\n（改正数据后重新生成；也可以加 --draft，先生成在这些地方带红色【待核】标记的草稿）")
    if ruled:
        click.echo(f"警告：数据中与审查规则不符之处已在文档中用红色【待核】标出：\n{ruled}", err=True)
    if unknown := _unknown_keys(spec.schema, raw):
        click.echo(f"警告：{unknown}", err=True)
    outdir = Path(outdir)
    paths = output_paths(pattern or default_pattern(spec.schema, spec.stem), records, outdir, spec.schema)
    contexts = [prepare_context(spec.builtin, spec.schema, r, settings) for r in records]

    outdir.mkdir(parents=True, exist_ok=True)
    with folder_lock(outdir):
        clean_stale(outdir)
        if not force:
            _refuse_existing(paths, pdf)
        _write_all(compiled.path, contexts, paths, outdir, jobs, force,
                   lambda i: describe_record(raw, i, spec.schema))
        click.echo(f"已生成 {len(paths)} 份文档，保存在 {outdir}")
        if pdf:
            _to_pdf(paths, outdir)
    return paths


def _write_all(template: Path, contexts: list[dict], paths: list[Path], outdir: Path, jobs: int | None,
               force: bool, record: Callable[[int], str]) -> None:
    """Render every document into a hidden staging folder inside ``outdir``, then move them into
    place: all or nothing when a document fails, and never a half-written file under a final name.
    Ctrl-C says what was and was not written; the staging folder goes either way (a later run
    removes the one of a run killed hard)."""
    staging = Path(tempfile.mkdtemp(prefix=temp_prefix() + "generate-", dir=outdir))
    moved: list[Path] = []
    try:
        items = [(template, ctx, staging / f"{i}.docx") for i, ctx in enumerate(contexts)]
        started = time.perf_counter()
        first = _render_one(items[0])  # a template error surfaces here, before any pool starts
        if first:
            raise UsageError(f"{record(0)}：{first}。未写入任何文件")
        per_doc = time.perf_counter() - started
        workers = jobs or default_jobs()
        if workers > 1 and per_doc * len(items) < PARALLEL_AFTER:
            workers = 1
        failed = [(i, why) for i, why in enumerate(run_parallel(_render_one, items[1:], jobs=workers,
                                                                label="生成文档", lost=_worker_lost), 1) if why]
        if failed:
            raise UsageError(f"有 {len(failed)} 份文档没能生成，未写入任何文件：\n"
                             + "\n".join(f"{record(i)}：{why}" for i, why in failed))
        for (_, _, staged), final in zip(items, paths):
            if not force and final.exists():  # made since the check by someone other than a tuanwen run
                raise UsageError(f"输出文件 {final.name} 在生成期间出现了；为不覆盖它，已停止")
            os.replace(staged, final)
            moved.append(final)
    except KeyboardInterrupt:
        if moved:
            click.echo(f"已写入 {len(moved)} 份文档（到 {moved[-1].name} 为止），其余 {len(paths) - len(moved)} 份未写入。",
                       err=True)
        else:
            click.echo(f"未写入任何文档，{outdir} 保持原样。", err=True)
        raise
    except UsageError as exc:
        if moved:
            raise UsageError(f"{exc}\n已写入 {len(moved)} 份文档（到 {moved[-1].name} 为止），"
                             f"其余 {len(paths) - len(moved)} 份未写入") from None
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _to_pdf(paths: list[Path], outdir: Path) -> None:
    from ..fonts import missing_faces
    from ..office import SofficeMissing, soffice_convert

    for line in missing_faces():
        click.echo(f"提示：{line}", err=True)
    click.echo(f"正在用 LibreOffice 把 {len(paths)} 份文档转成 PDF……", err=True)
    try:
        done = soffice_convert(paths, outdir, "pdf", label="转成 PDF")
    except SofficeMissing as exc:
        click.echo(f"警告：未找到 LibreOffice，.docx 已生成，但没有转成 PDF。{exc}", err=True)
        return
    missing = [p.name for p in paths if p.resolve() not in done]
    click.echo(f"已转换 {len(done)} 份 PDF")
    if missing:
        raise UsageError(f"以下文档没能转成 PDF：{'、'.join(missing[:10])}")
