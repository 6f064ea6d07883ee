"""``tuanwen check`` and ``tuanwen rules``.

Pipeline (``app.pipeline``): collect the files → in worker processes, read, extract and run the
document rules on each file, sending back only the findings, the extraction
and the report contexts (never the whole document) → in this process, run the
round rules over the compact submissions and the ``--register`` files → write
the report (and annotated copies).
"""

from __future__ import annotations

import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import click

from ..batch import WORKER_DIED
from ..cn.text import display_width, pad
from ..config import Config, load_config
from ..errors import (OUTPUT_INCOMPLETE, ReadError, TuanwenError, UsageError, describe_os_error, library_words,
                      unexpected, verbose)
from ..check.engine import REGISTRY, CheckResult, FileStatus, Finding, Round, Rule, Submission, all_rules, select_rules
from ..check.rules.format import unfinished
from ..files import shown
from ..kinds import COPIES, ROSTER, UNKNOWN, scope_names
from ..model import Document, Extraction, Location
from .cluster import Cluster
from .pipeline import Source, gather, read_document, read_source, run, stage


@dataclass(slots=True)
class Checked:
    """What a worker sends back for one file."""

    status: FileStatus
    submission: Submission
    findings: list[Finding] = field(default_factory=list)
    contexts: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # rules that failed on this file
    doubt: set | None = None  # read from pictures: the places recognised with low confidence (scanned.py)


def _branch(ex: Extraction) -> str | None:
    value = ex.fields.get("团支部") or next((r.values.get("团支部") for r in ex.records if r.values.get("团支部")), None)
    return str(value) if value else None


def _record_locations(ex: Extraction) -> list[Location]:
    """Every place a round rule may point at, so its context travels with the file."""
    out: list[Location] = []
    for rec in [*ex.records, *([ex.total] if ex.total else [])]:
        if rec.location:
            out.append(rec.location)
        out.extend(rec.where.values())
    return out


def _unreadable(path: str, status: str, message: str) -> Checked:
    return Checked(FileStatus(path, UNKNOWN, status, message),
                   Submission(path, Document(path, ""), Extraction(UNKNOWN), status, message))


def _as_roster(source: Source) -> Submission | None:
    """A ``--roster`` file the classifier took for another kind, read as the roster the user
    says it is; None when it lists nobody."""
    from ..extract import extract

    try:
        ex = extract(read_document(source), ROSTER)
    except Exception:  # noqa: BLE001 - it was read once already; a second failure only loses the reference
        return None
    named = any(r.values.get("姓名") for r in ex.records)
    return Submission(source.name, Document(source.name, ""), ex) if named else None


def check_one(task: tuple[Source, tuple[str, ...], Config]) -> Checked:
    """Read, extract and run the document rules on one file (per-file work). ``task`` is
    (the file, rule codes, config)."""
    from ..timelimit import Budget, OverTime, deadline
    from ..report import document_contexts

    source, codes, config = task
    path = source.name
    budget = Budget()  # reading, extraction and the document rules together
    try:
        doc, ex = read_source(source, budget.left())
    except ReadError as exc:
        return _unreadable(path, exc.status, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the round
        return _unreadable(path, "error", str(unexpected(exc, "读取或提取")))
    sub = Submission(path, doc, ex)
    # Round rules get a compact copy; narrative text travels for the duplicate check (TW750).
    kept = doc.paragraphs if ex.kind in scope_names(COPIES) else []
    result = Checked(FileStatus(path, ex.kind, ocr=doc.ocr),
                     Submission(path, Document(path, doc.format, kept, pages=doc.pages, ocr=doc.ocr), ex))
    if doc.ocr:
        from ..check.scanned import doubtful
        result.doubt = doubtful(doc, ex)
    all_rules()  # a spawned worker has not imported the rule modules yet
    k = 0
    try:
        # One deadline for all the rules, not one each: arming a timer costs four system calls, a
        # tenth of a typed form's time over its 80 rules.
        with deadline(budget.left()):
            for k, code in enumerate(codes):
                try:
                    result.findings.extend(REGISTRY[code].run(sub, config))
                except Exception as exc:  # noqa: BLE001 - a rule's slip on one odd file is reported, not fatal
                    result.problems.append(f"规则 {code} 审查“{path}”时出错，已跳过该规则"
                                           + (f"\n详情：{library_words(exc)}" if verbose() else ""))
    except OverTime:
        result.findings.append(unfinished(path, codes[k:], budget.seconds))
    result.findings = _unique(result.findings)
    result.contexts = document_contexts(doc, [*result.findings, *_record_locations(ex)], _branch(ex))
    return result


def _unique(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.file, f.rule, f.location, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def round_findings(checked: list[Checked], round_: Round, rules: list[Rule], config: Config) -> list[Finding]:
    """The client's step of a round: the files' findings (names the round knows spared), then the
    round rules over ``round_``, each finding once."""
    from ..check.rules.typo import spare_round_names

    findings = spare_round_names([f for c in checked for f in c.findings], round_)
    for r in rules:
        if r.scope == "round":
            findings.extend(r.run(round_, config))
    return _unique(findings)


@dataclass
class Kept:
    """Archive members kept unpacked after ``run_check`` returns, until ``stack`` closes (annotated
    copies are made from them): ``files`` maps each member's name to its unpacked file."""

    stack: ExitStack
    files: dict[str, str] = field(default_factory=dict)


def run_check(paths: list[str], registers: list[str] | None = None, *, rosters: list[str] | None = None,
              rules: list[Rule] | None = None, config: Config | None = None, jobs: int | None = None,
              outputs: list[Path | None] = (), quiet: bool = False, progress: Callable[[int, int], None] | None = None,
              cluster: Cluster | None = None, keep: Kept | None = None
              ) -> tuple[CheckResult, dict[str, dict[str, str]]]:
    """Check ``paths`` (files or folders) against each other, ``registers`` and ``rosters``
    (团员名册: the reference of who is a member of which branch; read like registers).
    Returns the result and the report contexts, by file. ``outputs``: the report file and the
    annotation folder: refused when they would replace a submission; stale temporary files of
    ours in them are removed. ``quiet``: no progress bar. ``progress(done, total)``: called after
    each file is checked. ``cluster``: the per-file work on a Dask cluster (``app.cluster``).
    ``keep``: the archive members stay unpacked until it closes."""
    from ..files import clean_stale, refuse_overwriting

    config = config or Config()
    rules = all_rules() if rules is None else rules
    batch = gather(paths, [*(registers or []), *(rosters or [])])
    is_roster = set(gather(paths, rosters or []).registers) - set(batch.files)
    if not batch.files and not batch.registers:
        raise UsageError("没有找到要审查的文件")
    doc_codes = tuple(r.code for r in rules if r.scope == "document")
    for target in outputs:
        if target is not None:
            refuse_overwriting(target, batch.submissions, "输出")
    for folder in {Path(t) if Path(t).is_dir() else Path(t).parent for t in outputs if t} | {Path(tempfile.gettempdir())}:
        clean_stale(folder)  # what runs killed hard left behind
    with ExitStack() as scope:
        staged = (keep.stack if keep else scope).enter_context(stage(batch))
        tasks = [(source, doc_codes, config) for source in staged.sources]
        checked = list(run(check_one, tasks, jobs=jobs, label=None if quiet else "审查中", progress=progress,
                           lost=lambda task: _unreadable(task[0].name, "error", WORKER_DIED), cluster=cluster))
        ok = [c for c in checked if c.status.status == "ok"]
        taken = {c.status.file for c in ok if c.status.file in is_roster and c.status.kind != ROSTER}
        reference = [c.submission for c in ok if c.status.file in is_roster and c.status.kind == ROSTER]
        reference += [sub for source in staged.sources if source.name in taken and (sub := _as_roster(source))]
        if keep:
            keep.files.update((s.name, s.unpacked) for s in staged.sources if s.unpacked)
    for c in checked:
        for problem in c.problems:
            click.echo(f"提示：{shown(problem)}", err=True)
    for name in sorted(taken - {r.path for r in reference}):
        click.echo(f"提示：“{shown(name)}”中没有找到团员名单（姓名、团支部、入团年月等列），未用作名册依据", err=True)
    is_register = staged.registers
    round_ = Round([c.submission for c in ok if c.status.file not in is_register],
                   [c.submission for c in ok if c.status.file in is_register - is_roster], reference)
    findings = round_findings(checked, round_, rules, config)
    scanned = {c.status.file: c.doubt for c in checked if c.doubt is not None}
    if scanned:
        from ..check.scanned import mark
        mark(findings, scanned)
    result = CheckResult([c.status for c in checked], findings)
    return result, {c.status.file: c.contexts for c in checked if c.contexts}


@dataclass(frozen=True)
class Outputs:
    """What one check of a round writes: reports by format (path None: standard output), in order,
    and annotated copies (``by_branch``: one folder per branch, as the web page offers them)."""

    reports: dict[str, Path | None] = field(default_factory=dict)
    annotate: Path | None = None
    by_branch: bool = False
    show_pii: bool = False
    echo: bool = True  # the annotated copies' summary line


def check_round(paths: list[str | Path], registers: list[str | Path] = (), *, rosters: list[str | Path] = (),
                outputs: Outputs = Outputs(), rules: list[Rule] | None = None, config: Config | None = None,
                jobs: int | None = None, quiet: bool = False, progress: Callable[[int, int], None] | None = None,
                cluster: Cluster | None = None) -> CheckResult:
    """Check a round and write its reports and annotated copies: the one driver of ``tuanwen check``,
    the web page's 审查 and ``tuanwen demo``. A failed output (a full disk) or Ctrl-C is said, naming
    what was written in full and what was not."""
    from ..report import annotate, annotate_by_branch, run_info, write_report

    config = config or Config()
    targets = [*outputs.reports.values(), outputs.annotate]
    written: list[str] = []
    try:
        with ExitStack() as scope:
            kept = Kept(scope) if outputs.annotate else None  # archive members, for their annotated copies
            result, contexts = run_check([str(p) for p in paths], [str(p) for p in registers],
                                         rosters=[str(p) for p in rosters], rules=rules, config=config, jobs=jobs,
                                         outputs=targets, quiet=quiet, progress=progress, cluster=cluster, keep=kept)
            try:
                run, documented = run_info(config.to_dict(), config.source), {r.code: r for r in all_rules()}
                for fmt, target in outputs.reports.items():
                    write_report(result, fmt, target, show_pii=outputs.show_pii, rules=documented, contexts=contexts,
                                 run=run)
                    if target is not None:
                        written.append(f"报告“{target}”")
                if kept and outputs.by_branch:
                    annotate_by_branch(result, contexts, outputs.annotate, show_pii=outputs.show_pii,
                                       echo=outputs.echo, sources=kept.files)
                elif kept:
                    annotate(result, outputs.annotate, show_pii=outputs.show_pii, echo=outputs.echo,
                             sources=kept.files)
            except BrokenPipeError:  # `tuanwen check … | head`: the CLI ends quietly
                raise
            except OSError as exc:  # the output failed (a full disk), not the submissions
                _unwritten(written, outputs, describe_os_error(exc))
                raise TuanwenError(OUTPUT_INCOMPLETE) from None
    except KeyboardInterrupt:
        _unwritten(written, outputs, "已中止")
        raise
    return result


def check_command(paths: list[str | Path], registers: list[str | Path] | None = None, fmt: str = "text",
                  rosters: list[str | Path] | None = None,
                  output: Path | None = None, annotate: Path | None = None, jobs: int | None = None,
                  select: str | None = None, ignore: str | None = None, config: Path | None = None,
                  show_pii: bool = False, quiet: bool = False, fail_on: str | None = "error",
                  cluster: Cluster | None = None) -> int:
    """CLI entry. Exit code: 2 nothing could be checked, else 1 when a finding at or above
    ``fail_on`` (``error`` or ``warning``; None: never) exists, else 0. ``quiet``: no progress
    bar and no summary line; the report is written all the same."""
    if jobs is not None and jobs < 1:
        raise UsageError("--jobs 必须是正整数")
    cfg = load_config(config)
    rules = select_rules(select, ignore)
    if not rules:
        raise UsageError("--select/--ignore 之后没有剩下任何规则；用 tuanwen rules 查看规则代码")
    result = check_round(paths, registers or [], rosters=rosters or [], rules=rules, config=cfg, jobs=jobs,
                         quiet=quiet, cluster=cluster,
                         outputs=Outputs({fmt: output}, annotate=annotate, show_pii=show_pii))
    readable = sum(s.status == "ok" for s in result.files)
    if output is not None and not quiet:
        errors = sum(f.severity == "error" for f in result.findings)
        warnings = sum(f.severity == "warning" for f in result.findings)
        click.echo(f"审查了 {len(result.files)} 个文件（{readable} 个可读取），发现错误 {errors} 处、警告 {warnings} 处；"
                   f"报告已写入“{output}”。", err=True)
    if readable == 0:
        click.echo("错误：没有一个文件能够读取，未能审查。", err=True)
        return 2
    failing = {"error": ("error",), "warning": ("error", "warning")}.get(fail_on or "", ())
    return 1 if any(f.severity in failing for f in result.findings) else 0


def _unwritten(written: list[str], outputs: Outputs, why: str) -> None:
    """Say which outputs were written in full and which were not (a full disk, Ctrl-C)."""
    lines = [f"已写出：{w}" for w in written]
    lines += [f"未写出：报告“{target}”（{why}；没有留下不完整的文件）" for target in outputs.reports.values()
              if target is not None and f"报告“{target}”" not in written]
    if outputs.annotate:
        lines.append(f"批注副本“{outputs.annotate}”：已写出的副本都是完整的，其余未写出（{why}）")
    if lines:
        click.echo("\n".join(lines), err=True)


def rules_table(rules: list[Rule]) -> str:
    """Code, category, severity and summary of each rule, as aligned columns; category and severity
    are the contract's vocabulary (``vote``, ``error``), the words ``--select`` and the JSON report use."""
    rows = [("代码", "类别", "级别", "说明")] + [
        (r.code, r.category, r.severity, r.summary + ("（跨文件）" if r.scope == "round" else ""))
        for r in rules]
    widths = [max(display_width(row[k]) for row in rows) for k in range(3)]
    lines = ["  ".join(pad(row[k], widths[k]) for k in range(3)) + "  " + row[3] for row in rows]
    lines.insert(1, "-" * (sum(widths) + 6 + max(display_width(row[3]) for row in rows)))
    return "\n".join(lines)


SCOPE_LABELS = {"document": "逐份文件", "round": "跨文件（整轮材料一起看）"}


def rule_explanation(r: Rule) -> str:
    """``tuanwen rules CODE``: the rule's summary, category, severity and its Chinese doc."""
    from ..report.labels import category_label, severity_label

    return (f"{r.code}  {r.summary}\n"
            f"类别：{r.category}（{category_label(r.category)}）  级别：{r.severity}（{severity_label(r.severity)}）  "
            f"范围：{SCOPE_LABELS[r.scope]}\n\n{r.doc}")


def rules_command(spec: str | None = None) -> None:
    """``tuanwen rules``: the table of every rule; ``tuanwen rules TW305``: that rule explained;
    a prefix (``TW3``) or a category (``vote``): the table of those rules."""
    rules = all_rules()
    if spec:
        chosen = select_rules(spec)
        exact = [r for r in chosen if r.code == spec.strip().upper()]
        if exact:
            click.echo(rule_explanation(exact[0]))
            return
        if not chosen or "," in spec:
            raise UsageError(f"没有规则“{spec}”；用 tuanwen rules 查看全部规则代码和类别")
        rules = chosen
    click.echo(rules_table(rules))
    click.echo(f"\n共 {len(rules)} 条规则。用 tuanwen rules 代码（如 TW305）查看一条规则的说明；"
               "用 --select/--ignore 按代码、前缀（如 TW3）或类别（如 vote）选择。", file=sys.stdout)
