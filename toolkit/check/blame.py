"""Which document a disagreement points to.

When two documents of a round disagree on a figure, the finding belongs on
the one the evidence says is wrong, so a correct branch is never sent back to
fix nothing:

* a document whose own figures are impossible (实到 > 应到, more ballots than
  members present) is wrong;
* otherwise the value more sources agree on is right: the other forms of the
  same meeting, and the branch's minutes, each count once;
* the office's tally and log are compiled from the forms, so with no other
  evidence the form is the source and the copy is wrong;
* only when the evidence is balanced is every side reported.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Hashable, Mapping

from ..kinds import MINUTES
from ..model import Record
from .engine import Round
from .people import form_records, name_key, round_branches, tally_records
from .text import to_int

_VOTES = ("赞成票", "反对票", "弃权票")


def impossible(rec: Record, key: str) -> bool:
    """The record's own figures rule out its ``key`` value: 实到 > 应到 (for
    either), ballots beyond 实到 (for 实到 and each vote)."""
    v = {k: to_int(rec.values.get(k)) for k in ("应到人数", "实到人数", *_VOTES)}
    total, present = v["应到人数"], v["实到人数"]
    if key in ("应到人数", "实到人数") and total is not None and present is not None and present > total:
        return True
    if key in ("实到人数", *_VOTES) and present is not None and None not in (v[k] for k in _VOTES):
        return sum(v[k] for k in _VOTES) > present
    return False


def wrong_sides(values: Mapping[Hashable, object], support: Mapping[object, int],
                invalid: set, source: Hashable | None = None) -> set:
    """The sides (documents) whose value is wrong.

    ``values``: each side's value; ``support``: independent sources agreeing
    with a value (minutes); ``invalid``: sides whose own figures rule their
    value out; ``source``: the side the others were copied from, right when
    nothing else decides."""
    valid = {s: v for s, v in values.items() if s not in invalid}
    wrong = set(values) - set(valid)
    if len(set(valid.values())) < 2:
        return wrong
    score = Counter(valid.values())
    for value in score:
        score[value] += support.get(value, 0)
    (top, n1), (_, n2) = score.most_common(2)
    if n1 > n2:
        return wrong | {s for s, v in valid.items() if v != top}
    if source in valid and not any(support.get(v, 0) for v in valid.values()):
        return wrong | {s for s in valid if s != source}
    return wrong | {s for s, v in valid.items() if score[v] == n1}


def minutes_facts(rnd: Round) -> dict[tuple[str, str], int]:
    """What the round's minutes say, as independent evidence:
    ``(branch key, 应到人数|实到人数)`` and ``(branch key, name + key)`` for a
    candidate's votes (a vote line naming exactly one candidate of the branch)."""
    if MINUTES in rnd.memo:
        return rnd.memo[MINUTES]
    from .rules.vote import votes  # the rules import this module

    branches = round_branches(rnd)
    names: dict[str, set[str]] = defaultdict(set)
    for _, rec in [*form_records(rnd), *tally_records(rnd)]:
        if n := name_key(rec.values.get("姓名")):
            names[branches.key(rec.values.get("团支部"))].add(n)
    out: dict[tuple[str, str], int] = {}
    for sub in rnd.submissions:
        if sub.extraction.kind != MINUTES or not sub.extraction.fields.get("团支部"):
            continue
        branch = branches.key(sub.extraction.fields["团支部"])
        for key in ("应到人数", "实到人数"):
            if (n := to_int(sub.extraction.fields.get(key))) is not None:
                out.setdefault((branch, key), n)
        texts = {p.index: p.text for p in sub.doc.paragraphs}
        for v in votes(sub):
            said = [n for n in names[branch] if n in texts.get(v.location.paragraph, "")]
            if len(said) == 1:
                for key, n in zip(_VOTES, (v.yes, v.no, v.abstain)):
                    out.setdefault((branch, said[0] + key), n)
    rnd.memo[MINUTES] = out
    return out
