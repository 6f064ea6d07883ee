"""Arithmetic in tables (TW254–TW256): 合计 and 小计 rows, 合计 columns, 其中
breakdowns and percentage columns, recomputed on :mod:`..figures`."""

from __future__ import annotations

from bisect import bisect, bisect_left
from typing import Iterator

from ...cn.breakdown import covering
from ...cn.numbers import rounds_to
from ...cn.text import compact
from ...config import Config
from ...kinds import OWN_TOTALS, scope_names
from ..engine import Hit, Submission, rule
from ..figures import NO_VALUE, NUMBERED_LINES, Line, Sheet, column_parts, counting, is_rate, number, rate, row_parts, sheets


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _name(sheet: Sheet, c: int) -> str:
    return sheet.labels[c] or f"第{c + 1}列"


TOTAL_HEADS = ("合计", "小计", "总计")


def _numbering(values: list[float], total: float) -> bool:
    """Line numbers under any head (a report's 栏次 row names its columns 甲, A, B …): 1, 2, 3 …
    down to the 合计 row, which carries the next number. Fewer lines are counts (弃权 0, 1 and a
    合计 of 2 is a wrong sum)."""
    return len(values) >= NUMBERED_LINES and counting([*values, total])


def _summed_lines(sheet: Sheet) -> Iterator[tuple[int, list[list[Line]]]]:
    """Each 合计 or 小计 line and the ways it may add up: a 合计 the data lines above it (in
    all parts of a split table, or in its own table), the 小计 lines or the groups' own lines
    (一、东片 above its members); a 小计 the data
    lines of its group, above it (or below, when the table opens with a 小计)."""
    lines = sheet.lines
    parts = {k for _, ps in row_parts(sheet) for k in ps}
    data = [k for k, x in enumerate(lines) if x.role == "data" and k not in parts]
    bounds = [k for k, x in enumerate(lines) if x.role in ("subtotal", "total")]

    def between(start: int, end: int) -> list[Line]:
        return [lines[k] for k in data[bisect(data, start):bisect_left(data, end)]]

    opens = bool(bounds and data) and lines[bounds[0]].role == "subtotal" and bounds[0] < data[0]
    for n, i in enumerate(bounds):
        if lines[i].role == "total":
            above = between(-1, i)
            yield i, [above, [x for x in above if x.table is lines[i].table],
                      [lines[k] for k in bounds[:n] if lines[k].role == "subtotal"],
                      [x for x in lines[:i] if x.role == "group"]]
        elif not opens:
            yield i, [between(bounds[n - 1] if n else -1, i)]
        else:  # the table opens with a 小计: each group's comes first
            yield i, [between(i, bounds[n + 1] if n + 1 < len(bounds) else len(lines))]


def _by_branch(sheet: Sheet, lines: list[Line], c: int) -> float | None:
    """The sum with a figure repeated for each candidate of a branch counted once
    (应到/实到 of a tally)."""
    branch = next((k for k, h in enumerate(sheet.heads) if "支部" in h or "单位" in h), None)
    if branch is None:
        return None
    seen: dict[str, float | None] = {}
    for x in lines:
        seen.setdefault(x.filled[branch] or "", number(x.filled[c]))
    return None if None in seen.values() else sum(seen.values())  # type: ignore[arg-type]


def _total_lines(sheet: Sheet) -> Iterator[tuple[Line, int, str, str]]:
    for i, ways in _summed_lines(sheet):
        line = sheet.lines[i]
        ways = [w for w in ways if w]
        for c, cell in enumerate(line.cells):
            total = number(cell)
            # A dash in the 合计 row means "not totalled" (应到/实到 of a tally), not 0.
            if cell is None or compact(cell) in NO_VALUE or total is None or c >= len(sheet.heads) \
                    or is_rate(sheet.heads[c]) or sheet.numbers_lines(c):
                continue
            sums = []
            for way in ways:
                values = [number(x.filled[c]) for x in way]
                if None in values:
                    continue
                if _numbering(values, total):  # type: ignore[arg-type]
                    sums = []
                    break
                sums.append(sum(values))  # type: ignore[arg-type]
            if ways and line.role == "total" and (b := _by_branch(sheet, ways[0], c)) is not None:
                sums.append(b)
            if not sums or any(abs(s - total) < 1e-6 for s in sums):
                continue
            what = "合计行" if line.role == "total" else f"“{line.label}”行"
            yield (line, c, f"{what}“{_name(sheet, c)}”为{_fmt(total)}，所合计的各行之和为{_fmt(sums[0])}",
                   f"{_name(sheet, c)} {line.label}：{cell.strip()}")


def _wrong_sums(sheet: Sheet) -> set[tuple[int, int]]:
    """(line, column) of the cells a wrong sum TW254 reports may have made disagree with others
    (every 合计/小计 of its column, or its 合计 column's cell): what follows from it is not
    reported again."""
    columns = {c for _, c, _, _ in _total_lines(sheet)}
    summary = [x for x in sheet.lines if x.role in ("subtotal", "total")]
    bounds = [c for c, h in enumerate(sheet.heads) if _summing_head(h)]
    return {(id(x), c) for x in summary for c in columns} | {
        (id(x), c) for x, _, _, _ in _total_columns(sheet) for c in bounds}


def _summing_head(head: str) -> bool:
    """A 合计 or 小计 column."""
    return head in TOTAL_HEADS or "小计" in head


def _total_columns(sheet: Sheet) -> Iterator[tuple[Line, int, str, str]]:
    """合计 and 小计 columns (a table laid across: one column per unit, a 小计 column after each
    group, a 合计 column), each line recomputed like the 合计/小计 lines."""
    heads = sheet.heads
    totals = [k for k, h in enumerate(heads) if h in TOTAL_HEADS]
    subtotals = [k for k, h in enumerate(heads) if _summing_head(h) and k not in totals]
    bounds = sorted(totals + subtotals)
    if not bounds:
        return
    parts = {p for _, ps in column_parts(sheet) for p in ps}
    branch = next((k for k, h in enumerate(heads) if "支部" in h or "单位" in h), None)
    data = [j for j in range(len(heads)) if j not in bounds and j not in parts and not sheet.numbers_lines(j)
            and not is_rate(heads[j]) and j != branch]
    for n, k in enumerate(bounds):
        if k in totals:
            ways = [data, subtotals]
        else:
            start, end = bounds[n - 1] if n else -1, bounds[n + 1] if n + 1 < len(bounds) else len(heads)
            ways = [[j for j in data if start < j < k], [j for j in data if k < j < end]]
        for line in sheet.lines:
            row = line.filled
            total = number(line.cells[k])
            if total is None or not (line.cells[k] or "").strip() or all(number(x) is not None for x in row):
                continue  # a line with no label of its own is no line of figures to add up
            found = [[v for j in way if (v := number(row[j])) is not None] for way in ways]
            sums = [sum(values) for values in found if len(values) >= 2]
            if sums and all(abs(x - total) > 1e-6 for x in sums):
                what = "合计" if k in totals else _name(sheet, k)
                yield (line, k, f"第{line.row + 1}行“{what}”为{_fmt(total)}，该行各项之和为{_fmt(sums[0])}",
                       " | ".join(x for x in row if x)[:80])


@rule("TW254", "arithmetic", "error", "表格合计行、小计行或合计列与各项之和不符")
def table_totals(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：表格的合计行、各组的小计行（及合计列）与它所合计的各格之和不符。
    合计等于上面各数据行之和，或各小计行之和，或各组标题行（“一、东片 | 20”）之和，都算对；小计等于本组各行之和。表格分在两页或两个表格
    （续表，表头重复或不重复）时合计前后两部分。“其中”行不计入合计。
    汇总表中同一支部每位候选人都重复写应到、实到，合计等于按支部相加之和也算对；百分比列和序号列跳过；
    各行中的空格、“—”“无”按0计，合计行中的空格表示“不合计”；“十二”“12人”照常读数。合计格中的负数照常读出比较。
    原因：汇总表的合计行和总结中的统计表是手工录入的，合计对不上说明有一行写错了。
    示例：赞成票一列为 28、25、30，合计行写 80；“东片小计”写 45，东片三个村为 12、15、16。
    依据：通用事理（算术）；阈值：和完全相等。
    百分考核表的合计行由 TW862 重算（同一格不报两次）。
    """
    if sub.extraction.kind in scope_names(OWN_TOTALS):
        return
    for sheet in sheets(sub.doc.tables):
        for line, c, message, text in [*_total_lines(sheet), *_total_columns(sheet)]:
            yield Hit(message, line.where(c), text)


def _breakdown(whole: float | None, parts: list[float | None], labels: list[str], whole_label: str
               ) -> Iterator[tuple[int | None, str]]:
    """(part index, or None for the whole, message) for each way the parts contradict the whole."""
    if whole is None:
        return
    for k, v in enumerate(parts):
        if v is not None and v > whole:
            yield k, f"“{labels[k]}”为{_fmt(v)}，大于其所属的“{whole_label}”{_fmt(whole)}"
    cover = covering(labels, whole_label)
    if cover and all(parts[k] is not None for k in cover):
        got = sum(parts[k] for k in cover)  # type: ignore[misc]
        if abs(got - whole) > 1e-6:
            named = "、".join(labels[k] for k in cover)
            yield None, f"{named}之和为{_fmt(got)}，与“{whole_label}”{_fmt(whole)}不符"


def _blank(text: str | None) -> bool:
    return compact(text or "") in NO_VALUE


def _misread(pairs: list[tuple[float | None, list[float | None]]]) -> bool:
    """Parts above their whole on most lines (or columns): the breakdown was read from heads the
    table does not mean so (a report's nested heads), not written wrong line after line."""
    seen = [(w, ps) for w, ps in pairs if w is not None and any(p is not None for p in ps)]
    over = sum(1 for w, ps in seen if any(p is not None and p > w for p in ps))
    return len(seen) >= 2 and over * 2 > len(seen)


@rule("TW255", "arithmetic", "error", "表格中“其中”分项大于总数，或男/女等完整分项之和与总数不符")
def table_parts(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：表格中“其中”下的分项（其中列：“其中”表头下的各列，或“其中：男 | 女 | 党员”；其中行：
    “其中：女”等行）与它所属的总数不符：任何一个分项都不能大于总数；只有分项构成完整的划分
    （男/女，赞成/反对/弃权，党员/团员/群众，汉族/少数民族）时，其和才必须等于总数。
    女、少数民族、党员、团干部等互有重叠的子集不要求相加等于总数。
    原因：统计表手工填写，分项抄错或总数没有随分项更新。
    示例：团员总数 25，其中男 12、女 14（和为 26）；或其中党员 30，大于团员总数 25。
    依据：通用事理（算术）；阈值：和完全相等。赞成/反对/弃权在“实到人数”下只要求不大于（可能有人未投票）。
    """
    for sheet in sheets(sub.doc.tables):
        by_column, by_row = column_parts(sheet), row_parts(sheet)
        if not by_column and not by_row:
            continue
        summed = _wrong_sums(sheet)
        for whole, cols in by_column:
            if _misread([(number(x.filled[whole]), [number(x.filled[c]) for c in cols])
                         for x in sheet.lines if x.role != "heading"]):
                continue
            labels = [_name(sheet, c) for c in cols]
            wrong: set[int | None] = set()  # what the data lines got wrong: their 小计/合计 follow from it
            for line in sorted(sheet.lines, key=lambda x: x.role in ("subtotal", "total")):
                if line.role == "heading" or _blank(line.filled[whole]) or any(
                        (id(line), c) in summed for c in (whole, *cols)):
                    continue
                parts = [number(line.filled[c]) for c in cols]
                for k, message in _breakdown(number(line.filled[whole]), parts, labels, _name(sheet, whole)):
                    if line.role in ("subtotal", "total") and k in wrong:
                        continue
                    wrong.add(k)
                    col = whole if k is None else cols[k]
                    yield Hit(f"“{line.label}”行：{message}", line.where(col), f"{line.label}：{line.filled[col]}")
        for whole, rows in by_row:
            top = sheet.lines[whole]
            if _misread([(number(top.filled[c]), [number(sheet.lines[k].filled[c]) for k in rows])
                         for c in range(len(sheet.heads)) if not sheet.numbers_lines(c) and not is_rate(sheet.heads[c])]):
                continue
            labels = [sheet.lines[k].label for k in rows]
            wrong = set()
            for c in sorted(range(len(sheet.heads)), key=lambda c: _summing_head(sheet.heads[c])):
                if sheet.numbers_lines(c) or is_rate(sheet.heads[c]) or _blank(top.filled[c]) or any(
                        (id(sheet.lines[k]), c) in summed for k in (whole, *rows)):
                    continue
                parts = [number(sheet.lines[k].filled[c]) for k in rows]
                for k, message in _breakdown(number(top.filled[c]), parts, labels, top.label):
                    if _summing_head(sheet.heads[c]) and k in wrong:
                        continue
                    wrong.add(k)
                    line = top if k is None else sheet.lines[rows[k]]
                    yield Hit(f"“{_name(sheet, c)}”列：{message}", line.where(c), f"{line.label}：{line.filled[c]}")


MIN_FITTING = 3  # lines a percentage column's formula must explain before a line that does not is wrong
FITTING_SHARE = 0.75
NEAR_COLUMNS = 8
SAMPLE = 24  # lines the formula is chosen on


def _fits(stated: str, a: float, b: float, scale: int = 100) -> bool:
    """Whether ``stated`` is a/b in per cent (or as a fraction, ``scale`` 1), rounded or cut off."""
    return b > 0 and rounds_to(a * scale / b, stated)


@rule("TW256", "arithmetic", "error", "表格中的百分比与同行的数算出的不符")
def table_percentages(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：表格中百分比列（参与率、占比、比例、%）某一行的数与该行两列算出的比例不符。
    先找出能解释该列大多数行（至少三行、四分之三）的算法（某列 ÷ 某列，或某列 ÷ 该列合计），
    再报不符合这一算法的行；四舍五入或截去到所写的小数位都算对（33%、33.3%、33.33% 都是 1/3），
    不带%的小数（0.333）也按比例读；合计、小计行写成各行比率的平均数的不报。
    原因：比例是手工算好再抄进表的，改了人数没改比例，或算错。
    示例：参加人数 18、团员总数 24，参与率写作 80%（应为 75%）。
    依据：通用事理（算术）；阈值：按所写小数位四舍五入或截去后相等。
    """
    for sheet in sheets(sub.doc.tables):
        counts = [c for c, h in enumerate(sheet.heads) if not is_rate(h) and not sheet.numbers_lines(c)]
        lines = [x for x in sheet.lines if x.role != "heading"]
        total = next((x for x in lines if x.role == "total"), None)
        for k, head in enumerate(sheet.heads):
            if not is_rate(head):
                continue
            rated = [(x, r) for x in lines if (r := rate(x.filled[k])) is not None]
            if len(rated) < MIN_FITTING + 1:
                continue
            near = [c for c in counts if c < k][-NEAR_COLUMNS:]  # a rate follows the figures it is worked from
            ways = [(a, b) for a in near for b in [*near, None] if a != b and (b is not None or total is not None)]
            if not ways:
                continue
            # The formula is the one that explains most of the first lines; then every line is tried.
            a, b = max(ways, key=lambda w: _fitting(rated[:SAMPLE], *w, total)[0])
            good, wrong = _fitting(rated, a, b, total)
            if good < MIN_FITTING or good < FITTING_SHARE * (good + len(wrong)):
                continue
            summed = _wrong_sums(sheet)
            base = f"{_name(sheet, a)}÷{_name(sheet, b) if b is not None else '合计'}"
            members = {id(sheet.lines[i]): ways[0] for i, ways in _summed_lines(sheet)}
            for x in wrong:
                (num, den), cells = _ratio(x, a, b, total), {(id(x), a), (id(x if b is not None else total),
                                                                         b if b is not None else a)}
                if cells & summed:
                    continue  # a wrong 合计/小计 figure, reported by TW254
                if _mean_of(x.filled[k], members.get(id(x)), k):
                    continue  # a 合计/小计 rate written as the mean of its lines' rates: a habit, not a slip
                yield Hit(f"“{x.label}”行“{_name(sheet, k)}”写作{x.filled[k].strip()}，按本列其他行的算法"
                          f"（{base}）应为{num * 100 / den:.1f}%", x.where(k), f"{x.label}：{x.filled[k].strip()}")


def _mean_of(text: str | None, lines: list[Line] | None, k: int) -> bool:
    """Whether the rate ``text`` is the mean of column ``k`` over ``lines``."""
    rates = [rate(x.filled[k]) for x in lines or []]
    stated = rate(text)
    return bool(rates) and stated is not None and None not in rates and rounds_to(
        sum(float(r) for r in rates) / len(rates), stated)  # type: ignore[arg-type]


def _ratio(x: Line, a: int, b: int | None, total: Line | None) -> tuple[float | None, float | None]:
    """Column ``a`` of line ``x`` over column ``b`` of it, or over the 合计 line's ``a`` (``b`` None)."""
    return number(x.filled[a]), number(x.filled[b] if b is not None else total.filled[a])  # type: ignore[union-attr]


def _fitting(rated: list[tuple[Line, str]], a: int, b: int | None, total: Line | None) -> tuple[int, list[Line]]:
    """How many lines the formula a ÷ b explains, and the lines it does not."""
    good, wrong = 0, []
    for x, p in rated:
        num, den = _ratio(x, a, b, total)
        if num is None or not den:
            continue
        if _fits(p, num, den) or (float(p) <= 1 and _fits(p, num, den, scale=1)):
            good += 1
        else:
            wrong.append(x)
    return good, wrong
