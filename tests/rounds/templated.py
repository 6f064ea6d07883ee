"""Rounds filled from ONE office template, written apart from the other
generators on purpose: a 团委 hands every branch the same 会议记录, 工作总结 or
活动简报 skeleton (fixed headings, set sentences with blanks), and each branch
fills in its name, people, figures and dates, and adds little or much text of
its own. Branches of five kinds of organisation (村, 医院, 企业, 中学, 机关) are
numbered the way real ones are, so names and figures partly coincide
(第2村/第22村/第222村, 应到22名/应到222名).

A genuine copy is planted on top: one branch takes another's own text (not
the template's) and puts its own names in, verbatim or lightly reworded
(words swapped for synonyms, a clause dropped, sentences reordered). Every
planted pair must be found and nothing else: the template alone is no copy.

``texts(seed, n, kind, copies)`` gives one template's documents as paragraph
lists and the planted pairs; ``write(out, ...)`` writes a round of several
templates as .docx files.

    python tests/rounds/templated.py OUTDIR [--seed N] [--docs N]
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from pathlib import Path

import docx

KINDS = ("minutes", "summary", "bulletin")
SURNAME = "石陶贺顾毛郝龚邵覃莫孔汤施牛樊葛邢乔庞颜倪庄聂章鲁岳翟殷詹"
GIVEN = "振华 晓雯 子墨 静怡 宏伟 雅琴 一鸣 秋月 志强 海燕 梓轩 佳慧 文博 丽君 建国 梦瑶 天宇 春梅 浩宇 欣悦".split()
UPPER = {"村": "镇团委", "医院": "医院团委", "企业": "公司团委", "中学": "校团委", "机关": "县直机关团工委"}


@dataclass(frozen=True)
class Branch:
    name: str  # as the documents write it
    kind: str  # one of UPPER's keys


def _branches(rng: random.Random, n: int) -> list[Branch]:
    """``n`` branches of mixed kinds whose names share digits and stems on purpose."""
    made = {
        "村": lambda k: f"{rng.choice(['城关', '石桥', '河口'])}镇第{k}村团支部",
        "医院": lambda k: f"县人民医院第{k}病区团支部",
        "企业": lambda k: f"{rng.choice(['恒达', '鑫源'])}公司第{k}车间团支部",
        "中学": lambda k: f"第{rng.choice(['一', '二'])}中学高二（{k}）班团支部",
        "机关": lambda k: f"县{rng.choice(['财政局', '交通局', '卫健委'])}第{k}团支部",
    }
    numbers = [2, 22, 222, 12, 21, 122, 3, 33, 13, 31] + list(range(40, 40 + n))
    out, seen = [], set()
    for k in numbers:
        kind = rng.choice(list(made))
        name = made[kind](k)
        if name not in seen:
            seen.add(name)
            out.append(Branch(name, kind))
        if len(out) == n:
            break
    return out


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAME) + rng.choice(GIVEN)


# --- text of the branch's own: clauses combined at random, so no two branches share a paragraph ---
_WHO = ["{p}同志", "团员{p}", "支部委员{p}", "青年{p}", "{p}"]
_SAID = ["发言指出", "结合自身经历谈到", "在讨论中提出", "补充说明", "谈了自己的看法，认为"]
_POINTS = [
    "去年冬天帮助孤寡老人清扫积雪的事让大家很受触动",
    "农忙时节组织青年帮助缺劳力家庭抢收了{n}亩玉米",
    "病区夜班多，集中学习的时间要提前在排班表上留出来",
    "车间实行三班倒，团小组的活动可以放在交接班前半小时",
    "班上有{n}名同学报名参加了校园读书月的朗诵比赛",
    "机关青年到帮扶村开展政策宣讲，共发放资料{n}份",
    "候选人平时在急诊抢救中冲在前面，患者送来过锦旗",
    "候选人去年带头攻关，把一道工序的废品率降低了{n}个百分点",
    "候选人担任学习委员以来，每周整理错题集分享给全班",
    "候选人在防汛值守中连续坚守了{n}个昼夜",
    "村里的电商直播点由团员轮流值守，帮助村民卖出土特产{n}多单",
    "有的团员对团费交纳标准还不清楚，需要再讲一遍",
    "个别团员组织关系还没有转入，要尽快联系原支部",
    "建议把志愿服务时长记录表每月公布一次",
    "希望上级团组织多安排一些业务培训",
    "青年夜校开课以来参加学习的有{n}人次",
    "护理技能比武中支部有{n}名团员获奖",
    "食堂帮厨志愿活动坚持了整整一个学期",
    "下一步要把年轻职工的技能提升和团的活动结合起来",
    "支部微信群里每周推送一篇学习材料，阅读的人越来越多",
    "留守儿童周末课堂缺少老师，欢迎有特长的团员报名",
    "今年的植树活动选在了村口的河堤上，共栽下树苗{n}棵",
    "财务报销流程学习会上，青年同志提出了{n}条改进意见",
    "交通安全宣传进校园活动覆盖了周边{n}所小学",
]


def _clause(rng: random.Random) -> str:
    who = rng.choice(_WHO).format(p=_person(rng))
    return who + rng.choice(_SAID) + "，" + rng.choice(_POINTS).format(n=rng.randint(3, 480))


def own_paragraph(rng: random.Random) -> str:
    return "；".join(_clause(rng) for _ in range(rng.randint(3, 4))) + "。"


# --- the templates: fixed text with blanks ---
def _minutes(rng: random.Random, b: Branch, own: list[str]) -> list[str]:
    host, clerk = _person(rng), _person(rng)
    size = rng.choice([8, 12, 22, 25, 31, 45, 222])
    present = size - rng.randint(0, min(3, size // 4))
    cand = _person(rng)
    yes = present - rng.randint(0, 2)
    m, d = rng.randint(3, 11), rng.randint(1, 28)
    return [
        f"{b.name}团员大会会议记录",
        f"会议时间：2026年{m}月{d}日{rng.choice(['上午9:00', '下午2:30', '晚上7:00'])}",
        f"会议地点：{b.name.removesuffix('团支部')}{rng.choice(['会议室', '活动室', '党员之家'])}",
        f"主持人：{host}",
        f"记录人：{clerk}",
        f"参会人员：{'、'.join(_person(rng) for _ in range(4))}等{present}名团员",
        "会议议程：",
        f"一、传达{UPPER[b.kind]}关于做好2026年度推荐优秀团员作为入党积极分子人选工作的通知精神；",
        "二、介绍推优条件、程序和本支部名额分配情况；",
        "三、对推优候选人进行民主评议和无记名投票表决。",
        "会议内容：",
        f"会议由{b.name}书记{host}主持。会议应到团员{size}名，实到{present}名，"
        f"到会人数超过应到会人数的一半，会议有效。",
        f"{host}传达了{UPPER[b.kind]}的通知精神，介绍了推优的条件、程序和名额分配，"
        f"强调要坚持公开、公平、公正，严格按程序办事。",
        f"与会团员对照推优条件，对候选人{cand}同志的思想表现、工作学习和群众基础进行了评议。",
        *own,
        f"经无记名投票，{cand}同志获得赞成票{yes}票，反对票{present - yes}票，弃权票0票，"
        f"赞成票超过应到会团员的半数，同意推荐为入党积极分子人选。",
        f"会议要求，将推荐结果在{b.name.removesuffix('团支部')}公示栏公示5个工作日，公示无异议后报{UPPER[b.kind]}。",
        f"会议于{rng.choice(['上午10:30', '下午4:00', '晚上8:30'])}结束。",
        f"主持人（签字）：{host}　记录人（签字）：{clerk}",
    ]


def _summary(rng: random.Random, b: Branch, own: list[str]) -> list[str]:
    n = rng.choice([12, 22, 26, 35, 48, 122])
    half = len(own) // 2
    return [
        f"{b.name}2026年上半年工作总结",
        f"今年以来，{b.name}在{UPPER[b.kind]}的正确领导下，紧紧围绕中心工作，认真落实从严治团各项要求，"
        f"现将上半年工作情况总结如下。",
        "一、基本情况",
        f"{b.name}现有团员{n}名，其中女团员{rng.randint(2, n // 2)}名，团干部{rng.randint(3, 5)}名，"
        f"上半年新发展团员{rng.randint(0, 4)}名，转出团员{rng.randint(0, 3)}名。",
        "二、主要工作",
        "（一）加强思想政治引领",
        f"支部坚持“三会两制一课”制度，上半年共召开支部大会{rng.randint(2, 6)}次、支委会{rng.randint(3, 9)}次，"
        f"组织青年大学习{rng.randint(10, 26)}期，团员平均参学率{rng.randint(85, 99)}%。",
        *own[:half],
        "（二）发挥青年生力军作用",
        f"支部组织开展志愿服务活动{rng.randint(3, 15)}次，参与团员青年{rng.randint(20, 222)}人次，"
        f"累计志愿服务时长{rng.randint(100, 900)}小时。",
        *own[half:],
        "三、存在的问题",
        "一是团员教育管理方式还不够丰富；二是团干部业务能力有待提升；三是活动阵地和经费保障还不足。",
        "四、下一步工作打算",
        f"下半年，{b.name}将继续在{UPPER[b.kind]}的领导下，聚焦主责主业，创新工作方法，"
        f"推动各项工作再上新台阶。",
        b.name,
        f"2026年{rng.randint(6, 7)}月{rng.randint(1, 28)}日",
    ]


def _bulletin(rng: random.Random, b: Branch, own: list[str]) -> list[str]:
    n = rng.choice([9, 22, 32, 122])
    return [
        f"{b.name}团建工作简报",
        f"第{rng.randint(1, 12)}期",
        f"{b.name}　　2026年{rng.randint(3, 11)}月{rng.randint(1, 28)}日",
        f"{b.name}开展“青春践初心、奋进新征程”主题团日活动",
        f"为深入学习贯彻团的二十大精神，{b.name}组织{n}名团员青年开展了"
        f"“青春践初心、奋进新征程”主题团日活动。",
        f"活动中，团员们重温了入团誓词，{_person(rng)}同志领学了《中国共产主义青年团章程》有关内容。",
        *own,
        f"此次活动进一步增强了团员的光荣感和使命感。{b.name}将以此为契机，持续推进团员先进性教育常态化。",
        f"（供稿：{_person(rng)}　审核：{_person(rng)}）",
    ]


TEMPLATES = {"minutes": _minutes, "summary": _summary, "bulletin": _bulletin}

# Light rewording of a copied paragraph: the words a copier swaps.
_SYNONYMS = [("发言指出", "发言时指出"), ("谈了自己的看法，认为", "谈了看法，认为"), ("需要", "要"),
             ("组织", "带领"), ("共", "一共"), ("补充说明", "作了补充说明"), ("提出", "提到"), ("帮助", "帮")]


def paraphrase(rng: random.Random, text: str) -> str:
    """Reword lightly: swap a few words for synonyms and the order of two clauses."""
    for old, new in rng.sample(_SYNONYMS, 4):
        text = text.replace(old, new, 1)
    parts = text.rstrip("。").split("；")
    if len(parts) > 2:
        i = rng.randrange(len(parts) - 1)
        parts[i], parts[i + 1] = parts[i + 1], parts[i]
    return "；".join(parts) + "。"


@dataclass
class Round:
    names: list[str]  # a file name per document
    docs: list[list[str]]  # each document's paragraphs
    copies: list[tuple[int, int]]  # planted (source, copy), source < copy


def texts(seed: int = 0, n: int = 30, kind: str | None = None, copies: int = 2, own: int | None = None) -> Round:
    """A round of ``n`` documents from one template (``kind``, else by the seed), each with
    ``own`` paragraphs of its own (else 2–3), and ``copies`` planted genuine copies: a branch
    that took another's own paragraphs, its names swapped in, half of them lightly reworded."""
    rng = random.Random(seed)
    kind = kind or rng.choice(KINDS)
    branches = _branches(rng, n)
    owns = [[own_paragraph(rng) for _ in range(own if own is not None else rng.randint(2, 3))] for _ in branches]
    pairs: list[tuple[int, int]] = []
    if copies:
        order = rng.sample(range(n), 2 * copies)
        for k in range(copies):
            src, dst = sorted(order[2 * k:2 * k + 2])
            pairs.append((src, dst))
            body = owns[src]
            if k % 2:
                body = [paraphrase(rng, t) for t in body]
            # the copier puts its own people's names in place of the source's
            owns[dst] = [_rename(rng, t) for t in body]
    docs = [TEMPLATES[kind](random.Random(rng.random()), b, o) for b, o in zip(branches, owns)]
    names = [f"{b.name}{ {'minutes': '会议记录', 'summary': '工作总结', 'bulletin': '简报'}[kind]}.docx" for b in branches]
    return Round(names, docs, sorted(pairs))


def _rename(rng: random.Random, text: str) -> str:
    for given in GIVEN:
        for s in SURNAME:
            if s + given in text and rng.random() < 0.7:
                text = text.replace(s + given, _person(rng))
    return text


def write(out: Path, seed: int = 0, sizes: dict[str, int] | None = None,
          copies: int = 1) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """A round of several templates (``sizes``: documents per kind) as .docx files under
    ``out``, ``copies`` planted per kind; returns the files and the planted (source, copy)
    files. A 会议记录 puts its heading fields (时间, 地点, 主持人 …) in a table or not."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    files, planted = [], []
    for k, (kind, n) in enumerate((sizes or {"minutes": 8, "summary": 12, "bulletin": 6}).items()):
        r = texts(seed * 10 + k, n, kind, copies)
        mine = []
        for name, paragraphs in zip(r.names, r.docs):
            d = docx.Document()
            d.add_heading(paragraphs[0], level=1)
            fields = [t for t in paragraphs[1:6] if kind == "minutes" and "：" in t]
            if fields and rng.random() < 0.5:
                table = d.add_table(rows=len(fields), cols=2)
                for row, t in zip(table.rows, fields):
                    row.cells[0].text, row.cells[1].text = t.split("：", 1)
            for t in paragraphs[1:]:
                if t not in fields or not d.tables:
                    d.add_paragraph(t)
            mine.append(out / name)
            d.save(mine[-1])
        files += mine
        planted += [(mine[a], mine[b]) for a, b in r.copies]
    return files, planted


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--docs", type=int, default=10, help="documents per template")
    args = ap.parse_args()
    files, pairs = write(args.out, args.seed, dict.fromkeys(KINDS, args.docs))
    print(f"{len(files)} 份，抄袭 {len(pairs)} 对：" + "；".join(f"{b.name} 抄 {a.name}" for a, b in pairs))


if __name__ == "__main__":
    main()
