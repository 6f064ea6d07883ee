"""大团委 建团进度: the weekly report (周五交账) computed from the list of new organisations.

Each 乡镇 团委 builds a target number of directly affiliated 团组织 (20 is the
national campaign's figure for 乡镇实体化“大团委”; configurable), checked at
dates set by the 团区委/团县委 (e.g. 50 % by the first, 100 % by the second:
``时间倒排``). The generator prints this report and the inspector recomputes it,
so both use this one definition.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from .dates import parse_date
from .text import compact

TARGET = 20
WEEK_DAYS = 7
# What a report says about its own pace.
ON_TRACK_WORDS = ("进度正常", "按进度", "达到进度", "符合进度", "达到节点", "达标", "正常", "已完成", "提前完成", "超额完成")
BEHIND_WORDS = ("进度滞后", "滞后", "未达标", "未达到", "落后", "未完成", "延后", "不达标")
_CHECKPOINT = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})\s*[:：]\s*(\d+(?:\.\d+)?)\s*%\s*$")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    due: dt.date
    share: float  # 0–1 of the target

    def required(self, target: int) -> int:
        return math.ceil(self.share * target - 1e-9)


@dataclass(frozen=True, slots=True)
class WeekReport:
    week_end: dt.date
    target: int
    new_this_week: int
    total: int
    required_now: int  # what the checkpoints passed by ``week_end`` demand
    next_checkpoint: Checkpoint | None

    @property
    def shortfall(self) -> int:
        return max(self.target - self.total, 0)

    @property
    def percent(self) -> float:
        return self.total * 100 / self.target if self.target else 0.0

    @property
    def on_track(self) -> bool:
        return self.total >= self.required_now

    def status(self) -> str:
        if self.total >= self.target:
            return "已完成"
        return "进度正常" if self.on_track else "进度滞后"

    def sentence(self) -> str:
        """``本周新建3个，累计建成12个，完成目标任务的60%，距目标还差8个，进度正常。``"""
        text = (f"本周新建{self.new_this_week}个，累计建成{self.total}个，"
                f"完成目标任务的{percent_text(self.percent)}，")
        text += f"距目标还差{self.shortfall}个，{self.status()}" if self.shortfall else f"{self.status()}目标任务"
        if self.next_checkpoint and self.total < self.next_checkpoint.required(self.target):
            cp = self.next_checkpoint
            text += (f"；{cp.due.month}月{cp.due.day}日前须达到{cp.required(self.target)}个，"
                     f"还需新建{cp.required(self.target) - self.total}个")
        return text + "。"


def percent_text(p: float) -> str:
    """``60%``, ``62.5%``."""
    return f"{round(p, 1):g}%"


def checkpoint_spec_problem(spec: str) -> str | None:
    """Why ``spec`` is not a checkpoint (``"2026-10-15:50%"``), in Chinese; ``None`` when it is one."""
    m = _CHECKPOINT.match(spec)
    if not m or parse_date(m[1]) is None or not parse_date(m[1]).valid:
        return f"“{spec}”应写成“日期:百分比”，如 \"2026-10-15:50%\""
    return None


def parse_checkpoints(specs: list[str] | tuple[str, ...]) -> list[Checkpoint]:
    out = []
    for s in specs:
        m = _CHECKPOINT.match(s)
        d = parse_date(m[1]) if m else None
        if d is not None and d.valid:
            out.append(Checkpoint(d.as_date(), float(m[2]) / 100))
    return sorted(out, key=lambda c: c.due)


def weekly_report(founded: list[dt.date], target: int, checkpoints: list[Checkpoint], week_end: dt.date,
                  week_days: int = WEEK_DAYS) -> WeekReport:
    """The report for the week ending ``week_end`` from the founding dates of the
    organisations built so far (later dates are not counted: not yet built)."""
    built = [d for d in founded if d <= week_end]
    start = week_end - dt.timedelta(days=week_days)
    passed = [c for c in checkpoints if c.due <= week_end]
    coming = [c for c in checkpoints if c.due > week_end]
    return WeekReport(week_end, target, sum(1 for d in built if d > start), len(built),
                      max((c.required(target) for c in passed), default=0), coming[0] if coming else None)


def stated_status(text: str) -> bool | None:
    """True when ``text`` says the work is on schedule, False when it says it is behind."""
    s = compact(text)
    if any(w in s for w in BEHIND_WORDS):
        return False
    if any(w in s for w in ON_TRACK_WORDS):
        return True
    return None
