"""A generator of statistics tables (汇总表/统计表), written apart from the round
generators on purpose: not one row per candidate but one row per unit of an
organisation (村 of a 乡镇, 科室 of a 医院, 车间 of a 企业, 班级 of a 中学, 科室 of a
机关), grouped (片区, 年级 …) with a 小计 row per group and a 合计 row; a head count
broken down by 其中 columns, some exhaustive (男/女) and some subsets (少数民族,
党员, 团干部), a 参与率 column; headers of one, two or three rows with merged
cells, a 序号 column or none, the group merged down its rows or written as a
row of its own; counts as Arabic digits, with 人/名, or in Chinese numerals,
zeros as 0, blank or —; tables split in two (续表, header repeated or not) and
tables laid across (one column per unit, 小计 columns, a 合计 column).

``build(path, seed, plant)`` writes one .docx or .xlsx and returns a
:class:`Built` naming the planted mistake's (table, row, col) — all from 1.

    python tests/rounds/stats_tables.py OUTDIR [--seed N] [--plant NAME]
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

import docx
import openpyxl

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests"):  # run as a script too
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from rounds.helpers import fill_table  # noqa: E402

PLANTS = ("total", "subtotal", "part-exceeds", "split", "percent")

# Organisation → (its name, groups of units). Names are drawn apart from the other generators'.
ORGS = {
    "乡镇": ("青石镇", {"东片": ["柳湾村", "石桥村", "下河村", "岭背村"], "西片": ["枫林村", "竹坑村", "上坪村"],
                      "镇直": ["镇机关", "卫生院", "中心小学"]}),
    "医院": ("市第三人民医院", {"临床": ["心内科", "骨科", "儿科", "急诊科"], "医技": ["检验科", "影像科", "药剂科"],
                          "行政后勤": ["院办", "后勤保障部"]}),
    "企业": ("华曜装备集团", {"生产": ["一车间", "二车间", "装配车间", "质检部"], "职能": ["财务部", "人力资源部"],
                         "研发": ["研究院", "工艺所"]}),
    "中学": ("滨江中学", {"高一": ["高一（1）班", "高一（2）班", "高一（3）班"], "高二": ["高二（1）班", "高二（2）班", "高二（4）班"],
                       "高三": ["高三（2）班", "高三（5）班"]}),
    "机关": ("县直机关工委", {"综合": ["县委办", "县政府办", "组织部"], "经济": ["发改局", "财政局", "统计局", "商务局"]}),
}
TOTAL_LABELS = ("团员总数", "团员人数", "现有团员", "团员数（名）")
SUBSETS = ("少数民族", "中共党员", "团干部", "入党积极分子", "流动团员")
ATTEND = ("参加人数", "参学人数", "参与人数")
RATE = ("参与率", "参学率", "占比")
CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """12 → 十二, 40 → 四十, 105 → 一百零五 (counts in a table written in words)."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if rest == 0 else ("零" + CN_DIGITS[rest] if rest < 10 else ("一" if rest < 20 else "") + cn_number(rest))
    return CN_DIGITS[hundreds] + "百" + tail


@dataclass
class Row:
    label: str
    group: str
    kind: str  # "unit" | "subtotal" | "total"
    values: dict[str, int]  # measure → count
    rate: float | None = None


@dataclass
class Built:
    path: Path
    plant: str | None
    where: set[tuple[int, int, int]] = field(default_factory=set)  # (table, row, col) any of which is right
    layout: str = ""


@dataclass
class Style:
    subsets: list[str]
    sexes: bool
    attend: bool
    numbering: bool
    group_col: bool  # the group merged down a column (else a row of its own)
    header: str  # "flat" | "merged" | "titled"
    numbers: str  # "arabic" | "unit" | "chinese" | "mixed"
    zero: str  # "0" | "" | "—"
    decimals: int
    percent_sign: bool
    split: bool
    repeat_header: bool
    across: bool  # one column per unit, a 合计 column
    total_label: str
    subset_labels: dict[str, str]
    attend_label: str
    rate_label: str


def _draw_style(rng: random.Random) -> Style:
    subsets = rng.sample(SUBSETS, rng.randint(1, 2))
    return Style(
        subsets=subsets, sexes=rng.random() < 0.7, attend=rng.random() < 0.6, numbering=rng.random() < 0.5,
        group_col=rng.random() < 0.5, header=rng.choice(["flat", "merged", "titled"]),
        numbers=rng.choice(["arabic", "unit", "chinese", "mixed"]), zero=rng.choice(["0", "", "—"]),
        decimals=rng.choice([0, 1, 2]), percent_sign=rng.random() < 0.6, split=rng.random() < 0.3,
        repeat_header=rng.random() < 0.5, across=rng.random() < 0.2, total_label=rng.choice(TOTAL_LABELS),
        subset_labels={s: s for s in subsets}, attend_label=rng.choice(ATTEND), rate_label=rng.choice(RATE))


def _draw_rows(rng: random.Random, groups: dict[str, list[str]], style: Style) -> list[Row]:
    rows: list[Row] = []
    measures = ["T", *(["M", "F"] if style.sexes else []), *style.subsets, *(["A"] if style.attend else [])]
    grand = dict.fromkeys(measures, 0)
    for g, units in groups.items():
        sub = dict.fromkeys(measures, 0)
        for u in units:
            t = rng.randint(3, 60)
            v = {"T": t}
            if style.sexes:
                v["M"] = rng.randint(0, t)
                v["F"] = t - v["M"]
            for s in style.subsets:
                v[s] = rng.choice([0, rng.randint(0, t // 3)])
            if style.attend:
                v["A"] = rng.randint(t // 2, t)
            rows.append(Row(u, g, "unit", v))
            for k in measures:
                sub[k] += v[k]
        rows.append(Row(f"{g}小计" if not style.group_col and rng.random() < 0.5 else "小计", g, "subtotal", sub))
        for k in measures:
            grand[k] += sub[k]
    rows.append(Row(rng.choice(["合计", "总计", "合  计"]), "", "total", grand))
    for r in rows:
        if style.attend:
            r.rate = r.values["A"] * 100 / r.values["T"]
    return rows


def _count(n: int, style: Style, rng: random.Random, summary: bool) -> str:
    if n == 0 and not summary:
        return style.zero
    how = style.numbers if style.numbers != "mixed" else rng.choice(["arabic", "unit", "chinese"])
    if how == "unit":
        return f"{n}{rng.choice(['人', '名'])}"
    if how == "chinese" and not summary:
        return cn_number(n)
    return str(n)


def _rate(x: float, style: Style) -> str:
    text = f"{x:.{style.decimals}f}"
    return text + "%" if style.percent_sign else text


def _columns(style: Style) -> list[tuple[str, str, str]]:
    """(measure, group label, own label) for each count column."""
    cols = [("T", style.total_label, style.total_label)]
    parts = [("M", "男"), ("F", "女")] if style.sexes else []
    parts += [(s, style.subset_labels[s]) for s in style.subsets]
    cols += [(m, "其中", label) for m, label in parts]
    if style.attend:
        cols += [("A", style.attend_label, style.attend_label), ("rate", style.rate_label,
                 style.rate_label + ("" if style.percent_sign else "（%）"))]
    return cols


def _layout(rows: list[Row], style: Style, rng: random.Random, title: str) -> tuple[list[list[str]], list, int, dict]:
    """Grid texts, merges, the index of the first data row and where each (row, measure) lies."""
    cols = _columns(style)
    lead = (["序号"] if style.numbering else []) + (["片区"] if style.group_col else []) + ["单位"]
    width = len(lead) + len(cols)
    grid: list[list[str]] = []
    merges: list = []
    if style.header == "titled":
        grid.append([title] + [""] * (width - 1))
        merges.append(((0, 0), (0, width - 1)))
    top = len(grid)
    if style.header == "flat":
        # only the first sub-column carries 其中 in a flat header: 其中：男 | 女 | 少数民族
        first_part = next((i for i, c in enumerate(cols) if c[1] == "其中"), None)
        labels = [("其中：" + own if i == first_part else own) for i, (_, _, own) in enumerate(cols)]
        grid.append(lead + labels)
    else:
        grid.append(lead + [group for _, group, _ in cols])
        grid.append([""] * len(lead) + [own if group == "其中" else "" for _, group, own in cols])
        for c in range(len(lead)):
            merges.append(((top, c), (top + 1, c)))
        parts = [i for i, (_, g, _) in enumerate(cols) if g == "其中"]
        for i, (_, g, _) in enumerate(cols):
            if g != "其中":
                merges.append(((top, len(lead) + i), (top + 1, len(lead) + i)))
        if len(parts) > 1:
            grid[top][len(lead) + parts[0] + 1:len(lead) + parts[-1] + 1] = [""] * (len(parts) - 1)
            merges.append(((top, len(lead) + parts[0]), (top, len(lead) + parts[-1])))
    first = len(grid)
    where: dict[tuple[int, str], tuple[int, int]] = {}
    n = 0
    group_start: dict[str, int] = {}
    for k, row in enumerate(rows):
        if not style.group_col and row.kind == "unit" and row.group not in group_start:
            grid.append([f"{row.group}"] + [""] * (width - 1))
            merges.append(((len(grid) - 1, 0), (len(grid) - 1, width - 1)))
            group_start[row.group] = len(grid)
        line: list[str] = []
        if style.numbering:
            n += row.kind == "unit"
            line.append(str(n) if row.kind == "unit" else "")
        if style.group_col:
            line.append(row.group if row.kind != "total" else "")
        line.append(row.label)
        summary = row.kind != "unit"
        for i, (m, _, _) in enumerate(cols):
            where[(k, m)] = (len(grid), len(lead) + i)
            line.append(_rate(row.rate, style) if m == "rate" else _count(row.values[m], style, rng, summary))
        grid.append(line)
        if style.group_col and row.kind == "unit" and row.group not in group_start:
            group_start[row.group] = len(grid) - 1
    if style.group_col:
        gc = 1 if style.numbering else 0
        for g, start in group_start.items():
            end = max(r for (k, _), (r, _) in where.items() if rows[k].group == g)
            for r in range(start + 1, end + 1):
                grid[r][gc] = ""
            merges.append(((start, gc), (end, gc)))
        total_row = where[(len(rows) - 1, "T")][0]
        grid[total_row][gc] = grid[total_row][gc + 1]  # 合计 across the group and unit columns
        grid[total_row][gc + 1] = ""
        merges.append(((total_row, gc), (total_row, gc + 1)))
    return grid, merges, first, where


def _across(rows: list[Row], style: Style) -> tuple[list[list[str]], dict, dict]:
    """The table laid across: one column per unit, a 小计 column after each group (when
    ``style.group_col``), a 合计 column. Returns the grid, measure → row, line index → column."""
    shown = [k for k, r in enumerate(rows) if r.kind == "unit" or style.group_col or r.kind == "total"]
    cols = [c for c in _columns(style) if c[0] != "rate"]
    grid = [["项目"] + [rows[k].label if rows[k].kind != "subtotal" else f"{rows[k].group}小计" for k in shown]]
    grid[0][-1] = "合计"
    where = {}
    for m, group, own in cols:
        label = ("其中：" + own if group == "其中" and m == cols[1][0] else own)
        grid.append([label] + [str(rows[k].values[m]) for k in shown])
        where[m] = len(grid) - 1
    return grid, where, {k: i + 2 for i, k in enumerate(shown)}


def _plant(rng: random.Random, plant: str, rows: list[Row], style: Style) -> tuple[int, str, set[str]]:
    """Change one figure; (row index, measure, measures whose cells may be named)."""
    units = [k for k, r in enumerate(rows) if r.kind == "unit"]
    d = rng.choice([-3, -2, -1, 1, 2, 5, 10])
    if plant == "total":
        m = rng.choice(["T", *(["M"] if style.sexes else []), *style.subsets])
        k = len(rows) - 1
        rows[k].values[m] += abs(d) if rows[k].values[m] + d < 0 else d
        return k, m, {m}
    if plant == "subtotal":
        m = rng.choice(["T", *style.subsets])
        k = rng.choice([k for k, r in enumerate(rows) if r.kind == "subtotal"])
        rows[k].values[m] += abs(d)
        rows[-1].values[m] += abs(d)  # the 合计 still adds the 小计 rows up: only the 小计 is wrong
        return k, m, {m}
    k = rng.choice(units)
    row = rows[k]
    if plant == "part-exceeds":
        m = rng.choice(style.subsets)
        extra = row.values["T"] + rng.randint(1, 5) - row.values[m]
    elif plant == "split":
        m = rng.choice(["M", "F"])
        extra = abs(d) if row.values[m] + d < 0 else d
    else:  # percent
        wrong = row.rate + rng.choice([-1, 1]) * rng.choice([3, 7.5, 12])
        row.rate = wrong if 0 <= wrong <= 100 else row.rate - 15
        return k, "rate", {"rate"}
    row.values[m] += extra
    sub = next(j for j in range(k, len(rows)) if rows[j].kind == "subtotal")
    rows[sub].values[m] += extra
    rows[-1].values[m] += extra
    return k, m, {m, "T"} if plant == "split" else {m}


def applicable(plant: str, style: Style) -> bool:
    return {"split": style.sexes, "percent": style.attend}.get(plant, True) and not (
        style.across and (plant == "percent" or plant == "subtotal" and not style.group_col))


def draw(seed: int, plant: str | None = None) -> tuple[Style, str, str, dict]:
    rng = random.Random(seed)
    style = _draw_style(rng)
    while plant and not applicable(plant, style):
        style = _draw_style(rng)
    org = rng.choice(sorted(ORGS))
    return style, org, *ORGS[org]


def build(out: Path, seed: int, plant: str | None = None, fmt: str | None = None) -> Built:
    """Write one statistics table (with a line of prose above it) and say where ``plant`` lies."""
    rng = random.Random(seed * 7919 + 1)
    style, org, name, groups = draw(seed, plant)
    fmt = fmt or rng.choice(["docx", "docx", "xlsx"])
    rows = _draw_rows(rng, groups, style)
    planted = _plant(rng, plant, rows, style) if plant else None
    title = f"{name}团员队伍情况统计表"
    path = out / f"统计表_{org}_{seed}{'_' + plant if plant else ''}.{fmt}"
    built = Built(path, plant, layout=f"{org} {style.header} {'across' if style.across else ''}")
    if style.across:
        grid, where, columns = _across(rows, style)
        tables = [(grid, [])]
        if planted:
            k, m, named = planted
            col = columns[k]
            built.where = {(1, where[x] + 1, col) for x in named if x in where}
    else:
        grid, merges, first, where = _layout(rows, style, rng, title)
        tables = [(grid, merges)]
        cut = None
        if style.split:
            cut = first + len(grid[first:]) // 2
            while any(a[0] < cut <= b[0] for a, b in merges):
                cut += 1
        if cut and cut < len(grid) - 1:
            head = grid[:first] if style.repeat_header else []
            hm = [m for m in merges if m[1][0] < first] if style.repeat_header else []
            shift = len(head) - cut
            tail = head + grid[cut:]
            tm = hm + [((a[0] + shift, a[1]), (b[0] + shift, b[1])) for a, b in merges if a[0] >= cut]
            tables = [(grid[:cut], [m for m in merges if m[1][0] < cut]), (tail, tm)]
        if planted:
            k, m, named = planted
            for x in named:
                r, c = where[(k, x)]
                t = 1
                if len(tables) > 1 and r >= cut:
                    t, r = 2, r + (len(head) - cut)
                built.where.add((t, r + 1, c + 1))
    lines = [title, f"填报单位：{name}团委", "（数据截至本年度6月30日）"]
    if fmt == "docx":
        d = docx.Document()
        d.add_paragraph(lines[0])
        d.add_paragraph(lines[1])
        for i, (g, merges) in enumerate(tables):
            if i:
                d.add_paragraph("续表")
            t = d.add_table(rows=len(g), cols=len(g[0]))
            t.style = "Table Grid"
            fill_table(t, g, merges)
        d.add_paragraph(lines[2])
        d.save(path)
    else:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "统计表"
        for i, (g, merges) in enumerate(tables):
            if i:
                ws = wb.create_sheet("续表")
            for r, row in enumerate(g, 1):
                for c, text in enumerate(row, 1):
                    if text:
                        ws.cell(r, c, int(text) if text.isdigit() else text)
            for (r1, c1), (r2, c2) in merges:
                ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        wb.save(path)
    return built


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--plant", choices=PLANTS)
    ap.add_argument("--format", choices=["docx", "xlsx"])
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    b = build(a.out, a.seed, a.plant, a.format)
    print(b.path, b.layout, sorted(b.where))


if __name__ == "__main__":
    main()
