"""Rules as properties over forms built in memory: the vote rules are arithmetic, the ID-number
rules are GB 11643-1999."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.check.engine import REGISTRY, all_rules
from toolkit.cn.idcard import make_id

from .harness import document, form_spec, make_config, submission

VOTE_CODES = ("TW301", "TW302", "TW303", "TW304", "TW305")


def expected(total: int, present: int, yes: int, no: int, abstain: int) -> set[str]:
    ballots = yes + no + abstain
    return {code for code, broken in (("TW301", ballots > present), ("TW302", ballots < present),
                                      ("TW303", present > total), ("TW304", 2 * present <= total),
                                      ("TW305", 2 * yes <= total)) if broken}


@settings(max_examples=60, deadline=None)
@given(total=st.integers(1, 80), present=st.integers(0, 90), yes=st.integers(0, 90), no=st.integers(0, 9),
       abstain=st.integers(0, 9))
def test_vote_rules_fire_exactly_when_the_figures_break_them(total, present, yes, no, abstain) -> None:
    """On any form's figures, TW301–TW305 fire exactly when the figures break the rule they state
    (default thresholds: more than half of 应到 present, 赞成 more than half of 应到)."""
    all_rules()
    figures = {"应到人数": total, "实到人数": present, "赞成票": yes, "反对票": no, "弃权票": abstain}
    sub = submission(document(form_spec({k: str(v) for k, v in figures.items()})))
    config = make_config()
    fired = {code for code in VOTE_CODES if list(REGISTRY[code].run(sub, config))}
    assert fired == expected(total, present, yes, no, abstain)


ID_CODES = ("TW401", "TW402", "TW403", "TW404", "TW405")


def _fired(values: dict[str, str]) -> set[str]:
    all_rules()
    sub = submission(document(form_spec(values)))
    config = make_config()
    return {code for code in ID_CODES if list(REGISTRY[code].run(sub, config))}


@settings(max_examples=40, deadline=None)
@given(birth=st.dates(min_value=date(1998, 11, 11), max_value=date(2008, 11, 10)),
       seq=st.integers(0, 999), male=st.booleans(), area=st.sampled_from(["110108", "320106", "440305", "510104"]))
def test_a_valid_number_that_agrees_with_the_form_passes(birth, seq, male, area) -> None:
    number = make_id(area, birth.strftime("%Y%m%d"), seq, male)
    values = {"身份证号": number, "性别": "男" if male else "女", "出生年月": f"{birth.year}年{birth.month}月{birth.day}日"}
    assert _fired(values) == set()


@settings(max_examples=40, deadline=None)
@given(seq=st.integers(0, 999), position=st.integers(0, 16), delta=st.integers(1, 9))
def test_one_mistyped_digit_is_caught(seq, position, delta) -> None:
    number = make_id("110108", "20040506", seq, True)
    digits = list(number)
    digits[position] = str((int(digits[position]) + delta) % 10)
    wrong = "".join(digits)
    # GB 11643-1999's check character catches every single-digit slip.
    assert _fired({"身份证号": wrong, "性别": "男", "出生年月": "2004年5月6日"}) & {"TW401", "TW402"}
