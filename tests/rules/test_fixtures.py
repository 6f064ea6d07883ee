"""Every rule code has its own fixture of must-fail and must-pass cases (tests/rules/fixtures/).

``TWnnn.yaml``: cases run on documents built in memory (see harness.py) — the fast way, for
every rule that judges text, tables and extracted records. ``TWnnn.py``: for the few rules that
judge the file itself (its page setup, fonts, real content type, time budget): ``FAIL`` and
``PASS``, lists of functions ``(tmp_path) -> findings of that rule`` that write real files.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from toolkit.check.engine import all_rules

from .harness import FIXTURES, check_expectations, load, run_case

YAML = {p.stem: load(p) for p in sorted(FIXTURES.glob("TW*.yaml"))}


def _module(path: Path):
    spec = importlib.util.spec_from_file_location(f"rule_fixture_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FILES = {p.stem: _module(p) for p in sorted(FIXTURES.glob("TW*.py"))}


def test_every_code_has_a_fixture_with_both_kinds_of_case() -> None:
    codes = {r.code for r in all_rules()}
    assert not set(YAML) & set(FILES), "one fixture per code"
    missing = sorted(codes - set(YAML) - set(FILES))
    assert not missing, f"rules without a fixture in tests/rules/fixtures: {missing}"
    stale = sorted((set(YAML) | set(FILES)) - codes)
    assert not stale, f"fixtures for codes no rule has: {stale}"
    for code, fx in YAML.items():
        assert fx.fail and fx.passing, f"{code}.yaml needs must-fail and must-pass cases"
    for code, module in FILES.items():
        assert module.FAIL and module.PASS, f"{code}.py needs FAIL and PASS"


def _ids(kind: str):
    return [(code, i) for code, fx in YAML.items() for i in range(len(fx.fail if kind == "fail" else fx.passing))]


@pytest.mark.parametrize("code,i", _ids("fail"), ids=lambda v: str(v))
def test_must_fail(code: str, i: int) -> None:
    fx = YAML[code]
    case = fx.fail[i]
    check_expectations(fx, case, run_case(fx, case))


@pytest.mark.parametrize("code,i", _ids("pass"), ids=lambda v: str(v))
def test_must_pass(code: str, i: int) -> None:
    fx = YAML[code]
    case = fx.passing[i]
    found = run_case(fx, case)
    assert not found, f"{code} should not fire on {case!r}: {[f.message for f in found]}"


def _file_cases(kind: str):
    return [(code, i) for code, m in FILES.items() for i in range(len(m.FAIL if kind == "fail" else m.PASS))]


@pytest.mark.parametrize("code,i", _file_cases("fail"), ids=lambda v: str(v))
def test_file_must_fail(tmp_path: Path, code: str, i: int) -> None:
    found = FILES[code].FAIL[i](tmp_path)
    assert found and all(f.rule == code and f.message for f in found), found


@pytest.mark.parametrize("code,i", _file_cases("pass"), ids=lambda v: str(v))
def test_file_must_pass(tmp_path: Path, code: str, i: int) -> None:
    found = FILES[code].PASS[i](tmp_path)
    assert not found, [f.message for f in found]
