"""Test helpers: write a real .docx and check it with selected rules."""

from __future__ import annotations

from pathlib import Path

import docx

from toolkit.check.command import run_check
from toolkit.check.config import Config
from toolkit.check.engine import Finding, select_rules

CONFIG = Config({"date": {"today": "2026-11-22"}})


def write_docx(path: Path, paragraphs: list[str], tables: list[list[list[str]]] | None = None) -> Path:
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    for rows in tables or []:
        t = d.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
    d.save(path)
    return path


def fill_table(table, rows: list[list[str]], merges=()) -> None:
    """Write ``rows`` into a python-docx table, then merge ``((r1, c1), (r2, c2))`` spans."""
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for (r1, c1), (r2, c2) in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))


def table_docx(path: Path, rows: list[list[str]], merges=(), title: str = "推优登记表", after=()) -> Path:
    """A form as a bordered table under a heading, with ``after`` paragraphs below it."""
    d = docx.Document()
    d.add_heading(title, level=1)
    table = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    fill_table(table, rows, merges)
    for line in after:
        d.add_paragraph(line)
    d.save(path)
    return path


def check(paths: list[Path], select: str, registers: list[Path] | None = None,
          config: Config = CONFIG) -> list[Finding]:
    result, _ = run_check([str(p) for p in paths], [str(p) for p in registers or []],
                          rules=select_rules(select), config=config, jobs=1)
    return result.findings


def check_text(tmp_path: Path, paragraphs: list[str], select: str, name: str = "doc.docx",
               tables: list[list[list[str]]] | None = None) -> list[Finding]:
    return check([write_docx(tmp_path / name, paragraphs, tables)], select)
