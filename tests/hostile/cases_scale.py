"""A round as large rounds are: the 县团委's notice sent back in the folders of a third of the
branches (a quarter of the documents: under the 30 % share that makes text template in a small
round), and every summary the same template with the branch's own name and figures. None of it is one branch copying
another: the copy check (TW750) must not pair every file with every other (a flood of findings, and
time that grows with the square of the round)."""

from __future__ import annotations

import json
from pathlib import Path

from .cases_generate import inputs
from .corpus import Context, Run, case

BRANCHES = 300
# Village names as they are: words, not numbers (第22村 and 第222村 would share their digits).
_FIRST, _SECOND = "柳石桥河松竹梅兰杏桃李枣槐杨柏榆", "湾坪岗坝岭沟塘庄营屯寨堡铺集店滩洲渡口"
NOTICE = ["共青团青山县委员会", "关于做好2026年度团员教育评议工作的通知", "各基层团组织：",
          "为进一步加强团员队伍建设，根据上级团组织的统一部署，现就做好本年度团员教育评议工作通知如下。",
          "一、评议范围为全县各基层团支部的全体团员，评议结果作为推优入党的重要依据。",
          "二、各团支部应在十二月二十日前完成评议，并将评议结果汇总表报县团委组织部。",
          "共青团青山县委员会", "2026年11月20日"]


def _summary(branch: str, members: int) -> list[str]:
    return [f"{branch}2026年度工作总结",
            f"今年以来，{branch}在镇团委的指导下，团结带领{members}名团员青年，围绕乡村振兴开展了一系列活动。",
            f"全年共组织主题团日{members % 7 + 3}次、理论学习{members % 5 + 4}次，{members - 2}名团员完成了青年大学习。",
            f"下一步，{branch}将继续加强团员教育管理，认真做好推优入党和团员教育评议工作。",
            branch, "2026年12月1日"]


def _no_copies(report: str):
    def check(work: Path, proc) -> str | None:
        path = work / report
        if not path.exists():
            return f"{report} not written"
        found = [f for f in json.loads(path.read_text("utf-8"))["findings"] if f["rule"] == "TW750"]
        return f"{len(found)} TW750 findings on text every branch was handed" if found else None
    return check


@case("scale-notice-in-many-folders-and-one-template")
def notice_in_many_folders(ctx: Context) -> Run:
    src = inputs(ctx)
    for k in range(BRANCHES):
        branch = f"{_FIRST[k % len(_FIRST)]}{_SECOND[k // len(_FIRST)]}村团支部"
        folder = src / branch
        folder.mkdir()
        if k % 3 == 0:
            (folder / "通知.txt").write_text("\n".join(NOTICE), encoding="utf-8")
        (folder / "工作总结.txt").write_text("\n".join(_summary(branch, 20 + k % 23)), encoding="utf-8")
    first, last = (f"{_FIRST[k % len(_FIRST)]}{_SECOND[k // len(_FIRST)]}村团支部" for k in (0, BRANCHES - 1))
    return Run(["check", "in", "--format", "json", "-o", "out/r.json"], exit_codes=(0, 1), outdirs=["out"],
               listed=[f"{first}/通知.txt", f"{last}/工作总结.txt"], report="out/r.json",
               unsafe=[_no_copies("out/r.json")])
