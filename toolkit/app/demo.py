"""``tuanwen demo``: the whole job on embedded sample data.

Generates a realistic round — four branches' 推优登记表 (one branch sends PDFs),
their 工作总结 and a 会议记录, the League's own records (教育评议结果表, "3+1+1" 过程记录,
志愿服务时长记录; demo_league), the 团委's 汇总表, 分表领取及上交登记表 and 团员名册 (.xlsx), a 通知,
a 积分表, a 百分考核表 and a 乡镇's 建团进度周报 (demo_sheets) —
with mistakes planted the way branches really make them, then converts the
round into one table, checks it against the register files and writes the
reports. Everything is fictional; ID numbers are generated.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import click
import yaml

from . import demo_league
from ..cn.idcard import make_id
from . import demo_sheets
from ..errors import UsageError
from ..files import atomic_write_bytes, atomic_write_text

MARKER = ".tuanwen-demo"
UNIT = "化学工程学院团委"
MEETING = {"化工2201团支部": "2026-10-14", "化工2202团支部": "2026-10-15",
           "材料2201团支部": "2026-10-15", "生物2201团支部": "2026-10-16"}
SIZE = {"化工2201团支部": 32, "化工2202团支部": 30, "材料2201团支部": 28, "生物2201团支部": 34}

# (branch, name, gender, birth YYYYMMDD, join YYYY-MM, post, votes for/against/abstain, present)
CANDIDATES = [
    ("化工2201团支部", "王子涵", "男", "20040515", "2019-05", "组织委员", (27, 2, 1), 30),
    ("化工2201团支部", "陈雨桐", "女", "20050302", "2020-05", "团支部书记", (28, 1, 1), 30),
    ("化工2202团支部", "刘一诺", "女", "20041121", "2019-12", "宣传委员", (24, 3, 2), 29),
    ("化工2202团支部", "赵景行", "男", "20040807", "2019-05", "团员", (20, 5, 6), 28),  # votes > present
    ("材料2201团支部", "孙若溪", "女", "20051009", "2020-11", "团员", (22, 3, 1), 26),
    ("材料2201团支部", "周以安", "男", "20081203", "2023-05", "团员", (21, 4, 1), 26),  # 17 at the meeting
    ("生物2201团支部", "杨明轩", "男", "20040226", "2019-05", "团支部书记", (30, 2, 1), 33),
    ("生物2201团支部", "黄若曦", "女", "20050618", "2020-05", "文体委员", (29, 3, 1), 33),
]
MISSING_FORM = ("生物2201团支部", "林书瑶", "女", "20050111", "2020-05", "团员", (26, 5, 2), 33)  # tally only
BAD_CHECK_DIGIT = "王子涵"


def _candidate(spec: tuple, seq: int) -> dict[str, Any]:
    branch, name, gender, birth, join, post, (yes, no, abstain), present = spec
    number = make_id("320106", birth, seq, gender == "男")
    if name == BAD_CHECK_DIGIT:  # a digit mistyped when copying the number
        number = number[:-1] + ("3" if number[-1] != "3" else "4")
    return {
        "name": name, "gender": gender, "ethnicity": "汉族", "birth": f"{birth[:4]}-{birth[4:6]}",
        "id_number": number, "join_date": join, "post": post, "branch": branch,
        "phone": f"139{51230000 + seq * 7919:08d}", "apply_date": "2024-10",
        "performance": f"{name}同学思想上积极要求进步，按时参加团支部组织生活；学习认真，成绩位于专业前列；"
                       f"热心集体事务，积极参加志愿服务。",
        "awards": "2025年获校级优秀共青团员称号；无处分。",
        "expected": SIZE[branch], "present": present,
        "votes_for": yes, "votes_against": no, "votes_abstain": abstain,
        "vote_date": MEETING[branch], "opinion": f"同意推荐{name}同志作为入党积极分子人选。",
        "secretary": "陈雨桐" if branch == "化工2201团支部" else "李思远", "sign_date": MEETING[branch],
    }


def _forms() -> list[dict[str, Any]]:
    return [_candidate(spec, i + 1) for i, spec in enumerate(CANDIDATES)]


def _tally() -> dict[str, Any]:
    rows = [_candidate(spec, i + 1) for i, spec in enumerate([*CANDIDATES, MISSING_FORM])]
    keys = ("branch", "name", "gender", "birth", "expected", "present", "votes_for", "votes_against", "votes_abstain")
    return {"title": "2026年推荐优秀团员作入党积极分子人选汇总表", "unit": UNIT,
            "candidates": [{k: r[k] for k in keys} | {"note": r["post"]} for r in rows],
            "filler": "张晓彤", "fill_date": "2026-10-20"}


def _handout_log() -> dict[str, Any]:
    def row(branch: str, received: int, returned: int, note: str = "") -> dict[str, Any]:
        return {"branch": branch, "received": received, "receiver": "李思远", "receive_date": "2026-10-09",
                "returned": returned, "return_date": "2026-10-17", "note": note}

    return {"title": "2026年推优登记表领取及上交登记表", "unit": UNIT, "keeper": "张晓彤", "date": "2026-10-20",
            "rows": [row("化工2201团支部", 3, 2, "1份未使用"), row("化工2202团支部", 2, 2),
                     row("材料2201团支部", 2, 3),  # more handed in than received
                     row("生物2201团支部", 3, 3)]}


def _summary(branch: str, names: list[str], stated: int, extra: str = "") -> dict[str, Any]:
    joined = "、".join(names)
    return {
        "title": f"{branch}2026年推优工作总结",
        "intro": [f"按照学院团委关于做好2026年推优工作的通知要求，{branch}在10月中旬完成了本年度推荐优秀团员"
                  f"作入党积极分子人选的工作。现将有关情况总结如下。"],
        "basics": [f"本支部现有团员{SIZE[branch]}名，已递交入党申请书的{SIZE[branch] // 2}名。"
                   f"经支部大会无记名投票，确定{joined}{len(names)}人为推荐人选，共推荐{stated}人。{extra}"],
        "practices": ["对照条件逐人审核。支委会逐人核对年龄、团龄和入党申请时间，不符合条件的不列入候选人。",
                      "规范会议程序。支部大会当场发票、唱票、计票，表决结果当场宣布。"],
        "results": [f"到会团员{MEETING_PRESENT[branch]}名，到会率较上年有所提高，团员参与推优的积极性明显增强。"],
        "shortcomings": ["个别团员对推优条件了解不够，会前宣传还需加强。"],
        "plans": ["下学期开展一次推优政策学习，把平时表现记入团员成长档案。"],
        "org": f"共青团{branch.removesuffix('团支部')}支部委员会", "date": "2026-10-20",
    }


MEETING_PRESENT = {"化工2201团支部": 30, "化工2202团支部": 29, "材料2201团支部": 26, "生物2201团支部": 33}


def _summaries() -> list[dict[str, Any]]:
    clean = _summary("化工2201团支部", ["王子涵", "陈雨桐"], 2)
    # 化工2202 copied 化工2201's summary and changed the names only.
    copied = yaml.safe_load(yaml.safe_dump(clean, allow_unicode=True).replace("化工2201", "化工2202")
                            .replace("王子涵", "刘一诺").replace("陈雨桐", "赵景行"))
    sloppy = _summary("生物2201团支部", ["杨明轩", "黄若曦", "林书瑶", "许嘉禾"], 5,
                      "推优对彖由xx老师审核,名单已在班级公示。")
    return [clean, copied, sloppy]


def _minutes() -> dict[str, Any]:
    branch = "化工2201团支部"
    return {"branch": branch, "meeting_date": MEETING[branch], "meeting_time": "19:00", "place": "化工楼B203",
            "host": "陈雨桐", "recorder": "周子墨", "expected": SIZE[branch], "present": 30,
            "absentees": ["李明哲（病假）", "吴思源（实习）"],
            "agenda": ["通报推优条件和程序", "候选人介绍本人情况", "无记名投票表决", "宣布表决结果"],
            "candidates": [{"name": c["name"], "votes_for": c["votes_for"], "votes_against": c["votes_against"],
                            "votes_abstain": c["votes_abstain"]} for c in _forms() if c["branch"] == branch],
            "remarks": "表决结果当场宣布，并在班级群公示5个工作日。"}


def _notice() -> dict[str, Any]:
    from ..render.schema import load_schema

    example = {f.name: f.example for f in load_schema("notice").fields}
    return example | {"date": "2026-10-08", "print_date": "2026-10-08"}


def _prepare(outdir: Path) -> None:
    if outdir.exists() and any(outdir.iterdir()):
        if not (outdir / MARKER).exists():
            raise UsageError(f"文件夹“{outdir}”不是空的，也不是以前的演示结果；请换一个文件夹")
        shutil.rmtree(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    atomic_write_text(outdir / MARKER, "tuanwen demo\n")


def _write_data(folder: Path, name: str, records: Any) -> Path:
    path = folder / f"{name}.yaml"
    atomic_write_text(path, yaml.safe_dump(records, allow_unicode=True, sort_keys=False))
    return path


def _generate(template: str, data: Path, outdir: Path, **kwargs: Any) -> list[Path]:
    from .generate import generate_command

    # The round plants the mistakes branches make in Word: they must get past generate's own data check.
    return generate_command(template, data, outdir, force=True, check_data=False, **kwargs)


def run_demo(outdir: Path) -> None:
    """Generate, convert and check a sample round into ``outdir``."""
    from .check import Outputs, check_round
    from .convert import convert_command
    from ..office import find_soffice

    outdir = Path(outdir)
    _prepare(outdir)
    data, subs, office = outdir / "数据", outdir / "提交材料", outdir / "团委材料"

    click.secho("① 生成一轮材料（其中埋有常见错误）", bold=True)
    forms = _forms()
    pdf_branch = "材料2201团支部"
    has_soffice = find_soffice() is not None
    _generate("tuiyou-form", _write_data(data, "推优登记表",
                                         [f for f in forms if f["branch"] != pdf_branch or not has_soffice]), subs)
    if has_soffice:  # this branch exported its forms to PDF from Word and sent only the PDFs
        made = _generate("tuiyou-form", _write_data(data, "推优登记表_PDF提交",
                                                    [f for f in forms if f["branch"] == pdf_branch]),
                         subs, pdf=True)
        for docx in made:
            docx.unlink()
        click.echo(f"（{pdf_branch}只交了 PDF，对应的 .docx 已删去）")
    else:
        click.echo("提示：未安装 LibreOffice（sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk），"
                   "材料2201团支部的登记表以 .docx 代替 PDF。")
    _generate("summary", _write_data(data, "工作总结", _summaries()), subs)
    _generate("minutes", _write_data(data, "会议记录", [_minutes()]), subs)
    for template, name, record in demo_sheets.SHEETS:
        _generate(template, _write_data(data, name, [record()]), subs)
    atomic_write_bytes(subs / "损坏_生物2201团支部_推优登记表.docx", b"PK\x03\x04 not really a zip file")
    members = demo_league.roster([*CANDIDATES, MISSING_FORM], SIZE)
    tally_only = _candidate(MISSING_FORM, len(CANDIDATES) + 1)
    _generate("review", _write_data(data, "团员教育评议", [demo_league.review(members)]), subs)
    _generate("tuiyou-steps", _write_data(data, "3+1+1过程记录", demo_league.steps(forms)), subs)
    _generate("volunteer-hours", _write_data(data, "志愿服务时长", [demo_league.hours(forms, tally_only, members)]), subs)
    tally = _generate("tuiyou-tally", _write_data(data, "推优汇总表", [_tally()]), office)
    log = _generate("handout-log", _write_data(data, "分表领取登记", [_handout_log()]), office)
    roster = office / "团员名册.xlsx"
    atomic_write_bytes(roster, demo_league.roster_xlsx(members, f"{UNIT.removesuffix('团委')}团员名册"))
    _generate("notice", _write_data(data, "通知", [_notice()]), outdir / "通知")

    click.secho("\n② 批量转换为一张表", bold=True)
    convert_command([subs], outdir / "转换结果.xlsx")

    click.secho("\n③ 审查（与团委的汇总表、分表登记表、团员名册交叉核对）", bold=True)
    reports = {fmt: outdir / f"审查报告.{fmt}" for fmt in ("html", "xlsx")}
    result = check_round([subs], [office / p.name for p in (*tally, *log)], rosters=[roster],  # built-in settings
                         outputs=Outputs(reports, annotate=outdir / "批注版"))
    errors = sum(f.severity == "error" for f in result.findings)
    click.echo(f"审查了 {len(result.files)} 个文件，发现错误 {errors} 处、警告 {len(result.findings) - errors} 处。")

    click.secho("\n完成。请查看：", bold=True)
    for label, path in [("样例数据", data), ("提交材料", subs), ("团委汇总表、登记表和团员名册", office), ("通知（公文格式）", outdir / "通知"),
                        ("转换结果", outdir / "转换结果.xlsx"), ("审查报告（网页）", outdir / "审查报告.html"),
                        ("审查报告（表格）", outdir / "审查报告.xlsx"), ("带批注的 Word 副本", outdir / "批注版")]:
        click.echo(f"  {label}：{path}")
    click.echo("\n不想敲命令？运行 tuanwen serve，会在浏览器里打开本机网页，审查、汇总、生成、起草都可以点选完成"
               "（只在这台电脑上运行，文件不会发到别处）。")
