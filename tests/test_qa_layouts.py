"""Red-team QA: registration forms, tallies and logs laid out the way branch
secretaries really make them in Word/WPS/Excel, read back with every field,
and single planted mistakes found at the right place."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from rounds.helpers import table_docx
from toolkit.app.check import run_check
from toolkit.cn.idcard import make_id
from toolkit.extract import extract, parse_vote
from toolkit.extract.normalize import normalize
from toolkit.read import read

ID_M = make_id("110101", "20040506", 109, True)
ID_F = make_id("110101", "20050817", 22, False)


def records(path: Path):
    ex = extract(read(str(path)))
    return ex, [r.values for r in ex.records]


def findings(paths, registers=()):
    result, _ = run_check([str(p) for p in paths], [str(r) for r in registers], jobs=1)
    return result.findings


# --- gender as a pair of check boxes -------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("☑男 □女", "男"), ("□男 ☑女", "女"), ("男☑ 女□", "男"), ("男□ 女☑", "女"), ("■男□女", "男"),
    ("☐男 ☒女", "女"), ("√男  女", "男"), ("男 √女", "女"), ("男", "男"), ("□男 □女", "□男 □女"),
])
def test_gender_check_boxes(text, expected):
    assert normalize("性别", text) == expected


def test_form_with_check_boxes_and_photo_cell(tmp_path):
    rows = [
        ["姓　　名", "李丽", "性　　别", "□男 ☑女", "照片"],
        ["出生年月", "200508", "民　　族", "汉族", ""],
        ["政治面貌", "共青团员", "入团时间", "2019.10", ""],
        ["身份证号", ID_F, "", "", ""],
        ["所在团支部", "化工2201团支部", "团内职务", "宣传委员", ""],
    ]
    path = table_docx(tmp_path / "f.docx", rows, [((0, 4), (2, 4)), ((3, 1), (3, 4))])
    ex, recs = records(path)
    assert ex.kind == "registration_form"
    assert recs[0]["性别"] == "女" and recs[0]["出生日期"] == "2005-08" and recs[0]["身份证号"] == ID_F
    assert recs[0]["政治面貌"] == "共青团员"
    assert not [f for f in findings([path]) if f.category == "id-number"]


# --- ID number typed one digit per cell ------------------------------------------------

def boxed_id_form(path: Path, number: str) -> Path:
    rows = [
        ["姓名", "王五", "性别", "男"] + [""] * 15,
        ["身份证号"] + list(number),
        ["出生年月", "2004.05", "入团时间", "2018.05"] + [""] * 15,
        ["所在团支部", "化工2201团支部"] + [""] * 17,
    ]
    return table_docx(path, rows, [((0, 3), (0, 18)), ((2, 3), (2, 18)), ((3, 1), (3, 18))])


def test_id_number_in_eighteen_cells(tmp_path):
    _, recs = records(boxed_id_form(tmp_path / "f.docx", ID_M))
    assert recs[0]["身份证号"] == ID_M
    assert recs[0]["性别"] == "男" and recs[0]["团支部"] == "化工2201团支部"


def test_wrong_digit_in_eighteen_cells_is_found(tmp_path):
    bad = ID_M[:16] + str((int(ID_M[16]) + 2) % 10) + ID_M[17]  # still a man, check character now wrong
    path = boxed_id_form(tmp_path / "f.docx", bad)
    found = [f for f in findings([path]) if f.rule == "TW402"]
    assert len(found) == 1 and found[0].severity == "error"
    assert (found[0].location.table, found[0].location.row, found[0].location.col) == (1, 2, 2)


def test_single_character_answers_are_not_joined(tmp_path):
    rows = [["姓名", "王五", "性别", "男", "民族", "汉"], ["反对", "1", "弃权", "0", "团龄", "3"]]
    _, recs = records(table_docx(tmp_path / "f.docx", rows))
    assert recs[0]["性别"] == "男" and recs[0]["民族"] == "汉" and recs[0]["反对票"] == 1


# --- vote written as a sentence ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("经支部大会讨论，应到30人，实到28人，同意26票，不同意1票，弃权1票", (30, 28, 26, 1, 1)),
    ("应到会团员三十名，实到二十八名，赞成二十六票，反对一票，弃权一票", (30, 28, 26, 1, 1)),
    ("应到30人，实际参会28人，以26票赞成、1票反对、1票弃权通过", (30, 28, 26, 1, 1)),
    ("应到会30人，到会28人，26票同意，1票不同意，1票弃权", (30, 28, 26, 1, 1)),
    ("应到 30 人 实到 28 人 赞成 26 票 反对 1 票 弃权 1 票", (30, 28, 26, 1, 1)),
])
def test_vote_sentences(text, expected):
    keys = ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")
    assert tuple(parse_vote(text).get(k) for k in keys) == expected


def test_vote_only_in_branch_opinion_cell(tmp_path):
    rows = [
        ["姓名：张三", "性别：男", "民族：汉族"],
        ["出生年月：2004.5", "入团时间：2018年05月", "政治面貌：共青团员"],
        [f"身份证号码：{ID_M}", "联系电话：13812345678", "团内职务：组织委员"],
        ["所在团支部：化工2201团支部", "", ""],
        ["团支部意见：经支部大会讨论，应到30人，实到28人，以26票赞成、1票反对、1票弃权同意推荐。", "", ""],
    ]
    _, recs = records(table_docx(tmp_path / "f.docx", rows, [((3, 0), (3, 2)), ((4, 0), (4, 2))]))
    r = recs[0]
    assert (r["应到人数"], r["实到人数"], r["赞成票"], r["反对票"], r["弃权票"]) == (30, 28, 26, 1, 1)
    assert r["身份证号"] == ID_M and r["出生日期"] == "2004-05" and r["入团时间"] == "2018-05"


# --- tally in Excel ---------------------------------------------------------------------

def tally_xlsx(path: Path, rows) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "推优汇总表"
    ws.append(["化学化工学院2026年推优入党汇总表"])
    ws.merge_cells("A1:I1")
    ws.append(["序号", "团支部", "姓名", "表决情况", None, None, None, None, "备注"])
    ws.append([None, None, None, "应到", "实到", "赞成", "反对", "弃权", None])
    ws.merge_cells("D2:H2")
    for c in "ABCI":
        ws.merge_cells(f"{c}2:{c}3")
    for row in rows:
        ws.append(row)
    ws.append([None] * 9)
    ws.append(["填表人：赵六", None, None, None, None, None, "日期：2026年5月20日"])
    wb.save(path)
    return path


TALLY = [
    [1, "化工2201团支部", "张三", "32", "30", "27", "2", "1", ""],
    [2, "化工2201团支部", "李丽", 32, 30, 28, 1, 1, "团支书"],
    [3, "化工2202团支部", "王五", 28, 26, 20, 3, 3, None],
]


def test_tally_sign_off_row_is_not_a_record(tmp_path):
    path = tally_xlsx(tmp_path / "t.xlsx", TALLY + [["合计", None, None, 92, 86, 75, 6, 5, None]])
    ex, recs = records(path)
    assert ex.kind == "tally"
    assert [r["姓名"] for r in recs] == ["张三", "李丽", "王五"]
    assert recs[0]["赞成票"] == 27 and ex.total.values["赞成票"] == 75
    assert not [f for f in findings([path]) if f.severity == "error"]


def test_value_wrapped_one_character_per_line():
    # A narrow PDF cell wraps ``2004.05`` one character per line.
    assert normalize("出生日期", "2 0 0 4. 0 5") == "2004-05"
    assert normalize("应到人数", "3 2") == 32


def boxed_pdf_forms(tmp_path: Path) -> list[Path]:
    from toolkit.office import soffice_convert

    check_boxes = table_docx(tmp_path / "boxes.docx", [
        ["姓　　名", "李丽", "性　　别", "□男 ☑女", "照片"],
        ["出生年月", "2005.08", "民　　族", "汉族", ""],
        ["政治面貌", "共青团员", "入团时间", "2020.10", ""],
        ["身份证号", ID_F, "", "", ""],
        ["所在团支部", "化工2201团支部", "团内职务", "宣传委员", ""],
        ["团支部意见", "经支部大会讨论，应到30人，实到28人，同意26票，不同意1票，弃权1票，同意推荐。", "", "", ""],
        ["表决日期", "2026年5月12日", "", "", ""],
    ], [((0, 4), (2, 4)), ((3, 1), (3, 4)), ((5, 1), (5, 4)), ((6, 1), (6, 4))])
    boxed = boxed_id_form(tmp_path / "boxed.docx", ID_M)
    out = soffice_convert([check_boxes, boxed], tmp_path / "pdf", "pdf")
    return [out[check_boxes.resolve()], out[boxed.resolve()]]


@pytest.mark.soffice
def test_pdf_forms_with_check_boxes_and_boxed_id(tmp_path):
    first, second = boxed_pdf_forms(tmp_path)
    _, recs = records(first)
    r = recs[0]
    assert (r["性别"], r["出生日期"], r["身份证号"], r["表决日期"]) == ("女", "2005-08", ID_F, "2026-05-12")
    assert (r["应到人数"], r["实到人数"], r["赞成票"], r["反对票"], r["弃权票"]) == (30, 28, 26, 1, 1)
    _, recs = records(second)
    assert (recs[0]["身份证号"], recs[0]["出生日期"], recs[0]["入团时间"]) == (ID_M, "2004-05", "2018-05")
    assert not [f for f in findings([first, second]) if f.severity == "error"]


# --- one planted mistake per form-level category, on a check-box form ---------------------

def planted_form(path: Path, birth="2004.05", number=None, gender="☑男 □女", joined="2019.05",
                 date="2026年5月12日", vote="应到32人，实到30人，赞成27票，反对2票，弃权1票") -> Path:
    number = number or make_id("110101", birth.replace(".", "") + "06", 109, True)
    rows = [["姓  名", "张三", "性  别", gender], ["出生年月", birth, "入团时间", joined],
            ["身份证号", number, "民  族", "汉族"], ["所在团支部", "化工2201团支部", "表决日期", date],
            ["表决情况", vote, "", ""]]
    return table_docx(path, rows, [((4, 1), (4, 3))])


@pytest.mark.parametrize("changes, code, cell", [
    ({}, None, None),
    ({"birth": "2008.09", "joined": "2023.05"}, "TW351", (2, 2)),
    ({"birth": "1996.03", "joined": "2010.05"}, "TW351", (2, 2)),
    ({"joined": "2017.05"}, "TW352", (2, 4)),
    ({"joined": "2025.12"}, "TW353", (2, 4)),
    ({"number": make_id("110101", "20040706", 109, True)}, "TW403", (3, 2)),
    ({"gender": "□男 ☑女"}, "TW404", (3, 2)),
    ({"vote": "应到32人，实到30人，赞成27票，反对2票，弃权3票"}, "TW301", (5, 2)),
    ({"vote": "应到32人，实到30人，赞成16票，反对12票，弃权2票"}, "TW305", (5, 2)),
    ({"date": "2026年2月30日"}, "TW451", (4, 4)),
])
def test_planted_form_mistake(tmp_path, changes, code, cell):
    found = [f for f in findings([planted_form(tmp_path / "f.docx", **changes)]) if f.severity == "error"]
    if code is None:
        assert found == []
        return
    assert [f.rule for f in found] == [code], [(f.rule, f.message) for f in found]
    assert (found[0].location.table, found[0].location.row, found[0].location.col) == (1, *cell)
    assert "张三" in found[0].message or "日期" in found[0].message


# --- a date label with its value in the row below ------------------------------------------

@pytest.mark.parametrize("date, warned", [("2025年10月20日", False), ("", True)])
def test_signature_date_below_its_label(tmp_path, date, warned):
    rows = [["姓名", "性别", "民族", "会议日期", ""], ["王芳", "女", "汉族", date, ""],
            ["身份证号", "", "入团时间", "团内职务", "联系电话"], [ID_F, "", "2019.10", "团员", "13905310000"]]
    path = table_docx(tmp_path / "f.docx", rows, [((2, 0), (2, 1)), ((3, 0), (3, 1))])
    found = [f for f in findings([path]) if f.rule == "TW105"]
    assert bool(found) == warned
