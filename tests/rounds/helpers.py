"""Test helpers: write a real .docx and check it with selected rules."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from toolkit.app.check import run_check
from toolkit.config import Config
from toolkit.check.engine import Finding, select_rules

CONFIG = Config.from_dict({"date": {"today": "2026-11-22"}})


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


NOTICE_DEVIATIONS = ("margins", "body-font", "page-size", "title-font", "no-page-number")


def gongwen_docx(path: Path, lines: list[str], deviation: str | None = None) -> None:
    """``lines`` as a 公文 laid out after GB/T 9704-2012 (numbers from
    toolkit.cn.gbt9704; ``lines[2]`` is the title), or with one ``deviation``: ``page-size`` (Letter), ``margins`` (Word's default),
    ``body-font`` (宋体 小四), ``title-font`` (黑体 三号), ``no-page-number``."""
    from docx.shared import Mm, Pt

    from toolkit.cn import gbt9704

    d = docx.Document()
    sec = d.sections[0]
    width, height = (215.9, 279.4) if deviation == "page-size" else gbt9704.PAGE_MM
    sec.page_width, sec.page_height = Mm(width), Mm(height)
    margins = {"top": 25.4, "bottom": 25.4, "left": 31.8, "right": 31.8} if deviation == "margins" else gbt9704.MARGINS_MM
    sec.top_margin, sec.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    sec.left_margin, sec.right_margin = Mm(margins["left"]), Mm(margins["right"])

    body = ("宋体", 12.0) if deviation == "body-font" else (gbt9704.BODY_FONTS[0], gbt9704.BODY_PT)
    normal = d.styles["Normal"]
    normal.font.name, normal.font.size = body[0], Pt(body[1])
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), body[0])
    title = ("黑体", 16.0) if deviation == "title-font" else (gbt9704.TITLE_FONTS[0], gbt9704.TITLE_PT)
    for i, line in enumerate(lines):
        p = d.add_paragraph()
        run = p.add_run(line)
        if i == 2:  # the title, after the 版头 and the 发文字号
            p.alignment = 1
            run.font.name, run.font.size = title[0], Pt(title[1])
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), title[0])
    if deviation != "no-page-number":
        p = sec.footer.paragraphs[0]
        p.alignment = 2
        p.add_run("— ")
        p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
        p.add_run(" —")
    d.save(path)
