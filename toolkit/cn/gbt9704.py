"""The numbers of GB/T 9704-2012 《党政机关公文格式》 in one table: the built-in
templates are written with them (templates/build.py) and submitted notices
are checked against them (check rules TW607–TW610).
"""

from __future__ import annotations

import re

PAGE_MM = (210.0, 297.0)  # A4, portrait (5.2.1)
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}  # 版心 156 × 225 mm (5.2.1)
LINES, CHARS = 22, 28  # lines per page, characters per line (5.2.2)

BODY_PT = 16.0  # 正文 三号 (7.3.3)
TITLE_PT = 22.0  # 标题 二号 (7.3.2)
PAGE_NUMBER_PT = 14.0  # 页码 四号 (7.5)
IMPRINT_PT = 14.0  # 版记 四号 (7.4.1)
DOC_NUMBER_BRACKETS = ("〔", "〕")  # 发文字号 六角括号 (7.2.4)

# Font names as Word and WPS users have them installed; the first is what the templates write.
BODY_FONTS = ("仿宋_GB2312", "仿宋", "FangSong_GB2312", "FangSong", "方正仿宋_GBK", "方正仿宋简体", "华文仿宋", "STFangsong")
TITLE_FONTS = ("方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "小标宋", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong")

# What a font's name says of its family, whatever the foundry, encoding or script suffix
# (仿宋_GB2312, 方正仿宋_GB18030, FangSong, 方正小标宋_GBK, FZXiaoBiaoSong-B05S, and the
# PostScript names a PDF carries: FZFSK--GBK1-0, FZXBSJW--GB1-0 …).
BODY_FAMILY = ("仿宋", "fangsong", "fzfs")
TITLE_FAMILY = ("小标宋", "xiaobiaosong", "fzxbs", "中宋", "zhongsong")


def in_family(font: str, family: tuple[str, ...]) -> bool:
    """Whether the font named ``font`` belongs to ``family`` (a tuple of name stems)."""
    name = re.sub(r"[\s_\-]", "", font).lower()
    return any(stem in name for stem in family)


# The 号 a size in points is called by (Word's and WPS's size list), for messages.
SIZE_NAMES = {42.0: "初号", 36.0: "小初", 26.0: "一号", 24.0: "小一", 22.0: "二号", 18.0: "小二", 16.0: "三号",
              15.0: "小三", 14.0: "四号", 12.0: "小四", 10.5: "五号", 9.0: "小五"}


def size_name(points: float) -> str:
    """``16磅（三号）``; the points alone for a size without a 号."""
    named = SIZE_NAMES.get(points)
    return f"{points:g}磅（{named}）" if named else f"{points:g}磅"


# Tolerances for a submitted file: Word's centimetre fields round to 0.1 cm (1 mm);
# font sizes are whole or half points.
MARGIN_TOLERANCE_MM = 1.5
PAGE_TOLERANCE_MM = 1.0
SIZE_TOLERANCE_PT = 0.5
