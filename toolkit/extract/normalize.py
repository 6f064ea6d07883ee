"""Value normalisation per canonical key (contract: dates ``YYYY-MM[-DD]``, counts as integers).

A value that cannot be normalised is kept as cleaned text, so that the
inspector still sees what the branch wrote (``xxxx年``, ``待定``).
"""

from __future__ import annotations

import re
from typing import Any

from ..cn.dates import normalize_date
from ..cn.names import unify_name_dots
from ..cn.numbers import UNIT, cn_to_int, to_halfwidth_digits
from ..cn.text import compact, map_radicals, squeeze_cjk_spaces

DATE_KEYS = frozenset({"出生日期", "入团时间", "表决日期", "领取日期", "上交日期", "入党申请时间", "日期", "成文日期",
                       "填表日期", "服务日期", "理想信念教育日期", "统一考试日期", "教育评议日期", "确定为入党积极分子日期",
                       "集中培训日期", "确定为发展对象日期", "主题团课日期", "接收为预备党员日期"})
COUNT_KEYS = frozenset({"应到人数", "实到人数", "赞成票", "反对票", "弃权票", "领取份数", "上交份数", "序号"})
# Measures that may have decimals: hours (4.5小时, 4.5h), a score (86分).
MEASURE_KEYS = frozenset({"服务时长", "培训学时", "考试成绩"})
# Keys whose values never contain meaningful spaces (PDF exports insert them).
_COMPACT_KEYS = frozenset({"姓名", "性别", "民族", "团支部", "团内职务", "政治面貌", "籍贯", "学号", "领取人",
                           "团员编号", "志愿者编号", "团籍状态", "评议等次", "是否递交入党申请书"})
_NAME_KEYS = frozenset({"姓名", "领取人"})  # people's names (a minority name's dot unified)
_FULLWIDTH_X = str.maketrans({"ｘ": "X", "Ｘ": "X", "x": "X"})
# An ID number written in its groups (110101-20040506-1092): area, birth date, sequence and check.
_ID_SEPARATOR = re.compile(r"[-‐－—.．·]")
_ID_GROUPED = re.compile(r"\d{6}[-‐－—.．·]\d{8}[-‐－—.．·]\d{3}[\dX]")
# A dash or slash alone means "nothing here" (合计 row cells, 无).
_DASHES = re.compile(r"^[—–\-－/／\\]+$")
# A ticked box beside 男 or 女 (``☑男 □女``, ``男■ 女□``, ``√男``): the ticked one is the answer.
_TICK = "☑☒■▣◼●◉√✓✔✗✘"
_BOX = "□☐○〇"
_TICK_BEFORE = re.compile(rf"[{_TICK}]\s*([男女])")
_TICK_AFTER = re.compile(rf"([男女])\s*[{_TICK}]")
_MEASURE = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(?:小时|个?学时|课时|分|h|H)?$")
_COUNT = re.compile(rf"^\s*([0-9０-９]+|[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰]+)\s*{UNIT}?\s*$")


def clean_text(text: str) -> str:
    """Cell or line text with PDF artefacts removed and outer blanks stripped."""
    # A line wrapped inside a cell (PDF) is one value: the break becomes a space,
    # which the squeeze then drops between CJK characters.
    text = (text or "").replace("\r", "").replace("\n", " ")
    return squeeze_cjk_spaces(map_radicals(text)).strip()


def _ticked_gender(text: str) -> str:
    # Boxes go before their words (☑男 □女) or after them (男☑ 女□): the first
    # character tells which, so that ``男☑ 女□`` is not read as ``☑ 女``.
    after = text[:1] not in _TICK + _BOX and text[-1:] in _TICK + _BOX
    ticked = set((_TICK_AFTER if after else _TICK_BEFORE).findall(text))
    return ticked.pop() if len(ticked) == 1 else text


def normalize(key: str, raw: Any) -> Any:
    """The normalised value of ``raw`` for ``key``; ``None`` for an empty value."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else raw
    text = clean_text(str(raw))
    if not text or _DASHES.match(text):
        return None
    if key in DATE_KEYS:
        # A value wrapped one character per line in a narrow PDF cell comes as ``2 0 0 4. 0 5``.
        return normalize_date(text) or normalize_date(compact(text)) or text
    if key in COUNT_KEYS:
        m = _COUNT.match(compact(text))
        n = cn_to_int(m.group(1)) if m else None
        return n if n is not None else text
    if key in MEASURE_KEYS:
        m = _MEASURE.match(compact(to_halfwidth_digits(text)))
        if not m:
            return text
        x = float(m.group(1))
        return int(x) if x.is_integer() else x
    if key == "身份证号":
        number = compact(to_halfwidth_digits(text)).translate(_FULLWIDTH_X).lstrip("'‘’`")  # Excel's text mark
        return _ID_SEPARATOR.sub("", number) if _ID_GROUPED.fullmatch(number) else number
    if key == "联系电话":
        digits = re.sub(r"\D", "", to_halfwidth_digits(text))
        return digits or text
    if key == "性别":
        text = _ticked_gender(text)
        if "男" in text and "女" not in text:
            return "男"
        if "女" in text and "男" not in text:
            return "女"
        return text
    if key in _NAME_KEYS:
        return unify_name_dots(compact(text))
    if key in _COMPACT_KEYS:
        return compact(text)
    return text
