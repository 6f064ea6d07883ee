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
ROSTER = "roster"
REVIEW = "review"
TUIYOU_STEPS = "tuiyou_steps"
VOLUNTEER_HOURS = "volunteer_hours"
POINTS = "points"
ASSESSMENT = "assessment"
BUILD_PROGRESS = "build_progress"
UNKNOWN = "unknown"

# Record kinds (``Record.kind``): what one extracted record is.
FORM_RECORD = "registration_form"  # one filled-in registration form
TALLY_ROW = "tally_row"  # one data row of a tally (a candidate)
LOG_ROW = "log_row"  # one data row of the hand-out log (a branch)
# The 合计 row of a tally or log. It is kept apart in ``Extraction.total`` (never
# in ``records``), so that rules compare it with the sum of the data rows.
TOTAL_ROW = "total"
ROSTER_ROW = "roster_row"  # one member on a 团员名册
REVIEW_ROW = "review_row"  # one member's 教育评议 grade
STEPS_RECORD = "steps_record"  # one candidate's "3+1+1" steps (a row of a list, or a form)
HOURS_ROW = "hours_row"  # one 志愿服务 session

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
OWN_TOTALS = "own-totals"  # its kind's rules recompute every figure of its 合计 row (the generic TW254 leaves it)
SCOPES = frozenset({COPIES, GENRE_TYPOS, TEXT_DATES, TEXT_VOTES, SIGNATURES, OFFICIAL_FORMAT, STATED_COUNT,
                    CANDIDATES, MANY_BRANCHES, OWN_TOTALS})

# Canonical keys and the labels branches write for them: the one label table.
# A kind's record schema names keys from here; a new kind adds its new keys here.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "姓名": ("姓名", "名字", "候选人", "候选人姓名", "推荐对象", "推荐人选", "被推荐人", "被推荐人姓名", "推荐对象姓名",
           "推荐人选姓名", "被推荐对象", "被推荐对象姓名"),
    "性别": ("性别",),
    "民族": ("民族",),
    "出生日期": ("出生日期", "出生年月", "出生年月日", "出生时间", "生日"),
    "身份证号": ("身份证号", "身份证号码", "公民身份号码", "公民身份证号码", "身份证", "证件号码", "身份证件号码",
             "居民身份证号码", "居民身份证号"),
    "入团时间": ("入团时间", "入团年月", "入团日期", "入团年月日", "何时入团", "入团时间年月", "加入共青团时间"),
    "团支部": ("团支部", "所在团支部", "支部名称", "所在支部", "团支部名称", "所属团支部", "支部", "所在团组织",
            "所在团组织名称", "所属团组织"),
    "团内职务": ("团内职务", "职务", "现任职务", "担任职务", "团内职务及其他职务", "团内任职", "团内任职情况",
             "现任团内职务", "担任团内职务", "团内外职务", "任职情况", "团内现任职务"),
    "联系电话": ("联系电话", "手机", "手机号码", "手机号", "联系方式", "电话", "移动电话", "联系手机", "电话号码"),
    "应到人数": ("应到人数", "应到", "应到会人数", "应到会", "应到会人员", "应参会人数", "应出席人数"),
    "实到人数": ("实到人数", "实到", "实到会人数", "实到会", "实参会人数", "实际到会人数", "出席人数", "到会人数",
             "实际参会人数", "实到会人员"),
    "赞成票": ("赞成票", "赞成", "赞成票数", "同意票", "同意票数", "赞成人数", "同意人数", "得票数"),
    "反对票": ("反对票", "反对", "反对票数", "不同意票", "不同意票数", "不赞成", "不赞成票", "反对人数", "不同意人数"),
    "弃权票": ("弃权票", "弃权", "弃权票数", "弃权人数"),
    "表决日期": ("表决日期", "表决时间", "会议日期", "会议时间", "大会日期", "大会时间", "开会时间", "召开时间",
             "召开日期", "大会召开时间", "支部大会召开时间", "团员大会召开时间", "推荐时间", "推荐日期",
             "推优时间", "推优日期", "推优表决", "团支部推优", "推优表决时间", "推优表决日期", "团支部推优时间",
             "团支部大会推优时间"),
    "序号": ("序号", "编号", "顺序号"),
    "备注": ("备注", "说明"),
    "领取份数": ("领取份数", "领取数", "领取数量", "领表份数", "领取表数", "领取"),
    "领取人": ("领取人", "领取人签字", "领表人", "经办人"),
    "领取日期": ("领取日期", "领取时间", "领表日期", "领表时间"),
    "上交份数": ("上交份数", "上交数", "上交数量", "交回份数", "上交表数", "上交"),
    "上交日期": ("上交日期", "上交时间", "交回日期", "交表日期", "交表时间"),
    "政治面貌": ("政治面貌",),
    "学号": ("学号", "工号", "学工号"),
    "籍贯": ("籍贯",),
    "入党申请时间": ("入党申请时间", "递交入党申请书时间", "入党申请书递交时间", "提交入党申请书时间", "递交入党申请时间",
               "递交入党申请书日期", "入党申请书递交日期", "申请入党时间", "递交时间", "入党申请书时间"),
    "团龄": ("团龄",),
    "学历": ("学历",),
    "班级": ("班级", "专业班级"),
    # 团员名册 (the 智慧团建 export and branches' own lists).
    "团员编号": ("团员编号", "团员证号", "团员证编号", "团员号", "团员证号码"),
    "团籍状态": ("团籍状态", "团员状态", "团籍情况", "团员团籍状态"),
    "是否递交入党申请书": ("是否递交入党申请书", "是否递交入党申请", "是否提交入党申请书", "递交入党申请书", "已递交入党申请书",
             "是否已递交入党申请书"),
    "评议等次": ("评议等次", "评议结果", "教育评议等次", "团员教育评议等次", "最近一次教育评议等次", "最近一次评议等次",
             "评议等级", "教育评议结果", "团员教育评议结果", "最近一次教育评议结果", "评议结论", "评定等次"),
    # 推优 "3+1+1": each step's date and evidence.
    "理想信念教育日期": ("理想信念教育", "理想信念教育时间", "理想信念教育日期", "参加理想信念教育时间"),
    "统一考试日期": ("统一考试", "统一考试时间", "统一考试日期", "统考时间", "统考日期", "考试时间", "考试日期"),
    "考试成绩": ("考试成绩", "统一考试成绩", "统考成绩", "成绩", "考试分数"),
    "教育评议日期": ("团员教育评议", "教育评议", "团员教育评议时间", "教育评议时间", "团员教育评议日期", "评议时间",
                "评议日期", "教育评议日期"),
    "确定为入党积极分子日期": ("确定为入党积极分子", "确定为入党积极分子时间", "确定为入党积极分子日期", "确定入党积极分子时间",
               "列为入党积极分子时间", "确定积极分子时间", "入党积极分子确定时间"),
    "集中培训日期": ("集中培训", "集中培训时间", "集中培训日期", "入党积极分子集中培训", "参加集中培训时间"),
    "培训学时": ("培训学时", "集中培训学时", "学时", "培训时长"),
    "确定为发展对象日期": ("确定为发展对象", "确定为发展对象时间", "确定为发展对象日期", "确定发展对象时间", "列为发展对象时间",
               "发展对象确定时间"),
    "主题团课日期": ("主题团课", "主题团课时间", "主题团课日期", "团课时间", "讲授主题团课时间", "讲团课时间"),
    "团课题目": ("团课题目", "主题团课题目", "团课主题", "团课名称", "主题团课名称"),
    "接收为预备党员日期": ("接收为预备党员", "接收为预备党员时间", "接收为预备党员日期", "接收预备党员时间", "发展为预备党员时间",
               "预备党员接收时间"),
    # 志愿服务时长 (records and certificates: 民政部《志愿服务记录与证明出具办法》's fields).
    "志愿者编号": ("志愿者编号", "志愿者号", "志愿者证号", "志愿者证编号", "志愿者注册编号"),
    "服务项目": ("服务项目", "服务内容", "志愿服务项目", "活动名称", "项目名称", "志愿服务内容", "服务活动", "活动项目",
             "志愿服务活动"),
    "服务日期": ("服务日期", "服务时间", "活动日期", "活动时间", "志愿服务日期", "服务开始日期"),
    "服务时长": ("服务时长", "时长", "志愿服务时长", "服务时数", "服务小时数", "小时数", "时长小时", "服务时长小时"),
    "认证单位": ("认证单位", "认证机构", "证明单位", "证明出具单位", "出具单位", "发证单位", "记录单位",
             "志愿服务组织", "组织单位"),
    # The date a list was made (its own date, as a 落款 date is a narrative's).
    "填表日期": ("填表日期", "填报日期", "制表日期", "导出日期", "统计日期", "记录日期", "出具日期"),
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
    A list whose header also has one of ``header_excludes`` is not this kind
    (a tally with a 评议等次 column stays a tally). ``form_keys``: a kind whose
    records also come one form per person (labels beside values, no list); two
    of these labels in a form give ``form_points``, and such a document's
    records are its forms. ``facts``: keys read from the label lines beside a
    list (``团支部：…　应到人数：30``) into the document's fields.
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
    header_excludes: frozenset[str] = frozenset()
    form_keys: frozenset[str] = frozenset()
    form_points: int = 0
    facts: tuple[str, ...] = ()
    templates: tuple[str, ...] = ()
    scopes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        named = self.keys + self.extras + self.facts + tuple(self.header_keys | self.header_excludes | self.form_keys)
        unknown = [k for k in named if k not in SYNONYMS]
        if unknown:
            raise ValueError(f"kind {self.name}: keys without labels in SYNONYMS: {unknown}")
        if not self.scopes <= SCOPES:
            raise ValueError(f"kind {self.name}: unknown scopes {sorted(self.scopes - SCOPES)}")

    @property
    def schema(self) -> dict[str, tuple[str, ...]]:
        """The record schema: canonical key → the labels branches write for it."""
        return {k: SYNONYMS[k] for k in self.keys + self.extras}


_PROSE = frozenset({COPIES, GENRE_TYPOS, TEXT_DATES})
# Columns of a tally or a log: a list that has them is not one of the League's records.
_VOTES = frozenset({"赞成票", "反对票", "弃权票", "应到人数", "领取份数", "上交份数"})
# The "3+1+1" steps, in order; the ones no other document has.
_STEPS = ("姓名", "团支部", "理想信念教育日期", "统一考试日期", "考试成绩", "教育评议日期", "评议等次", "表决日期",
          "确定为入党积极分子日期", "集中培训日期", "培训学时", "确定为发展对象日期", "主题团课日期", "团课题目", "接收为预备党员日期")
_STEP_ONLY = frozenset(_STEPS) - {"姓名", "团支部", "评议等次", "表决日期"}

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
    # A company's 季度报告/年度报告 or an 审计报告 reports figures, not a branch's work.
    Kind(SUMMARY, "工作总结", re.compile(r"^(?!.*(?:季度|年度|财务|审计|评估|检测|检验|体检|可行性研究|环境影响|鉴定|验资)报告$)"
                                      r".*(总结|报告|述职|工作情况|汇报|方案|计划|心得|体会|感悟)$"), 3, narrative=True,
         templates=("summary",), scopes=_PROSE | {TEXT_VOTES, STATED_COUNT}),
    Kind(NOTICE, "通知", re.compile(r"通知$"), 4, narrative=True,
         templates=("notice",), scopes=_PROSE | {OFFICIAL_FORMAT}),
    Kind(BULLETIN, "简报", re.compile(r"(简报|要讯|快讯|动态|简讯|团讯|通讯|要闻)$"), 4, narrative=True,
         templates=("bulletin",), scopes=_PROSE | {TEXT_VOTES}),
    Kind(MINUTES, "会议记录", re.compile(r"(会议记录|会议纪要|记录|(?:会议|大会)记录表)$"), 4, narrative=True,
         templates=("minutes",), scopes=_PROSE | {TEXT_VOTES, SIGNATURES, STATED_COUNT}),
    # The League's own records (issue 12). Their lists name people too, so a vote column
    # (a tally's) or a 领取 column (a log's) says the list is not theirs.
    Kind(ROSTER, "团员名册",
         re.compile(r"(团员名册|团员花名册|团员名单|团员信息(?:汇总|统计|采集|登记)?表?|团员基本信息(?:表)?)$"), 5,
         record=ROSTER_ROW, rows=True,
         keys=("姓名", "性别", "民族", "身份证号", "出生日期", "入团时间", "团员编号", "团支部", "团内职务", "政治面貌",
               "是否递交入党申请书", "入党申请时间", "评议等次", "团籍状态", "联系电话"),
         header_keys=frozenset({"团员编号", "团籍状态", "是否递交入党申请书"}), header_points=6, header_excludes=_VOTES,
         facts=("团支部", "填表日期"), templates=("roster",)),
    Kind(REVIEW, "团员教育评议结果表", re.compile(r"(教育评议|民主评议|团员评议).{0,8}(表|汇总|统计|结果|情况)$"), 5,
         record=REVIEW_ROW, rows=True, keys=("序号", "姓名", "性别", "团支部", "政治面貌", "评议等次", "备注"),
         header_keys=frozenset({"评议等次"}), header_points=5,
         header_excludes=_VOTES | {"入团时间", "团员编号", "团籍状态"},  # a roster lists grades too
         facts=("团支部", "应到人数", "实到人数", "教育评议日期", "表决日期", "填表日期"), templates=("review",)),
    Kind(TUIYOU_STEPS, "推优“3+1+1”过程记录", re.compile(r"3\+1\+1|三加一加一|推优.{0,6}(过程|全程)(记录|纪实)"), 5,
         record=STEPS_RECORD, rows=True, keys=_STEPS,
         header_keys=_STEP_ONLY, header_points=6, header_excludes=_VOTES,
         form_keys=_STEP_ONLY, form_points=6, facts=("团支部", "填表日期"), templates=("tuiyou-steps",)),
    Kind(VOLUNTEER_HOURS, "志愿服务时长记录", re.compile(r"志愿服务.{0,10}(时长|时数|记录|登记|统计|证明)"), 5,
         record=HOURS_ROW, rows=True,
         keys=("序号", "姓名", "身份证号", "志愿者编号", "服务项目", "服务日期", "服务时长", "认证单位", "备注"),
         header_keys=frozenset({"服务时长"}), header_points=6, header_excludes=_VOTES,
         facts=("团支部", "填表日期"), templates=("volunteer-hours",)),
    # The League's score and progress sheets. Their lists have labels of their own that
    # clash with each other and with the forms' (得分, 档次, 合计, 名称), so each one's
    # label table lives with its reader (toolkit/extract/points.py, assessment.py,
    # progress.py: ``ListSpec``), which also says which records it yields.
    Kind(POINTS, "积分表",
         re.compile(r"^(?!.*(?:志愿|时长|青马|学时)).*(?:(?:三亮三比|先进性评价|积分制|积分管理|积分考核|积分评价)"
                    r".*(?:表|通报|汇总|排名|结果)|积分(?:汇总表|统计表|登记表|评分表|评定表|明细表|排名表|表|通报))$"), 5,
         templates=("points",)),
    Kind(ASSESSMENT, "百分考核表",
         re.compile(r"^(?!.*积分).*(?:百分考核|百分制考核|量化考核|考核(?:评分|考评|得分|细则|记分)?表|考评表|考核评分细则"
                    r"|考核细则)$"), 5,
         templates=("assessment",), scopes=frozenset({OWN_TOTALS})),  # TW862: 分值, 自查得分, 检查得分
    Kind(BUILD_PROGRESS, "建团进度表",
         re.compile(r"(?:建团|大团委|直属团组织|新建团组织|团组织覆盖).{0,16}(?:进度|周报|台账|统计|进展|一览表|交账|情况表"
                    r"|汇总表|清单)"), 5,
         templates=("build-progress",), scopes=frozenset({MANY_BRANCHES})),
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
        if k.header_keys & header and not k.header_excludes & header:
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
