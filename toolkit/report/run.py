"""What a report says about the run that made it: when, which version, which settings.

A report read weeks later (or printed and filed) must say what it was checked
against: the thresholds of ``tuanwen.toml`` decide what counts as a finding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Mapping

from .. import __version__


@dataclass(frozen=True, slots=True)
class RunInfo:
    when: dt.datetime
    version: str
    settings: tuple[tuple[str, str], ...]  # ("eligibility.min_age", "18"), as keys are written in tuanwen.toml
    source: str | None = None  # the configuration file; None: the built-in defaults

    @property
    def when_text(self) -> str:
        return f"{self.when:%Y年%m月%d日 %H:%M}"

    @property
    def source_text(self) -> str:
        return f"配置文件 {self.source}" if self.source else "内置默认设置（未使用 tuanwen.toml）"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (list, tuple)):
        return "、".join(map(str, value)) or "（无）"
    return str(value) if value != "" else "（未设置）"


def run_info(settings: Mapping[str, Mapping[str, Any]], source: str | None = None,
             when: dt.datetime | None = None) -> RunInfo:
    """The run described from its settings by section (``Config.to_dict()``)."""
    flat = tuple((f"{section}.{key}", _shown(value))
                 for section, values in settings.items() for key, value in values.items())
    return RunInfo(when or dt.datetime.now().replace(microsecond=0), __version__, flat, source)
