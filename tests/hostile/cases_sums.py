"""Statistics tables pushed to extremes for the sum rules (TW254–TW256): a workbook of 3,300
rows with a 小计 every ten rows, 其中 columns and a rate column; a sheet of 120 columns, a third
of them rates; a table whose every cell says 其中 or 合计. ``check`` reads them without a
traceback, in time, and lists every file."""

from __future__ import annotations

import docx
from openpyxl import Workbook

from .corpus import Context, Run, case


@case("sums-huge-statistics-table", "sums")
def huge_statistics_table(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("统计表")
    ws.append(["单位", "团员数", "其中：男", "女", "少数民族", "参加人数", "参与率"])
    total = [0] * 5
    for g in range(300):
        sub = [0] * 5
        for u in range(10):
            n = 10 + (g * 7 + u) % 40
            row = [n, n // 2, n - n // 2, u % 3, n - u % 5]
            ws.append([f"第{g}组{u}单位", *row, f"{row[4] * 100 / n:.1f}%"])
            sub = [a + b for a, b in zip(sub, row)]
        ws.append(["小计", *sub, f"{sub[4] * 100 / sub[0]:.1f}%"])
        total = [a + b for a, b in zip(total, sub)]
    ws.append(["合计", *total, ""])
    wb.save(ctx.dir / "in/统计表.xlsx")
    return Run(["check", "in", "--format", "json"], listed=["统计表.xlsx"])


@case("sums-wide-rate-sheet", "sums")
def wide_rate_sheet(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    wb = Workbook()
    ws = wb.active
    heads = ["单位"] + [h for k in range(40) for h in (f"指标{k}", f"参加{k}", f"比率{k}")]
    ws.append(heads)
    for r in range(60):
        figures = [(r + k + 1, (r + k) // 2) for k in range(40)]
        ws.append([f"单位{r}"] + [v for n, part in figures for v in (n, part, f"{part * 100 / n:.0f}%")])
    wb.save(ctx.dir / "in/宽表.xlsx")
    return Run(["check", "in", "--format", "json"], listed=["宽表.xlsx"])


@case("sums-every-cell-a-label", "sums")
def every_cell_a_label(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    d = docx.Document()
    words = ["其中", "合计", "小计", "其中：女", "男", "总计", "占比%", "十二", "—", "1"]
    t = d.add_table(rows=40, cols=10)
    for r in range(40):
        for c in range(10):
            t.cell(r, c).text = words[(r * 3 + c) % len(words)]
    d.save(ctx.dir / "in/全是标签.docx")
    return Run(["check", "in", "--format", "json"], listed=["全是标签.docx"])
