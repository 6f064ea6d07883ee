"""Convert's side: a messy inbox given twice over, and web pages that point at the network."""

from __future__ import annotations

from rounds.messy import build

from .corpus import Context, Run, case


@case("messy-inbox-given-twice")
def messy_inbox(ctx: Context) -> Run:
    m = build(ctx.dir / "in")
    names = [rel.rsplit("/", 1)[-1] for rel in m.files]
    return Run(["convert", "in", "in/", "in/护理部", "-o", "out/汇总.xlsx"], listed=names, report="out/汇总.xlsx",
               outdirs=["out"], exit_codes=(0,))


@case("web-page-with-external-references")
def web_page_links(ctx: Context) -> Run:
    (ctx.dir / "in").mkdir()
    page = (f'<html><head><link rel="stylesheet" href="{ctx.url}/a.css"><script src="{ctx.url}/a.js"></script>'
            f'<meta http-equiv="refresh" content="0;url={ctx.url}/r"></head><body background="{ctx.url}/bg.png">'
            f'<iframe src="{ctx.url}/f"></iframe><p>团支部工作总结<img src="{ctx.url}/p.png"></p>'
            f'<table><tr><td style="background:url({ctx.url}/c.png)">姓名</td><td>王子涵</td></tr></table>'
            '</body></html>')
    (ctx.dir / "in/总结_网页.doc").write_text(page, encoding="utf-8")
    return Run(["convert", "in", "-o", "out/汇总.json"], listed=["总结_网页.doc"], report="out/汇总.json",
               outdirs=["out"], exit_codes=(0,))
