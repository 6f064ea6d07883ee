"""The document kinds: one entry per kind of paperwork the toolkit knows.

Everything that depends on what a document *is* reads this table:
classification (title and header cues), extraction (what its records are and
their canonical keys), the reports (the Chinese label), ``convert``'s columns,
the rules (a kind's scopes say which rules look at it) and the template
catalog (which built-in template renders it). Adding a kind is one entry here,
its template in ``templates/`` and its rules; see ``docs/adding-a-kind.md``.

>>> from toolkit.kinds import kind, in_scope, TEXT_DATES
>>> kind("registration_form").label
'推优登记表'
>>> [k.name for k in in_scope(TEXT_DATES)]
['summary', 'notice', 'bulletin', 'minutes']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kind names (the contract's ``kind`` values). Code outside this module uses
# these constants, never the string.
REGISTRATION_FORM = "registration_form"
TALLY = "tally"
REGISTER_LOG = "register_log"
SUMMARY = "summary"
NOTICE = "notice"
BULLETIN = "bulletin"
MINUTES = "minutes"
UNKNOWN = "unknown"

# Record kinds (``Record.kind``): what one extracted record is.
FORM_RECORD = "registration_form"  # one filled-in registration form
TALLY_ROW = "tally_row"  # one data row of a tally (a candidate)
LOG_ROW = "log_row"  # one data row of the hand-out log (a branch)
# The 合计 row of a tally or log. It is kept apart in ``Extraction.total`` (never
# in ``records``), so that rules compare it with the sum of the data rows.
TOTAL_ROW = "total"

# Rule scopes: a rule that only makes sense for some kinds asks ``in_scope``.
COPIES = "copies"  # text written by the branch, compared across the round for copies (TW750…)
GENRE_TYPOS = "genre-typos"  # prose of the genre the typo statistics were tuned on (TW503…)
TEXT_DATES = "text-dates"  # dates in running text compared with the 成文日期 (TW4xx)
TEXT_VOTES = "text-votes"  # votes stated in sentences (应到…实到…赞成…) checked (TW3xx)
SIGNATURES = "signatures"  # a form's 签字/日期 cells must not be blank (TW104)
OFFICIAL_FORMAT = "official-format"  # GB/T 9704 公文 format rules (TW6xx); they own heading punctuation
STATED_COUNT = "stated-count"  # its "推荐N人" is compared with the round's forms and tally
CANDIDATES = "candidates"  # its records name 推优 candidates (eligibility rules)
MANY_BRANCHES = "many-branches"  # one document covers many branches (belongs to none in reports)
SCOPES = frozenset({COPIES, GENRE_TYPOS, TEXT_DATES, TEXT_VOTES, SIGNATURES, OFFICIAL_FORMAT, STATED_COUNT,
                    CANDIDATES, MANY_BRANCHES})

# Canonical keys and the labels branches write for them: the one label table.
# A kind's record schema names keys from here; a new kind adds its new keys here.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "姓名": ("姓名", "名字", "候选人", "候选人姓名", "推荐对象", "推荐人选", "被推荐人", "被推荐人姓名"),
    "性别": ("性别",),
    "民族": ("民族",),
    "出生日期": ("出生日期", "出生年月", "出生年月日", "出生时间", "生日"),
    "身份证号": ("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证", "证件号码", "身份证件号码",
             "居民身份证号码", "居民身份证号"),
    "入团时间": ("入团时间", "入团年月", "入团日期", "入团年月日", "何时入团", "入团时间年月"),
    "团支部": ("团支部", "所在团支部", "支部名称", "所在支部", "团支部名称", "所属团支部", "支部", "所在团组织",
            "所在团组织名称", "所属团组织"),
    "团内职务": ("团内职务", "职务", "现任职务", "担任职务", "团内职务及其他职务", "团内任职", "团内任职情况",
             "现任团内职务", "担任团内职务", "团内外职务", "任职情况"),
    "联系电话": ("联系电话", "手机", "手机号码", "手机号", "联系方式", "电话", "移动电话", "联系手机", "电话号码"),
    "应到人数": ("应到人数", "应到", "应到会人数", "应到会", "应到会人员", "应参会人数", "应出席人数"),
    "实到人数": ("实到人数", "实到", "实到会人数", "实到会", "实参会人数", "实际到会人数", "出席人数", "到会人数",
             "实际参会人数", "实到会人员"),
    "赞成票": ("赞成票", "赞成", "赞成票数", "同意票", "同意票数", "赞成人数", "同意人数", "得票数"),
    "反对票": ("反对票", "反对", "反对票数", "不同意票", "不同意票数", "不赞成", "不赞成票", "反对人数", "不同意人数"),
    "弃权票": ("弃权票", "弃权", "弃权票数", "弃权人数"),
    "表决日期": ("表决日期", "表决时间", "会议日期", "会议时间", "大会日期", "大会时间", "开会时间", "召开时间",
             "召开日期", "大会召开时间", "支部大会召开时间", "团员大会召开时间", "推荐时间", "推荐日期"),
    "序号": ("序号", "编号", "顺序号"),
    "备注": ("备注", "说明"),
    "领取份数": ("领取份数", "领取数", "领取数量", "领表份数", "领取表数", "领取"),
    "领取人": ("领取人", "领取人签字", "领表人", "经办人"),
    "领取日期": ("领取日期", "领取时间"),
    "上交份数": ("上交份数", "上交数", "上交数量", "交回份数", "上交表数", "上交"),
    "上交日期": ("上交日期", "上交时间", "交回日期"),
    "政治面貌": ("政治面貌",),
    "学号": ("学号", "工号", "学工号"),
    "籍贯": ("籍贯",),
    "入党申请时间": ("入党申请时间", "递交入党申请书时间", "入党申请书递交时间", "提交入党申请书时间", "递交入党申请时间"),
    "团龄": ("团龄",),
    "学历": ("学历",),
    "班级": ("班级", "专业班级"),
}


@dataclass(frozen=True)
class Kind:
    """One kind of document.

    ``titles`` is matched (``re.search``) on each of the first few title lines
    and gives ``title_points`` when it matches; ``header_keys`` are canonical
    keys whose presence in a list's header row gives ``header_points`` and
    makes that table's rows this kind's ``record`` (see :func:`list_kind`).
    ``keys`` is the record schema (canonical keys of :data:`SYNONYMS`, in
    ``convert``'s column order) and ``extras`` the keys its records often
    carry beyond it. ``rows`` says the records are table rows (one per row, a
    合计 row apart) rather than one record per form.
    """

    name: str
    label: str
    titles: re.Pattern[str] | None = None
    title_points: int = 0
    narrative: bool = False  # prose written by the branch (a summary), not a form or a list
    record: str | None = None
    rows: bool = False
    keys: tuple[str, ...] = ()
    extras: tuple[str, ...] = ()
    header_keys: frozenset[str] = frozenset()
    header_points: int = 0
    templates: tuple[str, ...] = ()
    scopes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = [k for k in self.keys + self.extras + tuple(self.header_keys) if k not in SYNONYMS]
        if unknown:
            raise ValueError(f"kind {self.name}: keys without labels in SYNONYMS: {unknown}")
        if not self.scopes <= SCOPES:
            raise ValueError(f"kind {self.name}: unknown scopes {sorted(self.scopes - SCOPES)}")

    @property
    def schema(self) -> dict[str, tuple[str, ...]]:
        """The record schema: canonical key → the labels branches write for it."""
        return {k: SYNONYMS[k] for k in self.keys + self.extras}


_PROSE = frozenset({COPIES, GENRE_TYPOS, TEXT_DATES})

KINDS: tuple[Kind, ...] = (
    Kind(REGISTRATION_FORM, "推优登记表", re.compile(r"(登记表|推荐表|审批表|申请表|信息表|考察表)$"), 3,
         record=FORM_RECORD,
         keys=("姓名", "性别", "民族", "出生日期", "身份证号", "入团时间", "团支部", "团内职务", "联系电话",
               "应到人数", "实到人数", "赞成票", "反对票", "弃权票", "表决日期"),  # contract: convert
         extras=("政治面貌", "学号", "籍贯", "入党申请时间", "团龄", "学历", "班级"),
         templates=("tuiyou-form",), scopes=frozenset({SIGNATURES, CANDIDATES})),
    Kind(TALLY, "推优汇总表", re.compile(r"(汇总表|统计表|一览表|名单|花名册|汇总)$"), 3,
         record=TALLY_ROW, rows=True,
         keys=("序号", "团支部", "姓名", "性别", "出生日期", "应到人数", "实到人数", "赞成票", "反对票", "弃权票",
               "备注"),
         header_keys=frozenset({"姓名", "赞成票"}), header_points=3,
         templates=("tuiyou-tally",), scopes=frozenset({CANDIDATES, MANY_BRANCHES})),
    Kind(REGISTER_LOG, "分表领取及上交登记表",
         re.compile(r"(领取|领表|分表|发放).*(上交|交回|登记)|(上交|交回).*登记"), 5,
         record=LOG_ROW, rows=True,
         keys=("团支部", "领取份数", "领取人", "领取日期", "上交份数", "上交日期", "备注"),
         header_keys=frozenset({"领取份数", "上交份数", "领取人", "领取日期", "上交日期"}), header_points=4,
         templates=("handout-log",), scopes=frozenset({MANY_BRANCHES})),
    Kind(SUMMARY, "工作总结", re.compile(r"(总结|报告|述职|工作情况|汇报)$"), 3, narrative=True,
         templates=("summary",), scopes=_PROSE | {TEXT_VOTES, STATED_COUNT}),
    Kind(NOTICE, "通知", re.compile(r"通知$"), 4, narrative=True,
         templates=("notice",), scopes=_PROSE | {OFFICIAL_FORMAT}),
    Kind(BULLETIN, "简报", re.compile(r"(简报|要讯|快讯|动态|简讯|团讯|通讯|要闻)$"), 4, narrative=True,
         templates=("bulletin",), scopes=_PROSE | {TEXT_VOTES}),
    Kind(MINUTES, "会议记录", re.compile(r"(会议记录|会议纪要|记录|(?:会议|大会)记录表)$"), 4, narrative=True,
         templates=("minutes",), scopes=_PROSE | {TEXT_VOTES, SIGNATURES, STATED_COUNT}),
    # Not recognised: its text is still compared for copies and read for votes.
    Kind(UNKNOWN, "未识别", scopes=frozenset({COPIES, TEXT_VOTES})),
)

_BY_NAME = {k.name: k for k in KINDS}
_BY_RECORD = {k.record: k for k in KINDS if k.record}
if len(_BY_NAME) != len(KINDS) or len(_BY_RECORD) != sum(1 for k in KINDS if k.record):
    raise ValueError("kinds: a kind name or record kind is used twice")


def kind(name: str) -> Kind:
    """The entry for a kind name; ``KeyError`` for a name not in the table."""
    return _BY_NAME[name]


def label(name: str) -> str:
    """The Chinese label of a kind (the name itself when it is not a kind)."""
    k = _BY_NAME.get(name)
    return k.label if k else name


def of_record(record_kind: str) -> Kind | None:
    """The kind whose records are of ``record_kind`` (``tally_row`` → tally)."""
    return _BY_RECORD.get(record_kind)


def in_scope(scope: str) -> tuple[Kind, ...]:
    """The kinds a scope applies to, in table order."""
    if scope not in SCOPES:
        raise KeyError(scope)
    return tuple(k for k in KINDS if scope in k.scopes)


def scope_names(scope: str) -> frozenset[str]:
    """The names of the kinds in a scope, for ``extraction.kind in …`` tests."""
    return frozenset(k.name for k in in_scope(scope))


def record_kinds(scope: str) -> frozenset[str]:
    """The record kinds of the kinds in a scope (``CANDIDATES`` → registration_form, tally_row)."""
    return frozenset(k.record for k in in_scope(scope) if k.record)


def list_kind(header: set[str] | frozenset[str]) -> Kind | None:
    """The kind a list belongs to from its header's keys: the kind with the most
    header points whose ``header_keys`` meet them, or ``None``."""
    for k in sorted((k for k in KINDS if k.header_keys), key=lambda k: -k.header_points):
        if k.header_keys & header:
            return k
    return None


def row_kind(header: set[str] | frozenset[str]) -> str:
    """The record kind of a list's rows: its :func:`list_kind`'s, else a tally row."""
    found = list_kind(header)
    return found.record if found and found.record else TALLY_ROW


def template_kind(template: str) -> Kind | None:
    """The kind a built-in template renders (``tuiyou-form`` → registration_form)."""
    return next((k for k in KINDS if template in k.templates), None)


def all_keys() -> tuple[str, ...]:
    """Every record key in ``convert``'s column order: each kind's schema in table
    order, then the extras."""
    return tuple(dict.fromkeys([key for k in KINDS for key in k.keys] + [key for k in KINDS for key in k.extras]))
