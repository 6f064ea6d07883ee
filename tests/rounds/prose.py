"""Narrative documents written apart from the other generators on purpose: 工作总结,
通知, 简报 and 会议记录 of organisations the other rounds do not have (a 县人民医院's
科室, a 乡镇's 村 and 社区, 县直机关 bureaux, a company's 车间 and 项目部, a 中学's
classes), with names of two, three and four characters and minority names with ·,
and each slot of each document phrased one of several ways (headings as 一、 or
第一部分 or 1., figures as 12次 or 十二次-free Arabic, totals before or after their
parts, 落款 with or without 共青团).

Every figure in a clean document agrees with every other (parts sum to their total,
percentages and per-head figures are computed, counts match the names listed, dates
fall before the 成文日期). ``build(out, seed, plants)`` writes one round (one summary
and one 会议记录 per branch, a 通知 and a 简报 from the committee) and returns the
planted mistakes with the file and paragraph where each must be reported.

    python tests/rounds/prose.py OUTDIR [--seed N] [--plant CATEGORY ...]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests"):  # run as a script too
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from rounds.helpers import gongwen_docx  # noqa: E402

YEAR = 2026
SURNAMES = "郭韦覃潘蒙莫黎骆汤滕谭龚邝甄俞裴庞温卓蔺戴娄"
GIVEN = "晓 雨 子 嘉 浩 思 欣 宇 静 文 明 磊 婷 俊 一 诺 铭 瑶 凯 琳 博 轩 悦 航".split()
MINORITY = ["阿依古丽·买买提", "热依拉·艾力", "古丽娜尔·托合提", "扎西·顿珠", "迪丽娜·吐尔逊"]


@dataclass(frozen=True)
class Org:
    committee: str  # 共青团××委员会
    short: str  # ××团委, as it signs a 简报
    prefix: str  # 发文字号 prefix
    branches: tuple[str, ...]
    place: str  # where the branches meet


def _hospital(rng: random.Random) -> Org:
    county = rng.choice(["清河", "安平", "泸溪", "乌兰"])
    depts = rng.sample(["急诊科", "儿科", "检验科", "放射科", "药剂科", "护理部"], 4)
    return Org(f"共青团{county}县人民医院委员会", f"{county}县人民医院团委", f"{county[0]}医团",
               tuple(f"{d}团支部" for d in depts), rng.choice(["门诊楼四楼会议室", "住院部示教室"]))


def _township(rng: random.Random) -> Org:
    town = rng.choice(["白沙", "龙泉", "三江", "金鸡"])
    places = rng.sample(["河东村", "新华社区", "马鞍村", "凉水井村", "长岭村"], 4)
    return Org(f"共青团{town}镇委员会", f"{town}镇团委", f"{town[0]}团", tuple(f"{p}团支部" for p in places),
               rng.choice(["村党群服务中心", "镇政府三楼会议室"]))


def _bureaux(rng: random.Random) -> Org:
    county = rng.choice(["宁远", "石门", "永和"])
    units = rng.sample(["县财政局", "县自然资源局", "县税务局", "县医疗保障局", "县司法局"], 4)
    return Org(f"共青团{county}县直属机关工作委员会", f"{county}县直机关团工委", f"{county[0]}直团",
               tuple(f"{u}团支部" for u in units), "机关大院二号楼会议室")


def _company(rng: random.Random) -> Org:
    firm = rng.choice(["华锐精密", "长风汽配", "蓝海化纤"])
    units = rng.sample(["冲压车间", "总装车间", "质检部", "研发中心", "第三项目部"], 4)
    return Org(f"共青团{firm}股份有限公司委员会", f"{firm}团委", f"{firm[:2]}团字",
               tuple(f"{u}团支部" for u in units), "职工书屋")


def _school(rng: random.Random) -> Org:
    school = rng.choice(["第二中学", "实验中学", "育才中学"])
    classes = rng.sample(["高二（1）班", "高二（4）班", "高三（2）班", "高三（6）班", "高一（3）班"], 4)
    return Org(f"共青团县{school}委员会", f"{school}团委", f"{school[:2]}团",
               tuple(f"{c}团支部" for c in classes), rng.choice(["本班教室", "学校报告厅"]))


ORGS = {"hospital": _hospital, "township": _township, "bureaux": _bureaux, "company": _company, "school": _school}


def _names(rng: random.Random, n: int, used: set[str]) -> list[str]:
    out = []
    while len(out) < n:
        shape = rng.random()
        if shape < 0.1:
            name = rng.choice(MINORITY)
        elif shape < 0.3:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        else:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        if name not in used and name[1:2] != name[2:3]:
            used.add(name)
            out.append(name)
    return out


def _cn_day(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _pct(part: int, whole: int, rng: random.Random) -> str:
    value = 100 * part / whole
    return f"{value:.1f}%" if rng.random() < 0.5 else f"{int(value + 0.5)}%"


# --- the branch's facts --------------------------------------------------------------


@dataclass
class Facts:
    branch: str
    members: int
    present: int
    picked: list[str]  # recommended members
    votes: list[tuple[int, int, int]]  # (赞成, 反对, 弃权) per picked member
    meeting: date
    signed: date
    activities: tuple[int, int, int]  # three kinds of activity, counted
    hours: int  # volunteer hours in all
    active: int  # members who took part in volunteering
    chair: str
    clerk: str


def facts(rng: random.Random, branch: str, used: set[str]) -> Facts:
    members = rng.randint(16, 58)
    present = members - rng.randint(0, 3)
    picked = _names(rng, rng.randint(2, 4), used)
    votes = []
    for _ in picked:
        yes = rng.randint(members // 2 + 1, present)
        no = rng.randint(0, present - yes)
        votes.append((yes, no, present - yes - no))
    meeting = date(YEAR, rng.randint(9, 10), rng.randint(8, 26))
    active = rng.randint(members // 3, members)
    chair, clerk = _names(rng, 2, used)
    return Facts(branch, members, present, picked, votes, meeting, meeting + timedelta(days=rng.randint(6, 20)),
                 (rng.randint(2, 6), rng.randint(2, 6), rng.randint(1, 5)), active * rng.randint(3, 9), active,
                 chair, clerk)


# --- the documents -------------------------------------------------------------------

HEADINGS = [("一、", "二、", "三、", "四、"), ("第一部分　", "第二部分　", "第三部分　", "第四部分　"),
            ("一、", "二、", "三、", "四、")]
SECTION = [("主要工作", "工作成效", "存在的问题", "今后打算"), ("基本情况", "主要做法和成效", "不足之处", "下一步工作思路"),
           ("工作开展情况", "取得的成绩", "存在的短板", "下步计划")]
KINDS = [("主题团日", "志愿服务", "读书分享"), ("政治理论学习", "青年大学习集中收看", "技能比武"),
         ("专题组织生活会", "义诊下乡", "岗位练兵"), ("红色教育", "文明实践", "青年夜校"), ("团课", "清洁家园行动", "创新创效")]
OPENINGS = [
    "{year}年，{branch}在{short}和所在单位党组织的关心指导下，紧扣中心任务，团结带领团员青年立足岗位、担当作为，"
    "较好完成了全年各项任务。现将主要情况报告如下。",
    "一年来，我支部坚持把思想引领放在首位，把服务青年落到实处，支部凝聚力和战斗力进一步增强。现将有关情况总结如下。",
    "按照{short}年初工作要点，{branch}围绕推优入党、志愿服务和青年成长三条主线开展工作，现总结如下。",
    "本年度支部换届后，新一届支委分工明确、各负其责，支部工作有了新起色。下面从四个方面作简要回顾。",
    "{branch}现有团员{members}名。今年支部以“建强组织、服务青年”为目标，一步一个脚印推进工作，情况如下。",
]
STEPS = [
    ["一是学习形式更活，把集中学习和个人自学结合起来；", "二是服务内容更实，围绕群众需求设计项目；",
     "三是管理更加规范，团费收缴和团籍注册按时完成。"],
    ["（一）坚持理论武装。支部每月确定一个学习主题，由团员轮流领学。",
     "（二）坚持服务青年。支部建立青年需求清单，逐项推动解决。",
     "（三）坚持从严管理。按时开展团员教育评议，评议结果在支部内公开。"],
    ["1.抓班子。支委每季度碰头一次，查摆问题、明确分工。", "2.抓阵地。整理出一间青年之家，配齐书报和投影设备。",
     "3.抓品牌。打造“青春加油站”服务项目，固定每月第二个周六开展。"],
    ["其一，把推优和日常培养连起来，推荐人选每季度向支部作一次思想汇报；",
     "其二，把活动和业务连起来，结合岗位开展技能竞赛；", "其三，把线上和线下连起来，用工作群及时发布通知、收集意见。"],
    ["（1）建立谈心谈话制度，支部书记与每名团员至少谈心一次。", "（2）落实“三会两制一课”，会议记录齐全、签到完整。",
     "（3）推行团员积分管理，积分结果作为评优的重要依据。"],
]
LEADS = ["主要做法有以下三点：", "具体做法主要有三个方面：", "重点抓了三件事：", "归纳起来有三条做法：", "主要从三个方面着手："]
WEAK = [
    "一是部分团员理论学习的主动性不强；二是活动与岗位结合得还不够紧。",
    "个别团员参加组织生活不够经常，支部对流动团员的联系还需加强。",
    "受轮班影响，集中活动到会率偏低，活动记录也有不够及时的情况。",
    "支部活动经费不足，部分计划中的项目没有按时开展。",
    "青年骨干培养梯队尚未形成，支委工作多靠书记一人推动。",
]
PLANS = [
    "下一步，支部将继续抓好推荐人选的跟踪培养，做好与党组织的衔接，力争各项工作再上台阶。",
    "{next}年，支部将把志愿服务常态化，组建青年突击队，在急难险重任务中发挥作用。",
    "明年将重点完善支部制度，健全学习、活动、考核台账，让每项工作有据可查。",
    "来年支部计划与兄弟单位开展联学联建，拓宽团员视野，提升活动质量。",
    "今后支部要在吸引青年、凝聚青年上多下功夫，力争年底前发展新团员两名。",
]


def summary(f: Facts, org: Org, rng: random.Random, slot: int) -> list[str]:
    """A branch's 工作总结, every figure consistent. ``slot`` is the branch's place
    in the round: branches of one round never share a phrasing of a paragraph."""
    def pick(options: list):
        return options[slot % len(options)]

    marks, names = rng.choice(HEADINGS), rng.choice(SECTION)
    a, b, c = f.activities
    kinds = pick(KINDS)
    listed = "、".join(f.picked)
    title = rng.choice([f"{f.branch}{YEAR}年度工作总结", f"{f.branch}{YEAR}年工作情况报告",
                        f"关于{f.branch}{YEAR}年推优工作的总结"])
    fill = {"year": YEAR, "next": YEAR + 1, "branch": f.branch, "short": org.short, "members": f.members}
    total = a + b + c
    tally = rng.choice([f"全年共开展集体活动{total}次，其中{kinds[0]}{a}次、{kinds[1]}{b}次、{kinds[2]}{c}次。",
                        f"支部全年开展{kinds[0]}{a}次、{kinds[1]}{b}次、{kinds[2]}{c}次，合计{total}次。",
                        f"围绕年度计划，支部先后组织{kinds[0]}{a}次、{kinds[1]}{b}次和{kinds[2]}{c}次。"])
    share = rng.choice([f"参加志愿服务的团员有{f.active}名，占支部团员总数{f.members}名的{_pct(f.active, f.members, rng)}。",
                        f"全支部{f.members}名团员中，有{f.active}人参与过志愿服务。"])
    per_head = round(f.hours / f.active, 1)
    hours = rng.choice([f"{f.active}名团员累计服务{f.hours}小时，人均{per_head:g}小时。",
                        f"全年志愿服务时长累计{f.hours}小时。", f"志愿服务总时长达到{f.hours}小时，较上年有所增加。"])
    vote = rng.choice([
        f"{_cn_day(f.meeting)}，支部召开团员大会，应到{f.members}人，实到{f.present}人，经无记名投票，"
        f"{listed}{len(f.picked)}名同志获得推荐。",
        f"{f.meeting.month}月{f.meeting.day}日，支部大会以无记名投票方式民主推荐，{listed}等{len(f.picked)}名团员"
        f"赞成票均超过应到人数的一半，共推荐{len(f.picked)}人。",
        f"经个人申请、团小组推荐和支部大会表决，确定{listed}为本年度推优人选，共{len(f.picked)}名。"])
    sign = rng.choice([f"共青团{f.branch}", f.branch])
    return [title, pick(OPENINGS).format(**fill),
            marks[0] + names[0], tally, vote, pick(LEADS), *pick(STEPS),
            marks[1] + names[1], share, hours,
            marks[2] + names[2], pick(WEAK),
            marks[3] + names[3], pick(PLANS).format(**fill),
            sign, _cn_day(f.signed)]


QUORUM = ["应到团员{members}人，实到{present}人，到会人数超过半数，会议有效。", "应出席{members}人，实际出席{present}人。",
          "本支部团员{members}名，到会{present}名，符合开会要求。", "全体团员{members}人中到会{present}人，缺席人员均已请假。",
          "出席人数：应到{members}人、实到{present}人。"]
AGENDA = ["会议议程：宣读推优条件；推荐人选逐一发言；无记名投票；当场计票。",
          "议程：一、支部书记通报推优要求；二、候选人陈述；三、投票表决。",
          "会议内容：学习推优有关规定，听取候选人表态，进行民主表决。",
          "会议先由组织委员介绍候选人情况，再由到会团员投票。",
          "主要议程为介绍候选人、分发选票、投票、唱票、计票、宣布结果。"]
CLOSING = ["以上人选赞成票均超过应到人数的半数，会议同意推荐，报上级团组织审批。",
           "主持人当场宣布表决结果，推荐人选名单将在支部内公示五天。",
           "计票结束后，监票人、计票人在计票单上签字。",
           "会议在十二点前结束，全体团员对会议程序无异议。",
           "表决结果由记录人整理后连同选票一并存档。"]


def minutes(f: Facts, rng: random.Random, slot: int) -> list[str]:
    """The 团员大会 minutes of the branch's vote; like the summaries, one phrasing per branch."""
    def pick(options: list[str]) -> str:
        return options[slot % len(options)].format(members=f.members, present=f.present)

    rows = [f"{name}：赞成{y}票，反对{n}票，弃权{a}票。" if rng.random() < 0.5 else
            f"{name}同志得赞成票{y}票、反对票{n}票、弃权票{a}票；" for name, (y, n, a) in zip(f.picked, f.votes)]
    result = rng.choice([f"根据表决结果，{'、'.join(f.picked)}{len(f.picked)}人赞成票均过半数，作为推优人选上报。", None])
    return [rng.choice([f"{f.branch}团员大会记录", f"{f.branch}推优大会会议记录"]),
            f"时间：{_cn_day(f.meeting)}{rng.choice(['上午9:00', '下午3:30', '晚上7:00'])}",
            f"地点：{rng.choice(['会议室', '活动室', '学习室'])}",
            f"主持人：{f.chair}　　记录人：{f.clerk}",
            pick(QUORUM), pick(AGENDA), "表决情况：", *rows, *([result] if result else []), pick(CLOSING)]


def notice(org: Org, number: int, dated: date, rng: random.Random) -> list[str]:
    due = dated + timedelta(days=rng.randint(10, 20))
    return [f"{org.committee}文件", f"{org.prefix}〔{YEAR}〕{number}号",
            rng.choice([f"关于开展{YEAR}年度推荐优秀团员入党工作的通知", f"关于做好{YEAR}年团员发展和推优工作的通知"]),
            "各基层团支部：",
            rng.choice(["为进一步做好推荐优秀团员作入党积极分子人选工作，经研究，现就有关事项通知如下。",
                        "根据上级团组织工作安排，结合我单位实际，现将本年度推优工作安排通知如下。"]),
            "一、推荐条件", "年满18周岁、入团满一年、已向党组织递交入党申请书的团员，近一年教育评议结果为合格及以上。",
            "二、工作程序",
            rng.choice(["（一）支部大会民主推荐。到会团员须超过应到人数的一半，赞成票超过应到人数一半的方可推荐。",
                        "（一）召开团员大会。由支部书记介绍人选情况，采取无记名投票方式表决。"]),
            f"（二）材料报送。{due.month}月{due.day}日前将推优登记表、会议记录和工作总结报{org.short}。",
            "三、有关要求", "各团支部要严格标准、规范程序，对推荐材料的真实性负责。",
            "附件：1.推优登记表", "2.推优汇总表", org.committee, _cn_day(dated)]


def bulletin(org: Org, issue: int, dated: date, items: list[tuple[str, str]], rng: random.Random) -> list[str]:
    head = rng.choice(["青年工作简报", "团情快讯", "共青团工作动态"])
    lines = [head, f"第{issue}期", f"{org.short}编印　　　　{_cn_day(dated)}"]
    for title, body in items:
        lines += [title, body]
    return lines + [rng.choice([f"报：上级团委　　送：本单位党委　　发：各团支部",
                                "报送：上级团委", "分送：各团支部"])]


def bulletin_items(f: Facts, rng: random.Random) -> tuple[str, str]:
    return rng.choice([
        (f"{f.branch}完成年度推优", f"近日，{f.branch}召开团员大会，{f.present}名团员参加投票，推荐人选已在支部内公示。"),
        (f"{f.branch}开展志愿服务", f"今年以来，{f.branch}组织{f.active}名团员参与志愿服务，累计服务{f.hours}小时。")])


# --- planting -----------------------------------------------------------------------


@dataclass(frozen=True)
class Plant:
    category: str
    variant: str
    file: str
    paragraph: int  # from 1, where the finding must be


# Each category's variants: a function of the document's lines that returns (new lines, paragraph index from 0).
def _insert(lines: list[str], at: int, text: str) -> tuple[list[str], int]:
    return lines[:at] + [text] + lines[at:], at


def _edit(lines: list[str], i: int, old: str, new: str) -> tuple[list[str], int]:
    assert old in lines[i], (old, lines[i])
    out = list(lines)
    out[i] = out[i].replace(old, new, 1)
    return out, i


def _find(lines: list[str], needle: str) -> int:
    return next(i for i, line in enumerate(lines) if needle in line)


TYPOS = [  # (wrong, right) as a branch secretary types them; the sentence is written around the wrong form
    ("支部将再接再励，争取更好成绩。", "再接再励"), ("团员们一如继往地参加活动。", "一如继往"),
    ("会上大家各抒已见，气氛热烈。", "各抒已见"), ("支部按步就班推进各项工作。", "按步就班"),
    ("这项工作以经顺利完成。", "以经"), ("支部召开了坐谈会，听取青年意见。", "坐谈会"),
    ("青年突击队克苦钻研业务。", "克苦"), ("部分团员对理论学习存在松驰情绪。", "松驰"),
    ("这次活动给大家带来了很大的震憾。", "震憾"), ("支部认真布署了全年工作。", "布署"),
    ("通过学习，团员们的思想认识有了明显的提搞。", "提搞"), ("支部工做取得了新进展。", "工做"),
    ("座谈中大家集思广义，提出了不少好点子。", "集思广义"), ("考核前个别团员心情烦燥。", "烦燥"),
    ("村里的老祠堂由青年志愿者修茸一新。", "修茸"), ("青年骨干的培养已经迫在眉急。", "迫在眉急"),
]
HALF_WIDTH = ["活动结束后,团员们纷纷表示收获很大。", "支部的做法得到了肯定:一是形式新,二是参与广。",
              "本次活动共有三个环节(学习、讨论、实践)。"]


def plant(cat: str, lines: list[str], rng: random.Random, names: list[str]) -> tuple[list[str], int, str]:
    """``lines`` with one mistake of ``cat``; returns the lines, the paragraph index (from 0) and the variant."""
    body = _find(lines, "全年") if any("全年" in x for x in lines) else 3
    if cat == "typo":
        sentence, wrong = rng.choice(TYPOS)
        return (*_insert(lines, body + 1, sentence), wrong)
    if cat == "punctuation":
        variant = rng.choice(["half-width", "quote", "ellipsis"])
        text = {"half-width": rng.choice(HALF_WIDTH), "quote": "团员们表示，要把“学在日常、做在经常落到实处。",
                "ellipsis": "支部开展了学习、服务、帮扶...各项工作有序推进。"}[variant]
        return (*_insert(lines, body + 1, text), variant)
    if cat == "placeholder":
        variant = rng.choice(["xx", "cross", "fill", "moumou"])
        text = {"xx": "在xx社区开展了环境整治活动。", "cross": "支部与××小学结成共建对子。",
                "fill": "支部联系人：【请填写】。", "moumou": "某某同志被评为优秀团员。"}[variant]
        return (*_insert(lines, body + 1, text), variant)
    if cat == "count":
        variant = rng.choice(["total", "points"])
        if variant == "total":
            listed = "、".join(names)
            return (*_insert(lines, body + 1, f"经支部大会表决，{listed}当选，共推荐{len(names) + 1}人。"), variant)
        return (*_insert(lines, len(lines) - 2, "今后重点抓好以下四项工作：一是加强学习；二是规范管理；三是服务青年。"), variant)
    if cat == "arithmetic":
        variant = rng.choice(["of-which", "percent"])
        if variant == "of-which":
            return (*_insert(lines, body + 1, "支部共收集青年意见建议20条，其中学习方面6条、生活方面5条、工作方面7条。"), variant)
        return (*_insert(lines, body + 1, "支部有团员30名，其中12名已递交入党申请书，占团员总数的45%。"), variant)
    if cat == "boilerplate":
        variant = rng.choice(["praise", "site", "article", "copyright"])
        text = {"praise": "以上是小编为大家整理的团支部工作总结，希望对你有所帮助。", "site": "（本文来自公文网，仅供参考学习）",
                "article": "发布时间：2026-03-02　作者：佚名　浏览次数：368", "copyright": "Copyright © 2019-2026 某文库 版权所有"}[variant]
        at = rng.choice([1, len(lines)])
        return (*_insert(lines, at, text), variant)
    if cat == "date":
        variant = rng.choice(["impossible", "february"])
        text = {"impossible": f"{YEAR}年6月31日，支部组织团员赴纪念馆参观。", "february": f"{YEAR}年2月30日，支部召开支委会。"}[variant]
        return (*_insert(lines, body + 1, text), variant)
    raise ValueError(cat)


TEXT_CATEGORIES = ("typo", "punctuation", "placeholder", "count", "arithmetic", "boilerplate", "date")
CATEGORIES = (*TEXT_CATEGORIES, "vote", "format", "duplicate")


@dataclass
class Built:
    folder: Path
    plants: list[Plant] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def write(path: Path, lines: list[str]) -> None:
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(path)


def build(out: Path, seed: int = 0, plants: tuple[str, ...] = (), org_kind: str | None = None,
          plain: float = 0.2) -> Built:
    """A round of narrative documents in ``out``. Each category in ``plants`` is
    planted once, in a different document: a text mistake in a summary, a set of
    minutes or the 简报; ``vote`` in a set of minutes (more ballots than present);
    ``format`` in the 通知 (its 发文字号 in square brackets); ``duplicate``: the
    last branch's summary copies the first's with the branch and names changed.
    A share ``plain`` of the documents are written as .txt instead of .docx."""
    rng = random.Random(seed)
    org = ORGS[org_kind or rng.choice(sorted(ORGS))](rng)
    out.mkdir(parents=True, exist_ok=True)
    built = Built(out)
    used: set[str] = set()
    all_facts = [facts(rng, b, used) for b in org.branches]
    offset = rng.randrange(len(OPENINGS))
    docs: dict[str, list[str]] = {}
    for i, f in enumerate(all_facts):
        docs[f"{f.branch}工作总结.docx"] = summary(f, org, rng, offset + i)
        docs[f"{f.branch}会议记录.docx"] = minutes(f, rng, offset + i)
    notice_file, bulletin_file = "通知.docx", "简报.docx"
    docs[notice_file] = notice(org, rng.randint(3, 30), date(YEAR, 8, rng.randint(10, 28)), rng)
    docs[bulletin_file] = bulletin(org, rng.randint(2, 15), date(YEAR, 11, rng.randint(3, 12)),
                                   [bulletin_items(f, rng) for f in all_facts[:3]], rng)
    clean = dict(docs)
    copy = f"{all_facts[-1].branch}工作总结.docx"
    if "duplicate" in plants:
        source = all_facts[0]
        lines = [line.replace(source.branch, all_facts[-1].branch) for line in clean[f"{source.branch}工作总结.docx"]]
        for old, new in zip(source.picked, all_facts[-1].picked * 2):
            lines = [line.replace(old, new) for line in lines]
        docs[copy] = lines
        built.plants.append(Plant("duplicate", "copied", copy, 0))
    # Text mistakes go to documents nobody else planted in, the branches' own first.
    free = [name for name in docs if name != copy]
    rng.shuffle(free)
    for cat in plants:
        if cat in TEXT_CATEGORIES:
            name = free.pop()
            f = next((f for f in all_facts if name.startswith(f.branch)), all_facts[0])
            docs[name], at, variant = plant(cat, docs[name], rng, f.picked)
        elif cat == "vote":
            f = all_facts[rng.randrange(len(all_facts) - 1)]
            name = f"{f.branch}会议记录.docx"
            if name in free:
                free.remove(name)
            at = next(i for i, line in enumerate(docs[name]) if line.startswith(f.picked[0]))
            docs[name] = list(docs[name])  # three more abstentions than there were
            docs[name][at] = re.sub(r"(弃权票?)(\d+)票", lambda m: f"{m[1]}{int(m[2]) + 3}票", docs[name][at], count=1)
            variant = "over-present"
        elif cat == "format":
            name, at, variant = notice_file, 1, "brackets"
            docs[name] = list(docs[name])
            docs[name][1] = docs[name][1].replace("〔", "[").replace("〕", "]")
        elif cat != "duplicate":
            raise ValueError(cat)
        if cat != "duplicate":
            built.plants.append(Plant(cat, variant, name, at + 1))
    # Some branches send plain text (one paragraph a line), in UTF-8 or GBK as Windows Notepad saves it.
    names = {name: name for name in docs}
    for name in docs:
        if name != notice_file and rng.random() < plain:
            names[name] = name.replace(".docx", ".txt")
    for name, lines in docs.items():
        if name == notice_file:
            gongwen_docx(out / name, lines)
        elif names[name].endswith(".txt"):
            (out / names[name]).write_text("\r\n".join(lines), encoding=rng.choice(["utf-8", "utf-8-sig", "gbk"]))
        else:
            write(out / name, lines)
    built.plants = [replace(p, file=names[p.file]) for p in built.plants]
    built.files = sorted(names.values())
    return built


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--plant", nargs="*", default=[])
    args = parser.parse_args()
    result = build(args.out, args.seed, tuple(args.plant))
    for p in result.plants:
        print(p, file=sys.stderr)
