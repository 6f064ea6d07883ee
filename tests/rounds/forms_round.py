"""A third round generator, for forms and the office's registers only, written
apart from ``build_round.py``, ``form_layouts.py`` and ``varied.py`` on purpose
so that the inspector meets what none of them writes:

- organisations: a 中学 (高三 classes and the teachers), a 镇 with 村 and 社区,
  a county's 机关 (a branch name with 团支部 inside: ``第二团支部（教研室）``),
  an 企业集团's workshops, a hospital's departments;
- people with two-, three- and four-character names (复姓) and minority names
  with a middle dot (``阿依古丽·买买提``);
- layouts: labels above their values, two label/value pairs per row with a
  merged 身份证号 cell, a 基本情况/表决情况 column merged down the side,
  run-in label lines (``姓名：张三 性别：女``, ASCII or full-width colons and
  blanks), the same lines as a .txt (GB18030 or UTF-8 with BOM), an .xlsx with
  labels above values; with LibreOffice, a form as .pdf and as .doc;
- spellings: dates ``2025年10月``, ``2025.10.20``, ``二〇二五年十月``,
  full-width ``２０２５年１０月２０日``, a vote sentence dated ``10月20日``
  (the year only in the signature); counts as ``30``, ``30人``, ``３０``, ``三十``;
- registers: the tally as .xlsx (title, 填报单位 line, 合计 row), the hand-out
  log as a .docx table.

``build(out, seed, plants)`` writes the round and returns a ``rounds.varied.Built``
(scored with ``rounds.varied.score``).

    python tests/rounds/forms_round.py OUTDIR [--seed N] [--clean]
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

import docx
import openpyxl

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests"):  # run as a script too
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from toolkit.cn.idcard import make_id  # noqa: E402
from toolkit.cn.numbers import int_to_cn  # noqa: E402

from rounds.helpers import fill_table  # noqa: E402
from rounds.varied import Built, Plant, script  # noqa: E402

YEAR = 2025


# --- the organisation ------------------------------------------------------------------

@dataclass(frozen=True)
class Branch:
    name: str  # as the forms write it
    tally_name: str  # as the office's tally and log write it (may drop the unit's prefix)
    size: int
    present: int
    meeting: date
    min_age: int = 19
    max_age: int = 27


def _school(rng: random.Random) -> tuple[str, list[Branch]]:
    city = rng.choice(["清河", "安平", "松江", "石门"])
    school = f"{city}市第{rng.choice('一二三五七')}中学"
    classes = rng.sample(range(1, 12), 4)
    out = [_branch(rng, f"高三（{k}）班团支部", f"高三（{k}）班团支部", 18, 19, size=(30, 52)) for k in classes]
    out.append(_branch(rng, f"{school}教工团支部", "教工团支部"))
    return f"{school}团委", out


def _township(rng: random.Random) -> tuple[str, list[Branch]]:
    town = rng.choice(["城关", "龙泉", "白沙", "新桥"])
    villages = rng.sample(["东风", "红旗", "前进", "团结", "和平", "向阳"], 3)
    out = [_branch(rng, f"{town}镇{v}村团支部", f"{v}村团支部", size=(10, 20)) for v in villages]
    out.append(_branch(rng, f"{town}镇机关团支部", "镇机关团支部", size=(10, 16)))
    out.append(_branch(rng, f"{town}镇{rng.choice(['幸福', '建设', '滨河'])}社区团支部", "社区团支部", size=(10, 16)))
    return f"{town}镇团委", out


def _agency(rng: random.Random) -> tuple[str, list[Branch]]:
    county = rng.choice(["平阳", "永和", "凤台", "宁远"])
    names = [f"{county}县市场监督管理局团支部", f"{county}县税务局机关团支部", f"{county}县人民法院团支部",
             f"{county}县教育局机关第二团支部（教研室）", f"{county}县政务服务中心联合团支部"]
    return f"{county}县直机关团工委", [_branch(rng, n, n, size=(10, 25)) for n in names]


def _enterprise(rng: random.Random) -> tuple[str, list[Branch]]:
    firm = rng.choice(["华晟重工", "北辰能源", "瑞丰纺织", "天启电子"])
    parts = ["生产一车间", "生产二车间", "研发中心", "营销中心", "物流公司"]
    return f"{firm}集团团委", [_branch(rng, f"{firm}集团{p}团支部", f"{p}团支部", size=(12, 40)) for p in parts]


def _hospital(rng: random.Random) -> tuple[str, list[Branch]]:
    city = rng.choice(["南湖", "西岭", "金川"])
    parts = ["急诊科", "护理部", "医技联合", "行政后勤", "儿科"]
    return (f"{city}市第二人民医院团委",
            [_branch(rng, f"{city}市第二人民医院{p}团支部", f"{p}团支部", size=(10, 35)) for p in parts])


def _branch(rng: random.Random, name: str, tally_name: str, min_age: int = 19, max_age: int = 27,
            size: tuple[int, int] = (12, 40)) -> Branch:
    n = rng.randint(*size)
    present = n - rng.randint(0, min(3, (n - 1) // 2 - 1))
    return Branch(name, tally_name, n, present, date(YEAR, rng.randint(9, 11), rng.randint(3, 24)), min_age, max_age)


ORGS: dict[str, Callable[[random.Random], tuple[str, list[Branch]]]] = {
    "school": _school, "township": _township, "agency": _agency, "enterprise": _enterprise, "hospital": _hospital}


# --- the people ---------------------------------------------------------------------------

SINGLE = "范彭乔尹雷汤殷罗毕郝邵康伍余元卜顾孟平黄和穆萧"
COMPOUND = ["欧阳", "司徒", "端木", "夏侯", "尉迟", "长孙"]
GIVEN1 = "芳敏军磊静洋勇艳杰娟涛明超霞"
GIVEN2 = ["雨萌", "子墨", "浩宇", "欣妍", "一鸣", "晓彤", "佳豪", "梦瑶", "泽宇", "诗涵", "俊熙", "可馨"]
MINORITY = [("阿依古丽·买买提", "女", "维吾尔族"), ("买买提江·吐尔逊", "男", "维吾尔族"),
            ("努尔兰·叶尔肯", "男", "哈萨克族"), ("古丽娜尔·托合提", "女", "维吾尔族"),
            ("巴特尔·其木格", "男", "蒙古族"), ("扎西·次仁", "男", "藏族")]
NATIONS = ["汉族"] * 6 + ["回族", "苗族", "彝族", "侗族", "朝鲜族"]
POSTS = ["团支部书记", "团支部副书记", "组织委员", "宣传委员", "团员", "团小组长", "无"]
AREAS = ["130102", "230103", "350203", "450103", "530102", "650102"]


@dataclass(frozen=True)
class Person:
    name: str
    gender: str
    nation: str
    birth: date
    joined: date  # day 1 of the month
    post: str
    phone: str
    branch: Branch
    yes: int
    no: int
    abstain: int
    seq: int
    area: str

    @property
    def id_number(self) -> str:
        return make_id(self.area, self.birth.strftime("%Y%m%d"), self.seq, self.gender == "男")

    def record(self) -> dict[str, object]:
        """The canonical record convert must give for this person's form."""
        b = self.branch
        return {"姓名": self.name, "性别": self.gender, "民族": self.nation, "出生日期": self.birth.strftime("%Y-%m"),
                "身份证号": self.id_number, "入团时间": self.joined.strftime("%Y-%m"), "团支部": b.name,
                "团内职务": self.post, "联系电话": self.phone, "应到人数": b.size, "实到人数": b.present,
                "赞成票": self.yes, "反对票": self.no, "弃权票": self.abstain, "表决日期": b.meeting.isoformat()}


def _name(rng: random.Random, used: set[str]) -> tuple[str, str | None, str | None]:
    """(name, gender or None, nation or None): two, three or four characters, or a minority name."""
    while True:
        r = rng.random()
        if r < 0.12:
            name, gender, nation = rng.choice(MINORITY)
        elif r < 0.25:
            name, gender, nation = rng.choice(COMPOUND) + rng.choice(GIVEN2), None, None
        elif r < 0.45:
            name, gender, nation = rng.choice(SINGLE) + rng.choice(GIVEN1), None, None
        else:
            name, gender, nation = rng.choice(SINGLE) + rng.choice(GIVEN2), None, None
        if name not in used:
            used.add(name)
            return name, gender, nation


def typed_name(name: str, rng: random.Random) -> str:
    """A name as someone types it in a table: the minority name's dot from whatever
    key is at hand, a two-character name padded to line up with three (王　芳)."""
    if "·" in name:
        return name.replace("·", rng.choice("··•・．."))
    return f"{name[0]}　{name[1]}" if len(name) == 2 and rng.random() < 0.5 else name


def _people(rng: random.Random, branches: list[Branch], least: int = 1) -> dict[Branch, list[Person]]:
    used: set[str] = set()
    seq = 3
    out: dict[Branch, list[Person]] = {}
    for b in branches:
        people = []
        for _ in range(min(rng.randint(least, 2), b.size // 5)):  # at most 20 % of the branch (TW355)
            name, gender, nation = _name(rng, used)
            age = rng.randint(b.min_age, b.max_age)
            # Born at least a week before the birthday that makes them ``age`` at the meeting.
            latest = b.meeting.replace(year=b.meeting.year - age) - timedelta(days=7)
            birth = latest - timedelta(days=rng.randint(0, 300))
            joined = date(birth.year + 14 + rng.randint(1, 2), rng.randint(1, 12), 1)
            joined = min(joined, date(b.meeting.year - 1, b.meeting.month, 1))  # 团龄 a year or more
            spare = b.present - (b.size // 2 + 1)
            no = rng.randint(0, min(2, spare))
            abstain = rng.randint(0, min(1, spare - no))
            seq += 5
            people.append(Person(name, gender or rng.choice("男女"), nation or rng.choice(NATIONS), birth, joined,
                                 rng.choice(POSTS), f"1{rng.choice('3589')}{rng.randint(0, 10**9 - 1):09d}", b,
                                 b.present - no - abstain, no, abstain, seq, rng.choice(AREAS)))
        out[b] = people
    return out


# --- spellings ------------------------------------------------------------------------------

LABELS = {
    "姓名": ["姓名", "姓　名", "姓 名", "候选人姓名"], "性别": ["性别", "性　别"], "民族": ["民族", "民　族"],
    "出生日期": ["出生年月", "出生日期", "出生时间"], "身份证号": ["身份证号码", "公民身份号码", "身份证件号码"],
    "入团时间": ["入团时间", "入团年月", "入团日期"], "团支部": ["所在团支部", "所属团支部", "所在团组织"],
    "团内职务": ["团内职务", "现任团内职务", "担任职务"], "联系电话": ["联系电话", "手机号", "移动电话"],
    "应到人数": ["应到人数", "应到会人数", "应出席人数"], "实到人数": ["实到人数", "实到会人数", "实际到会人数"],
    "赞成票": ["赞成票", "同意票数", "赞成票数"], "反对票": ["反对票", "不同意票数", "反对票数"],
    "弃权票": ["弃权票", "弃权票数", "弃权"], "表决日期": ["表决日期", "大会召开时间", "推优表决时间", "会议日期"],
}
_FW = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _cn_year(y: int) -> str:
    return "".join("〇一二三四五六七八九"[int(c)] for c in str(y))


def month_text(d: date, style: int) -> str:
    return [f"{d.year}年{d.month}月", f"{d.year}.{d.month:02d}", f"{_cn_year(d.year)}年{int_to_cn(d.month)}月",
            f"{d.year}年{d.month}月".translate(_FW), f"{d.year}.{d.month}"][style]


def day_text(d: date, style: int) -> str:
    return [f"{d.year}年{d.month}月{d.day}日", f"{d.year}.{d.month}.{d.day}",
            f"{_cn_year(d.year)}年{int_to_cn(d.month)}月{int_to_cn(d.day)}日",
            f"{d.year}年{d.month}月{d.day}日".translate(_FW), f"{d.year}.{d.month:02d}.{d.day:02d}"][style]


def count_text(n: int, style: int, unit: str) -> str:
    return [str(n), f"{n}{unit}", str(n).translate(_FW), int_to_cn(n)][style]


@dataclass
class Style:
    labels: dict[str, str]
    month: int
    day: int
    count: int
    colon: str
    gap: str  # between label/value pairs on a line ("": glued, ``东风村团支部团内职务：``)
    grouped: bool  # long numbers typed in groups: 130102 20050101 1234, 139-0531-0000

    @classmethod
    def draw(cls, rng: random.Random) -> "Style":
        return cls({k: rng.choice(v) for k, v in LABELS.items()}, rng.randrange(5), rng.randrange(5),
                   rng.randrange(4), rng.choice(["：", ":"]), rng.choice(["", " ", "  ", "　", "　　", "\t"]),
                   rng.random() < 0.3)


FORM_TITLES = ["推荐优秀共青团员作为入党积极分子人选推荐表", "团员推优入党登记表", "“推优入党”推荐登记表"]


@dataclass
class Form:
    """What one form says: the person's values as written, its vote and its signature date."""

    person: Person
    values: dict[str, str]  # canonical key → text as the form writes it
    votes: dict[str, str]  # 应到人数 … 弃权票 → text
    meeting: str  # the 表决日期 as written
    signed: str  # the signature date as written (may be the blank ``年 月 日``)

    def sentence(self, year_less: bool) -> str:
        p, b = self.person, self.person.branch
        when = f"{b.meeting.month}月{b.meeting.day}日" if year_less else self.meeting
        return (f"{when}召开团员大会，应到会{b.size}人，实到会{b.present}人，经无记名投票，"
                f"赞成{p.yes}票，反对{p.no}票，弃权{p.abstain}票，同意推荐{p.name}同志为入党积极分子人选。")


def make_form(p: Person, s: Style, id_number: str | None = None, blank_sign: bool = False,
              fill_in: bool = False) -> Form:
    b = p.branch
    number, phone = id_number or p.id_number, p.phone
    if s.grouped:
        number, phone = f"{number[:6]} {number[6:14]} {number[14:]}", f"{phone[:3]}-{phone[3:7]}-{phone[7:]}"
    values = {"姓名": typed_name(p.name, random.Random(p.seq)), "性别": p.gender, "民族": p.nation, "出生日期": month_text(p.birth, s.month),
              "身份证号": number, "入团时间": month_text(p.joined, s.month), "团支部": b.name,
              "团内职务": p.post, "联系电话": "【请填写】" if fill_in else phone}
    votes = {"应到人数": count_text(b.size, s.count, "人"), "实到人数": count_text(b.present, s.count, "人"),
             "赞成票": count_text(p.yes, s.count, "票"), "反对票": count_text(p.no, s.count, "票"),
             "弃权票": count_text(p.abstain, s.count, "票")}
    signed = "年　　月　　日" if blank_sign else day_text(b.meeting + timedelta(days=2), s.day)
    return Form(p, values, votes, day_text(b.meeting, s.day), signed)


# --- form layouts ----------------------------------------------------------------------------

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


def _signature(f: Form, s: Style) -> str:
    return f"团支部书记（签字）{s.colon}　　　　　　　{f.signed}"


def layout_above(path: Path, f: Form, s: Style, rng: random.Random) -> None:
    """Label rows with their values in the row below; the vote likewise."""
    d = _doc(rng.choice(FORM_TITLES))
    L, v = s.labels, f.values
    rows = [[L["姓名"], L["性别"], L["民族"], L["出生日期"], L["入团时间"]],
            [v["姓名"], v["性别"], v["民族"], v["出生日期"], v["入团时间"]],
            [L["身份证号"], "", L["团内职务"], L["联系电话"], ""],
            [v["身份证号"], "", v["团内职务"], v["联系电话"], ""],
            [L["团支部"], "", L["表决日期"], "", ""],
            [v["团支部"], "", f.meeting, "", ""]]
    merges = [((r, 0), (r, 1)) for r in (2, 3, 4, 5)] + [((r, 3), (r, 4)) for r in (2, 3)] + \
             [((r, 2), (r, 4)) for r in (4, 5)]
    _grid(d, rows, merges)
    d.add_paragraph("团支部大会表决情况")
    keys = ["应到人数", "实到人数", "赞成票", "反对票", "弃权票"]
    _grid(d, [[L[k] for k in keys], [f.votes[k] for k in keys]])
    d.add_paragraph(f"团支部意见{s.colon}同意推荐。")
    d.add_paragraph(_signature(f, s))
    d.save(path)


def layout_pairs(path: Path, f: Form, s: Style, rng: random.Random) -> None:
    """Two label/value pairs a row; the 身份证号 and 团支部 values merged across; the
    vote as one sentence dated without its year (the signature below has it)."""
    d = _doc(rng.choice(FORM_TITLES))
    L, v = s.labels, f.values
    rows = [[L["姓名"], v["姓名"], L["性别"], v["性别"]],
            [L["民族"], v["民族"], L["出生日期"], v["出生日期"]],
            [L["入团时间"], v["入团时间"], L["团内职务"], v["团内职务"]],
            [L["身份证号"], v["身份证号"], "", ""],
            [L["团支部"], v["团支部"], "", ""],
            [L["联系电话"], v["联系电话"], "", ""],
            ["团支部意见", f"{f.sentence(year_less=True)}\n{_signature(f, s)}", "", ""]]
    _grid(d, rows, [((r, 1), (r, 3)) for r in (3, 4, 5, 6)])
    d.save(path)


def layout_side(path: Path, f: Form, s: Style, rng: random.Random) -> None:
    """A column merged down the side (基本情况, 表决情况), label/value pairs beside it."""
    d = _doc(rng.choice(FORM_TITLES))
    L, v = s.labels, f.values
    rows = [["基本情况", L["姓名"], v["姓名"], L["性别"], v["性别"]],
            ["", L["民族"], v["民族"], L["出生日期"], v["出生日期"]],
            ["", L["身份证号"], v["身份证号"], "", ""],
            ["", L["入团时间"], v["入团时间"], L["团内职务"], v["团内职务"]],
            ["", L["团支部"], v["团支部"], L["联系电话"], v["联系电话"]],
            ["团支部大会表决情况", L["表决日期"], f.meeting, "", ""],
            ["", L["应到人数"], f.votes["应到人数"], L["实到人数"], f.votes["实到人数"]],
            ["", L["赞成票"], f.votes["赞成票"], L["反对票"], f.votes["反对票"]],
            ["", L["弃权票"], f.votes["弃权票"], "", ""],
            ["团支部意见", f"同意推荐。\n{_signature(f, s)}", "", "", ""]]
    merges = [((0, 0), (4, 0)), ((5, 0), (8, 0)), ((2, 2), (2, 4)), ((5, 2), (5, 4)), ((8, 2), (8, 4)),
              ((9, 1), (9, 4))]
    _grid(d, rows, merges)
    d.save(path)


def _runin_lines(f: Form, s: Style, rng: random.Random) -> list[str]:
    L, v, c, g = s.labels, f.values, s.colon, s.gap
    lines = [rng.choice(FORM_TITLES),
             g.join(f"{L[k]}{c}{v[k]}" for k in ("姓名", "性别", "民族")),
             g.join(f"{L[k]}{c}{v[k]}" for k in ("出生日期", "入团时间")),
             f"{L['身份证号']}{c}{v['身份证号']}",
             g.join(f"{L[k]}{c}{v[k]}" for k in ("团支部", "团内职务")),
             f"{L['联系电话']}{c}{v['联系电话']}",
             f"{L['表决日期']}{c}{f.meeting}"]
    if rng.random() < 0.5:
        lines.append(g.join(f"{L[k]}{c}{f.votes[k]}" for k in ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")))
    else:
        lines.append(f"团支部大会表决情况{c}{f.sentence(year_less=False)}")
    return lines + [f"团支部意见{c}同意推荐", _signature(f, s)]


def layout_runin(path: Path, f: Form, s: Style, rng: random.Random) -> None:
    """Label lines, no table (``姓名：张三 性别：女 民族：汉族``)."""
    d = docx.Document()
    for line in _runin_lines(f, s, rng):
        d.add_paragraph(line)
    d.save(path)


def layout_txt(path: Path, f: Form, s: Style, rng: random.Random) -> None:
    """The label lines as plain text, GB18030 or UTF-8 with BOM, Windows line ends."""
    text = "\r\n".join(_runin_lines(f, s, rng)) + "\r\n"
    path.write_bytes(text.encode("gb18030") if rng.random() < 0.5 else text.encode("utf-8-sig"))


def layout_xlsx(path: Path, f: Form, s: Style, rng: random.Random) -> None:
    """A workbook form: title, then label rows with values below; counts as numbers."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = rng.choice(["推荐表", "Sheet1"])
    ws["A1"] = rng.choice(FORM_TITLES)
    ws.merge_cells("A1:F1")
    L, v = s.labels, f.values
    blocks = [("姓名", "性别", "民族", "出生日期", "入团时间", "团内职务"), ("身份证号", "团支部", "联系电话", "表决日期")]
    row = 2
    for keys in blocks:
        for k, key in enumerate(keys, 1):
            ws.cell(row, k, L[key])
            ws.cell(row + 1, k, f.meeting if key == "表决日期" else v[key])
        row += 2
    counts = ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")
    for k, key in enumerate(counts, 1):
        ws.cell(row, k, L[key])
        n = getattr(f.person, {"赞成票": "yes", "反对票": "no", "弃权票": "abstain"}[key]) if key in (
            "赞成票", "反对票", "弃权票") else (f.person.branch.size if key == "应到人数" else f.person.branch.present)
        ws.cell(row + 1, k, n)
    ws.cell(row + 2, 1, f"团支部意见{s.colon}同意推荐")
    ws.cell(row + 3, 1, _signature(f, s))
    wb.save(path)


LAYOUTS: dict[str, tuple[Callable[..., None], str]] = {
    "above": (layout_above, ".docx"), "pairs": (layout_pairs, ".docx"), "side": (layout_side, ".docx"),
    "runin": (layout_runin, ".docx"), "txt": (layout_txt, ".txt"), "xlsx": (layout_xlsx, ".xlsx"),
}
# Written as .docx, then turned by LibreOffice into these (the .docx is removed).
CONVERTED = {"pdf": ("pdf", "pdf"), "doc": ("doc:MS Word 97", "doc")}


# --- the office's registers -------------------------------------------------------------------

def tally_xlsx(path: Path, org: str, rows: list[tuple[str, Person]], wrong_sum: bool, rng: random.Random) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    ws["A1"] = f"{org}{YEAR}年推荐优秀团员作为入党积极分子人选汇总表"
    ws.merge_cells("A1:I1")
    ws["A2"] = f"填报单位（盖章）：{org}　　填报日期：{YEAR}年11月28日"
    if rng.random() < 0.5:  # one header row, units in brackets
        ws.append(["序号", "推荐人选", "所在团支部", "应到会人数（人）", "实到会人数（人）", "同意票（票）", "不同意票（票）",
                   "弃权票（票）", "备注"])
    else:  # two header rows: 团支部大会表决情况 merged over the five figures
        ws.append(["序号", "姓名", "团支部", "团支部大会表决情况", "", "", "", "", "备注"])
        ws.append(["", "", "", "应到", "实到", "赞成", "反对", "弃权", ""])
        ws.merge_cells("D3:H3")
        for col in "ABCI":
            ws.merge_cells(f"{col}3:{col}4")
    for i, (branch, p) in enumerate(rows, 1):
        ws.append([i, typed_name(p.name, rng), branch, p.branch.size, p.branch.present, p.yes, p.no, p.abstain, ""])
    sums = [sum(p.yes for _, p in rows), sum(p.no for _, p in rows), sum(p.abstain for _, p in rows)]
    if wrong_sum:
        sums[0] += rng.choice([-4, -1, 3, 6])
    ws.append(["合计", f"{len(rows)}人", "", "", "", *sums, ""])
    wb.save(path)


def log_docx(path: Path, org: str, rows: list[tuple[str, int, int]], rng: random.Random) -> None:
    d = _doc(f"推优登记表领取及上交登记表（{org}）")
    style = rng.randrange(5)
    body = [[str(i), b, f"{taken}份", rng.choice(["范芳", "邵一鸣", "康晓彤"]),
             day_text(date(YEAR, 8, 25) + timedelta(days=rng.randint(0, 6)), style), f"{given}份", ""]
            for i, (b, taken, given) in enumerate(rows, 1)]
    _grid(d, [["序号", "团支部", "领取数量", "领取人签字", "领取时间", "交回份数", "备注"]] + body)
    d.save(path)


# --- planting and building ---------------------------------------------------------------------

VARIANTS: dict[str, tuple[str, ...]] = {
    "vote": ("over-present", "present-over-size", "no-majority"),
    "eligibility": ("under-18", "joined-young"),
    "id-number": ("check-digit", "birth", "gender"),
    "date": ("impossible",),
    "placeholder": ("blank-date", "fill-in"),
    "arithmetic": ("tally-sum",),
    "register": ("tally-missing", "tally-extra", "tally-votes", "log-over", "log-count"),
}
FORM_CATEGORIES = ("vote", "eligibility", "id-number", "date", "placeholder")
TALLY = "推优人选汇总表.xlsx"
LOG = "推优登记表领取登记.docx"


def _planted(p: Person, cat: str, variant: str) -> Person:
    """``p`` with the mistake of a form-level plant (the vote and the person as the form states them)."""
    b, m = p.branch, p.branch.meeting
    if cat == "vote":
        if variant == "over-present":
            return replace(p, abstain=p.abstain + 2)
        if variant == "present-over-size":
            return replace(p, branch=replace(b, present=b.size + 1), yes=p.yes + 1 + (b.size - b.present))
        yes = b.size // 2  # not more than half of 应到
        return replace(p, yes=yes, no=b.present - yes - p.abstain)
    if cat == "eligibility":
        if variant == "under-18":
            birth = m.replace(year=m.year - 17) - timedelta(days=40)
            return replace(p, birth=birth, joined=date(birth.year + 14, 9, 1))
        return replace(p, joined=date(p.birth.year + 13, 1, 1) if p.birth.month > 1 else date(p.birth.year + 12, 6, 1))
    return p


def build(out: Path, seed: int = 0, plants: dict[str, str] | None = None, *, org: str | None = None,
          layouts: tuple[str, ...] | None = None, converted: tuple[str, ...] = ()) -> Built:
    """Write a round into ``out`` (folders 支部上报 and 团委存档).

    ``plants`` maps a category to the variant to plant ({} for a clean round, None:
    one random variant of every category); ``layouts`` limits the form layouts;
    ``converted`` (needs LibreOffice) also sends one clean form as each of these
    (``pdf``, ``doc``) instead of .docx.
    """
    rng = random.Random(seed)
    org_name, branches = ORGS[org or rng.choice(sorted(ORGS))](rng)
    if plants is None:
        plants = {cat: rng.choice(vs) for cat, vs in VARIANTS.items()}
    people = _people(rng, branches, least=2 if plants else 1)  # room for every plant on its own form
    layouts = layouts or tuple(LAYOUTS)
    subs, office = out / "支部上报", out / "团委存档"
    subs.mkdir(parents=True, exist_ok=True)
    office.mkdir(parents=True, exist_ok=True)
    built = Built(out, subs, [office / TALLY, office / LOG], [])

    pool = [p for b in branches for p in people[b]]
    rng.shuffle(pool)
    marked: dict[Person, tuple[str, str]] = {}
    for cat in FORM_CATEGORIES:
        if cat in plants:
            p = pool.pop()
            bad = _planted(p, cat, plants[cat])
            people[p.branch] = [bad if q is p else q for q in people[p.branch]]
            marked[bad] = (cat, plants[cat])
    register = plants.get("register")
    clean = [p for b in branches for p in people[b] if p not in marked]
    rng.shuffle(clean)
    missing = clean.pop() if register == "tally-missing" else None
    differing = clean.pop() if register == "tally-votes" else None
    to_convert = {kind: clean.pop() for kind in converted if clean}

    files: dict[Person, str] = {}
    start = rng.randrange(len(layouts))
    k = 0
    for b in branches:
        for p in people[b]:
            layout = layouts[(start + k) % len(layouts)]
            k += 1
            cat, variant = marked.get(p, ("", ""))
            s = Style.draw(rng)
            number = p.id_number
            if cat == "id-number":
                if variant == "check-digit":
                    number = number[:17] + ("1" if number[17] != "1" else "2")
                elif variant == "birth":
                    number = make_id(p.area, p.birth.replace(month=p.birth.month % 12 + 1, day=1).strftime("%Y%m%d"),
                                     p.seq, p.gender == "男")
                else:
                    number = make_id(p.area, p.birth.strftime("%Y%m%d"), p.seq, p.gender != "男")
            if cat == "placeholder" and variant == "blank-date":
                layout = "runin"
            form = make_form(p, s, number, blank_sign=(cat, variant) == ("placeholder", "blank-date"),
                             fill_in=(cat, variant) == ("placeholder", "fill-in"))
            if cat == "date":  # a 表决日期 that does not exist
                form.meeting = f"{YEAR}年{rng.choice(['9月31日', '11月31日', '2月30日'])}"
                layout = rng.choice(["above", "side", "runin"])
            kind = next((k_ for k_, q in to_convert.items() if q is p), None)
            if kind:  # LibreOffice's .doc export drops python-docx tables with line breaks in a cell
                layout = rng.choice(["above", "side", "pairs"]) if kind == "pdf" else "above"
            write, ext = LAYOUTS[layout]
            stem = f"{rng.choice(['推荐表', '推优登记表', '登记表'])}-{b.name}-{p.name}"
            write(subs / (stem + ext), form, s, rng)
            name = stem + ext
            if kind:
                from toolkit.office import soffice_convert

                fmt, suffix = CONVERTED[kind]
                done = soffice_convert([subs / name], subs, fmt)
                (subs / name).unlink()
                name = done[(subs / name).resolve()].name if (subs / name).resolve() in done else f"{stem}.{suffix}"
                layout = kind
            files[p] = name
            built.layouts[name] = layout
            expected = p.record() | {"身份证号": number}
            if cat in ("", "id-number") or (cat == "placeholder" and variant == "blank-date"):
                built.forms[name] = expected

    # Form plants: the form itself, and what follows from it (the tally copies the form).
    for p, (cat, variant) in marked.items():
        also: tuple[tuple[str, str], ...] = ()
        if cat == "vote":
            home = next(b for b in branches if b.name == p.branch.name)
            peers = [files[q] for q in people[home] if q is not p]
            also = ((TALLY, "vote"), (TALLY, "register"), (files[p], "register"), *((f, "register") for f in peers))
        if cat == "date":
            also = ((files[p], "eligibility"), (files[p], "register"))
        if cat == "eligibility":
            also = ((files[p], "date"), (TALLY, "eligibility"))
        built.plants.append(Plant(cat, variant, files[p], also))

    rows = [(p.branch.tally_name, p if p is not differing else replace(p, yes=p.yes - 1, no=p.no + 1))
            for b in branches for p in people[b] if p is not missing]
    if register == "tally-extra":
        b = rng.choice(branches)
        ghost, _, _ = _name(rng, {p.name for q in people.values() for p in q})
        rows.append((b.tally_name, replace(people[b][0], name=ghost)))
    wrong_sum = plants.get("arithmetic") == "tally-sum"
    tally_xlsx(office / TALLY, org_name, rows, wrong_sum, rng)
    if wrong_sum:
        built.plants.append(Plant("arithmetic", "tally-sum", TALLY))
    if register in ("tally-missing", "tally-extra", "tally-votes"):
        built.plants.append(Plant("register", register, TALLY))

    log = [(b.tally_name, len(people[b]) + rng.randint(0, 2), len(people[b])) for b in branches]
    if register in ("log-over", "log-count"):
        i = rng.randrange(len(log))
        branch, taken, given = log[i]
        log[i] = (branch, given, given + 1) if register == "log-over" else (branch, given + 2, given + 1)
        built.plants.append(Plant("register", register, LOG))
    log_docx(office / LOG, org_name, log, rng)
    return built


if __name__ == "__main__":
    script(build, __doc__)
