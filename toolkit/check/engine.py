"""Rule engine: findings, the rule registry and rule selection.

A rule is a function decorated with :func:`rule`. Its docstring is its
documentation, in Chinese, in the parts of :data:`DOC_SECTIONS` (what it
detects, why it matters, an example, the source of its threshold); ``tuanwen
rules CODE`` prints it. Its code lies in its category's block
(:mod:`.categories`). Document rules receive one :class:`Submission`; round rules
receive the whole :class:`Round`. Both yield :class:`Hit` objects; the engine
turns them into :class:`Finding` objects with file, code, category and
severity filled in.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..kinds import UNKNOWN
from ..model import Document, Extraction, Location
from ..config import Config
from .categories import check_code

SEVERITIES = ("error", "warning", "info")

# Every rule's doc (its docstring, in Chinese) has these parts, each opening a line with
# "检查：" …: what it detects, why it matters, an example, the source of its threshold.
DOC_SECTIONS = ("检查", "原因", "示例", "依据")


@dataclass(slots=True)
class Finding:
    """One problem, as reported (contract: ``findings[]``)."""

    file: str
    rule: str
    category: str
    severity: str
    message: str
    location: Location
    excerpt: str = ""
    ocr: bool = False  # the file's text was read from pictures (contract)
    mark: tuple[int, int] | None = None  # where in ``excerpt`` the flagged text is (reports only)

    def to_dict(self) -> dict[str, Any]:
        d = {
            "file": self.file, "rule": self.rule, "category": self.category,
            "severity": self.severity, "message": self.message,
            "location": self.location.to_dict(), "excerpt": self.excerpt,
        }
        if self.ocr:
            d["ocr"] = True
        return d


@dataclass(slots=True)
class Hit:
    """What a rule yields. ``severity`` overrides the rule's default when set;
    ``file`` is needed only by round rules (which file the hit belongs to)."""

    message: str
    location: Location
    excerpt: str = ""
    severity: str | None = None
    file: str | None = None


@dataclass(slots=True)
class Submission:
    """One document as rules see it."""

    path: str
    doc: Document
    extraction: Extraction
    status: str = "ok"
    error: str | None = None
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # facts rules share


@dataclass(slots=True)
class Round:
    """Every submission of a check run plus the office's ``--register`` files and the
    ``--roster`` files (团员名册, the round's reference of who is a member where)."""

    submissions: list[Submission]
    registers: list[Submission] = field(default_factory=list)
    rosters: list[Submission] = field(default_factory=list)
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)  # facts rules share


RuleFunc = Callable[..., Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    category: str
    severity: str
    summary: str  # one line, Chinese
    func: RuleFunc
    scope: str  # "document" | "round"

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.func.__doc__ or "")

    def doc_sections(self) -> dict[str, str]:
        """The doc split into its parts (:data:`DOC_SECTIONS`); text before the first is under ``""``."""
        parts: dict[str, list[str]] = {}
        current = ""
        for line in self.doc.splitlines():
            label = next((s for s in DOC_SECTIONS if line.startswith(s + "：")), None)
            if label is not None:
                current, line = label, line[len(label) + 1:]
            parts.setdefault(current, []).append(line)
        return {k: "\n".join(v).strip() for k, v in parts.items()}

    def run(self, target: Submission | Round, config: Config) -> Iterator[Finding]:
        for hit in self.func(target, config):
            path = hit.file or (target.path if isinstance(target, Submission) else "")
            yield Finding(path, self.code, self.category, hit.severity or self.severity,
                          hit.message, hit.location, str(hit.excerpt), mark=getattr(hit.excerpt, "mark", None))


REGISTRY: dict[str, Rule] = {}


def rule(code: str, category: str, severity: str, summary: str, scope: str = "document"):
    """Register a rule function under ``code``."""
    check_code(code, category)
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def register(func: RuleFunc) -> RuleFunc:
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        if not func.__doc__:
            raise ValueError(f"rule {code} has no documentation")
        REGISTRY[code] = Rule(code, category, severity, summary, func, scope)
        return func

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code (imports the rule modules once)."""
    from . import rules  # noqa: F401  (registration happens on import)

    return sorted(REGISTRY.values(), key=lambda r: r.code)


def _matches(r: Rule, spec: str) -> bool:
    spec = spec.strip()
    return r.code.startswith(spec.upper()) or r.category == spec.lower()


def select_rules(select: str | None = None, ignore: str | None = None) -> list[Rule]:
    """Rules chosen by ``--select``/``--ignore``: comma-separated codes, code
    prefixes (``TW3``) or category names (``vote``)."""
    chosen = all_rules()
    if select:
        specs = [s for s in select.split(",") if s.strip()]
        chosen = [r for r in chosen if any(_matches(r, s) for s in specs)]
    if ignore:
        specs = [s for s in ignore.split(",") if s.strip()]
        chosen = [r for r in chosen if not any(_matches(r, s) for s in specs)]
    return chosen


@dataclass(slots=True)
class FileStatus:
    """One input file as reported (contract: ``files[]``)."""

    file: str
    kind: str = UNKNOWN
    status: str = "ok"  # "ok" | "error" | "skipped"
    error: str | None = None
    ocr: bool = False  # read from pictures (scans, photos)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"file": self.file, "kind": self.kind, "status": self.status}
        if self.error:
            d["error"] = self.error
        if self.ocr:
            d["ocr"] = True
        return d


@dataclass(slots=True)
class CheckResult:
    """Everything a report writer needs."""

    files: list[FileStatus]
    findings: list[Finding]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"files": [f.to_dict() for f in self.files], "findings": [f.to_dict() for f in self.findings]}
