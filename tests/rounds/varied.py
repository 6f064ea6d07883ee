"""A second round generator, written apart from ``build_round.py`` on purpose:
other organisations (a 开发区/乡镇 团工委 with 村, 机关, 企业, 卫生院 and 中学
branches; a 学院团委 whose branches write the college prefix or not; a 医院团委),
other names, and layouts built directly with python-docx and openpyxl:
vertical two-column forms with a 照片 cell, forms with content controls, forms
whose vote block sits in a text box, .xlsx forms, forms whose vote is one
sentence in the 团支部意见 cell, forms whose labels and values run together;
tallies as .docx with a two-row header and a 合计 row with units, hand-out
logs as .xlsx, minutes, summaries, a 通知 and a 简报.

Every document picks its own layout, label spellings, date style and branch
spelling from the seed. ``build(out, seed, plants)`` writes the round and
returns a :class:`Built` that says which file each planted mistake must be
reported on (and which category), plus the fields every form should convert to.

    python tests/rounds/varied.py OUTDIR [--seed N] [--clean]
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

import docx
import openpyxl
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests"):  # run as a script too
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from toolkit.cn.idcard import make_id  # noqa: E402

from rounds.helpers import NOTICE_DEVIATIONS, gongwen_docx  # noqa: E402

YEAR = 2026
FAMILY = "欧阳 司马 上官 诸葛 东方 慕容 皇甫 公孙 令狐 宇文".split()
SURNAME = "岳廉苗凤柏祁甘韶翁邬车蓝卞储褚鲍阮喻聂晏柴邢单穆牛窦谷钮"
GIVEN = "沐阳 清妍 景瑞 知夏 砚舟 书禾 予安 晏清 念初 嘉树 南乔 语桐 怀瑾 星野 初霁 以沫 承泽 听澜 思齐 望舒 锦程 若谷 云帆 亦舒".split()
NATIONS = ["汉族", "汉族", "汉族", "回族", "壮族", "满族", "土家族"]
ROLES = ["团支部书记", "组织委员", "宣传委员", "团员", "团员", "青年突击队队长"]
AREAS = ["330102", "510104", "420106", "370202", "610113"]


# --- the organisation ---------------------------------------------------------

@dataclass(frozen=True)
class Branch:
    spellings: tuple[str, ...]  # how documents write the branch: longest first, all one branch
    size: int  # members entitled to vote (应到)
    present: int
    meeting: date

    @property
    def short(self) -> str:
        return self.spellings[-1]


@dataclass(frozen=True)
class Unit:
    name: str  # the committee: 共青团××委员会
    short: str  # as the office signs: ××团委
    doc_prefix: str  # 发文字号 prefix: 青开团发
    branches: tuple[Branch, ...]


def _town(rng: random.Random) -> Unit:
    zone = rng.choice(["滨海", "青禾", "云溪", "临江"])
    village = rng.sample(["石桥", "柳塘", "枫林", "杏坪", "双河", "桃源"], 2)
    firm = rng.choice(["宏达机械制造", "远航物流", "绿源食品", "恒信电子"])
    cores = [
        (f"{zone}经济开发区{village[0]}村团支部", f"{village[0]}村团支部"),
        (f"{zone}经济开发区{village[1]}村团支部", f"{village[1]}村团支部"),
        (f"{zone}新区管委会机关团支部", "管委会机关团支部"),
        (f"{zone}{firm}有限公司第一团支部", f"{firm}有限公司第一团支部"),
        (f"{zone}经济开发区卫生院团支部", f"{zone}卫生院团支部"),
        (f"{zone}经济开发区中心中学教工团支部", "中心中学教工团支部"),
    ]
    return Unit(f"共青团{zone}经济开发区工作委员会", f"{zone}开发区团工委", f"{zone[0]}开团发",
                tuple(_branch(rng, s) for s in cores))


def _college(rng: random.Random) -> Unit:
    college = rng.choice(["经济管理学院", "信息工程学院", "外国语学院"])
    majors = {"经济管理学院": ["会计", "财管", "电商", "物流"], "信息工程学院": ["软工", "网安", "数媒", "通信"],
              "外国语学院": ["英语", "日语", "翻译", "商英"]}[college]
    cores = []
    for i in range(6):
        core = f"{majors[i % 4]}{2301 + i // 4 * 100}团支部"
        cores.append((f"共青团{college}{core}", f"{college}{core}", core))
    return Unit(f"共青团{college}委员会", f"{college}团委", f"{college[:2]}团发",
                tuple(_branch(rng, s) for s in cores))


def _hospital(rng: random.Random) -> Unit:
    city = rng.choice(["东阳", "北仑", "江城"])
    depts = ["护理部第一", "护理部第二", "内科", "外科", "医技", "行政后勤"]
    cores = [(f"{city}市人民医院{d}团支部", f"{d}团支部") for d in depts]
    return Unit(f"共青团{city}市人民医院委员会", f"{city}市人民医院团委", f"{city[0]}医团发",
                tuple(_branch(rng, s) for s in cores))


def _branch(rng: random.Random, spellings: tuple[str, ...]) -> Branch:
    size = rng.randint(12, 45)
    present = size - rng.randint(0, min(4, size // 2 - 1))
    return Branch(spellings, size, present, date(YEAR, 10, rng.randint(12, 24)))


UNITS: dict[str, Callable[[random.Random], Unit]] = {"town": _town, "college": _college, "hospital": _hospital}


# --- the people ---------------------------------------------------------------

@dataclass(frozen=True)
class Candidate:
    name: str
    gender: str
    nation: str
    birth: date
    joined: date  # day 1 of the month
    role: str
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

    def fields(self, branch_text: str) -> dict[str, object]:
        """The canonical record convert must give for this candidate's form."""
        return {"姓名": self.name, "性别": self.gender, "民族": self.nation, "出生日期": self.birth.strftime("%Y-%m"),
                "身份证号": self.id_number, "入团时间": self.joined.strftime("%Y-%m"), "团支部": branch_text,
                "团内职务": self.role, "联系电话": self.phone, "应到人数": self.branch.size,
                "实到人数": self.branch.present, "赞成票": self.yes, "反对票": self.no, "弃权票": self.abstain,
                "表决日期": self.branch.meeting.isoformat()}


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        family = rng.choice(FAMILY) if rng.random() < 0.1 else rng.choice(SURNAME)
        given = rng.choice(GIVEN)
        name = family + (given if rng.random() < 0.8 else given[0])
        if name not in used:
            used.add(name)
            return name


def _candidates(rng: random.Random, unit: Unit) -> dict[Branch, list[Candidate]]:
    used: set[str] = set()
    out: dict[Branch, list[Candidate]] = {}
    seq = 11
    for b in unit.branches:
        people = []
        for _ in range(rng.randint(1, 3)):
            age = rng.randint(19, 27)
            birth = date(b.meeting.year - age, rng.randint(1, 12), rng.randint(1, 28))
            if birth > b.meeting.replace(year=b.meeting.year - age):
                birth = birth.replace(year=birth.year - 1) if age < 27 else birth.replace(month=1, day=1)
            joined = date(birth.year + rng.randint(15, 16), rng.randint(1, 12), 1)  # 14 or older
            spare = b.present - (b.size // 2 + 1)  # votes that may go elsewhere and still pass
            no = rng.randint(0, min(2, spare))
            abstain = rng.randint(0, min(2, spare - no))
            yes = b.present - no - abstain
            seq += 7
            people.append(Candidate(_name(rng, used), rng.choice("男女"), rng.choice(NATIONS), birth, joined,
                                    rng.choice(ROLES), f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}",
                                    b, yes, no, abstain, seq, rng.choice(AREAS)))
        out[b] = people
    return out


# --- spellings ------------------------------------------------------------------

LABELS = {
    "姓名": ["姓名", "姓　名", "姓 名"], "性别": ["性别", "性　别"], "民族": ["民族", "民　族"],
    "出生日期": ["出生年月", "出生日期"], "身份证号": ["身份证号", "公民身份号码", "身份证号码"],
    "入团时间": ["入团时间", "入团年月"], "团支部": ["所在团支部", "所在支部", "团支部"],
    "团内职务": ["团内职务", "现任职务", "团内职务"], "联系电话": ["联系电话", "手机号码"],
    "表决日期": ["表决日期", "表决时间", "会议时间"],
}


def _month(d: date, style: int) -> str:
    return [f"{d.year}年{d.month}月", f"{d.year}.{d.month:02d}", f"{d.year}-{d.month:02d}", f"{d.year}年{d.month:02d}月"][style]


def _day(d: date, style: int) -> str:
    return [f"{d.year}年{d.month}月{d.day}日", f"{d.year}.{d.month}.{d.day}", f"{d.year}-{d.month:02d}-{d.day:02d}"][style]


@dataclass
class Style:
    """One document's spellings, drawn once per document."""

    labels: dict[str, str]
    month: int
    day: int
    branch: str

    @classmethod
    def draw(cls, rng: random.Random, branch: Branch) -> "Style":
        return cls({k: rng.choice(v) for k, v in LABELS.items()}, rng.randrange(4), rng.randrange(3),
                   rng.choice(branch.spellings))


def _vote_sentence(c: Candidate, s: Style, rng: random.Random) -> str:
    yes, no = rng.choice([("赞成", "反对"), ("同意", "不同意")])
    when = _day(c.branch.meeting, 0)
    return (f"{when}召开团员大会，应到会{c.branch.size}人，实到{c.branch.present}人，"
            f"{yes}{c.yes}票，{no}{c.no}票，弃权{c.abstain}票，同意推荐{c.name}同志为入党积极分子人选。")


# --- writing helpers ------------------------------------------------------------------

def _table(d, rows: list[list[str]], merges=()):
    t = d.add_table(rows=len(rows), cols=max(map(len, rows)))
    t.style = "Table Grid"
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            if text:
                t.cell(r, k).text = text
    for (r1, c1), (r2, c2) in merges:
        t.cell(r1, c1).merge(t.cell(r2, c2))
    return t


def _title(d, text: str) -> None:
    p = d.add_paragraph()
    p.alignment = 1
    run = p.add_run(text)
    run.bold = True


FORM_TITLES = ["推荐优秀团员作为入党积极分子人选登记表", "推优入党登记表", "共青团员推优入党推荐表"]


def _values(c: Candidate, s: Style, id_number: str | None = None) -> dict[str, str]:
    return {"姓名": c.name, "性别": c.gender, "民族": c.nation, "出生日期": _month(c.birth, s.month),
            "身份证号": id_number or c.id_number, "入团时间": _month(c.joined, s.month), "团支部": s.branch,
            "团内职务": c.role, "联系电话": c.phone, "表决日期": _day(c.branch.meeting, s.day)}


def _vote_rows(c: Candidate) -> list[tuple[str, str]]:
    return [("应到人数", str(c.branch.size)), ("实到人数", str(c.branch.present)),
            ("赞成票", str(c.yes)), ("反对票", str(c.no)), ("弃权票", str(c.abstain))]


def form_vertical(path: Path, c: Candidate, s: Style, rng: random.Random, **kw) -> None:
    """Label | value | 照片 (the photo cell spans the first four rows)."""
    d = docx.Document()
    _title(d, rng.choice(FORM_TITLES))
    v = _values(c, s, kw.get("id_number"))
    keys = ["姓名", "性别", "民族", "出生日期", "身份证号", "入团时间", "团支部", "团内职务", "联系电话"]
    rows = [[s.labels[k], v[k], "照片" if i == 0 else ""] for i, k in enumerate(keys)]
    rows += [[label, value, ""] for label, value in _vote_rows(c)]
    rows += [[s.labels["表决日期"], v["表决日期"], ""], ["团支部意见", "同意推荐", ""]]
    merges = [((0, 2), (3, 2))] + [((r, 1), (r, 2)) for r in range(4, len(rows))]
    _table(d, rows, merges)
    d.add_paragraph(f"团支部书记（签字）：　　　　　　{_day(c.branch.meeting + timedelta(days=2), s.day)}")
    d.save(path)


def form_sentence(path: Path, c: Candidate, s: Style, rng: random.Random, **kw) -> None:
    """A four-column grid; the vote is one sentence in the 团支部意见 cell."""
    d = docx.Document()
    _title(d, rng.choice(FORM_TITLES))
    v = _values(c, s, kw.get("id_number"))
    L = s.labels
    rows = [[L["姓名"], v["姓名"], L["性别"], v["性别"]], [L["民族"], v["民族"], L["出生日期"], v["出生日期"]],
            [L["身份证号"], v["身份证号"], "", ""], [L["入团时间"], v["入团时间"], L["团内职务"], v["团内职务"]],
            [L["团支部"], v["团支部"], "", ""], [L["联系电话"], v["联系电话"], "", ""],
            ["团支部意见", kw.get("sentence") or _vote_sentence(c, s, rng), "", ""]]
    merges = [((2, 1), (2, 3)), ((4, 1), (4, 3)), ((5, 1), (5, 3)), ((6, 1), (6, 3))]
    _table(d, rows, merges)
    d.add_paragraph(f"（团支部盖章）　　{_day(c.branch.meeting + timedelta(days=1), 0)}")
    d.save(path)


def _sdt(label: str, text: str):
    return parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="{label}"/><w:tag w:val="{label}"/></w:sdtPr>'
        f'<w:sdtContent><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:sdtContent></w:sdt>')


def form_controls(path: Path, c: Candidate, s: Style, rng: random.Random, **kw) -> None:
    """A six-column grid whose values are content controls (a Word template with fields to fill)."""
    d = docx.Document()
    _title(d, rng.choice(FORM_TITLES))
    v = _values(c, s, kw.get("id_number"))
    L = s.labels
    layout = [["姓名", "性别", "民族"], ["出生日期", "入团时间", "团内职务"], ["身份证号", "团支部", "联系电话"]]
    vote = [("应到人数", "实到人数", "表决日期"), ("赞成票", "反对票", "弃权票")]
    votes = dict(_vote_rows(c)) | {"表决日期": v["表决日期"]}
    t = _table(d, [[""] * 6 for _ in range(len(layout) + len(vote))])
    for r, keys in enumerate(layout):
        for k, key in enumerate(keys):
            t.cell(r, 2 * k).text = L[key]
            t.cell(r, 2 * k + 1).paragraphs[0]._p.append(_sdt(key, v[key]))
    for r, keys in enumerate(vote, len(layout)):
        for k, key in enumerate(keys):
            t.cell(r, 2 * k).text = L.get(key, key)
            t.cell(r, 2 * k + 1).paragraphs[0]._p.append(_sdt(key, votes[key]))
    d.add_paragraph("团支部意见：同意推荐。")
    d.save(path)


def _textbox(lines: list[str]):
    paras = "".join(f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>' for t in lines)
    return parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
        f'<v:shape id="vote" type="#_x0000_t202" style="width:420pt;height:90pt">'
        f'<v:textbox><w:txbxContent>{paras}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')


def form_textbox(path: Path, c: Candidate, s: Style, rng: random.Random, **kw) -> None:
    """Label lines; the 团支部大会表决情况 block is a text box."""
    d = docx.Document()
    _title(d, rng.choice(FORM_TITLES))
    v = _values(c, s, kw.get("id_number"))
    L = s.labels
    gap = "　　"
    for keys in (["姓名", "性别", "民族"], ["出生日期", "入团时间"], ["身份证号"], ["团支部", "团内职务"], ["联系电话"]):
        d.add_paragraph(gap.join(f"{L[k]}：{v[k]}" for k in keys))
    d.add_paragraph("团支部大会表决情况：")
    d.add_paragraph()._p.append(_textbox([
        f"{L['表决日期']}：{v['表决日期']}",
        f"应到{c.branch.size}人，实到{c.branch.present}人，赞成{c.yes}票，反对{c.no}票，弃权{c.abstain}票。"]))
    d.add_paragraph("团支部意见：同意推荐")
    d.save(path)


def form_runon(path: Path, c: Candidate, s: Style, rng: random.Random, **kw) -> None:
    """Labels and values run together in one paragraph, as a .doc passed through
    several programs comes out."""
    d = docx.Document()
    _title(d, rng.choice(FORM_TITLES))
    v = _values(c, s, kw.get("id_number"))
    L = s.labels
    d.add_paragraph("".join(f"{L[k]}{v[k]}" for k in ("姓名", "性别", "出生日期", "民族", "入团时间")))
    d.add_paragraph("".join(f"{L[k]}{v[k]}" for k in ("身份证号", "团支部", "团内职务", "联系电话")))
    d.add_paragraph(f"{L['表决日期']}{v['表决日期']}应到人数{c.branch.size}实到人数{c.branch.present}"
                    f"赞成票{c.yes}反对票{c.no}弃权票{c.abstain}")
    d.save(path)


def form_xlsx(path: Path, c: Candidate, s: Style, rng: random.Random, **kw) -> None:
    """An Excel form: title merged over four columns, label/value pairs below."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "登记表"
    ws["A1"] = rng.choice(FORM_TITLES)
    ws.merge_cells("A1:D1")
    v = _values(c, s, kw.get("id_number"))
    L = s.labels
    pairs = [(L[k], v[k]) for k in ("姓名", "性别", "民族", "出生日期", "身份证号", "入团时间", "团支部", "团内职务",
                                    "联系电话")] + _vote_rows(c) + [(L["表决日期"], v["表决日期"])]
    for i, (label, value) in enumerate(pairs):
        r, k = 2 + i // 2, 1 + 2 * (i % 2)
        ws.cell(r, k, label)
        ws.cell(r, k + 1, int(value) if value.isdigit() and len(value) < 6 else value)
    last = 2 + (len(pairs) + 1) // 2
    ws.cell(last, 1, "团支部意见")
    ws.cell(last, 2, "同意推荐")
    ws.merge_cells(start_row=last, start_column=2, end_row=last, end_column=4)
    wb.save(path)


FORM_LAYOUTS: dict[str, Callable[..., None]] = {
    "vertical": form_vertical, "sentence": form_sentence, "controls": form_controls,
    "textbox": form_textbox, "xlsx": form_xlsx, "runon": form_runon,
}


# --- the office's registers -----------------------------------------------------------

def tally_docx(path: Path, unit: Unit, rows: list[tuple[str, Candidate]], rng: random.Random,
               wrong_sum: bool = False) -> None:
    """Two-row header (表决情况 over 应到/实到/赞成/反对/弃权), 合计 row with units."""
    d = docx.Document()
    _title(d, f"{YEAR}年推荐优秀团员作入党积极分子人选汇总表")
    d.add_paragraph(f"填报单位：{unit.short}")
    head = [["序号", "团支部", "姓名", "团支部大会表决情况", "", "", "", "", "备注"],
            ["", "", "", "应到", "实到", "赞成", "反对", "弃权", ""]]
    body = [[str(i), b, c.name, str(c.branch.size), str(c.branch.present), str(c.yes), str(c.no), str(c.abstain), ""]
            for i, (b, c) in enumerate(rows, 1)]
    sums = [sum(c.yes for _, c in rows), sum(c.no for _, c in rows), sum(c.abstain for _, c in rows)]
    if wrong_sum:
        sums[0] += rng.choice([-3, -2, 2, 5])
    unit_word = rng.choice(["票", ""])
    total = ["合计", "", f"{len(rows)}人", "", "", *(f"{n}{unit_word}" for n in sums), ""]
    merges = [((0, 3), (0, 7))] + [((0, k), (1, k)) for k in (0, 1, 2, 8)]
    _table(d, head + body + [total], merges)
    d.add_paragraph(f"填表人：{rng.choice(['岳清妍', '祁景瑞', '苗知夏'])}　　填表日期：{YEAR}年10月28日")
    d.save(path)


def log_xlsx(path: Path, unit: Unit, rows: list[tuple[str, int, int]], rng: random.Random) -> None:
    """The hand-out log as a workbook: a merged title row, then one row per branch."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "领取登记"
    ws["A1"] = f"{YEAR}年推优登记表领取及上交登记表（{unit.short}）"
    ws.merge_cells("A1:G1")
    ws.append(["序号", "团支部", "领取份数", "领取人", "领取日期", "上交份数", "上交日期"])
    for i, (branch, taken, given) in enumerate(rows, 1):
        ws.append([i, branch, taken, rng.choice(["翁晏清", "邬念初", "车嘉树"]), f"{YEAR}-10-0{rng.randint(5, 9)}",
                   given, f"{YEAR}-10-2{rng.randint(5, 7)}"])
    wb.save(path)


# --- narrative documents ---------------------------------------------------------------

def _write_paragraphs(path: Path, lines: list[str]) -> None:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(path)


def summary_lines(unit: Unit, b: Branch, people: list[Candidate], rng: random.Random, spelling: str) -> list[str]:
    names = "、".join(c.name for c in people)
    n = len(people)
    acts = [rng.randint(2, 5) for _ in range(3)]
    signed = b.meeting + timedelta(days=rng.randint(3, 6))
    opening = rng.choice([
        f"按照{unit.short}关于做好{YEAR}年推荐优秀团员作入党积极分子人选工作的安排，本支部认真组织、稳步推进，现将工作情况报告如下。",
        f"今年以来，{spelling}在{unit.short}的指导下，把推优工作作为团员教育管理的重要抓手，现总结如下。"])
    return [
        f"{spelling}{YEAR}年推优工作情况报告",
        opening,
        "一、工作开展情况",
        f"本支部现有团员{b.size}名。{_day(b.meeting, 0)}，支部召开团员大会，实到{b.present}名，"
        f"经无记名投票，{names}{n}名同志当选推荐人选。",
        f"年内共组织集体活动{sum(acts)}次，其中主题团日{acts[0]}次、志愿服务{acts[1]}次、青年理论学习{acts[2]}次。",
        "二、主要做法",
        rng.choice(["支委会逐一核对候选人年龄、团龄和日常表现，对照条件把关，确保人选经得起检验。",
                    "会前向全体团员讲清推优条件和程序，会上当场唱票计票，结果当场公布。"]),
        rng.choice(["会后在宣传栏公示推荐名单五个工作日，公示期间无异议。",
                    "推荐结果在支部微信群和公告栏同步公示，接受团员和群众监督。"]),
        "三、下一步打算",
        rng.choice(["继续加强对推荐人选的跟踪培养，定期听取思想汇报。",
                    "把日常表现纳入团员档案，为下一轮推优打好基础。"]),
        spelling,
        _day(signed, 0),
    ]


def minutes_lines(b: Branch, people: list[Candidate], rng: random.Random, spelling: str) -> list[str]:
    return [
        f"{spelling}团员大会会议记录",
        f"时间：{_day(b.meeting, 0)}　{rng.choice(['14:30', '19:00', '16:00'])}",
        f"地点：{rng.choice(['村委会二楼会议室', '党群服务中心', '综合楼302', '行政楼会议室'])}",
        f"应到会团员{b.size}人，实到会{b.present}人，符合规定人数。",
        "议程：介绍推优条件和程序；候选人作自我介绍；无记名投票；宣布表决结果。",
        *(f"{c.name}：赞成{c.yes}票，反对{c.no}票，弃权{c.abstain}票。" for c in people),
        "表决结果当场宣布。",
        f"记录人：{rng.choice(['柏予安', '甘书禾', '韶晏清'])}",
    ]


def minutes_table(path: Path, b: Branch, people: list[Candidate], rng: random.Random, spelling: str) -> None:
    """Minutes laid out as a table: header block, then a vote table."""
    d = docx.Document()
    _title(d, f"{spelling}团员大会会议记录")
    _table(d, [["会议时间", _day(b.meeting, 0)], ["会议地点", rng.choice(["会议室", "活动室"])],
               ["应到人数", f"{b.size}人"], ["实到人数", f"{b.present}人"]])
    d.add_paragraph("表决情况：")
    _table(d, [["姓名", "赞成", "反对", "弃权"]] + [[c.name, str(c.yes), str(c.no), str(c.abstain)] for c in people])
    d.save(path)


def notice_lines(unit: Unit, number: str, dated: date) -> list[str]:
    return [f"{unit.name}文件", number,
            f"关于做好{YEAR}年推荐优秀团员作入党积极分子人选工作的通知", "各基层团支部：",
            f"为做好{YEAR}年推优工作，现将有关事项通知如下。",
            "一、推荐对象", "年满18周岁、入团满1年、表现突出的团员。",
            "二、程序要求", "（一）召开团员大会", "到会团员须超过应到人数的一半，赞成票须超过应到人数的一半。",
            "（二）报送材料", "各团支部于10月30日前报送推优登记表、会议记录和工作报告。",
            "附件：1.推优登记表", "2.推优汇总表", unit.name, _day(dated, 0)]


def bulletin_lines(unit: Unit, issue: int, dated: date, branches: list[str]) -> list[str]:
    return ["团讯", f"第{issue}期", f"{unit.short}编　　{_day(dated, 0)}",
            f"{branches[0]}开展推优主题团日活动",
            f"近日，{branches[0]}组织团员集中学习推优工作有关规定，围绕条件和程序开展讨论。",
            f"{branches[1]}完成推优表决",
            f"{branches[1]}召开团员大会，经无记名投票产生推荐人选，结果已公示。",
            f"报送：{unit.short}上级团委", "分送：各基层团支部"]


# --- planting -----------------------------------------------------------------------

@dataclass(frozen=True)
class Plant:
    """A planted mistake: it must be reported on ``file`` under ``category``.
    ``also`` names (file, category) pairs where a finding is a consequence of
    the mistake (the tally copies a bad vote), not a false alarm."""

    category: str
    variant: str
    file: str
    also: tuple[tuple[str, str], ...] = ()  # (file, category)


# Every category of the contract and the variants planted for it.
VARIANTS: dict[str, tuple[str, ...]] = {
    "placeholder": ("xx-unit", "blank-date", "fill-in"),
    "count": ("stated-total", "points"),
    "arithmetic": ("tally-sum", "of-which", "percent"),
    "vote": ("over-present", "present-over-size", "no-majority"),
    "eligibility": ("under-18", "joined-young"),
    "id-number": ("check-digit", "birth", "gender"),
    "date": ("impossible", "after-signing"),
    "typo": ("lexicon", "doubled"),
    "punctuation": ("half-width", "ellipsis"),
    "boilerplate": ("site", "piece"),
    "duplicate": ("copied-summary",),
    "register": ("log-over", "tally-votes", "tally-missing", "summary-total", "log-count"),
    "format": ("brackets", "leading-zero", "margins", "body-font", "page-size", "title-font", "no-page-number"),
}


@dataclass
class Built:
    root: Path
    submissions: Path  # folder of the branches' files (and the notice, bulletin)
    registers: list[Path]
    plants: list[Plant]
    forms: dict[str, dict[str, object]] = field(default_factory=dict)  # file name → expected fields
    layouts: dict[str, str] = field(default_factory=dict)  # form file name → layout


def build(out: Path, seed: int = 0, plants: dict[str, str] | None = None, *, unit_kind: str | None = None,
          layouts: tuple[str, ...] | None = None, n_branches: int | None = None, spell: bool = True,
          twins: bool = False) -> Built:
    """Write a round into ``out`` (folders 提交材料 and 团委).

    ``plants`` maps a category to the variant to plant ({} for a clean round;
    None: one random variant of every category); ``layouts`` limits the form
    layouts (each form takes the next one from a random start, so a round of
    six forms shows them all); ``n_branches`` takes fewer branches (at least 3
    when planting); ``spell=False`` writes every branch one way throughout;
    ``twins`` (needs LibreOffice) has one branch send a form both as .docx and
    as its PDF, and another send its summary as a .doc.
    """
    rng = random.Random(seed)
    unit = UNITS[unit_kind or rng.choice(sorted(UNITS))](rng)
    if not spell:
        unit = replace(unit, branches=tuple(replace(b, spellings=b.spellings[:1]) for b in unit.branches))
    people = _candidates(rng, unit)
    if plants is None:
        plants = {cat: rng.choice(vs) for cat, vs in VARIANTS.items()}
    layouts = layouts or tuple(FORM_LAYOUTS)
    subs, office = out / "提交材料", out / "团委"
    subs.mkdir(parents=True, exist_ok=True)
    office.mkdir(parents=True, exist_ok=True)
    built = Built(out, subs, [], [])
    branches = list(unit.branches)
    rng.shuffle(branches)
    branches = branches[:n_branches]
    next_layout = rng.randrange(len(layouts))
    # Which branch carries which planted mistake: form plants and text plants on separate documents.
    text_cats = [c for c in ("placeholder", "count", "arithmetic", "date", "typo", "punctuation", "boilerplate")
                 if c in plants and not (c == "arithmetic" and plants[c] == "tally-sum")
                 and not (c == "placeholder" and plants[c] == "blank-date")]
    if plants.get("register") == "summary-total":  # the summary's total against the branch's forms
        text_cats.append("register")
    form_cats = [c for c in ("vote", "eligibility", "id-number") if c in plants]
    if plants.get("placeholder") == "blank-date":
        form_cats.append("placeholder")

    tally_rows: list[tuple[str, Candidate]] = []
    log_rows: list[tuple[str, int, int]] = []
    summaries: dict[Branch, list[str]] = {}
    summary_files: dict[Branch, str] = {}
    minute_files: dict[Branch, str] = {}
    form_files: dict[Candidate, str] = {}

    # Form-level plants: change the candidate before anything is written (the tally copies the form).
    planted_people: dict[Candidate, tuple[str, str]] = {}
    pool = [c for b in branches for c in people[b]]
    rng.shuffle(pool)
    for cat in form_cats:
        c = pool.pop()
        variant = plants[cat]
        bad = c
        if cat == "vote":
            b = c.branch
            if variant == "over-present":
                bad = replace(c, abstain=c.abstain + 3)
            elif variant == "present-over-size":
                nb = replace(b, present=b.size + 2)
                bad = replace(c, branch=nb, yes=c.yes + 2)
            else:  # no-majority: 赞成 not more than half of 应到
                yes = b.size // 2
                no = max(0, b.present - yes - c.abstain)
                bad = replace(c, yes=yes, no=no, abstain=b.present - yes - no)
        elif cat == "eligibility":
            m = c.branch.meeting
            if variant == "under-18":
                bad = replace(c, birth=date(m.year - 17, m.month, 28) if m.month < 12 else date(m.year - 17, 12, 1),
                              joined=date(m.year - 3, 5, 1))
            else:  # joined before 14
                bad = replace(c, joined=date(c.birth.year + 13, 1, 1) if c.birth.month > 1 else date(c.birth.year + 12, 9, 1))
        people[c.branch] = [bad if p is c else p for p in people[c.branch]]
        planted_people[bad] = (cat, variant)

    register_variant = plants.get("register")
    missing_row = tally_votes = None
    for b in branches:
        for c in people[b]:
            if c not in planted_people:
                if register_variant == "tally-missing" and missing_row is None:
                    missing_row = c
                elif register_variant == "tally-votes" and tally_votes is None:
                    tally_votes = c

    for b in branches:
        for c in people[b]:
            layout = layouts[next_layout % len(layouts)]
            next_layout += 1
            s = Style.draw(rng, b)
            ext = ".xlsx" if layout == "xlsx" else ".docx"
            name = f"{rng.choice(['推优登记表', '登记表', '推荐表'])}_{s.branch}_{c.name}{ext}"
            kw = {}
            if c in planted_people and planted_people[c][0] == "id-number":
                variant = planted_people[c][1]
                number = c.id_number
                if variant == "check-digit":
                    number = number[:17] + ("0" if number[17] != "0" else "1")
                elif variant == "birth":
                    other = c.birth.replace(month=c.birth.month % 12 + 1)  # forms give the month
                    number = make_id(c.area, other.strftime("%Y%m%d"), c.seq, c.gender == "男")
                else:
                    number = make_id(c.area, c.birth.strftime("%Y%m%d"), c.seq, c.gender != "男")
                kw["id_number"] = number
            if c in planted_people and planted_people[c] == ("placeholder", "blank-date"):
                layout = "vertical"
                name = name.removesuffix(ext) + ".docx"
            FORM_LAYOUTS[layout](subs / name, c, s, rng, **kw)
            if c in planted_people and planted_people[c] == ("placeholder", "blank-date"):
                _blank_sign_date(subs / name)
            form_files[c] = name
            built.layouts[name] = layout
            if c not in planted_people or planted_people[c][0] == "placeholder":
                built.forms[name] = c.fields(s.branch) | ({"身份证号": kw["id_number"]} if kw else {})
            elif planted_people[c][0] == "id-number":
                built.forms[name] = c.fields(s.branch) | {"身份证号": kw["id_number"]}
            if c is not missing_row:
                row = replace(c, yes=c.yes - 1, no=c.no + 1) if c is tally_votes else c
                tally_rows.append((rng.choice(b.spellings), row))
        spelling = rng.choice(b.spellings)
        summaries[b] = summary_lines(unit, b, people[b], rng, spelling)
        summary_files[b] = f"{rng.choice(['工作总结', '推优工作报告', '总结'])}_{spelling}.docx"
        if rng.random() < 0.5:
            minute_files[b] = f"会议记录_{rng.choice(b.spellings)}.docx"
            if rng.random() < 0.5:
                minutes_table(subs / minute_files[b], b, people[b], rng, spelling)
            else:
                _write_paragraphs(subs / minute_files[b], minutes_lines(b, people[b], rng, spelling))

    tally = "推优汇总表.docx"
    for c, (cat, variant) in planted_people.items():
        also: list[tuple[str, str]] = []
        if cat == "vote":
            home = next(b for b in branches if b.spellings == c.branch.spellings)
            others = [form_files[p] for p in people[home] if p is not c]
            also += [(tally, "vote"), (tally, "register"), (form_files[c], "register")]
            also += [(f, "register") for f in others]
            if home in minute_files:
                also += [(minute_files[home], "vote"), (minute_files[home], "register")]
        built.plants.append(Plant(cat, variant, form_files[c], tuple(also)))

    # Text plants on the summaries of all but the last two branches; those two are the copy and its source.
    carriers = branches[:-2]
    for i, cat in enumerate(text_cats):
        b = carriers[i % len(carriers)]
        variant = plants[cat]
        if cat == "count":  # a list of names needs two of them; else the 以下三点 kind
            b = max(carriers, key=lambda x: len(people[x]))
            variant = variant if len(people[b]) > 1 else "points"
        summaries[b] = _plant_text(cat, variant, summaries[b], people[b], rng)
        built.plants.append(Plant(cat, variant, summary_files[b]))

    if "duplicate" in plants:
        a, b = branches[-1], branches[-2]
        copied = list(summaries[a])
        for old, new in zip(people[a], people[b]):
            copied = [line.replace(old.name, new.name) for line in copied]
        for spelling in a.spellings:
            copied = [line.replace(spelling, b.short) for line in copied]
        summaries[b] = copied
        # The copy keeps the source's figures (and names beyond the copier's own): wrong for its branch.
        built.plants.append(Plant("duplicate", plants["duplicate"], summary_files[b],
                                  ((summary_files[a], "duplicate"), (summary_files[b], "register"),
                                   (summary_files[b], "count"))))

    for b in branches:
        _write_paragraphs(subs / summary_files[b], summaries[b])

    # The office's registers.
    wrong_sum = plants.get("arithmetic") == "tally-sum"
    tally_docx(office / "推优汇总表.docx", unit, tally_rows, rng, wrong_sum=wrong_sum)
    if wrong_sum:
        built.plants.append(Plant("arithmetic", "tally-sum", "推优汇总表.docx"))
    for b in branches:
        n = len(people[b])
        log_rows.append((rng.choice(b.spellings), n + rng.randint(0, 1), n))
    if register_variant == "log-over":
        i = rng.randrange(len(log_rows))
        branch, taken, _ = log_rows[i]
        log_rows[i] = (branch, taken, taken + 1)
    elif register_variant == "log-count":  # the log records one form more than came in, within what was taken
        i = rng.randrange(len(log_rows))
        branch, taken, given = log_rows[i]
        log_rows[i] = (branch, given + 1, given + 1)
    log_xlsx(office / "推优登记表领取登记.xlsx", unit, log_rows, rng)
    if register_variant in ("log-over", "log-count"):
        built.plants.append(Plant("register", register_variant, "推优登记表领取登记.xlsx"))
    elif register_variant == "tally-missing":
        built.plants.append(Plant("register", register_variant, "推优汇总表.docx"))
    elif register_variant == "tally-votes":
        built.plants.append(Plant("register", register_variant, "推优汇总表.docx"))
    built.registers = [office / "推优汇总表.docx", office / "推优登记表领取登记.xlsx"]

    number = f"{unit.doc_prefix}〔{YEAR}〕{rng.randint(3, 19)}号"
    if plants.get("format") == "brackets":
        open_, close = rng.choice([("[", "]"), ("【", "】"), ("（", "）")])
        number = f"{unit.doc_prefix}{open_}{YEAR}{close}{rng.randint(3, 19)}号"
    elif plants.get("format") == "leading-zero":
        number = f"{unit.doc_prefix}〔{YEAR}〕0{rng.randint(3, 9)}号"
    layout_fault = plants.get("format") if plants.get("format") in NOTICE_DEVIATIONS else None
    gongwen_docx(subs / "通知.docx", notice_lines(unit, number, date(YEAR, 10, 8)), layout_fault)
    if "format" in plants:
        built.plants.append(Plant("format", plants["format"], "通知.docx"))
    shorts = [rng.choice(b.spellings) for b in branches[:2]]
    _write_paragraphs(subs / "团讯.docx", bulletin_lines(unit, rng.randint(3, 12), date(YEAR, 10, 29), shorts))
    if twins:
        touched = {c.branch.spellings for c in planted_people}
        _twins(built, [b for b in branches if b.spellings not in touched], form_files, people, summary_files)
    return built


def _twins(built: Built, clean: list[Branch], form_files: dict, people: dict, summary_files: dict) -> None:
    """A clean branch's first .docx form also as its PDF (same submission, twice), and
    another clean branch's summary as a .doc instead of .docx, both by LibreOffice."""
    from toolkit.office import soffice_convert

    plain = ({f.name for f in built.submissions.iterdir()} - {p.file for p in built.plants}
             - {f for p in built.plants for f, _ in p.also})
    form = next((form_files[c] for b in clean for c in people[b]
                 if form_files[c] in plain and built.layouts[form_files[c]] in ("vertical", "sentence", "controls")),
                None)
    if form:
        pdf = soffice_convert([built.submissions / form], built.submissions)[built.submissions / form]
        built.forms[pdf.name] = built.forms[form]
        built.layouts[pdf.name] = built.layouts[form] + "+pdf"
    summary = next((summary_files[b] for b in reversed(clean) if summary_files[b] in plain), None)
    if summary:
        source = built.submissions / summary
        if soffice_convert([source], built.submissions, "doc:MS Word 97"):
            source.unlink()


def _blank_sign_date(path: Path) -> None:
    """The signature line keeps the template's blank ``年 月 日``."""
    d = docx.Document(str(path))
    last = d.paragraphs[-1]
    for run in last.runs:
        run.text = ""
    last.runs[0].text = "团支部书记（签字）：　　　　　　　　年　　月　　日"
    d.save(path)


def _plant_text(cat: str, variant: str, lines: list[str], people: list[Candidate], rng: random.Random) -> list[str]:
    """The summary ``lines`` with one mistake of ``cat`` written into its body."""
    lines = list(lines)
    names = [c.name for c in people]
    n = len(names)
    if cat == "placeholder":
        extra = {"xx-unit": "按照xx团委的统一部署，支部成立推优工作小组，由支部书记任组长。",
                 "fill-in": "支部推优工作联系人：【请填写姓名】，联系电话：【请填写】。"}[variant]
        lines.insert(2, extra)
    elif cat == "count":
        if variant == "stated-total":
            lines.insert(4, f"经支部大会表决，确定{'、'.join(names)}{n}名同志为推荐人选，共推荐{n + 1}人。")
        else:
            lines[-3:-2] = ["工作中还存在以下三点不足：", "1.个别团员参会积极性不高。", "2.材料报送不够及时。"]
    elif cat == "arithmetic":
        if variant == "of-which":
            lines.insert(5, "全年累计开展志愿服务15次，其中环境整治6次、助老服务4次、文明宣传3次。")
        else:
            lines.insert(5, "支部有9名团员获评优秀志愿者，占全支部30名团员的20%。")
    elif cat == "date":
        if variant == "impossible":
            lines.insert(5, f"{YEAR}年9月31日，支部召开支委会研究推优工作方案。")
        else:  # an event after the 成文日期 (the last line)
            lines.insert(5, f"{YEAR}年12月18日，支部组织推荐人选参加集中培训。")
    elif cat == "typo":
        if variant == "lexicon":
            lines.insert(5, rng.choice(["推优对彖均为表现突出的青年团员。", "支部将再接再励，把推优工作做细做实。",
                                        "结合支部实际，提出一下几点建议。"]))
        else:
            lines.insert(5, "支部把推优工作作为团员教育的的重要内容。")
    elif cat == "punctuation":
        if variant == "half-width":
            lines.insert(5, "团员们积极参与,会场气氛热烈,投票秩序井然。")
        else:
            lines.insert(5, "支部开展了学习讨论、志愿服务、结对帮扶...各项工作稳步推进。")
    elif cat == "register":  # summary-total: more than the branch's forms, names not listed
        i = next(i for i, line in enumerate(lines) if "当选推荐人选" in line)
        lines[i] = lines[i].split("经无记名投票")[0] + f"经无记名投票，本支部共推荐{n + 1}名同志作为入党积极分子人选。"
    elif cat == "boilerplate":
        if variant == "site":
            lines.append("本文由文秘写作网为你精心整理，转载请注明出处。")
        else:
            lines.insert(1, "篇一：")
    return lines


def run(built: Built, jobs: int = 1) -> list[dict]:
    """``tuanwen check --format json`` on the round, with the office's tally and log as registers."""
    import json

    from click.testing import CliRunner

    from cli import main

    args = ["check", str(built.submissions), "--format", "json", "--jobs", str(jobs)]
    for r in built.registers:
        args += ["--register", str(r)]
    done = CliRunner().invoke(main, args)
    if done.exit_code not in (0, 1):  # 1: errors found
        raise RuntimeError(done.output) from done.exception
    return json.loads(done.stdout)["findings"]


@dataclass
class Score:
    found: dict[Plant, list[dict]]  # each plant → the findings that report it
    false_errors: list[dict]  # `error` findings that no plant explains

    @property
    def missed(self) -> list[Plant]:
        return [p for p, hits in self.found.items() if not hits]


def score(built: Built, findings: list[dict]) -> Score:
    """Match findings to plants by file name and category."""
    def key(f: dict) -> tuple[str, str]:
        return Path(f["file"]).name, f["category"]

    found = {p: [f for f in findings if key(f) == (p.file, p.category) and f["severity"] != "info"]
             for p in built.plants}
    explained = {(p.file, p.category) for p in built.plants} | {a for p in built.plants for a in p.also}
    return Score(found, [f for f in findings if f["severity"] == "error" and key(f) not in explained])


def planted_message(rounds: list[tuple[Built, list[dict]]], category: str, variant: str) -> str | None:
    """Why a planted (category, variant) fails in ``rounds`` ((built, findings) pairs):
    not reported on its file, or never planted; ``None`` when it is found."""
    for built, findings in rounds:
        for plant, hits in score(built, findings).found.items():
            if (plant.category, plant.variant) == (category, variant):
                return None if hits else f"{category}/{variant} not reported on {plant.file}"
    return f"{category}/{variant} was not planted"


def cases(variants: dict[str, list[str]]) -> list[tuple[str, str]]:
    """Every (category, variant) a generator can plant, for parametrized tests."""
    return sorted((cat, v) for cat, vs in variants.items() for v in vs)


def planted_rounds(build: Callable, variants: dict[str, list[str]], orgs: list[str], seed: int,
                   mktemp: Callable[[str], Path]) -> list[tuple[Built, list[dict]]]:
    """Round k plants variant k of every category, in organisation k (cycling): as few rounds as
    the category with most variants needs, each checked (``run``)."""
    out = []
    for k in range(max(len(vs) for vs in variants.values())):
        plants = {cat: vs[k % len(vs)] for cat, vs in variants.items()}
        built = build(mktemp(f"planted{k}"), seed=seed + k, plants=plants, org=orgs[k % len(orgs)])
        out.append((built, run(built)))
    return out


def script(build: Callable, doc: str | None) -> None:
    """A generator's command line: ``OUTDIR [--seed N] [--clean]``, printing what was planted where."""
    ap = argparse.ArgumentParser(description=doc)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--clean", action="store_true", help="no planted mistakes")
    args = ap.parse_args()
    built = build(args.outdir, args.seed, {} if args.clean else None)
    for p in built.plants:
        print(p.category, p.variant, p.file)


if __name__ == "__main__":
    script(build, __doc__)
