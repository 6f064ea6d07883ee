"""Cross-document checks (TW700–TW749): the tally, the hand-out log and the
forms against each other. Round rules: people are matched through indexes
(:mod:`toolkit.check.people`), never by comparing all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...model import Location, Record
from ..blame import impossible, minutes_facts, wrong_sides
from ..branches import Branches
from ..config import Config
from ..engine import Hit, Round, Submission, rule
from ..people import (Entry, differences, fact, form_people, form_records, id_key, log_records, match, name_key,
                      round_branches, tally_records)
from ..text import excerpt, record_excerpt, to_int, where
from ...cn.names import split_name
from .count import recommended

_COMPARED = ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")


def _name(rec: Record) -> str:
    return str(rec.values.get("姓名") or "（无姓名）")


def _file(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _person_severity(rec: Record) -> str | None:
    """The severity for a record missing its counterpart: as the rule says (None) when its 姓名 reads
    as a person's name, a warning when it may be one the surname table does not know (阿依古丽·买买提),
    and "skip" when it cannot be one (a label list, one character): a record misread from a
    document that is not a form is not a missing candidate."""
    name = str(rec.values.get("姓名") or "")
    if not name:
        return None
    if len(name) < 2 or any(ch in name for ch in "、，,（）()：:；;") or "姓名" in name:
        return "skip"
    return None if split_name(name) else "warning"


def _hit(entry: Entry, message: str, *keys: str, severity: str | None = None) -> Hit:
    path, rec = entry
    return Hit(message, where(rec, *keys) if keys else (rec.location or Location()),
               record_excerpt(rec, keys or ("团支部",)), severity, path)


def _table_hit(entries: list[Entry], message: str, excerpt: str, severity: str | None = None) -> Iterator[Hit]:
    """A finding on the table of each file among ``entries`` (a row that is missing has no place of its own)."""
    tables: dict[str, Location] = {}
    for path, rec in entries:
        loc = rec.location or Location()
        tables.setdefault(path, Location(page=loc.page, table=loc.table))
    for path, loc in tables.items():
        yield Hit(message, loc, excerpt[:80], severity, path)


def _forms(rnd: Round) -> list[Entry]:
    """One form per candidate (a .docx and its PDF are one submission)."""
    return [p.form for p in form_people(rnd)]


def _branch_of(entries: list[Entry], branch: str, rnd: Round) -> list[Entry]:
    """The entries of ``branch``'s key, else all (the file is still the one to fix)."""
    key = round_branches(rnd).key
    return [e for e in entries if key(e[1].values.get("团支部")) == key(branch)] or entries


@rule("TW701", "register", "error", "登记表在汇总表中没有对应行", scope="round")
def form_without_row(rnd: Round, config: Config) -> Iterator[Hit]:
    """A registration form whose candidate has no row in the tally.

    Why: the 汇总表 is what the 团委 forwards; a candidate with a form but no
    row would be lost. The tally is compiled from the forms, so the finding is
    on the tally (the form is not what needs fixing). Matching: ID number,
    else branch and name, else a name one character off in the same branch.
    Only when the round has a tally. Example: 登记表_化工2201_王子涵.docx, and no
    王子涵 in 汇总表.xlsx.
    """
    rows = tally_records(rnd)
    if not rows:
        return
    branches = round_branches(rnd)
    for path, rec in match(_forms(rnd), rows, branches.key).lone_left:
        if (severity := _person_severity(rec)) == "skip":
            continue
        branch = rec.values.get("团支部") or ""
        unsure = branches.ambiguous(branch)
        yield from _table_hit(_branch_of(rows, branch, rnd),
                              f"汇总表中缺少{branch}{_name(rec)}（已收到其登记表“{_file(path)}”）"
                              + ("；该支部名称可能指多个团支部，请核对" if unsure else ""),
                              record_excerpt(rec, ("团支部",)), "warning" if unsure else severity)


@rule("TW702", "register", "error", "汇总表中的行没有对应的登记表", scope="round")
def row_without_form(rnd: Round, config: Config) -> Iterator[Hit]:
    """A tally row whose candidate has no registration form in the round.

    Why: a candidate listed without a form has no record of the branch vote.
    Only when the round holds forms. Reported on the tally.
    """
    forms = _forms(rnd)
    if not forms:
        return
    for entry in match(tally_records(rnd), forms, round_branches(rnd).key).lone_left:
        if (severity := _person_severity(entry[1])) == "skip":
            continue
        yield _hit(entry, f"汇总表中{entry[1].values.get('团支部') or ''}{_name(entry[1])}没有收到对应的登记表", "姓名",
                   severity=severity)


def _peers(rnd: Round) -> dict[tuple[str, str], list[Entry]]:
    """The forms of each branch meeting: (branch key, 表决日期) → one form per candidate."""
    key = round_branches(rnd).key
    meetings: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in _forms(rnd):
        if b := key(entry[1].values.get("团支部")):
            meetings[(b, str(entry[1].values.get("表决日期") or ""))].append(entry)
    return meetings


@rule("TW703", "register", "error", "登记表与汇总表的信息不一致", scope="round")
def form_row_differ(rnd: Round, config: Config) -> Iterator[Hit]:
    """A form and its tally row that disagree on name, branch, 应到, 实到 or votes.

    Why: one of them was retyped wrongly. The finding goes on the document
    the evidence points to: the one whose own figures are impossible, else
    the one the other forms of the meeting and the branch's minutes
    contradict; with no such evidence on the tally, which is compiled from
    the forms. Only balanced evidence puts it on both. Names are compared
    after matching by ID number or a one-character-off name in the same branch;
    branch names through the round's branch key (会计2302团支部 is
    经济管理学院会计2302团支部).
    """
    rows = tally_records(rnd)
    if not rows:
        return
    branches = round_branches(rnd)
    meetings, minutes = _peers(rnd), minutes_facts(rnd)
    settled = [p.form for p in form_people(rnd) if not p.conflicting(branches.key)]  # else TW709
    for form, row in match(settled, rows, branches.key).pairs:
        fv, rv = form[1].values, row[1].values
        branch = branches.key(fv.get("团支部") or rv.get("团支部"))
        peers = [e for e in meetings.get((branches.key(fv.get("团支部")), str(fv.get("表决日期") or "")), ())
                 if e is not form]
        blamed: dict[str, list[str]] = {"form": [], "row": []}
        diffs: list[str] = []
        undecided: list[str] = []  # figures only the form-is-the-source default decides
        for key in differences(form[1], row[1], branches.key):
            if key in ("姓名", "团支部"):
                blamed["row"].append(key)  # the form is the candidate's own; the tally copies it
                diffs.append(f"{key}（登记表“{fv.get(key)}”，汇总表“{rv.get(key)}”）")
            elif key in _COMPARED:
                a, b = to_int(fv.get(key)), to_int(rv.get(key))
                support: dict[object, int] = defaultdict(int)
                if key in ("应到人数", "实到人数"):
                    for e in peers:
                        support[to_int(e[1].values.get(key))] += 1
                    said = minutes.get((branch, key))
                else:
                    said = minutes.get((branch, name_key(fv.get("姓名")) + key))
                if said is not None:
                    support[said] += 1
                invalid = {side for side, rec in (("form", form[1]), ("row", row[1])) if impossible(rec, key)}
                sides = wrong_sides({"form": a, "row": b}, support, invalid)
                if sides == {"form", "row"} and not invalid and not any(support.values()):
                    undecided.append(key)
                else:
                    for side in sides:
                        blamed[side].append(key)
                diffs.append(f"{key}（登记表{a}，汇总表{b}）")
        # A form the evidence has shown wrong is no longer taken as the source.
        for side in ("form", "row") if blamed["form"] else ("row",):
            blamed[side] += undecided
        if not diffs:
            continue
        text = f"{_name(form[1])}的登记表与汇总表不一致：" + "；".join(diffs)
        both = blamed["form"] and blamed["row"]
        if blamed["row"]:
            yield _hit(row, text + ("" if both else "；汇总表应按登记表更正"), *blamed["row"])
        if blamed["form"]:
            yield _hit(form, text + ("" if both else "；登记表与其他证据不符，请核对登记表"), *blamed["form"])


def _forms_by_branch(rnd: Round) -> dict[str, list[Entry]]:
    key = round_branches(rnd).key
    out: dict[str, list[Entry]] = defaultdict(list)
    for entry in _forms(rnd):
        out[key(entry[1].values.get("团支部"))].append(entry)
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
    missing or the log is wrong. A form sent as .docx and as its PDF counts
    once. Reported on the log row (the number to check is there). Only when
    the round holds forms; a warning when the branch name may mean two branches.
    """
    by_branch = _forms_by_branch(rnd)
    if not by_branch:
        return
    branches = round_branches(rnd)
    listed: dict[str, set[str]] = defaultdict(set)
    for _, rec in tally_records(rnd):
        listed[branches.key(rec.values.get("团支部"))].add(name_key(rec.values.get("姓名")))
    for entry in log_records(rnd):
        given = to_int(entry[1].values.get("上交份数"))
        branch = entry[1].values.get("团支部")
        if given is None or not branch:
            continue
        key = branches.key(branch)
        got = len(by_branch.get(key, ()))
        if got != given:
            note = f"，汇总表列出该支部{len(listed[key])}人" if key in listed else ""
            unsure = branches.ambiguous(branch)
            yield _hit(entry, f"登记表记录{branch}上交{given}份，实际收到该支部登记表{got}份{note}"
                       + ("；该支部名称可能指多个团支部，请核对" if unsure else ""), "上交份数",
                       severity="warning" if unsure else None)


@rule("TW706", "register", "error", "登记表所属团支部不在领取登记中", scope="round")
def form_not_in_log(rnd: Round, config: Config) -> Iterator[Hit]:
    """Forms from a branch the hand-out log does not record.

    Why: every form handed in was handed out first; a branch whose forms
    arrived but which the log does not list means the log is incomplete. The
    log is the office's own record, so the finding is on the log, naming the
    forms. Branch names are compared through the round's branch key; a
    warning when the form's branch name may mean two branches. Only when the
    round has a log.
    """
    logs = log_records(rnd)
    if not logs:
        return
    branches = round_branches(rnd)
    logged = {branches.key(e[1].values.get("团支部")) for e in logs}
    for key, entries in _forms_by_branch(rnd).items():
        if key and key not in logged:
            branch = str(entries[0][1].values.get("团支部"))
            files = "、".join(_file(e[0]) for e in entries)
            readings = branches.readings(branch)
            unsure = len(readings) > 1
            yield from _table_hit(
                logs, f"分表领取及上交登记中没有{branch}，但已收到该支部登记表{len(entries)}份（{files}）"
                + (f"；“{branch}”可能是{'或'.join(map(branches.shown, readings))}，请核对" if unsure else ""),
                f"团支部：{branch}", "warning" if unsure else None)


@rule("TW707", "register", "error", "同一团支部大会的登记表应到、实到人数不一致", scope="round")
def meeting_disagrees(rnd: Round, config: Config) -> Iterator[Hit]:
    """Forms of one branch meeting (same branch and 表决日期) that give different
    应到/实到 figures.

    Why: all candidates of one 团支部大会 were voted on by the same members;
    different attendance figures mean a form was mistyped. Reported on the
    form the evidence points to: one whose own figures are impossible
    (实到 > 应到, more ballots than members present), else the minority (the
    branch's minutes count as one more voice); on all when it is balanced.
    A form and its PDF count once.
    """
    minutes = minutes_facts(rnd)
    for (branch, _), entries in _peers(rnd).items():
        if len(entries) < 2:
            continue
        for key in ("应到人数", "实到人数"):
            values = {i: to_int(e[1].values.get(key)) for i, e in enumerate(entries)}
            values = {i: v for i, v in values.items() if v is not None}
            if len(set(values.values())) < 2:
                continue
            said = minutes.get((branch, key))
            invalid = {i for i in values if impossible(entries[i][1], key)}
            wrong = wrong_sides(values, {said: 1} if said is not None else {}, invalid)
            right = {v for i, v in values.items() if i not in wrong}
            summary = "、".join(f"{v}人" for v in sorted(set(values.values())))
            for i in sorted(wrong):
                rec = entries[i][1]
                if i in invalid:
                    why = f"此表实到{to_int(rec.values.get('实到人数'))}人，与应到人数或票数矛盾"
                elif len(right) == 1:
                    why = f"其他登记表多为{next(iter(right))}人" + ("（与会议记录一致）" if said in right else "")
                else:
                    why = f"各表分别为{summary}"
                yield _hit(entries[i], f"同一次团支部大会的{key}不一致：此表为{values[i]}人，{why}", key)


@rule("TW708", "register", "error", "同一人在多个团支部或重复提交", scope="round")
def duplicate_person(rnd: Round, config: Config) -> Iterator[Hit]:
    """One person on forms of two branches, or the same form handed in twice.

    Why: a candidate recommended by two branches would be counted twice: an
    error when the ID number is the same, a warning when only the name is
    (namesakes). A form sent as .docx and as its PDF, or sent twice, with the
    same content is one submission: an ``info`` on the extra copy, counted
    once everywhere. Copies that differ are TW709.
    """
    branches = round_branches(rnd)
    for person in form_people(rnd):
        keys = {branches.key(e[1].values.get("团支部")) for e in person.forms}
        if len(keys) > 1:
            names = sorted({str(e[1].values.get("团支部") or "") for e in person.forms})
            files = "、".join(_file(e[0]) for e in person.forms)
            for e in person.forms:
                yield _hit(e, f"{_name(e[1])}同时出现在{'、'.join(names)}的登记表中（{files}）", "身份证号")
            continue
        first = person.form
        for copy in person.forms[1:]:
            if not differences(first[1], copy[1], branches.key):
                yield _hit(copy, f"与“{_file(first[0])}”是同一份登记表（内容相同），按一份计", "姓名",
                           severity="info")
    # The same name in two branches, no ID numbers to tell: perhaps namesakes.
    by_name: dict[str, list[Entry]] = defaultdict(list)
    for person in form_people(rnd):
        rec = person.form[1]
        if not id_key(rec.values.get("身份证号")) and name_key(rec.values.get("姓名")):
            by_name[name_key(rec.values.get("姓名"))].append(person.form)
    for entries in by_name.values():
        if len(entries) > 1:
            names = sorted({str(e[1].values.get("团支部") or "") for e in entries})
            files = "、".join(_file(e[0]) for e in entries)
            for e in entries:
                yield _hit(e, f"{_name(e[1])}同时出现在{'、'.join(names)}的登记表中（{files}），请核实是否同一人",
                           "姓名", severity="warning")


@rule("TW709", "register", "error", "同一人的两份登记表内容不一致", scope="round")
def copies_differ(rnd: Round, config: Config) -> Iterator[Hit]:
    """Two forms of one candidate (same ID number, or same name in the same
    branch) that state different facts: a corrected form sent after the first,
    or a PDF made from another version.

    Why: only one can be what the branch meeting decided. Reported on the copy
    the evidence points to: the one the tally row, the branch's minutes or its
    own figures contradict; on every copy when nothing decides.
    """
    branches = round_branches(rnd)
    rows = tally_records(rnd)
    minutes = minutes_facts(rnd)
    for person in form_people(rnd):
        if len(person.forms) < 2 or len({branches.key(e[1].values.get("团支部")) for e in person.forms}) > 1:
            continue
        keys = [k for k in dict.fromkeys(k for c in person.forms[1:] for k in differences(person.form[1], c[1],
                                                                                             branches.key))]
        if not keys:
            continue
        row = next(iter(match([person.form], rows, branches.key).pairs), (None, (None, None)))[1][1]
        branch = branches.key(person.form[1].values.get("团支部"))
        blamed: dict[int, list[str]] = defaultdict(list)
        shown = []
        for key in keys:
            values = {i: v for i, e in enumerate(person.forms) if (v := fact(e[1], key)) is not None}
            support: dict[object, int] = defaultdict(int)
            if row is not None and fact(row, key) is not None:
                support[fact(row, key)] += 1
            said = minutes.get((branch, key)) or minutes.get((branch, name_key(person.form[1].values.get("姓名")) + key))
            if said is not None:
                support[said] += 1
            invalid = {i for i in values if impossible(person.forms[i][1], key)}
            for i in wrong_sides(values, support, invalid):
                blamed[i].append(key)
            shown.append(f"{key}（" + "，".join(f"{_file(e[0])}为{e[1].values.get(key)}" for e in person.forms
                                                 if e[1].values.get(key) not in (None, "")) + "）")
        text = f"{_name(person.form[1])}的{len(person.forms)}份登记表内容不一致：" + "；".join(shown)
        for i, keys_wrong in sorted(blamed.items()):
            yield _hit(person.forms[i], text, *keys_wrong)


@rule("TW710", "register", "warning", "团支部名称可能指本轮材料中的多个团支部", scope="round")
def ambiguous_branch(rnd: Round, config: Config) -> Iterator[Hit]:
    """A branch name that the round's other documents make ambiguous:
    ``机关团支部`` in a round with ``财政局机关团支部`` and ``卫健局机关团支部``.

    Why: the branch is matched across forms, tally, log, minutes and summaries
    by the round's branch key (its full name, from the shortest spelling the
    documents share); when a short spelling fits two full names, the
    documents cannot say which branch it is, so the office is asked, never
    told it is an error. Reported once per document that uses the short name.
    """
    branches = round_branches(rnd)
    seen: set[tuple[str, str]] = set()
    for path, rec in [*form_records(rnd), *tally_records(rnd), *log_records(rnd)]:
        name = rec.values.get("团支部")
        if name and branches.ambiguous(name) and (path, str(name)) not in seen:
            seen.add((path, str(name)))
            yield _hit((path, rec), f"“{name}”可能是{'或'.join(map(branches.shown, branches.readings(name)))}，请写明完整的团支部名称",
                       "团支部")
    for sub in rnd.submissions:
        name = sub.extraction.fields.get("团支部")
        if name and branches.ambiguous(name) and (sub.path, str(name)) not in seen:
            seen.add((sub.path, str(name)))
            yield Hit(f"“{name}”可能是{'或'.join(map(branches.shown, branches.readings(name)))}，请写明完整的团支部名称", Location(),
                      f"团支部：{name}", None, sub.path)



def _own_branch(sub: Submission, branches: Branches) -> str | None:
    """The branch a summary or minutes is by: its extracted 团支部, else the one
    branch of the round its title or 落款 names."""
    if name := sub.extraction.fields.get("团支部"):
        return branches.key(name)
    paras = [p.text for p in sub.doc.paragraphs if p.text.strip()]
    keys = {k for line in paras[:2] + paras[-6:] for k in branches.named_in(line)}
    return next(iter(keys)) if len(keys) == 1 else None


@rule("TW711", "register", "error", "总结或会议记录所述推荐人数与该支部的登记表、汇总表不符", scope="round")
def stated_against_forms(rnd: Round, config: Config) -> Iterator[Hit]:
    """A branch's summary or minutes that states how many people it
    recommended (``共推荐4名``, or the chosen names it lists) when the round's
    forms of that branch, and the tally's rows for it, number otherwise.

    Why: the summary is written from the meeting; if it says 4 where the
    forms and the tally both say 3, the summary is what is wrong (when the
    forms and the tally disagree, TW701/TW702 say which). An error when the
    forms and the tally agree, a warning when only one of them is in the
    round or the branch's name may mean two branches. A form and its PDF
    count once. Each number the document states is compared (a summary may
    state the total in one place and list the names in another); a sentence
    that contradicts itself is TW201's.
    """
    branches = round_branches(rnd)
    forms = _forms_by_branch(rnd)
    rows: dict[str, set[str]] = defaultdict(set)
    for _, rec in tally_records(rnd):
        rows[branches.key(rec.values.get("团支部"))].add(name_key(rec.values.get("姓名")))
    for sub in rnd.submissions:
        if sub.extraction.kind not in ("summary", "minutes") or not (key := _own_branch(sub, branches)):
            continue
        counts = {what: n for what, n in (("登记表", len(forms.get(key, ()))), ("汇总表", len(rows.get(key, ()))))
                  if n}
        if not counts:
            continue
        stated = recommended(sub)
        sure = len(counts) == 2 and len(set(counts.values())) == 1 and not branches.ambiguous(key)
        said = "、".join(f"{what}{n}份" if what == "登记表" else f"{what}中{n}人" for what, n in counts.items())
        for n in dict.fromkeys(x.n for x in stated):
            if n in counts.values():
                continue  # agrees with the forms or the tally; their difference is TW701/TW702's
            first = next(x for x in stated if x.n == n)
            yield Hit(f"文中写明推荐{n}人，而本轮收到的{branches.shown(key)}{said}", first.unit.location,
                      excerpt(first.unit.text, first.start, first.end), None if sure else "warning", sub.path)
