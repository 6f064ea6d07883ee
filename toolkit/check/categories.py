"""Categories of findings and the blocks of rule codes they own: the one table.

A rule code is ``TW`` + three digits, grouped as ruff groups its codes: each
category owns a block of numbers, and :func:`check_code` (called when a rule
registers) refuses a code outside its category's block, so a misnumbered rule
fails at import. The League's own records (roster, review, points, …) get
blocks by document system instead: their rules take whichever category fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    name: str  # the contract's word: JSON ``category``, ``--select vote``
    label: str  # Chinese, as reports show it
    codes: range  # numbers after "TW" that rules of this category use


@dataclass(frozen=True, slots=True)
class SystemBlock:
    label: str  # Chinese: the League systems whose rules live here
    codes: range  # open to every category


# In the order reports list them.
CATEGORIES: tuple[Category, ...] = (
    Category("placeholder", "占位符未替换", range(100, 150)),
    Category("count", "数量不符", range(200, 250)),
    Category("arithmetic", "计算错误", range(250, 300)),
    Category("vote", "表决", range(300, 350)),
    Category("eligibility", "资格条件", range(350, 400)),
    Category("id-number", "身份证号", range(400, 450)),
    Category("date", "日期", range(450, 500)),
    Category("typo", "错别字", range(500, 550)),
    Category("punctuation", "标点", range(550, 600)),
    Category("boilerplate", "模板残留", range(150, 200)),
    Category("duplicate", "雷同", range(750, 800)),
    Category("register", "登记核对", range(700, 750)),
    Category("format", "公文格式", range(600, 650)),
)

# The League's own systems (团员名册, 教育评议, 积分, …): one block per group of kinds.
SYSTEM_BLOCKS: tuple[SystemBlock, ...] = (
    SystemBlock("团员名册、教育评议、推优“3+1+1”过程记录、志愿服务时长", range(800, 850)),
    SystemBlock("积分、百分考核、建团进度", range(850, 900)),
)

CATEGORY_BY_NAME: dict[str, Category] = {c.name: c for c in CATEGORIES}

_CODE = re.compile(r"TW(\d{3})")


def check_code(code: str, category: str) -> None:
    """Refuse a rule code that is malformed or outside its category's block
    (and outside every League system block)."""
    if category not in CATEGORY_BY_NAME:
        raise ValueError(f"unknown category {category!r}")
    m = _CODE.fullmatch(code)
    if not m:
        raise ValueError(f"rule code {code!r} is not TW + three digits")
    n = int(m.group(1))
    own = CATEGORY_BY_NAME[category].codes
    if n in own or any(n in b.codes for b in SYSTEM_BLOCKS):
        return
    raise ValueError(f"rule code {code} is outside the {category} block TW{own.start}–{own.stop - 1}")
