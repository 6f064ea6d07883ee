"""Cross-document checks (TW700–TW749): the tally, the hand-out log and the
forms against each other. Round rules: people are matched through indexes
(:mod:`toolkit.check.people`), never by comparing all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from ...cn.outline import closing
from ...kinds import STATED_COUNT, scope_names
from ...model import Location, Record
from ..blame import impossible, minutes_facts, wrong_sides
from ..branches import Branches
from ...config import Config
from ..engine import Hit, Round, Submission, rule
from ..people import (Entry, KeyFunc, differences, fact, form_people, form_records, id_key, log_records, match, name_key,
                      round_branches, tally_records)
from ..text import excerpt, record_excerpt, to_int, where
from ...cn.names import split_name
from .count import recommended

_COMPARED = ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")


def _name(rec: Record) -> str:
    return str(rec.values.get("姓名") or "（无姓名）")


def _file(path: str) -> str:
    """Another file named in a message: the path as given (two branches' folders often hold files of one name)."""
    return path.replace("\\", "/")


def _who(rec: Record, branch: KeyFunc) -> tuple[str, ...]:
    """The keys a tally row names its person by: the ID number, and the branch with the name."""
    b, n = branch(rec.values.get("团支部")), name_key(rec.values.get("姓名"))
    return tuple(k for k in (id_key(rec.values.get("身份证号")), f"{b}\t{n}" if b and n else "") if k)


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


def _by_branch(entries: list[Entry], branches: Branches) -> dict[str, list[Entry]]:
    """The entries of each branch key: built once, so a round's missing rows cost one look-up
    each, not a scan of every tally (a province's round has thousands)."""
    out: dict[str, list[Entry]] = defaultdict(list)
    for e in entries:
        out[branches.key(e[1].values.get("团支部"))].append(e)
    return out


@rule("TW701", "register", "error", "登记表在汇总表中没有对应行", scope="round")
def form_without_row(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：登记表中的候选人在汇总表中没有对应行。只在本轮有汇总表时检查。
    匹配依次按身份证号、团支部加姓名、同一支部中只差一个字的姓名。
    原因：汇总表是团委上报的依据，有登记表而没有行的候选人会被漏掉。
    汇总表是根据登记表汇总的，所以问题记在汇总表上（要改的不是登记表）。
    示例：有“登记表_化工2201_王子涵.docx”，汇总表.xlsx 中却没有王子涵。
    依据：domain.md（种子材料000描述的汇总、登记对不上）；通用事理。
    """
    rows = tally_records(rnd)
    if not rows:
        return
    branches = round_branches(rnd)
    by_branch = _by_branch(rows, branches)
    for path, rec in match(_forms(rnd), rows, branches).lone_left:
        if (severity := _person_severity(rec)) == "skip":
            continue
        branch = rec.values.get("团支部") or ""
        unsure = branches.ambiguous(branch)
        # the branch's own rows, else all (the tally is still the file to fix)
        yield from _table_hit(by_branch.get(branches.key(branch)) or rows,
                              f"汇总表中缺少{branch}{_name(rec)}（已收到其登记表“{_file(path)}”）"
                              + ("；该支部名称可能指多个团支部，请核对" if unsure else ""),
                              record_excerpt(rec, ("团支部",)), "warning" if unsure else severity)


@rule("TW702", "register", "error", "汇总表中的行没有对应的登记表", scope="round")
def row_without_form(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：汇总表中的行在本轮材料中没有对应的登记表。只在本轮有登记表时检查，问题记在汇总表上。
    原因：列入汇总表却没有登记表的候选人，没有团支部大会表决的记录。
    示例：汇总表有“李明轩”一行，本轮没有李明轩的登记表。
    依据：domain.md（种子材料000）；通用事理。
    """
    forms = _forms(rnd)
    if not forms:
        return
    branches = round_branches(rnd)
    branch = branches.key
    matching = match(tally_records(rnd), forms, branches)
    # The same tally sent twice (its .xlsx and its PDF, or a resent copy): a row whose person another
    # tally file already matched is that person's row again, not a candidate without a form.
    matched: dict[str, set[str]] = defaultdict(set)
    for row, _ in matching.pairs:
        for who in _who(row[1], branch):
            matched[who].add(row[0])
    for entry in matching.lone_left:
        if any(matched.get(who, set()) - {entry[0]} for who in _who(entry[1], branch)):
            continue
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
    """检查：登记表与其汇总表行的姓名、团支部、应到、实到或票数不一致。
    问题记在证据指向的那份：自身数字不可能的那份，否则是同次大会其他登记表和该支部会议记录
    与之矛盾的那份；没有这类证据时记在汇总表上（汇总表据登记表汇总）。证据相当时两份都报。
    姓名在按身份证号或同支部只差一字的姓名匹配后比较；团支部名称按本轮的支部归并比较
    （会计2302团支部就是经济管理学院会计2302团支部）。
    原因：两者之一录错了。
    示例：登记表赞成28票，汇总表该行赞成26票。
    依据：domain.md（种子材料000）；通用事理。
    """
    rows = tally_records(rnd)
    if not rows:
        return
    branches = round_branches(rnd)
    meetings, minutes = _peers(rnd), minutes_facts(rnd)
    settled = [p.form for p in form_people(rnd) if not p.conflicting(branches)]  # else TW709
    for form, row in match(settled, rows, branches).pairs:
        fv, rv = form[1].values, row[1].values
        branch = branches.key(fv.get("团支部") or rv.get("团支部"))
        peers = [e for e in meetings.get((branches.key(fv.get("团支部")), str(fv.get("表决日期") or "")), ())
                 if e is not form]
        blamed: dict[str, list[str]] = {"form": [], "row": []}
        diffs: list[str] = []
        undecided: list[str] = []  # figures only the form-is-the-source default decides
        for key in differences(form[1], row[1], branches):
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
    """检查：分表领取登记中某行的上交份数多于领取份数。问题记在登记簿上。
    原因：一个支部交回的表不可能多于领到的空白表，登记有误（种子材料000正描述了这种情况）。
    示例：领取3份，上交4份。
    依据：domain.md（种子材料000）；通用事理。
    """
    for entry in log_records(rnd):
        taken, given = to_int(entry[1].values.get("领取份数")), to_int(entry[1].values.get("上交份数"))
        if taken is not None and given is not None and given > taken:
            yield _hit(entry, f"{entry[1].values.get('团支部')}上交{given}份，多于领取的{taken}份", "上交份数")


@rule("TW705", "register", "error", "登记的上交份数与实际收到的登记表数不符", scope="round")
def log_vs_forms(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：登记簿上某支部的上交份数，与本轮该支部的登记表份数不符。
    同一份表的 .docx 和它的 PDF 算一份。问题记在登记簿的该行（要核对的数字在那里）。
    只在本轮有登记表时检查；支部名称可能指两个支部时报警告。
    原因：登记簿说交了N份，实到M份（M≠N），说明少了一份表或登记有误。
    示例：登记簿写化工2201团支部上交3份，本轮只有该支部的2份登记表。
    依据：domain.md（种子材料000）；通用事理。
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
    """检查：本轮有某团支部的登记表，分表领取登记中却没有这个支部。只在本轮有登记簿时检查。
    团支部名称按本轮的支部归并比较；登记表上的支部名可能指两个支部时报警告。
    原因：交上来的表都应先领出去，登记簿没有记这个支部，说明登记不全。
    登记簿是团委自己的记录，所以问题记在登记簿上，并列出这些登记表。
    示例：收到生物2201团支部的登记表，领取登记中没有生物2201团支部。
    依据：domain.md（种子材料000）；通用事理。
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
    """检查：同一次团支部大会（同一支部、同一表决日期）的几份登记表，应到、实到人数不一致。
    问题记在证据指向的那份：自身数字不可能的（实到多于应到、票数多于到会人数），否则是少数的一方
    （该支部的会议记录也算一票）；证据相当时每份都报。同一份表和它的 PDF 算一份。
    原因：同一次大会的所有候选人是同一批成员表决的，到会人数不同说明有一份录错了。
    示例：同日表决的三份登记表，两份写实到28人，一份写实到26人。
    依据：domain.md；通用事理。
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
    """检查：同一人出现在两个团支部的登记表上，或同一份表交了两次。
    身份证号相同报错误，只有姓名相同报警告（可能同名）。同一份表的 .docx 和 PDF、或重复发送的相同内容
    算一份，只在多出的那份上给一条提示（info），各处都只计一次。内容不同的两份归 TW709。
    原因：两个支部都推荐同一人，会被重复计数。
    示例：王子涵（身份证号相同）出现在化工2201和化工2202两个团支部的登记表上。
    依据：domain.md；通用事理。
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
            if not differences(first[1], copy[1], branches):
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
    """检查：同一候选人（身份证号相同，或同一支部同名）的两份登记表内容不同：先交了一份又交了更正的，
    或者 PDF 是由另一个版本生成的。
    问题记在证据指向的那份：与汇总表行、该支部会议记录或自身数字矛盾的那份；无从判断时每份都报。
    原因：只有一份是团支部大会的真实决定。
    示例：王子涵的两份登记表，一份赞成28票，一份赞成26票。
    依据：domain.md；通用事理。
    """
    branches = round_branches(rnd)
    rows = tally_records(rnd)
    minutes = minutes_facts(rnd)
    for person in form_people(rnd):
        if len(person.forms) < 2 or len({branches.key(e[1].values.get("团支部")) for e in person.forms}) > 1:
            continue
        keys = [k for k in dict.fromkeys(k for c in person.forms[1:] for k in differences(person.form[1], c[1],
                                                                                             branches))]
        if not keys:
            continue
        row = next(iter(match([person.form], rows, branches).pairs), (None, (None, None)))[1][1]
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
    """检查：本轮其他材料使某个团支部名称有了歧义：本轮既有“财政局机关团支部”又有“卫健局机关团支部”，
    某份材料只写“机关团支部”。每份用了简称的材料报一次。
    原因：登记表、汇总表、登记簿、会议记录和总结之间按本轮的支部归并（取各材料共有的最短写法对应的全称）
    匹配支部；一个简称对得上两个全称时，无法判断是哪个支部，只提请核实，不说它错。
    示例：汇总表写“机关团支部”，本轮有两个机关团支部。
    依据：通用事理（没有国家标准条款）。
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
    heads = [p.text for p in sub.doc.paragraphs if p.text.strip()][:2]
    keys = {k for line in heads + [p.text for p in closing(sub.doc.paragraphs)] for k in branches.named_in(line)}
    return next(iter(keys)) if len(keys) == 1 else None


@rule("TW711", "register", "error", "总结或会议记录所述推荐人数与该支部的登记表、汇总表不符", scope="round")
def stated_against_forms(rnd: Round, config: Config) -> Iterator[Hit]:
    """检查：某支部的总结或会议记录所述推荐人数（“共推荐4名”，或列出的当选人），与本轮该支部的登记表、
    汇总表中的行数不符。
    登记表和汇总表一致时报错误；只有其中之一、或支部名称可能指两个支部时报警告。
    同一份表和它的 PDF 算一份。文中每个推荐人数都比较（总数和名单可能在不同地方）；
    同一句话自相矛盾的归 TW201。
    原因：总结是据会议写的，登记表和汇总表都是3人而总结写4人，错的是总结
    （登记表和汇总表不一致时，由 TW701/TW702 判断）。
    示例：总结写“共推荐4名”，该支部只有3份登记表，汇总表也只有3行。
    依据：domain.md；通用事理。
    """
    branches = round_branches(rnd)
    forms = _forms_by_branch(rnd)
    rows: dict[str, set[str]] = defaultdict(set)
    for _, rec in tally_records(rnd):
        rows[branches.key(rec.values.get("团支部"))].add(name_key(rec.values.get("姓名")))
    for sub in rnd.submissions:
        if sub.extraction.kind not in scope_names(STATED_COUNT) or not (key := _own_branch(sub, branches)):
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
