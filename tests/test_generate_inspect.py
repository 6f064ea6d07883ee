"""generate checks the data with the inspector's own rules before writing (issue 11)."""

from __future__ import annotations

import copy
import datetime as dt

import docx
import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from cli import main
from toolkit.check.data import inspect_record
from toolkit.check.engine import REGISTRY
from toolkit.cn.idcard import check_char
from toolkit.config import Config
from toolkit.kinds import MINUTES, template_kind
from toolkit.render.schema import builtin_names, load_schema

FORM = load_schema("tuiyou-form")


def _id(birth: dt.date, male: bool, area: str = "320106", seq: int = 75) -> str:
    body = f"{area}{birth:%Y%m%d}{seq:02d}{1 if male else 2}"
    return body + check_char(body)


def _form(**changes) -> dict:
    return FORM.example_record() | changes


def _people_sheet(path, records: list[dict]) -> None:
    """An entry workbook as users fill it: a title row, the header, one row per person."""
    wb = openpyxl.Workbook()
    ws = wb.active
    keys = list(records[0])
    ws.append(["推优登记表"])
    ws.append([FORM.field(k).label for k in keys])
    for r in records:
        ws.append([r[k] if not isinstance(r[k], list) else "、".join(r[k]) for k in keys])
    wb.save(path)


BAD = [
    _form(),  # 王子涵, row 3: clean
    _form(name="李四", id_number="110101200405061091", votes_for=40),  # row 4: check character; 43 ballots > 30
    _form(name="赵六", gender="女", birth="2004-06"),  # row 5: gender and birth month against the ID
]


def test_bad_data_is_refused_per_person_with_the_sheet_row(tmp_path):
    data = tmp_path / "登记.xlsx"
    _people_sheet(data, BAD)
    result = CliRunner().invoke(main, ["generate", "tuiyou-form", str(data), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    text = result.output
    assert "李四（数据文件第4行）：" in text and "赵六（数据文件第5行）：" in text and "王子涵" not in text
    assert "身份证号校验位应为2" in text and "多于实到人数30人" in text
    assert "表中出生日期为2004-06" in text and "表中性别为女" in text
    assert "条记录" not in text
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.docx"))


def test_a_choice_and_the_rules_are_listed_together(tmp_path):
    data = tmp_path / "登记.xlsx"
    _people_sheet(data, [*BAD[:2], _form(name="钱七", gender="F")])
    result = CliRunner().invoke(main, ["generate", "tuiyou-form", str(data), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "钱七（数据文件第5行）：字段“性别”(gender) 只能是 男 或 女，实际为“F”" in result.output
    assert "身份证号校验位应为2" in result.output  # the rules' findings in the same message


def test_draft_writes_and_marks_the_wrong_values(tmp_path):
    data = tmp_path / "登记.yaml"
    data.write_text(yaml.safe_dump(BAD, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(main, ["generate", "tuiyou-form", str(data), "-o", str(tmp_path / "out"), "--draft"])
    assert result.exit_code == 0, result.output
    assert "【待核】" in result.output and "李四" in result.output
    texts = {}
    for path in (tmp_path / "out").glob("*.docx"):
        d = docx.Document(path)
        texts[path.name] = "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    clean, li, zhao = (next(t for n, t in texts.items() if who in n) for who in ("王子涵", "李四", "赵六"))
    assert "待核" not in clean
    assert "【待核：身份证号校验位错误】" in li and "【待核：赞成、反对、弃权票数之和多于实到人数】" in li
    assert "【待核：身份证号中的出生日期与表中出生日期不符；身份证号中的性别与表中性别不符】" in zhao


def test_minutes_may_record_a_failed_candidate_but_not_a_meeting_without_quorum(tmp_path):
    minutes = load_schema("minutes")
    record = minutes.example_record()
    record["candidates"][0].update(votes_for=10, votes_against=19)  # short of the majority: the minutes say 未通过
    assert inspect_record(minutes.fields, record, Config(), verdict_stated=True) == []
    record["present"] = 12
    record["candidates"] = [{"name": "王子涵", "votes_for": 10, "votes_against": 1, "votes_abstain": 1}]
    problems = inspect_record(minutes.fields, record, Config(), verdict_stated=True)
    assert [(p.code, p.name, p.field) for p in problems] == [("TW304", "", "present")]


def test_tally_rows_are_people():
    tally = load_schema("tuiyou-tally")
    record = tally.example_record()
    record["candidates"][1]["votes_for"] = 40
    problems = inspect_record(tally.fields, record, Config())
    assert {(p.code, p.name, p.row, p.field) for p in problems} == {("TW301", "陈雨桐", 2, "votes_for")}


def test_one_rule_set():
    """The data check runs the registered rules, not a copy: every code is the checker's."""
    problems = inspect_record(FORM.fields, BAD[1] | {"gender": "女"}, Config())
    assert problems and all(REGISTRY[p.code].summary == p.summary for p in problems)


def test_local_settings_apply_to_generation_as_to_check():
    strict = Config.from_dict({"eligibility": {"min_league_years": 10}})
    assert not inspect_record(FORM.fields, _form(), Config())
    assert [p.code for p in inspect_record(FORM.fields, _form(), strict)] == ["TW353"]


@st.composite
def candidates(draw):
    birth = draw(st.dates(dt.date(1998, 12, 1), dt.date(2007, 10, 1)))
    male = draw(st.booleans())
    join = draw(st.dates(dt.date(birth.year + 14, birth.month, min(birth.day, 28)), dt.date(2025, 9, 30)))
    expected = draw(st.integers(3, 60))
    present = draw(st.integers(expected // 2 + 1, expected))
    votes_for = draw(st.integers(expected // 2 + 1, present))
    against = draw(st.integers(0, present - votes_for))
    return _form(name="张三", gender="男" if male else "女", birth=f"{birth:%Y-%m}", id_number=_id(birth, male),
                 join_date=f"{join:%Y-%m}", expected=expected, present=present, votes_for=votes_for,
                 votes_against=against, votes_abstain=present - votes_for - against, vote_date="2026-10-14",
                 apply_date="2025-03")


@settings(max_examples=60, deadline=None)
@given(candidates())
def test_consistent_data_is_never_refused(record):
    assert [p for p in inspect_record(FORM.fields, record, Config()) if p.severity == "error"] == []


@pytest.mark.parametrize("name", builtin_names())
def test_every_example_passes(name):
    schema = load_schema(name)
    kind = template_kind(name)
    assert inspect_record(schema.fields, schema.example_record(), Config(),
                          verdict_stated=bool(kind and kind.name == MINUTES)) == []


# --- a table row's problem names the person and the row of the sheet (issue 11) ----------------------

TALLY = load_schema("tuiyou-tally")
_TALLY_COLUMNS = ["团支部", "姓名", "性别", "出生日期", "应到人数", "实到人数", "赞成票", "反对票", "弃权票"]


def _tally_rows(*changes: dict) -> list[list]:
    """The example tally's candidates as sheet rows, with ``changes`` applied row by row."""
    rows = []
    for row, change in zip(TALLY.example_record()["candidates"], [*changes, *[{}] * 4]):
        row = row | change
        rows.append([row[c.name] for c in TALLY.field("candidates").columns if c.label in _TALLY_COLUMNS])
    return rows


def _generate(data, tmp_path, *extra):
    return CliRunner().invoke(main, ["generate", "tuiyou-tally", str(data), "-o", str(tmp_path / "out"), *extra])


def test_a_tally_row_on_its_own_sheet_is_named_by_person_and_sheet_row(tmp_path):
    """The layout ``templates tuiyou-tally --sheet`` writes: the candidates on a sheet of their own."""
    wb = openpyxl.Workbook()
    head = wb.active
    head.append(["标题", "填报单位", "填表人", "填表日期"])
    head.append(["经济学院推优汇总表", "共青团经济学院委员会", "孙立", "2026-10-20"])
    sheet = wb.create_sheet("推荐对象")
    sheet.append(["推荐对象名单"])  # a title row above the header
    sheet.append(_TALLY_COLUMNS)
    for row in _tally_rows({}, {"votes_for": 40}, {"votes_for": "很多"}):
        sheet.append(row)
    wb.save(tmp_path / "汇总.xlsx")
    text = _generate(tmp_path / "汇总.xlsx", tmp_path).output
    assert "陈雨桐（数据文件“推荐对象”页第4行）：" in text  # rule finding: the 2nd candidate, sheet row 4
    assert "刘一鸣（数据文件“推荐对象”页第5行）：字段“赞成票”(votes_for) 应为整数" in text  # a type error too
    assert "”第2行" not in text and "”第3行" not in text  # never the place in the table


def test_a_tally_row_in_one_flat_sheet_is_named_by_its_row(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["标题", "填报单位", "填表人", "填表日期", *_TALLY_COLUMNS])
    meta = ["经济学院推优汇总表", "共青团经济学院委员会", "孙立", "2026-10-20"]
    for i, row in enumerate(_tally_rows({}, {}, {"present": 31})):
        ws.append([*(meta if i == 0 else [None] * 4), *row])  # the record's fields on its first row only
    wb.save(tmp_path / "汇总.xlsx")
    result = _generate(tmp_path / "汇总.xlsx", tmp_path)
    assert result.exit_code == 2
    assert "刘一鸣（数据文件第4行）：" in result.output and "多于应到人数" in result.output


def test_without_rows_a_tally_row_is_named_by_its_place_in_the_record(tmp_path):
    records = [TALLY.example_record(), copy.deepcopy(TALLY.example_record())]
    records[1]["candidates"][1]["votes_for"] = 40
    records[1]["candidates"][2]["name"] = "刘\x01一鸣"
    data = tmp_path / "汇总.yaml"
    data.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    result = _generate(data, tmp_path)
    assert "陈雨桐（第2条记录“推荐对象”第2行）：" in result.output and "第1条记录" not in result.output
    assert "刘一鸣（第2条记录“推荐对象”第3行）“姓名”中有不可见的控制字符（U+0001），已删除" in result.output
