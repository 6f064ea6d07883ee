"""Build a realistic 推优 round: forms in several layouts, branch summaries, a
notice, minutes, the office's tally (汇总表) and hand-out log — clean, plus one
planted mistake of every category the inspector owns.

    python tests/rounds/build_round.py OUTDIR [--branches N] [--clean]

``build_round`` returns the planted mistakes as ``{file name: {rule codes}}``:
the check must find each of them and report no other error.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parents[2]
for _path in (ROOT, ROOT / "tests"):  # run as a script too
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from toolkit.cn.idcard import make_id  # noqa: E402

MEETING = "2026年11月10日"
SIGNED = "2026年11月12日"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "子涵 一诺 佳琪 明轩 若曦 浩然 欣怡 梓萱 宇航 思远 雨桐 嘉怡 俊杰 诗涵 博文 晨曦 书瑶 天佑 可欣 志强 文静 海洋 晓彤 振宇 婉清 家豪 雅琴 子墨 梦琪 泽宇".split()
MAJORS = "化工 生物 机械 计算机 材料 土木 电气 环境 数学 物理 外语 经管".split()


@dataclass
class Person:
    name: str
    gender: str
    birth: str  # YYYYMMDD
    joined: str  # 2019年9月
    branch: str
    total: int
    present: int
    yes: int
    no: int
    abstain: int
    role: str = "团员"

    @property
    def id_number(self) -> str:
        return make_id("110108", self.birth, sum(map(ord, self.name)) % 400, self.gender == "男")

    @property
    def birth_cn(self) -> str:
        return f"{self.birth[:4]}年{int(self.birth[4:6])}月"


def _people(rng: random.Random, n_branches: int, first_branch: int = 0) -> dict[str, list[Person]]:
    out: dict[str, list[Person]] = {}
    used: set[str] = set()
    for b in range(first_branch, first_branch + n_branches):
        major = MAJORS[b % len(MAJORS)]
        branch = f"{major}{2201 + b // len(MAJORS)}团支部"
        total = rng.randint(28, 40)
        present = total - rng.randint(0, 3)
        members = []
        for _ in range(2):
            while True:
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
                if name not in used:
                    used.add(name)
                    break
            no, abstain = rng.randint(0, 2), rng.randint(0, 2)
            birth = f"{rng.randint(2002, 2006)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            members.append(Person(name, rng.choice("男女"), birth, f"{int(birth[:4]) + 14 + rng.randint(1, 2)}年{rng.randint(3, 11)}月",
                                  branch, total, present, present - no - abstain, no, abstain,
                                  rng.choice(["团员", "组织委员", "宣传委员", "团支书"])))
        out[branch] = members
    return out


def _grid(document, rows: list[tuple[str, ...]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows):  # row by row: table.cell() is slow on long tables
        for cell, text in zip(row.cells, values):
            cell.text = text


def form(path: Path, p: Person, layout: int, birth_text: str | None = None, id_number: str | None = None) -> None:
    """One 推优登记表 in one of three layouts (four-column grid, six-column grid,
    label lines)."""
    d = docx.Document()
    d.add_paragraph("推荐优秀团员作为入党积极分子人选登记表")
    birth = birth_text or p.birth_cn
    number = id_number or p.id_number
    vote = (f"应到{p.total}人", f"实到{p.present}人", f"赞成{p.yes}票", f"反对{p.no}票", f"弃权{p.abstain}票")
    if layout == 0:
        _grid(d, [("姓名", p.name, "性别", p.gender), ("民族", "汉族", "出生年月", birth),
                  ("身份证号", number, "入团时间", p.joined), ("所在团支部", p.branch, "团内职务", p.role),
                  ("应到人数", str(p.total), "实到人数", str(p.present)), ("赞成票", str(p.yes), "反对票", str(p.no)),
                  ("弃权票", str(p.abstain), "表决日期", MEETING),
                  ("团支部意见", "同意推荐", "团支部书记签字", "已签")])
    elif layout == 1:
        _grid(d, [("姓 名", p.name, "性 别", p.gender, "民 族", "汉族"),
                  ("出生日期", birth, "入团年月", p.joined, "团内职务", p.role),
                  ("公民身份号码", number, "所在支部", p.branch, "联系电话", "13812345678"),
                  ("应到会人数", str(p.total), "实到会人数", str(p.present), "表决时间", MEETING),
                  ("赞成", str(p.yes), "反对", str(p.no), "弃权", str(p.abstain))])
    else:
        for line in (f"姓名：{p.name}    性别：{p.gender}    民族：汉族", f"出生年月：{birth}    入团时间：{p.joined}",
                     f"身份证号：{number}", f"所在团支部：{p.branch}    团内职务：{p.role}",
                     f"表决日期：{MEETING}",
                     f"团支部大会表决情况：{vote[0]}，{vote[1]}，{vote[2]}，{vote[3]}，{vote[4]}。"):
            d.add_paragraph(line)
    d.add_paragraph(f"{p.branch}")
    d.add_paragraph(SIGNED)
    d.save(path)


def summary(path: Path, branch: str, people: list[Person], lines: list[str] | None = None) -> None:
    """A branch's 推优工作总结 (.docx, or GBK .txt), figures consistent unless
    ``lines`` replaces the body."""
    names = "、".join(p.name for p in people)
    total = people[0].total
    body = lines or [
        f"{branch}2026年推优工作总结",
        f"根据院团委关于开展2026年推优工作的通知要求，{branch}于{MEETING}召开团支部大会，开展推荐优秀团员作入党积极分子人选工作。",
        "一、基本情况",
        f"本支部现有团员{total}人。本学期共开展主题活动9次，其中主题团日3次、志愿服务4次、理论学习2次。"
        f"经团支部大会无记名投票，确定{names}{len(people)}人为推荐人选，占团员总数的{len(people) * 100 / total:.1f}%。",
        "二、主要做法",
        "（一）严格标准，规范程序",
        "支部按照“个人申请、团员推荐、大会表决、公示上报”的程序开展工作，公示期间未收到异议。",
        "（二）加强培养，注重实效",
        f"支部组织{total}名团员参加团课学习，累计学习{total * 4}学时，人均4学时。",
        "三、存在不足",
        "工作中还存在以下两点不足：",
        "1.部分团员对推优程序了解不够。",
        "2.材料整理不够及时。",
        "四、下一步打算",
        "支部将继续加强团员教育管理，做好推荐人选的跟踪培养。",
        branch,
        SIGNED,
    ]
    if path.suffix == ".txt":  # as a branch pastes it into Notepad on Chinese Windows
        path.write_bytes("\r\n".join(body).encode("gbk"))
        return
    d = docx.Document()
    for line in body:
        d.add_paragraph(line)
    d.save(path)


def tally(path: Path, people: list[Person], wrong_total: bool = False) -> None:
    d = docx.Document()
    d.add_paragraph("2026年推优工作汇总表")
    rows = [("序号", "团支部", "姓名", "应到人数", "实到人数", "赞成票", "反对票", "弃权票", "备注")]
    for i, p in enumerate(people, 1):
        rows.append((str(i), p.branch, p.name, str(p.total), str(p.present), str(p.yes), str(p.no), str(p.abstain), ""))
    sums = [sum(getattr(p, k) for p in people) for k in ("yes", "no", "abstain")]
    if wrong_total:
        sums[0] += 2
    rows.append(("合计", "", "", "", "", *map(str, sums), ""))
    _grid(d, rows)
    d.add_paragraph("院团委组织部")
    d.add_paragraph(SIGNED)
    d.save(path)


def handout_log(path: Path, counts: dict[str, tuple[int, int]]) -> None:
    d = docx.Document()
    d.add_paragraph("推优分表领取及上交登记表")
    rows = [("团支部", "领取份数", "领取人", "上交份数", "备注")]
    for branch, (taken, given) in counts.items():
        rows.append((branch, str(taken), "李老师", str(given), ""))
    _grid(d, rows)
    d.save(path)


def notice(path: Path, number: str = "院团发〔2026〕7号", date: str = "2026年10月9日") -> None:
    """The 院团委's 通知, laid out as a 公文 (GB/T 9704-2012)."""
    from rounds.helpers import gongwen_docx

    gongwen_docx(path, ["共青团化学工程学院委员会文件", number,
                        "关于开展2026年推荐优秀团员作入党积极分子人选工作的通知", "各团支部：",
                        "为做好2026年推优工作，现将有关事项通知如下。",
                        "一、推荐范围", "年满18周岁、团龄满1年的团员。", "二、工作程序",
                        "（一）团支部大会表决", "团支部大会应到会人数须超过半数，赞成票须超过应到人数的半数。",
                        "（二）材料报送", "各团支部于11月15日前报送推优登记表和工作总结。",
                        "附件：1.推优登记表", "2.推优工作汇总表", "共青团化学工程学院委员会", date])


def minutes(path: Path, branch: str, people: list[Person]) -> None:
    d = docx.Document()
    p0 = people[0]
    d.add_paragraph(f"{branch}团支部大会会议记录")
    d.add_paragraph(f"会议时间：{MEETING}")
    d.add_paragraph(f"应到{p0.total}人，实到{p0.present}人。")
    for p in people:
        d.add_paragraph(f"经无记名投票，{p.name}同志赞成{p.yes}票，反对{p.no}票，弃权{p.abstain}票，同意推荐。")
    d.add_paragraph("记录人：团支部组织委员")
    d.save(path)


def build_round(out: Path, n_branches: int = 8, plant: bool = True, seed: int = 7,
                first_branch: int = 0) -> dict[str, set[str]]:
    """Write the round into ``out``; return the planted mistakes by file name. Branches are
    numbered from ``first_branch`` (化工2201团支部 is 0), so rounds built side by side with
    disjoint numbers hold distinct branches, as a province's round does."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    branches = _people(rng, max(n_branches, 8 if plant else 1), first_branch)
    planted: dict[str, set[str]] = {}
    everyone = [p for ps in branches.values() for p in ps]
    names = list(branches)
    # The people whose forms carry a planted mistake.
    if plant:
        b_vote, b_age, b_id, b_reg, b_miss = (branches[names[k]][0] for k in range(5))
        bad_vote = replace(b_vote, abstain=b_vote.abstain + 3)  # ballots exceed attendance
        young = replace(b_age, birth="20081215", joined="2023年3月")  # 17 at the meeting
        branches[names[0]][0], branches[names[1]][0] = bad_vote, young
        everyone = [p for ps in branches.values() for p in ps]
    tally_people = list(everyone)
    form_files = 0
    for bi, (branch, people) in enumerate(branches.items()):
        for pi, p in enumerate(people):
            name = f"登记表_{branch}_{p.name}.docx"
            kwargs = {}
            if plant and p is b_id:
                kwargs["id_number"] = p.id_number[:17] + ("0" if p.id_number[17] != "0" else "1")
                planted[name] = {"TW402"}
            if plant and p is bad_vote:
                planted[name] = {"TW301"}
            if plant and p is young:
                planted[name] = {"TW351"}
            form(out / name, p, (bi + pi) % 3, **kwargs)
            form_files += 1
        summary(out / f"总结_{branch}.{'txt' if bi == 2 else 'docx'}", branch, people)
        if bi == 0:
            minutes(out / f"会议记录_{branch}.docx", branch, people)
            if plant:
                planted[f"会议记录_{branch}.docx"] = {"TW301"}  # records the same bad vote
    if plant:
        tally_people = [replace(p, yes=p.yes - 1, no=p.no + 1) if p is b_reg else p for p in everyone if p is not b_miss]
        # b_reg's votes retyped wrongly, b_miss left out: the tally is wrong, not their forms.
        planted["推优汇总表.docx"] = {"TW254", "TW703", "TW301", "TW701"}
        # Planted text mistakes, one summary each (replacing the clean one of a branch).
        b = names[5]
        ps = branches[b]
        summary(out / f"总结_{b}.docx", b, ps, [
            f"{b}2026年推优工作总结",
            "按照xx党委的统一部署，本支部认真开展推优工作。",  # placeholder
            f"经团支部大会表决，最终确定{'、'.join(p.name for p in ps)}、刘一诺{len(ps) + 1}人为推荐对象，上报学院团委，共推荐{len(ps) + 2}人。",  # count
            "本学期共开展活动12次，其中主题团日4次、志愿服务5次、理论学习2次。",  # arithmetic
            "本支部有8名团员获得奖学金，占全支部40名的25%。",  # arithmetic (percentage)
            "支部于2026年9月31日召开支委会研究推优工作。",  # date
            "全体团员积极参与,气氛热烈。",  # punctuation
            b, SIGNED])
        planted[f"总结_{b}.docx"] = {"TW102", "TW201", "TW251", "TW252", "TW451", "TW551"}
        notice(out / "通知_院团委.docx", number="院团发[2026]07号")
        planted["通知_院团委.docx"] = {"TW601", "TW602"}
    else:
        notice(out / "通知_院团委.docx")
    tally(out / "推优汇总表.docx", tally_people, wrong_total=plant)
    counts = {b: (len(ps) + 1, len(ps)) for b, ps in branches.items()}
    if plant:
        b = names[6]
        counts[b] = (len(branches[b]) + 1, len(branches[b]) + 1)  # the log says one more form came in
        planted["分表领取登记表.docx"] = {"TW705"}
    handout_log(out / "分表领取登记表.docx", counts)
    return planted


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--branches", type=int, default=8)
    ap.add_argument("--clean", action="store_true", help="no planted mistakes")
    args = ap.parse_args()
    planted = build_round(args.outdir, args.branches, plant=not args.clean)
    for name, codes in sorted(planted.items()):
        print(name, " ".join(sorted(codes)))


if __name__ == "__main__":
    main()
