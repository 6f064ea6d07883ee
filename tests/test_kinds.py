"""The kinds table (toolkit/kinds.py) is the one place a document kind is defined."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit import kinds
from toolkit.kinds import KINDS, SUMMARY, SYNONYMS, Kind
from toolkit.render.schema import builtin_names
from toolkit.report.labels import kind_label

ROOT = Path(__file__).resolve().parent.parent
# The contract's ``kind`` values (shared/contract.md: check --format json).
CONTRACT_KINDS = {"registration_form", "tally", "register_log", "summary", "notice", "bulletin", "minutes",
                  "roster", "review", "points", "tuiyou_steps", "volunteer_hours", "assessment", "build_progress",
                  "unknown"}


def test_every_kind_is_a_contract_kind_with_a_chinese_label():
    assert {k.name for k in KINDS} <= CONTRACT_KINDS
    assert kinds.UNKNOWN in {k.name for k in KINDS}
    for k in KINDS:
        assert re.search(r"[\u4e00-\u9fff]", k.label), k.name
        assert kind_label(k.name) == k.label
    assert kind_label("not-a-kind") == "not-a-kind"


def test_templates_and_kinds_name_each_other():
    """Each kind's template is built in, and each built-in template renders exactly one kind."""
    named = [t for k in KINDS for t in k.templates]
    assert len(named) == len(set(named))
    assert set(named) == set(builtin_names())
    for t in named:
        assert (ROOT / "templates" / f"{t}.docx").is_file() and (ROOT / "templates" / f"{t}.yaml").is_file()
        assert t in kinds.template_kind(t).templates
    assert kinds.template_kind("no-such-template") is None


def test_one_label_one_key():
    seen: dict[str, str] = {}
    for key, labels in SYNONYMS.items():
        assert key in labels, key  # the key is also written as its own label
        for text in labels:
            assert seen.setdefault(text, key) == key, f"{text} stands for {seen[text]} and {key}"


def test_schema_keys_have_labels_and_records_have_one_kind():
    for k in KINDS:
        assert set(k.schema) == set(k.keys + k.extras)
        if k.record:
            assert kinds.of_record(k.record) is k
        assert not k.rows or k.record, k.name  # rows are records
    with pytest.raises(ValueError):
        Kind("bad", "坏", keys=("没有这个键",))
    with pytest.raises(ValueError):
        Kind("bad", "坏", scopes=frozenset({"no-such-scope"}))
    assert kinds.of_record(kinds.TOTAL_ROW) is None  # the 合计 row is kept apart, never a record


def test_scopes():
    assert kinds.scope_names(kinds.TEXT_DATES) == {k.name for k in KINDS if k.narrative}
    assert kinds.record_kinds(kinds.CANDIDATES) == {kinds.FORM_RECORD, kinds.TALLY_ROW}
    with pytest.raises(KeyError):
        kinds.in_scope("no-such-scope")


@pytest.mark.parametrize(("header", "row"), [
    ({"姓名", "赞成票"}, "tally_row"),
    ({"团支部", "领取份数"}, "log_row"),
    ({"姓名", "上交日期"}, "log_row"),  # any key of the log marks the list as the log
    ({"团支部", "序号"}, "tally_row"),  # a list of no kind's is read as a tally
])
def test_row_kind(header, row):
    assert kinds.row_kind(header) == row


def test_convert_columns_follow_the_schemas():
    from toolkit.extract import ALL_KEYS, FORM_KEYS

    assert ALL_KEYS[:len(FORM_KEYS)] == FORM_KEYS == kinds.kind(kinds.REGISTRATION_FORM).keys
    assert set(ALL_KEYS) == {key for k in KINDS for key in k.schema}


def test_no_kind_name_written_out_of_the_table():
    """Code names kinds by the constants of toolkit.kinds (template names such as
    ``summary`` are another thing and may be written)."""
    literal = re.compile(r"""["'](registration_form|register_log|tally|tally_row|log_row)["']""")
    found = [f"{p.relative_to(ROOT)}:{n}" for p in (ROOT / "toolkit").rglob("*.py") if p.name != "kinds.py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if literal.search(line.split("#")[0])]
    assert not found


@pytest.mark.parametrize("template", [t for k in KINDS for t in k.templates])
def test_a_rendered_template_is_recognised_as_its_kind(template, tmp_path):
    """What a built-in template renders from its own example is classified as the
    kind the table says it renders: a new kind's cues must recognise its template."""
    import yaml
    from docxtpl import DocxTemplate

    from toolkit.extract import extract
    from toolkit.read import read
    from toolkit.render.prepare import prepare_context

    schema = yaml.safe_load((ROOT / "templates" / f"{template}.yaml").read_text(encoding="utf-8"))
    tpl = DocxTemplate(str(ROOT / "templates" / f"{template}.docx"))
    tpl.render(prepare_context(template, schema, {f["name"]: f["example"] for f in schema["fields"]}))
    path = tmp_path / f"{template}.docx"
    tpl.save(str(path))
    assert extract(read(path)).kind == kinds.template_kind(template).name


def test_the_statistical_classifier_learns_only_kinds_of_the_table():
    import yaml

    labelled = yaml.safe_load((ROOT / "corpus" / "kinds.yaml").read_text(encoding="utf-8"))
    assert set(labelled) <= {k.name for k in KINDS}


@pytest.mark.parametrize("title, summary", [
    ("护理部团支部2026年上半年工作总结", True), ("共青团清河县委员会2025年度工作报告", True),
    ("关于开展青年志愿服务工作情况的汇报", True), ("张家村团支部书记述职报告", True),
    ("东北某电气股份有限公司2018年第一季度报告", False), ("某合成革股份有限公司2011年年度报告", False),
    ("2025年半年度报告", False), ("2025年度财务报告", False), ("专项资金审计报告", False),
])
def test_a_company_report_is_not_a_work_summary(title, summary):
    from toolkit.extract.kind import titled_as

    assert titled_as(title, SUMMARY) is summary
