"""The League's lists (issue 12) as branches really send them: a roster export whose numbers
Excel stored as floats, with blank and merged rows; a roster that is not one; hours that are
negative, words or absurd; a review sheet of party members only (nothing graded)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from .corpus import Context, Run, case


def _sheet(path: Path, rows: list[list], merges: tuple[str, ...] = ()) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for span in merges:
        ws.merge_cells(span)
    wb.save(path)


def _candidate_form(folder: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("推荐优秀团员入党登记表")
    t = d.add_table(rows=3, cols=4)
    for (r, c), text in {(0, 0): "姓名", (0, 1): "王子涵", (0, 2): "所在团支部", (0, 3): "化工2201团支部",
                         (1, 0): "表决日期", (1, 1): "2026年10月14日", (1, 2): "应到人数", (1, 3): "30",
                         (2, 0): "实到人数", (2, 1): "28", (2, 2): "赞成票", (2, 3): "25"}.items():
        t.cell(r, c).text = text
    d.save(folder / "登记表_王子涵.docx")


@case("roster-export-with-float-numbers")
def _float_roster(ctx: Context) -> Run:
    src = ctx.dir / "in"
    src.mkdir()
    _candidate_form(src)
    _sheet(ctx.dir / "名册.xlsx", [
        ["化工2201团支部团员名册"], [],
        ["姓名", "公民身份号码", "入团年月", "团员编号", "所在团支部", "团籍状态"],
        ["王子涵", 3.20106200405150e17, 201905, 201932010601.0, "化工2201团支部", "正常"],
        [None, None, None, None, None, None],
        ["合计：1人", None, None, None, None, None],
        ["陈雨桐", "320106200503020041", "2020.5", "=1+1", "化工2201团支部", None],
    ], merges=("A1:F1",))
    return Run(["check", "in", "--roster", "名册.xlsx", "--format", "json"], inputs=["in", "名册.xlsx"],
               listed=["名册.xlsx"])


@case("roster-that-is-not-a-roster")
def _not_roster(ctx: Context) -> Run:
    src = ctx.dir / "in"
    src.mkdir()
    _candidate_form(src)
    _sheet(ctx.dir / "名册.xlsx", [["今天的菜单"], ["红烧肉", "米饭"]])
    return Run(["check", "in", "--roster", "名册.xlsx", "--format", "json"], inputs=["in", "名册.xlsx"],
               message="未用作名册依据")


@case("volunteer-hours-nonsense")
def _hours(ctx: Context) -> Run:
    src = ctx.dir / "in"
    src.mkdir()
    _candidate_form(src)
    _sheet(src / "时长.xlsx", [
        ["化工2201团支部志愿服务时长统计表"],
        ["姓名", "服务项目", "服务日期", "服务时长（小时）", "认证单位"],
        ["王子涵", "社区服务", "2026-02-30", -4, "某协会"],
        ["王子涵", "社区服务", "明天", "四个半小时", None],
        ["王子涵", "社区服务", "2026-03-01", 1e308, "某协会"],
        ["合计", None, None, "很多", None],
    ])
    return Run(["check", "in", "--format", "json"], listed=["in/时长.xlsx"])


@case("review-sheet-party-members-only")
def _review(ctx: Context) -> Run:
    src = ctx.dir / "in"
    src.mkdir()
    _sheet(src / "评议.xlsx", [
        ["化工2201团支部团员教育评议结果表"],
        ["团支部：化工2201团支部", None, "应到人数：0", "实到人数：0"],
        ["序号", "姓名", "政治面貌", "评议等次"],
        [1, "周子墨", "中共预备党员", None], [2, "吴思源", "中共党员", "—"],
    ])
    return Run(["check", "in", "--format", "json"], listed=["in/评议.xlsx"])
