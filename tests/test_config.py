"""Typed configuration: the README's block, validation, and generation following the same [vote] rules as check."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.config import SECTIONS, Config, validate
from toolkit.errors import UsageError
from toolkit.render.prepare import prepare_context

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_toml() -> str:
    section = README.read_text(encoding="utf-8").split("### 按本地规定调整阈值", 1)[1]
    return re.search(r"```toml\n(.*?)```", section, re.S).group(1)


def test_readme_block_parses_validates_and_states_the_defaults():
    text = _readme_toml()
    data = tomllib.loads(text)
    assert validate(data) == []
    assert Config.from_dict(data) == Config()  # the README tells the real defaults
    # Every key is documented there (the date key commented out, so a copied block keeps the real date).
    for section, cls in SECTIONS.items():
        assert f"[{section}]" in text, section
        for f in dataclasses.fields(cls):
            assert re.search(rf"^#? ?{f.name} =", text, re.M), f"[{section}] {f.name} missing from the README"


def test_dead_keys_are_refused_with_the_nearest_live_one():
    assert "quorum_share" in validate({"vote": {"quorum_base": "应到"}})[0]
    assert validate({"summary": {"required_sections": []}}) and "summary" not in SECTIONS


@pytest.mark.parametrize("data, words", [
    ({"date": {"today": "2026-02-30"}}, ["today", "日期"]),
    ({"date": {"today": 20261122}}, ["today", "日期"]),
    ({"vote": {"quorum_share": True}}, ["quorum_share", "数字"]),
    ({"eligibility": {"min_age": 18.5}}, ["min_age", "整数"]),
    ({"typo": 2}, ["typo", "一节"]),
])
def test_wrong_values_are_named(data, words):
    problems = validate(data)
    assert problems and all(w in problems[0] for w in words), problems
    with pytest.raises(UsageError):
        Config.from_dict(data)


def test_dates_and_blank_today():
    import datetime as dt

    assert Config.from_dict({"date": {"today": dt.date(2026, 11, 22)}}).date.current() == dt.date(2026, 11, 22)
    assert Config.from_dict({"date": {"today": "2026-11-22"}}).date.today == dt.date(2026, 11, 22)
    assert Config.from_dict({"date": {"today": ""}}).date.today is None


_VALUES = {int: st.integers(0, 60), float: st.floats(0, 1), "base": st.sampled_from(["应到", "实到"])}


@st.composite
def settings(draw):
    data = {}
    for section, cls in SECTIONS.items():
        for f in dataclasses.fields(cls):
            kind = f.type if isinstance(f.type, str) else f.type.__name__
            strategy = {"int": _VALUES[int], "float": _VALUES[float], "AttendanceBase": _VALUES["base"]}.get(kind)
            if strategy is not None and draw(st.booleans()):
                data.setdefault(section, {})[f.name] = draw(strategy)
    return data


@given(settings())
def test_any_valid_settings_round_trip(data):
    assert validate(data) == []
    config = Config.from_dict(data)
    assert Config.from_dict(config.to_dict()) == config
    for section, values in data.items():
        assert all(getattr(getattr(config, section), k) == v for k, v in values.items())


# --- generation follows the check's [vote] settings -------------------------------------------------

def _minutes(config: Config, expected: int, present: int, votes_for: int) -> dict:
    return prepare_context("minutes", None, {"expected": expected, "present": present, "candidates": [
        {"name": "甲乙", "votes_for": votes_for, "votes_against": 0, "votes_abstain": present - votes_for}]}, config)


@given(expected=st.integers(1, 80), data=st.data())
def test_minutes_verdict_is_the_rule_verdict(expected, data):
    present = data.draw(st.integers(0, expected))
    votes_for = data.draw(st.integers(0, present))
    base = data.draw(st.sampled_from(["应到", "实到"]))
    share = data.draw(st.sampled_from([0.5, 2 / 3]))
    config = Config.from_dict({"vote": {"majority_base": base, "majority_share": share, "quorum_share": share}})
    ctx = _minutes(config, expected, present, votes_for)
    passed = votes_for > (expected if base == "应到" else present) * share if (expected if base == "应到" else present) else None
    assert ctx["candidates"][0]["passed"] == {True: "通过", False: "未通过", None: ""}[passed]
    assert ("会议有效" in ctx["quorum_text"]) == (present > expected * share)


def test_generated_minutes_pass_the_check_under_a_local_rule(tmp_path):
    """A 入团-style rule (majority of 实到): the generated minutes say 通过 and TW305 agrees."""
    from toolkit.render.engine import compile_template
    from toolkit.render.schema import resolve_template
    from tests.rounds.helpers import check

    local = Config.from_dict({"vote": {"majority_base": "实到"}, "date": {"today": "2026-11-22"}})
    spec = resolve_template("minutes")
    record = {f.name: f.example for f in spec.schema.fields}
    record.update(expected=40, present=30, candidates=[
        {"name": "王子涵", "votes_for": 18, "votes_against": 8, "votes_abstain": 4}])
    ctx = prepare_context("minutes", spec.schema, record, local)
    assert ctx["candidates"][0]["passed"] == "通过" and "实到会团员人数的半数" in ctx["outcome"]
    path = tmp_path / "会议记录.docx"
    path.write_bytes(compile_template(spec.path).render(ctx))
    assert [f.rule for f in check([path], "TW3", config=local)] == []
    assert "TW305" in [f.rule for f in check([path], "TW3")]  # the national default disagrees
