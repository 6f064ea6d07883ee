"""Terminal report: findings grouped by file, then a summary.

    submissions/总结_生物2201团支部.docx（工作总结）
      第4段  TW201 [错误] 数量不符  “共推荐5人”与所列4个姓名不符
             …最终确定刘一诺、陈佳琪、杨明轩、黄若曦4人为推荐对象，共推荐5人。

Colours only when writing to a terminal.
"""

from __future__ import annotations

from typing import Callable

import click

from ..cn.text import display_width, pad
from .labels import category_label, kind_label, severity_label, status_label
from .view import EXTERNAL, ReportView

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def summary_lines(view: ReportView) -> list[str]:
    """The closing summary: files checked, unreadable files with reasons, counts."""
    files = view.files
    by_status = {s: sum(1 for f in files if f.status == s) for s in ("ok", "error", "skipped")}
    with_findings = sum(1 for g in view.groups if g.findings and g.status.status != EXTERNAL)
    lines = [f"共 {len(files)} 份文件：已审查 {by_status['ok']} 份，无法读取 {by_status['error']} 份，"
             f"跳过 {by_status['skipped']} 份；{with_findings} 份发现问题。"]
    counts = view.severity_counts()
    total = sum(counts.values())
    if total:
        lines.append(f"问题共 {total} 处：错误 {counts['error']} 处，警告 {counts['warning']} 处，"
                     f"提示 {counts['info']} 处。")
    elif by_status["ok"]:  # with nothing read, "no problems" would read as a clean round
        lines.append("未发现问题。")
    for st in view.unreadable:
        lines.append(f"  {status_label(st.status)}：{st.file}：{st.error or '（未说明原因）'}")
    return lines


def render_text(view: ReportView, color: bool = False) -> str:
    style: Callable[..., str] = click.style if color else (lambda text, **_: text)
    out: list[str] = []
    for group in view.groups:
        if not group.findings:
            continue
        kind = "" if group.status.status == EXTERNAL else f"（{kind_label(group.status.kind)}）"
        out.append(style(f"{group.file}{kind}", bold=True))
        places = [f.location.describe() for f in group.findings]
        width = max(display_width(p) for p in places)
        for place, f in zip(places, group.findings):
            sev = style(f"[{severity_label(f.severity)}]", fg=_COLOURS.get(f.severity), bold=f.severity == "error")
            out.append(f"  {pad(place, width)}  {f.rule} {sev} {category_label(f.category)}  {f.message}")
            if f.excerpt:
                out.append(" " * (width + 4) + style(f.excerpt, dim=True))
        out.append("")
    clean = [g.file for g in view.groups if not g.findings and g.status.status == "ok"]
    if clean:  # every input appears in the report, not only those with findings
        out += [f"未发现问题的文件（{len(clean)} 份）：{'、'.join(clean)}", ""]
    out += [style(line, bold=i == 0) for i, line in enumerate(summary_lines(view))]
    return "\n".join(out) + "\n"
