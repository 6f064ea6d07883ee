"""A large round of 会议记录 all filled from one office template, by branches numbered the way
townships number them (第2村, 第22村, 第222村 …: the filled-in names share their digits) and
with the same few people's names over and over: no branch wrote a word of its own, so none
copied another. More documents than the copy check's sample, so the sampled search runs, and
every paragraph is a candidate for template text at once: it must stay in time and memory."""

from __future__ import annotations

from .cases_generate import inputs
from .cases_scale import _no_copies
from .corpus import Context, Run, case

BRANCHES = 1200
_HOSTS = ["王磊", "王蕾", "李静", "李晶", "张伟", "张玮"]


def _minutes(k: int) -> list[str]:
    branch, host = f"城关镇第{k}村团支部", _HOSTS[k % len(_HOSTS)]
    size = 10 + k % 40
    return [f"{branch}团员大会会议记录", f"时间：2026年{k % 9 + 3}月{k % 27 + 1}日", f"地点：第{k}村村委会会议室",
            f"主持人：{host}", "会议议程：", "一、学习上级团组织关于团员教育评议工作的通知；", "二、开展团员教育评议。",
            f"会议由{branch}书记{host}主持。会议应到团员{size}名，实到{size - k % 3}名，符合规定人数。",
            f"{host}传达了镇团委关于开展2026年度团员教育评议工作的通知精神，对评议的程序和要求作了说明。",
            f"全体团员逐一进行了自评和互评，经民主测评，评议为优秀等次的团员{k % 4 + 1}名，其余均为合格。",
            f"会议要求，{branch}要将评议结果在村务公开栏公示五个工作日，并按时报送镇团委。",
            f"记录人：{_HOSTS[(k + 1) % len(_HOSTS)]}"]


@case("templates-thousand-minutes-from-one-template")
def thousand_minutes(ctx: Context) -> Run:
    src = inputs(ctx)
    for k in range(1, BRANCHES + 1):
        (src / f"第{k}村会议记录.txt").write_text("\n".join(_minutes(k)), encoding="utf-8")
    return Run(["check", "in", "--select", "TW750", "--format", "json", "-o", "out/r.json"], exit_codes=(0,),
               outdirs=["out"], listed=["第1村会议记录.txt", f"第{BRANCHES}村会议记录.txt"], report="out/r.json",
               unsafe=[_no_copies("out/r.json")])
