"""Thresholds and local conditions, adaptable by each 团委 in ``tuanwen.toml``.

Defaults come from ../shared/domain.md; every value names its source. A
``tuanwen.toml`` in the working folder (or ``--config FILE``) overrides them:

    [eligibility]
    min_age = 18
    max_age = 28
    min_league_years = 1

    [tuiyou]
    max_share = 0.2
"""

from __future__ import annotations

import copy
import difflib
import json
import re
import tomllib
from pathlib import Path
from typing import Any

from ..errors import UsageError, library_words

DEFAULTS: dict[str, dict[str, Any]] = {
    # 团章: members are 14–28; one joins at 14 or older.
    # 《共青团推优入党工作实施办法》(中青发〔2019〕9号): candidate aged 18+ at the meeting.
    "eligibility": {
        "min_age": 18,
        "max_age": 28,
        "min_join_age": 14,
        "min_league_years": 1,  # 团龄 ≥ 1 year: common local rule
        "min_application_months": 6,  # 入党申请 at least 6 months before 推优: local rules
    },
    # Recommended members capped at a share of the branch (20% is common; local rules vary).
    "tuiyou": {"max_share": 0.2},
    # 推优 vote: quorum > half of 应到; pass needs 赞成 > half of 应到 (not of 实到).
    # 入团 vote (团章): pass needs 赞成 > half of those present.
    "vote": {"quorum_base": "应到", "quorum_share": 0.5, "majority_base": "应到", "majority_share": 0.5},
    # Sections a 工作总结 is expected to have (genre, domain.md).
    "summary": {"required_sections": ["主要做法", "成效", "不足", "下一步"]},
    # Percentages stated in text are compared after rounding to this many decimals.
    "arithmetic": {"percent_tolerance": 0.5},
    # Near-duplicate threshold for the duplicate check (cosine similarity).
    "duplicate": {"threshold": 0.8},
    # How much likelier a confusable character's correction must be before it is reported.
    "typo": {"confusable_margin": 0.0},
    # The day rules take as today ("" = the real date; fixed in tests).
    "date": {"today": ""},
}
CHOICES = {("vote", "quorum_base"): ("应到", "实到"), ("vote", "majority_base"): ("应到", "实到")}


class Config:
    """Nested settings with attribute-free access: ``config["eligibility"]["min_age"]``."""

    def __init__(self, data: dict[str, dict[str, Any]] | None = None, source: str | None = None) -> None:
        self.data = copy.deepcopy(DEFAULTS)
        for section, values in (data or {}).items():
            self.data.setdefault(section, {}).update(values)
        self.source = source

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self.data[section]

    def get(self, section: str, key: str, default: Any = None) -> Any:
        return self.data.get(section, {}).get(key, default)


def load_config(path: Path | None = None) -> Config:
    """Load ``path`` or ``./tuanwen.toml`` if present, else the defaults."""
    candidate = path or Path("tuanwen.toml")
    if not candidate.exists():
        if path:
            raise UsageError(f"找不到配置文件：{path}")
        return Config()
    try:
        data = tomllib.loads(candidate.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise UsageError(f"配置文件 {candidate} 不是 UTF-8 编码；请用记事本“另存为”UTF-8 后再试",
                         detail=library_words(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+), column (\d+)", str(exc))
        where = f"第 {m[1]} 行第 {m[2]} 列" if m else ""
        raise UsageError(f"配置文件 {candidate} {where}有语法错误：节名要写在方括号里，文字要加英文双引号；"
                         "请对照说明文档“按本地规定调整阈值”一节检查", detail=library_words(exc)) from exc
    problems = validate(data)
    if problems:
        raise UsageError(f"配置文件 {candidate} 有误：\n" + "\n".join(f"  {p}" for p in problems))
    return Config(data, source=str(candidate))


_TYPES = {bool: "true 或 false", int: "整数", float: "数字", str: "用英文双引号括起的文字", list: "文字列表，如 [\"甲\", \"乙\"]"}


def _nearest(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.5)
    return f"；是不是“{close[0]}”？" if close else f"；可用的有：{'、'.join(options)}"


def _fits(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return type(value) is type(default)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, list):
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, type(default))


def validate(data: dict[str, Any]) -> list[str]:
    """Every problem of a parsed ``tuanwen.toml`` against ``DEFAULTS``, in Chinese: an unknown
    section or key (with the nearest valid one), a value of the wrong type or not among the choices."""
    problems = []
    for section, values in data.items():
        if section not in DEFAULTS:
            home = [name for name, known in DEFAULTS.items() if section in known]
            problems.append(f"“{section}”要写在“[{home[0]}]”这一节下面" if home and not isinstance(values, dict)
                            else f"没有“[{section}]”这一节{_nearest(section, list(DEFAULTS))}")
            continue
        if not isinstance(values, dict):
            problems.append(f"“{section}”应是一节（“[{section}]”，下面逐行写设置），不是单个值")
            continue
        for key, value in values.items():
            known = DEFAULTS[section]
            if key not in known:
                problems.append(f"“[{section}]”中没有“{key}”这一项{_nearest(key, list(known))}")
            elif not _fits(value, known[key]):
                problems.append(f"“[{section}] {key}”应为{_TYPES[type(known[key])]}，现在是 {_toml(value)}")
            elif value not in CHOICES.get((section, key), (value,)):
                problems.append(f"“[{section}] {key}”只能是 {' 或 '.join(CHOICES[section, key])}，现在是 {_toml(value)}")
    return problems


def _toml(value: Any) -> str:
    """A value as it was written in the file (``"28"``, ``true``), for messages."""
    return json.dumps(value, ensure_ascii=False, default=str)
