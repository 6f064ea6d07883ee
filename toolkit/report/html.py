"""One self-contained HTML page: counts at the top, tools to narrow the list
(search, severity, category, branch), a table per branch, a section per file,
each finding with the flagged text highlighted in its context, and what the run
used (date, version, settings).

No external resources: the CSS and the few lines of JavaScript that filter are
inline, and the page reads and prints in full without them. Everything that
comes from documents is escaped.
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
[hidden]{display:none!important}
body{margin:0;font:15px/1.7 "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;
color:#222;background:#f5f5f3}
header{background:var(--red);color:#fff;padding:18px 32px}
header h1{margin:0;font-size:22px;font-weight:600}
header p{margin:4px 0 0;opacity:.9;font-size:13px}
main{max-width:1100px;margin:0 auto;padding:20px 24px 60px}
h2{font-size:17px;margin:22px 0 8px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:14px}
.card{flex:1 1 120px;background:#fff;border:1px solid var(--line);border-radius:8px;padding:10px 16px}
.card b{display:block;font-size:26px;line-height:1.3}
.card span{color:#666;font-size:13px}
.card.error b{color:var(--err)}.card.warning b{color:var(--warn)}.card.info b{color:var(--info)}
.card.unreadable b{color:#555}
.tools{position:sticky;top:0;z-index:2;background:#f5f5f3;border-bottom:1px solid var(--line);
margin:6px 0 18px;padding:8px 0;font-size:14px;color:#444;display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center}
.tools input[type=search]{flex:1 1 260px;font:inherit;padding:4px 10px;border:1px solid #bbb;border-radius:6px}
.tools select{font:inherit;padding:3px 6px}
.tools fieldset{border:0;margin:0;padding:0;display:inline}
.tools legend{display:inline;float:left;margin-right:6px;color:#666}
.tools label{margin-right:10px;cursor:pointer;white-space:nowrap}
.shown{color:#666;font-size:13px}
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
.ctx .head{color:#777;font-size:13px}
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
footer{max-width:1100px;margin:0 auto;padding:0 24px 40px;color:#555;font-size:13px}
footer table.list{font-size:13px}
@media print{
body{background:#fff;font-size:12pt}
header{background:none;color:#000;padding:0 0 6pt;border-bottom:2px solid #000}
.tools,.nav{display:none}
main,footer{max-width:none;padding:0}
section.file{border:0;border-top:1px solid #999;border-radius:0;padding:0}
.finding{break-inside:avoid}
details>*{display:block}
}
"""

# Narrows the findings shown; without it (or on paper) everything is shown.
_JS = """
(function(){
var q=document.getElementById('q'),br=document.getElementById('branch'),shown=document.getElementById('shown');
function ticked(name){var on={};document.querySelectorAll('input[name='+name+']').forEach(function(b){on[b.value]=b.checked;});return on;}
function apply(){
  var sev=ticked('sev'),cat=ticked('cat'),b=br?br.value:'',n=0;
  var words=q.value.toLowerCase().split(/\\s+/).filter(Boolean);
  document.querySelectorAll('section.file').forEach(function(sec){
    var any=0,name=(sec.getAttribute('data-file')||'').toLowerCase();
    sec.querySelectorAll('.finding').forEach(function(f){
      var text=name+' '+f.textContent.toLowerCase();
      var ok=sev[f.getAttribute('data-sev')]!==false&&cat[f.getAttribute('data-cat')]!==false&&
        (!b||f.getAttribute('data-branch')===b)&&words.every(function(w){return text.indexOf(w)>=0;});
      f.hidden=!ok;if(ok){any++;}
    });
    sec.hidden=!any;n+=any;
    var row=document.querySelector('tr[data-section="'+sec.id+'"]');if(row){row.hidden=!any;}
  });
  shown.textContent='显示 '+n+' / '+shown.getAttribute('data-total')+' 处';
}
document.querySelectorAll('.tools input,.tools select').forEach(function(el){el.addEventListener('input',apply);el.addEventListener('change',apply);});
document.querySelectorAll('a[data-branch]').forEach(function(a){a.addEventListener('click',function(e){
  e.preventDefault();br.value=a.getAttribute('data-branch');apply();document.getElementById('files').scrollIntoView();});});
apply();
})();
"""


def _marked(text: str, finding: Finding) -> str:
    """``text`` escaped, with the flagged parts in ``<mark>``."""
    out, pos = [], 0
    for start, end in highlight_spans(text, finding):
        out += [escape(text[pos:start]), "<mark>", escape(text[start:end]), "</mark>"]
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _context(view: ReportView, f: Finding) -> str:
    """The flagged text where it stands: the whole paragraph, or a cell inside
    its row under the table's first row; else the finding's excerpt."""
    text = view.context(f)
    cell = view.cell_context(f)
    if cell is not None and text:
        if cell.span:
            s, e = cell.span
            row = escape(cell.row[:s]) + _marked(cell.row[s:e], f) + escape(cell.row[e:])
        else:  # the cell starts in a row above: shown on its own after its row
            row = f"{escape(cell.row)}\n{_marked(text, f)}"
        # The first row: a list's column names, or a form's first line (whose form it is).
        head = f'<div class="head">第1行：{escape(cell.header)}</div>' if cell.header and cell.header != cell.row else ""
        return f'<div class="ctx">{head}{row}</div>'
    text = text or f.excerpt
    return f'<div class="ctx">{_marked(text, f)}</div>' if text else ""


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


def _counts_table(first: str, rows: list[tuple[str, Counter]], extra: Callable[[str], str] | None = None) -> str:
    """A table of counts by severity, one row per (label, counts)."""
    head = "".join(f"<th>{severity_label(s)}</th>" for s in SEVERITY_ORDER)
    body = []
    for label, counts in rows:
        cells = "".join(f'<td class="n">{counts[s] or ""}</td>' for s in SEVERITY_ORDER)
        shown = extra(label) if extra else escape(label)
        body.append(f'<tr><td>{shown}</td>{cells}<td class="n">{sum(counts.values())}</td></tr>')
    return f'<table class="list"><tr><th>{first}</th>{head}<th>合计</th></tr>{"".join(body)}</table>'


def _categories(view: ReportView) -> str:
    per: dict[str, Counter] = {}
    for f in view.findings:
        per.setdefault(f.category, Counter())[f.severity] += 1
    order = list(CATEGORY_LABELS)
    cats = sorted(per, key=lambda c: order.index(c) if c in order else len(order))
    return "<h2>按类别</h2>" + _counts_table("类别", [(category_label(c), per[c]) for c in cats])


def _branches(view: ReportView) -> tuple[list[str], str]:
    """The branches findings name, and the 按团支部 table (a link per branch narrows the list to it)."""
    per: dict[str, Counter] = {}
    files: Counter[str] = Counter(g.branch for g in view.groups if g.branch and g.status.status != EXTERNAL)
    for g in view.groups:
        for f in g.findings:
            b = view.finding_branch(g, f)
            if b:
                per.setdefault(b, Counter())[f.severity] += 1
    names = sorted(set(per) | set(files))
    if not names:
        return [], ""

    def link(name: str) -> str:
        n = f"（{files[name]} 份文件）" if files[name] else ""
        return f'<a href="#files" data-branch="{escape(name)}">{escape(name)}</a>{n}' if name in per else escape(name) + n
    return names, "<h2>按团支部</h2>" + _counts_table("团支部", [(b, per.get(b, Counter())) for b in names], link)


def _finding(view: ReportView, g: FileGroup, f: Finding, rules: Mapping[str, Rule]) -> str:
    rule = rules.get(f.rule)
    branch = view.finding_branch(g, f)
    where = escape(f.location.describe()) + (f"<br>{escape(branch)}" if branch and not g.branch else "")
    title = f' title="{escape(rule.summary)}"' if rule else ""
    return (f'<div class="finding {escape(f.severity)}" data-sev="{escape(f.severity)}" data-cat="{escape(f.category)}"'
            f' data-branch="{escape(branch or "")}"><div class="where">{where}</div>'
            f'<div><span class="badge {escape(f.severity)}">{escape(severity_label(f.severity))}</span>'
            f'<span class="rule"{title}>{escape(f.rule)}</span><span class="cat">{escape(category_label(f.category))}'
            f'</span><span class="msg">{escape(f.message)}</span></div>{_context(view, f)}</div>')


def _section(view: ReportView, n: int, g: FileGroup, rules: Mapping[str, Rule], short: Callable[[str], str]) -> str:
    meta = [] if g.status.status == EXTERNAL else [kind_label(g.status.kind)]
    if g.branch:
        meta.append(g.branch)
    meta.append(f"{len(g.findings)} 处问题")
    body = "".join(_finding(view, g, f, rules) for f in g.findings)
    return (f'<section class="file" id="f{n}" data-file="{escape(g.file)}"><h2 title="{escape(g.file)}">'
            f'{escape(short(g.file))}</h2><div class="meta">{escape(" · ".join(meta))}</div>{body}</section>')


def _overview(view: ReportView, ids: dict[int, int], short: Callable[[str], str]) -> str:
    rows = []
    for i, g in enumerate(view.groups):
        if i not in ids:
            continue
        counts = [sum(1 for f in g.findings if f.severity == s) for s in SEVERITY_ORDER]
        cells = "".join(f'<td class="n">{c or ""}</td>' for c in counts)
        rows.append(f'<tr data-section="f{ids[i]}"><td><a href="#f{ids[i]}">{escape(short(g.file))}</a></td>'
                    f'<td>{escape(g.branch or "")}</td>{cells}</tr>')
    head = "".join(f"<th>{severity_label(s)}</th>" for s in SEVERITY_ORDER)
    return f'<table class="list"><tr><th>文件</th><th>团支部</th>{head}</tr>{"".join(rows)}</table>'


def _tools(view: ReportView, branches: list[str]) -> str:
    """Search box and filters (severity, category, branch); hidden on paper."""
    sev = "".join(f'<label><input type="checkbox" name="sev" value="{s}" checked> {severity_label(s)}</label>'
                  for s in SEVERITY_ORDER)
    present = {f.category for f in view.findings}
    cats = "".join(f'<label><input type="checkbox" name="cat" value="{escape(c)}" checked> {escape(category_label(c))}'
                   f'</label>' for c in [*CATEGORY_LABELS, *sorted(present - set(CATEGORY_LABELS))] if c in present)
    options = "".join(f'<option value="{escape(b)}">{escape(b)}</option>' for b in branches)
    branch = (f'<label>团支部 <select id="branch"><option value="">全部</option>{options}</select></label>'
              if branches else "")
    return (f'<div class="tools" role="search"><input type="search" id="q" placeholder="搜索文件名、姓名、说明、规则代码……"'
            f' aria-label="搜索">{branch}<span class="shown" id="shown" data-total="{len(view.findings)}"></span>'
            f'<fieldset><legend>严重程度</legend>{sev}</fieldset><fieldset><legend>类别</legend>{cats}</fieldset></div>')


def _run(view: ReportView) -> str:
    """What the run used: date, version, settings."""
    run = view.run
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in run.settings)
    table = f'<table class="list"><tr><th>设置项</th><th>取值</th></tr>{rows}</table>' if rows else ""
    return (f"<footer><h2>审查设置</h2><p>审查时间：{escape(run.when_text)}；团文 tuanwen 版本 {escape(run.version)}；"
            f"判断标准：{escape(run.source_text)}。</p>{table}</footer>")


def render_html(view: ReportView, rules: Mapping[str, Rule] | None = None, title: str = "团文审查报告") -> str:
    rules = rules or {}
    counts = view.severity_counts()
    cards = [("files", len(view.files), "份文件"), ("error", counts["error"], "错误"),
             ("warning", counts["warning"], "警告"), ("info", counts["info"], "提示"),
             ("unreadable", len(view.unreadable), "无法读取")]
    cards_html = "".join(f'<div class="card {c}"><b>{n}</b><span>{label}</span></div>' for c, n, label in cards)
    base, short = _shortener(view)
    flagged = [i for i, g in enumerate(view.groups) if g.findings]
    ids = {i: n for n, i in enumerate(flagged, 1)}
    branches, branch_table = _branches(view)
    parts = [f'<div class="cards">{cards_html}</div>',
             f'<p>{"<br>".join(escape(line) for line in summary_lines(view)[:2])}</p>']
    if view.unreadable:
        rows = "".join(f"<tr><td>{escape(short(s.file))}</td><td class=\"s\">{escape(status_label(s.status))}</td>"
                       f"<td>{escape(s.error or '')}</td></tr>" for s in view.unreadable)
        parts.append(f'<h2>无法审查的文件</h2><table class="list"><tr><th>文件</th><th>状态</th><th>原因</th></tr>{rows}</table>')
    if flagged:
        parts += [_categories(view), branch_table, '<h2 id="files">发现问题的文件</h2>', _tools(view, branches),
                  _overview(view, ids, short)]
        parts += [_section(view, ids[i], view.groups[i], rules, short) for i in flagged]
    clean = [g for g in view.groups if not g.findings and g.status.status == "ok"]
    if clean:
        items = "".join(f"<li>{escape(short(g.file))}</li>" for g in clean)
        parts.append(f"<details><summary>未发现问题的文件（{len(clean)} 份）</summary><ul>{items}</ul></details>")
    run = view.run
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">{HTML_MARK}'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{escape(title)}</h1><p>{escape(run.when_text)} 由 团文 tuanwen {escape(run.version)} 生成；"
            f"判断标准：{escape(run.source_text)}；身份证号、手机号"
            f"{'已按要求完整显示' if view.show_pii else '已部分隐去'}"
            f"{'；文件夹：' + escape(base) if base else ''}</p></header>"
            f"<main>{''.join(parts)}</main>{_run(view)}<script>{_JS}</script></body></html>\n")
