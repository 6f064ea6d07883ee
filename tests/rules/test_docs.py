"""Every rule is a full unit: a Chinese doc with what / why / example / source, shown by
``tuanwen rules CODE``. No exemptions."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from cli import main
from toolkit.check.engine import DOC_SECTIONS, all_rules

CJK = re.compile(r"[\u4e00-\u9fff]")
RULES = all_rules()


@pytest.mark.parametrize("r", RULES, ids=[r.code for r in RULES])
def test_doc_has_every_part_in_chinese(r) -> None:
    parts = r.doc_sections()
    assert list(parts) == list(DOC_SECTIONS), f"{r.code}: parts {list(parts)}, expected {DOC_SECTIONS} in order"
    for label, text in parts.items():
        if label == "示例":  # an example may be a number alone (an ID number)
            assert len(text) >= 4, f"{r.code}: no example"
        else:
            assert len(CJK.findall(text)) >= 4, f"{r.code}: {label} is empty or not Chinese"
    assert r.summary and CJK.search(r.summary)


def test_rules_code_explains_in_chinese() -> None:
    r = next(r for r in RULES if r.code == "TW305")
    result = CliRunner().invoke(main, ["rules", "tw305"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"TW305  {r.summary}" and "类别：vote（表决）" in lines[1] and "级别：error（错误）" in lines[1]
    for label in DOC_SECTIONS:
        assert any(line.startswith(label + "：") for line in lines), label
    assert "应到" in result.output and "中青发〔2019〕9号" in result.output


def test_rules_prefix_or_category_lists_those_rules() -> None:
    result = CliRunner().invoke(main, ["rules", "vote"])
    codes = re.findall(r"^(TW\d{3})\s", result.output, re.M)
    assert result.exit_code == 0 and codes == [r.code for r in RULES if r.category == "vote"]


@pytest.mark.parametrize("spec", ["TW999", "多余", "TW301,TW302"])
def test_rules_unknown_code_is_a_usage_error(spec: str) -> None:
    result = CliRunner().invoke(main, ["rules", spec])
    assert result.exit_code == 2 and result.output.startswith("错误：没有规则")
