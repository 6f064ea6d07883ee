"""``tuanwen templates``: list the built-in templates, show one's fields, write its entry sheet
or example data (the catalogue itself is ``toolkit.render.catalog``)."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import UsageError
from ..files import atomic_write_bytes
from ..render.catalog import list_templates, show_schema, show_user_template, workbook_bytes, write_example
from ..render.schema import DRAFT, load_schema


def command(name: str | None, sheet: Path | None = None, example: Path | None = None) -> None:
    if name is None:
        if sheet or example:
            raise UsageError("请指定模板名，如：tuanwen templates tuiyou-form --sheet 录入表.xlsx")
        list_templates()
        return
    if name.lower().endswith(".docx"):
        show_user_template(Path(name))
        if sheet or example:
            raise UsageError("--sheet 和 --example 只用于内置模板（或带同名 .yaml 说明的模板）")
        return
    schema = load_schema(name)
    if not sheet and not example:
        show_schema(schema)
    for target, filled in ((sheet, False), (example, True)):
        if target:
            _refuse_existing(Path(target))
    if sheet:
        if Path(sheet).suffix.lower() != ".xlsx":
            raise UsageError("--sheet 只能写 .xlsx 文件")
        atomic_write_bytes(Path(sheet), workbook_bytes(schema, filled=False))
        click.echo(f"已写出空白录入表：{sheet}（第一行是表头，带“例：”的一行是示例，填写时可删除）")
    if example:
        write_example(schema, Path(example))
        use = (f"tuanwen draft {example} -o 工作总结.docx" if schema.name == DRAFT
               else f"tuanwen generate {schema.name} {example} -o 输出文件夹")
        click.echo(f"已写出示例数据：{example}（可直接用于 {use}）")


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise UsageError(f"文件 {path} 已存在，为免覆盖已填写的内容，请换一个文件名或先删除它")
