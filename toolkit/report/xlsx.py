"""Excel report: 问题清单 (one row per finding), 汇总 (counts), 文件 (every input),
规则, 审查信息 (date, version, settings).

Made to be printed too: A4 landscape, one page wide, the header row on every
page, rows tall enough for their wrapped text; each file links to itself.
"""

from __future__ import annotations

import io
import math
import os
from collections import Counter
from pathlib import Path
from typing import Mapping

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..check.engine import Rule
from ..cn.text import display_width
from ..outputs import MARK
from ..sheets import as_text
from .labels import (CATEGORY_LABELS, SEVERITY_ORDER, category_label, kind_label, severity_label,
                     status_label)
from .view import EXTERNAL, ReportView

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="B0282E")  # 团 red
_SEVERITY_FILL = {"error": PatternFill("solid", fgColor="F8D7DA"),
                  "warning": PatternFill("solid", fgColor="FFF3CD"),
                  "info": PatternFill("solid", fgColor="DDEBF7")}
_WRAP = Alignment(wrap_text=True, vertical="top")
_LINE_HEIGHT = 15  # points per line of 11 pt text (CJK included)
_SEV_COLUMNS = [severity_label(s) for s in SEVERITY_ORDER]
NO_BRANCH = "（未识别团支部）"


def _lines(value: object, width: float) -> int:
    """Lines a wrapped cell of ``width`` (Excel's character units; a CJK character takes two) needs."""
    if value is None or value == "":
        return 1
    room = max(1.0, width - 1)
    return sum(max(1, math.ceil(display_width(line) / room)) for line in str(value).split("\n"))


def _table(ws: Worksheet, header: list[str], rows: list[list], widths: list[int], start_row: int = 1,
           wrap: bool = False) -> int:
    """Write a styled header and rows from ``start_row``; return the next free row.
    Wrapped rows get the height their longest cell needs (Excel does not grow
    rows written by a program, so long messages would be clipped)."""
    for col, (title, width) in enumerate(zip(header, widths), 1):
        cell = ws.cell(start_row, col, title)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, start_row + 1):
        for col, value in enumerate(values, 1):
            cell = as_text(ws.cell(r, col, value))
            if wrap:
                cell.alignment = _WRAP
        if wrap:
            lines = max(_lines(v, w) for v, w in zip(values, widths))
            if lines > 1:
                ws.row_dimensions[r].height = lines * _LINE_HEIGHT
    return start_row + len(rows) + 2


def _for_print(ws: Worksheet, title_rows: str | None = "1:1") -> None:
    """A4 landscape, all columns on one page width, the header row repeated on every page."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.print_options.gridLines = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _link(ws: Worksheet, links: Mapping[str, str], column: int = 1) -> None:
    """Each file name in ``column`` links to the file (relative to the report)."""
    for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
        target = links.get(cell.value) if isinstance(cell.value, str) else None
        if target:
            cell.hyperlink = target
            cell.font = Font(color="0563C1", underline="single")


def _findings_sheet(ws: Worksheet, view: ReportView, links: Mapping[str, str]) -> None:
    header = ["文件", "团支部", "位置", "类别", "严重程度", "规则", "说明", "摘录"]
    rows = [[g.file, view.finding_branch(g, f) or "", f.location.describe(), category_label(f.category),
             severity_label(f.severity), f.rule, f.message, f.excerpt]
            for g in view.groups for f in g.findings]
    _table(ws, header, rows, [40, 18, 18, 12, 9, 8, 50, 60], wrap=True)
    sev_of = {severity_label(s): s for s in SEVERITY_ORDER}
    for (cell,) in ws.iter_rows(min_row=2, min_col=5, max_col=5):
        if cell.value in sev_of:
            cell.fill = _SEVERITY_FILL[sev_of[cell.value]]
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:H{max(1, len(rows) + 1)}"
    _link(ws, links)


def _counts_row(label: list, counts: Counter) -> list:
    return [*label, *(counts[s] for s in SEVERITY_ORDER), sum(counts.values())]


def _summary_sheet(ws: Worksheet, view: ReportView) -> None:
    per_category: dict[str, Counter] = {c: Counter() for c in CATEGORY_LABELS}
    per_file: dict[str, Counter] = {}
    per_branch: dict[str, Counter] = {}
    for g in view.groups:
        per_file[g.file] = Counter(f.severity for f in g.findings)
        for f in g.findings:
            per_category.setdefault(f.category, Counter())[f.severity] += 1
            per_branch.setdefault(view.finding_branch(g, f) or NO_BRANCH, Counter())[f.severity] += 1
    total = Counter(f.severity for f in view.findings)

    rows = [_counts_row([category_label(c)], n) for c, n in per_category.items()]
    rows.append(_counts_row(["合计"], total))
    nxt = _table(ws, ["类别", *_SEV_COLUMNS, "合计"], rows, [44, 9, 9, 9, 9])
    ws.cell(len(rows) + 1, 1).font = Font(bold=True)
    if any(b != NO_BRANCH for b in per_branch):
        rows = [_counts_row([b], n) for b, n in sorted(per_branch.items())]
        nxt = _table(ws, ["团支部", *_SEV_COLUMNS, "合计"], rows, [44, 9, 9, 9, 9], start_row=nxt)
    rows = [_counts_row([f], n) for f, n in per_file.items()]
    _table(ws, ["文件", *_SEV_COLUMNS, "合计"], rows, [44, 9, 9, 9, 9], start_row=nxt)


def _files_sheet(ws: Worksheet, view: ReportView, links: Mapping[str, str]) -> None:
    rows = [[g.file, g.branch or "", kind_label(g.status.kind), status_label(g.status.status),
             len(g.findings), g.status.error or ""]
            for g in view.groups if g.status.status != EXTERNAL]
    _table(ws, ["文件", "团支部", "类型", "状态", "问题数", "说明"], rows, [50, 18, 18, 10, 8, 50], wrap=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:F{max(1, len(rows) + 1)}"
    _link(ws, links)


def _rules_sheet(ws: Worksheet, view: ReportView, rules: Mapping[str, Rule]) -> None:
    hits = Counter(f.rule for f in view.findings)
    rows = [[r.code, category_label(r.category), severity_label(r.severity), r.summary, hits[r.code]]
            for r in sorted(rules.values(), key=lambda r: r.code)]
    _table(ws, ["规则", "类别", "默认严重程度", "说明", "发现次数"], rows, [8, 14, 12, 60, 10], wrap=True)
    ws.freeze_panes = "A2"


def _run_sheet(ws: Worksheet, view: ReportView) -> None:
    run = view.run
    rows = [["审查时间", run.when_text], ["团文版本", run.version], ["判断标准", run.source_text], *map(list, run.settings)]
    _table(ws, ["项目", "取值"], rows, [30, 50], wrap=True)


def _links(view: ReportView, base: Path | None) -> dict[str, str]:
    """File name shown → a link relative to the report's folder, for files that
    exist under the name shown (not a .zip's member, not a masked name)."""
    if base is None:
        return {}
    out = {}
    for g in view.groups:
        path = Path(g.file)
        if g.link and path.is_file():
            try:
                out[g.file] = Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
            except ValueError:  # another drive (Windows)
                out[g.file] = path.resolve().as_uri()
    return out


def render_xlsx(view: ReportView, rules: Mapping[str, Rule] | None = None, base: Path | None = None) -> bytes:
    """The workbook; with ``base`` (the folder the report goes to) file names link to the files."""
    wb = Workbook()
    wb.properties.keywords = MARK  # a later run over this folder does not take it for a submission
    links = _links(view, base)
    _findings_sheet(wb.active, view, links)
    wb.active.title = "问题清单"
    _summary_sheet(wb.create_sheet("汇总"), view)
    _files_sheet(wb.create_sheet("文件"), view, links)
    if rules:
        _rules_sheet(wb.create_sheet("规则"), view, rules)
    _run_sheet(wb.create_sheet("审查信息"), view)
    for ws in wb.worksheets:
        _for_print(ws, None if ws.title == "汇总" else "1:1")  # 汇总 holds several tables, each with its header
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
