"""Every case of the generated hostile corpus (tests/hostile/cases_*.py), then the figures.

Run one area with ``pytest tests/hostile -k <area or case name>``.
"""

from __future__ import annotations

import pytest

from .corpus import Outcome, all_cases, figures, run_case

CASES = all_cases()
_OUTCOMES: list[Outcome] = []


def _describe(o: Outcome) -> str:
    parts = [f"{k}={v}" for k, v in (("crash", o.crash), ("hang", o.hang), ("lost", o.lost),
                                      ("modified", o.modified), ("requests", o.requests), ("unsafe", o.unsafe),
                                      ("leftovers", o.leftovers)) if v]
    parts.append(f"peak={o.peak_mb:.0f}MB time={o.seconds:.1f}s")
    return f"{o.case}: " + ", ".join(parts) + "\n--- stderr ---\n" + o.stderr


@pytest.mark.parametrize("c", CASES, ids=lambda c: f"{c.area}-{c.name}")
def test_case(c, tmp_path):
    outcome = run_case(c, tmp_path)
    _OUTCOMES.append(outcome)
    assert not outcome.failed, _describe(outcome)


def test_figures(tmp_path, capsys):
    """The figures a user cares about, over every case run in this session (all of them when this
    test runs alone); the last five must be zero."""
    outcomes = _OUTCOMES or [run_case(c, tmp_path) for c in CASES]
    numbers = figures(outcomes)
    with capsys.disabled():
        print("\nhostile corpus: " + ", ".join(f"{k} {v}" for k, v in numbers.items()))
    assert list(numbers.values())[1:] == [0] * (len(numbers) - 1), [_describe(o) for o in outcomes if o.failed]
