"""The template catalogue (``tuanwen templates``: ``toolkit.app.templates``): list templates,
show fields, write entry sheets and examples.

The data-entry workbook has one column per field (header = Chinese label) on
its first sheet and one further sheet per table field, named by that field's
label; ``data.load_records`` reads exactly this layout back. In a blank
workbook the example row's cells start with ``例：`` so that a forgotten
example is never rendered as a record.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import click

from toolkit.errors import UsageError
from toolkit.files import atomic_write_bytes, atomic_write_text
from toolkit.kinds import KINDS

from .data import EXAMPLE_PREFIX
from .schema import DRAFT, TYPE_CN, Field, Schema, builtin_names, load_schema


def builtin_schemas(broken: dict[str, str] | None = None) -> list[Schema]:
    """The built-in templates in the order of the kinds they render (forms, lists, prose).
    ``broken``: where a template whose .yaml cannot be loaded is put (name → why) instead of
    stopping the list: one template edited wrongly leaves the others usable."""
    order = {t: i for i, t in enumerate(t for k in KINDS for t in k.templates)}
    schemas = []
    for name in sorted(builtin_names(), key=lambda n: (order.get(n, len(order)), n)):
        try:
            schemas.append(load_schema(name))
        except UsageError as exc:
            if broken is None:
                raise
            broken[name] = str(exc)
    return schemas


def list_templates() -> None:
    broken: dict[str, str] = {}
    schemas = builtin_schemas(broken)
    if not schemas and not broken:
        click.echo("没有找到内置模板")
        return
    width = max(len(n) for n in [*(s.name for s in schemas), *broken])
    click.echo("内置模板：")
    for s in schemas:
        click.echo(f"  {s.name:<{width}}  {s.title}　{s.description}".rstrip())
    for name, why in broken.items():
        click.echo(f"  {name:<{width}}  （无法使用：{why}）")
    draft = load_schema(DRAFT)
    click.echo(f"\n起草：\n  {DRAFT:<{width}}  {draft.title}　{draft.description}")
    click.echo("\n查看字段：tuanwen templates 模板名；生成：tuanwen generate 模板名 数据文件 -o 输出文件夹；"
               "起草：tuanwen draft 事实数据 -o 工作总结.docx")


def _example_text(value: Any, sep: str = "、") -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return sep.join(map(str, value)) if all(not isinstance(v, dict) for v in value) else f"（{len(value)}行）"
    return str(value)


def _field_lines(fields: list[Field], indent: str) -> list[str]:
    lines = []
    for f in fields:
        need = "必填" if f.required else "选填"
        lines.append(f"{indent}{f.name:<16} {f.label}　{TYPE_CN[f.type]}　{need}　例：{_example_text(f.example)}".rstrip())
        if f.description:
            lines.append(f"{indent}{'':<16} {f.description}")
        if f.choices:
            lines.append(f"{indent}{'':<16} 只能填：{'、'.join(f.choices)}")
        if f.columns:
            lines.extend(_field_lines(f.columns, indent + "    "))
    return lines


def show_schema(schema: Schema) -> None:
    click.echo(f"{schema.name}：{schema.title}")
    if schema.description:
        click.echo(schema.description)
    if schema.filename:
        click.echo(f"默认文件名：{schema.filename}")
    click.echo("字段（名称 标签 类型 是否必填 示例）：")
    for line in _field_lines(schema.fields, "  "):
        click.echo(line)


def show_user_template(path: Path) -> None:
    from .schema import resolve_template
    from .engine import compile_template

    spec = resolve_template(path)
    compiled = compile_template(spec.path)
    if spec.schema:
        show_schema(spec.schema)
        return
    click.echo(f"{path.name} 用到的变量（数据文件的列名或键名应与之一致）：")
    for p in compiled.variables():
        click.echo(f"  {p}")
    if not compiled.variables():
        click.echo("  （没有变量）")


# --- example data and workbooks --------------------------------------------

def write_example(schema: Schema, path: Path) -> None:
    record = schema.example_record()
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        import yaml

        atomic_write_text(path, yaml.safe_dump([record], allow_unicode=True, sort_keys=False))
    elif suffix == ".json":
        atomic_write_text(path, json.dumps([record], ensure_ascii=False, indent=2) + "\n")
    elif suffix == ".xlsx":
        atomic_write_bytes(path, workbook_bytes(schema, filled=True))
    else:
        raise UsageError("--example 的文件应为 .yaml、.json 或 .xlsx")


def _sheet_title(text: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "_", text)[:31] or "数据"
    while title in used:
        title = title[:28] + f"_{len(used)}"
    used.add(title)
    return title


def _fill_sheet(ws, fields: list[Field], rows: list[dict], filled: bool) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    example_font = Font(color="808080", italic=True)
    for j, f in enumerate(fields, 1):
        cell = ws.cell(row=1, column=j, value=f.label)
        cell.font = Font(bold=True, color="C00000" if f.required else "000000")
        cell.fill, cell.border = head_fill, border
        cell.alignment = Alignment(horizontal="center", vertical="center")
        note = f"{f.name}｜{TYPE_CN[f.type]}｜{'必填' if f.required else '选填'}"
        if f.description:
            note += f"\n{f.description}"
        if f.choices:
            note += f"\n只能填：{'、'.join(f.choices)}"
        cell.comment = Comment(note, "tuanwen")
        width = max([len(f.label)] + [len(_example_text(r.get(f.name))) for r in rows]) * 2 + 4
        if f.type == "list":
            width = 40
        ws.column_dimensions[cell.column_letter].width = min(max(width, 10), 50)
    for i, row in enumerate(rows, 2):
        for j, f in enumerate(fields, 1):
            value = row.get(f.name)
            text = _example_text(value, "\n")  # list items may hold commas: one per line
            if not filled and text:
                text = EXAMPLE_PREFIX + text
            cell = ws.cell(row=i, column=j, value=value if filled and isinstance(value, int) else text or None)
            if not filled:
                cell.font = example_font
    # Text format keeps ID numbers, phone numbers and dates as typed (no 1.1E+17, no date conversion).
    text_cols = [j for j, f in enumerate(fields, 1) if f.type in ("text", "date", "list")]
    for i in range(len(rows) + 2, 202):
        for j in text_cols:
            ws.cell(row=i, column=j).number_format = "@"
    for j, f in enumerate(fields, 1):
        if f.choices:  # a drop-down on the entry rows (the example row starts with 例：, so not on it)
            from openpyxl.utils import get_column_letter
            from openpyxl.worksheet.datavalidation import DataValidation

            check = DataValidation(type="list", formula1='"' + ",".join(f.choices) + '"', allow_blank=True,
                                   error=f"只能填：{'、'.join(f.choices)}", errorTitle=f.label, showErrorMessage=True)
            ws.add_data_validation(check)
            check.add(f"{get_column_letter(j)}{len(rows) + 2}:{get_column_letter(j)}201")
    ws.freeze_panes = "A2"


def workbook_bytes(schema: Schema, filled: bool) -> bytes:
    """The entry workbook for ``schema``; ``filled`` writes the example as real data."""
    from openpyxl import Workbook

    wb = Workbook()
    used: set[str] = set()
    scalars = [f for f in schema.fields if f.type != "table"]
    tables = [f for f in schema.fields if f.type == "table"]
    example = schema.example_record()
    first = wb.active
    if scalars:
        first.title = _sheet_title(schema.title or schema.name, used)
        _fill_sheet(first, scalars, [example], filled)
    for n, t in enumerate(tables):
        ws = first if not scalars and n == 0 else wb.create_sheet()
        ws.title = _sheet_title(t.label, used)
        rows = [r for r in (example.get(t.name) or []) if isinstance(r, dict)]
        _fill_sheet(ws, t.columns, rows, filled)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
