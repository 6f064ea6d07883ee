"""Forms and registers from the fourth generator (tests/rounds/office_round.py):
branches named without digits, bilingual and hand-spaced labels, candidates side
by side in one table, two forms on a page, a workbook with a sheet per candidate
and real Excel dates, minutes with the votes as sentences, a tally workbook with
a notes sheet and merged headers.

- a clean round gives zero ``error`` findings and no warning;
- every planted mistake is reported on the file it is in, in its category;
- convert reads every field of the first form of every generated file.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rounds.office_round import LAYOUTS, ORGS, VARIANTS, build
from rounds.varied import Built, cases, planted_message, run, score
from rounds.varied import planted_rounds as rounds_of
from toolkit.app.convert import convert_one
from toolkit.app.pipeline import Source

FEW = settings(max_examples=2, deadline=None, derandomize=True,
               suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _problems(built: Built, findings: list[dict]) -> list[str]:
    """False errors, any warning, and fields convert misreads."""
    out = [f"{Path(f['file']).name} {f['rule']} {f['message']}" for f in score(built, findings).false_errors]
    out += [f"{Path(f['file']).name} {f['rule']} {f['message']}" for f in findings if f["severity"] == "warning"]
    for name, expected in built.forms.items():
        records = convert_one((Source(str(built.submissions / name)), None))["records"]
        record = records[0] if records else {}
        out += [f"{built.layouts[name]} {name} {k}: {v!r} ≠ {record.get(k)!r}"
                for k, v in expected.items() if record.get(k) != v]
    return out


@pytest.mark.parametrize("org", sorted(ORGS))
def test_clean_round_of_each_organisation(tmp_path, org):
    built = build(tmp_path, seed=17, plants={}, org=org)
    assert _problems(built, run(built)) == []


@FEW
@given(seed=st.integers(0, 10**6))
def test_property_clean_random_round_has_no_errors(tmp_path_factory, seed):
    built = build(tmp_path_factory.mktemp("clean"), seed=seed, plants={})
    assert _problems(built, run(built)) == []


def test_people_side_by_side_are_one_record_each(tmp_path):
    built = build(tmp_path, seed=5, plants={}, layouts=("transposed", "two-up", "sheets"))
    several = [name for name, layout in built.layouts.items() if layout in ("transposed", "two-up", "sheets")]
    counts = []
    for name in several:
        records = convert_one((Source(str(built.submissions / name)), None))["records"]
        assert len({r["姓名"] for r in records}) == len(records) >= 1, name
        counts.append(len(records))
    assert max(counts) >= 2


# --- planted mistakes ----------------------------------------------------------------------

CASES = cases(VARIANTS)


@pytest.fixture(scope="module")
def planted_rounds(tmp_path_factory) -> list[tuple[Built, list[dict]]]:
    return rounds_of(build, VARIANTS, sorted(ORGS), 300, tmp_path_factory.mktemp)


@pytest.mark.parametrize("cat,variant", CASES, ids=[f"{c}-{v}" for c, v in CASES])
def test_planted_mistake_found_on_its_file(planted_rounds, cat, variant):
    assert (why := planted_message(planted_rounds, cat, variant)) is None, why


def test_planted_rounds_have_no_other_errors(planted_rounds):
    for built, findings in planted_rounds:
        assert [f"{Path(f['file']).name} {f['rule']}" for f in score(built, findings).false_errors] == []


@FEW
@given(seed=st.integers(0, 10**6))
def test_property_every_planted_mistake_found(tmp_path_factory, seed):
    built = build(tmp_path_factory.mktemp("planted"), seed=seed)
    result = score(built, run(built))
    assert [(p.category, p.variant, p.file) for p in result.missed] == []
    assert [f"{Path(f['file']).name} {f['rule']}" for f in result.false_errors] == []


def test_rounds_show_every_layout(tmp_path):
    """The generator does what its docstring says (else the tests above prove less)."""
    seen: Counter[str] = Counter()
    for seed in range(3):
        seen.update(build(tmp_path / str(seed), seed=seed, plants={}).layouts.values())
    assert set(LAYOUTS) <= set(seen)
