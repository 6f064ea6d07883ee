"""Cross-document checks (TW700–TW749): the tally, the hand-out log and the
forms against each other. Round rules: people are matched through indexes
(:mod:`toolkit.check.people`), never by comparing all pairs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Iterator

from ...model import Location, Record
from ..config import Config
from ..engine import Hit, Round, rule
from ..people import Entry, branch_key, form_records, id_key, log_records, match, name_key, tally_records
from ..text import record_excerpt, to_int, where

_COMPARED = ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")


def _name(rec: Record) -> str:
    return str(rec.values.get("姓名") or "（无姓名）")


def _hit(entry: Entry, message: str, *keys: str, severity: str | None = None) -> Hit:
    path, rec = entry
    return Hit(message, where(rec, *keys) if keys else (rec.location or Location()),
               record_excerpt(rec, keys or ("团支部",)), severity, path)


@rule("TW701", "register", "error", "登记表在汇总表中没有对应行", scope="round")
def form_without_row(rnd: Round, config: Config) -> Iterator[Hit]:
    """A registration form whose candidate has no row in the tally.

    Why: the 汇总表 is what the 团委 forwards; a candidate with a form but no
    row would be lost. Matching: ID number, else branch and name, else a name
    one character off in the same branch. Only when the round has a tally.
    Example: 登记表_化工2201_王子涵.docx, and no 王子涵 in 汇总表.xlsx.
    """
    rows = tally_records(rnd)
    if not rows:
        return
    for entry in match(form_records(rnd), rows).lone_left:
        yield _hit(entry, f"{entry[1].values.get('团支部') or ''}{_name(entry[1])}的登记表在汇总表中没有对应行", "姓名")


@rule("TW702", "register", "error", "汇总表中的行没有对应的登记表", scope="round")
def row_without_form(rnd: Round, config: Config) -> Iterator[Hit]:
    """A tally row whose candidate has no registration form in the round.

    Why: a candidate listed without a form has no record of the branch vote.
    Only when the round holds forms. Reported on the tally.
    """
    forms = form_records(rnd)
    if not forms:
        return
    for entry in match(tally_records(rnd), forms).lone_left:
        yield _hit(entry, f"汇总表中{entry[1].values.get('团支部') or ''}{_name(entry[1])}没有收到对应的登记表", "姓名")


@rule("TW703", "register", "error", "登记表与汇总表的信息不一致", scope="round")
def form_row_differ(rnd: Round, config: Config) -> Iterator[Hit]:
    """A form and its tally row that disagree on name, branch, 应到, 实到 or votes.

    Why: one of them was retyped wrongly; which one cannot be told from the
    documents, so both are reported (contract). Names are compared after
    matching by ID number or a one-character-off name in the same branch.
    """
    rows = tally_records(rnd)
    if not rows:
        return
    for form, row in match(form_records(rnd), rows).pairs:
        diffs, keys = [], []
        if name_key(form[1].values.get("姓名")) != name_key(row[1].values.get("姓名")):
            diffs.append(f"姓名（登记表“{form[1].values.get('姓名')}”，汇总表“{row[1].values.get('姓名')}”）")
            keys.append("姓名")
        fb, rb = form[1].values.get("团支部"), row[1].values.get("团支部")
        if fb and rb and branch_key(fb) != branch_key(rb):
            diffs.append(f"团支部（登记表“{fb}”，汇总表“{rb}”）")
            keys.append("团支部")
        for key in _COMPARED:
            a, b = to_int(form[1].values.get(key)), to_int(row[1].values.get(key))
            if a is not None and b is not None and a != b:
                diffs.append(f"{key}（登记表{a}，汇总表{b}）")
                keys.append(key)
        if diffs:
            text = f"{_name(form[1])}的登记表与汇总表不一致：" + "；".join(diffs)
            yield _hit(form, text, *keys)
            yield _hit(row, text, *keys)


def _forms_by_branch(rnd: Round) -> dict[str, list[Entry]]:
    out: dict[str, list[Entry]] = defaultdict(list)
    for entry in form_records(rnd):
        out[branch_key(entry[1].values.get("团支部"))].append(entry)
    return out


@rule("TW704", "register", "error", "上交份数多于领取份数", scope="round")
def returned_over_taken(rnd: Round, config: Config) -> Iterator[Hit]:
    """A hand-out log row with more forms handed in than taken.

    Why: a branch cannot return more blank forms than it received; the log
    entry is wrong (seed 000 describes exactly this). Reported on the log.
    """
    for entry in log_records(rnd):
        taken, given = to_int(entry[1].values.get("领取份数")), to_int(entry[1].values.get("上交份数"))
        if taken is not None and given is not None and given > taken:
            yield _hit(entry, f"{entry[1].values.get('团支部')}上交{given}份，多于领取的{taken}份", "上交份数")


@rule("TW705", "register", "error", "登记的上交份数与实际收到的登记表数不符", scope="round")
def log_vs_forms(rnd: Round, config: Config) -> Iterator[Hit]:
    """The log's 上交份数 for a branch against the forms of that branch in the round.

    Why: the log says a branch handed in N forms; if M ≠ N arrived, a form is
    missing or the log is wrong. Reported on the log row. Only when the round
    holds forms.
    """
    by_branch = _forms_by_branch(rnd)
    if not by_branch:
        return
    for entry in log_records(rnd):
        given = to_int(entry[1].values.get("上交份数"))
        branch = entry[1].values.get("团支部")
        if given is None or not branch:
            continue
        got = len(by_branch.get(branch_key(branch), ()))
        if got != given:
            yield _hit(entry, f"登记表记录{branch}上交{given}份，实际收到该支部登记表{got}份", "上交份数")


@rule("TW706", "register", "error", "登记表所属团支部不在领取登记中", scope="round")
def form_not_in_log(rnd: Round, config: Config) -> Iterator[Hit]:
    """Forms from a branch the hand-out log does not record.

    Why: every form handed in should have been handed out; a branch missing
    from the log means the log is incomplete or the form came from elsewhere.
    Reported on each such form. Only when the round has a log.
    """
    logged = {branch_key(e[1].values.get("团支部")) for e in log_records(rnd)}
    if not logged:
        return
    for key, entries in _forms_by_branch(rnd).items():
        if key and key not in logged:
            for entry in entries:
                yield _hit(entry, f"{entry[1].values.get('团支部')}不在分表领取及上交登记中，无领取记录", "团支部")


@rule("TW707", "register", "error", "同一团支部大会的登记表应到、实到人数不一致", scope="round")
def meeting_disagrees(rnd: Round, config: Config) -> Iterator[Hit]:
    """Forms of one branch meeting (same branch and 表决日期) that give different
    应到/实到 figures.

    Why: all candidates of one 团支部大会 were voted on by the same members;
    different attendance figures mean a form was mistyped. Reported on the forms
    that differ from the most common value, or on all when there is no majority.
    """
    meetings: dict[tuple, list[Entry]] = defaultdict(list)
    for entry in form_records(rnd):
        b = branch_key(entry[1].values.get("团支部"))
        if b:
            meetings[(b, str(entry[1].values.get("表决日期") or ""))].append(entry)
    for entries in meetings.values():
        if len(entries) < 2:
            continue
        for key in ("应到人数", "实到人数"):
            values = [to_int(e[1].values.get(key)) for e in entries]
            counts = Counter(v for v in values if v is not None)
            if len(counts) < 2:
                continue
            (top, n1), (_, n2) = counts.most_common(2)
            summary = "、".join(f"{v}人" for v in sorted(counts))
            for e, v in zip(entries, values):
                if v is not None and (v != top or n1 == n2):
                    expected = f"其他登记表多为{top}人" if n1 > n2 else f"各表分别为{summary}"
                    yield _hit(e, f"同一次团支部大会的{key}不一致：此表为{v}人，{expected}", key)


@rule("TW708", "register", "error", "同一人在多个团支部或重复提交", scope="round")
def duplicate_person(rnd: Round, config: Config) -> Iterator[Hit]:
    """One person on two forms: the same ID number twice, or the same name in
    the same branch twice.

    Why: a candidate recommended by two branches, or a form sent twice, would
    be counted twice. The same name in two branches without ID numbers may be
    namesakes: a warning. Reported on every form involved.
    """
    forms = form_records(rnd)
    by_id: dict[str, list[Entry]] = defaultdict(list)
    by_name: dict[str, list[Entry]] = defaultdict(list)
    for entry in forms:
        k = id_key(entry[1].values.get("身份证号"))
        if k:
            by_id[k].append(entry)
        elif name_key(entry[1].values.get("姓名")):
            by_name[name_key(entry[1].values.get("姓名"))].append(entry)
    groups = [(g, True) for g in by_id.values() if len(g) > 1]
    for entries in by_name.values():
        if len(entries) > 1:
            groups.append((entries, False))
    for entries, by_number in groups:
        branches = sorted({str(e[1].values.get("团支部") or "") for e in entries})
        files = "、".join(e[0].replace("\\", "/").rsplit("/", 1)[-1] for e in entries)
        same_branch = len({branch_key(b) for b in branches}) == 1
        if same_branch:
            text = f"{_name(entries[0][1])}的登记表重复提交了{len(entries)}份（{files}）"
        else:
            text = f"{_name(entries[0][1])}同时出现在{'、'.join(branches)}的登记表中（{files}）"
        severity = None if by_number or same_branch else "warning"
        for e in entries:
            yield _hit(e, text, "身份证号" if by_number else "姓名", severity=severity)
