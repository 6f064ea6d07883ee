"""Thresholds and local conditions, adaptable by each 团委 in ``tuanwen.toml``.

One frozen dataclass per ``[section]``; its fields are the keys, their
defaults come from ../shared/domain.md and each names its source. Inspection
(``check``) and generation (``generate``, ``draft``) read the same object, so a
local rule can never make a generated document contradict the check. A
``tuanwen.toml`` in the working folder (or ``--config FILE``) overrides them:

    [eligibility]
    min_age = 18
    max_age = 28
    min_league_years = 1

    [tuiyou]
    max_share = 0.2

Adding a threshold = one field (with a comment naming its source) in its
section's dataclass; validation, defaults and messages follow from the field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import re
import tomllib
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .cn import progress, scoring
from .errors import UsageError, library_words

AttendanceBase = Literal["应到", "实到"]


@dataclass(frozen=True)
class Eligibility:
    """团章: members are 14–28; one joins at 14 or older. 《共青团推优入党工作实施办法》
    (中青发〔2019〕9号): a candidate is 18 or over at the meeting."""

    min_age: int = 18
    max_age: int = 28
    min_join_age: int = 14
    min_league_years: int = 1  # 团龄 ≥ 1 year: common local rule
    min_application_months: int = 6  # 入党申请书 held ≥ 6 months before 推优: local rules


@dataclass(frozen=True)
class Tuiyou:
    """Recommended members are capped at a share of the branch (20% is common; local rules vary)."""

    max_share: float = 0.2


@dataclass(frozen=True)
class Vote:
    """推优 at the 团支部大会: quorum is more than ``quorum_share`` of 应到 present (团章); a
    candidate passes with 赞成 more than ``majority_share`` of 应到 — not of 实到 (中青发〔2019〕9号).
    A 入团 vote counts the majority of those present: ``majority_base = "实到"``."""

    quorum_share: float = 0.5
    majority_base: AttendanceBase = "应到"
    majority_share: float = 0.5

    def quorate(self, expected: int, present: int) -> bool:
        """Strictly more than the share of 应到 present."""
        return present > expected * self.quorum_share

    def base(self, expected: int | None, present: int | None) -> int | None:
        """The figure the majority is counted on: 应到 or 实到."""
        return expected if self.majority_base == "应到" else present

    def passes(self, votes_for: int, expected: int | None, present: int | None) -> bool | None:
        """赞成 strictly more than the share of the base; None when the base is unknown or zero."""
        base = self.base(expected, present)
        return votes_for > base * self.majority_share if base else None


def share_words(share: float) -> str:
    """``半数`` for 0.5, else the percentage (``60%``), as findings and generated minutes say it."""
    return "半数" if abs(share - 0.5) < 1e-9 else f"{share:.0%}"


@dataclass(frozen=True)
class Arithmetic:
    """Percentages stated in text are compared within this many percentage points
    (0.5: rounding to whole percent never alarms)."""

    percent_tolerance: float = 0.5


@dataclass(frozen=True)
class Duplicate:
    """Near-duplicate threshold of the copy check (cosine similarity of paragraphs)."""

    threshold: float = 0.8


@dataclass(frozen=True)
class Typo:
    """How much likelier a confusable character's correction must be before it is
    reported (0: the measured default; 2–4 for fewer, surer findings)."""

    confusable_margin: float = 0.0


@dataclass(frozen=True)
class Roster:
    """团员名册 (智慧团建 export): the 团员编号 has ``number_digits`` digits and, for members who
    joined in or after ``numbered_from``, starts with the 入团 year (domain.md; no published
    standard known to the toolkit)."""

    number_digits: int = 12
    numbered_from: int = 2017


@dataclass(frozen=True)
class Review:
    """团员教育评议: 优秀 at most ``max_excellent_share`` of those graded; the meeting needs more than
    ``min_attendance`` of the members present (common local practice; no national figure known)."""

    max_excellent_share: float = 0.3
    min_attendance: float = 0.6667  # more than two thirds


@dataclass(frozen=True)
class Steps:
    """"3+1+1" (团唐山市委, 全团要讯2020年第5期): the 统一考试's pass mark (local; no national figure)."""

    pass_score: float = 60


@dataclass(frozen=True)
class Volunteer:
    """志愿服务时长: hours a 推优 candidate must have (local rules, 20 common; no national figure)
    and the most hours one day holds."""

    min_hours: float = 20.0
    max_daily_hours: float = 24.0


@dataclass(frozen=True)
class Date:
    """The day rules take as today: None is the real date (fixed in tests and for re-checks
    of an old round: ``today = 2026-11-22``)."""

    today: dt.date | None = None

    def current(self) -> dt.date:
        return self.today or dt.date.today()


@dataclass(frozen=True)
class Points:
    """三亮三比 积分 / 团员先进性评价 (local 积分管理办法; no national figures): A/B/C/D items
    score ``grade_a``…``grade_d`` of the item; 加分 at most ``extra_cap`` of full marks;
    ``bands`` are "等次:最低百分比" of full marks, best first."""

    full_marks: float = scoring.FULL_MARKS
    grade_a: float = scoring.GRADE_SHARES["A"]
    grade_b: float = scoring.GRADE_SHARES["B"]
    grade_c: float = scoring.GRADE_SHARES["C"]
    grade_d: float = scoring.GRADE_SHARES["D"]
    extra_cap: float = scoring.EXTRA_CAP_SHARE
    bands: tuple[str, ...] = field(default=scoring.POINTS_BANDS, metadata={"item": scoring.band_spec_problem})

    def shares(self) -> dict[str, float]:
        return {"A": self.grade_a, "B": self.grade_b, "C": self.grade_c, "D": self.grade_d}


@dataclass(frozen=True)
class Assessment:
    """百分考核 of branches (local 考核办法): 分值 add up to ``total``; bands as for points
    (优秀 ≥ 80, 不合格 < 60); a branch in the ``failing`` band may not recommend (TW864)."""

    total: float = 100
    bands: tuple[str, ...] = field(default=scoring.ASSESSMENT_BANDS, metadata={"item": scoring.band_spec_problem})
    failing: str = "不合格"


@dataclass(frozen=True)
class BuildProgress:
    """乡镇实体化“大团委”: at least ``target`` direct 团组织 per 乡镇; ``checkpoints``
    ("YYYY-MM-DD:50%") set by the 团区委/团县委 for the campaign, used when a report states
    none; a week is ``week_days`` days ending on the report's date (周五交账)."""

    target: int = progress.TARGET
    checkpoints: tuple[str, ...] = field(default=(), metadata={"item": progress.checkpoint_spec_problem})
    week_days: int = progress.WEEK_DAYS


@dataclass(frozen=True)
class Config:
    """All settings; ``Config()`` is the defaults. ``source`` is the file they came from."""

    eligibility: Eligibility = field(default_factory=Eligibility)
    tuiyou: Tuiyou = field(default_factory=Tuiyou)
    vote: Vote = field(default_factory=Vote)
    arithmetic: Arithmetic = field(default_factory=Arithmetic)
    duplicate: Duplicate = field(default_factory=Duplicate)
    typo: Typo = field(default_factory=Typo)
    roster: Roster = field(default_factory=Roster)
    review: Review = field(default_factory=Review)
    steps: Steps = field(default_factory=Steps)
    volunteer: Volunteer = field(default_factory=Volunteer)
    date: Date = field(default_factory=Date)
    points: Points = field(default_factory=Points)
    assessment: Assessment = field(default_factory=Assessment)
    build_progress: BuildProgress = field(default_factory=BuildProgress)
    source: str | None = field(default=None, compare=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str | None = None) -> Config:
        """Settings from a parsed ``tuanwen.toml`` (or a dict in tests); a ``UsageError``
        listing every problem when ``validate`` finds any."""
        problems = validate(data)
        if problems:
            where = f" {source}" if source else ""
            raise UsageError(f"配置文件{where} 有误：\n" + "\n".join(f"  {p}" for p in problems))
        sections = {name: dataclasses.replace(getattr(cls(), name), **{k: _coerce(v, _keys(name)[k]) for k, v in values.items()})
                    for name, values in data.items()}
        return cls(**sections, source=source)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """The settings in force, as ``tuanwen.toml`` would write them (for reports)."""
        return {name: {k: _written(v) for k, v in dataclasses.asdict(getattr(self, name)).items()}
                for name in SECTIONS}


def _written(value: Any) -> Any:
    """A setting as ``tuanwen.toml`` writes it: a date as text, None as ``""``, a list as a list."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else list(value) if isinstance(value, tuple) else value


# section name → its dataclass (the one table validate(), from_dict() and the README test read)
SECTIONS: dict[str, type] = {f.name: f.default_factory for f in dataclasses.fields(Config)  # type: ignore[misc]
                             if f.name != "source"}


def load_config(path: Path | None = None) -> Config:
    """Load ``path`` or ``./tuanwen.toml`` if present, else the defaults."""
    candidate = path or Path("tuanwen.toml")
    if not candidate.exists():
        if path:
            raise UsageError(f"找不到配置文件：{path}")
        return Config()
    try:
        data = tomllib.loads(candidate.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise UsageError(f"配置文件 {candidate} 不是 UTF-8 编码；请用记事本“另存为”UTF-8 后再试",
                         detail=library_words(exc)) from exc
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"at line (\d+), column (\d+)", str(exc))
        where = f"第 {m[1]} 行第 {m[2]} 列" if m else ""
        raise UsageError(f"配置文件 {candidate} {where}有语法错误：节名要写在方括号里，文字要加英文双引号；"
                         "请对照说明文档“按本地规定调整阈值”一节检查", detail=library_words(exc)) from exc
    return Config.from_dict(data, source=str(candidate))


# --- validation -----------------------------------------------------------------------------------

def _keys(section: str) -> dict[str, Any]:
    """A section's keys and their declared types."""
    return typing.get_type_hints(SECTIONS[section])


_WORDS = {bool: "true 或 false", int: "整数", float: "数字", str: "用英文双引号括起的文字",
          dt.date: "日期，如 2026-11-22", tuple: "文字列表，如 [\"甲\", \"乙\"]"}


def _nearest(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=1, cutoff=0.5)
    return f"；是不是“{close[0]}”？" if close else f"；可用的有：{'、'.join(options)}"


def _date(value: Any) -> dt.date | None:
    """A TOML date (``today = 2026-11-22``) or the same date quoted; None for anything else."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:  # 2026-02-30
            return None
    return None


def _plain(kind: Any) -> Any:
    """``X | None`` → X."""
    args = [a for a in typing.get_args(kind) if a is not type(None)]
    return args[0] if type(None) in typing.get_args(kind) else kind


def _coerce(value: Any, kind: Any) -> Any:
    """A valid TOML value as the dataclass holds it: a quoted date → a date; ``""`` → None."""
    if _plain(kind) is dt.date:
        return _date(value)
    if typing.get_origin(kind) is tuple:
        return tuple(value)
    return value


def _problem(value: Any, kind: Any) -> str | None:
    """What is wrong with ``value`` for a field of type ``kind``, or None."""
    if typing.get_origin(kind) is Literal:
        choices = typing.get_args(kind)
        return None if value in choices else f"只能是 {' 或 '.join(choices)}"
    if value == "" and type(None) in typing.get_args(kind):  # "" = not set
        return None
    kind = _plain(kind)
    if typing.get_origin(kind) is tuple:  # a list of texts
        return None if isinstance(value, list) and all(isinstance(v, str) for v in value) else f"应为{_WORDS[tuple]}"
    if kind is dt.date:
        ok = _date(value) is not None
    elif kind is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    else:
        ok = type(value) is kind
    return None if ok else f"应为{_WORDS[kind]}"


def validate(data: dict[str, Any]) -> list[str]:
    """Every problem of a parsed ``tuanwen.toml`` against the sections, in Chinese: an unknown
    section or key (with the nearest valid one), a value of the wrong type or not among the choices."""
    problems = []
    for section, values in data.items():
        if section not in SECTIONS:
            home = [name for name in SECTIONS if section in _keys(name)]
            problems.append(f"“{section}”要写在“[{home[0]}]”这一节下面" if home and not isinstance(values, dict)
                            else f"没有“[{section}]”这一节{_nearest(section, list(SECTIONS))}")
            continue
        if not isinstance(values, dict):
            problems.append(f"“{section}”应是一节（“[{section}]”，下面逐行写设置），不是单个值")
            continue
        known = _keys(section)
        for key, value in values.items():
            if key not in known:
                problems.append(f"“[{section}]”中没有“{key}”这一项{_nearest(key, list(known))}")
            elif wrong := _problem(value, known[key]):
                problems.append(f"“[{section}] {key}”{wrong}，现在是 {_toml(value)}")
            elif check := _ITEM_CHECKS[section].get(key):  # each item of a list has a form of its own
                problems += [f"“[{section}] {key}”中{p}" for p in map(check, value) if p]
    return problems


# section → key → what is wrong with one item of that list (``field(metadata={"item": …})``)
_ITEM_CHECKS: dict[str, dict[str, Any]] = {
    name: {f.name: f.metadata["item"] for f in dataclasses.fields(cls) if "item" in f.metadata}
    for name, cls in SECTIONS.items()}


def _toml(value: Any) -> str:
    """A value as it was written in the file (``"28"``, ``true``), for messages."""
    return json.dumps(value, ensure_ascii=False, default=str)
