"""Dates (TW450–TW499): impossible dates, events out of order, dates after the
document's own date or in the future."""

from __future__ import annotations

import re
from typing import Iterator

from ...cn.dates import PartialDate
from ...cn.numbers import cn_to_int
from ...kinds import NOTICE, TEXT_DATES, scope_names
from ...model import Location
from ...config import Config
from ..engine import Hit, Submission, rule
from ..text import NUM, certainly_before, date_bounds, document_date, excerpt, record_excerpt, to_date, units, \
    who, where

# 2026年9月31日 / 9月31日 (year optional); the digits may be Chinese numerals.
_YMD = re.compile(rf"(?:(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*)?(?<![0-9])(?P<m>{NUM})\s*月\s*(?P<d>{NUM})\s*[日号]")
_ORDER = (  # (earlier key, later key, message)
    ("出生日期", "入团时间", "入团时间早于出生日期"),
    ("入团时间", "表决日期", "表决日期早于入团时间"),
    ("入党申请时间", "表决日期", "表决日期早于递交入党申请书时间"),
    ("领取日期", "上交日期", "上交日期早于领取日期"),
)
_RECORD_DATES = ("出生日期", "入团时间", "入党申请时间", "表决日期", "领取日期", "上交日期")


# A whole cell of a 日期 column: 9.31, 10/9, 2026.9.31, 9月31 (the year optional).
_CELL_DATE = re.compile(r"^\s*(?:(?P<y>\d{4})\s*[.．/\-年]\s*)?(?P<m>\d{1,2})\s*[.．/\-月]\s*(?P<d>\d{1,2})\s*[日号]?\s*$")


def _date_column_cells(sub: Submission) -> Iterator[tuple[str, Location]]:
    """Cells below a header naming a date (领取日期, 上交日期, 日期); a two-row
    header (领取 over 日期) counts through its merged cells."""
    for t in sub.doc.tables:
        top = min(t.nrows, 3)
        heads = t.grid(fill=True)[:top]
        for c in t.cells:
            above = [heads[r][c.col - 1] or "" for r in range(min(c.row - 1, top))]
            if any("日期" in h for h in above) and "日期" not in c.text:
                yield c.text, Location(page=t.page, table=t.index, row=c.row, col=c.col)


def _no_such_day(year: int | None, month: int, day: int) -> str | None:
    """Why the date does not exist, or None. Without a year, 2月29日 is allowed."""
    if not 1 <= month <= 12:
        return f"没有{month}月"
    return None if PartialDate(year or 2024, month, day).valid else f"{month}月没有{day}日"


@rule("TW451", "date", "error", "日期不存在（如9月31日、2月30日）")
def impossible(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：不存在的日期：正文中（“9月31日”）、表格栏目中，或登记簿日期列中（常不写年份：
    领取日期、上交日期下的“9.31”“2月30日”）。
    不写年份时，2月29日视为存在；“9.31”这样的写法只在标题含“日期”的列中当作日期。
    原因：“9月31日”“2月30日”是笔误，真实日期无从得知。
    示例：“支部于2026年9月31日召开支委会”。
    依据：公历历法。
    """
    seen: set[Location] = set()
    for text, loc in _date_column_cells(sub):
        m = _CELL_DATE.match(text)
        year = int(m.group("y")) if m and m.group("y") else None
        why = m and _no_such_day(year, int(m.group("m")), int(m.group("d")))
        if why:
            seen.add(loc)
            yield Hit(f"日期“{text.strip()}”不存在（{why}）", loc, text.strip())
    for u in units(sub.doc):
        if u.location in seen or "月" not in u.text:
            continue
        for m in _YMD.finditer(u.text):
            month, day = cn_to_int(m.group("m")), cn_to_int(m.group("d"))
            year = cn_to_int(m.group("y")) if m.group("y") else 2024  # a leap year
            if month is None or day is None or not 1900 <= (year or 0) <= 2100:
                continue
            if not PartialDate(year, month, day).valid:
                seen.add(u.location)
                yield Hit(f"日期“{m.group().strip()}”不存在（{month}月没有{day}日）", u.location,
                          excerpt(u.text, m.start(), m.end()))
    for rec in sub.extraction.records:
        for key in _RECORD_DATES:
            d = to_date(rec.values.get(key))
            if d and not d.valid and where(rec, key) not in seen:
                yield Hit(f"{who(rec)}{key}“{rec.values[key]}”不是有效日期", where(rec, key), record_excerpt(rec, (key,)))


@rule("TW452", "date", "error", "前后事件的日期顺序颠倒")
def out_of_order(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：同一条记录中两个日期的先后颠倒：入团时间早于出生日期，表决日期早于入团时间或入党申请时间，
    上交日期早于领取日期。
    只有当不完整日期可能代表的每一天都颠倒时才报。
    原因：其中一个日期写错了。
    示例：入团时间2026年12月，表决日期2026年11月。
    依据：事件的先后逻辑（通用事理）。
    """
    for rec in sub.extraction.records:
        for first, then, what in _ORDER:
            a, b = to_date(rec.values.get(first)), to_date(rec.values.get(then))
            if a and b and a.valid and b.valid and certainly_before(b, a):
                yield Hit(f"{who(rec)}{what}（{first}{a}，{then}{b}）", where(rec, then, first),
                          record_excerpt(rec, (first, then)))


# A full date in running text: 2026年3月5日 / 2026年3月 (a year is required).
_TEXT_DATE = re.compile(r"(?<![0-9])(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*[日号])?")
# A clause that plans, sets a deadline or spans a range is legitimately later.
_LATER_OK = re.compile(r"将|拟|计划|预计|准备|打算|争取|力争|届时|下一步|今后|以后|之前|以前|前(?:报送|提交|上交|完成|交|报)"
                       r"|前[，。；、]|截止|截至|为止|定于|请|须|需|务必|应于|要求|安排|至|[日月号]到|起|开始|—|-|~|～")
# It must read as something that happened: a completed action or an event verb.
_DONE = re.compile(r"(?<![为除])了(?!解)|已|曾")
_HAPPENED = re.compile(r"(?<![为除])了(?!解)|已|曾|召开|举行|举办|开展|撰写|完成|组织|参加|参观|成立|表决|评选|获得|荣获|印发|收到|上报|报送|提交")
# Sections of a summary where later dates are plans.
_PLAN_HEADING = re.compile(r"下一步|打算|计划|安排|展望|设想|努力方向")
_NARRATIVE = scope_names(TEXT_DATES)


# A date without a year opening a sentence: ``9月26日，支部组织…`` / ``10月8日上午，…``.
_OPENING_DATE = re.compile(r"(?:^|(?<=[。！？；]))\s*(?:于|在)?(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
                           r"(?:上午|下午|晚上|晚|中午)?(?=[，,]|[\u4e00-\u9fff])")
LAST_YEAR_AFTER = 92  # a yearless date more days than this after the 成文日期 is last year's
_YEAR = re.compile(r"(?<![0-9])((?:19|20)\d{2})\s*年")


def _clause(text: str, start: int, end: int) -> str:
    """The clause around ``text[start:end]``; a date that is a clause of its
    own (``2026年9月26日，支部组织…``) takes the clause that follows as well."""
    s = max(text.rfind(c, 0, start) for c in "，。；！？,;") + 1
    ends = sorted(i for i in (text.find(c, end) for c in "，。；！？,;") if i >= 0)
    e = ends[0] if ends else len(text)
    if not text[end:e].strip() and e < len(text) and text[e] in "，,":
        nxt = [i for i in (text.find(c, e + 1) for c in "，。；！？,;") if i >= 0]
        e = min(nxt, default=len(text))
    return text[s:e]


def _past_text_dates(sub: Submission, own_at: Location,
                     signed: PartialDate) -> Iterator[tuple[PartialDate, str, Location, str]]:
    """Dates of past events in the running text of a narrative document, with
    the clause they stand in: not in a plan section, not planned or a deadline.
    A date without a year counts when it opens a sentence about something
    done, in the year last written before it (the title's 2026年…), else the
    year of the document's own date."""
    in_plan = False
    done = _DONE if sub.extraction.kind == NOTICE else _HAPPENED  # a notice announces events
    year = signed.year
    headings = sub.extraction.outline.by_paragraph()
    for p in sub.doc.paragraphs:
        text = p.text
        context, year = year, int(([year] + _YEAR.findall(text))[-1])
        if (h := headings.get(p.index)) and h.level <= 2:  # a section: 一、 or （一）
            in_plan = bool(_PLAN_HEADING.search(text))
        if in_plan or p.index == own_at.paragraph or _PLAN_HEADING.search(text[:8]):
            continue
        found = [(m, PartialDate(int(m.group("y")), int(m.group("m")), int(m.group("d")) if m.group("d") else None))
                 for m in _TEXT_DATE.finditer(text)]
        found += [(m, PartialDate(int(([context] + _YEAR.findall(text[:m.start()]))[-1]), int(m.group("m")),
                                  int(m.group("d")))) for m in _OPENING_DATE.finditer(text)]
        for m, d in found:
            clause = _clause(text, m.start(), m.end())
            if _LATER_OK.search(clause) or not done.search(clause) or not d.valid:
                continue
            if "y" not in m.re.groupindex and (d.as_date() - signed.as_date()).days > LAST_YEAR_AFTER:
                continue  # 12月20日 in a summary signed in January: last December
            yield d, m.group().strip(), Location(page=p.page, paragraph=p.index), excerpt(text, m.start(), m.end())


@rule("TW453", "date", "warning", "日期晚于文档落款日期")
def after_document_date(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：表格中的日期（表决日期、入团时间等），或总结、会议记录、简报、通知正文中过去事件的日期，
    晚于文件自身的日期（落款/成文日期）。
    计划和期限本来就可以更晚，所以正文日期只在“下一步”“计划”部分之外、在叙述已做之事的分句中
    （含“了”“已”“召开”“撰写”等）比较，分句含计划、期限、范围词（“将”“拟”“前”“请”“至”等）的不比较；
    单独成句的日期与其后的分句一起读。日期须带年份，句首的日期（“9月26日，支部组织……”）除外：
    它取文件日期的年份，若因此晚于文件日期三个月以上，则算作上一年。
    原因：会议不可能在记录它的文件签发之后召开，总结也不可能在落款之后撰写。
    示例：落款2026年1月10日的总结中写“于2026年3月5日撰写”（常是年份写错）。
    依据：事件的先后逻辑（通用事理）。
    """
    own = document_date(sub.extraction)
    if not own:
        return
    signed, own_at = own
    for rec in sub.extraction.records:
        for key in _RECORD_DATES:
            d = to_date(rec.values.get(key))
            if d and d.valid and certainly_before(signed, d):
                yield Hit(f"{who(rec)}{key}{d}晚于文档落款日期{signed}", where(rec, key), record_excerpt(rec, (key,)))
    if sub.extraction.kind not in _NARRATIVE:
        return
    for d, text, loc, context in _past_text_dates(sub, own_at, signed):
        if certainly_before(signed, d):
            yield Hit(f"正文所述“{text}”晚于文档落款日期{signed}，请核对年份或日期", loc, context)


@rule("TW454", "date", "warning", "日期在今天之后")
def future(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：文件自身的日期或表格记录的日期晚于今天。
    今天取自系统时钟，或配置项 [date] today。
    原因：上交的材料报告已发生的事，将来的日期是笔误（常是年份写错）。
    示例：今天是2026年11月22日，登记表的表决日期写“2027年11月20日”。
    依据：事件的先后逻辑（通用事理）。
    """
    now = config.date.current()
    own = document_date(sub.extraction)
    if own and date_bounds(own[0])[0] > now:
        yield Hit(f"落款日期{own[0]}晚于今天（{now.isoformat()}）", own[1], str(own[0]))
    for rec in sub.extraction.records:
        for key in _RECORD_DATES:
            d = to_date(rec.values.get(key))
            if d and d.valid and date_bounds(d)[0] > now:
                yield Hit(f"{who(rec)}{key}{d}晚于今天（{now.isoformat()}）", where(rec, key), record_excerpt(rec, (key,)))


# 26年上半年 / 26年度 / 26年3月 / 25—26学年: two digits that can only be a year
# here (a duration is 10年来, 近10年, 50年代, 团龄3年 — none followed by these).
_YEAR_AFTER = (r"(?:上半年|下半年|年初|年底|年末|度|春季|秋季|夏季|冬季|寒假|暑假|春节|第[一二三四1-4]季度"
               r"|(?:[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])月(?!份?[内间]))")
_SHORT_YEAR = re.compile(rf"(?<![0-9０-９.．/\-年第近约满共有了每前后这那多余几数])(?P<y>[0-4][0-9])年(?={_YEAR_AFTER})")
_SHORT_SPAN = re.compile(r"(?<![0-9０-９.．/\-])(?P<a>[0-4][0-9])\s*[—–\-~～至]\s*(?P<b>[0-4][0-9])\s*学年")


@rule("TW455", "date", "warning", "年份应写全（26年→2026年）")
def short_year(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：年份只写了两位：“26年上半年”“26年3月”“25—26学年”。
    只有前面不是数字或量词、后面跟着年份的部分（上半年、度、春季、第一季度、3月等）的 00–49 两位数，
    或连续年份范围后的“学年”，才当作年份；“近10年”“20年来”“50年代”“团龄3年”等时长不报。
    原因：年份应写全，“26年”在长期保存的档案中有歧义；读者仍能看懂，所以报警告。
    示例：“化工2201团支部26年上半年工作总结”。
    依据：GB/T 15835-2011《出版物上数字用法》4.2（年份不能简写）。
    """
    for u in units(sub.doc):
        hits = [(m, f"20{m.group('y')}年") for m in _SHORT_YEAR.finditer(u.text)
                if not u.text[:m.start()].rstrip()[-1:].isdigit()]  # 20 26年: a year split by a PDF
        hits += [(m, f"20{m.group('a')}—20{m.group('b')}学年") for m in _SHORT_SPAN.finditer(u.text)
                 if int(m.group("b")) == int(m.group("a")) + 1]
        for m, full in hits:
            yield Hit(f"“{m.group().strip()}”年份应写全，如“{full}”", u.location, excerpt(u.text, m.start(), m.end()))
