"""The League score and progress sheets (积分表, 百分考核表, 建团进度表) with hostile values:
Excel error cells, huge and negative numbers, impossible dates, a header with no rows, a
long list. ``check`` and ``convert`` read them without a traceback and list every file."""

from __future__ import annotations

import docx
from openpyxl import Workbook

from .corpus import Context, Run, case


def _xlsx(path, rows) -> None:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)


@case("league-sheets-hostile-values", "league")
def hostile_values(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    _xlsx(ctx.dir / "in/积分.xlsx", [["团员积分汇总表"],
                                    ["姓名", "第一季度", "第二季度", "第三季度", "第四季度", "加分", "年度积分", "等次", "排名"],
                                    ["甲", "#DIV/0!", 1e308, -5, "二十", "∞", "=A1/0", "优秀", 10**40],
                                    ["乙", None, None, None, None, None, None, None, "第一"]])
    _xlsx(ctx.dir / "in/考核.xlsx", [["百分考核表"], ["考核项目", "分值", "自查得分", "检查得分"], ["合计", "一百", "", "NaN"]])
    d = docx.Document()
    d.add_paragraph("大团委建团进度周报")
    d.add_paragraph("统计截至：2026年13月45日　　目标任务：零个")
    d.add_paragraph("节点要求：2月30日前完成150%；10月32日前完成-5%。")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["团组织名称", "组织类型", "成立时间"], ["甲村团支部", "村", "2026-02-30"], ["", "", "9999-99-99"]]):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.add_paragraph("本周新建999999999999个，累计建成-3个，完成率1e9%，进度正常。")
    d.save(ctx.dir / "in/进度.docx")
    return Run(["check", "in", "--format", "json", "-o", "out/报告.json"], listed=["积分.xlsx", "考核.xlsx", "进度.docx"],
               report="out/报告.json", outdirs=["out"])


@case("league-progress-long-list", "league")
def long_list(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    rows = [["青山镇建团进度统计表（截至2026年10月23日）"], ["团组织名称", "组织类型", "成立时间"]]
    rows += [[f"第{i}团支部", "企业", f"2026-10-{1 + i % 28:02d}"] for i in range(5000)]
    _xlsx(ctx.dir / "in/进度.xlsx", rows)
    return Run(["convert", "in", "-o", "out/汇总.jsonl"], listed=["进度.xlsx"], report="out/汇总.jsonl", outdirs=["out"])
