"""TW750 on rounds filled from one office template (tests/rounds/templated.py): the
template's set sentences, with each branch's names and figures put in, are no copy;
a branch that took another's own text is, verbatim or lightly reworded."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from rounds.templated import KINDS, own_paragraph, paraphrase, texts, write
from toolkit.app.check import run_check
from toolkit.check.engine import select_rules
from toolkit.lang import duplicate
from toolkit.lang.duplicate import align, find_duplicates


def _found(r, kinds=None) -> list[tuple[int, int]]:
    return [(p.a, p.b) for p in find_duplicates([list(enumerate(d, 1)) for d in r.docs], 0.8, kinds)]


def test_a_round_of_three_templates_reports_the_planted_copies_and_nothing_else(tmp_path):
    """Minutes (their heading fields in a table or not), summaries and bulletins, each from its
    own template, in one folder: only the branches that copied another's own text are reported."""
    files, planted = write(tmp_path, seed=3, sizes={"minutes": 8, "summary": 12, "bulletin": 6})
    result, _ = run_check([str(f) for f in files], rules=select_rules("TW750"), jobs=1)
    assert {f.kind for f in result.files} == {"minutes", "summary", "bulletin"}
    found = [f for f in result.findings if f.rule == "TW750"]
    assert sorted(f.file for f in found) == sorted(str(f) for pair in planted for f in pair)
    assert all(f.severity == "warning" for f in found)  # names swapped in: never ≥ 95 %
    for a, b in planted:  # each side names the other
        assert any(f.file == str(b) and str(a) in f.message for f in found)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [4, 12, 40])
def test_template_filled_documents_are_no_copy_and_planted_copies_are_found(kind, n):
    """第2村/第22村/第222村, 应到22名/应到222名: the filled-in parts partly coincide; the
    template is in every document, even four of four."""
    r = texts(seed=n, n=n, kind=kind, copies=1 if n < 8 else 2)
    assert _found(r) == r.copies
    assert _found(texts(seed=n, n=n, kind=kind, copies=0)) == []


def test_a_template_with_no_text_of_its_own_is_never_a_copy():
    r = texts(seed=1, n=20, kind="minutes", copies=0, own=0)
    assert _found(r) == []


def test_the_template_limit_counts_documents_of_the_same_kind():
    """Five minutes from one template among thirty summaries: five of five minutes, though
    under the share of the whole round."""
    minutes, summaries = texts(seed=2, n=5, kind="minutes", copies=0), texts(seed=4, n=30, kind="summary", copies=1)
    docs = [list(enumerate(d, 1)) for d in summaries.docs + minutes.docs]
    kinds = ["summary"] * 30 + ["minutes"] * 5
    assert [(p.a, p.b) for p in find_duplicates(docs, 0.8, kinds)] == summaries.copies
    assert len(find_duplicates(docs, 0.8)) > 1  # counted over the whole round, the minutes' template is not


def test_a_large_round_finds_its_template_in_a_sample(monkeypatch):
    r = texts(seed=5, n=150, kind="summary", copies=3)
    monkeypatch.setattr(duplicate, "SAMPLE_DOCS", 40)
    assert _found(r) == r.copies


def test_a_copy_with_its_sentences_reordered_is_aligned_and_stock_phrases_are_not():
    import random

    rng = random.Random(8)
    for _ in range(20):
        text = own_paragraph(rng)
        moved = paraphrase(rng, text)
        assert [c.b for c in align([(1, text)], [(1, own_paragraph(rng)), (2, moved)])] == [2]
    # two branches' own paragraphs built from the same stock of phrases: no copy
    pairs = [(own_paragraph(rng), own_paragraph(rng)) for _ in range(200)]
    assert sum(bool(align([(1, a)], [(1, b)])) for a, b in pairs) == 0


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10**6), st.sampled_from(KINDS), st.integers(4, 30))
def test_property_only_the_planted_copies_of_a_template_round_are_reported(seed, kind, n):
    r = texts(seed, n, kind, copies=1 if n < 10 else 2)
    assert _found(r) == r.copies


def test_set_sentences_stating_each_branch_s_own_counts_are_a_frame_and_kept_counts_a_copy():
    """Two branches only (too few to see a template): sentences that say the same about
    different counts are a shared frame; the same sentences with the source's counts kept,
    only the branch name changed (its number is a name, not a count), are copied."""
    frame = ["{b}共有团员{x}名，其中本学期新发展团员{y}名，团员参加志愿服务累计{z}人次，占团员总数的{r}%。",
             "本学期{b}组织主题团日活动{y}次，青年大学习平均参学率为{r}%，较上学期有所提高，团员反映良好。",
             "{b}按程序推荐优秀团员{y}名作为入党积极分子人选，推荐结果在支部公示栏公示了{x}天，无异议。"]

    def doc(b, x, y, z, r):
        return list(enumerate(["团支部工作总结", *(t.format(b=b, x=x, y=y, z=z, r=r) for t in frame)], 1))

    own = doc("化工2201团支部", 32, 3, 48, 37.5)
    assert find_duplicates([own, doc("化工2202团支部", 28, 2, 61, 32.1)], 0.8) == []
    pairs = find_duplicates([own, doc("化工2202团支部", 32, 3, 48, 37.5)], 0.8)
    assert [(p.a, p.b, len(p.copied)) for p in pairs] == [(0, 1, 3)]
