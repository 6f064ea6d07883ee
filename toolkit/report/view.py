"""What every report shows: a masked, ordered copy of a check result.

Writers never touch a ``CheckResult`` directly; they receive a
:class:`ReportView`, so masking (ID and phone numbers, unless ``show_pii``)
and ordering are decided once, for every format alike.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from ..check.branches import Branches
from ..check.engine import CheckResult, FileStatus, Finding
from ..cn.pii import mask_pii
from ..files import shown
from ..kinds import MANY_BRANCHES, scope_names
from ..model import Location
from .context import CellContext, cell_context, context_key
from .labels import SEVERITY_ORDER
from .run import RunInfo, run_info

# A branch name in a path: ``…/化工2201团支部_王子涵.docx`` → ``化工2201团支部``.
_BRANCH = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]+?团支部")
BRANCH_KEY = "团支部"  # optional per-file entry in ``contexts``
# Documents that cover many branches (the office's tally and hand-out log) belong to none.
MULTI_BRANCH_KINDS = scope_names(MANY_BRANCHES)
# Status of a file that only findings name (e.g. a ``--register`` file): shown, not counted as an input.
EXTERNAL = "external"


@dataclass(slots=True)
class FileGroup:
    """One input file and its findings, in reading order."""

    status: FileStatus
    findings: list[Finding] = field(default_factory=list)
    branch: str | None = None
    link: bool = False  # the name shown is the file's real path (nothing masked), so a report may link to it

    @property
    def file(self) -> str:
        return self.status.file


@dataclass(slots=True)
class ReportView:
    groups: list[FileGroup]
    contexts: dict[str, dict[str, str]]
    show_pii: bool = False
    branches: Branches = field(default_factory=lambda: Branches([]))  # one branch, many spellings
    run: RunInfo = field(default_factory=lambda: run_info({}))  # when, version, settings used

    @property
    def findings(self) -> list[Finding]:
        return [f for g in self.groups for f in g.findings]

    @property
    def files(self) -> list[FileStatus]:
        return [g.status for g in self.groups if g.status.status != EXTERNAL]

    @property
    def unreadable(self) -> list[FileStatus]:
        return [s for s in self.files if s.status != "ok"]

    def severity_counts(self) -> Counter[str]:
        return Counter(f.severity for f in self.findings)

    def context(self, finding: Finding) -> str | None:
        key = context_key(finding.location)
        return self.contexts.get(finding.file, {}).get(key) if key else None

    def cell_context(self, finding: Finding) -> CellContext | None:
        return cell_context(self.contexts.get(finding.file, {}), finding.location)

    def finding_branch(self, group: FileGroup, finding: Finding) -> str | None:
        """The file's branch; in the office's tally or log, the branch of the
        finding's row (from the row's context) where one is named."""
        if group.branch or group.status.kind not in MULTI_BRANCH_KINDS:
            return group.branch
        loc = finding.location
        if loc.table is None or loc.row is None:
            return None
        ctx = self.contexts.get(group.file, {})
        row = ctx.get(f"t:{loc.table}:{loc.row}") or ctx.get(context_key(loc) or "", "")
        found = _BRANCH.findall(row)
        return self.branches.shown(self.branches.key(found[0])) if found else None


def location_order(loc: Location) -> tuple[int, ...]:
    """Sort key: page, then body paragraphs, then tables by row and column."""
    in_table = loc.table is not None
    return (loc.page or 0, int(in_table), loc.paragraph or 0, loc.table or 0, loc.row or 0, loc.col or 0)


def finding_order(f: Finding) -> tuple:
    sev = SEVERITY_ORDER.index(f.severity) if f.severity in SEVERITY_ORDER else len(SEVERITY_ORDER)
    return (location_order(f.location), sev, f.rule)


def branch_of(path: str, context: dict[str, str] | None = None) -> str | None:
    """The branch a file belongs to: from its context, else from its path."""
    if context and context.get(BRANCH_KEY):
        return context[BRANCH_KEY]
    found = _BRANCH.findall(path.replace("\\", "/"))
    return found[-1] if found else None


def build_view(result: CheckResult, *, show_pii: bool = False,
               contexts: dict[str, dict[str, str]] | None = None, run: RunInfo | None = None) -> ReportView:
    """Group findings by file (inputs in their given order; files only findings
    name, such as ``--register`` files, after them) and mask PII unless asked;
    file names that are not valid UTF-8 are shown decoded or escaped."""
    hide = (lambda s: s) if show_pii else mask_pii

    def mask(text: str) -> str:  # and names that are not UTF-8 made showable (files.shown)
        return hide(shown(text)) if text else text
    groups: dict[str, FileGroup] = {}
    for st in result.files:
        groups.setdefault(st.file, FileGroup(replace(st, file=mask(st.file), error=mask(st.error or "") or None),
                                             link=mask(st.file) == st.file))
    for f in result.findings:
        if f.file not in groups:
            groups[f.file] = FileGroup(FileStatus(mask(f.file), status=EXTERNAL))
        groups[f.file].findings.append(replace(f, file=mask(f.file), message=mask(f.message),
                                               excerpt=mask(f.excerpt)))
    masked_contexts = {mask(path): {k: mask(v) for k, v in ctx.items()} for path, ctx in (contexts or {}).items()}
    for g in groups.values():
        g.findings.sort(key=finding_order)
        if g.status.kind not in MULTI_BRANCH_KINDS:
            g.branch = branch_of(g.file, masked_contexts.get(g.file))
    # Per-branch summaries count 会计2302团支部 and 经济管理学院会计2302团支部 as one branch.
    rows = [n for g in groups.values() if g.status.kind in MULTI_BRANCH_KINDS
            for k, v in masked_contexts.get(g.file, {}).items() if k.count(":") == 2 for n in _BRANCH.findall(v)]
    branches = Branches([*(g.branch for g in groups.values() if g.branch), *rows])
    for g in groups.values():
        if g.branch:
            g.branch = branches.shown(branches.key(g.branch))
    return ReportView(list(groups.values()), masked_contexts, show_pii, branches, run or run_info({}))
