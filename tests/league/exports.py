"""A round of the League's own lists as other offices export them (issue 12, generalisation).

Unlike ``tests/league/sheets.py`` and the templates, every list here is drawn at random:
the organisation (村, 医院, 企业, 中学, 机关), the column names (智慧团建 export headers and
offices' own), the layout (a merged title row, 序号, blank rows, notes rows, a 合计 row, a
sheet per branch) and the file type (.xlsx, .csv in UTF-8 or GBK, .docx, .pdf), dates and
numbers in several spellings. ``build(out, seed, plant)`` writes a clean round, or one with
one planted mistake whose rule and file (and person, where the mistake is in a row) are
returned in ``Built.expected``.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import docx
from openpyxl import Workbook

from toolkit.cn.idcard import make_id

Rows = list[list[object]]
TODAY = dt.date(2026, 11, 30)

# --- organisations ------------------------------------------------------------------------------
_SURNAMES = "李王张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤"
_GIVEN = "浩宇轩然梓涵欣怡子墨一诺雨桐佳琪思远明哲若曦晨阳嘉禾书瑶志强建军秀英海燕丽娟春生文博天佑诗琪静怡俊杰鹏飞晓东红梅玉兰国庆振华德明婉清可馨"


def _org(rng: random.Random) -> tuple[str, list[str], str]:
    """(organisation, its branches, the body that certifies volunteer hours)."""
    kind = rng.choice(("village", "hospital", "company", "school", "agency"))
    if kind == "village":
        town = rng.choice(("石门", "桃源", "双河", "柳溪", "青龙"))
        villages = rng.sample(("张家村", "李家湾村", "新民村", "团结村", "红星村", "大柏村", "东坪村"), 3)
        return f"共青团{town}镇委员会", [f"{v}团支部" for v in villages], f"{town}镇新时代文明实践所"
    if kind == "hospital":
        wards = rng.sample(("护理部", "急诊科", "儿科", "检验科", "药剂科", "行政后勤"), 3)
        return "共青团市第二人民医院委员会", [f"{w}团支部" for w in wards], "市卫生健康志愿服务队"
    if kind == "company":
        shops = rng.sample(("机加车间", "装配车间", "质检部", "研发中心", "营销中心", "物流部"), 3)
        return "共青团华晟重工股份有限公司委员会", [f"{s}团支部" for s in shops], "华晟重工青年志愿者协会"
    if kind == "school":
        classes = rng.sample(("高一（3）班", "高一（7）班", "高二（1）班", "高二（5）班", "高三（2）班"), 3)
        return "共青团城南中学委员会", [f"{c}团支部" for c in classes], "城南区志愿服务联合会"
    offices = rng.sample(("办公室", "财政局", "教育局", "人社局", "农业农村局"), 3)
    return "共青团县直机关工作委员会", [f"县{o}机关团支部" if o != "办公室" else "县委办公室团支部" for o in offices], \
        "县志愿服务联合会"


@dataclass
class Member:
    name: str
    gender: str
    birth: dt.date
    id_number: str
    joined: dt.date
    member_no: str
    branch: str
    post: str
    politics: str
    applied: bool
    applied_on: dt.date | None
    grade: str
    phone: str


def _members(rng: random.Random, branch: str, n: int, used: set[str]) -> list[Member]:
    out = []
    posts = ("团支部书记", "组织委员", "宣传委员") + ("",) * 9
    for i in range(n):
        while True:
            name = rng.choice(_SURNAMES) + "".join(rng.sample(_GIVEN, rng.choice((1, 2))))
            if name not in used:
                used.add(name)
                break
        male = rng.random() < 0.5
        birth = dt.date(rng.randint(1998, 2008), rng.randint(1, 12), rng.randint(1, 28))
        # 入团 at 14 to 16, in a month of its own (the check reads 入团年月 as the month's first day)
        joined = dt.date(birth.year + rng.randint(15, 17), rng.choice((4, 5, 6, 10, 12)), rng.randint(1, 28))
        joined = min(joined, dt.date(2025, 12, 1))
        area = rng.choice(("330102", "420106", "510104", "610113", "440305"))
        applied = rng.random() < 0.4
        out.append(Member(
            name=name, gender="男" if male else "女", birth=birth,
            id_number=make_id(area, birth.strftime("%Y%m%d"), rng.randint(1, 400), male), joined=joined,
            member_no=f"{joined.year}{rng.randint(10**7, 10**8 - 1)}" if joined.year >= 2017 else
            f"{rng.randint(10**11, 10**12 - 1)}",
            branch=branch, post=posts[i] if i < len(posts) else "", politics="共青团员",
            applied=applied, applied_on=dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)) if applied else None,
            grade=rng.choice(("合格",) * 5 + ("优秀",)), phone=f"1{rng.choice('3578')}{rng.randint(10**8, 10**9 - 1)}"))
    return out


# --- spellings ----------------------------------------------------------------------------------
def month(d: dt.date, style: int) -> str:
    return (f"{d.year}.{d.month:02d}", f"{d.year}年{d.month}月", f"{d.year}-{d.month:02d}", f"{d.year}/{d.month}",
            f"{d.year}年{d.month:02d}月")[style % 5]


def day(d: dt.date, style: int) -> str:
    return (f"{d.year}-{d.month:02d}-{d.day:02d}", f"{d.year}年{d.month}月{d.day}日", f"{d.year}.{d.month}.{d.day}",
            f"{d.year}/{d.month}/{d.day}", f"{d.year}.{d.month:02d}.{d.day:02d}")[style % 5]


def hours(x: float, style: int) -> object:
    text = f"{x:g}"
    return (x, text, f"{text}小时", f"{text}h", f"{text} 小时")[style % 5]


# --- layouts ------------------------------------------------------------------------------------
@dataclass
class Sheet:
    """One list as an office lays it out: title, label lines above, header, rows, notes below."""

    title: str
    header: list[str]
    rows: Rows
    above: list[str] = field(default_factory=list)
    below: list[str] = field(default_factory=list)
    total: list[object] | None = None
    name: str = "Sheet1"


def _numbered(sheet: Sheet, numbered: bool) -> tuple[list[str], Rows]:
    if not numbered:
        return sheet.header, sheet.rows
    return ["序号", *sheet.header], [[i, *r] for i, r in enumerate(sheet.rows, 1)]


def write_xlsx(path: Path, sheets: list[Sheet], rng: random.Random) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    numbered, blank, notes_first = rng.random() < 0.7, rng.random() < 0.5, rng.random() < 0.3
    for sheet in sheets:
        ws = wb.create_sheet(sheet.name[:31])
        header, rows = _numbered(sheet, numbered)
        ws.append([sheet.title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        for line in sheet.above:
            ws.append([line])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(header))
        if blank:
            ws.append([])
        ws.append(header)
        for i, row in enumerate(rows):
            ws.append(list(row))
            if blank and i == len(rows) // 2 and rng.random() < 0.5:
                ws.append([])
        if sheet.total is not None:
            ws.append(["合计", "", *sheet.total[1:]] if numbered else list(sheet.total))
        if notes_first:
            ws.append([])
        for line in sheet.below:
            ws.append([line])
    wb.save(path)


def write_csv(path: Path, sheet: Sheet, rng: random.Random) -> None:
    header, rows = _numbered(sheet, rng.random() < 0.5)
    encoding = rng.choice(("utf-8-sig", "gb18030", "utf-8"))
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f)
        if rng.random() < 0.5:
            w.writerow([sheet.title])
        for line in sheet.above:
            w.writerow([line])
        w.writerow(header)
        for row in rows:
            w.writerow(["" if v is None else v for v in row])
        if sheet.total is not None:
            w.writerow(["合计", "", *sheet.total[1:]] if len(header) > len(sheet.header) else sheet.total)
        for line in sheet.below:
            w.writerow([line, *[""] * (len(header) - 1)] if rng.random() < 0.5 else [line])


def write_docx(path: Path, sheets: list[Sheet], rng: random.Random) -> None:
    d = docx.Document()
    numbered = rng.random() < 0.6
    for sheet in sheets:
        d.add_paragraph(sheet.title)
        for line in sheet.above:
            d.add_paragraph(line)
        header, rows = _numbered(sheet, numbered)
        body = [header, *rows] + ([["合计", "", *sheet.total[1:]] if numbered else sheet.total] if sheet.total else [])
        t = d.add_table(rows=len(body), cols=len(header))
        t.style = "Table Grid"
        for r, row in enumerate(body):
            for c, value in enumerate(row):
                t.cell(r, c).text = "" if value is None else str(value)
        for line in sheet.below:
            d.add_paragraph(line)
    d.save(path)


def to_pdf(paths: list[Path]) -> list[Path]:
    """The .docx files exported to PDF by LibreOffice (the .docx removed: the round holds the PDF)."""
    if not paths:
        return []
    folder = paths[0].parent
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), *map(str, paths)],
                   check=True, capture_output=True, timeout=300)
    for p in paths:
        p.unlink()
    return [p.with_suffix(".pdf") for p in paths]


# --- the kinds ----------------------------------------------------------------------------------
def _pick(rng: random.Random, *names: str) -> str:
    return rng.choice(names)


def roster_sheet(rng: random.Random, org: str, branch: str, people: list[Member], plant: str | None) -> tuple[Sheet, str | None]:
    """A 团员名册 as 智慧团建 or an office exports it; ``plant`` ``"TW806"`` gives one member
    who joined from 2017 a 团员编号 of another year. Returns the sheet and the planted name."""
    ds = rng.randrange(5)
    columns = [
        ("姓名", lambda m: m.name),
        ("性别", lambda m: m.gender),
        (_pick(rng, "证件类型", "证件种类"), lambda m: "居民身份证"),
        (_pick(rng, "身份证号", "公民身份号码", "证件号码", "身份证号码"), lambda m: m.id_number),
        (_pick(rng, "出生日期", "出生年月"), lambda m: day(m.birth, ds)),
        ("民族", lambda m: rng.choice(("汉族",) * 6 + ("回族", "土家族", "壮族"))),
        ("政治面貌", lambda m: m.politics),
        (_pick(rng, "入团年月", "入团时间", "入团日期"), lambda m: month(m.joined, ds)),
        (_pick(rng, "团员编号", "团员证号"), lambda m: m.member_no),
        (_pick(rng, "所在团支部", "所在团组织", "所属团组织"), lambda m: m.branch),
        (_pick(rng, "团内现任职务", "团内职务", "现任职务"), lambda m: m.post),
        ("是否团干部", lambda m: "是" if m.post else "否"),
        ("学历", lambda m: rng.choice(("本科", "大专", "高中", "中专", "硕士研究生"))),
        (_pick(rng, "是否递交入党申请书", "是否已递交入党申请书"), lambda m: "是" if m.applied else "否"),
        (_pick(rng, "递交入党申请书时间", "入党申请书递交时间"), lambda m: month(m.applied_on, ds) if m.applied_on else ""),
        (_pick(rng, "最近一次教育评议结果", "评议等次", "最近一次评议等次"), lambda m: m.grade),
        (_pick(rng, "团籍状态", "团员状态"), lambda m: "正常"),
        (_pick(rng, "手机号码", "联系电话", "手机号"), lambda m: m.phone),
    ]
    if rng.random() < 0.5:  # offices drop the columns they do not keep
        drop = set(rng.sample(range(2, len(columns)), 4)) - {3, 7, 8, 9, 16}
        columns = [c for i, c in enumerate(columns) if i not in drop]
    planted = None
    rows = [[get(m) for _, get in columns] for m in people]
    if plant == "TW806":
        late = [i for i, m in enumerate(people) if m.joined.year >= 2017]
        i = rng.choice(late)
        no = next(j for j, (h, _) in enumerate(columns) if h in ("团员编号", "团员证号"))
        rows[i][no] = str(people[i].joined.year - rng.choice((1, 2, 3))) + people[i].member_no[4:]
        planted = people[i].name
    title = _pick(rng, f"{branch}团员名册", f"{org}团员信息汇总表", f"{branch}团员花名册")
    below = [f"导出日期：{day(TODAY - dt.timedelta(days=rng.randint(5, 40)), ds)}"] if rng.random() < 0.6 else []
    return Sheet(title, [h for h, _ in columns], rows, below=below, name=branch), planted


def review_sheet(rng: random.Random, branch: str, people: list[Member], plant: str | None) -> tuple[Sheet, str | None]:
    """A 团员教育评议结果表; plants ``TW810`` (优秀 over 30 %), ``TW811`` (attendance not over 2/3),
    ``TW812`` (a party member keeping 团籍 given a grade)."""
    ds = rng.randrange(5)
    n = len(people)
    party = rng.sample(range(n), 1)
    excellent = set(rng.sample([i for i in range(n) if i not in party], max(1, int(n * 0.3) - 1)))
    planted = None
    if plant == "TW810":
        excellent = set(rng.sample([i for i in range(n) if i not in party], int(n * 0.3) + 2))
    present = n - rng.randint(0, n // 4)
    if plant == "TW811":
        present = (2 * n) // 3 - rng.randint(0, 2)
    grade_col = _pick(rng, "评议等次", "评议结果", "评定等次", "教育评议结果")
    header = ["姓名", "性别", "政治面貌", grade_col, "备注"]
    rows = []
    for i, m in enumerate(people):
        if i in party:
            graded = plant == "TW812"
            rows.append([m.name, m.gender, "中共党员" if rng.random() < 0.5 else "中共预备党员",
                         "合格" if graded else "", "" if graded else "保留团籍的党员，不评定等次"])
            planted = m.name if graded else None
        else:
            rows.append([m.name, m.gender, "共青团员", "优秀" if i in excellent else "合格", ""])
    when = dt.date(2026, rng.choice((9, 10, 11)), rng.randint(1, 20))
    sep = rng.choice(("　　", "    ", "，"))
    above = [f"团支部：{branch}{sep}评议日期：{day(when, ds)}",
             f"{_pick(rng, '应到人数', '应到')}：{n}{sep}{_pick(rng, '实到人数', '实到')}：{present}"]
    below = ["注：保留团籍的中共党员不参加评议等次评定。"] if rng.random() < 0.5 else []
    below.append(f"填表日期：{day(when + dt.timedelta(days=2), ds)}")
    return Sheet(_pick(rng, f"{branch}{when.year}年度团员教育评议结果表", f"{branch}团员教育评议情况统计表"),
                 header, rows, above, below, name=branch), planted


def hours_sheet(rng: random.Random, org: str, certifier: str, people: list[Member], plant: str | None,
                recommended: list[Member] = ()) -> tuple[Sheet, str | None]:
    """A 志愿服务时长 record, the ``recommended`` with 24 hours each; plants ``TW830`` (one person
    over 24 hours in a day), ``TW831`` (a service dated after the record's own date) and
    ``TW832`` (the first recommended with less than 20 hours)."""
    ds, hs = rng.randrange(5), rng.randrange(5)
    made = TODAY - dt.timedelta(days=rng.randint(3, 30))
    services = ("敬老院陪伴服务", "社区防疫值守", "义务植树", "文明交通劝导", "图书馆整理", "关爱留守儿童", "河道清洁")
    with_id = rng.random() < 0.6
    header = ["姓名", *([_pick(rng, "身份证号", "证件号码")] if with_id else []),
              _pick(rng, "服务项目", "服务内容", "志愿服务项目"), _pick(rng, "服务日期", "服务时间", "活动日期"),
              _pick(rng, "服务时长（小时）", "服务时长", "时长（小时）", "志愿服务时长"), _pick(rng, "认证单位", "证明单位", "记录单位")]
    rows: Rows = []
    owners: list[Member] = []
    for m in people:
        for _ in range(rng.randint(1, 3)):
            when = made - dt.timedelta(days=rng.randint(1, 200))
            rows.append([m.name, *([m.id_number] if with_id else []), rng.choice(services), day(when, ds),
                         hours(rng.choice((2, 3, 4, 4.5, 6, 8)), hs), certifier])
            owners.append(m)
    for k, m in enumerate(recommended):
        short = plant == "TW832" and k == 0
        for j in range(1 if short else 4):
            when = made - dt.timedelta(days=30 * j + rng.randint(1, 25))
            rows.append([m.name, *([m.id_number] if with_id else []), rng.choice(services), day(when, ds),
                         hours(rng.choice((4, 6, 8)) if short else 6, hs), certifier])
            owners.append(m)
    planted = recommended[0].name if plant == "TW832" else None
    i = rng.randrange(len(rows))
    if plant == "TW830":
        rows[i][-2] = hours(rng.choice((25, 26, 30)), hs)
        planted = owners[i].name
    if plant == "TW831":
        rows[i][-3] = day(made + dt.timedelta(days=rng.randint(2, 20)), ds)
        planted = owners[i].name
    below = [f"{_pick(rng, '填表日期', '统计日期', '制表日期')}：{day(made, ds)}"]
    if rng.random() < 0.5:
        below.insert(0, "说明：时长以“志愿汇”平台记录为准。")
    return Sheet(_pick(rng, f"{org}志愿服务时长统计表", f"{org}团员志愿服务时长登记表"), header, rows,
                 below=below), planted


_STEP_COLUMNS = (
    ("理想信念教育", ("理想信念教育时间", "理想信念教育")),
    ("统一考试", ("统一考试时间", "统考时间")),
    ("考试成绩", ("考试成绩", "统考成绩")),
    ("教育评议", ("团员教育评议时间", "教育评议时间")),
    ("评议等次", ("评议等次", "评议结果")),
    ("推优", ("推优时间", "推优表决时间", "团支部推优时间")),
    ("积极分子", ("确定为入党积极分子时间", "列为入党积极分子时间")),
    ("集中培训", ("集中培训时间", "参加集中培训时间")),
    ("学时", ("培训学时", "学时")),
    ("发展对象", ("确定为发展对象时间", "列为发展对象时间")),
    ("团课", ("主题团课时间", "讲授主题团课时间")),
    ("团课题目", ("团课题目", "主题团课题目")),
    ("预备党员", ("接收为预备党员时间", "发展为预备党员时间")),
)


def steps_sheet(rng: random.Random, org: str, people: list[Member], plant: str | None) -> tuple[Sheet, str | None]:
    """The "3+1+1" record as a list, one candidate a row, each reached as far as drawn;
    plants ``TW820`` (the 统一考试 before 推优 missing), ``TW821`` (the exam after 推优),
    ``TW822`` (an exam score below the pass mark)."""
    ds = rng.randrange(5)
    header = ["姓名", _pick(rng, "所在团支部", "团支部"), *(rng.choice(names) for _, names in _STEP_COLUMNS)]
    rows: Rows = []
    votes: list[dt.date] = []
    for m in people:
        start = dt.date(2025, rng.randint(1, 6), rng.randint(1, 28))
        dates = [start + dt.timedelta(days=d) for d in (0, 30, 90, 120, 200, 260, 560, 600, 950)]
        # ideal, exam, review, vote, activist, training, candidate, lecture, probation
        reached = rng.randint(4, 9)
        votes.append(dates[3])
        cell = [day(d, ds) if i < reached and d < TODAY else "" for i, d in enumerate(dates)]
        rows.append([m.name, m.branch, cell[0], cell[1], rng.randint(70, 98), cell[2], rng.choice(("合格", "优秀")),
                     cell[3], cell[4], cell[5], rng.choice((8, 12, 16)) if cell[5] else "", cell[6], cell[7],
                     rng.choice(("传承五四精神，争做时代新人", "青春心向党，建功新时代")) if cell[7] else "", cell[8]])
    i = rng.randrange(len(rows))
    planted = people[i].name if plant else None
    if plant == "TW820":
        rows[i][3] = ""
    elif plant == "TW821":
        rows[i][3] = day(votes[i] + dt.timedelta(days=rng.randint(3, 20)), ds)
    elif plant == "TW822":
        rows[i][4] = rng.randint(30, 55)
    below = [f"填表日期：{day(TODAY - dt.timedelta(days=2), ds)}"]
    return Sheet(_pick(rng, f"{org}推优“3+1+1”过程记录表", f"{org}推优入党3+1+1工作台账"), header, rows,
                 below=below), planted


_ITEMS = ("思想引领", "组织建设", "团员发展与推优", "“三会两制一课”", "志愿服务", "基础台账", "宣传工作", "团费收缴")


def assessment_sheet(rng: random.Random, branch: str, plant: str | None) -> tuple[Sheet, str | None]:
    """A 百分考核表; plants ``TW860`` (分值 not summing to 100), ``TW861`` (a score over its item),
    ``TW862`` (a wrong 合计), ``TW863`` (a 等次 outside its band)."""
    k = rng.choice((5, 6, 8))
    names = rng.sample(_ITEMS, k)
    cuts = sorted(rng.sample(range(1, 20), k - 1))
    maxima = [5 * (b - a) for a, b in zip([0, *cuts], [*cuts, 20])]
    got = [max(0, m - rng.choice((0, 0, 1, 2, 3))) for m in maxima]
    if plant == "TW864":  # a failing branch (its 等次 right): it still recommends someone
        got = [m // 2 for m in maxima]
    if plant == "TW860":
        maxima[0] += 5
        got[0] = min(got[0], maxima[0])
    planted = None
    if plant == "TW861":
        i = rng.randrange(k)
        got[i] = maxima[i] + rng.choice((1, 2, 5))
        planted = names[i]
    header = [_pick(rng, "考核项目", "项目", "一级指标"), _pick(rng, "具体要求", "考核内容及要求", "考核要求"),
              _pick(rng, "分值", "标准分", "分值（分）"), _pick(rng, "评分标准", "评分细则", "扣分标准"),
              _pick(rng, "自查得分", "自评得分"), _pick(rng, "检查得分", "考核得分", "团委评分")]
    rows = [[n, f"按要求做好{n}工作，资料齐全", m, "未达要求一项扣1分，扣完为止", g, g]
            for n, m, g in zip(names, maxima, got)]
    total = sum(got) + (rng.choice((3, -4)) if plant == "TW862" else 0)
    score = sum(got)
    grade = "优秀" if score >= 80 else "合格" if score >= 60 else "不合格"
    if plant == "TW863":
        grade = "合格" if grade == "优秀" else "优秀"
    sep = rng.choice(("　　", "    "))
    above = [f"{_pick(rng, '被考核单位', '被考核团支部', '团支部')}：{branch}{sep}考核年度：2026年"]
    below = [f"{_pick(rng, '考核等次', '考核结果', '评定等次')}：{grade}"]
    return Sheet(_pick(rng, f"{branch}2026年度百分考核表", "基层团支部工作百分制考核评分表"), header, rows, above, below,
                 total=["合计", "", sum(maxima), "", score, total], name=branch), planted


def points_sheet(rng: random.Random, branch: str, people: list[Member], plant: str | None) -> tuple[Sheet, str | None]:
    """A branch's 积分汇总表 (quarters of 25, 年度积分 their sum plus 加分); plants ``TW852``
    (a 年度积分 that is not the sum), ``TW854`` (a 等次 outside its band), ``TW856`` (someone on
    the 负面清单 graded 优秀)."""
    qs = rng.choice((("第一季度", "第二季度", "第三季度", "第四季度"), ("一季度", "二季度", "三季度", "四季度"),
                     ("Q1", "Q2", "Q3", "Q4"), ("第1季度积分", "第2季度积分", "第3季度积分", "第4季度积分")))
    header = ["姓名", *qs, _pick(rng, "加分", "奖励加分"), _pick(rng, "年度积分", "全年积分", "总积分"),
              _pick(rng, "负面清单", "负面清单情况"), _pick(rng, "等次", "评价等次", "考核等次")]
    rows: Rows = []
    for m in people:
        q = [rng.randint(17, 25) for _ in range(4)]
        extra = rng.choice((0, 0, 0, 1, 2))
        total = sum(q) + extra
        hit = rng.random() < 0.1
        grade = "优秀" if total >= 90 else "良好" if total >= 75 else "合格" if total >= 60 else "不合格"
        if hit and grade == "优秀":
            grade = "良好"
        rows.append([m.name, *q, extra, total, "受到通报批评" if hit else "无", grade])
    i = rng.randrange(len(rows))
    planted = people[i].name if plant else None
    if plant == "TW852":
        rows[i][6] = rows[i][6] + rng.choice((2, 3, -3))
    elif plant == "TW854":
        rows[i][8] = "优秀" if rows[i][8] == "合格" else "合格"
        rows[i][7] = "无"
    elif plant == "TW856":
        q = [25, 24, 24, 23]
        rows[i][1:7] = [*q, 0, sum(q)]
        rows[i][7:9] = ["无故不参加组织生活", "优秀"]
    above = [f"团支部：{branch}"] if rng.random() < 0.5 else []
    below = ["注：年度积分为四个季度积分与加分之和，满分100分。"]
    return Sheet(_pick(rng, f"{branch}2026年度三亮三比积分汇总表", f"{branch}团员先进性评价积分汇总表"), header, rows, above,
                 below, name=branch), planted


def tally_sheet(rng: random.Random, org: str, people: dict[str, list[Member]], recommended: list[Member],
                plant: str | None) -> tuple[Sheet, str | None]:
    """The round's 推优汇总表, one row per recommended member; plant ``TW800`` adds a person who
    is on no roster."""
    header = [_pick(rng, "团支部", "所在团支部"), "姓名", "性别", _pick(rng, "应到人数", "应到"), _pick(rng, "实到人数", "实到"),
              _pick(rng, "赞成票", "同意票"), _pick(rng, "反对票", "不同意票"), _pick(rng, "弃权票", "弃权")]
    rows: Rows = []
    planted = None
    for m in recommended:
        n = len(people[m.branch])
        present = n - rng.randint(0, 2)
        rows.append([m.branch, m.name, m.gender, n, present, present - 1, 1, 0])
    if plant == "TW800":  # in the first recommended's branch, which the roster always covers
        m = recommended[0]
        planted = "欧阳" + rng.choice(("晓峰", "若兰", "雪松"))
        n = len(people[m.branch])
        rows.append([m.branch, planted, "男", n, n, n - 1, 1, 0])
    return Sheet(_pick(rng, f"{org}推荐优秀团员作入党积极分子人选汇总表", f"{org}推优名单汇总表"), header, rows,
                 below=[f"填表日期：{day(TODAY - dt.timedelta(days=5), 0)}"]), planted


def _recommend(rng: random.Random, members: list[Member]) -> Member:
    """A member who meets the conditions (18 to 28, 团龄 over a year, applied over six months ago),
    made so when none is drawn that way."""
    fit = [m for m in members if dt.date(2000, 1, 1) <= m.birth <= dt.date(2006, 6, 1) and m.joined <= dt.date(2024, 6, 1)]
    m = rng.choice(fit or members)
    m.birth = min(max(m.birth, dt.date(2000, 1, 1)), dt.date(2006, 6, 1))
    m.id_number = make_id(m.id_number[:6], m.birth.strftime("%Y%m%d"), 7, m.gender == "男")
    m.joined = min(m.joined, dt.date(2024, 6, 1))
    m.joined = max(m.joined, dt.date(m.birth.year + 15, m.birth.month, 1))
    m.member_no = f"{m.joined.year}{m.member_no[4:]}" if m.joined.year >= 2017 else m.member_no
    m.applied, m.applied_on = True, dt.date(2025, rng.randint(1, 12), rng.randint(1, 28))
    return m


# --- the round ----------------------------------------------------------------------------------
# Each planted mistake: the rule that must find it and the kind whose file carries it.
PLANTS = {"TW806": "roster", "TW810": "review", "TW811": "review", "TW812": "review", "TW830": "hours",
          "TW831": "hours", "TW820": "steps", "TW821": "steps", "TW822": "steps", "TW860": "assessment",
          "TW861": "assessment", "TW862": "assessment", "TW863": "assessment", "TW852": "points",
          "TW854": "points", "TW856": "points",
          # mistakes found between files, reported on the 推优汇总表 (the roster is given with --roster)
          "TW800": "tally", "TW805": "roster", "TW832": "hours", "TW864": "assessment"}
REPORTED = frozenset({"TW800", "TW805", "TW832", "TW864"})


@dataclass
class Built:
    folder: Path
    files: dict[str, Path]  # kind → file
    names: dict[str, list[str]]  # kind → the names (or items) of its list's rows, in order
    expected: tuple[str, Path, str | None] | None  # (rule, file, the person or item in the planted row)


def build(out: Path, seed: int, plant: str | None = None, *, pdf: bool = False) -> Built:
    """A round of one organisation's League lists, one file per kind, each in a layout and
    file type drawn from ``seed``; ``pdf`` exports the .docx lists to PDF."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    org, branches, certifier = _org(rng)
    used: set[str] = set()
    people = {b: _members(rng, b, rng.randint(8, 14), used) for b in branches}
    aim = PLANTS.get(plant or "")
    # One branch carries the plant; the per-branch kinds write a sheet (or a file) per branch.
    target = rng.choice(branches)
    files: dict[str, Path] = {}
    expected = None

    def plant_for(kind: str, branch: str | None = None) -> str | None:
        return plant if aim == kind and (branch is None or branch == target) else None

    def write(stem: str, sheets: list[Sheet], types: tuple[str, ...]) -> Path:
        kind = rng.choice(types if len(sheets) == 1 else tuple(t for t in types if t != "csv") or ("xlsx",))
        path = out / f"{stem}.{'docx' if kind == 'pdf' else kind}"
        if kind == "xlsx":
            write_xlsx(path, sheets, rng)
        elif kind == "csv":
            write_csv(path, sheets[0], rng)
        else:
            write_docx(path, sheets, rng)
        if kind == "pdf":
            pdfs.append(path)
        return path

    pdfs: list[Path] = []
    types = ("xlsx", "csv", "docx", "pdf") if pdf else ("xlsx", "csv", "docx")
    # One recommended member per branch, the target branch's first.
    recommended = [_recommend(rng, people[b]) for b in sorted(branches, key=lambda b: b != target)]
    if plant == "TW805":
        recommended[0].grade = "不合格"
    # 团员名册: one workbook with a sheet per branch, or one file for the planted branch.
    sheets, name = [], None
    for b in branches:
        s, who = roster_sheet(rng, org, b, people[b], plant_for("roster", b))
        sheets.append(s)
        name = name or who
    if rng.random() < 0.5:  # a sheet per branch, or the target branch's alone
        sheets = [sheets[branches.index(target)]]
    roster = write(f"{org}_团员名册", sheets, types)
    files["roster"] = roster
    names = {"roster": [r[0] for s in sheets for r in s.rows]}
    if name:
        expected = (plant, roster, name)
    for kind, make in (("review", review_sheet), ("points", points_sheet)):
        s, who = make(rng, target, people[target], plant_for(kind))
        path = write(f"{target}_{'教育评议结果' if kind == 'review' else '积分汇总'}", [s], types)
        files[kind] = path
        names[kind] = [r[0] for r in s.rows]
        if plant_for(kind):
            expected = (plant, path, who)
    s, who = assessment_sheet(rng, target, plant_for("assessment"))
    files["assessment"] = write(f"{target}_百分考核", [s], types)
    names["assessment"] = [r[0] for r in s.rows]
    if plant_for("assessment"):
        expected = (plant, files["assessment"], who)
    everyone = [m for b in branches for m in people[b]]
    others = [m for m in everyone if m not in recommended]
    s, who = hours_sheet(rng, org, certifier, rng.sample(others, 8), plant_for("hours"), recommended)
    files["hours"] = write(f"{org}_志愿服务时长", [s], types)
    names["hours"] = [r[0] for r in s.rows]
    if plant_for("hours"):
        expected = (plant, files["hours"], who)
    s, who = steps_sheet(rng, org, rng.sample(everyone, 6), plant_for("steps"))
    files["steps"] = write(f"{org}_推优3+1+1记录", [s], types)
    names["steps"] = [r[0] for r in s.rows]
    if plant_for("steps"):
        expected = (plant, files["steps"], who)
    s, who = tally_sheet(rng, org, people, recommended, plant)
    files["tally"] = write(f"{org}_推优汇总表", [s], types)
    names["tally"] = [r[1] for r in s.rows]
    if plant in REPORTED:
        expected = (plant, files["tally"], who or recommended[0].name)
    made = dict(zip(pdfs, to_pdf(pdfs)))
    files = {k: made.get(p, p) for k, p in files.items()}
    if expected:
        expected = (expected[0], made.get(expected[1], expected[1]), expected[2])
    return Built(out, files, names, expected)
