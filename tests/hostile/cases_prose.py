"""Prose that makes the sentence rules work hard: one run-on paragraph of a 工作总结 made of long
lists of names, template hints, placeholders and sound-alike words, hundreds of kilobytes long.
It is checked in time, nothing is lost, and the report names the file."""

from __future__ import annotations

from .cases_generate import inputs
from .corpus import Context, Run, case

_PIECE = ("评出能手3名，分别是龙思远、韦晓彤、蒙浩然、覃雨桐、莫子轩、黎晓雨、潘明轩、庞嘉怡、甄语嫣、汤雨欣丙丁戊己庚辛"
          "（此处填写活动成效）【】20XX年X月X日ＸＸＸ＊＊＊全体团圆报公私团委县卫健局两个字有了分量、")


@case("prose-run-on-summary-of-lists-and-hints")
def run_on_summary(ctx: Context) -> Run:
    src = inputs(ctx)
    body = _PIECE * 3000  # about 400 000 characters, no full stop
    (src / "总结_望江社区团支部.txt").write_text(f"望江社区团支部2026年工作总结\n{body}\n望江社区团支部\n2026年12月1日\n",
                                               encoding="utf-8")
    return Run(["check", "in", "--format", "json", "-o", "out/r.json"], exit_codes=(0, 1), outdirs=["out"],
               listed=["总结_望江社区团支部.txt"], report="out/r.json")
