"""Round trip: records rendered with the built-in templates (tuanwen generate)
convert back to the same values — a property test over random records, as
.docx and (fewer, LibreOffice) as PDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.app.generate import generate_command
from toolkit.cn.idcard import make_id
from toolkit.extract import extract
from toolkit.read import read
from toolkit.resources import TEMPLATES_DIR

pytestmark = pytest.mark.skipif(not (TEMPLATES_DIR / "tuiyou-form.docx").is_file(),
                                reason="内置模板尚未生成（templates/*.docx）")
SETTINGS = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗欧阳司马"
GIVEN = "子涵浩然一诺佳琪明轩若曦欣怡宇航思远嘉怡梓萱俊杰雨桐博文晓岚"
name = st.builds(lambda s, g: s + g, st.sampled_from(["王", "李", "欧阳", "司马", "张", "陈"]),
                 st.text(GIVEN, min_size=1, max_size=2))
branch = st.builds(lambda m, n: f"{m}{n}团支部", st.sampled_from(["化工", "应化", "计科", "临床医学", "汉语言"]),
                   st.integers(2101, 2599))
year_month = st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2000, 2008), st.integers(1, 12))
day = st.builds(lambda m, d: f"2026-{m:02d}-{d:02d}", st.integers(1, 12), st.integers(1, 28))


@st.composite
def form_record(draw) -> dict:
    male = draw(st.booleans())
    birth = draw(year_month)
    expected = draw(st.integers(3, 60))
    present = draw(st.integers(0, expected))
    votes_for = draw(st.integers(0, present))
    against = draw(st.integers(0, present - votes_for))
    return {
        "name": draw(name), "gender": "男" if male else "女", "ethnicity": draw(st.sampled_from(["汉族", "回族", "壮族", "蒙古族"])),
        "birth": birth, "id_number": make_id("320106", birth.replace("-", "") + "15", draw(st.integers(0, 499)), male),
        "join_date": draw(year_month), "post": draw(st.sampled_from(["团员", "组织委员", "宣传委员", "团支部书记"])),
        "branch": draw(branch), "phone": f"1{draw(st.integers(3, 9))}{draw(st.integers(10**8, 10**9 - 1))}",
        "apply_date": draw(year_month), "performance": "思想上积极要求进步。", "awards": "无处分。",
        "expected": expected, "present": present, "votes_for": votes_for, "votes_against": against,
        "votes_abstain": present - votes_for - against, "vote_date": draw(day), "opinion": "同意推荐。",
        "secretary": draw(name),
    }


def form_values(r: dict) -> dict:
    return {"姓名": r["name"], "性别": r["gender"], "民族": r["ethnicity"], "出生日期": r["birth"],
            "身份证号": r["id_number"], "入团时间": r["join_date"], "团支部": r["branch"], "团内职务": r["post"],
            "联系电话": r["phone"], "应到人数": r["expected"], "实到人数": r["present"], "赞成票": r["votes_for"],
            "反对票": r["votes_against"], "弃权票": r["votes_abstain"], "表决日期": r["vote_date"],
            "入党申请时间": r["apply_date"]}


@st.composite
def tally_record(draw) -> dict:
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        expected = draw(st.integers(3, 60))
        present = draw(st.integers(0, expected))
        votes_for = draw(st.integers(0, present))
        against = draw(st.integers(0, present - votes_for))
        rows.append({"branch": draw(branch), "name": draw(name), "gender": draw(st.sampled_from(["男", "女"])),
                     "birth": draw(year_month), "expected": expected, "present": present, "votes_for": votes_for,
                     "votes_against": against, "votes_abstain": present - votes_for - against,
                     "note": draw(st.sampled_from(["", "组织委员", "缺席1人"]))})
    return {"title": "化学工程学院推荐优秀团员入党汇总表", "unit": "共青团化学工程学院委员会", "candidates": rows,
            "filler": draw(name), "fill_date": draw(day)}


def tally_values(row: dict) -> dict:
    out = {"团支部": row["branch"], "姓名": row["name"], "性别": row["gender"], "出生日期": row["birth"],
           "应到人数": row["expected"], "实到人数": row["present"], "赞成票": row["votes_for"],
           "反对票": row["votes_against"], "弃权票": row["votes_abstain"]}
    if row["note"]:
        out["备注"] = row["note"]
    return out


@st.composite
def log_record(draw) -> dict:
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        received = draw(st.integers(1, 9))
        returned = draw(st.none() | st.integers(0, received))
        rows.append({"branch": draw(branch), "received": received, "receiver": draw(name),
                     "receive_date": draw(day), "returned": returned,
                     "return_date": draw(day) if returned is not None else None,
                     "note": draw(st.sampled_from(["", "1份未使用，已退回"]))})
    return {"title": "2026年推优登记表领取及上交登记表", "unit": "共青团化学工程学院委员会组织部", "rows": rows,
            "keeper": draw(name), "date": draw(day)}


def log_values(row: dict) -> dict:
    out = {"团支部": row["branch"], "领取份数": row["received"], "领取人": row["receiver"],
           "领取日期": row["receive_date"], "上交份数": row["returned"], "上交日期": row["return_date"],
           "备注": row["note"] or None}
    return {k: v for k, v in out.items() if v is not None}


def generate(tmp: Path, template: str, records: list[dict], pdf: bool = False) -> list[Path]:
    tmp.mkdir(parents=True, exist_ok=True)
    data, out = tmp / "data.json", tmp / "out"
    data.write_text(json.dumps(records, ensure_ascii=False), "utf-8")
    # Any values, also those the data check refuses (an age or a vote that breaks the rules): the
    # round trip is about reading back what was written.
    generate_command(template, data, out, pattern="{序号}.docx", force=True, pdf=pdf, check_data=False)
    return sorted(out.glob("*.pdf" if pdf else "*.docx"), key=lambda p: int(p.stem))


def _fresh(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("rt")


@SETTINGS
@given(st.lists(form_record(), min_size=1, max_size=6))
def test_forms_round_trip(tmp_path_factory, records):
    files = generate(_fresh(tmp_path_factory), "tuiyou-form", records)
    for path, record in zip(files, records, strict=True):
        ex = extract(read(path))
        assert ex.kind == "registration_form"
        [got] = ex.records
        want = form_values(record)
        assert {k: got.values.get(k) for k in want} == want


@SETTINGS
@given(tally_record())
def test_tally_round_trip(tmp_path_factory, record):
    [path] = generate(_fresh(tmp_path_factory), "tuiyou-tally", [record])
    ex = extract(read(path))
    assert ex.kind == "tally"
    got = [{k: v for k, v in r.values.items() if k != "序号"} for r in ex.records]
    assert got == [tally_values(r) for r in record["candidates"]]
    assert [r.values["序号"] for r in ex.records] == list(range(1, len(got) + 1))
    assert ex.total.values["赞成票"] == sum(r["votes_for"] for r in record["candidates"])


@SETTINGS
@given(log_record())
def test_log_round_trip(tmp_path_factory, record):
    [path] = generate(_fresh(tmp_path_factory), "handout-log", [record])
    ex = extract(read(path))
    assert ex.kind == "register_log"
    assert [{k: v for k, v in r.values.items() if k != "序号"} for r in ex.records] == \
        [log_values(r) for r in record["rows"]]


@pytest.mark.soffice
@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(form_record(), min_size=3, max_size=3), tally_record(), log_record())
def test_round_trip_as_pdf(tmp_path_factory, forms, tally, log):
    tmp = _fresh(tmp_path_factory)
    for path, record in zip(generate(tmp / "f", "tuiyou-form", forms, pdf=True), forms, strict=True):
        [got] = extract(read(path)).records
        want = form_values(record)
        assert {k: got.values.get(k) for k in want} == want
    [path] = generate(tmp / "t", "tuiyou-tally", [tally], pdf=True)
    got = [{k: v for k, v in r.values.items() if k != "序号"} for r in extract(read(path)).records]
    assert got == [tally_values(r) for r in tally["candidates"]]
    [path] = generate(tmp / "l", "handout-log", [log], pdf=True)
    got = [{k: v for k, v in r.values.items() if k != "序号"} for r in extract(read(path)).records]
    assert got == [log_values(r) for r in log["rows"]]
