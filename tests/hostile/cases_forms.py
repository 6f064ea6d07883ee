"""Registration forms laid out as other offices do, pushed to extremes: date cells with odd or
huge number formats, a table of candidates side by side with hundreds of columns, labels whose
English gloss runs long. ``convert`` and ``check`` read them without a traceback and list every file."""

from __future__ import annotations

import datetime as dt

import docx
from openpyxl import Workbook

from .corpus import Context, Run, case


@case("forms-date-cells-odd-formats", "forms")
def odd_date_formats(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    wb = Workbook()
    ws = wb.active
    formats = ['yyyy"年"m"月"', '"' + "年" * 200 + '"', "[Red][$-804]yyyy-mm;@", '\\y\\m', "mm:ss", "@", "y" * 300]
    ws.append(["姓名", "出生年月", "入团时间", "公民身份号码", "所在团支部"])
    for k, fmt in enumerate(formats):
        ws.append([f"张{'一二三四五六七'[k]}", dt.datetime(2004, 5, 1), dt.datetime(2019, 9, 1), "110101200405061090", "护理部团支部"])
        for col in (2, 3):
            ws.cell(k + 2, col).number_format = fmt
    wb.save(ctx.dir / "in/格式.xlsx")
    return Run(["convert", "in", "-o", "out/汇总.jsonl"], listed=["格式.xlsx"], report="out/汇总.jsonl", outdirs=["out"])


@case("forms-side-by-side-wide", "forms")
def side_by_side_wide(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    d = docx.Document()
    labels = ["姓名 Name" + " Full Name of the Candidate" * 20, "性别", "出生年月\nDate of Birth", "公民身份号码",
              "所在团支部", "赞成票"]
    width = 300
    t = d.add_table(rows=len(labels), cols=width + 1)
    for r, label in enumerate(labels):
        t.cell(r, 0).text = label
        for c in range(1, width + 1):
            t.cell(r, c).text = ["候选人", "男", "2004.05", "110101200405061090", "张家村团支部", "20"][r] + (
                str(c) if r == 0 else "")
    d.save(ctx.dir / "in/并排.docx")
    return Run(["check", "in", "--format", "json", "-o", "out/报告.json"], listed=["并排.docx"],
               report="out/报告.json", outdirs=["out"])
