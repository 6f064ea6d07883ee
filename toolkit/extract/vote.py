"""The 表决情况 sentence: ``应到会32人，实到会30人，赞成27票，反对2票，弃权1票`` → numbers,
and the meeting's date when the sentence opens with it (``10月20日召开团员大会，应到…``).

Also reads Chinese numerals (``应到三十二人``) and the spaced-out text of PDF
exports (``应 到 会 32 人``).
"""

from __future__ import annotations

import re

from ..cn.dates import full_dates
from ..cn.numbers import cn_to_int, to_halfwidth_digits
from ..cn.text import compact

_NUM = r"([0-9]+|[零〇一二两三四五六七八九十百]+)"
_GAP = r"[:：为是共计有\s]{0,4}"
_BALLOT = r"(?:票|人|张)"
# After a label that names what is counted (应到人数：31, 赞成票：25) the unit may be left out; the
# figure must then end there (not 2/3, 95%, 10月).
_BARE = rf"{_NUM}(?![0-9零〇一二两三四五六七八九十百千万年月日号%％/／.．分])"
_PATTERNS = {
    "应到人数": re.compile(rf"应(?:到会?|出席|参会|参加会议)(?:(?:人数|人员|团员)?{_GAP}{_NUM}(?:人|名)|人数{_GAP}{_BARE})"),
    "实到人数": re.compile(rf"(?:实(?:到会?|际到会|际参会|际出席|出席|参会|参加会议)|出席会议|(?<![应实])到会)"
                       rf"(?:(?:人数|人员|团员)?{_GAP}{_NUM}(?:人|名)|人数{_GAP}{_BARE})"),
    "赞成票": re.compile(rf"(?:赞成|(?<!不)同意)(?:(?:票数?)?{_GAP}{_NUM}{_BALLOT}|票数?{_GAP}{_BARE})"),
    "反对票": re.compile(rf"(?:反对|不同意)(?:(?:票数?)?{_GAP}{_NUM}{_BALLOT}|票数?{_GAP}{_BARE})"),
    "弃权票": re.compile(rf"弃权(?:(?:票数?)?{_GAP}{_NUM}{_BALLOT}|票数?{_GAP}{_BARE})"),
}
# Number first (``以26票赞成、1票反对、1票弃权``), tried only where the word-first
# form is absent: in ``赞成26票反对1票`` the text ``26票反对`` is not a count of 反对.
_AFTER = {
    "赞成票": re.compile(rf"{_NUM}{_BALLOT}(?:赞成|同意)"),
    "反对票": re.compile(rf"{_NUM}{_BALLOT}(?:反对|不同意)"),
    "弃权票": re.compile(rf"{_NUM}{_BALLOT}弃权"),
}


# A date with or without its year, in figures or Chinese numerals (``二〇二六年五月二十日``);
# without a year the month needs 月 (``10.20`` may be a number).
_Y = r"\d{4}|[〇零一二三四五六七八九]{4}"
_MD = r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_DATE = re.compile(rf"(?<![\d〇零一二三四五六七八九十])(?:(?P<y>{_Y})[年.\-/．](?P<m>{_MD})[月.\-/．]|(?P<m2>{_MD})月)"
                   rf"(?P<d>{_MD})(?!\d)[日号]?")
# What may stand between the meeting's date and its first figure: the meeting, not another event.
_MEETING = re.compile(r"召开|举行|组织|大会|会议|表决|投票|^[，,、\s]*$")
_MEETING_GAP = 40  # characters from the date to the first figure


def vote_date(text: str) -> tuple[int | None, int, int] | None:
    """(year or ``None``, month, day) of the meeting whose figures ``text`` gives:
    the last date before the first figure, in the same stretch of text, said of a
    meeting (``10月20日召开团员大会，应到会31人``). A date after the figures (the
    signature's ``2025年10月22日``) is not the meeting's."""
    s = compact(to_halfwidth_digits(text or ""))
    starts = [m.start() for p in _PATTERNS.values() if (m := p.search(s))]
    if not starts:
        return None
    first = min(starts)
    dates = [m for m in _DATE.finditer(s[:first]) if first - m.end() <= _MEETING_GAP]
    if not dates:
        return None
    m = dates[-1]
    between = s[m.end():first]
    if re.search(r"[。；;]", between) or not _MEETING.search(between):
        return None
    month, day = cn_to_int(m.group("m") or m.group("m2")), cn_to_int(m.group("d"))
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (cn_to_int(m.group("y")) if m.group("y") else None), month, day


def year_for(month: int, day: int, context: str, exclude: frozenset[str] = frozenset()) -> int | None:
    """The year of a meeting dated ``month``/``day`` without one: the meeting comes
    before the latest full date of its context (the signature, 填表日期), so it is
    that date's year, or the year before when the day falls after it. Dates in
    ``exclude`` (ISO; the person's birth and 入团 dates) are no context."""
    found = [(d.year, d.month, d.day) for line in (context or "").splitlines() for d in full_dates(compact(line))
             if d.iso() not in exclude]
    if not found:
        return None
    latest = max(found)
    return latest[0] - ((month, day) > latest[1:])


def parse_vote(text: str) -> dict[str, int]:
    """The counts a 表决情况 sentence gives, by canonical key; ``{}`` when none."""
    s = compact(to_halfwidth_digits(text or ""))
    if not any(w in s for w in ("应到", "实到", "到会", "赞成", "同意", "反对", "弃权", "出席")):
        return {}
    out: dict[str, int] = {}
    for key, pattern in _PATTERNS.items():
        m = pattern.search(s) or (_AFTER[key].search(s) if key in _AFTER else None)
        if m:
            n = cn_to_int(next(g for g in m.groups() if g is not None))  # the figure of the alternative that matched
            if n is not None:
                out[key] = n
    return out
