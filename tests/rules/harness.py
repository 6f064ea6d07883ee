"""Runs one rule on documents built in memory from a fixture's case: no files, no reader.

A case (in ``fixtures/TWnnn.yaml``) is one of:

- a string: one paragraph, after the fixture's ``title`` line (default: a summary's title);
- a mapping describing one document: ``paragraphs`` (strings, or ``{text, style, level}``),
  ``tables`` (lists of rows of cell texts, or ``{rows, position, title}``), ``format``
  (default ``docx``), ``name`` (the file name), ``headers``, ``footers``;
- a mapping with ``form``: a 推优登记表 (title line, a four-column grid of label/value pairs,
  the branch and date lines below), the fixture's ``base_form`` (default :data:`FORM`) with
  ``form``'s values put in; ``drop`` lists labels to leave out;
- a mapping with ``docs`` (a list of such documents) and ``registers`` (the office's own
  files): a round, for round rules (document rules run on each document).

Optional keys of a case: ``config`` (TOML text, over the defaults), ``count`` (exact number
of findings), ``message`` (text the first finding's message contains), ``severity``,
``on`` (the file name every finding is on), ``where`` (location keys of the first finding).
Every scalar is read as a string (YAML's base loader), so cell texts keep their form
(``08``, ``2004.05``); numbers in ``count`` are converted here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from toolkit.config import Config
from toolkit.check.engine import REGISTRY, Finding, Round, Rule, Submission, all_rules, select_rules
from toolkit.extract import extract
from toolkit.model import Cell, Document, Paragraph, Table

FIXTURES = Path(__file__).parent / "fixtures"
TITLE = "化工2201团支部2026年推优工作总结"
TODAY = "2026-11-22"  # rules that compare with today see a fixed day
FORM_TITLE = "推荐优秀团员作为入党积极分子人选登记表"
# A correct form: 18+ at the meeting, joined at 15, 团龄 7 years, valid ID, votes that add up.
FORM: dict[str, str] = {
    "姓名": "王子涵", "性别": "男", "民族": "汉族", "出生年月": "2004年5月", "身份证号": "110108200405064810",
    "入团时间": "2019年5月", "所在团支部": "化工2201团支部", "团内职务": "团员", "应到人数": "32", "实到人数": "30",
    "赞成票": "27", "反对票": "2", "弃权票": "1", "表决日期": "2026年11月10日", "团支部意见": "同意推荐",
    "团支部书记签字": "已签",
}


def make_config(toml: str | None = None) -> Config:
    data = tomllib.loads(toml or "")
    data.setdefault("date", {}).setdefault("today", TODAY)
    return Config.from_dict(data)


def _paragraph(i: int, spec: Any) -> Paragraph:
    if isinstance(spec, str):
        return Paragraph(i, spec)
    level = spec.get("level")
    return Paragraph(i, spec["text"], style=spec.get("style"), level=int(level) if level else None)


def _table(i: int, spec: Any, after: int) -> Table:
    rows = spec if isinstance(spec, list) else spec["rows"]
    cells = [Cell(r, c, text) for r, row in enumerate(rows, 1) for c, text in enumerate(row, 1)]
    position = int(spec.get("position", after)) if isinstance(spec, dict) else after
    return Table(i, cells, position=position, title=spec.get("title") if isinstance(spec, dict) else None)


def form_spec(values: dict[str, str], drop: list[str] = (), base: dict[str, str] = FORM) -> dict[str, Any]:
    """A registration form as a document spec: ``base`` with ``values`` put in, ``drop`` left out."""
    pairs = [(k, v) for k, v in {**base, **values}.items() if k not in drop]
    pairs += [("", "")] * (len(pairs) % 2)
    rows = [[a, b, c, d] for (a, b), (c, d) in zip(pairs[::2], pairs[1::2])]
    branch = values.get("所在团支部", base.get("所在团支部", ""))
    return {"paragraphs": [FORM_TITLE, branch, "2026年11月12日"], "tables": [{"rows": rows, "position": "1"}],
            "name": f"登记表_{values.get('姓名', base.get('姓名', ''))}.docx"}


def document(spec: Any, title: str | None = TITLE, base_form: dict[str, str] = FORM) -> Document:
    """A Document as a reader would return it; tables come after the paragraphs unless placed."""
    if isinstance(spec, str):
        spec = {"paragraphs": ([title] if title else []) + [spec]}
    elif "form" in spec:
        spec = {**form_spec(spec["form"], spec.get("drop", []), base_form),
                **{k: v for k, v in spec.items() if k in ("name", "format")}}
    paragraphs = [_paragraph(i, p) for i, p in enumerate(spec.get("paragraphs", []), 1)]
    tables = [_table(i, t, len(paragraphs)) for i, t in enumerate(spec.get("tables", []), 1)]
    fmt = spec.get("format", "docx")
    return Document(spec.get("name", f"doc.{fmt}"), fmt, paragraphs, tables,
                    headers=list(spec.get("headers", [])), footers=list(spec.get("footers", [])))


def submission(doc: Document) -> Submission:
    return Submission(doc.path, doc, extract(doc))


@dataclass
class Fixture:
    code: str
    fail: list[Any]
    passing: list[Any]
    title: str | None = TITLE
    config: str | None = None
    base_form: dict[str, str] = field(default_factory=lambda: dict(FORM))


def load(path: Path) -> Fixture:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    title = data.get("title", TITLE)
    return Fixture(path.stem, data.get("fail", []), data.get("pass", []),
                   None if title in ("", "~", "null") else title, data.get("config"),
                   {**FORM, **data.get("base_form", {})})


def run_case(fx: Fixture, case: Any) -> list[Finding]:
    """The findings of rule ``fx.code`` on the case's document(s)."""
    all_rules()
    r: Rule = REGISTRY[fx.code]
    opts = case if isinstance(case, dict) else {}
    config = make_config("\n".join(t for t in (fx.config, opts.get("config")) if t))
    if "docs" in opts or "registers" in opts:
        subs = [submission(document(d, fx.title, fx.base_form)) for d in opts.get("docs", [])]
        registers = [submission(document(d, fx.title, fx.base_form)) for d in opts.get("registers", [])]
        if r.scope == "round":
            return list(r.run(Round(subs, registers), config))
        return [f for s in subs + registers for f in r.run(s, config)]
    sub = submission(document(case, fx.title, fx.base_form))
    if r.scope == "round":
        return list(r.run(Round([sub]), config))
    return list(r.run(sub, config))


def check_expectations(fx: Fixture, case: Any, found: list[Finding]) -> None:
    """The optional expectations of a must-fail case."""
    assert found, f"{fx.code} should fire on {case!r}"
    assert all(f.message and f.rule == fx.code for f in found)
    if not isinstance(case, dict):
        first = found[0]
        assert first.location.paragraph == (2 if fx.title else 1) and first.excerpt, (first.location, first.excerpt)
        return
    if "count" in case:
        assert len(found) == int(case["count"]), [f.message for f in found]
    if "message" in case:
        assert case["message"] in found[0].message, found[0].message
    if "severity" in case:
        assert {f.severity for f in found} == {case["severity"]}, [f.severity for f in found]
    if "on" in case:
        assert {f.file for f in found} == {case["on"]}, [f.file for f in found]
    for key, value in case.get("where", {}).items():
        assert getattr(found[0].location, key) == int(value), (key, found[0].location)


def check_file(paths: list[Path], code: str, registers: list[Path] = (), config: Config | None = None) -> list[Finding]:
    """End to end: read real files and run rule ``code`` on them (for rules that judge the file itself)."""
    from toolkit.app.check import run_check

    result, _ = run_check([str(p) for p in paths], [str(p) for p in registers], rules=select_rules(code),
                          config=config or make_config(), jobs=1, quiet=True)
    return [f for f in result.findings if f.rule == code]


NOTICE = ["共青团化学工程学院委员会文件", "院团发〔2026〕7号", "关于开展2026年推荐优秀团员作入党积极分子人选工作的通知",
          "各团支部：", "为做好2026年推优工作，现将有关事项通知如下。", "一、推荐范围", "年满18周岁、团龄满1年的团员。",
          "二、材料报送", "各团支部于11月15日前报送推优登记表和工作总结。", "附件：1.推优登记表", "2.推优工作汇总表",
          "共青团化学工程学院委员会", "2026年10月9日"]


def notice_layout_cases(code: str, deviation: str):
    """FAIL and PASS of a rule on a 公文's .docx layout (TW607–TW611): the notice laid out after
    GB/T 9704-2012 with one ``deviation`` (tests/rounds/helpers.gongwen_docx) must fail; the
    conforming notice, and a branch's informal notice (no 发文字号: no 公文) with python-docx's
    Letter page and no footer, must pass."""
    from rounds.helpers import gongwen_docx, write_docx

    def deviating(tmp: Path) -> list[Finding]:
        gongwen_docx(tmp / "通知.docx", NOTICE, deviation)
        return check_file([tmp / "通知.docx"], code)

    def conforming(tmp: Path) -> list[Finding]:
        gongwen_docx(tmp / "通知.docx", NOTICE)
        return check_file([tmp / "通知.docx"], code)

    def informal(tmp: Path) -> list[Finding]:
        lines = ["关于召开团员大会的通知", "各位团员：", "定于周五下午召开团员大会。", "特此通知。", "会计2302团支部", "2026年10月9日"]
        return check_file([write_docx(tmp / "通知.docx", lines)], code)

    return [deviating], [conforming, informal]
