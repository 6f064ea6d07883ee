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
}


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
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"配置文件 {candidate} 格式有误（应为 UTF-8 编码的 TOML）", detail=library_words(exc)) from exc
    return Config(data, source=str(candidate))
