"""One self-contained HTML page: counts at the top, a section per file, each
finding with the flagged text highlighted in its context.

No external resources; a few lines of inline JavaScript only hide findings
by severity. Everything that comes from documents is escaped.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from html import escape
from typing import Callable, Mapping

from ..check.engine import Finding, Rule
from ..outputs import HTML_MARK
from .context import highlight_spans
from .labels import CATEGORY_LABELS, SEVERITY_ORDER, category_label, kind_label, severity_label, status_label
from .text import summary_lines
from .view import EXTERNAL, FileGroup, ReportView

_CSS = """
:root{--red:#b0282e;--err:#c62828;--warn:#b26a00;--info:#1565c0;--line:#e3e3e3}
*{box-sizing:border-box}
body{margin:0;font:15px/1.7 "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
color:#222;background:#f5f5f3}
header{background:var(--red);color:#fff;padding:18px 32px}
header h1{margin:0;font-size:22px;font-weight:600}
header p{margin:4px 0 0;opacity:.9;font-size:13px}
main{max-width:1100px;margin:0 auto;padding:20px 24px 60px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:14px}
.card{flex:1 1 120px;background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px}
.card b{display:block;font-size:26px;line-height:1.3}
.card span{color:#666;font-size:13px}
.card.error b{color:var(--err)}.card.warning b{color:var(--warn)}.card.info b{color:var(--info)}
.card.unreadable b{color:#555}
.filters{margin:6px 0 18px;font-size:14px;color:#444}
.filters label{margin-right:16px;cursor:pointer}
section.file{background:#fff;border:1px solid var(--line);border-radius:8px;margin:16px 0;padding:4px 20px 12px}
section.file h2{font-size:16px;margin:12px 0 2px;word-break:break-all}
.meta{color:#666;font-size:13px;margin-bottom:6px}
.finding{border-top:1px solid var(--line);padding:10px 0 8px;display:grid;grid-template-columns:120px 1fr;gap:4px 14px}
.where{color:#555;font-size:13px}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-size:12px;color:#fff;margin-right:6px}
.badge.error{background:var(--err)}.badge.warning{background:var(--warn)}.badge.info{background:var(--info)}
.rule{font-family:ui-monospace,Consolas,monospace;font-size:12px;color:#555;margin-right:6px}
.cat{font-size:13px;color:#444;margin-right:6px}
.msg{font-weight:600}
.ctx{grid-column:2;margin:4px 0 0;padding:6px 10px;background:#fafafa;border-left:3px solid #ccc;
white-space:pre-wrap;word-break:break-all;font-size:14px;color:#333}
.finding.error .ctx{border-left-color:var(--err)}.finding.warning .ctx{border-left-color:var(--warn)}
mark{background:#ffe08a;padding:0 1px;border-radius:2px}
.finding.error mark{background:#ffc9c9}
table.list{border-collapse:collapse;width:100%;font-size:14px;background:#fff}
table.list th,table.list td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
table.list th{background:#faf0f0}
td.n{text-align:right;width:5em}
td.s{white-space:nowrap}
a{color:var(--red)}
details{margin:16px 0}
summary{cursor:pointer;color:#444}
body.hide-error .finding.error,body.hide-warning .finding.warning,body.hide-info .finding.info{display:none}
"""

_JS = """
document.querySelectorAll('.filters input').forEach(function(box){
  box.addEventListener('change',function(){document.body.classList.toggle('hide-'+box.value,!box.checked);});
});
"""


def _marked(text: str, finding: Finding) -> str:
    """``text`` escaped, with the flagged parts in ``<mark>``."""
    out, pos = [], 0
    for start, end in highlight_spans(text, finding):
        out += [escape(text[pos:start]), "<mark>", escape(text[start:end]), "</mark>"]
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _shortener(view: ReportView) -> tuple[str, Callable[[str], str]]:
    """The folder every file is in (shown once) and a function that drops it."""
    names = [g.file.replace("\\", "/") for g in view.groups]
    try:
        base = posixpath.commonpath([posixpath.dirname(n) for n in names]) if len(names) > 1 else ""
    except ValueError:  # absolute and relative paths mixed
        base = ""
    if base in ("", "/", "."):
        return "", lambda name: name
    cut = len(base) + 1
    return base, lambda name: name.replace("\\", "/")[cut:]


def _categories(view: ReportView) -> str:
    """Counts per category and severity, for the categories that have findings."""
    per: dict[str, Counter] = {}
    for f in view.findings:
        per.setdefault(f.category, Counter())[f.severity] += 1
    order = list(CATEGORY_LABELS)
    rows = []
    for cat in sorted(per, key=lambda c: order.index(c) if c in order else len(order)):
        cells = "".join(f'<td class="n">{per[cat][s] or ""}</td>' for s in SEVERITY_ORDER)
        rows.append(f"<tr><td>{escape(category_label(cat))}</td>{cells}<td class=\"n\">{sum(per[cat].values())}</td></tr>")
    head = "".join(f"<th>{severity_label(s)}</th>" for s in SEVERITY_ORDER)
    return f'<h2>按类别</h2><table class="list"><tr><th>类别</th>{head}<th>合计</th></tr>{"".join(rows)}</table>'


def _finding(view: ReportView, g: FileGroup, f: Finding, rules: Mapping[str, Rule]) -> str:
    rule = rules.get(f.rule)
    branch = view.finding_branch(g, f) if not g.branch else None
    where = escape(f.location.describe()) + (f"<br>{escape(branch)}" if branch else "")
    title = f' title="{escape(rule.summary)}"' if rule else ""
    context = view.context(f) or f.excerpt
    ctx = f'<div class="ctx">{_marked(context, f)}</div>' if context else ""
    return (f'<div class="finding {escape(f.severity)}"><div class="where">{where}</div>'
            f'<div><span class="badge {escape(f.severity)}">{escape(severity_label(f.severity))}</span>'
            f'<span class="rule"{title}>{escape(f.rule)}</span><span class="cat">{escape(category_label(f.category))}'
            f'</span><span class="msg">{escape(f.message)}</span></div>{ctx}</div>')


def _section(view: ReportView, n: int, g: FileGroup, rules: Mapping[str, Rule], short: Callable[[str], str]) -> str:
    meta = [] if g.status.status == EXTERNAL else [kind_label(g.status.kind)]
    if g.branch:
        meta.append(g.branch)
    meta.append(f"{len(g.findings)} 处问题")
    body = "".join(_finding(view, g, f, rules) for f in g.findings)
    return (f'<section class="file" id="f{n}"><h2 title="{escape(g.file)}">{escape(short(g.file))}</h2>'
            f'<div class="meta">{escape(" · ".join(meta))}</div>{body}</section>')


def _overview(view: ReportView, ids: dict[int, int], short: Callable[[str], str]) -> str:
    rows = []
    for i, g in enumerate(view.groups):
        if i not in ids:
            continue
        counts = [sum(1 for f in g.findings if f.severity == s) for s in SEVERITY_ORDER]
        cells = "".join(f'<td class="n">{c or ""}</td>' for c in counts)
        rows.append(f'<tr><td><a href="#f{ids[i]}">{escape(short(g.file))}</a></td><td>{escape(g.branch or "")}</td>{cells}</tr>')
    head = "".join(f"<th>{severity_label(s)}</th>" for s in SEVERITY_ORDER)
    return f'<table class="list"><tr><th>文件</th><th>团支部</th>{head}</tr>{"".join(rows)}</table>'


def render_html(view: ReportView, rules: Mapping[str, Rule] | None = None, title: str = "团文审查报告") -> str:
    rules = rules or {}
    counts = view.severity_counts()
    cards = [("files", len(view.files), "份文件"), ("error", counts["error"], "错误"),
             ("warning", counts["warning"], "警告"), ("info", counts["info"], "提示"),
             ("unreadable", len(view.unreadable), "无法读取")]
    cards_html = "".join(f'<div class="card {c}"><b>{n}</b><span>{label}</span></div>' for c, n, label in cards)
    filters = "".join(f'<label><input type="checkbox" value="{s}" checked> {severity_label(s)}</label>'
                      for s in SEVERITY_ORDER)
    base, short = _shortener(view)
    flagged = [i for i, g in enumerate(view.groups) if g.findings]
    ids = {i: n for n, i in enumerate(flagged, 1)}
    parts = [f'<div class="cards">{cards_html}</div>',
             f'<div class="filters">显示：{filters}</div>',
             f'<p>{"<br>".join(escape(line) for line in summary_lines(view)[:2])}</p>']
    if view.unreadable:
        rows = "".join(f"<tr><td>{escape(short(s.file))}</td><td class=\"s\">{escape(status_label(s.status))}</td>"
                       f"<td>{escape(s.error or '')}</td></tr>" for s in view.unreadable)
        parts.append(f'<h2>无法审查的文件</h2><table class="list"><tr><th>文件</th><th>状态</th><th>原因</th></tr>{rows}</table>')
    if flagged:
        parts.append(_categories(view))
        parts.append("<h2>发现问题的文件</h2>" + _overview(view, ids, short))
        parts += [_section(view, ids[i], view.groups[i], rules, short) for i in flagged]
    clean = [g for g in view.groups if not g.findings and g.status.status == "ok"]
    if clean:
        items = "".join(f"<li>{escape(short(g.file))}</li>" for g in clean)
        parts.append(f"<details><summary>未发现问题的文件（{len(clean)} 份）</summary><ul>{items}</ul></details>")
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">{HTML_MARK}'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{escape(title)}</h1><p>由 团文 tuanwen 生成；身份证号、手机号"
            f"{'已按要求完整显示' if view.show_pii else '已部分隐去'}"
            f"{'；文件夹：' + escape(base) if base else ''}</p></header>"
            f"<main>{''.join(parts)}</main><script>{_JS}</script></body></html>\n")
