"""The pattern sets scan by first character; they must find exactly what one alternation finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.lang import patterns

SETS = {"typos": patterns.typos(), "formulations": patterns.formulations(), "boilerplate": patterns.boilerplate()}
# Texts made of the sets' own specs (what must and must not match), cut and joined at random.
_PIECES = [t for ps in SETS.values() for e in ps.entries for t in (e.flag, *e.ok) if t]
_pieces = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(alphabet="的了在再，。\n 一下几点", max_size=5),
                             st.sampled_from(_PIECES).map(lambda t: t[len(t) // 2:])), max_size=12).map("".join)


def _same(ps: patterns.PatternSet, text: str) -> None:
    got = [(e.name, m.span(), m.group()) for e, m in ps.finditer(text)]
    want = [(ps.entries[int(m.lastgroup[1:])].name, m.span(), m.group()) for m in ps.reference().finditer(text)]
    assert got == want


@pytest.mark.parametrize("name", SETS)
def test_every_spec_scans_as_one_alternation(name):
    for text in _PIECES:
        _same(SETS[name], text)


@settings(max_examples=300, deadline=None)
@given(text=_pieces)
def test_any_text_scans_as_one_alternation(text):
    for ps in SETS.values():
        _same(ps, text)
