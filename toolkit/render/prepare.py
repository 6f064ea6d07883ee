"""The Jinja context of a record: its values plus the values the tool computes.

Figures a template prints are computed here, never typed by the user: totals
of tallies and logs, percentages, the age at the meeting date, the 发文字号,
heading ordinals. Built-in templates read computed values only from here, so
the plain docxtpl loop (``DocxTemplate(path).render(prepare_context(...))``)
renders them exactly as the generator does.
"""

from __future__ import annotations

import math
import re
from typing import Any, Callable, Iterable

from toolkit.cn import gbt9704, outline, progress, scoring
from toolkit.cn.dates import parse_date
from toolkit.cn.league import GRADES, grade
from toolkit.cn.scoring import to_score
from toolkit.cn.text import display_width
from toolkit.config import Config, share_words
from toolkit.render.breaks import balanced_lines
from toolkit.render.engine import MARK_OPEN
from toolkit.render.filters import age_at, cn_date, cn_join, cn_ordinal, doc_number, pad_name, percent
from toolkit.render.page import form_title_chars

Context = dict[str, Any]


def _get(obj: Any, key: str, default: Any = None) -> Any:
    """Read a schema attribute from the generator's ``Field`` object or a YAML dict."""
    if isinstance(obj, dict):
        return obj.get(key, default)
    return getattr(obj, key, default)


def _fields(schema: Any) -> list[Any]:
    if schema is None:
        return []
    return list(getattr(schema, "fields", None) or schema["fields"] or [])


def _num(value: Any) -> int | None:
    """An int value, or None for blanks and draft markers (never counted)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _total(rows: Iterable[dict], key: str) -> int:
    return sum(n for n in (_num(r.get(key)) for r in rows) if n is not None)


def _complete(values: dict, fields: list[Any]) -> dict:
    """Blank defaults for absent fields and ``X_cn`` beside every date ``X``."""
    out = dict(values)
    for f in fields:
        name, ftype = _get(f, "name"), _get(f, "type", "text")
        if name not in out:
            out[name] = [] if ftype in ("list", "table") else ""
        value = out[name]
        if ftype == "date":  # a date marked by --draft stays as it is, mark and all
            out[f"{name}_cn"] = value if MARK_OPEN in str(value) else cn_date(value)
        elif ftype == "list" and isinstance(value, str):
            out[name] = [value] if value else []  # a --draft marker stands for the whole list
        elif ftype == "table":
            columns = _get(f, "columns") or []
            if isinstance(value, str):  # a --draft marker: show it in the first column of one row
                value = [{_get(columns[0], "name"): value}] if value and columns else []
            out[name] = [_complete(r, columns) for r in value if isinstance(r, dict)]
    return out


# --- outlines: 一、 （一） 1. （1） ------------------------------------------

_SUB_MARK = re.compile(r"^[-－]+")
_TRAILING_STOP = "。；;.，,"


def split_title(text: str) -> tuple[str, str]:
    """``加强领导。团委成立……`` → (``加强领导。``, ``团委成立……``): a run-in heading
    and its body, so the heading can take its own font (GB/T 9704-2012 7.3.3)."""
    head, stop, rest = text.partition("。")
    return (head + stop, rest) if stop and rest.strip() else (text, "")


def outline_points(items: Iterable[Any]) -> list[dict]:
    """Sub-points under a level-1 heading, numbered （一） / 1. / （1）.

    An item starting with ``-`` is one level deeper (1.), with ``--`` two
    levels deeper (（1）); numbering restarts under each parent.
    """
    points, counters = [], [0, 0, 0]
    for raw in items:
        text = str(raw).strip()
        mark = _SUB_MARK.match(text)
        depth = min(len(mark.group()), 2) if mark else 0
        text = text[mark.end():].strip() if mark else text
        counters[depth] += 1
        counters[depth + 1:] = [0] * (2 - depth)
        n = counters[depth]
        number = outline.number(depth + 2, n)
        title, body = split_title(text)
        if not body:  # a point of one sentence is a heading line: no full stop after it (TW555)
            title = title.rstrip(_TRAILING_STOP)
        points.append({"level": depth + 2, "number": number, "title": title, "body": body, "text": text})
    return points


def outline_section(index: int, heading: Any, paragraphs: Any = (), points: Any = ()) -> dict:
    return {
        "ordinal": cn_ordinal(index),
        "heading": str(heading).strip().rstrip(_TRAILING_STOP),
        "paragraphs": list(paragraphs or []),
        "points": outline_points(points or []),
    }


# --- per-template computations ---------------------------------------------

_TEXT_WIDTH_PT = (gbt9704.PAGE_MM[0] - gbt9704.MARGINS_MM["left"] - gbt9704.MARGINS_MM["right"]) / 25.4 * 72
# Full-width characters of the 标题 (二号, 22 pt) on one line of the 版心 (156 mm).
_TITLE_CHARS = int(_TEXT_WIDTH_PT / gbt9704.TITLE_PT)


# Full-width characters of a 版记 line (四号) between its one-character indents, one fewer for the
# cell margins and for punctuation that may not start a line (7.4.2); a 抄送 line that runs over
# continues under the first name after "抄送：".
_IMPRINT_CHARS = int(_TEXT_WIDTH_PT / gbt9704.IMPRINT_PT) - 3
_CC_HANG = 3


def imprint_lines(cc_line: str) -> int:
    """Lines of text of the 版记: the 抄送 line as it wraps, and the 印发 line (7.4). The template
    sizes the 版记's box at the foot of the last page from it."""
    width = display_width(cc_line) / 2
    rest = max(0.0, width - _IMPRINT_CHARS)
    return 1 + (1 + math.ceil(rest / (_IMPRINT_CHARS - _CC_HANG)) if cc_line else 0)


def _title_lines(ctx: Context, chars: int = _TITLE_CHARS) -> None:
    """The title in balanced lines broken between words (GB/T 9704-2012 7.3.2), ``chars`` a line."""
    ctx["title_lines"] = balanced_lines(str(ctx.get("title") or ""), chars) or [""]


def _notice(ctx: Context, config: Config) -> None:
    _title_lines(ctx)
    year = ctx.get("year") or (ctx.get("date") or "")[:4]
    ctx["doc_number"] = doc_number(ctx.get("agency_code", ""), year, ctx.get("number", ""))
    ctx["mark"] = ctx.get("mark") or f"{ctx.get('issuer', '')}文件"
    ctx["signer"] = ctx.get("signer") or ctx.get("issuer", "")
    recipients = str(ctx.get("recipients", "")).strip().rstrip(":：")
    ctx["recipients_line"] = f"{recipients}：" if recipients else ""
    ctx["outline"] = [outline_section(i, s.get("heading", ""), s.get("paragraphs"), s.get("points"))
                      for i, s in enumerate(ctx.get("sections") or [], 1)]
    names = [str(a).strip().rstrip(_TRAILING_STOP) for a in ctx.get("attachments") or []]
    # 附件说明 (7.3.4): numbered only when there are several; later lines align under the first name.
    ctx["attachment_lines"] = [
        {"lead": "附件：" if i == 1 else "\u3000" * 3, "text": f"{i}.{n}" if len(names) > 1 else n}
        for i, n in enumerate(names, 1)
    ]
    cc = ctx.get("cc") or []
    ctx["cc_line"] = f"抄送：{'，'.join(cc)}。" if cc else ""
    ctx["imprint_lines"] = imprint_lines(ctx["cc_line"])
    ctx["print_date_line"] = f"{ctx.get('print_date_cn') or ctx.get('date_cn', '')}印发"
    ctx["printer"] = ctx.get("printer") or ctx.get("issuer", "")


_SUMMARY_PARTS = (
    ("basics", "基本情况", True),
    ("practices", "主要做法", False),
    ("results", "取得成效", False),
    ("shortcomings", "存在不足", False),
    ("plans", "下一步打算", False),
)


def _summary(ctx: Context, config: Config) -> None:
    _title_lines(ctx)
    # Empty parts are left out, so the ordinals of the rest stay consecutive.
    present = [(key, heading, plain) for key, heading, plain in _SUMMARY_PARTS if ctx.get(key)]
    ctx["outline"] = [
        outline_section(i, heading, ctx[key] if plain else (), () if plain else ctx[key])
        for i, (key, heading, plain) in enumerate(present, 1)
    ]


def _bulletin(ctx: Context, config: Config) -> None:
    issue = ctx.get("issue")
    ctx["issue_label"] = f"第{issue}期" if issue not in (None, "") else ""
    ctx["distribution"] = [
        {"label": label, "text": "，".join(ctx.get(key) or [])}
        for key, label in (("report_to", "报"), ("send_to", "送"), ("issue_to", "发"))
        if ctx.get(key)
    ]
    copies = _num(ctx.get("copies"))
    ctx["copies_line"] = f"（共印{copies}份）" if copies else ""


def vote_sentence(expected: Any, present: Any, votes_for: Any, against: Any, abstain: Any) -> str:
    """``应到会32人，实到会30人，赞成27票，反对2票，弃权1票``."""
    return f"应到会{expected}人，实到会{present}人，赞成{votes_for}票，反对{against}票，弃权{abstain}票"


# A date written to the day (an Excel date cell) in a column printed as 出生年月/入团时间: the month,
# as the column asks, and short enough that the narrow cell never wraps it (2004年5月6日 did).
_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")


def _month_cn(value: Any, shown: str) -> str:
    """``2004-05-06`` (or a date) → ``2004年5月``; anything else as already shown."""
    m = _YEAR_MONTH.match(str(value or ""))
    return cn_date(m.group()) if m else shown


def _form(ctx: Context, config: Config) -> None:
    for key in ("birth", "join_date", "apply_date"):  # printed under 出生年月, 入团时间, 入党申请时间
        ctx[f"{key}_cn"] = _month_cn(ctx.get(key), ctx.get(f"{key}_cn", ""))
    # Unknown dates (a --draft form) leave the figure blank rather than print "None".
    age = age_at(ctx.get("birth"), ctx.get("vote_date"))
    league_years = age_at(ctx.get("join_date"), ctx.get("vote_date"))
    ctx["age"] = "" if age is None else age
    ctx["league_years"] = "" if league_years is None else league_years
    ctx["vote_sentence"] = vote_sentence(*(ctx.get(k, "") for k in
                                           ("expected", "present", "votes_for", "votes_against", "votes_abstain")))
    ctx["vote_rate"] = percent(ctx.get("votes_for"), ctx.get("expected"))
    ctx["sign_date_cn"] = ctx.get("sign_date_cn") or ctx.get("vote_date_cn", "")
    ctx["performance_lines"] = [s.strip() for s in str(ctx.get("performance", "")).splitlines() if s.strip()]


def _numbered(rows: list) -> list[dict]:
    return [dict(r, index=i) for i, r in enumerate(rows, 1)]


def _tally(ctx: Context, config: Config) -> None:
    rows = _numbered(ctx.get("candidates") or [])
    for r in rows:
        r["name_padded"] = pad_name(r.get("name"))
        r["birth_cn"] = _month_cn(r.get("birth"), r.get("birth_cn", ""))  # the 出生年月 column
    ctx["candidates"] = rows
    ctx["total"] = {
        "count": len(rows),
        "branches": len({r.get("branch") for r in rows if r.get("branch")}),
        **{k: _total(rows, k) for k in ("votes_for", "votes_against", "votes_abstain")},
    }


def _handout(ctx: Context, config: Config) -> None:
    rows = _numbered(ctx.get("rows") or [])
    ctx["rows"] = rows
    ctx["total"] = {"count": len(rows), "received": _total(rows, "received"), "returned": _total(rows, "returned")}


def _minutes(ctx: Context, config: Config) -> None:
    # Quorum and majority as the check's TW304/TW305 count them: the same [vote] settings.
    vote = config.vote
    expected, present = _num(ctx.get("expected")), _num(ctx.get("present"))
    ctx["attendance"] = percent(present, expected)
    quorum = None if expected is None or present is None else vote.quorate(expected, present)
    of_quorum = f"应到人数的{share_words(vote.quorum_share)}"
    ctx["quorum_text"] = {True: f"到会人数超过{of_quorum}，会议有效",
                          False: f"到会人数未超过{of_quorum}，会议无效", None: ""}[quorum]
    ctx["absentees_text"] = cn_join(ctx.get("absentees") or []) or "无"
    ctx["agenda_lines"] = [f"{i}.{a}" for i, a in enumerate(ctx.get("agenda") or [], 1)]
    rows = _numbered(ctx.get("candidates") or [])
    for r in rows:
        votes_for = _num(r.get("votes_for"))
        passed = None if votes_for is None else vote.passes(votes_for, expected, present)
        r["name_padded"] = pad_name(r.get("name"))
        r["rate"] = percent(r.get("votes_for"), expected)  # the column says 赞成票占应到人数
        r["passed"] = {True: "通过", False: "未通过", None: ""}[passed]
    ctx["candidates"] = rows
    winners = [str(r.get("name")) for r in rows if r["passed"] == "通过"]
    losers = [str(r.get("name")) for r in rows if r["passed"] == "未通过"]
    of_majority = f"{vote.majority_base}会团员人数的{share_words(vote.majority_share)}"
    outcome = []
    if winners:
        outcome.append(f"{cn_join(winners)}获得的赞成票超过{of_majority}，同意推荐为入党积极分子人选")
    if losers:
        outcome.append(f"{cn_join(losers)}获得的赞成票未超过{of_majority}，本次不予推荐")
    ctx["outcome"] = "；".join(outcome) + ("。" if outcome else "")
    ctx["passed_count"] = len(winners)


def _roster(ctx: Context, config: Config) -> None:
    ctx["members"] = _numbered(ctx.get("members") or [])


def _review(ctx: Context, config: Config) -> None:
    """Counts per grade and the share of 优秀 among those graded, never typed by hand."""
    _title_lines(ctx, form_title_chars())  # a portrait page: a long title takes two lines
    rows = _numbered(ctx.get("members") or [])
    for r in rows:
        r["grade_shown"] = r.get("grade") or "不评定等次"
    ctx["members"] = rows
    counts = {g: sum(1 for r in rows if grade(r.get("grade")) == g) for g in GRADES}
    graded = sum(counts.values())
    ungraded = len(rows) - graded
    parts = [f"{g}{n}人" + (f"（占{percent(n, graded)}）" if g == "优秀" and graded else "") for g, n in counts.items()]
    ctx["counts"] = counts
    ctx["statistics"] = (f"本次参加评议{graded}人，其中{'，'.join(parts)}。"
                         + (f"另有{ungraded}人为保留团籍的党员，不评定等次。" if ungraded else ""))


def _steps(ctx: Context, config: Config) -> None:
    """Each step's evidence line, empty for a step not reached yet (``考试成绩：分`` would look filled in)."""
    for key, label, unit in (("exam_score", "考试成绩", "分"), ("review_grade", "评议等次", ""),
                             ("training_hours", "培训学时", "学时"), ("lecture_title", "团课题目", "")):
        value = ctx.get(key)
        ctx[f"{key}_line"] = f"{label}：{value}{unit}" if value not in (None, "") else ""


def _hours(ctx: Context, config: Config) -> None:
    rows = _numbered(ctx.get("rows") or [])
    ctx["rows"] = rows
    total = sum(h for r in rows if isinstance(h := r.get("hours"), (int, float)) and not isinstance(h, bool))
    ctx["total"] = {"count": len(rows), "hours": int(total) if float(total).is_integer() else round(total, 2)}


QUARTER_FIELDS = ("q1", "q2", "q3", "q4")


def _points(ctx: Context, config: Config) -> None:
    """Annual points = the quarters + 加分; grade from ``[points]`` bands (the 负面清单
    rules out the top one); rank by points, ties sharing a rank (1, 1, 3)."""
    full = to_score(ctx.get("full_marks")) or config.points.full_marks
    bands = scoring.parse_bands(config.points.bands)
    rows = _numbered(ctx.get("members") or [])
    for r in rows:
        quarters = [to_score(r.get(q)) for q in QUARTER_FIELDS]
        total = None if None in quarters else sum(quarters) + (to_score(r.get("extra")) or 0)  # type: ignore[arg-type]
        grade = "" if total is None else scoring.band_of(total, full, bands) or ""
        if grade == bands[0].name and scoring.negative_hit(r.get("negative")):
            grade = bands[1].name
        r.update(name_padded=pad_name(r.get("name")), points=total, grade=grade,
                 total="" if total is None else scoring.shown(total), negative_text=r.get("negative") or "无",
                 extra_text=scoring.shown(to_score(r.get("extra")) or 0))
    totals = [r["points"] for r in rows if r["points"] is not None]
    for r in rows:
        r["rank"] = "" if r["points"] is None else 1 + sum(1 for t in totals if t > r["points"])
    ctx["members"] = rows
    ctx["full_marks_text"] = scoring.shown(full)
    ctx["extra_cap_text"] = scoring.shown(full * config.points.extra_cap)
    ctx["bands_text"] = "、".join(f"{b.name}{scoring.shown(b.floor * full / 100)}分以上" for b in bands[:-1])


def _assessment(ctx: Context, config: Config) -> None:
    """合计 of 分值, 自查得分 and 检查得分; the grade on the 检查得分 (else the 自查得分)."""
    rows = _numbered(ctx.get("items") or [])
    sums = {}
    for key in ("max_score", "self_score", "check_score"):
        scores = [to_score(r.get(key)) for r in rows]
        sums[key] = None if not rows or None in scores else sum(scores)  # type: ignore[arg-type]
    ctx["items"] = rows
    ctx["total"] = {k: "" if v is None else scoring.shown(v) for k, v in sums.items()}
    scored = sums["check_score"] if sums["check_score"] is not None else sums["self_score"]
    bands = scoring.parse_bands(config.assessment.bands)
    ctx["score"] = "" if scored is None else scoring.shown(scored)
    full = sums["max_score"] or config.assessment.total
    ctx["grade"] = "" if scored is None else scoring.band_of(scored, full, bands) or ""


def _build_progress(ctx: Context, config: Config) -> None:
    """The weekly report (本周新建, 累计, 完成率, 差额, pace) computed from the organisations."""
    _title_lines(ctx, form_title_chars())
    target = _num(ctx.get("target")) or config.build_progress.target
    ctx["target"] = target
    points = [progress.Checkpoint(d.as_date(), share / 100) for c in ctx.get("checkpoints") or []
              if (d := parse_date(c.get("due"))) and d.valid and d.day and (share := to_score(c.get("share")))]
    ctx["checkpoints_text"] = "；".join(f"{cn_date(p.due.isoformat())}前完成{p.share:.0%}（{p.required(target)}个）"
                                       for p in points)
    rows = _numbered(ctx.get("orgs") or [])
    ctx["orgs"] = rows
    week_end = parse_date(ctx.get("week_end"))
    founded = [d.as_date() for r in rows if (d := parse_date(r.get("founded"))) and d.valid and d.day]
    if week_end is None or not week_end.valid or not week_end.day:
        ctx["report"] = ""
        return
    points = points or progress.parse_checkpoints(config.build_progress.checkpoints)
    ctx["report"] = progress.weekly_report(founded, target, points, week_end.as_date(),
                                           config.build_progress.week_days).sentence()


COMPUTE: dict[str, Callable[[Context, Config], None]] = {
    "notice": _notice,
    "summary": _summary,
    "bulletin": _bulletin,
    "tuiyou-form": _form,
    "tuiyou-tally": _tally,
    "handout-log": _handout,
    "minutes": _minutes,
    "roster": _roster,
    "review": _review,
    "tuiyou-steps": _steps,
    "volunteer-hours": _hours,
    "points": _points,
    "assessment": _assessment,
    "build-progress": _build_progress,
}


def prepare_context(template_name: str | None, schema: Any, record: dict, config: Config | None = None) -> Context:
    """The record's values, blank defaults for absent fields, ``X_cn`` for every
    date field (also inside table rows) and, for a built-in template, its
    computed values (quorum and majority by ``config``'s ``[vote]``, the defaults
    when None). The record itself is not modified."""
    ctx = _complete(record, _fields(schema))
    compute = COMPUTE.get(template_name or "")
    if compute:
        compute(ctx, config or Config())
    return ctx
