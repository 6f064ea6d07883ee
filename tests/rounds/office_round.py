"""A fourth round generator for forms and registers, written apart from
``build_round.py``, ``varied.py`` and ``forms_round.py`` on purpose: a spring
round (meetings in March–June) from organisations whose branches carry no
digits in their names, laid out as those three never do:

- organisations: a county's 机关 (``团委办公室团支部``, whose name holds 团委),
  a 乡 with 村 (``张家村团支部``) and its 卫生院 and 中心小学, a hospital's
  departments (``护理部团支部``), a university's 系 and 研究生 branches, a
  logistics company's departments; the forms write the short branch name, the
  office's tally the full one (with the unit before it);
- forms: labels in Chinese and English (``姓名 Name``, ``出生年月\\nDate of Birth``);
  labels spaced as by hand (``姓    名``, ``出 生 年 月``) or broken over two lines
  in their cell (``身份证\\n号码``), the vote written over several lines of one cell;
  a table transposed, two candidates of a branch side by side in one table (labels
  down the first column); two forms on one page (two tables in one file); a
  workbook with one sheet per candidate whose dates are real Excel dates;
- ID numbers ending in ``X`` or ``x``;
- minutes of the 团支部大会 with each candidate's votes as a sentence, in two phrasings;
- registers: the tally as a workbook with a 填表说明 sheet before it, a
  three-row header (title, 基本信息/表决情况 merged over their columns), the
  branch cell merged down over its candidates, a blank row between branches, and
  a 合计 row; the hand-out log as a workbook with its 注 row below the table.

``build(out, seed, plants)`` writes the round and returns a ``rounds.varied.Built``
(scored with ``rounds.varied.score``).

    python tests/rounds/office_round.py OUTDIR [--seed N] [--clean]
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Callable

import docx
import openpyxl

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests"):  # run as a script too
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from toolkit.cn.idcard import check_char, make_id  # noqa: E402
from toolkit.cn.numbers import int_to_cn  # noqa: E402

from rounds.helpers import fill_table  # noqa: E402
from rounds.varied import Built, Plant, script  # noqa: E402

YEAR = 2026


# --- the organisation ------------------------------------------------------------------

@dataclass(frozen=True)
class Branch:
    name: str  # as the forms and minutes write it
    full: str  # as the office's tally and log write it: the unit's name before it
    size: int  # 应到
    present: int
    meeting: date


def _county(rng: random.Random) -> tuple[str, str, list[str]]:
    county = rng.choice(["桐柏", "石楼", "青川", "洛南"])
    return f"共青团{county}县委员会", f"{county}县", rng.sample(
        ["团委办公室团支部", "县委办公室团支部", "人社局团支部", "水利局团支部", "图书馆团支部", "融媒体中心团支部"], 5)


def _village(rng: random.Random) -> tuple[str, str, list[str]]:
    town = rng.choice(["柳河乡", "杨林乡", "大坪乡"])
    villages = rng.sample(["张家村", "李家坳村", "王庄村", "河西村", "石门坎村"], 3)
    return f"{town}团委", town, [f"{v}团支部" for v in villages] + ["卫生院团支部", "中心小学团支部"]


def _hospital(rng: random.Random) -> tuple[str, str, list[str]]:
    name = rng.choice(["县人民医院", "中医院", "妇幼保健院"])
    return f"{name}团委", name, rng.sample(
        ["护理部团支部", "药剂科团支部", "检验科团支部", "手术室团支部", "门诊部团支部", "后勤保障部团支部"], 5)


def _university(rng: random.Random) -> tuple[str, str, list[str]]:
    school = rng.choice(["外国语学院", "文学院", "经济管理学院"])
    return f"{school}团委", school, rng.sample(
        ["英语系团支部", "日语系团支部", "翻译系团支部", "研究生团支部", "教工团支部", "留学生事务团支部"], 5)


def _company(rng: random.Random) -> tuple[str, str, list[str]]:
    firm = rng.choice(["顺达物流公司", "通衢供应链公司"])
    return f"{firm}团委", firm, ["仓储部团支部", "运输部团支部", "客服中心团支部", "财务部团支部", "信息技术部团支部"]


ORGS: dict[str, Callable[[random.Random], tuple[str, str, list[str]]]] = {
    "county": _county, "village": _village, "hospital": _hospital, "university": _university, "company": _company}


def _branches(rng: random.Random, unit: str, names: list[str]) -> list[Branch]:
    out = []
    for name in names:
        size = rng.randint(11, 36)
        present = size - rng.randint(0, 3)
        out.append(Branch(name, f"{unit}{name}", size, present, date(YEAR, rng.randint(3, 6), rng.randint(2, 27))))
    return out


# --- the people ---------------------------------------------------------------------------

SURNAMES = "程谭蒋邱戴夏钟汪田任姜贺龚万覃武莫熊孔"
GIVEN = ["梓涵", "宇航", "可欣", "思远", "雅琴", "浩然", "婉婷", "志强", "佩琪", "文博", "睿", "琳", "鹏", "倩"]
MINORITY = [("热依拉·艾力", "女", "维吾尔族"), ("达吾提·阿不都", "男", "维吾尔族"), ("卓玛·央金", "女", "藏族")]
NATIONS = ["汉族"] * 5 + ["土家族", "布依族", "白族", "哈尼族"]
POSTS = ["团支部书记", "组织委员", "宣传委员", "文体委员", "团员", "青年突击队员"]
AREAS = ["420105", "520102", "140105", "610402", "410305"]


@dataclass(frozen=True)
class Person:
    name: str
    gender: str
    nation: str
    birth: date
    joined: date  # day 1 of the month
    applied: date  # 递交入党申请书: day 1 of the month, 7 months or more before the meeting
    post: str
    phone: str
    branch: Branch
    yes: int
    no: int
    abstain: int
    id_number: str

    def record(self) -> dict[str, object]:
        """The canonical record convert must give for this person's form."""
        b = self.branch
        return {"姓名": self.name, "性别": self.gender, "民族": self.nation, "出生日期": self.birth.strftime("%Y-%m"),
                "身份证号": self.id_number.upper(), "入团时间": self.joined.strftime("%Y-%m"), "团支部": b.name,
                "团内职务": self.post, "联系电话": self.phone, "应到人数": b.size, "实到人数": b.present,
                "赞成票": self.yes, "反对票": self.no, "弃权票": self.abstain, "表决日期": b.meeting.isoformat()}


def _id(rng: random.Random, area: str, birth: date, male: bool) -> str:
    """A valid number; about a third end in X (typed x now and then), as one in eleven does by chance."""
    want_x = rng.random() < 0.3
    for seq in range(rng.randint(1, 400), 1000):
        number = make_id(area, birth.strftime("%Y%m%d"), seq, male)
        if not want_x or number.endswith("X"):
            return number[:17] + "x" if number.endswith("X") and rng.random() < 0.4 else number
    return make_id(area, birth.strftime("%Y%m%d"), 1, male)


def _people(rng: random.Random, branches: list[Branch], least: int) -> dict[Branch, list[Person]]:
    used: set[str] = set()
    out: dict[Branch, list[Person]] = {}
    for b in branches:
        people = []
        for _ in range(min(rng.randint(least, 2), b.size // 5)):  # at most 20 % of the branch (TW355)
            while True:
                if rng.random() < 0.1:
                    name, gender, nation = rng.choice(MINORITY)
                else:
                    name, gender, nation = rng.choice(SURNAMES) + rng.choice(GIVEN), rng.choice("男女"), rng.choice(NATIONS)
                if name not in used:
                    used.add(name)
                    break
            age = rng.randint(19, 27)
            latest = b.meeting.replace(year=b.meeting.year - age) - timedelta(days=7)
            birth = latest - timedelta(days=rng.randint(0, 300))
            fourteen = date(birth.year + 14, birth.month, 1) + timedelta(days=31)  # the month after turning 14
            joined = min((fourteen + timedelta(days=rng.randint(0, 1000))).replace(day=1),
                         date(b.meeting.year - 1, b.meeting.month, 1))
            spare = b.present - (b.size // 2 + 1)
            no = rng.randint(0, min(2, spare))
            abstain = rng.randint(0, min(1, spare - no))
            applied = (b.meeting - timedelta(days=rng.randint(215, 700))).replace(day=1)
            people.append(Person(name, gender, nation, birth, joined, max(applied, joined), rng.choice(POSTS),
                                 f"1{rng.choice('57')}{rng.randint(0, 10**9 - 1):09d}", b, b.present - no - abstain,
                                 no, abstain, _id(rng, rng.choice(AREAS), birth, gender == "男")))
        out[b] = people
    return out


# --- spellings ------------------------------------------------------------------------------

def _cn_year(y: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(y))


def month_text(d: date, style: int) -> str:
    return [f"{d.year}/{d.month}", f"{d.year}-{d.month:02d}", f"{d.year}年{d.month:02d}月", f"{d.year}.{d.month}"][style]


def day_text(d: date, style: int) -> str:
    return [f"{d.year}/{d.month}/{d.day}", f"{d.year}-{d.month:02d}-{d.day:02d}", f"{d.year}年{d.month}月{d.day}日",
            f"{_cn_year(d.year)}年{int_to_cn(d.month)}月{int_to_cn(d.day)}日"][style]


# Labels as a form may print them: plain, bilingual, or spaced out by hand / broken in the cell.
LABELS = {
    "姓名": ("姓名", "姓名 Name", "姓    名"), "性别": ("性别", "性别\nGender", "性  别"),
    "民族": ("民族", "民族 Ethnicity", "民  族"), "出生日期": ("出生年月", "出生年月\nDate of Birth", "出 生 年 月"),
    "身份证号": ("身份证号码", "身份证号码 ID No.", "身份证\n号码"), "入团时间": ("入团时间", "入团时间\nLeague Entry", "入 团\n时 间"),
    "团支部": ("所在团支部", "所在团支部 Branch", "所在\n团支部"), "团内职务": ("团内职务", "团内职务 Position", "团内\n职务"),
    "联系电话": ("联系电话", "联系电话 Tel.", "联系\n电话"), "应到人数": ("应到人数", "应到人数 Members", "应 到\n人 数"),
    "实到人数": ("实到人数", "实到人数 Present", "实 到\n人 数"), "赞成票": ("赞成票", "赞成票 For", "赞成"),
    "反对票": ("反对票", "反对票 Against", "反对"), "弃权票": ("弃权票", "弃权票 Abstain", "弃权"),
    "表决日期": ("表决日期", "表决日期 Date of Vote", "表决\n日期"),
    "入党申请时间": ("递交入党申请书时间", "递交入党申请书时间 Date of Application", "递交入党\n申请书时间"),
}
PERSON_KEYS = ("姓名", "性别", "民族", "出生日期", "入团时间", "团内职务", "身份证号", "团支部", "联系电话", "入党申请时间")
VOTE_KEYS = ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")


@dataclass
class Form:
    """What one form says: each key's text as written, in one label style."""

    person: Person
    values: dict[str, str]
    labels: dict[str, str]
    signed: str  # the signature date as written

    def vote_lines(self) -> str:
        """The vote over several lines of one cell, as typed with Enter."""
        p, b, v = self.person, self.person.branch, self.values
        return (f"经{v['表决日期']}团支部大会无记名投票：\n应到会{b.size}人，实到会{b.present}人；\n"
                f"赞成{p.yes}票，反对{p.no}票，弃权{p.abstain}票。\n同意推荐。")


def make_form(p: Person, rng: random.Random, style: int, *, number: str | None = None,
              meeting: str | None = None, branch: str | None = None, phone: str | None = None) -> Form:
    b = p.branch
    m = rng.randrange(4)
    values = {"姓名": p.name, "性别": p.gender, "民族": p.nation, "出生日期": month_text(p.birth, m),
              "身份证号": number or p.id_number, "入团时间": month_text(p.joined, m), "团支部": branch or b.name,
              "入党申请时间": month_text(p.applied, m),
              "团内职务": p.post, "联系电话": phone or p.phone,
              "应到人数": f"{b.size}人", "实到人数": f"{b.present}人", "赞成票": f"{p.yes}票", "反对票": f"{p.no}票",
              "弃权票": f"{p.abstain}票", "表决日期": meeting or day_text(b.meeting, rng.randrange(4))}
    labels = {k: v[style] for k, v in LABELS.items()}
    return Form(p, values, labels, day_text(b.meeting + timedelta(days=rng.randint(1, 5)), rng.randrange(3)))


# --- form layouts ----------------------------------------------------------------------------

TITLES = ["推荐优秀共青团员作入党积极分子人选登记表", "团员推优入党推荐表", "优秀团员推荐入党登记表"]


def _doc(title: str):
    d = docx.Document()
    p = d.add_paragraph()
    p.alignment = 1
    p.add_run(title).bold = True
    return d


def _grid(d, rows: list[list[str]], merges=()):
    t = d.add_table(rows=len(rows), cols=max(map(len, rows)))
    t.style = "Table Grid"
    fill_table(t, rows, merges)
    return t


def _pairs_rows(f: Form) -> tuple[list[list[str]], list]:
    """Two label/value pairs a row; the ID number and the vote across the row."""
    L, v = f.labels, f.values
    rows = [[L["姓名"], v["姓名"], L["性别"], v["性别"]],
            [L["民族"], v["民族"], L["出生日期"], v["出生日期"]],
            [L["入团时间"], v["入团时间"], L["团内职务"], v["团内职务"]],
            [L["身份证号"], v["身份证号"], "", ""],
            [L["团支部"], v["团支部"], L["联系电话"], v["联系电话"]],
            [L["入党申请时间"], v["入党申请时间"], "", ""],
            [L["表决日期"], v["表决日期"], L["应到人数"], v["应到人数"]],
            [L["实到人数"], v["实到人数"], L["赞成票"], v["赞成票"]],
            [L["反对票"], v["反对票"], L["弃权票"], v["弃权票"]]]
    return rows, [((3, 1), (3, 3)), ((5, 1), (5, 3))]


def layout_bilingual(path: Path, f: Form, rng: random.Random) -> None:
    """Label/value pairs whose labels carry their English (``姓名 Name``)."""
    d = _doc(rng.choice(TITLES) + "\nRegistration Form")
    rows, merges = _pairs_rows(f)
    _grid(d, rows + [["团支部意见 Opinion", f"同意推荐。\n签字：　　　　{f.signed}", "", ""]], merges + [((9, 1), (9, 3))])
    d.save(path)


def layout_spaced(path: Path, f: Form, rng: random.Random) -> None:
    """Labels spaced or broken as by hand; the vote typed over several lines of the opinion cell."""
    d = _doc(rng.choice(TITLES))
    L, v = f.labels, f.values
    rows = [[L["姓名"], v["姓名"], L["性别"], v["性别"], L["民族"], v["民族"]],
            [L["出生日期"], v["出生日期"], L["入团时间"], v["入团时间"], L["团内职务"], v["团内职务"]],
            [L["身份证号"], v["身份证号"], "", L["联系电话"], v["联系电话"], ""],
            [L["团支部"], v["团支部"], "", L["入党申请时间"], v["入党申请时间"], ""],
            ["团支部\n意见", f"{f.vote_lines()}\n团支部书记签字：\n{f.signed}", "", "", "", ""]]
    _grid(d, rows, [((2, 1), (2, 2)), ((2, 4), (2, 5)), ((3, 1), (3, 2)), ((3, 4), (3, 5)), ((4, 1), (4, 5))])
    d.save(path)


def _page_of_two(path: Path, forms: list[Form], rng: random.Random) -> None:
    """Forms one under another on a page, each its own table under its own heading."""
    d = docx.Document()
    for i, f in enumerate(forms):
        p = d.add_paragraph()
        p.alignment = 1
        p.add_run(f"{rng.choice(TITLES)}（{int_to_cn(i + 1)}）").bold = True
        rows, merges = _pairs_rows(f)
        _grid(d, rows, merges)
        d.add_paragraph(f"团支部书记签字：　　　　　{f.signed}")
    d.save(path)


def _transposed(path: Path, forms: list[Form], rng: random.Random) -> None:
    """The branch's candidates side by side: labels down the first column, one column each."""
    d = _doc(f"{forms[0].person.branch.name}推优对象情况表")
    keys = PERSON_KEYS + ("表决日期",) + VOTE_KEYS
    head = ["项目"] + [f"推荐对象{int_to_cn(i + 1)}" for i in range(len(forms))]
    _grid(d, [head] + [[forms[0].labels[k]] + [f.values[k] for f in forms] for k in keys])
    d.add_paragraph(f"团支部书记签字：　　　　　{forms[0].signed}")
    d.save(path)


def _sheets(path: Path, forms: list[Form], rng: random.Random) -> None:
    """One sheet per candidate, named after them: labels down column A, values in B;
    dates as Excel dates shown as year and month, counts as numbers."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for f in forms:
        p, b = f.person, f.person.branch
        ws = wb.create_sheet(p.name[:31])
        ws["A1"] = rng.choice(TITLES)
        ws.merge_cells("A1:B1")
        row = 2
        for key in PERSON_KEYS + ("表决日期",) + VOTE_KEYS:
            ws.cell(row, 1, f.labels[key])
            value: object = f.values[key]
            if key in ("出生日期", "入团时间", "入党申请时间"):
                when = {"出生日期": p.birth, "入团时间": p.joined, "入党申请时间": p.applied}[key]
                value = datetime.combine(when.replace(day=1), datetime.min.time())
                ws.cell(row, 2).number_format = 'yyyy"年"m"月"'
            elif key == "表决日期" and value in {day_text(b.meeting, k) for k in range(4)}:
                value = datetime.combine(b.meeting, datetime.min.time())
                ws.cell(row, 2).number_format = "yyyy/m/d"
            elif key in VOTE_KEYS:
                value = {"应到人数": b.size, "实到人数": b.present, "赞成票": p.yes, "反对票": p.no,
                         "弃权票": p.abstain}[key]
            ws.cell(row, 2, value)
            row += 1
        ws.cell(row, 1, "团支部意见")
        ws.cell(row, 2, f"同意推荐　{f.signed}")
    wb.save(path)


# A layout writes one file for one form, or for several forms of one branch (``many``).
SINGLE: dict[str, Callable[[Path, Form, random.Random], None]] = {
    "bilingual": layout_bilingual, "spaced": layout_spaced}
MANY: dict[str, tuple[Callable[[Path, list[Form], random.Random], None], str]] = {
    "two-up": (_page_of_two, ".docx"), "transposed": (_transposed, ".docx"), "sheets": (_sheets, ".xlsx")}
LAYOUTS = tuple(SINGLE) + tuple(MANY)
STYLE = {"bilingual": 1, "spaced": 2, "two-up": 0, "transposed": 0, "sheets": 0}


# --- minutes -----------------------------------------------------------------------------------

# How a branch's minutes word each part: every branch of a round words them its own way.
ATTENDANCE = ["应到会团员{size}人，实到会{present}人，到会人数超过应到会人数的一半，会议有效。",
              "本支部共有团员{size}名，出席{present}名，符合开会要求。",
              "会前清点人数：支部现有团员{size}人，今天到会{present}人。",
              "全支部{size}名团员中有{present}名参加会议，达到规定人数。"]
BALLOTS = ["投票结果：{name}，同意{yes}票，不同意{no}票，弃权{abstain}票。",
           "经无记名投票，{name}同志获赞成票{yes}票、反对票{no}票、弃权票{abstain}票。",
           "计票人宣布：{name}得赞成{yes}票，反对{no}票，弃权{abstain}票，票数有效。",
           "{name}同志的表决情况为赞成{yes}票，反对{no}票，弃权{abstain}票。"]
AGENDA = ["会议议程：宣读推优条件和程序，候选人作自我介绍，无记名投票，当场计票。",
          "会上，组织委员介绍了候选人的基本情况，与会团员进行了讨论。",
          "主持人说明了本次推优的名额和要求，随后发放选票。",
          "先由候选人逐一汇报思想和学习情况，再由团员投票表决。"]
CLOSING = ["会议同意推荐以上{cn}名同志为入党积极分子人选，报上级团委审定。",
           "最终确定推荐{n}人，材料于会后三日内报送。",
           "表决结束后，主持人宣布推荐人选并提醒按时公示。",
           "会议在{time}结束，推荐结果将在支部内张贴。"]


def minutes_docx(path: Path, b: Branch, people: list[Person], rng: random.Random, wording: int) -> None:
    """The 团支部大会's minutes: the attendance, the agenda, each candidate's votes as a
    sentence and the close, in the branch's own ``wording``."""
    d = docx.Document()
    d.add_paragraph(f"{b.name}{rng.choice(['推优大会会议记录', '团员大会记录', '推荐入党积极分子人选会议记录'])}")
    d.add_paragraph(f"会议时间：{b.meeting.year}年{b.meeting.month}月{b.meeting.day}日{rng.choice(['下午', '晚上', '上午'])}")
    d.add_paragraph(f"会议地点：{rng.choice(['三楼会议室', '村委会议室', '党员活动室', '科室示教室', '多功能厅'])}")
    d.add_paragraph(f"主持人：{rng.choice(['团支部书记', '组织委员'])}　　记录人：{rng.choice(['宣传委员', '组织委员', '团小组长'])}")
    d.add_paragraph(ATTENDANCE[wording].format(size=b.size, present=b.present))
    d.add_paragraph(AGENDA[wording])
    for p in people:
        d.add_paragraph(BALLOTS[wording].format(name=p.name, yes=p.yes, no=p.no, abstain=p.abstain))
    d.add_paragraph(CLOSING[wording].format(cn=int_to_cn(len(people)), n=len(people),
                                            time=rng.choice(["17时30分", "21时", "11时40分"])))
    d.save(path)


# --- the office's registers -------------------------------------------------------------------

def tally_xlsx(path: Path, org: str, rows: list[tuple[str, Person]], wrong_sum: bool, rng: random.Random) -> None:
    """A 填表说明 sheet, then the tally: a three-row header, branch cells merged down, blank rows between branches."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "填表说明"
    for i, line in enumerate(["1. 请按团支部顺序填写，每名推荐对象一行。", "2. 表决情况以团支部大会记录为准。",
                              "3. 本表与推优登记表一并报送。"], 1):
        notes.cell(i, 1, line)
    ws = wb.create_sheet("推优汇总")
    ws["A1"] = f"{org}{YEAR}年度推优入党人选汇总表"
    ws.merge_cells("A1:I1")
    ws.append(["基本信息", "", "", "团支部大会表决情况", "", "", "", "", "备注"])
    ws.append(["序号", "团支部", "推荐对象", "应到会", "实到会", "赞成", "反对", "弃权", ""])
    ws.merge_cells("A2:C2")
    ws.merge_cells("D2:H2")
    ws.merge_cells("I2:I3")
    line, seq, start, last = 4, 0, 4, None
    for branch, p in rows:
        if last is not None and branch != last:
            if line - 1 > start:
                ws.merge_cells(f"B{start}:B{line - 1}")
            if rng.random() < 0.5:
                line += 1  # a blank row between branches
            start = line
        seq += 1
        for col, value in enumerate([seq, branch if line == start else None, p.name, p.branch.size,
                                     p.branch.present, p.yes, p.no, p.abstain], 1):
            if value is not None:
                ws.cell(line, col, value)
        line, last = line + 1, branch
    if line - 1 > start:
        ws.merge_cells(f"B{start}:B{line - 1}")
    sums = [sum(p.yes for _, p in rows), sum(p.no for _, p in rows), sum(p.abstain for _, p in rows)]
    if wrong_sum:
        sums[0] += rng.choice([-3, -1, 2, 5])
    for col, value in enumerate(["合计", "", f"{len(rows)}人", "", "", *sums], 1):
        if value != "":
            ws.cell(line, col, value)
    wb.save(path)


def log_xlsx(path: Path, org: str, rows: list[tuple[str, int, int]], rng: random.Random) -> None:
    """The hand-out log: a title, the table, and a 注 row below it."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "领表登记"
    ws["A1"] = f"{org}推优登记表发放与回收登记"
    ws.merge_cells("A1:G1")
    ws.append(["序号", "单位", "领表人", "领表日期", "领取（份）", "交表日期", "上交（份）"])
    for i, (branch, taken, given) in enumerate(rows, 1):
        out = date(YEAR, 2, 20) + timedelta(days=rng.randint(0, 8))
        ws.append([i, branch, rng.choice(["戴佩琪", "钟文博", "汪雅琴"]), f"{out.month}月{out.day}日", taken,
                   f"{out.month + 4}月{rng.randint(1, 28)}日", given])
    ws.append([])
    ws.append(["注：领取、上交份数以纸质登记表为准。"])
    wb.save(path)


# --- planting and building ---------------------------------------------------------------------

VARIANTS: dict[str, tuple[str, ...]] = {
    "vote": ("over-present", "half-of-present", "minutes-over"),
    "eligibility": ("over-28", "under-18", "short-membership", "late-application"),
    "id-number": ("check-digit", "birth", "gender", "fifteen"),
    "date": ("impossible",),
    "placeholder": ("xx-branch", "underline"),
    "arithmetic": ("tally-sum",),
    "register": ("tally-missing", "tally-extra", "tally-votes", "log-over"),
}
FORM_CATEGORIES = ("vote", "eligibility", "id-number", "date", "placeholder")
TALLY = "推优入党人选汇总.xlsx"
LOG = "推优登记表发放回收登记.xlsx"


def _planted(p: Person, variant: str) -> Person:
    """``p`` as a form with the vote or eligibility mistake states them."""
    b, m = p.branch, p.branch.meeting
    if variant == "over-present":
        return replace(p, no=p.no + 2)
    if variant == "half-of-present":  # more than half of those present, not of 应到
        present = b.size // 2 + 2
        return replace(p, branch=replace(b, present=present), yes=b.size // 2, no=present - b.size // 2, abstain=0)
    if variant == "over-28":
        birth = m.replace(year=m.year - 29) - timedelta(days=60)
        return replace(p, birth=birth, joined=date(birth.year + 15, 5, 1),
                       id_number=_id(random.Random(1), p.id_number[:6], birth, p.gender == "男"))
    if variant == "under-18":
        birth = m.replace(year=m.year - 17) - timedelta(days=90)
        return replace(p, birth=birth, joined=date(birth.year + 14, 10, 1),
                       id_number=_id(random.Random(1), p.id_number[:6], birth, p.gender == "男"))
    if variant == "late-application":  # 递交入党申请书 three months before the meeting
        return replace(p, applied=(m - timedelta(days=95)).replace(day=1))
    if variant == "short-membership":
        joined = (m - timedelta(days=150)).replace(day=1)
        return replace(p, joined=joined)
    return p


def _wrong_id(p: Person, variant: str) -> str:
    n = p.id_number.upper()
    if variant == "check-digit":
        return n[:17] + ("3" if n[17] != "3" else "5")
    if variant == "birth":
        moved = p.birth.replace(day=1) + timedelta(days=40)
        return n[:6] + moved.strftime("%Y%m%d") + n[14:17] + check_char(n[:6] + moved.strftime("%Y%m%d") + n[14:17])
    if variant == "gender":
        body = n[:16] + str((int(n[16]) + 1) % 10)
        return body + check_char(body)
    return n[:6] + n[8:14] + n[14:17]  # the old 15-digit number, for someone born in this century


def build(out: Path, seed: int = 0, plants: dict[str, str] | None = None, *, org: str | None = None,
          layouts: tuple[str, ...] | None = None) -> Built:
    """Write a round into ``out`` (folders 各支部材料 and 团委台账).

    ``plants`` maps a category to the variant to plant ({} for a clean round, None:
    one random variant of every category); ``layouts`` limits the form layouts.
    """
    rng = random.Random(seed)
    org_name, unit, names = ORGS[org or rng.choice(sorted(ORGS))](rng)
    branches = _branches(rng, unit, names)
    if plants is None:
        plants = {cat: rng.choice(vs) for cat, vs in VARIANTS.items()}
    people = _people(rng, branches, least=2 if plants else 1)
    layouts = layouts or LAYOUTS
    subs, office = out / "各支部材料", out / "团委台账"
    subs.mkdir(parents=True, exist_ok=True)
    office.mkdir(parents=True, exist_ok=True)
    built = Built(out, subs, [office / TALLY, office / LOG], [])

    # Form plants, each on a person of its own; the vote plants on a branch's only form file.
    pool = [p for b in branches for p in people[b]]
    rng.shuffle(pool)
    marked: dict[Person, tuple[str, str]] = {}
    for cat in FORM_CATEGORIES:
        variant = plants.get(cat)
        if variant is None or (cat, variant) == ("vote", "minutes-over"):
            continue
        p = pool.pop()
        bad = _planted(p, variant) if cat in ("vote", "eligibility") else p
        if variant == "half-of-present":  # the branch's meeting is the planted one for all its candidates
            people[p.branch] = [bad]
        else:
            people[p.branch] = [bad if q is p else q for q in people[p.branch]]
        marked[bad] = (cat, variant)
        pool = [q for q in pool if q.branch.name != p.branch.name or variant != "half-of-present"]
    register = plants.get("register")
    clean = [p for b in branches for p in people[b] if p not in marked]
    rng.shuffle(clean)
    missing = clean.pop() if register == "tally-missing" else None
    # The tally miscopies a vote that still passes (else the tally's own vote is wrong too).
    differing = next((q for q in clean if q.yes - 1 > q.branch.size / 2), None) if register == "tally-votes" else None

    files: dict[Person, str] = {}
    start = rng.randrange(len(layouts))
    for k, b in enumerate(branches):
        group = people[b]
        layout = layouts[(start + k) % len(layouts)]
        forms = []
        for p in group:
            cat, variant = marked.get(p, ("", ""))
            kw: dict[str, str] = {}
            if cat == "id-number":
                kw["number"] = _wrong_id(p, variant)
            elif cat == "date":
                kw["meeting"] = f"{YEAR}年{rng.choice(['4月31日', '6月31日', '2月30日'])}"
            elif variant == "xx-branch":
                kw["branch"] = "××团支部"
            elif variant == "underline":
                kw["phone"] = "＿＿＿＿＿＿"
            forms.append(make_form(p, rng, STYLE[layout], **kw))
        if layout in SINGLE or len(group) == 1 and layout == "transposed":
            single = layout if layout in SINGLE else rng.choice(sorted(SINGLE))
            for f in forms:
                name = f"{rng.choice(['推优登记表', '推荐表'])}_{b.name}_{f.person.name}.docx"
                SINGLE[single](subs / name, replace(f, labels={k: v[STYLE[single]] for k, v in LABELS.items()}), rng)
                files[f.person] = name
                built.layouts[name] = single
                _expect(built, name, f, marked)
        else:
            write, ext = MANY[layout]
            name = f"{b.name}推优材料{ext}"
            write(subs / name, forms, rng)
            for f in forms:
                files[f.person] = name
            _expect(built, name, forms[0], marked)  # convert's first record
            built.layouts[name] = layout

    minuted = rng.sample(branches, rng.randint(1, len(ATTENDANCE)))
    wordings = rng.sample(range(len(ATTENDANCE)), len(minuted))
    over = plants.get("vote") == "minutes-over"
    for i, b in enumerate(minuted):
        said = people[b]
        name = f"{b.name}会议记录.docx"
        if over and i == 0:
            said = [replace(said[0], abstain=said[0].abstain + 3)] + said[1:]
            built.plants.append(Plant("vote", "minutes-over", name, ((name, "register"), *(
                (files[q], "register") for q in people[b]), (TALLY, "register"))))
        minutes_docx(subs / name, said[0].branch, said, rng, wordings[i])  # the meeting as its forms state it

    for p, (cat, variant) in marked.items():
        also: tuple[tuple[str, str], ...] = ()
        if cat == "vote":
            also = ((TALLY, "vote"), (TALLY, "register"), (files[p], "register"),
                    *((f"{p.branch.name}会议记录.docx", c) for c in ("register", "vote")))
        if cat == "date":
            also = ((files[p], "eligibility"), (files[p], "register"))
        if cat == "eligibility":
            also = ((files[p], "date"), (TALLY, "eligibility"), (files[p], "id-number"))
        if cat == "placeholder" and variant == "xx-branch":  # the form is no branch's: every register disagrees
            also = ((files[p], "register"), (TALLY, "register"), (LOG, "register"))
        built.plants.append(Plant(cat, variant, files[p], also))

    rows = [(p.branch.full, p if p is not differing else replace(p, yes=p.yes - 1, abstain=p.abstain + 1))
            for b in branches for p in people[b] if p is not missing]
    if register == "tally-extra":
        b = rng.choice(branches)
        rows.append((b.full, replace(people[b][0], name=rng.choice(SURNAMES) + "晓" + rng.choice("东南西北"))))
        rows.sort(key=lambda r: [x.full for x in branches].index(r[0]))
    wrong_sum = plants.get("arithmetic") == "tally-sum"
    tally_xlsx(office / TALLY, org_name, rows, wrong_sum, rng)
    if wrong_sum:
        built.plants.append(Plant("arithmetic", "tally-sum", TALLY))
    if register in ("tally-missing", "tally-extra", "tally-votes"):
        built.plants.append(Plant("register", register, TALLY))

    log = [(b.full, len(people[b]) + rng.randint(0, 2), len(people[b])) for b in branches]
    if register == "log-over":
        i = rng.randrange(len(log))
        log[i] = (log[i][0], log[i][2] - 1, log[i][2])
        built.plants.append(Plant("register", register, LOG))
    log_xlsx(office / LOG, org_name, log, rng)
    return built


def _expect(built: Built, name: str, f: Form, marked: dict[Person, tuple[str, str]]) -> None:
    """The fields convert must give for form ``f`` in ``name`` (a clean one or one with a wrong ID number)."""
    if marked.get(f.person, ("",))[0] in ("", "id-number"):
        built.forms[name] = f.person.record() | {"身份证号": f.values["身份证号"].upper()}


if __name__ == "__main__":
    script(build, __doc__)
