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


def check(paths: list[Path], select: str, registers: list[Path] | None = None,
          config: Config = CONFIG) -> list[Finding]:
    result, _ = run_check([str(p) for p in paths], [str(p) for p in registers or []],
                          rules=select_rules(select), config=config, jobs=1)
    return result.findings


def check_text(tmp_path: Path, paragraphs: list[str], select: str, name: str = "doc.docx",
               tables: list[list[list[str]]] | None = None) -> list[Finding]:
    return check([write_docx(tmp_path / name, paragraphs, tables)], select)
