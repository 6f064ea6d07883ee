"""Rules TW800–TW832 (issue 12) on in-memory documents: each must fail on its mistake
and pass on the correct variant; ``check --roster`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from toolkit.config import Config
from toolkit.check.engine import REGISTRY, Round, Submission, all_rules
from toolkit.extract import extract
from toolkit.model import Cell, Document, Paragraph, Table

CONFIG = Config.from_dict({"date": {"today": "2026-11-30"}})
all_rules()


def _doc(title: str, rows: list[list], lines: tuple[str, ...] = (), tail: tuple[str, ...] = ()) -> Submission:
    paras = [Paragraph(i, t) for i, t in enumerate((title, *lines), 1)]
    cells = [Cell(r, c, str(v)) for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1) if v not in (None, "")]
    paras += [Paragraph(len(paras) + i, t) for i, t in enumerate(tail, 1)]
    doc = Document(f"{title}.docx", "docx", paras, [Table(1, cells, position=len(lines) + 1)])
    return Submission(doc.path, doc, extract(doc))


def _codes(code: str, target) -> list[str]:
    return [f.message for f in REGISTRY[code].run(target, CONFIG)]


ROSTER_HEAD = ["姓名", "性别", "身份证号", "出生日期", "入团年月", "团员编号", "所在团支部", "最近一次教育评议等次", "团籍状态"]


def roster(*rows: list) -> Submission:
    return _doc("化工2201团支部团员名册", [ROSTER_HEAD, *rows])


OK_ROW = ["王子涵", "男", "320106200405150037", "2004-05-15", "2019-05", "201932010601", "化工2201团支部", "优秀", "正常"]


def form(name: str = "王子涵", branch: str = "化工2201团支部", birth: str | None = "2004-05", number: str | None = None,
         **extra: str) -> Submission:
    rows = [["姓名", name, "性别", "男"], ["所在团支部", branch, "表决日期", "2026-10-14"],
            ["应到人数", "30", "实到人数", "28"], ["赞成票", "25", "反对票", "2"], ["弃权票", "1", "民族", "汉族"]]
    if birth:
        rows.append(["出生年月", birth, "入团时间", extra.get("joined", "2019-05")])
    if number:
        rows.append(["身份证号", number, "联系电话", "13951230001"])
    doc = Document(f"登记表_{name}.docx", "docx", [Paragraph(1, "推荐优秀团员入党登记表")],
                   [Table(1, [Cell(r, c, v) for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1)])])
    return Submission(doc.path, doc, extract(doc))


# --- roster ---------------------------------------------------------------

def test_roster_is_read():
    sub = roster(OK_ROW)
    assert sub.extraction.kind == "roster" and sub.extraction.records[0].values["团员编号"] == "201932010601"


def test_tw800_not_on_roster():
    assert _codes("TW800", Round([form("赵景行", number=None)], rosters=[roster(OK_ROW)]))
    assert not _codes("TW800", Round([form()], rosters=[roster(OK_ROW)]))
    # A roster of another branch says nothing about this one.
    assert not _codes("TW800", Round([form("赵景行", "生物2201团支部")], rosters=[roster(OK_ROW)]))


def test_tw801_other_branch():
    moved = form(branch="化工2202团支部", number="320106200405150037")
    other = form("陈雨桐", branch="化工2202团支部")  # the round knows 化工2202 as a branch of its own
    assert _codes("TW801", Round([moved, other], rosters=[roster(OK_ROW)]))
    assert not _codes("TW801", Round([form(number="320106200405150037")], rosters=[roster(OK_ROW)]))


def test_tw802_age_from_roster_when_form_lacks_it():
    young = ["周以安", "男", "", "2008-12-03", "2023-05", "202332010605", "化工2201团支部", "合格", "正常"]
    found = _codes("TW802", Round([form("周以安", birth=None)], rosters=[roster(OK_ROW, young)]))
    assert found and "取自团员名册" in found[0]
    assert not _codes("TW802", Round([form(birth=None)], rosters=[roster(OK_ROW)]))


def test_tw803_share_of_roster():
    members = [OK_ROW] + [[f"成员{i}", "男", "", "2004-01-01", "2019-05", "", "化工2201团支部", "合格", "正常"] for i in range(4)]
    two = [form(), form("成员1")]
    assert _codes("TW803", Round(two, rosters=[roster(*members)]))  # 2 of 5 > 20 %
    assert not _codes("TW803", Round(two[:1], rosters=[roster(*members)]))


def test_tw804_status_not_normal():
    left = OK_ROW[:-1] + ["满28周岁离团"]
    assert _codes("TW804", Round([form()], rosters=[roster(left)]))
    assert not _codes("TW804", Round([form()], rosters=[roster(OK_ROW)]))


def test_tw806_member_number():
    assert _codes("TW806", roster(OK_ROW[:5] + ["202032010601"] + OK_ROW[6:]))  # joined 2019, numbered 2020
    assert _codes("TW806", roster(OK_ROW[:5] + ["2019320106"] + OK_ROW[6:]))  # 10 digits
    assert not _codes("TW806", roster(OK_ROW))
    old = OK_ROW[:4] + ["2016-05", "202032010601"] + OK_ROW[6:]  # before 2017: numbered when registered
    assert not _codes("TW806", roster(old))


def test_tw352_join_age_runs_on_roster_rows():
    early = OK_ROW[:4] + ["2017-05", "201732010601"] + OK_ROW[6:]  # 13 when joining
    assert _codes("TW352", roster(early))
    assert not _codes("TW352", roster(OK_ROW))


# --- review ---------------------------------------------------------------

def review(grades: list[tuple[str, str, str]], expected: int = 10, present: int = 9, stats: str = "") -> Submission:
    rows = [["序号", "姓名", "政治面貌", "评议等次"]] + [[i, n, p, g] for i, (n, p, g) in enumerate(grades, 1)]
    return _doc("化工2201团支部团员教育评议结果表", rows, (f"团支部：化工2201团支部　应到人数：{expected}　实到人数：{present}",),
                (stats,) if stats else ())


TEN = [(f"团员{i}", "共青团员", "优秀" if i < 3 else "合格") for i in range(10)]


def test_review_is_read():
    sub = review(TEN)
    assert sub.extraction.kind == "review"
    assert (sub.extraction.fields["应到人数"], sub.extraction.fields["实到人数"]) == (10, 9)


def test_tw810_excellent_share():
    assert _codes("TW810", review([(n, p, "优秀" if i < 4 else g) for i, (n, p, g) in enumerate(TEN)]))
    assert not _codes("TW810", review(TEN))  # 3 of 10
    assert not _codes("TW810", review(TEN[2:5]))  # 1 of 3: rounds to 1


def test_tw811_attendance():
    assert _codes("TW811", review(TEN, 30, 20))  # exactly 2/3 is not more than 2/3
    assert not _codes("TW811", review(TEN, 30, 21))


def test_tw812_party_member_graded():
    assert _codes("TW812", review(TEN + [("周子墨", "中共预备党员", "合格")]))
    assert not _codes("TW812", review(TEN + [("周子墨", "中共预备党员", "不评定等次")]))


def test_tw813_stated_counts():
    assert _codes("TW813", review(TEN, stats="本次参加评议10人，其中优秀4人（占40%），合格6人，基本合格0人，不合格0人。"))
    assert not _codes("TW813", review(TEN, stats="本次参加评议10人，其中优秀3人（占30%），合格7人，基本合格0人，不合格0人。"))


def test_tw805_failed_review_from_sheet_or_roster():
    sheet = review([("王子涵", "共青团员", "不合格")] + TEN[3:])
    assert _codes("TW805", Round([form(), sheet]))
    assert not _codes("TW805", Round([form(), review(TEN)]))
    failed = OK_ROW[:7] + ["不合格", "正常"]
    assert _codes("TW805", Round([form()], rosters=[roster(failed)]))


# --- 3+1+1 -----------------------------------------------------------------

STEP_HEAD = ["姓名", "团支部", "理想信念教育时间", "统一考试时间", "考试成绩", "团员教育评议时间", "评议等次", "推优时间",
             "确定为入党积极分子时间", "集中培训时间", "确定为发展对象时间"]
GOOD_STEPS = ["王子涵", "化工2201团支部", "2026-03-12", "2026-04-10", "86", "2026-09-20", "优秀", "2026-10-14",
              "2026-11-05", "", ""]


def steps(*changes: tuple[int, str]) -> Submission:
    row = list(GOOD_STEPS)
    for i, v in changes:
        row[i] = v
    return _doc("推优“3+1+1”过程记录表", [STEP_HEAD, row])


def test_steps_are_read():
    assert steps().extraction.kind == "tuiyou_steps"


def test_tw820_missing_step():
    assert _codes("TW820", steps((3, "")))  # no 统一考试 before 推优
    assert _codes("TW820", steps((10, "2027-03-01")))  # 发展对象 without 集中培训
    assert not _codes("TW820", steps())


def test_tw821_order():
    assert _codes("TW821", steps((3, "2026-10-20")))  # exam after the vote
    assert _codes("TW821", steps((9, "2026-10-01")))  # training before becoming 积极分子
    assert not _codes("TW821", steps((3, "2026-10")))  # same month: not certainly after
    assert not _codes("TW821", steps())


def test_tw822_evidence():
    assert _codes("TW822", steps((4, "52")))
    assert _codes("TW822", steps((6, "不合格")))
    assert not _codes("TW822", steps())


# --- volunteer hours --------------------------------------------------------

def hours(*rows: list, date: str = "2026年10月12日") -> Submission:
    head = ["序号", "姓名", "身份证号", "服务项目", "服务日期", "服务时长（小时）", "认证单位"]
    return _doc("化工2201团支部志愿服务时长记录表", [head, *rows], tail=("化工2201团支部", date))


def _row(i: int, name: str, day: str, h: str) -> list:
    return [i, name, "", "社区服务", day, h, "区志愿服务联合会"]


def test_tw830_day_over_24_hours():
    assert _codes("TW830", hours(_row(1, "王子涵", "2026-05-01", "6"), _row(2, "王子涵", "2026-05-01", "20")))
    assert not _codes("TW830", hours(_row(1, "王子涵", "2026-05-01", "6"), _row(2, "陈雨桐", "2026-05-01", "20")))


def test_tw831_after_record_date():
    assert _codes("TW831", hours(_row(1, "王子涵", "2026-11-03", "4")))
    assert not _codes("TW831", hours(_row(1, "王子涵", "2026-10-03", "4")))


def test_tw832_candidate_hours():
    few = hours(_row(1, "王子涵", "2026-05-01", "4"), _row(2, "王子涵", "2026-06-01", "3.5"))
    enough = hours(_row(1, "王子涵", "2026-05-01", "12"), _row(2, "王子涵", "2026-06-01", "8"))
    assert _codes("TW832", Round([form(), few]))
    assert not _codes("TW832", Round([form(), enough]))
    absent = REGISTRY["TW832"].run(Round([form("陈雨桐"), enough]), CONFIG)
    assert [f.severity for f in absent] == ["warning"]


# --- end to end -------------------------------------------------------------

def test_check_roster_option(tmp_path):
    from cli import main
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["化工2201团支部团员名册"])
    ws.append(ROSTER_HEAD)
    ws.append(OK_ROW)
    roster_file = tmp_path / "名册.xlsx"
    wb.save(roster_file)
    from toolkit.app.generate import generate_command
    from toolkit.app.demo import CANDIDATES, _candidate
    import yaml

    stranger = _candidate(CANDIDATES[1], 2)  # 陈雨桐 of 化工2201: not on this roster
    data = tmp_path / "forms.yaml"
    data.write_text(yaml.safe_dump([stranger], allow_unicode=True), "utf-8")
    generate_command("tuiyou-form", data, tmp_path / "subs", force=True)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "subs"), "--roster", str(roster_file),
                                       "--format", "json", "--select", "TW800,TW801,TW804"])
    report = json.loads(result.output)
    assert [f["rule"] for f in report["findings"]] == ["TW800"]
    assert Path(report["findings"][0]["file"]).suffix == ".docx"


def test_a_roster_the_classifier_takes_for_a_list_is_read_as_one(tmp_path):
    """``--roster`` says what the file is: a plain 名单 without the platform's columns still counts."""
    from cli import main
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["化工2201团支部名单"], ["姓名", "性别", "所在团支部"], ["陈雨桐", "女", "化工2201团支部"],
                ["许嘉禾", "男", "化工2201团支部"]):
        ws.append(row)
    wb.save(tmp_path / "名单.xlsx")
    form_doc = form("赵景行")
    from docx import Document as Docx

    d = Docx()
    d.add_paragraph("推荐优秀团员入党登记表")
    cells = [(c.row, c.col, c.text) for c in form_doc.doc.tables[0].cells]
    t = d.add_table(rows=max(r for r, _, _ in cells), cols=4)
    for r, c, text in cells:
        t.cell(r - 1, c - 1).text = text
    (tmp_path / "subs").mkdir()
    d.save(tmp_path / "subs" / "登记表_赵景行.docx")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "subs"), "--roster", str(tmp_path / "名单.xlsx"),
                                       "--format", "json", "--select", "TW800"])
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == ["TW800"]
