"""The 表决情况 sentence: ``应到会32人，实到会30人，赞成27票，反对2票，弃权1票`` → numbers.

Also reads Chinese numerals (``应到三十二人``) and the spaced-out text of PDF
exports (``应 到 会 32 人``).
"""

from __future__ import annotations

import re

from ..cn.numbers import cn_to_int, to_halfwidth_digits
from ..cn.text import compact

_NUM = r"([0-9]+|[零〇一二两三四五六七八九十百]+)"
_GAP = r"[:：为是共计有\s]{0,4}"
_BALLOT = r"(?:票|人|张)"
_PATTERNS = {
    "应到人数": re.compile(rf"应(?:到会?|出席|参会|参加会议)(?:人数|人员|团员)?{_GAP}{_NUM}(?:人|名)"),
    "实到人数": re.compile(rf"(?:实(?:到会?|际到会|际参会|际出席|出席|参会|参加会议)|出席会议|(?<![应实])到会)"
                       rf"(?:人数|人员|团员)?{_GAP}{_NUM}(?:人|名)"),
    "赞成票": re.compile(rf"(?:赞成|(?<!不)同意)(?:票数?)?{_GAP}{_NUM}{_BALLOT}"),
    "反对票": re.compile(rf"(?:反对|不同意)(?:票数?)?{_GAP}{_NUM}{_BALLOT}"),
    "弃权票": re.compile(rf"弃权(?:票数?)?{_GAP}{_NUM}{_BALLOT}"),
}
# Number first (``以26票赞成、1票反对、1票弃权``), tried only where the word-first
# form is absent: in ``赞成26票反对1票`` the text ``26票反对`` is not a count of 反对.
_AFTER = {
    "赞成票": re.compile(rf"{_NUM}{_BALLOT}(?:赞成|同意)"),
    "反对票": re.compile(rf"{_NUM}{_BALLOT}(?:反对|不同意)"),
    "弃权票": re.compile(rf"{_NUM}{_BALLOT}弃权"),
}


def parse_vote(text: str) -> dict[str, int]:
    """The counts a 表决情况 sentence gives, by canonical key; ``{}`` when none."""
    s = compact(to_halfwidth_digits(text or ""))
    if not any(w in s for w in ("应到", "实到", "赞成", "同意", "反对", "弃权", "出席")):
        return {}
    out: dict[str, int] = {}
    for key, pattern in _PATTERNS.items():
        m = pattern.search(s) or (_AFTER[key].search(s) if key in _AFTER else None)
        if m:
            n = cn_to_int(m.group(1))
            if n is not None:
                out[key] = n
    return out
