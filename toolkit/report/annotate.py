"""Annotated copies: each .docx with findings, copied with a Word comment at
every finding's paragraph or table cell, to send back to the branch.

Places are counted as the reader (toolkit.read.docx) counts them, by the same
walker (toolkit.ooxml): body paragraphs from 1 in reading order (empty ones
too; paragraphs inside tables not counted; content controls opened; a text
box's paragraphs right after the paragraph that anchors it); tables from 1 in
the order they start, nested ones too; rows and columns as grid positions, a
merged cell answering for every position it covers. The original files are
only read; copies are written atomically under safe names.
"""

from __future__ import annotations

import copy
import io
import os
import zipfile
from pathlib import Path
from typing import Callable, Mapping

import click

from ..check.engine import CheckResult, Finding
from ..cn.pii import mask_pii
from ..errors import UsageError
from ..files import atomic_write_bytes, inside, shown
from ..outputs import MARK
from ..ooxml.body import hidden
from ..ooxml.ns import P, T, W
from ..ooxml.places import Places
from .context import quoted_fragments
from .labels import category_label, severity_label
from .view import MULTI_BRANCH_KINDS, build_view, finding_order

OFFICE = "团委材料"  # by branch: the folder of the office's own files (tally, log)
NO_BRANCH = "未识别团支部"  # by branch: files whose branch is not known
AUTHOR = "团文审查"
INITIALS = "TW"
SUFFIX = "_批注"

def is_docx(path: str | Path) -> bool:
    """True when the file's content is a Word document, whatever its name says."""
    try:
        with zipfile.ZipFile(path) as z:
            return "word/document.xml" in z.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def _text(elem) -> str:
    """The text a reader shows for a paragraph (or a cell)."""
    return "".join(t.text or "" for t in elem.iter(T) if not hidden(t, elem))


class _Layout(Places):
    """The body's places, and where each finding's comment goes."""

    def first(self):
        """The first paragraph with text (where a finding about the whole document goes)."""
        return next((p for p in self.paragraphs if _text(p)), self.paragraphs[0] if self.paragraphs else None)

    def anchor(self, f: Finding) -> tuple[object | None, bool]:
        """The ``w:p`` to comment on and whether it is exactly the finding's place."""
        loc = f.location
        if loc.table is not None:
            if not 1 <= loc.table <= len(self.tables):
                return self.first(), False
            grid = self.grids[loc.table - 1]
            if loc.row is not None and loc.col is not None:
                keys = [(loc.row, loc.col)]
            else:  # a whole row, or the whole table
                keys = [k for k in grid if loc.row is None or k[0] == loc.row]
            tcs = list(dict.fromkeys(grid[k] for k in keys if k in grid))
            if not tcs:
                return self.first(), False
            tc = next((tc for tc in tcs if _text(tc)), tcs[0])
            paras = tc.findall(P)
            return next((p for p in paras if _text(p)), paras[0] if paras else self.first()), True
        if loc.paragraph is not None:
            if 1 <= loc.paragraph <= len(self.paragraphs):
                return self.paragraphs[loc.paragraph - 1], True
            return self.first(), False
        return self.first(), True


def _simple(run) -> bool:
    """A run holding only properties and text can be split at any character."""
    return all(c.tag in (W + "rPr", T) for c in run._r.iterchildren())


def _split(run, offset: int):
    """Split a simple run at ``offset``; return the right-hand run."""
    from docx.text.run import Run

    text = run.text
    right = copy.deepcopy(run._r)
    run._r.addnext(right)
    run.text = text[:offset]
    right_run = Run(right, run._parent)
    right_run.text = text[offset:]
    return right_run


def _target_runs(paragraph, fragments: list[str]) -> list:
    """The paragraph's runs to anchor on: just those covering the first quoted
    fragment found, split out of longer runs where possible; else all runs."""
    runs = [r for r in paragraph.runs if r.text]
    if not runs:
        return paragraph.runs
    starts, pos = [], 0
    for r in runs:
        starts.append(pos)
        pos += len(r.text)
    full = "".join(r.text for r in runs)
    for fragment in fragments:
        at = full.find(fragment)
        if at < 0:
            continue
        end = at + len(fragment)
        i = max(k for k, s in enumerate(starts) if s <= at)
        j = max(k for k, s in enumerate(starts) if s < end)
        first, last = runs[i], runs[j]
        if _simple(last) and end - starts[j] < len(last.text):
            _split(last, end - starts[j])
        if _simple(first) and at > starts[i]:
            first = _split(first, at - starts[i])
            last = first if i == j else last
        return [first, last]
    return runs


def _comment_text(f: Finding, exact: bool, mask: Callable[[str], str]) -> str:
    where = "" if exact else f"（{f.location.describe()}）"
    return mask(f"【{severity_label(f.severity)}·{category_label(f.category)}】{where}{f.message}（规则 {f.rule}）")


def annotate_file(path: str | Path, findings: list[Finding], *, show_pii: bool = False) -> bytes:
    """The bytes of a copy of the .docx at ``path`` with one comment per finding."""
    import docx
    from docx.text.paragraph import Paragraph

    mask = (lambda s: s) if show_pii else mask_pii
    document = docx.Document(str(path))
    body = document.element.body
    layout = _Layout(body)
    for f in sorted(findings, key=finding_order):
        p, exact = layout.anchor(f)
        paragraph = Paragraph(p, document._body) if p is not None else document.add_paragraph()
        runs = _target_runs(paragraph, quoted_fragments(f.message)) or [paragraph.add_run("")]
        document.add_comment(runs, text=_comment_text(f, exact, mask), author=AUTHOR, initials=INITIALS)
    document.core_properties.keywords = MARK  # a later run over this folder does not take it for a submission
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _copy_name(path: str, mask: Callable[[str], str]) -> str:
    stem = Path(shown(path).replace("\\", "/")).stem
    return mask(stem) + SUFFIX + ".docx"


def _annotate_task(task: tuple[str, list[Finding], bool]) -> bytes | None:
    path, findings, show_pii = task
    try:
        return annotate_file(path, findings, show_pii=show_pii)
    except Exception:  # noqa: BLE001  one odd file never stops the batch
        return None


# Below this many copies a process pool costs more than it saves.
_PARALLEL_FROM = 8


def annotate(result: CheckResult, out_dir: Path, *, show_pii: bool = False, echo: bool = True,
             jobs: int | None = None, sources: Mapping[str, str] | None = None) -> list[Path]:
    """Write an annotated copy of every .docx input with findings into ``out_dir``;
    return the copies' paths. Other formats get no copy (said in the summary line).
    ``sources``: where a file is read when it is not at its name (an archive member's unpacked file)."""
    from ..batch import run_parallel

    mask = (lambda s: s) if show_pii else mask_pii
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"批注副本的输出位置“{out_dir}”是一个文件，请给出文件夹")
    by_file: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_file.setdefault(f.file, []).append(f)
    unreadable = {s.file for s in result.files if s.status != "ok"}
    scanned = {s.file for s in result.files if s.ocr}  # text in pictures: no place for a comment
    # realpath, not Path.resolve: a symlink loop among the inputs must not stop the copies.
    inputs = {Path(os.path.realpath(s.file)) for s in result.files} | {Path(os.path.realpath(p)) for p in by_file}
    tasks, names, not_docx, pictures = [], [], [], []
    for path, findings in by_file.items():
        real = (sources or {}).get(path, path)
        if path in unreadable or not Path(real).is_file():
            continue
        if path in scanned:
            pictures.append(mask(shown(Path(path).name)))
        elif is_docx(real):
            tasks.append((real, findings, show_pii))
            names.append(path)
        else:
            not_docx.append(mask(shown(Path(path).name)))
    if len(tasks) < _PARALLEL_FROM:
        jobs = 1
    written: list[Path] = []
    failed: list[str] = []
    used: set[Path] = set()
    for path, data in zip(names, run_parallel(_annotate_task, tasks, jobs, label="写批注", lost=lambda task: None)):
        if data is None:
            failed.append(mask(shown(Path(path).name)))
            continue
        name = _copy_name(path, mask)
        target, n = inside(out_dir, name), 1
        while target in used or target in inputs:
            n += 1
            target = inside(out_dir, f"{Path(name).stem}_{n}.docx")
        used.add(target)
        atomic_write_bytes(target, data)
        written.append(target)
    if echo:
        click.echo(annotate_summary(out_dir, written, not_docx, failed, pictures), err=True)
    return written


def annotate_by_branch(result: CheckResult, contexts: dict, out_dir: Path, *, show_pii: bool = False,
                       echo: bool = True, sources: Mapping[str, str] | None = None) -> list[Path]:
    """``annotate`` into one folder per branch under ``out_dir`` (the office's own files, which
    list many branches, in ``OFFICE``); return the copies' paths."""
    view = build_view(result, show_pii=True, contexts=contexts)  # grouping only: names as given
    folder_of = {g.file: OFFICE if g.status.kind in MULTI_BRANCH_KINDS else (g.branch or NO_BRANCH)
                 for g in view.groups}
    written: list[Path] = []
    for folder in sorted(set(folder_of.values())):
        mine = {f for f, name in folder_of.items() if name == folder}
        part = CheckResult([s for s in result.files if s.file in mine], [f for f in result.findings if f.file in mine])
        if part.findings:
            written += annotate(part, inside(out_dir, folder), show_pii=show_pii, echo=echo, sources=sources)
    return written


def annotate_summary(out_dir: Path, written: list[Path], not_docx: list[str], failed: list[str],
                     pictures: list[str] = ()) -> str:
    line = f"已在“{out_dir}”写出 {len(written)} 份带批注的 .docx 副本（原文件未改动）。"
    if not_docx:
        listed = "、".join(not_docx[:5]) + ("等" if len(not_docx) > 5 else "")
        line += f"另有 {len(not_docx)} 份不是 .docx 的文件（{listed}）无法加批注，其问题请看报告。"
    if pictures:
        listed = "、".join(pictures[:5]) + ("等" if len(pictures) > 5 else "")
        line += f"{len(pictures)} 份扫描件或照片（{listed}）的文字在图片里，无法在图片中加批注，其问题请看报告。"
    if failed:
        line += f"{len(failed)} 份 .docx 无法打开加批注：{'、'.join(failed[:5])}。"
    return line
