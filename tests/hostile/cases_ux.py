"""What the user reads about a data sheet: columns that name no field, by the hundred, beside the
table columns of a 汇总表 or the activities of a draft. They are named (a readable few, then how
many), never dropped silently, and never make the message a wall of text."""

from __future__ import annotations

from openpyxl import Workbook

from .cases_generate import inputs, nothing_written
from .corpus import Context, Run, case

JUNK = 900  # columns that name nothing, each a different header (the column limit is 1000)


def _sheet(path, header: list, rows: list[list]) -> None:
    wb = Workbook()
    wb.active.append([*header, *(f"自定义列{i:04d}" for i in range(JUNK))])
    for row in rows:
        wb.active.append([*row, *range(JUNK)])
    wb.save(path)


def _short(work, proc) -> str | None:
    return f"the message runs to {len(proc.stderr)} characters" if len(proc.stderr) > 4000 else None


@case("ux-draft-thousand-unknown-columns")
def draft_unknown_columns(ctx: Context) -> Run:
    src = inputs(ctx)
    _sheet(src / "事实.xlsx", ["落款单位", "成文日期", "活动名称", "参加人数"],
           [["共青团某医院委员会护理团支部", "2026-06-30", "义诊服务", 12], [None, None, "健康讲座", 20]])
    return Run(["draft", "in/事实.xlsx", "-o", "out/总结.docx"], exit_codes=(2,), outdirs=["out"],
               message=r"不认识的项：“自定义列0000”.*等900项", unsafe=[_short])


@case("ux-generate-thousand-ignored-columns")
def generate_ignored_columns(ctx: Context) -> Run:
    src = inputs(ctx)
    _sheet(src / "汇总.xlsx", ["标题", "填报单位", "填表人", "团支部", "姓名", "应到人数"],
           [["汇总表", "共青团某镇委员会", "周敏", "某村团支部", "王小雨", 30]])
    # 填表日期 and the votes are missing: refused, and the ignored columns are named in a few words
    return Run(["generate", "tuiyou-tally", "in/汇总.xlsx", "-o", "out"], exit_codes=(2,), outdirs=["out"],
               message=r"缺少必填字段(.|\n)*不是模板字段，已忽略：自定义列0000.*等900列", unsafe=[nothing_written, _short])
