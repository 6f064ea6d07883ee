"""The 团支部大会 vote (TW300–TW349): ballots, attendance, quorum, majority.

Checked on every record that carries vote figures (registration forms, tally
rows) and, for minutes and summaries without such records, on the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from ...kinds import MINUTES, TEXT_VOTES, scope_names
from ...model import Location, Record
from ...config import Config, share_words
from ..engine import Hit, Submission, rule
from ..text import excerpt, prose_units, record_excerpt, to_int, who, where

_KEYS = ("应到人数", "实到人数", "赞成票", "反对票", "弃权票")
_FAILED = ("未通过", "未获通过", "没有通过", "不予推荐", "未能通过")


@dataclass(slots=True)
class Vote:
    """One candidate's vote, from a record or a sentence."""

    total: int | None  # 应到
    present: int | None  # 实到
    yes: int | None
    no: int | None
    abstain: int | None
    location: Location
    excerpt: str
    label: str  # "王子涵：" or ""
    may_fail: bool  # minutes may record a candidate who was not passed
    # Where 应到/实到 are stated (minutes state them once, above the vote lines).
    attendance_at: Location
    attendance_excerpt: str

    @property
    def ballots(self) -> int | None:
        if self.yes is None or self.no is None or self.abstain is None:
            return None
        return self.yes + self.no + self.abstain


def _from_record(rec: Record) -> Vote:
    v = {k: to_int(rec.values.get(k)) for k in _KEYS}
    return Vote(v["应到人数"], v["实到人数"], v["赞成票"], v["反对票"], v["弃权票"],
                where(rec, "赞成票", "实到人数", "应到人数"), record_excerpt(rec, _KEYS), who(rec), False,
                where(rec, "实到人数", "应到人数"), record_excerpt(rec, _KEYS[:2]))


def votes(sub: Submission) -> list[Vote]:
    """Every vote in a submission: records first; text only when no record has one. Read once
    per submission: the five vote rules and the round's blame all ask."""
    if "votes" not in sub.memo:
        sub.memo["votes"] = list(_votes(sub))
    return sub.memo["votes"]


def _votes(sub: Submission) -> Iterator[Vote]:
    recs = [r for r in sub.extraction.records if any(r.values.get(k) not in (None, "") for k in _KEYS[2:])]
    if recs:
        yield from (_from_record(r) for r in recs)
        return
    if sub.extraction.kind not in scope_names(TEXT_VOTES):
        return
    from ...extract.vote import parse_vote

    # Minutes laid out as a table state 应到/实到 in label cells (extracted as fields).
    fields = sub.extraction.fields
    total, present = to_int(fields.get("应到人数")), to_int(fields.get("实到人数"))
    at, said = _attendance_cell(sub), "；".join(f"{k}：{fields[k]}" for k in _KEYS[:2] if fields.get(k) is not None)
    for u in prose_units(sub.doc):
        found = parse_vote(u.text)
        if "实到人数" in found or ("应到人数" in found and present is None):
            at, said = u.location, excerpt(u.text)
        total = found.get("应到人数", total)
        present = found.get("实到人数", present)
        if "赞成票" in found and ("反对票" in found or "弃权票" in found):
            yield Vote(total, present, found["赞成票"], found.get("反对票", 0), found.get("弃权票", 0), u.location,
                       excerpt(u.text), "", any(w in u.text for w in _FAILED) or sub.extraction.kind != MINUTES,
                       at, said)
    if sub.extraction.kind == MINUTES:
        yield from _vote_table(sub, total, present, at, said)


def _vote_table(sub: Submission, total: int | None, present: int | None, at: Location, said: str) -> Iterator[Vote]:
    """Minutes that record the vote as a table (候选人 | 赞成 | 反对 | 弃权 …): one vote
    per row, 应到/实到 from the row or else from the meeting; a row that says the
    candidate was not passed (未通过) may fall short of the majority."""
    from ...extract.tables import table_rows

    tables = {t.index: t for t in sub.doc.tables}
    rows, _ = table_rows(sorted(sub.doc.tables, key=lambda t: (t.position, t.index)))
    for rec in rows:
        if rec.values.get("赞成票") is None:
            continue
        v = _from_record(rec)
        if v.present is None and v.total is None:
            v.total, v.present, v.attendance_at, v.attendance_excerpt = total, present, at, said
        loc = rec.location or Location()
        row = [c.text for c in tables[loc.table].cells if c.row == loc.row] if loc.table in tables else []
        v.may_fail = any(w in text for text in row for w in _FAILED)
        yield v


def _attendance_cell(sub: Submission) -> Location:
    """The table cell labelled 实到人数 (or 应到人数), where a table states attendance."""
    from ...extract.labels import canonical

    for key in ("实到人数", "应到人数"):
        for t in sub.doc.tables:
            for c in t.cells:
                if canonical(c.text) == key:
                    return Location(page=t.page, table=t.index, row=c.row, col=c.col)
    return Location()


def _ballot_text(v: Vote) -> str:
    return f"赞成票{v.yes}、反对票{v.no}、弃权票{v.abstain}合计{v.ballots}票"


@rule("TW301", "vote", "error", "赞成、反对、弃权票数之和多于实到人数")
def too_many_ballots(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：赞成、反对、弃权票数之和多于实到人数。
    原因：每位到会成员至多投一票，票数多于到会人数说明数字录错或表决不规范。
    示例：实到30人，赞成27、反对2、弃权3。
    依据：《中国共产主义青年团章程》规定的表决程序；赞成+反对+弃权 ≤ 实到（见 domain.md）。
    """
    for v in votes(sub):
        if v.ballots is not None and v.present is not None and v.ballots > v.present:
            yield Hit(f"{v.label}{_ballot_text(v)}，多于实到人数{v.present}人", v.location, v.excerpt)


@rule("TW302", "vote", "warning", "赞成、反对、弃权票数之和少于实到人数")
def too_few_ballots(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：赞成、反对、弃权票数之和少于实到人数。
    原因：通常是数字录错；也可能正当（废票、有人未投票），所以报警告，提示补充说明。
    示例：实到30人，赞成25、反对1、弃权1。
    依据：《中国共产主义青年团章程》规定的表决程序；赞成+反对+弃权（+废票）= 实到。
    """
    for v in votes(sub):
        if v.ballots is not None and v.present is not None and v.ballots < v.present:
            yield Hit(f"{v.label}{_ballot_text(v)}，少于实到人数{v.present}人；如有废票或未投票，请在备注中说明",
                      v.location, v.excerpt)


@rule("TW303", "vote", "error", "实到人数多于应到人数")
def present_over_total(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：实到人数多于应到人数。
    原因：到会人数不可能多于有表决权的应到人数，两个数字必有一个写错。
    在会议记录中只在写应到、实到的那一处报一次。
    示例：应到28人，实到30人。
    依据：通用事理；实到 ≤ 应到（见 domain.md）。
    """
    seen: set[tuple] = set()
    for v in votes(sub):
        if v.total is not None and v.present is not None and v.present > v.total:
            key = (v.label, v.total, v.present, v.attendance_at)
            if key not in seen:
                seen.add(key)
                yield Hit(f"{v.label}实到人数{v.present}人多于应到人数{v.total}人", v.attendance_at, v.attendance_excerpt)


@rule("TW304", "vote", "error", "到会人数不足法定人数")
def quorum(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：到会人数不足法定人数。
    在写应到、实到的那一处报一次。
    原因：团支部大会须有半数以上有表决权的团员到会，决定才有效。
    示例：应到30人，实到15人。
    依据：《中国共产主义青年团章程》；《共青团推优入党工作实施办法》（中青发〔2019〕9号）。
    阈值：配置项 [vote] quorum_share（默认 0.5，须严格多于应到人数的这一比例）。
    """
    settings = config.vote
    seen: set[tuple] = set()
    for v in votes(sub):
        if v.total and v.present is not None and not settings.quorate(v.total, v.present):
            key = (v.label, v.total, v.present, v.attendance_at)
            if key not in seen:
                seen.add(key)
                yield Hit(f"{v.label}实到人数{v.present}人未超过应到人数{v.total}人的{share_words(settings.quorum_share)}，会议不足法定人数",
                          v.attendance_at, v.attendance_excerpt)


@rule("TW305", "vote", "error", "赞成票未超过规定基数的半数")
def majority(sub: Submission, config: Config) -> Iterator[Hit]:
    """检查：赞成票未超过规定基数（默认应到人数）的半数。
    会议记录写明候选人“未通过”的不报。
    原因：推优时，候选人须获得应到会有表决权团员半数以上的赞成票，而不是到会人数的半数；
    未达到的登记表或汇总表行记录的是无效的推荐。
    示例：应到30人，赞成15票（须至少16票）。
    依据：《共青团推优入党工作实施办法》（中青发〔2019〕9号）。阈值：配置项 [vote] majority_base
    （应到或实到，默认应到）和 majority_share（默认 0.5）。
    """
    settings = config.vote
    for v in votes(sub):
        if v.may_fail or v.yes is None or settings.passes(v.yes, v.total, v.present) is not False:
            continue
        base = settings.base(v.total, v.present)
        yield Hit(f"{v.label}赞成票{v.yes}票未超过{settings.majority_base}人数{base}人的{share_words(settings.majority_share)}，"
                  "未达到通过要求", v.location, v.excerpt)
