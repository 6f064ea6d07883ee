"""The category table: every code in its category's block, checked when a rule registers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from toolkit.check.categories import CATEGORIES, CATEGORY_BY_NAME, SYSTEM_BLOCKS, check_code
from toolkit.check.engine import all_rules, rule
from toolkit.report.labels import CATEGORY_LABELS

ROOT = Path(__file__).resolve().parents[2]


def test_every_registered_code_is_in_its_block() -> None:
    for r in all_rules():
        n = int(r.code[2:])
        assert n in CATEGORY_BY_NAME[r.category].codes or any(n in b.codes for b in SYSTEM_BLOCKS), r.code


def test_blocks_do_not_overlap() -> None:
    numbers = [n for c in CATEGORIES for n in c.codes] + [n for b in SYSTEM_BLOCKS for n in b.codes]
    assert len(numbers) == len(set(numbers))


@pytest.mark.parametrize("code,category", [("TW150", "placeholder"), ("TW399", "vote"), ("TW650", "format"),
                                           ("TW900", "register"), ("TW35", "eligibility"), ("tw301", "vote")])
def test_code_outside_its_block_is_refused(code: str, category: str) -> None:
    with pytest.raises(ValueError):
        check_code(code, category)


def test_registering_a_misnumbered_rule_fails() -> None:
    with pytest.raises(ValueError, match="outside the vote block"):
        rule("TW399", "vote", "error", "票数")


@pytest.mark.parametrize("code", ["TW800", "TW849", "TW850", "TW899"])
def test_league_system_blocks_take_any_category(code: str) -> None:
    for c in CATEGORIES:
        check_code(code, c.name)


def test_unknown_category_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown category"):
        check_code("TW101", "layout")


def test_report_labels_come_from_the_table() -> None:
    assert CATEGORY_LABELS == {c.name: c.label for c in CATEGORIES}


def test_readme_block_table_matches() -> None:
    """The README's table of code blocks says what the category table says."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| TW(\d{3})–(\d{3}) \|", readme, re.M))
    table = {str(c.codes.start): str(c.codes.stop - 1) for c in CATEGORIES}
    table |= {str(b.codes.start): str(b.codes.stop - 1) for b in SYSTEM_BLOCKS}
    assert rows == table
