"""Tally lists as other offices write them, converted column by column: header spellings (spaced, with
units, broken over two lines, synonyms), column orders, date spellings, a title row, a blank row, a
notes row and a 合计 row, as .xlsx, as CSV (named .csv or .xls), as a web page named .xls and as .docx.
Every person's row comes back with every value; nothing else becomes a record."""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

import docx
import openpyxl
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from cli import main
from toolkit.extract import extract
from toolkit.read import read

HEADERS = {"姓名": ["姓名", "姓  名", "推荐对象姓名", "候选人", "被推荐人"],
           "团支部": ["团支部", "所在团支部", "支部名称", "所在团组织"],
           "出生日期": ["出生年月", "出生日期", "出生\n年月"],
           "应到人数": ["应到人数", "应到会人数", "应到人数（人）", "应到"],
           "实到人数": ["实到人数", "实到会人数", "实到人数（人）", "实到"],
           "赞成票": ["赞成票", "同意票数", "赞成（票）", "同意"],
           "反对票": ["反对票", "不同意票数", "反对（票）", "反对"],
           "弃权票": ["弃权票", "弃权票数", "弃权（票）", "弃权"]}
COUNTS = ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")
FORMATS = {"xlsx": ".xlsx", "csv": ".csv", "csv-as-xls": ".xls", "html-as-xls": ".xls", "docx": ".docx"}
BRANCHES = ["护理部团支部", "东风村团支部", "财务处团支部", "高二（3）班团支部", "团委办公室团支部", "张家村团支部"]
NAMES = ["欧阳雨桐", "买买提·艾力", "林晓", "周子墨", "陈思远", "王芳", "司马嘉怡", "韩梅"]


def _month(y: int, m: int, style: int) -> str:
    return [f"{y}年{m}月", f"{y}.{m:02d}", f"{y}-{m:02d}", f"{y}/{m}", f"{y}{m:02d}"][style]


def _people(rng: random.Random) -> list[dict]:
    out = []
    for name in rng.sample(NAMES, rng.randint(2, 5)):
        total = rng.randint(12, 45)
        present = total - rng.randint(0, 3)
        yes = present - rng.randint(0, 4)
        no = rng.randint(0, present - yes)
        y, m = rng.randint(1998, 2008), rng.randint(1, 12)
        out.append({"姓名": name, "团支部": rng.choice(BRANCHES), "出生日期": f"{y}-{m:02d}",
                    "出生写法": _month(y, m, rng.randrange(5)), "应到人数": total, "实到人数": present,
                    "赞成票": yes, "反对票": no, "弃权票": present - yes - no})
    return out


def _rows(rng: random.Random, people: list[dict]) -> list[list[object]]:
    keys = list(HEADERS)
    rng.shuffle(keys)
    rows: list[list[object]] = [["序号", *(rng.choice(HEADERS[k]) for k in keys)]]
    rows += [[i, *(p["出生写法"] if k == "出生日期" else p[k] for k in keys)] for i, p in enumerate(people, 1)]
    if rng.random() < 0.5:
        rows.insert(1 + rng.randint(0, len(people)), [])  # a blank row somewhere in the list
    rows.append(["合计", *(sum(p[k] for p in people) if k in COUNTS else "" for k in keys)])
    if rng.random() < 0.5:
        rows.insert(0, ["推荐优秀团员作为入党积极分子人选汇总表"])
    if rng.random() < 0.5:
        rows.append(["注：本表由各团支部填写，出生年月以身份证为准。"])
    return rows


def write(path: Path, fmt: str, rows: list[list[object]]) -> None:
    if fmt == "xlsx":
        wb = openpyxl.Workbook()
        for row in rows:
            wb.active.append(row)
        wb.save(path)
    elif fmt.startswith("csv"):
        with open(path, "w", encoding="gbk", newline="") as fh:
            csv.writer(fh).writerows(rows)
    elif fmt.startswith("html"):
        cells = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>" for r in rows)
        path.write_text(f'<html><head><meta charset="utf-8"></head><body><table>{cells}</table></body></html>',
                        encoding="utf-8")
    else:
        d = docx.Document()
        table = d.add_table(rows=len(rows), cols=max(map(len, rows)))
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                table.cell(i, j).text = str(v)
        d.save(path)


def _expected(p: dict) -> dict:
    return {k: p[k] for k in HEADERS}


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(sorted(FORMATS)))
def test_any_tally_layout_converts_column_by_column(tmp_path_factory, seed, fmt):
    rng = random.Random(seed)
    people = _people(rng)
    path = tmp_path_factory.mktemp("t") / f"推优汇总表{FORMATS[fmt]}"
    write(path, fmt, _rows(rng, people))
    records = [r.values for r in extract(read(str(path))).records]
    assert [{k: r.get(k) for k in HEADERS} for r in records] == [_expected(p) for p in people]


def test_a_round_of_tallies_through_convert(tmp_path):
    rng = random.Random(2026)
    truth = {}
    for i, fmt in enumerate(sorted(FORMATS)):
        people = _people(rng)
        path = tmp_path / "收到的材料" / f"汇总表_{i}{FORMATS[fmt]}"
        path.parent.mkdir(exist_ok=True)
        write(path, fmt, _rows(rng, people))
        truth[str(path)] = [_expected(p) for p in people]
    out = tmp_path / "汇总.json"
    result = CliRunner().invoke(main, ["convert", str(tmp_path / "收到的材料"), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    entries = [e for e in json.loads(out.read_text("utf-8")) if "status" not in e]
    for path, people in truth.items():
        got = [{k: e.get(k) for k in HEADERS} for e in entries if e["文件"] == path]
        assert got == people, path
        assert all(e["类型"] == "tally" for e in entries if e["文件"] == path)
