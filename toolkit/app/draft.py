"""``tuanwen draft``: a 工作总结 drafted from a record of facts (``toolkit.lang.draft``), rendered
with the built-in ``summary`` template."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..errors import UsageError
from ..files import atomic_write_bytes
from ..lang.draft import Facts, compose, main_terms, refuse_columns
from ..render.data import load_records, nest
from ..render.engine import compile_template
from ..render.prepare import prepare_context
from ..render.schema import DRAFT, load_schema, resolve_template


def render(record: dict[str, Any]) -> bytes:
    """The record rendered with the built-in ``summary`` template."""
    spec = resolve_template("summary")
    return compile_template(spec.path).render(prepare_context(spec.builtin, spec.schema, record))


def draft_command(data: Path, out: Path, keywords: bool = False) -> None:
    if out.suffix.lower() != ".docx":
        raise UsageError(f"输出文件应为 .docx：{out}")
    loaded = load_records(data, load_schema(DRAFT))  # an .xlsx's activities sheet too
    refuse_columns(loaded.ignored)  # a sheet's columns no fact names are refused, never dropped
    records = [nest(r) for r in loaded]
    if len(records) != 1:
        raise UsageError(f"数据文件 {data.name} 应只含一条记录（一份总结），实际 {len(records)} 条")
    record = compose(Facts(records[0]))
    atomic_write_bytes(out, render(record))
    click.echo(f"已起草：{out}（{sum(len(v) for v in record.values() if isinstance(v, list))}段，请核对后使用）")
    if keywords:
        click.echo("关键词：" + "、".join(main_terms(record)))
