"""Forms and registers from the third generator (tests/rounds/forms_round.py):
organisations, names, layouts and spellings neither other generator writes.

- a clean round gives zero ``error`` findings and no warning other than the
  half-width colon some branches type (``姓名:张三``);
- every planted mistake is reported on the file it is in, in its category;
- convert reads every field of every generated form, .txt, .pdf and .doc included.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rounds.forms_round import LAYOUTS, ORGS, VARIANTS, build
from rounds.varied import Built, cases, planted_message, run, score
from rounds.varied import planted_rounds as rounds_of
from toolkit.app.convert import convert_one
from toolkit.app.pipeline import Source

FEW = settings(max_examples=2, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
EXPECTED_WARNINGS = {"TW551"}  # ``姓名:张三``: the colon is half-width, which is worth a warning


def _false_errors(built: Built, findings: list[dict]) -> list[str]:
    return [f"{Path(f['file']).name} {f['rule']} {f['message']}" for f in score(built, findings).false_errors]


def _warnings(findings: list[dict]) -> list[str]:
    return [f"{Path(f['file']).name} {f['rule']} {f['message']}" for f in findings
            if f["severity"] == "warning" and f["rule"] not in EXPECTED_WARNINGS]


def _wrong_fields(built: Built) -> list[str]:
    wrong = []
    for name, expected in built.forms.items():
        records = convert_one((Source(str(built.submissions / name)), None))["records"]
        record = records[0] if records else {}
        wrong += [f"{built.layouts[name]} {name} {k}: {v!r} ≠ {record.get(k)!r}"
                  for k, v in expected.items() if record.get(k) != v]
    return wrong


# --- clean rounds ------------------------------------------------------------------------

@pytest.mark.parametrize("org", sorted(ORGS))
def test_clean_round_of_each_organisation(tmp_path, org):
    built = build(tmp_path, seed=31, plants={}, org=org)
    findings = run(built)
    assert _false_errors(built, findings) == []
    assert _warnings(findings) == []
    assert _wrong_fields(built) == []


@FEW
@given(seed=st.integers(0, 10**6))
def test_property_clean_random_round_has_no_errors(tmp_path_factory, seed):
    built = build(tmp_path_factory.mktemp("clean"), seed=seed, plants={})
    findings = run(built)
    assert _false_errors(built, findings) == []
    assert _warnings(findings) == []
    assert _wrong_fields(built) == []


@pytest.fixture(scope="module")
def converted_round(tmp_path_factory) -> Built:
    """One clean form sent as a PDF exported by LibreOffice, another as a .doc."""
    from toolkit.office import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    return build(tmp_path_factory.mktemp("converted"), seed=8, plants={}, org="agency", converted=("pdf", "doc"))


def test_pdf_and_doc_forms_convert_and_check_clean(converted_round):
    assert {"pdf", "doc"} <= set(converted_round.layouts.values())
    assert _wrong_fields(converted_round) == []
    findings = run(converted_round)
    assert _false_errors(converted_round, findings) == []
    assert _warnings(findings) == []


# --- planted mistakes ----------------------------------------------------------------------

CASES = cases(VARIANTS)


@pytest.fixture(scope="module")
def planted_rounds(tmp_path_factory) -> list[tuple[Built, list[dict]]]:
    return rounds_of(build, VARIANTS, sorted(ORGS), 200, tmp_path_factory.mktemp)


@pytest.mark.parametrize("cat,variant", CASES, ids=[f"{c}-{v}" for c, v in CASES])
def test_planted_mistake_found_on_its_file(planted_rounds, cat, variant):
    assert (why := planted_message(planted_rounds, cat, variant)) is None, why


def test_planted_rounds_have_no_other_errors(planted_rounds):
    for built, findings in planted_rounds:
        assert _false_errors(built, findings) == []


@FEW
@given(seed=st.integers(0, 10**6))
def test_property_every_planted_mistake_found(tmp_path_factory, seed):
    built = build(tmp_path_factory.mktemp("planted"), seed=seed)
    result = score(built, run(built))
    assert [(p.category, p.variant, p.file) for p in result.missed] == []
    assert [f"{Path(f['file']).name} {f['rule']}" for f in result.false_errors] == []


def test_rounds_show_every_layout_and_spelling(tmp_path):
    """The generator does what its docstring says (else the tests above prove less)."""
    seen: Counter[str] = Counter()
    for seed in range(3):
        built = build(tmp_path / str(seed), seed=seed, plants={})
        seen.update(built.layouts.values())
        names = [rec["姓名"] for rec in built.forms.values()]
        seen.update("dot" for n in names if "·" in n)
    assert set(LAYOUTS) <= set(seen) and seen["dot"]
